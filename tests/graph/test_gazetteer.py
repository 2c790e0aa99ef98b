"""The gazetteer: every UK council, with codes, nation and duties, and its aliases resolve."""

from __future__ import annotations

import csv
from collections import Counter

from councilgraph.graph.core.gazetteer import load_gazetteer


def test_gazetteer_has_every_current_uk_council_with_codes():
    gaz = load_gazetteer()
    current = [c for c in gaz.councils.values() if not c.active_to]
    nations = Counter(c.nation for c in current)
    assert nations["Scotland"] == 32 and nations["Wales"] == 22 and nations["Northern Ireland"] == 11
    assert all(c.gss_code[:1] in {"E", "W", "S", "N"} for c in current)
    # the councils Ofsted rates: England's 153 children's services authorities
    rated = [c for c in current if c.rated_by_ofsted]
    assert len(rated) == 153
    assert all(c.gss_code[:3] in {"E06", "E08", "E09", "E10"} for c in rated)
    assert all(c.wikidata.startswith("Q") for c in rated)


def test_only_councils_with_childrens_services_are_named_by_the_place_alone():
    gaz = load_gazetteer()
    assert gaz.council_for("Wigan") == "wigan"
    assert gaz.council_for("Swansea") == "swansea"  # a Welsh principal council
    assert gaz.council_for("Hyndburn") is None  # a district: only "Hyndburn Council"
    assert gaz.council_for("Hyndburn Borough Council") == "hyndburn"
    assert gaz.council_for("Belfast") is None and gaz.council_for("Belfast City Council") == "belfast"


def test_gazetteer_resolves_aliases_case_insensitively():
    gaz = load_gazetteer()
    assert gaz.council_for("Sandwell MBC") == "sandwell"
    assert gaz.council_for("kingston council") == "kingston-upon-thames"
    assert gaz.council_for("Bucks") == "buckinghamshire"
    assert gaz.council_for("Kingston upon Hull City Council") == "hull"
    assert gaz.council_for("Greater Manchester") is None  # a combined authority, by its own name only
    assert gaz.council_for("Greater Manchester Combined Authority") is not None


def test_gazetteer_keeps_former_councils_with_successors():
    gaz = load_gazetteer()
    assert gaz.councils["bedfordshire"].active_to == "2009"
    assert set(gaz.councils["bedfordshire"].successors) == {"bedford", "central-bedfordshire"}
    assert gaz.councils["taunton-deane"].successors == ("somerset-west-and-taunton",)


def test_gazetteer_matches_reference_when_shared_is_present(shared_dir):
    path = shared_dir / "reference" / "uk_local_authorities.csv"
    rows = list(csv.DictReader(path.read_text("utf-8").splitlines()))
    gaz = load_gazetteer()
    for row in rows:
        assert gaz.council_for(row["official_name"]) is not None, row["official_name"]
