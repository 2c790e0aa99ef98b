"""The graph as a network: the NetworkX projection (``projection``), its analysis (``analyse``)
and the stories the report and page tell from it (``stories``).

Reads the RDF layer (``graph/rdf``); the exporters draw what it makes.
"""
