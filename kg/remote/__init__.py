"""Remote stores: ``kg push`` to a SPARQL server, queries there, and N-Quads for bulk loaders."""
