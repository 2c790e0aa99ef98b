"""Reviews (graph/resolve/review.py): the review file, and applying decisions to a real build.

The articles are the project's own (``tests/data/review``): a council rated inadequate, its
director resigning, a chief executive appointed with a former post elsewhere; ``later/`` adds an
article that states the resignation again and one that dates an inspection.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from councilgraph.graph.app.evaluate import review_precision
from councilgraph.graph.app.pipeline import build_graph
from councilgraph.graph.core.iris import fact_iri
from councilgraph.graph.core.model import Evidence, Post
from councilgraph.graph.interfaces.review_page import ReviewPage, fact_rows
from councilgraph.graph.rdf.validate import validate
from councilgraph.graph.resolve import Resolved, ResolvedFact, entity_iri
from councilgraph.graph.resolve.review import (
    Decision,
    ReviewError,
    append_review,
    apply_reviews,
    read_reviews,
)
from councilgraph.ontology import CG, CG_IRI

REVIEW = Path(__file__).resolve().parent.parent / "data" / "review"
FIRST, LATER = REVIEW / "first", REVIEW / "later"


@pytest.fixture(scope="module")
def first(nlp, tmp_path_factory):
    """The first articles built, their graph written, and the review page's rows of it."""
    folder = tmp_path_factory.mktemp("first")
    with build_graph([FIRST], nlp=nlp) as result:
        (folder / "graph.nt").write_bytes(result.ntriples)
    return folder, fact_rows(folder / "graph.nt")


def _page(rows, tmp_path: Path) -> ReviewPage:
    return ReviewPage(rows, tmp_path / "reviews.jsonl", "Ada Reviewer", today=lambda: "2026-01-02")


def _row(rows, kind: str, words: str) -> dict:
    return next(r for r in rows if r["kind"] == kind and words in r["quote"])


def _decide(page: ReviewPage, row: dict, status: str, **extra) -> Decision:
    body = {"fact": row["fact"], "article": row["article"], "start": row["start"], "end": row["end"]}
    decision = page.decide({**body, "status": status, **extra})
    append_review(page.reviews, decision)
    return decision


def _graph(nlp, *folders: Path, reviews=None, confirmed_only=False) -> tuple[Graph, object]:
    with build_graph(list(folders), nlp=nlp, reviews=reviews, confirmed_only=confirmed_only) as result:
        assert validate(result.graph).conforms
        return result.graph, result.reviewed


def test_the_review_file_is_lines_of_json_and_an_unfinished_line_is_dropped(first, tmp_path):
    _, rows = first
    page = _page(rows, tmp_path)
    one = _decide(page, _row(rows, "inspection", "rated"), "confirmed", note="checked ✓")
    with page.reviews.open("ab") as f:
        f.write(b'{"fact": "https://w3id.org/coun')  # a write the machine did not finish
    assert read_reviews(page.reviews) == [one]
    two = _decide(page, _row(rows, "post", "Darlington"), "wrong")
    assert read_reviews(page.reviews) == [one, two]
    lines = page.reviews.read_text("utf-8").splitlines()
    assert [json.loads(line)["status"] for line in lines] == ["confirmed", "wrong"]
    assert json.loads(lines[0])["note"] == "checked ✓" and json.loads(lines[0])["date"] == "2026-01-02"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": "fine"}, "status 'fine'"),
        ({"date": "yesterday"}, "not a date"),
        ({"date": "20260102"}, "not a date"),
        ({"date": "2026-02-30"}, "not a date"),
        ({"reviewer": " "}, "reviewer"),
        ({"status": "corrected", "correction": {"organisation": "atlantis"}}, "not in the gazetteer"),
        ({"status": "corrected", "correction": {"role": "Emperor"}}, "not a role"),
        ({"status": "corrected", "correction": {"year": "2021"}}, "no year"),  # a post has none
        ({"status": "confirmed", "correction": {"role": "Mayor"}}, "goes with status corrected"),
        ({"quote": "not the span's length"}, "does not fit"),
        ({"colour": "red"}, "unknown key"),
    ],
)
def test_a_bad_line_is_refused_with_its_number(first, tmp_path, change, message):
    _, rows = first
    page = _page(rows, tmp_path)
    good = _decide(page, _row(rows, "post", "Darlington"), "confirmed")
    bad = {**json.loads(good.to_json()), **change}
    with page.reviews.open("a", encoding="utf-8") as f:
        f.write(json.dumps(bad) + "\n")
    with pytest.raises(ReviewError, match=rf"line 2: .*{message}"):
        read_reviews(page.reviews)


def test_confirmed_corrected_and_wrong_facts_in_the_graph(nlp, first, tmp_path):
    _, rows = first
    page = _page(rows, tmp_path)
    rated, darlington = _row(rows, "inspection", "rated"), _row(rows, "post", "Darlington")
    resigned = _row(rows, "departure", "resigned")
    _decide(page, rated, "confirmed", note="as the report says")
    _decide(page, darlington, "wrong", note="a post he held before")
    _decide(
        page, resigned, "confirmed", correction={"role": "ChiefExecutive", "organisation": "stockton-on-tees"}
    )
    graph, reviewed = _graph(nlp, FIRST, reviews=read_reviews(page.reviews))
    assert not reviewed.unmatched

    inspection = URIRef(rated["fact"])
    assert graph.value(inspection, CG.reviewStatus) == CG.Confirmed
    review = graph.value(inspection, CG.review)
    assert (review, RDF.type, CG.Review) in graph
    assert graph.value(review, DCTERMS.date) == Literal("2026-01-02", datatype=XSD.date)
    assert graph.value(graph.value(review, PROV.wasAttributedTo), RDFS.label) == Literal("Ada Reviewer")
    assert str(graph.value(review, CG.reviewNote)) == "as the report says"

    # the wrong post is no fact of the graph; its review is, with the quote it was read from
    assert (URIRef(darlington["fact"]), None, None) not in graph
    (rejection,) = graph.subjects(CG.rejectedFact, URIRef(darlington["fact"]))
    assert graph.value(rejection, CG.reviewStatus) == CG.Rejected
    assert "Darlington" in str(graph.value(rejection, RDFS.label))
    quotes = {str(graph.value(e, CG.quote)) for e in graph.objects(rejection, CG.evidence)}
    assert quotes == {darlington["quote"]}

    # the corrected departure carries the reviewer's values and keeps the ones read
    (corrected,) = graph.subjects(CG.reviewStatus, CG.Corrected)
    assert (URIRef(resigned["fact"]), None, None) not in graph  # a new identity, a new IRI
    assert graph.value(corrected, CG.organisation) == URIRef(
        "https://w3id.org/councilgraph/id/council/stockton-on-tees"
    )
    assert (corrected, URIRef("http://www.w3.org/ns/org#role"), CG.ChiefExecutive) in graph
    original = graph.value(corrected, CG.review)
    assert graph.value(original, CG.originalRole) == CG.DirectorOfChildrensServices
    assert str(graph.value(original, CG.originalOrganisation)).endswith("/council/hartlepool")
    assert {str(q) for q in graph.objects(graph.value(corrected, CG.evidence), CG.quote)} == {
        resigned["quote"]
    }


def test_confirming_a_corrected_fact_keeps_the_correction(nlp, first, tmp_path):
    _, rows = first
    page = _page(rows, tmp_path)
    _decide(page, _row(rows, "departure", "resigned"), "corrected", correction={"role": "ChiefExecutive"})
    folder = tmp_path / "rebuilt"
    folder.mkdir()
    with build_graph([FIRST], nlp=nlp, reviews=read_reviews(page.reviews)) as result:
        (folder / "graph.nt").write_bytes(result.ntriples)
    again = ReviewPage(fact_rows(folder / "graph.nt"), page.reviews, "Bo Second", today=lambda: "2026-01-03")
    shown = _row(again.rows, "departure", "resigned")
    assert shown["status"] == "corrected" and shown["role"] == "chief executive"
    _decide(again, shown, "confirmed")  # the second reviewer agrees with the corrected fact
    graph, reviewed = _graph(nlp, FIRST, reviews=read_reviews(page.reviews))
    (fact,) = graph.subjects(CG.reviewStatus, CG.Corrected)
    assert (fact, URIRef("http://www.w3.org/ns/org#role"), CG.ChiefExecutive) in graph
    review = graph.value(fact, CG.review)
    assert str(graph.value(graph.value(review, PROV.wasAttributedTo), RDFS.label)) == "Bo Second"
    assert graph.value(review, CG.originalRole) == CG.DirectorOfChildrensServices


def test_the_last_decision_about_a_fact_wins(nlp, first, tmp_path):
    _, rows = first
    page = _page(rows, tmp_path)
    darlington = _row(rows, "post", "Darlington")
    _decide(page, darlington, "wrong")
    _decide(page, darlington, "unsure")
    graph, reviewed = _graph(nlp, FIRST, reviews=read_reviews(page.reviews))
    assert graph.value(URIRef(darlington["fact"]), CG.reviewStatus) == CG.Unsure
    assert not reviewed.rejected
    _decide(page, darlington, "wrong")
    graph, reviewed = _graph(nlp, FIRST, reviews=read_reviews(page.reviews))
    assert (URIRef(darlington["fact"]), RDF.type, None) not in graph and len(reviewed.rejected) == 1


def test_a_decision_finds_its_fact_by_its_evidence_when_the_iri_changed(nlp, first, tmp_path):
    """New articles can give a fact a new IRI (two people merged, a year settled): the decision
    then finds the statement at its evidence whose values agree most with what the reviewer saw."""
    _, rows = first
    page = _page(rows, tmp_path)
    decision = _decide(page, _row(rows, "post", "Darlington"), "wrong")
    moved = replace(decision, fact="https://w3id.org/councilgraph/id/membership/000000000000")
    graph, reviewed = _graph(nlp, FIRST, reviews=[moved])
    assert len(reviewed.rejected) == 1 and not reviewed.unmatched


def test_of_two_facts_at_one_quote_the_values_the_reviewer_saw_decide():
    """Two posts read from one quote ("A and B, directors at X and Y"): with its IRI gone, a
    decision goes to the one whose values agree most with what the reviewer saw, and to neither
    when both agree as much. (Resolved facts made by hand: no spaCy needed.)"""
    ev = Evidence(0, 21, "a quote of twenty-one")
    posts = [
        ResolvedFact(
            "post",
            ("p", o, "ChiefExecutive"),
            "a1",
            Post("person:ann", f"council:{o}", "ChiefExecutive", "chief executive", ev),
        )
        for o in ("leeds", "york")
    ]
    resolved = Resolved(facts=posts)
    seen = {
        "person": entity_iri("person:ann"),
        "organisation": entity_iri("council:york"),
        "role": "ChiefExecutive",
    }
    decision = Decision(
        "https://w3id.org/councilgraph/id/membership/gone",
        "post",
        "a1",
        "a.txt",
        0,
        21,
        ev.quote,
        "confirmed",
        "Ada",
        "2026-01-02",
        fields=seen,
    )
    (marked,) = apply_reviews(resolved, [decision]).marks
    assert marked == str(fact_iri("membership", "p", "york", "ChiefExecutive"))
    vague = replace(decision, fields={"person": seen["person"], "role": "ChiefExecutive"})
    assert apply_reviews(resolved, [vague]).unmatched == [vague]


def test_reviews_survive_new_articles(nlp, first, tmp_path):
    _, rows = first
    page = _page(rows, tmp_path)
    _decide(page, _row(rows, "departure", "resigned"), "confirmed")
    _decide(page, _row(rows, "inspection", "Redcar"), "confirmed")
    _decide(page, _row(rows, "post", "Darlington"), "wrong")
    graph, reviewed = _graph(nlp, FIRST, LATER, reviews=read_reviews(page.reviews))
    assert not reviewed.unmatched and len(reviewed.rejected) == 1
    departure = URIRef(_row(rows, "departure", "resigned")["fact"])
    assert graph.value(departure, CG.reviewStatus) == CG.Confirmed
    assert int(graph.value(departure, CG.supportCount)) == 2  # the new article states it too
    assert len(set(graph.subjects(CG.reviewStatus, CG.Confirmed))) == 2


def test_confirmed_only_keeps_the_facts_a_reviewer_confirmed_or_corrected(nlp, first, tmp_path):
    _, rows = first
    page = _page(rows, tmp_path)
    _decide(page, _row(rows, "inspection", "rated"), "confirmed")
    _decide(page, _row(rows, "post", "Oakcroft"), "unsure")
    _decide(page, _row(rows, "departure", "resigned"), "confirmed", correction={"role": "ChiefExecutive"})
    graph, reviewed = _graph(nlp, FIRST, reviews=read_reviews(page.reviews), confirmed_only=True)
    facts = {
        s for cls in (CG.Inspection, CG.Departure, CG.Appointment) for s in graph.subjects(RDF.type, cls)
    }
    facts |= set(graph.subjects(RDF.type, URIRef("http://www.w3.org/ns/org#Membership")))
    assert {graph.value(f, CG.reviewStatus) for f in facts} == {CG.Confirmed, CG.Corrected}
    assert len(facts) == 2 and reviewed.left_out > 0


def test_the_same_reviews_give_the_same_bytes(nlp, first, tmp_path):
    _, rows = first
    page = _page(rows, tmp_path)
    _decide(page, _row(rows, "inspection", "rated"), "confirmed")
    _decide(page, _row(rows, "post", "Darlington"), "wrong")
    decisions = read_reviews(page.reviews)
    with (
        build_graph([FIRST], nlp=nlp, reviews=decisions) as one,
        build_graph([FIRST], nlp=nlp, reviews=list(reversed(decisions))) as two,
    ):
        assert one.ntriples == two.ntriples  # (the two decisions are about different facts)


def test_precision_on_reviewed_facts_counts_each_fact_once(first, tmp_path):
    _, rows = first
    page = _page(rows, tmp_path)
    _decide(page, _row(rows, "post", "Darlington"), "confirmed")
    _decide(page, _row(rows, "post", "Darlington"), "wrong")  # changed its mind: the last counts
    _decide(page, _row(rows, "post", "Oakcroft"), "confirmed")
    _decide(page, _row(rows, "inspection", "rated"), "unsure")
    _decide(page, _row(rows, "departure", "resigned"), "corrected", correction={"role": "ChiefExecutive"})
    counts = review_precision(read_reviews(page.reviews))
    assert counts == {"post": (1, 2, 0), "inspection": (0, 0, 1), "departure": (0, 1, 0)}


def test_a_live_graph_applies_the_reviews_as_a_build_does_after_each_article(nlp, first, tmp_path):
    """``serve --store --ingest`` keeps a live graph (``graph/rdf/units.py``): with reviews, after each
    article it is the graph a build of those articles with those reviews gives, byte for byte."""
    from councilgraph.graph.nlp.read import read_article
    from councilgraph.graph.nlp.stage import extract_articles
    from councilgraph.graph.rdf.units import UnitGraph

    _, rows = first
    page = _page(rows, tmp_path)
    _decide(page, _row(rows, "inspection", "rated"), "confirmed", note="seen")
    _decide(page, _row(rows, "post", "Darlington"), "wrong")
    _decide(page, _row(rows, "departure", "resigned"), "confirmed", correction={"role": "ChiefExecutive"})
    decisions = read_reviews(page.reviews)
    paths = sorted(FIRST.glob("*.txt")) + sorted(LATER.glob("*.txt"))
    facts = list(extract_articles([read_article(p) for p in paths], nlp))
    live = UnitGraph(facts[:1], reviews=decisions)
    for k in range(1, len(facts)):
        live.add(facts[k])
        with build_graph(paths[: k + 1], nlp=nlp, reviews=decisions) as result:
            assert b"".join(live.lines()) == result.ntriples, paths[k].name
    assert b"cg:Rejected".replace(b"cg:", CG_IRI.encode()) in b"".join(live.lines())


def test_a_rejected_fact_is_recorded_in_words(nlp, first, tmp_path):
    """The record of a rejected departure names its role as people do, not by the concept's name."""
    _, rows = first
    page = _page(rows, tmp_path)
    resigned = _row(rows, "departure", "resigned")
    _decide(page, resigned, "wrong", note="not what the article says")
    graph, _reviewed = _graph(nlp, FIRST, reviews=read_reviews(page.reviews))
    (rejection,) = graph.subjects(CG.rejectedFact, URIRef(resigned["fact"]))
    label = str(graph.value(rejection, RDFS.label))
    assert label.startswith("departure: ") and "director of children's services" in label, label
