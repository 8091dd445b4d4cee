"""Generate realistic synthetic ClinicalTrials.gov API v2 study records, seeded.

    .venv/bin/python benchmarks/generate.py --n 20000 --seed 1 --out DIR [--format dir|jsonl|zip]

``dir`` writes ``DIR/NCT9xxxxxxx.json`` (one pretty-printed study per file, like the
registry's downloads), ``jsonl`` writes ``DIR/studies.jsonl`` (one compact study a line),
``zip`` writes ``DIR/ctg-studies.json.zip`` (one JSON per study, like the bulk download).
Records are made one at a time and written at once (memory does not grow with ``--n``);
the same seed gives byte-identical output.
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synth_study import Study, nct_id, study  # noqa: E402
from benchmarks.synth_vocab import vocabulary  # noqa: E402

FORMATS = ("dir", "jsonl", "zip")
ZIP_NAME, JSONL_NAME = "ctg-studies.json.zip", "studies.jsonl"
#: a fixed member timestamp, so zips are byte-identical
_ZIP_TIME = (2025, 1, 1, 0, 0, 0)


def studies(n: int, seed: int, start: int = 0) -> Iterator[Study]:
    """Records ``start`` .. ``start + n - 1`` of the set for ``seed``, one at a time."""
    vocab = vocabulary()
    for index in range(start, start + n):
        yield study(seed, index, vocab)


def pretty(record: Study) -> bytes:
    return json.dumps(record, ensure_ascii=False, indent=2).encode()


def write(n: int, seed: int, out: Path, fmt: str = "dir") -> Path:
    """Write ``n`` records into ``out`` in ``fmt``; returns the path to give ``kg build``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "dir":
        for index, record in enumerate(studies(n, seed)):
            (out / f"{nct_id(index)}.json").write_bytes(pretty(record))
        return out
    if fmt == "jsonl":
        path = out / JSONL_NAME
        with path.open("wb") as handle:
            for record in studies(n, seed):
                handle.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
        return path
    path = out / ZIP_NAME
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for index, record in enumerate(studies(n, seed)):
            info = zipfile.ZipInfo(f"{nct_id(index)}.json", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, pretty(record))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True, help="how many records")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--format", choices=FORMATS, default="dir")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    try:
        path = write(args.n, args.seed, args.out, args.format)
    except OSError as exc:
        print(f"generate: cannot write to {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.n} records (seed {args.seed}) -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
