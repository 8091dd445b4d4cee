"""Small helpers the XML formats (GraphML, GEXF) share."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from kg.export.model import Value, coerce, format_value


def text(value: Value, to: type) -> str:
    """``value`` as the schema's type ``to``, written as XML text."""
    return format_value(coerce(value, to))


def write_xml(root: ET.Element, out: Path) -> None:
    """Write ``root`` indented, UTF-8, with an XML declaration."""
    ET.indent(root, space="  ")
    out.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    with out.open("a", encoding="utf-8") as f:
        f.write("\n")
