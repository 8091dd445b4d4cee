"""``kg serve``: a SPARQL 1.1 Protocol endpoint, the named queries over HTTP, and a query page."""
