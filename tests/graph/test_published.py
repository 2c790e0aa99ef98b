"""An article's publication date, in every form a saved article carries it (one test per form).

Texts written for these tests. A date the text does not give is never made up: a date alone on
the very first line is the website's header, and a body date is not the dateline.
"""

from __future__ import annotations

import pytest

from councilgraph.graph.nlp.read import decode_article

BODY = "Ofsted has rated Derby City Council's children's services inadequate.\n"


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Derby rated inadequate\nPublished: 4 May 2019\n\n" + BODY, "2019-05-04"),
        ("Derby rated inadequate\nLast updated 4 May 2019, 10:02 BST\n\n" + BODY, "2019-05-04"),
        ("Derby rated inadequate\n4 May 2019, 09:13 | Updated: 5 May 2019, 10:20\n\n" + BODY, "2019-05-04"),
        ("Jo Writer 4 May 2019\n\nDerby rated inadequate\n\n" + BODY, "2019-05-04"),
        ("Derby rated inadequate\nBy Jo Writer | Saturday 4 May 2019\n\n" + BODY, "2019-05-04"),
        ("news from the region\n\n04.05.19\n\nDerby rated inadequate\n\n" + BODY, "2019-05-04"),
        ("Derby rated inadequate\n2019-05-04\n\n" + BODY, "2019-05-04"),  # ISO: year, month, day
        (
            "Derby rated inadequate\n\nOfsted published its report today (Saturday 4 May, 2019).\n",
            "2019-05-04",
        ),
        ("Derby rated inadequate\n\nMay 4, 2019\n\n" + BODY, "2019-05-04"),
        ("Headlines: May 4th, 2019\n\nDerby rated inadequate\n\n" + BODY, "2019-05-04"),  # a one-word label
    ],
)
def test_a_dateline_in_the_text(text, published):
    assert decode_article(text.encode(), "derby.txt").published == published


@pytest.mark.parametrize(
    "text",
    [
        "Monday 7 December 2026\nDerby rated inadequate\n\n" + BODY,  # the site's header: today's date
        "Derby rated inadequate\n\nThe inspection ended on 4 May 2019 and found failings.\n",  # a body date
        "Derby rated inadequate\n\n" + BODY,
        "Inspection: 4 May 2019 found failings\n\n" + BODY,  # a label, but the line goes on
    ],
)
def test_no_date_where_the_article_prints_none(text):
    assert decode_article(text.encode(), "derby.txt").published is None


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="article:published_time" content="2019-05-04T08:30:00+01:00">',
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2019-05-04"}</script>',
        '<meta itemprop="datePublished" content="2019-05-04">',
    ],
)
def test_a_saved_pages_metadata(head):
    html = (
        f"<html><head>{head}</head><body><article><h1>Derby rated</h1><p>{BODY}</p></article></body></html>"
    )
    assert decode_article(html.encode(), "derby.html").published == "2019-05-04"


def test_a_time_element_in_a_saved_page():
    html = (
        '<html><body><article><h1>Derby rated</h1><time datetime="2019-05-04">4 May</time>'
        f"<p>{BODY}</p></article></body></html>"
    )
    assert decode_article(html.encode(), "derby.html").published == "2019-05-04"


@pytest.mark.parametrize(
    ("name", "published"),
    [("2019-05-04-derby.txt", "2019-05-04"), ("derby_20190504.txt", "2019-05-04"), ("derby-2019.txt", None)],
)
def test_a_date_in_the_file_name(name, published):
    assert decode_article(BODY.encode(), name).published == published


def test_the_text_beats_the_file_name():
    text = "Derby rated inadequate\nPublished: 6 May 2019\n\n" + BODY
    assert decode_article(text.encode(), "2019-05-04-derby.txt").published == "2019-05-06"
