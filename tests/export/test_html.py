"""The HTML view is self-contained and never lets document text become markup."""

from __future__ import annotations

import re
from pathlib import Path

from kg.export import html
from kg.export.model import Edge, Node, PropertyGraph
from tests.export.readers import read_html

EVIL = '</script><script>alert("x")</script><b>&amp;'


def evil_graph() -> PropertyGraph:
    return PropertyGraph.of(
        [Node("urn:a", EVIL, "Trial", {"title": EVIL}), Node("urn:b", "b", "Drug")],
        [Edge("urn:a", "urn:b", "urn:p", "gives", {"schedule": EVIL})],
    )


def test_no_external_resources(tmp_path: Path) -> None:
    out = tmp_path / "v.html"
    html.write(evil_graph(), out)
    text = out.read_text(encoding="utf-8")
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=|@import|url\(http", text)
    assert text.count("<script") == 2  # the data block and the inline view


def test_document_text_is_escaped(tmp_path: Path) -> None:
    out = tmp_path / "v.html"
    html.write(evil_graph(), out)
    text = out.read_text(encoding="utf-8")
    assert "alert(" in text and '<script>alert("x")' not in text and "<b>" not in text
    back = read_html(out)
    assert {n.label for n in back.nodes} == {EVIL, "b"}
    assert back.edges[0].props["schedule"] == EVIL


def test_the_view_only_sets_text_content() -> None:
    js = Path(html.__file__).with_name("html_view.js").read_text(encoding="utf-8")
    assert (
        "innerHTML" not in js
        and "eval(" not in js
        and "http" not in js.replace("http://www.w3.org/2000/svg", "")
    )
