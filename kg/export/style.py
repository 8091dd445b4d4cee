"""How node types look in the visual formats (DOT and HTML): one colour per type."""

from __future__ import annotations

COLOURS = {
    "Trial": "#4e79a7",
    "Arm": "#a0cbe8",
    "Drug": "#f28e2b",
    "DrugClass": "#ffbe7d",
    "Target": "#59a14f",
    "TargetFamily": "#8cd17d",
    "Pathway": "#b6992d",
    "Condition": "#e15759",
    "Organization": "#79706e",
}
OTHER = "#bab0ac"


def colour(node_type: str) -> str:
    """The fill colour of a node type (grey for types not listed)."""
    return COLOURS.get(node_type, OTHER)
