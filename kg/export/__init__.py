"""Exports of the knowledge graph: a property-graph projection and one writer per format.

:mod:`kg.export.projection` computes a :class:`~kg.export.model.PropertyGraph` from the store;
each format module (``graphml``, ``gexf``, ``cytoscape``, ``neo4j_csv``, ``dot``, ``html``,
``rdf``) registers a writer in :mod:`kg.export.registry`.
"""
