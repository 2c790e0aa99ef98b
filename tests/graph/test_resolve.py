"""Cross-article resolution: people, events and decisions, on rules and on real builds.

The end-to-end tests build ``tests/data/resolution`` (six articles written for them, invented
people; see ``tests/data/README.md``) with the real pipeline and ask the graph with SPARQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from councilgraph.exporters.merges import merge_rows
from councilgraph.graph.app.pipeline import build_graph
from councilgraph.graph.core.errors import CouncilgraphError
from councilgraph.graph.resolve import (
    Decisions,
    PersonRecord,
    load_decisions,
    name_form,
    resolve_people,
)

RESOLUTION = Path(__file__).resolve().parent.parent / "data" / "resolution"
PREFIXES = """
PREFIX cg: <https://w3id.org/councilgraph/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX schema: <https://schema.org/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX org: <http://www.w3.org/ns/org#>
"""


def _record(article: str, name: str, orgs=(), roles=(), councils=()) -> PersonRecord:
    return PersonRecord(
        article,
        "person:" + name.lower().replace(" ", "-"),
        name,
        f"{article}.txt",
        frozenset(orgs),
        frozenset(roles),
        frozenset(councils),
    )


# ----------------------------------------------------------------------------- rules, no model
def test_name_form_ignores_titles_case_and_diacritics():
    assert name_form("Cllr José O'Neill") == name_form("jose oneill")
    assert name_form("Dr Ann B. Cole").compatible(name_form("Ann Cole"))
    assert name_form("Ann B. Cole").compatible(name_form("Ann Beatrice Cole"))
    assert not name_form("Ann B. Cole").compatible(name_form("Ann C. Cole"))
    assert not name_form("Ann Cole").compatible(name_form("Anne Cole"))


def test_same_name_at_unrelated_councils_stays_apart():
    res = resolve_people(
        [
            _record("a1", "Ann Cole", {"council:leeds"}, {"Councillor"}, {"council:leeds"}),
            _record("a2", "Ann Cole", {"council:cornwall"}, {"Councillor"}, {"council:cornwall"}),
        ]
    )
    assert res.person[("a1", "person:ann-cole")] != res.person[("a2", "person:ann-cole")]
    assert all(n[0].startswith("kept-apart") for n in res.notes.values())


def test_a_namesake_s_name_that_another_name_gives_too_never_makes_two_people_one():
    """Two Ann Coles are named ann-cole-leeds and ann-cole-cornwall; a person called Ann Cole Leeds
    would be ann-cole-leeds too, and her facts and the Leeds Ann Cole's would become one person's."""
    records = [
        _record("a1", "Ann Cole", {"council:leeds"}, {"Councillor"}, {"council:leeds"}),
        _record("a2", "Ann Cole", {"council:cornwall"}, {"Councillor"}, {"council:cornwall"}),
        _record("a3", "Ann Cole Leeds", {"org:safeguarding-partnership"}, {"Chair"}),
    ]
    for order in (records, records[::-1]):
        res = resolve_people(order)
        people = [res.person[("a1", "person:ann-cole")], res.person[("a2", "person:ann-cole")]]
        people.append(res.person[("a3", "person:ann-cole-leeds")])
        assert len(set(people)) == 3, people
        assert res.labels[people[0]] == "Ann Cole" and res.labels[people[2]] == "Ann Cole Leeds"
        assert people[1] == "ann-cole-cornwall"  # a name no other block gives stays as it was
        assert people[0].startswith("ann-cole-leeds-") and people[2].startswith("ann-cole-leeds-")
    lone = resolve_people(records[2:])
    assert lone.person[("a3", "person:ann-cole-leeds")] == "ann-cole-leeds"


@pytest.mark.parametrize(
    ("second", "rule"),
    [
        (_record("a2", "Ann Cole", {"council:leeds"}, {"CouncilLeader"}), "shared-organisation"),
        (_record("a2", "Ann Cole", councils={"council:leeds"}), "shared-council"),
        (_record("a2", "Ann Cole", {"council:york"}, {"Commissioner"}), "shared-role"),
    ],
)
def test_each_rule_links_and_says_why(second, rule):
    first = _record("a1", "Ann Cole", {"council:leeds"}, {"Commissioner"}, {"council:leeds"})
    res = resolve_people([first, second])
    assert res.person[first.id] == res.person[second.id] == "ann-cole"
    assert res.notes["ann-cole"][0].startswith(rule + ":")


def test_elected_roles_do_not_link_across_councils():
    res = resolve_people(
        [
            _record("a1", "Ann Cole", {"council:leeds"}, {"CabinetMember"}),
            _record("a2", "Ann Cole", {"council:york"}, {"CabinetMember"}),
        ]
    )
    assert len(set(res.person.values())) == 2


def test_party_membership_is_not_evidence():
    res = resolve_people(
        [
            _record("a1", "Ann Cole", {"org:labour"}, {"Other"}),
            _record("a2", "Ann Cole", {"org:labour"}, {"Other"}),
        ]
    )
    assert len(set(res.person.values())) == 2


def test_resolution_does_not_depend_on_record_order():
    records = [
        _record("a1", "Ann Cole", {"council:leeds"}),
        _record("a2", "Ann Cole", councils={"council:leeds", "council:york"}),
        _record("a3", "Ann Cole", {"council:york"}),
        _record("a4", "Ann Cole", {"council:cornwall"}),
    ]
    forward = resolve_people(records)
    backward = resolve_people(list(reversed(records)))
    assert forward.person == backward.person and forward.notes == backward.notes
    assert len({forward.person[r.id] for r in records[:3]}) == 1  # linked through a2
    assert forward.person[records[3].id] != forward.person[records[0].id]


def test_comparing_only_pairs_that_share_a_key_links_as_every_pair_would():
    """The resolver visits only pairs sharing an article, body, council or mobile post; on
    records where names recur often and ties overlap, the people, labels and notes are those of
    comparing every pair of a block in order (the loop it replaced)."""
    import random

    from councilgraph.graph.core.gazetteer import load_gazetteer
    from councilgraph.graph.resolve.people import _Resolver

    class EveryPair(_Resolver):
        def _link(self, block):
            for i, a in enumerate(block):
                for b in block[i + 1 :]:
                    self._try_link(a, b)

    rng = random.Random(7)
    names = ["Ann Cole", "Ann B. Cole", "Ann Beth Cole", "Ann C. Cole", "Cllr Ann Cole", "Tom Reid", "T Reid"]
    bodies = ["council:leeds", "council:york", "council:wigan", "org:ofsted", "org:labour-party", "org:dfe"]
    roles = ["Councillor", "DirectorOfChildrensServices", "Commissioner", "CouncilLeader", "ChiefExecutive"]
    records = []
    for n in range(260):
        article = f"a{n // 3}"  # three people to an article: same-article links too
        records.append(
            _record(
                article,
                rng.choice(names),
                set(rng.sample(bodies, rng.randint(0, 2))),
                set(rng.sample(roles, rng.randint(0, 2))),
                {b for b in rng.sample(bodies, rng.randint(0, 3)) if b.startswith("council:")},
            )
        )
    records = list({r.id: r for r in records}.values())  # one record per person key and article
    decisions = Decisions(different=[(["Ann Cole @ a3.txt", "Ann Cole @ a40.txt"], "two people")])
    gazetteer = load_gazetteer()
    fast = _Resolver(records, decisions, gazetteer).run()
    slow = EveryPair(records, decisions, gazetteer).run()
    assert fast.person == slow.person and fast.labels == slow.labels
    assert fast.alt_labels == slow.alt_labels and fast.notes == slow.notes
    assert 1 < len(set(fast.person.values())) < len(records) / 3  # many linked, not all in one


def test_a_forbidden_pair_is_never_joined_even_transitively():
    records = [
        _record("a1", "Ann Cole", {"council:leeds"}),
        _record("a2", "Ann Cole", councils={"council:leeds", "council:york"}),
        _record("a3", "Ann Cole", {"council:york"}),
    ]
    decisions = Decisions(different=[(["Ann Cole @ a1.txt", "Ann Cole @ a3.txt"], "two people")])
    res = resolve_people(records, decisions)
    assert res.person[records[0].id] != res.person[records[2].id]
    assert any("a decision: two people" in n for notes in res.notes.values() for n in notes)


def test_decisions_file_errors_are_one_clear_line(tmp_path):
    bad = tmp_path / "d.toml"
    bad.write_text("[[same]]\npeople = ['Only One']\n")
    with pytest.raises(CouncilgraphError, match=r"\[\[same\]\] entry 1 needs people"):
        load_decisions(bad)
    bad.write_text("[[merge]]\npeople = ['A B', 'C D']\n")
    with pytest.raises(CouncilgraphError, match="unknown table"):
        load_decisions(bad)
    bad.write_text("not = toml = at all")
    with pytest.raises(CouncilgraphError, match="decisions file"):
        load_decisions(bad)


# ----------------------------------------------------------------------------- real builds
@pytest.fixture(scope="module")
def resolved(nlp) -> Graph:
    return build_graph([RESOLUTION], nlp=nlp).graph


def _people(graph: Graph) -> dict[str, set[str]]:
    """person label (longest) -> source files of the articles that mention that node, per node."""
    rows = graph.query(
        PREFIXES
        + """SELECT ?p ?label ?file WHERE { ?p a foaf:Person ; rdfs:label ?label .
             ?a schema:mentions ?p ; cg:sourceFile ?file }"""
    )
    out: dict[str, set[str]] = {}
    for p, _label, file in rows:
        out.setdefault(str(p).rsplit("/", 1)[-1], set()).add(str(file))
    return out


def test_one_person_across_articles_with_every_source(resolved):
    people = _people(resolved)
    assert people["harriet-m-quill"] == {"r1_rutland_rating.txt", "r2_rutland_followup.txt"}
    assert people["owen-pelham"] == {"r1_rutland_rating.txt", "r2_rutland_followup.txt"}
    assert people["priya-oduya"] == {"r5_slough_interim.txt", "r6_walsall_director.txt"}
    labels = {str(o) for o in resolved.objects(None, None) if "Quill" in str(o)}
    assert {"Harriet M. Quill", "Harriet Quill"} <= labels  # the other form is an altLabel


def test_same_name_at_two_councils_is_two_people_with_a_note(resolved):
    people = _people(resolved)
    assert people["tom-baxendale-torbay"] == {"r3_torbay_councillor.txt"}
    assert people["tom-baxendale-cumbria"] == {"r4_cumbria_cabinet.txt"}
    rows = {(r[0].rsplit("/", 1)[-1], r[2]) for r in merge_rows(resolved)}
    assert ("tom-baxendale-torbay", "kept-apart") in rows
    assert ("priya-oduya", "shared-role") in rows


def test_events_reported_twice_are_one_node_with_both_sources(resolved):
    rows = resolved.query(
        PREFIXES
        + """SELECT ?kind ?n (COUNT(DISTINCT ?a) AS ?arts) WHERE {
               VALUES ?kind { cg:Inspection cg:Departure }
               ?f a ?kind ; cg:supportCount ?n ; prov:wasDerivedFrom ?a } GROUP BY ?kind ?f ?n"""
    )
    got = sorted((str(k).rsplit("#", 1)[-1], int(n), int(a)) for k, n, a in rows)
    # the Rutland inspection (year in one article only) and the director's resignation (role in
    # one article only) are each one node, stated by both articles
    assert got == [("Departure", 2, 2), ("Inspection", 2, 2)]
    year = resolved.query(PREFIXES + "SELECT ?y WHERE { ?i a cg:Inspection ; cg:year ?y }")
    assert [str(r[0]) for r in year] == ["2019"]


def test_different_inspections_of_one_council_stay_apart(nlp, tmp_path):
    for year, pub in ((2016, "2016"), (2022, "2022")):
        (tmp_path / f"ins{year}.txt").write_text(
            f"Published: 3 March {pub}\n\nOfsted rated Rutland County Council's children's "
            f'services "inadequate" in {year}.\n'
        )
    graph = build_graph([tmp_path], nlp=nlp).graph
    years = graph.query(PREFIXES + "SELECT ?y WHERE { ?i a cg:Inspection ; cg:year ?y } ORDER BY ?y")
    assert [str(r[0]) for r in years] == ["2016", "2022"]


def test_decisions_force_and_forbid_merges(nlp, tmp_path):
    decisions = tmp_path / "decisions.toml"
    decisions.write_text(
        '[[same]]\npeople = ["Tom Baxendale @ Torbay", "Tom Baxendale @ Cumbria"]\n'
        'reason = "one councillor who moved"\n\n'
        '[[different]]\npeople = ["Priya Oduya @ Slough", "Priya Oduya @ Walsall"]\n'
    )
    graph = build_graph([RESOLUTION], nlp=nlp, decisions=load_decisions(decisions)).graph
    people = _people(graph)
    assert people["tom-baxendale"] == {"r3_torbay_councillor.txt", "r4_cumbria_cabinet.txt"}
    assert people["priya-oduya-slough"] == {"r5_slough_interim.txt"}
    assert people["priya-oduya-walsall"] == {"r6_walsall_director.txt"}
    rules = {(r[0].rsplit("/", 1)[-1], r[2], r[3]) for r in merge_rows(graph)}
    assert any(p == "tom-baxendale" and rule == "decision" and "moved" in d for p, rule, d in rules)


def test_an_abbreviation_spelled_out_in_one_article_joins_its_organisation(nlp, tmp_path):
    (tmp_path / "a1.txt").write_text(
        "Published: 2 May 2021\n\nThe Northern Fostering Alliance (NFA) has warned that Leeds City "
        "Council cannot find enough foster carers.\n"
    )
    (tmp_path / "a2.txt").write_text(
        "Published: 9 May 2021\n\nThe NFA has called for higher allowances for foster carers in "
        "Bradford.\n\nMarta Kowal, chief executive of the NFA, said councils must pay more.\n"
    )
    graph = build_graph([tmp_path], nlp=nlp).graph
    rows = graph.query(
        PREFIXES
        + """SELECT ?label (GROUP_CONCAT(DISTINCT ?file; separator=" ") AS ?files) ?post WHERE {
               ?o a org:Organization ; rdfs:label ?label ; ^schema:mentions/cg:sourceFile ?file .
               FILTER NOT EXISTS { ?o a cg:Council }
               OPTIONAL { ?m org:organization ?o ; org:member/rdfs:label ?post } } GROUP BY ?label ?post"""
    )
    assert [(str(a), str(b), str(c)) for a, b, c in rows] == [
        ("Northern Fostering Alliance", "a1.txt a2.txt", "Marta Kowal")
    ]


def test_analysis_of_resolved_graph_timeline_movers_and_bridges(resolved):
    from councilgraph.graph.network.analyse import analyse

    report = analyse(resolved)
    rutland = report["timelines"]["Rutland County Council"]
    assert [(e["when"] or e["reported"], e["event"], e["who"]) for e in rutland] == [
        ("2019", "rated inadequate", ""),
        ("2019-03", "resigned director of children's services", "Owen Pelham"),  # "resigned in March"
    ]
    movers = {r["person"]: r["councils"] for r in report["people_at_several_councils"]}
    assert movers == {"Priya Oduya": ["Slough Borough Council", "Walsall Metropolitan Borough Council"]}
    bridges = {(r["kind"], r["label"]) for r in report["bridges_between_articles"]}
    assert {
        ("person", "Owen Pelham"),
        ("person", "Priya Oduya"),
        ("inspection", "Rutland · inadequate · 2019"),
    } <= bridges
    assert not any("Baxendale" in label for _kind, label in bridges)
