"""Every ordering of facts is total over their optional fields (``graph/core/order.py``).

A missing year, date, role, reason, inspectorate or kind of body sorts before any value, so that
sorting facts, resolving them and building their graph never fails on what an article leaves
out, and the result depends only on the set of facts, never on their order. Where no field is
missing, the order is the one ``order=True`` gave, so graphs built before are unchanged.
Property-based (hypothesis), no spaCy; facts are written here (invented keys, no article text).
"""

from __future__ import annotations

import dataclasses
import io
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from councilgraph.graph.core.events import departure_role, inspection_year, reported_groups
from councilgraph.graph.core.model import (
    Appointment,
    Article,
    ArticleFacts,
    Departure,
    Entity,
    Evidence,
    Inspection,
    Post,
    TextRange,
)
from councilgraph.graph.core.order import NoneFirst, order_key
from councilgraph.graph.rdf.units import UnitGraph
from councilgraph.graph.resolve import ResolvedFact, resolve
from councilgraph.graph.resolve.organisations import ResolvedEntity
from councilgraph.graph.resolve.people import PersonRecord

TEXT = "x" * 400
COUNCILS = ["council:wigan", "council:slough", "council:leeds"]
PEOPLE = ["person:ann-cole", "person:bo-tran", "person:cy-dale"]
ORGS = [*COUNCILS, "org:ofsted", "org:department-for-education"]
ROLES = ["ChiefExecutive", "DirectorOfChildrensServices", "CouncilLeader"]
KINDS = ["Resignation", "Dismissal", "Suspension", "Retirement"]
RATINGS = ["Inadequate", "RequiresImprovement", "Good", "Outstanding"]


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A value or None, about half and half: missing fields are what this file is about."""
    return st.one_of(st.none(), strategy)


evidence = st.builds(
    lambda start, length: Evidence(start, start + length, "x" * length),
    st.integers(0, 3),  # few positions: facts often share their evidence, so later fields decide
    st.integers(1, 3),
)
years = st.integers(2008, 2024)
dates = st.sampled_from(["2019", "2019-05", "2019-05-02", "2021-11-30"])
inspections = st.builds(
    Inspection,
    st.sampled_from(COUNCILS[:2]),
    st.sampled_from(RATINGS[:2]),
    evidence,
    maybe(st.just("org:ofsted")),
    maybe(years),
)
departures = st.builds(
    Departure,
    st.sampled_from(PEOPLE[:2]),
    st.sampled_from(ORGS[:2]),
    st.sampled_from(KINDS[:2]),
    evidence,
    maybe(st.sampled_from(ROLES[:2])),
    maybe(st.sampled_from(["ill health", "the report"])),
    maybe(dates),
)
posts = st.builds(
    Post, st.sampled_from(PEOPLE), st.sampled_from(ORGS[:2]), st.sampled_from(ROLES), st.just("x"), evidence
)
appointments = st.builds(
    Appointment,
    st.sampled_from(PEOPLE),
    st.sampled_from(ORGS[:2]),
    st.sampled_from(ROLES),
    st.just("x"),
    evidence,
)
entities = st.builds(
    Entity,
    st.sampled_from(["council", "org"]),
    st.sampled_from(["wigan", "ofsted"]),
    st.sampled_from(["Wigan", "Ofsted"]),
    st.sampled_from([(), ("W",)]),
    maybe(st.sampled_from(["inspectorate", "trust"])),
)
facts_of_one_kind = st.one_of(
    st.lists(inspections, max_size=8),
    st.lists(departures, max_size=8),
    st.lists(posts, max_size=8),
    st.lists(appointments, max_size=8),
    st.lists(entities, max_size=8),
)


def _as_order_true(value: Any) -> tuple[Any, ...]:
    """What ``order=True`` compared: the fields as a tuple (nested dataclasses likewise)."""
    return tuple(
        _as_order_true(v) if dataclasses.is_dataclass(v) else v
        for v in (getattr(value, f.name) for f in dataclasses.fields(value))
    )


@given(facts_of_one_kind)
def test_any_list_of_facts_sorts_and_the_order_is_total(items):
    ordered = sorted(items)  # never "'<' not supported between 'NoneType' and 'int'"
    for a, b in zip(ordered, ordered[1:], strict=False):
        assert a <= b and b >= a and not a > b
    for a in items:
        for b in items:
            assert sum((a < b, a == b, a > b)) == 1, (a, b)  # exactly one: a total order
            assert (a < b) == (order_key(a) < order_key(b))
            assert (a == b) == (order_key(a) == order_key(b))


@given(facts_of_one_kind, st.randoms(use_true_random=False))
def test_the_order_depends_only_on_the_facts_not_their_input_order(items, rnd):
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert sorted(shuffled) == sorted(items)
    assert sorted(set(shuffled)) == sorted(set(items))  # what extraction keeps of an article


@given(inspections, inspections)
def test_a_missing_field_sorts_before_any_value(a, b):
    if a.year is None and b.year is not None and dataclasses.replace(a, year=b.year) == b:
        assert a < b
    undated, dated = dataclasses.replace(a, year=None), dataclasses.replace(a, year=2015)
    assert undated < dated and dated > undated and undated != dated
    assert dataclasses.replace(a, inspectorate=None) <= dataclasses.replace(a, inspectorate="org:ofsted")


@given(facts_of_one_kind)
def test_without_missing_fields_the_order_is_order_true_s(items):
    complete = [x for x in items if all(getattr(x, f.name) is not None for f in dataclasses.fields(x))]
    assert sorted(complete) == sorted(complete, key=_as_order_true)


def test_two_inspections_in_one_sentence_one_dated_one_not_sort():
    """The case that stopped a build: one sentence, two reports of one rating, one with a year."""
    sentence = Evidence(10, 60, "x" * 50)
    dated = Inspection("council:slough", "Inadequate", sentence, "org:ofsted", 2011)
    undated = Inspection("council:slough", "Inadequate", sentence, "org:ofsted", None)
    assert sorted({dated, undated}) == [undated, dated]
    assert sorted([dated, undated], reverse=True) == [dated, undated]
    assert min(dated, undated) is undated and max(dated, undated) is dated


def test_other_classes_are_not_ordered_against_each_other():
    ev = Evidence(0, 1, "x")
    with pytest.raises(TypeError):
        _ = Post("p", "o", "r", "r", ev) < Appointment("p", "o", "r", "r", ev)  # type: ignore[operator]


def test_every_ordered_dataclass_of_the_stages_is_none_first():
    """No ``order=True`` left on the data the stages pass: each orders through NoneFirst."""
    for cls in (TextRange, Evidence, Entity, Post, Inspection, Departure, Appointment):
        assert issubclass(cls, NoneFirst), cls
    for cls in (ResolvedFact, ResolvedEntity, PersonRecord):
        assert issubclass(cls, NoneFirst), cls


def test_order_key_of_plain_values():
    assert order_key(None) < order_key(0) < order_key(1)
    assert order_key(None) < order_key("")
    assert order_key((None, 2)) < order_key((1, None))
    assert order_key(frozenset({2, 1})) == order_key(frozenset({1, 2}))
    assert sorted([3, None, 1, None], key=order_key) == [None, None, 1, 3]


# ----------------------------------------------------------------------------- events and resolution
@given(maybe(years), st.lists(maybe(years)), maybe(years), st.booleans())
def test_inspection_year_ignores_missing_years(stated, dated, published, same_text):
    got = inspection_year(stated, dated, published, same_text=same_text)
    assert got is None or isinstance(got, int)
    assert got == inspection_year(stated, [y for y in dated if y is not None], published, same_text=same_text)


@given(st.lists(maybe(dates)))
def test_reported_groups_takes_undated_reports(published):
    openers = reported_groups(published)
    assert len(openers) == len(published)
    assert all(published[i] is None or published[o] is not None for i, o in enumerate(openers))


@given(st.lists(maybe(st.sampled_from(ROLES))))
def test_departure_role_takes_missing_roles(roles):
    assert departure_role(None, roles) in {*roles, None}


def _article_facts(aid: str, published: str | None, items: list[Any]) -> ArticleFacts:
    facts = ArticleFacts(Article(aid, f"{aid}.txt", TEXT, aid * 4, published))
    for key in [*COUNCILS, *ORGS, *PEOPLE]:
        kind, local = key.split(":", 1)
        label = " ".join(w.capitalize() for w in local.split("-"))
        facts.entities[key] = Entity(
            "person" if kind == "person" else kind,
            local,
            label,
            (),
            None if kind != "org" else "inspectorate",
        )
        facts.mentions.add(key)
    for item in items:
        field = {
            Inspection: "inspections",
            Departure: "departures",
            Post: "posts",
            Appointment: "appointments",
        }
        getattr(facts, field[type(item)]).append(item)
    for name in ("posts", "inspections", "departures", "appointments"):
        setattr(facts, name, sorted(set(getattr(facts, name))))
    return facts


articles = st.lists(
    st.tuples(
        maybe(st.sampled_from(["2015-03-01", "2016-01-20", "2019-07-07"])),
        st.lists(st.one_of(inspections, departures, posts, appointments), max_size=6),
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles, st.randoms(use_true_random=False))
def test_resolution_and_the_graph_take_missing_fields_in_any_order(given_articles, rnd):
    """Facts with missing fields resolve and build, and the facts and the graph's bytes are the
    same whatever order the articles come in."""
    stated = [_article_facts(f"a{i}", pub, items) for i, (pub, items) in enumerate(given_articles)]
    shuffled = list(stated)
    rnd.shuffle(shuffled)
    first, second = resolve(stated), resolve(shuffled)
    assert first.facts == second.facts
    assert sorted(first.facts) == first.facts

    def graph(order: list[ArticleFacts]) -> bytes:
        graph = UnitGraph(spill=True)
        for facts in order:
            graph.take(facts)
        graph.write(*graph.resolve())
        out = io.BytesIO()
        graph.write_ntriples(out)
        return out.getvalue()

    assert graph(stated) == graph(shuffled)


def test_resolution_is_the_same_for_every_order_of_a_mixed_example():
    sentence = Evidence(10, 60, "x" * 50)
    items = [
        Inspection("council:slough", "Inadequate", sentence, "org:ofsted", 2011),
        Inspection("council:slough", "Inadequate", sentence, "org:ofsted", None),
        Departure("person:ann-cole", "council:slough", "Resignation", sentence, None, None, "2019"),
        Departure("person:ann-cole", "council:slough", "Resignation", sentence, "ChiefExecutive"),
    ]
    seen = set()
    for seed in range(12):
        shuffled = list(items)
        random.Random(seed).shuffle(shuffled)
        resolved = resolve([_article_facts("b1", "2014-08-01", shuffled), _article_facts("b2", None, items)])
        seen.add(tuple(resolved.facts))
    assert len(seen) == 1
