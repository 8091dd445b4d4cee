"""Extraction CPU per record, stage by stage, and a check that the output did not change.

    .venv/bin/python benchmarks/extract_profile.py PATH... [--limit N] [--warmup PATH...]
                                                   [--save FILE | --check FILE]
    .venv/bin/python benchmarks/extract_profile.py PATH... --profile [--limit N]

For every document under the paths (folders walked as ``kg build`` walks them; ``--limit``
keeps the first N documents of each path), it times in CPU seconds (``time.process_time``)
reading (:func:`kg.ingest.iter_documents`, layout detection included) and the three stages
of :func:`kg.pipeline.extract_serialized`: the layout's extractor, :func:`kg.enrich.enrich`
and :func:`kg.rdf.document_nquads` (the quads, written as N-Quads), and prints ms/record per
stage. ``--warmup PATH...`` extracts other documents first, untimed, so the one-time work
of a process (compiling the miners' patterns, loading the lexicon) is left out of the
figures, as it is from a long build. ``--save`` writes one line per document: its path and
the sha256 of its sorted N-Quads (parsed back from those bytes, untimed) without the ``prov:endedAtTime`` quad (the clock);
``--check`` compares against such a file and prints every document whose hash differs.
``--profile`` prints the top of a cProfile of the extraction instead.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import sys
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from kg.enrich import enrich
from kg.extractors.registry import layouts
from kg.ingest import iter_documents
from kg.namespaces import PROV
from kg.normalize.lexicon import Lexicon
from kg.pipeline import source_path
from kg.rdf import document_nquads
from kg.records import Document

STAGES = ("read", "extract", "enrich", "nquads")
_ENDED = str(PROV.endedAtTime)


def documents(paths: list[str], limit: int | None) -> Iterator[Document]:
    for path in paths:
        for doc in islice(iter_documents([path]), limit):
            if isinstance(doc, Document):
                yield doc


def digest(quads: list[ox.Quad]) -> str:
    """The sha256 of a document's sorted N-Quads, the clock's quad left out."""
    lines = sorted(str(q) for q in quads if q.predicate.value != _ENDED)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def run(docs: Iterator[Document], lexicon: Lexicon) -> tuple[dict[str, float], dict[str, str]]:
    """CPU seconds per stage, and each document's digest."""
    spent = dict.fromkeys(STAGES, 0.0)
    hashes: dict[str, str] = {}
    clock = time.process_time
    while True:
        t0 = clock()
        doc = next(docs, None)
        t1 = clock()
        if doc is None:
            break
        spent["read"] += t1 - t0
        record = layouts()[doc.layout].extract(doc)
        t2 = clock()
        record = enrich(record, lexicon)
        t3 = clock()
        _, nquads = document_nquads(doc, record, lexicon, source_path=source_path(doc))
        t4 = clock()
        spent["extract"] += t2 - t1
        spent["enrich"] += t3 - t2
        spent["nquads"] += t4 - t3
        hashes[doc.path] = digest(list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS)))
    return spent, hashes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--limit", type=int, default=None, help="first N documents per path")
    parser.add_argument("--save", type=Path, help="write the per-document hashes here")
    parser.add_argument("--check", type=Path, help="compare with hashes saved earlier")
    parser.add_argument("--profile", action="store_true", help="print a cProfile instead")
    parser.add_argument("--warmup", nargs="*", default=[], metavar="PATH",
                        help="extract these first, untimed (compiles the patterns once)")  # fmt: skip
    args = parser.parse_args(argv)
    lexicon = Lexicon.load()
    run(documents(args.warmup, None), lexicon)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(run, documents(args.paths, args.limit), lexicon)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(45)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
        return 0
    spent, hashes = run(documents(args.paths, args.limit), lexicon)
    n = len(hashes)
    total = sum(spent.values())
    figures = "  ".join(f"{s} {1000 * spent[s] / n:.2f}" for s in STAGES)
    print(f"{n} documents, CPU ms/record: {figures}  total {1000 * total / n:.2f}")
    if args.save:
        args.save.write_text("".join(f"{p}\t{h}\n" for p, h in hashes.items()))
    if args.check:
        saved = dict(line.split("\t") for line in args.check.read_text().splitlines())
        differ = sorted(p for p in hashes if saved.get(p) != hashes[p])
        for path in differ:
            print(f"DIFFERS: {path}")
        print(f"hash check: {n - len(differ)} of {n} identical ({len(saved)} saved)")
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
