"""The graph as RDF: the line writer (``build``, ``units``), sorted lines on disk (``spill``),
Oxigraph (``oxigraph``), the fact store (``store``), SHACL validation (``validate``) and SPARQL
(``sparql``, whose query workers run under ``sandbox``).

Imports ``graph/resolve``, ``graph/core`` and ``ontology``; never spaCy.
"""
