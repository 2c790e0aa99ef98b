"""The domain, with no spaCy, RDF store or I/O beyond reading rule data: the frozen dataclasses
(``model``), the table of fact kinds (``kinds``), identifiers (``iris``), the one order
(``order``), errors, rule data (``rules``, ``gazetteer``), dates and the event identity rules
(``dates``, ``events``), and small utilities (``atomic``, ``clock``, ``collector``).

The lowest layer of ``graph/``: it imports only ``councilgraph.ontology`` (the vocabulary).
"""
