"""Resolution as one pure stage: ArticleFacts in, Resolved out, no spaCy, no RDF.

Facts are written by hand here (invented people and articles), so each identity rule is tested on
its own: the year of an inspection, undated reports of one rating, a departure's role, and
abbreviations spelled out in one article.
"""

from __future__ import annotations

from itertools import permutations

import pytest

from councilgraph.graph.core.events import departure_role, inspection_year, reported_groups
from councilgraph.graph.core.model import Article, ArticleFacts, Departure, Entity, Evidence, Inspection, Post
from councilgraph.graph.resolve import resolve


def _article(aid: str, published: str | None) -> Article:
    return Article(aid, f"{aid}.txt", "x" * 200, aid, published)


def _ev(start: int = 0) -> Evidence:
    return Evidence(start, start + 5, "xxxxx")


def _inspections(aid: str, published: str | None, *items: tuple[str, int | None]) -> ArticleFacts:
    facts = ArticleFacts(_article(aid, published))
    facts.entities["council:wigan"] = Entity("council", "wigan", "Wigan")
    facts.mentions.add("council:wigan")
    facts.inspections = [
        Inspection("council:wigan", rating, _ev(i * 10), year=year) for i, (rating, year) in enumerate(items)
    ]
    return facts


@pytest.mark.parametrize(
    ("stated", "dated", "published", "expected"),
    [
        (2019, [2017], 2020, 2019),  # a stated year is kept
        (None, [2021], 2022, 2021),  # the one dated inspection, reported a year later
        (None, [2021], 2021, 2021),
        (None, [2016], 2022, None),  # too long after: another inspection, year unknown
        (None, [2016, 2021], 2022, 2021),  # only one of two fits the publication date
        (None, [2020, 2021], 2022, None),  # two fit: no guess
        (None, [], 2022, None),  # nothing dated: unknown (never the publication year by default)
        (None, [2018], None, None),  # an article without a date cannot be placed
        (None, [2018, 2020], None, None),
    ],
)
def test_inspection_year_rule(stated, dated, published, expected):
    assert inspection_year(stated, dated, published) == expected


def test_within_one_text_a_rating_mentioned_again_is_the_dated_one():
    assert inspection_year(None, [2015], None, same_text=True) == 2015
    assert inspection_year(None, [2015, 2019], None, same_text=True) is None


def test_undated_reports_within_a_year_are_grouped():
    published = ["2022-05-12", "2022-06-01", "2022-08-30", "2024-02-01", None]
    groups = reported_groups(published)
    assert groups[0] == groups[1] == groups[2] == 0
    assert groups[3] == 3 and groups[4] == 4


def test_departure_role_is_the_one_other_reports_give():
    assert departure_role("ChiefExecutive", ["Mayor"]) == "ChiefExecutive"
    assert departure_role(None, ["ChiefExecutive", None]) == "ChiefExecutive"
    assert departure_role(None, ["ChiefExecutive", "Mayor"]) is None


def test_one_rating_reported_over_months_is_one_inspection():
    articles = [
        _inspections("a1", "2022-05-12", ("Inadequate", None)),
        _inspections("a2", "2022-06-20", ("Inadequate", None)),
        _inspections("a3", "2022-07-02", ("Inadequate", None)),
        _inspections("a4", "2022-08-01", ("Inadequate", None)),
    ]
    resolved = resolve(articles)
    identities = {f.identity for f in resolved.facts if f.kind == "inspection"}
    assert len(identities) == 1


def test_an_undated_report_joins_the_dated_inspection_it_fits():
    articles = [
        _inspections("a1", "2021-03-01", ("Inadequate", 2021)),
        _inspections("a2", "2022-01-10", ("Inadequate", None)),
        _inspections("a3", "2015-01-10", ("Inadequate", 2014)),
    ]
    resolved = resolve(articles)
    by_article = {f.article_id: f for f in resolved.facts if f.kind == "inspection"}
    assert by_article["a2"].identity == by_article["a1"].identity
    assert by_article["a2"].fact.year == 2021  # type: ignore[union-attr]
    assert by_article["a3"].identity != by_article["a1"].identity


def test_resolution_depends_only_on_the_set_of_articles():
    articles = [
        _inspections("a1", "2021-03-01", ("Inadequate", 2021)),
        _inspections("a2", "2022-01-10", ("Inadequate", None), ("Good", None)),
        _inspections("a3", None, ("Good", None)),
    ]
    results = {tuple(resolve(list(order)).facts) for order in permutations(articles)}
    assert len(results) == 1


def test_people_and_abbreviations_resolve_across_articles():
    one = ArticleFacts(_article("b1", "2020-01-01"))
    one.entities["person:ann-lee"] = Entity("person", "ann-lee", "Ann Lee")
    one.entities["org:northern-fostering-alliance"] = Entity(
        "org", "northern-fostering-alliance", "Northern Fostering Alliance", ("NFA",)
    )
    one.mentions |= {"person:ann-lee", "org:northern-fostering-alliance"}
    one.posts = [
        Post("person:ann-lee", "org:northern-fostering-alliance", "ChiefExecutive", "chief executive", _ev())
    ]
    one.departures = [
        Departure("person:ann-lee", "org:northern-fostering-alliance", "Resignation", _ev(), "ChiefExecutive")
    ]
    two = ArticleFacts(_article("b2", "2020-02-01"))
    two.entities["person:ann-lee"] = Entity("person", "ann-lee", "Ann Lee")
    two.entities["org:nfa"] = Entity("org", "nfa", "NFA")
    two.mentions |= {"person:ann-lee", "org:nfa"}
    two.departures = [Departure("person:ann-lee", "org:nfa", "Resignation", _ev())]
    resolved = resolve([one, two])
    assert "org:nfa" not in resolved.bodies
    assert resolved.mentions["b2"] == ["org:northern-fostering-alliance", "person:ann-lee"]
    departures = [f for f in resolved.facts if f.kind == "departure"]
    assert len(departures) == 2 and len({f.identity for f in departures}) == 1  # one departure, two reports
    late = next(f.fact for f in departures if f.article_id == "b2")
    assert late.organisation == "org:northern-fostering-alliance"  # type: ignore[union-attr]
    assert late.role == "ChiefExecutive"  # type: ignore[union-attr]  # the role the other report gives
    assert len(resolved.people.labels) == 1
