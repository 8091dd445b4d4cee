"""Ingest: paths (files, folders, ``.zip``, ``.jsonl``, API pages, exports) -> documents.

A JSON study is identified by its canonical serialization (sorted keys, no spaces), so the
same study read from a single file, a JSON Lines file, an API page, a classic API response
or a zip archive is the same document with the same sha256 and lands in the same named
graph. Every container is split into one document per study (per row for CSV/TSV exports);
a member that cannot be read is one :class:`Failure` and the others still come.
"""

from kg.ingest.base import Failure
from kg.ingest.reader import iter_documents

__all__ = ["Failure", "iter_documents"]
