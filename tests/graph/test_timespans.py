"""When a post was held, and when an appointment or departure happened (``graph/nlp/extract/timespans.py``).

Every sentence is written for these tests (invented people, real councils). Each class of dating
phrase has a sentence that must be read and, beside it, one where the same phrase is about
something else, or where the value cannot be known, and must give nothing.
"""

from __future__ import annotations

import pytest

from councilgraph.graph.core.dates import date_value
from councilgraph.graph.core.model import Article, ArticleFacts, Post
from councilgraph.graph.nlp.extract import extract_facts
from councilgraph.graph.nlp.furniture import find_furniture, mask


def _facts(nlp, text: str, published: str | None = "2022-06-10") -> ArticleFacts:
    furniture = tuple(find_furniture(text))
    article = Article("t", "t.txt", text, "h", published, furniture=furniture)
    return extract_facts(nlp(mask(text, furniture)), article)


def _dated(facts: ArticleFacts, person: str) -> set[tuple[str | None, str | None]]:
    return {(p.began, p.ended) for p in facts.posts if p.person == person and (p.began or p.ended)}


def _evidence_holds(facts: ArticleFacts, text: str) -> None:
    for fact in [*facts.posts, *facts.appointments, *facts.departures]:
        assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.quote


@pytest.mark.parametrize(
    ("phrase", "published", "value"),
    [
        ("7 April 2016", None, "2016-04-07"),
        ("April 2016", None, "2016-04"),
        ("Sept. 2016", None, "2016-09"),
        ("2016", None, "2016"),
        ("April", "2022-06-10", "2022-04"),
        ("August", "2022-06-10", "2021-08"),  # news reports what has happened: the August before
        ("April", None, None),  # no publication date: no year
        ("May last year", "2022-06-10", "2021-05"),
        ("May this year", "2022-06-10", "2022-05"),
        ("last year", "2022-06-10", "2021"),
        ("last year", None, None),
        ("31 February 2016", None, None),
        ("Smarch 2016", None, None),
    ],
)
def test_a_date_phrase_gives_what_it_states_at_its_precision(phrase, published, value):
    assert date_value(phrase, published) == value


def test_since_a_year_dates_the_beginning_of_the_post_it_hangs_on(nlp):
    text = "Rotherham Council's children's services director, Maud Pellow, director since 2014, spoke first."
    facts = _facts(nlp, text)
    assert _dated(facts, "person:maud-pellow") == {("2014", None)}
    dated = next(p for p in facts.posts if p.began)
    assert dated.evidence.quote.endswith("since 2014")  # the quote shows the date it gives
    _evidence_holds(facts, text)


def test_since_about_something_else_in_the_sentence_dates_nothing(nlp):
    text = "Peter Grange, leader of Rotherham Council, said the service had been failing since 2014."
    facts = _facts(nlp, text)
    assert any(p.person == "person:peter-grange" for p in facts.posts)
    assert _dated(facts, "person:peter-grange") == set()


def test_between_two_years_dates_both_ends(nlp):
    text = "Idris Wenlow was chief executive of Rotherham Council between 2015 and 2018."
    assert _dated(_facts(nlp, text, None), "person:idris-wenlow") == {("2015", "2018")}


def test_from_one_year_until_another_dates_both_ends(nlp):
    text = "Idris Wenlow was chief executive of Rotherham Council from 2015 until 2018."
    assert _dated(_facts(nlp, text, None), "person:idris-wenlow") == {("2015", "2018")}


def test_until_a_month_with_its_year_dates_the_end(nlp):
    text = "Idris Wenlow, chief executive of Rotherham Council until March 2020, has joined a charity."
    assert _dated(_facts(nlp, text, None), "person:idris-wenlow") == {(None, "2020-03")}


def test_until_a_month_without_its_year_is_not_read(nlp):
    text = "Idris Wenlow, chief executive of Rotherham Council until March, has joined a charity."
    assert _dated(_facts(nlp, text), "person:idris-wenlow") == set()


def test_a_duration_counts_back_from_the_publication_date_and_only_then(nlp):
    text = "Idris Wenlow, the chief executive of Rotherham Council, who has held the post for three years, resigned."
    assert _dated(_facts(nlp, text, "2022-06-10"), "person:idris-wenlow") == {("2019", None)}
    assert _dated(_facts(nlp, text, None), "person:idris-wenlow") == set()  # never invented
    bounded = text.replace("for three years", "for more than three years")
    assert _dated(_facts(nlp, bounded, "2022-06-10"), "person:idris-wenlow") == set()


def test_an_appointment_in_a_month_dates_the_appointment_and_begins_the_post(nlp):
    text = "Idris Wenlow was appointed chief executive of Rotherham Council in May 2019."
    facts = _facts(nlp, text)
    assert {a.date for a in facts.appointments if a.person == "person:idris-wenlow"} == {"2019-05"}
    assert _dated(facts, "person:idris-wenlow") == {("2019-05", None)}
    _evidence_holds(facts, text)


def test_a_date_on_another_change_in_the_same_quote_is_not_the_appointments(nlp):
    text = "Idris Wenlow joined Rotherham Council in 2013 and became chief executive."
    facts = _facts(nlp, text)
    assert all(a.date != "2013" for a in facts.appointments if a.role == "ChiefExecutive")


def test_a_resignation_in_a_month_dates_the_departure_and_ends_the_post(nlp):
    text = "Idris Wenlow resigned as chief executive of Rotherham Council in March 2020."
    facts = _facts(nlp, text)
    assert {d.date for d in facts.departures if d.person == "person:idris-wenlow"} == {"2020-03"}
    assert _dated(facts, "person:idris-wenlow") == {(None, "2020-03")}


def test_a_date_in_another_sentence_dates_nothing(nlp):
    text = "Idris Wenlow is chief executive of Rotherham Council. The council was founded in 1974."
    facts = _facts(nlp, text)
    assert any(p.person == "person:idris-wenlow" for p in facts.posts)
    assert _dated(facts, "person:idris-wenlow") == set()
    assert all(a.date is None for a in facts.appointments)


def test_the_post_during_is_the_interval_its_ends_give():
    from councilgraph.graph.core.model import Evidence, Interval

    ev = Evidence(0, 1, "x")
    assert Post("p", "o", "r", "r", ev).during is None
    assert Post("p", "o", "r", "r", ev, began="2014").during == Interval("2014", None)
