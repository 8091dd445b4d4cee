"""Exact files for a two-node graph, where the expected text is short enough to read."""

from __future__ import annotations

from pathlib import Path

from kg.export import dot, graphml, neo4j_csv
from kg.export.model import Edge, Node, PropertyGraph

GRAPH = PropertyGraph.of(
    [Node("urn:t", "NCT1", "Trial", {"enrollment": 40}), Node("urn:d", "anlotinib", "Drug")],
    [Edge("urn:t", "urn:d", "urn:gives", "gives", {"dose": 12.0, "route": "oral"})],
)

GRAPHML = """<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="n_label" for="node" attr.name="label" attr.type="string" />
  <key id="n_type" for="node" attr.name="type" attr.type="string" />
  <key id="n_enrollment" for="node" attr.name="enrollment" attr.type="long" />
  <key id="e_label" for="edge" attr.name="label" attr.type="string" />
  <key id="e_predicate" for="edge" attr.name="predicate" attr.type="string" />
  <key id="e_dose" for="edge" attr.name="dose" attr.type="double" />
  <key id="e_route" for="edge" attr.name="route" attr.type="string" />
  <graph id="trialkg" edgedefault="directed">
    <node id="urn:d">
      <data key="n_label">anlotinib</data>
      <data key="n_type">Drug</data>
    </node>
    <node id="urn:t">
      <data key="n_label">NCT1</data>
      <data key="n_type">Trial</data>
      <data key="n_enrollment">40</data>
    </node>
    <edge id="e0" source="urn:t" target="urn:d">
      <data key="e_label">gives</data>
      <data key="e_predicate">urn:gives</data>
      <data key="e_dose">12.0</data>
      <data key="e_route">oral</data>
    </edge>
  </graph>
</graphml>
"""

DOT = """digraph trialkg {
  graph [rankdir="LR", overlap="false"];
  node [shape="box", style="rounded,filled", fontname="Helvetica"];
  edge [fontname="Helvetica", fontsize="9"];
  "urn:d" ["label"="anlotinib", "type"="Drug", "fillcolor"="#f28e2b"];
  "urn:t" ["label"="NCT1", "type"="Trial", "fillcolor"="#4e79a7", "enrollment"="40"];
  "urn:t" -> "urn:d" ["label"="gives", "predicate"="urn:gives", "dose"="12.0", "route"="oral"];
}
"""

NODES_CSV = """iri:ID,:LABEL,label,enrollment:long
urn:d,Drug,anlotinib,
urn:t,Trial,NCT1,40
"""

RELATIONSHIPS_CSV = """:START_ID,:END_ID,:TYPE,label,predicate,dose:double,route:string
urn:t,urn:d,GIVES,gives,urn:gives,12.0,oral
"""


def test_graphml(tmp_path: Path) -> None:
    graphml.write(GRAPH, tmp_path / "g.graphml")
    assert (tmp_path / "g.graphml").read_text(encoding="utf-8") == GRAPHML


def test_dot(tmp_path: Path) -> None:
    dot.write(GRAPH, tmp_path / "g.dot")
    assert (tmp_path / "g.dot").read_text(encoding="utf-8") == DOT


def test_neo4j_csv(tmp_path: Path) -> None:
    neo4j_csv.write(GRAPH, tmp_path / "neo4j")
    assert (tmp_path / "neo4j" / "nodes.csv").read_text(encoding="utf-8") == NODES_CSV
    assert (tmp_path / "neo4j" / "relationships.csv").read_text(encoding="utf-8") == (
        RELATIONSHIPS_CSV
    )


def test_dot_quotes_and_newlines(tmp_path: Path) -> None:
    g = PropertyGraph.of([Node("urn:x", 'a "b"\\c\nd', "Drug")], [])
    dot.write(g, tmp_path / "q.dot")
    assert '"urn:x" ["label"="a \\"b\\"\\\\c\\nd"' in (tmp_path / "q.dot").read_text()
