"""Ingest: paths (files, folders, ``.zip``, ``.jsonl``, API pages) -> :class:`Document` s.

A JSON study is identified by its canonical serialization (sorted keys, no spaces), so the
same study read from a single file, a JSON Lines file, an API page or a zip archive is the
same document with the same sha256 and lands in the same named graph.
"""

from kg.ingest.reader import Failure, iter_documents

__all__ = ["Failure", "iter_documents"]
