"""The ingest tests compare documents' graphs, not the reasoner's: its run is skipped here.

:func:`kg.analysis.classify.refresh_inferred` starts a Java reasoner (about 10 s of wall time
on this machine) once per build; the inferred graph it writes is derived from the document
graphs these tests compare, and has tests of its own in ``tests/analysis``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="module")
def no_reasoner() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("kg.analysis.classify.refresh_inferred", lambda store: 0)
        yield
