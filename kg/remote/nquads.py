"""Sharded N-Quads for bulk loaders (Virtuoso's ``ld_dir``, ``oxigraph load``, Jena's ``tdb2.tdbloader``)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyoxigraph as ox

from kg.store.base import Store


def write_shards(store: Store, folder: str | Path, shard_size: int = 1_000_000) -> list[Path]:
    """Write every quad of ``store`` to ``folder/part-00000.nq``, … (``shard_size`` quads each).

    N-Quads keeps one quad to a line, so each shard loads on its own and in any order.
    Old ``part-*.nq`` files in ``folder`` are removed first. Returns the shards written.
    """
    if shard_size < 1:
        raise ValueError("shard_size must be at least 1")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("part-*.nq"):
        old.unlink()
    shards: list[Path] = []
    with tempfile.TemporaryFile() as dump:
        store.dump(dump, ox.RdfFormat.N_QUADS)
        dump.seek(0)
        out = None
        count = 0
        for line in dump:
            if not line.strip():
                continue
            if out is None or count == shard_size:
                if out is not None:
                    out.close()
                shards.append(folder / f"part-{len(shards):05d}.nq")
                out = shards[-1].open("wb")
                count = 0
            out.write(line)
            count += 1
        if out is not None:
            out.close()
    return shards
