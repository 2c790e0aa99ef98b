"""The gazetteer: every children's services authority, with codes, and its aliases resolve."""

from __future__ import annotations

import csv

from councilgraph.graph.gazetteer import load_gazetteer


def test_gazetteer_has_every_current_authority_with_codes():
    gaz = load_gazetteer()
    current = [c for c in gaz.councils.values() if not c.active_to]
    assert len(current) == 153
    assert all(c.gss_code[:3] in {"E06", "E08", "E09", "E10"} for c in current)
    assert all(c.wikidata.startswith("Q") for c in current)


def test_gazetteer_resolves_aliases_case_insensitively():
    gaz = load_gazetteer()
    assert gaz.council_for("Sandwell MBC") == "sandwell"
    assert gaz.council_for("kingston council") == "kingston-upon-thames"
    assert gaz.council_for("Bucks") == "buckinghamshire"
    assert gaz.council_for("Kingston upon Hull City Council") == "hull"
    assert gaz.council_for("Greater Manchester") is None


def test_gazetteer_keeps_former_councils_with_successors():
    gaz = load_gazetteer()
    assert gaz.councils["bedfordshire"].active_to == "2009"
    assert set(gaz.councils["bedfordshire"].successors) == {"bedford", "central-bedfordshire"}


def test_gazetteer_matches_reference_when_shared_is_present(shared_dir):
    path = shared_dir / "reference" / "english_childrens_services_authorities.csv"
    rows = list(csv.DictReader(path.read_text("utf-8").splitlines()))
    gaz = load_gazetteer()
    for row in rows:
        if not row["active_to"]:
            assert gaz.council_for(row["official_name"]) is not None, row["official_name"]
