"""The kind tables (``graph/kinds.py``) and the prefix tables written beside them (``PREFIXES``,
``ontology/context.jsonld``) agree: a kind added to one and not the others fails here."""

from __future__ import annotations

import json
from importlib.resources import files

from councilgraph.graph.kinds import ENTITY_KINDS, FACT_KINDS
from councilgraph.ontology import CGR, PREFIXES


def test_every_kind_has_its_prefix_in_both_prefix_tables():
    """A kind's IRIs are written with its prefix in Turtle and SPARQL (``PREFIXES``) and in JSON-LD
    (``ontology/context.jsonld``): a kind added to the table and not to them would be written whole."""
    context = json.loads((files("councilgraph.ontology") / "context.jsonld").read_text("utf-8"))["@context"]
    expected = {k.iri_kind: f"{CGR}{k.iri_kind}/" for k in FACT_KINDS}
    expected |= {k.name: f"{CGR}{k.key_prefix}/" for k in ENTITY_KINDS}
    for prefix, base in expected.items():
        assert PREFIXES.get(prefix) == base, prefix
        assert context.get(prefix) == base, prefix
    assert {n: b for n, b in context.items() if b.startswith(str(CGR))}.items() <= PREFIXES.items()
