"""Extraction rules, each on sentences written for the test (invented people, real councils)."""

from __future__ import annotations

import pytest

from councilgraph.graph.nlp.extract import extract_facts
from councilgraph.graph.nlp.furniture import mask
from councilgraph.graph.nlp.read import decode_article


def facts(nlp, text: str):
    article = decode_article(text.encode("utf-8"), "t.txt")
    return extract_facts(nlp(mask(article.text, article.furniture)), article)


def label(f, key: str) -> str:
    return f.entities[key].label


def posts(f):
    return {(label(f, p.person), p.role, p.organisation.split(":")[1]) for p in f.posts}


def test_entities_place_names_are_councils_and_ofsted_an_organisation(nlp):
    f = facts(nlp, "Ofsted said Dudley had failed. Dudley Council leader Ann Example disagreed.")
    kinds = {(e.kind, e.label) for e in f.entities.values()}
    assert ("org", "Ofsted") in kinds
    assert ("council", "Dudley Metropolitan Borough Council") in kinds
    assert ("person", "Ann Example") in kinds
    assert not any(e.kind == "person" and e.label in {"Dudley", "Ofsted"} for e in f.entities.values())


def test_entities_surname_and_title_resolve_to_the_full_name(nlp):
    f = facts(
        nlp, "Council leader Peter Quayle spoke first. Later, Councillor Quayle said Mr Quayle's plan stood."
    )
    people = [e.label for e in f.entities.values() if e.kind == "person"]
    assert people == ["Peter Quayle"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Leeds City Council chief executive Rob Hartley welcomed the report.",
            ("Rob Hartley", "ChiefExecutive", "leeds"),
        ),
        (
            "Jane Doyle, the authority's director of children's services, welcomed it. Leeds was praised.",
            ("Jane Doyle", "DirectorOfChildrensServices", "leeds"),
        ),
        (
            "Slough's cabinet member for children and young people, Ravi Anand, spoke.",
            ("Ravi Anand", "CabinetMember", "slough"),
        ),
        (
            "The UKIP group leader Colin Marsh said Walsall had failed.",
            ("Colin Marsh", "GroupLeader", "walsall"),
        ),
        (
            "Kate Lindsay, the director of children's services at neighbouring Bexley Council, was drafted in.",
            ("Kate Lindsay", "DirectorOfChildrensServices", "bexley"),
        ),
    ],
)
def test_posts_title_before_and_after_the_name(nlp, text, expected):
    assert expected in posts(facts(nlp, text))


def test_posts_need_an_organisation(nlp):
    f = facts(nlp, "The children's secretary, Alan Marr, spoke in Parliament.")
    assert not f.posts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ofsted has rated Wigan Council's children's services as \"inadequate\".",
            {("wigan", "Inadequate")},
        ),
        (
            "Inspectors judged Torbay's children's services to require improvement.",
            {("torbay", "RequiresImprovement")},
        ),
        (
            "Ofsted named Bolton and Bury as inadequate on Tuesday.",
            {("bolton", "Inadequate"), ("bury", "Inadequate")},
        ),
    ],
)
def test_inspections_rated_judged_named(nlp, text, expected):
    got = {(i.council.split(":")[1], i.rating) for i in facts(nlp, text).inspections}
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ofsted inspected four of Wigan Council's children's homes. It found two to be \"inadequate\".",
        "Staff at Wigan Council did outstanding work and good things, the mayor said.",
        "The leadership of Wigan Council was rated 'inadequate' but services overall were not.",
    ],
)
def test_inspections_not_of_the_council(nlp, text):
    assert not facts(nlp, text).inspections


def test_inspections_year_from_text(nlp):
    f = facts(nlp, "In a previous inspection back in 2011, Halton Council's services were rated 'adequate'.")
    assert [(i.rating, i.year) for i in f.inspections] == [("Adequate", 2011)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Wigan Council's director of children's services, Neil Baxter, resigned last week.", "Resignation"),
        ("Wigan Council's chief executive Amy Fell was sacked on Monday.", "Dismissal"),
        (
            "Wigan Council's director of children's services, Neil Baxter, was suspended pending an inquiry.",
            "Suspension",
        ),
        ("Wigan Council's chief executive Amy Fell, who retired in May, was praised.", "Retirement"),
    ],
)
def test_departures_by_kind(nlp, text, kind):
    f = facts(nlp, text)
    assert [d.kind for d in f.departures] == [kind]
    assert f.departures[0].organisation == "council:wigan"


@pytest.mark.parametrize(
    "text",
    [
        "Opposition councillors said Wigan Council leader Sam Peel should resign.",
        "There were calls for Wigan Council leader Sam Peel to step down.",
        "Wigan Council leader Sam Peel refused to resign.",
        "Wigan Council leader Sam Peel did not resign.",
    ],
)
def test_departures_called_for_refused_or_negated_are_not_departures(nlp, text):
    assert not facts(nlp, text).departures


def test_departure_reason_is_kept(nlp):
    f = facts(
        nlp, "Wigan Council's director of children's services Neil Baxter resigned for personal reasons."
    )
    assert f.departures[0].reason == "personal reasons"


def test_appointments_named_person_with_role(nlp):
    f = facts(nlp, "Wigan Council has appointed Rosa Hunt as interim director of children's services.")
    got = {(label(f, a.person), a.role, a.organisation) for a in f.appointments}
    assert got == {("Rosa Hunt", "DirectorOfChildrensServices", "council:wigan")}


def test_appointments_unnamed_appointee_is_not_an_appointment(nlp):
    f = facts(nlp, "A commissioner will be sent in to Wigan Council, the government said.")
    assert not f.appointments


def test_evidence_quotes_are_exact(nlp):
    text = "Intro line.\r\nWigan Council's director of children's services, Neil Baxter, resigned.\r\n"
    f = facts(nlp, text)
    for fact in [*f.posts, *f.departures]:
        assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.quote


def test_tokens_with_finds_the_words_a_rule_acts_on_in_text_order(nlp):
    """The departures and appointments rules read only these tokens: by lemma (any inflection, any
    case) or by lower-case form; an empty text has none."""
    from councilgraph.graph.nlp.extract.context import Context

    text = "The head resigned in May. Her Appointment as chief was announced; she resigns today."
    article = decode_article(text.encode(), "words.txt")
    ctx = Context.create(nlp(text), article)
    found = ctx.tokens_with({"resign"}, {"appointment"})
    assert [t.text for t in found] == ["resigned", "Appointment", "resigns"]
    same = [t for t in ctx.doc if t.lemma_.lower() in {"resign"} or t.lower_ in {"appointment"}]
    assert found == same  # exactly the tokens the rules' old loop over every word would act on
    assert ctx.tokens_with(set(), set()) == []
    empty = Context.create(nlp.make_doc(""), article)
    assert empty.tokens_with({"resign"}, {"appointment"}) == []
