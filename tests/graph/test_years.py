"""How news dates an inspection: the year a rating is given, when the text lets a reader work it out.

Every sentence here is written for these tests (real councils, no real people). Each rule has a
sentence it must date and, beside it, one that looks alike and must not be dated so: a year of
something else, a rating of the past told as if now, a rating held for years.
"""

from __future__ import annotations

import pytest

from councilgraph.graph.core.model import Article, ArticleFacts
from councilgraph.graph.nlp.extract import extract_facts
from councilgraph.graph.nlp.furniture import find_furniture, mask

LEDE = (
    "The council's cabinet met on Tuesday evening to discuss its budget for next year. "
    "Members agreed to spend more on family support workers across the whole city. "
)
"""Two opening sentences with no rating: what follows is not the article's lede."""


def _facts(nlp, text: str, published: str | None = "2022-06-06") -> ArticleFacts:
    furniture = tuple(find_furniture(text))
    article = Article("t", "t.txt", text, "h", published, furniture=furniture)
    return extract_facts(nlp(mask(text, furniture)), article)


def _years(nlp, text: str, published: str | None = "2022-06-06") -> set[tuple[str, str, int | None]]:
    return {(i.council, i.rating, i.year) for i in _facts(nlp, text, published).inspections}


# ------------------------------------------------ a year on the inspection that finds the rating


@pytest.mark.parametrize(
    "text",
    [
        "The last full inspection, published on 12 March 2019, found Derby City Council's "
        "children's services to be inadequate.",
        "In March 2019 an Ofsted inspection found Derby City Council's children's services to be inadequate.",
    ],
)
def test_a_year_on_the_inspection_that_finds_the_rating_dates_it(nlp, text):
    assert _years(nlp, LEDE + text) == {("council:derby", "Inadequate", 2019)}


def test_a_year_on_someone_else_who_finds_it_does_not(nlp):
    text = "A director who joined in 2019 found Derby City Council's children's services to be inadequate."
    assert _years(nlp, LEDE + text) == {("council:derby", "Inadequate", None)}


def test_a_clause_of_inspecting_dates_the_rating(nlp):
    text = "Derby City Council's children's services were rated good when they were last inspected in 2014."
    assert _years(nlp, LEDE + text) == {("council:derby", "Good", 2014)}


def test_a_clause_of_something_else_does_not(nlp):
    text = "Derby City Council's children's services were rated good when the new director arrived in 2014."
    assert _years(nlp, LEDE + text) == {("council:derby", "Good", None)}


# ----------------------------------------------------------------------- since a year


def test_rated_since_a_year_was_rated_then(nlp):
    text = "Derby City Council's children's services have been rated inadequate since 2017."
    assert _years(nlp, LEDE + text) == {("council:derby", "Inadequate", 2017)}


def test_a_since_of_another_clause_dates_nothing(nlp):
    text = (
        "Derby City Council's children's services have been rated inadequate, "
        "and the director has led the department since 2017."
    )
    assert _years(nlp, LEDE + text) == {("council:derby", "Inadequate", 2022)}  # the news, not 2017


# ------------------------------------------------------------------------ the same rating


def test_the_same_rating_in_a_year_repeats_the_rating_told_before(nlp):
    text = (
        "Ofsted judged that Derby City Council's children's services require improvement. "
        "Inspectors had given the same rating to the council in 2016."
    )
    assert ("council:derby", "RequiresImprovement", 2016) in _years(nlp, LEDE + text)


def test_a_different_rating_in_a_year_repeats_nothing(nlp):
    text = (
        "Ofsted judged that Derby City Council's children's services require improvement. "
        "Inspectors had given a different verdict to the council in 2016."
    )
    assert all(year != 2016 for _, _, year in _years(nlp, LEDE + text))


# ------------------------------------------------------- an inspection's headline verdict


def test_the_overall_verdict_told_without_a_year_is_the_articles_news(nlp):
    text = "Inspectors judged Derby City Council's children's services to be inadequate overall."
    assert _years(nlp, LEDE + text) == {("council:derby", "Inadequate", 2022)}


def test_the_overall_verdict_told_as_past_is_not(nlp):
    text = (
        "Inspectors had previously judged Derby City Council's children's services to be inadequate overall."
    )
    assert _years(nlp, LEDE + text) == {("council:derby", "Inadequate", None)}


def test_no_news_year_without_a_publication_date(nlp):
    text = "Inspectors judged Derby City Council's children's services to be inadequate overall."
    assert _years(nlp, LEDE + text, published=None) == {("council:derby", "Inadequate", None)}


# ------------------------------------------------ a move between ratings, a rating held for years


def test_a_leap_between_ratings_dates_only_the_new_one(nlp):
    text = "Children's services at Derby City Council leap from inadequate to outstanding in a new report."
    assert _years(nlp, text) == {
        ("council:derby", "Inadequate", None),
        ("council:derby", "Outstanding", 2022),
    }


def test_a_rating_held_for_years_is_not_the_articles_news(nlp):
    held = "Derby City Council's children's services have been rated inadequate for the past four years."
    news = "Derby City Council's children's services have been rated inadequate."
    assert _years(nlp, held) == {("council:derby", "Inadequate", None)}
    assert _years(nlp, news) == {("council:derby", "Inadequate", 2022)}


# ------------------------------------------------------------ two judgements, coordinated


def test_a_rating_coordinated_with_a_part_judgement_is_its_own_councils(nlp):
    text = (
        "The report judged children's services in Derby and Luton to be inadequate overall and "
        "assessed those in Stockport and Leeds to be inadequate in the area of keeping children safe."
    )
    assert {(c, r) for c, r, _ in _years(nlp, LEDE + text)} == {
        ("council:derby", "Inadequate"),
        ("council:luton", "Inadequate"),
    }


# ------------------------------------------- the article's news told without a council, then of one


def test_news_of_a_rating_naming_no_council_dates_it_when_told_of_one(nlp):
    text = (
        "Ofsted has ranked eight councils as inadequate in a report published today. "
        "Those ranked inadequate included Luton and Stockport."
    )
    years = _years(nlp, LEDE + text)
    assert ("council:luton", "Inadequate", 2022) in years
    assert ("council:stockport", "Inadequate", 2022) in years


def test_an_earlier_rating_naming_no_council_dates_nothing_told_later(nlp):
    text = (
        "Ofsted ranked eight councils as inadequate in 2015, a report says. "
        "Those ranked inadequate included Luton and Stockport."
    )
    years = _years(nlp, LEDE + text)
    assert ("council:stockport", "Inadequate", None) in years
    assert all(year != 2022 for _, _, year in years)


# ----------------------------------------------------------------- who tells is not who is rated


def test_a_council_named_only_as_the_source_is_not_rated(nlp):
    text = (
        "According to a Hampshire County Council report, in 2012 an inspection found the island's "
        "children's services to be inadequate."
    )
    assert all(c != "council:hampshire" for c, _, _ in _years(nlp, LEDE + text))


def test_a_council_rated_in_a_sentence_that_cites_a_source_is_rated(nlp):
    text = "Inspectors found Hampshire County Council's children's services to be inadequate, according to a report."
    assert {c for c, _, _ in _years(nlp, LEDE + text)} == {"council:hampshire"}


# ------------------------------------------------------ "since <year>, when it was rated ..."


def test_a_since_year_with_a_when_clause_giving_the_rating_dates_it(nlp):
    text = (
        "She said Luton's children's services have struggled since 2011, "
        "when Ofsted said the department 'required improvement'."
    )
    assert _years(nlp, LEDE + text) == {("council:luton", "RequiresImprovement", 2011)}


def test_a_since_year_with_a_when_clause_of_something_else_dates_nothing(nlp):
    text = (
        "Luton's children's services, rated inadequate by Ofsted, have struggled since 2011, "
        "when the director said the department would change."
    )
    assert _years(nlp, LEDE + text) == {("council:luton", "Inadequate", None)}


# ------------------------------------------------------------ relative dates told loosely


def test_the_readable_end_of_a_date_phrase_dates_it(nlp):
    text = (
        "Luton Borough Council, rated inadequate for the second time in two years last June, is to get help."
    )
    assert _years(nlp, LEDE + text, published="2016-01-08") == {("council:luton", "Inadequate", 2015)}


def test_some_time_after_a_rating_is_not_its_news(nlp):
    vague = (
        "The appointment comes a few months after Ofsted branded Luton Borough Council's services inadequate."
    )
    news = "The appointment comes after Ofsted branded Luton Borough Council's services inadequate."
    assert _years(nlp, vague) == {("council:luton", "Inadequate", None)}
    assert _years(nlp, news) == {("council:luton", "Inadequate", 2022)}


def test_years_later_count_from_the_year_told_before(nlp):
    text = (
        "Luton Borough Council was judged inadequate in 2014. The verdict shocked its staff. "
        "Three years later, inspectors ruled that its children's services still required improvement."
    )
    years = _years(nlp, LEDE + text, published=None)
    assert ("council:luton", "RequiresImprovement", 2017) in years


def test_years_later_after_two_years_told_before_dates_nothing(nlp):
    text = (
        "Luton Borough Council was judged inadequate in 2014 and again in 2015. "
        "Three years later, inspectors ruled that its children's services still required improvement."
    )
    years = _years(nlp, LEDE + text, published="2022-06-06")
    assert ("council:luton", "RequiresImprovement", None) in years


def test_a_relative_clause_on_the_year_giving_the_rating_is_dated_by_it(nlp):
    text = (
        "The service faltered again in 2017, where Ofsted rated Luton's children's services "
        "as 'requires improvement', and it has improved since."
    )
    assert ("council:luton", "RequiresImprovement", 2017) in _years(nlp, LEDE + text)


def test_a_since_year_right_after_the_rating_dates_it_however_parsed(nlp):
    rated = (
        "A trust was set up last year to run Luton's children's social care services, "
        "which have been rated as 'inadequate' since 2013."
    )
    before = (
        "The director of Luton's children's services since 2013 said they had been rated as "
        "'inadequate' by inspectors."
    )
    assert _years(nlp, LEDE + rated) == {("council:luton", "Inadequate", 2013)}
    assert all(year != 2013 for _, _, year in _years(nlp, LEDE + before))


# ------------------------------------- the undated news is the inspection the text dates just before


def test_undated_news_is_the_inspection_dated_in_the_year_before(nlp):
    text = (
        "The government steps in over Luton Borough Council's 'inadequate' children's services. "
        "An inspection last December found the council's children's services were still inadequate."
    )
    assert {year for _, _, year in _years(nlp, text)} == {2021}


def test_undated_news_is_not_an_inspection_dated_years_before(nlp):
    text = (
        "The government steps in over Luton Borough Council's 'inadequate' children's services. "
        "An inspection in December 2019 found the council's children's services were inadequate."
    )
    assert {year for _, _, year in _years(nlp, text)} == {2022, 2019}


# ------------------------------------------------- a rating named as a noun: "the assessment of ..."


def test_an_assessment_of_a_rating_given_in_a_year_is_that_years(nlp):
    text = (
        "In its latest report Ofsted has upgraded Luton Borough Council to 'good' from the assessment "
        "of 'requires improvement' it gave the council in 2014."
    )
    assert ("council:luton", "RequiresImprovement", 2014) in _years(nlp, LEDE + text)


def test_an_assessment_of_a_rating_with_no_year_is_not_dated(nlp):
    text = "In its latest report Ofsted has upgraded Luton Borough Council to 'good' from 'requires improvement'."
    assert ("council:luton", "RequiresImprovement", None) in _years(nlp, LEDE + text)
