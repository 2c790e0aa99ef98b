"""The prefix table (``graph/core/prefixes.py:PREFIXES``, of which the JSON-LD context is made) has
each kind of the kind tables (``graph/core/kinds.py``), from which it is made, and its prefix
compacts the kind's IRIs in JSON-LD."""

from __future__ import annotations

from councilgraph.exporters.jsonld import Compactor
from councilgraph.graph.core.kinds import ENTITY_KINDS, FACT_KINDS
from councilgraph.graph.core.prefixes import PREFIXES, jsonld_context
from councilgraph.ontology import CGR


def test_every_kind_has_its_prefix_in_turtle_sparql_and_json_ld():
    """A kind's IRIs are written with its prefix in Turtle and SPARQL (``PREFIXES``) and in JSON-LD
    (``jsonld_context()``): a kind added to the table and not to them would be written whole."""
    expected = {k.iri_kind: f"{CGR}{k.iri_kind}/" for k in FACT_KINDS}
    expected |= {k.name: f"{CGR}{k.key_prefix}/" for k in ENTITY_KINDS}
    compact = Compactor()
    for prefix, base in expected.items():
        assert PREFIXES.get(prefix) == base, prefix
        assert jsonld_context().get(prefix) == base, prefix
        assert compact.iri(f"{base}x1") == f"{prefix}:x1"
