"""An Oxigraph store whose bulk loader dies half-way, for the journaled bulk writes' tests."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox


class HalfLoadingStore:
    """An ``ox.Store`` whose bulk loader writes the first half of its input, then fails."""

    def __init__(self, inner: ox.Store) -> None:
        self.inner = inner

    def bulk_load(self, *, path: Path, format: ox.RdfFormat) -> None:
        lines = [ln for ln in Path(path).read_bytes().splitlines(keepends=True) if ln[:1] != b"#"]
        self.inner.bulk_load(b"".join(lines[: len(lines) // 2]), format=format)
        raise OSError("No space left on device")

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def __len__(self) -> int:
        return len(self.inner)
