"""The ontology is OWL 2 DL: the OWL API's OWL 2 DL profile check finds no violation, and HermiT
(the reasoner Protégé ships) loads and classifies it.

The profile check is the standard one (``OWL2DLProfile`` of the OWL API 5.1.9, run by
``tools/owl_profile.py``): every entity declared, every axiom in the OWL 2 DL profile, every
triple mapped to OWL. HermiT alone did not see undeclared entities (it took 165 violations,
``skos:Concept``, ``org:Membership``, ``foaf:Person`` and the SKOS annotations among them, for
granted). Both checks are shown to bite on broken copies.

Java and the OWL API's jars (``make setup`` fetches them) must be there: the tests skip, saying
why, where they are not, and fail instead when ``COUNCILGRAPH_REQUIRE_OWLAPI`` is set (CI sets it).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest
from rdflib import RDFS, XSD, URIRef

from councilgraph.ontology import CG, load_ontology

# seconds a test (processes, whole builds, Java): make test runs these, make check does not
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology" / "councilgraph.ttl"


def _unavailable(reason: str) -> None:
    if os.environ.get("COUNCILGRAPH_REQUIRE_OWLAPI"):
        pytest.fail(f"{reason}; COUNCILGRAPH_REQUIRE_OWLAPI is set, so the OWL 2 DL checks must run")
    pytest.skip(f"{reason}: the OWL 2 DL checks are skipped")


@pytest.fixture(scope="module")
def owl_profile():
    """tools/owl_profile.py, when Java and the OWL API's jars are there."""
    spec = importlib.util.spec_from_file_location("owl_profile", ROOT / "tools" / "owl_profile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("owl_profile", module)  # (dataclasses look their module up)
    spec.loader.exec_module(module)
    why = module.missing()
    if why:
        _unavailable(why)
    return module


@pytest.fixture(scope="module")
def owlready2():
    if shutil.which("java") is None:
        _unavailable("no Java on this machine (apt-get install default-jre)")
    try:
        import owlready2
    except ImportError:
        _unavailable("owlready2 (a test dependency) is not installed")
    return owlready2


def test_the_owl_api_finds_the_ontology_in_the_owl2_dl_profile(owl_profile):
    report = owl_profile.check(ONTOLOGY)
    assert report.axioms > 300  # the document was read
    assert report.problems == [], "\n".join(report.problems[:20])


def test_the_profile_check_bites(owl_profile, tmp_path):
    """An undeclared class, a datatype outside the OWL 2 datatype map, a triple OWL cannot read."""
    graph = load_ontology()
    graph.add((CG.Council, RDFS.subClassOf, URIRef("http://example.org/Undeclared")))
    graph.set((CG.year, RDFS.range, XSD.gYear))
    graph.add((CG.Council, URIRef("http://example.org/undeclaredProperty"), CG.Inspection))
    broken = tmp_path / "broken.ttl"
    graph.serialize(broken, format="turtle")
    problems = "\n".join(owl_profile.check(broken).problems)
    assert "UseOfUndeclaredClass" in problems and "Undeclared>" in problems
    assert "gYear" in problems
    assert "undeclaredProperty" in problems


def _classify(owlready2, graph, tmp_path, name: str) -> None:
    path = tmp_path / f"{name}.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(f"file://{path}").load()
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)


def test_hermit_classifies_the_ontology(owlready2, tmp_path):
    _classify(owlready2, load_ontology(), tmp_path, "councilgraph")


def test_hermit_rejects_a_datatype_outside_owl2(owlready2, tmp_path):
    graph = load_ontology()
    graph.set((CG.year, RDFS.range, XSD.gYear))
    with pytest.raises(Exception, match="gYear"):
        _classify(owlready2, graph, tmp_path, "broken")
