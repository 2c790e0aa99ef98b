"""The ontology is OWL 2 DL: HermiT (the reasoner Protégé ships) loads it and classifies it.

owlready2 runs HermiT on the machine's Java; the test skips, saying so, when no Java is installed.
A copy with an ``xsd:gYear`` range (outside the OWL 2 datatype map) must be rejected, so the check
is known to bite.
"""

from __future__ import annotations

import shutil

import pytest
from rdflib import RDFS, XSD

from councilgraph.ontology import CG, load_ontology

owlready2 = pytest.importorskip("owlready2", reason="owlready2 (a test dependency) is not installed")


def _classify(graph, tmp_path, name: str) -> None:
    path = tmp_path / f"{name}.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(f"file://{path}").load()
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)


@pytest.fixture(scope="module", autouse=True)
def _java():
    if shutil.which("java") is None:
        pytest.skip(
            "no Java on this machine: the HermiT OWL 2 DL check is skipped (apt-get install default-jre)"
        )


def test_hermit_classifies_the_ontology(tmp_path):
    _classify(load_ontology(), tmp_path, "councilgraph")


def test_hermit_rejects_a_datatype_outside_owl2(tmp_path):
    graph = load_ontology()
    graph.set((CG.year, RDFS.range, XSD.gYear))
    with pytest.raises(Exception, match="gYear"):
        _classify(graph, tmp_path, "broken")
