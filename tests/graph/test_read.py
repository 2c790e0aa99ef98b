"""Reading: encodings, BOM, binary and empty files, HTML main text, furniture, datelines."""

from __future__ import annotations

import pytest

from councilgraph.graph.core.errors import ArticleError
from councilgraph.graph.nlp.furniture import find_furniture, mask
from councilgraph.graph.nlp.read import decode_article, read_article

TEXT = "Council leader Jo Bloggs said the report was fair.\r\nShe will stay on.\n"


def test_read_keeps_crlf_offsets_and_drops_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    article = read_article(path)
    assert article.text == TEXT  # no newline translation, BOM gone
    assert not article.text_is_derived
    assert article.source_file == "a.txt"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t \n", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"PK\x03\x04\x14\x00", "zip"),
    ],
)
def test_read_refuses_non_articles_with_a_reason(data, reason):
    with pytest.raises(ArticleError) as info:
        decode_article(data, "bad.txt")
    assert reason in str(info.value)
    assert str(info.value).startswith("bad.txt: ") and str(info.value).endswith("; skipped")


def test_read_decodes_windows_1252_and_says_so():
    data = (
        "The council’s director resigned after Ofsted’s report on children’s services. "
        "Councillors said the café meeting was “difficult”.".encode("cp1252")
    )
    article = decode_article(data, "cp.txt")
    assert "council’s director" in article.text
    assert article.text_is_derived
    assert any("not UTF-8" in note for note in article.notes)


def test_read_decodes_utf16_with_bom():
    article = decode_article("Ofsted rated Leeds good.".encode("utf-16"), "u16.txt")
    assert article.text == "Ofsted rated Leeds good."


def test_read_html_main_text_drops_navigation_and_scripts():
    html = b"""<html><head><title>x</title><script>alert(1)</script></head><body>
    <nav>Home | News | Sign in</nav><article><h1>Slough rated good</h1>
    <p>Ofsted has rated Slough Borough Council &amp; its partners as "good".</p></article>
    <footer>Cookie policy</footer></body></html>"""
    article = decode_article(html, "page.html")
    assert "Slough rated good" in article.text
    assert 'Slough Borough Council & its partners as "good".' in article.text
    assert "Sign in" not in article.text and "alert" not in article.text and "Cookie" not in article.text
    assert article.text_is_derived


def test_read_html_without_text_is_refused():
    with pytest.raises(ArticleError, match="no article text"):
        decode_article(b"<html><body><script>x()</script><nav>Menu</nav></body></html>", "empty.html")


def test_furniture_masks_paywall_comments_and_bylines_keeping_offsets():
    text = (
        "Ofsted judged the service inadequate.\nBy Pat Example, Local Reporter\n"
        "Body text continues here.\nRelated Posts\nYou should resign Mr Nobody\n"
    )
    spans = find_furniture(text)
    masked = mask(text, spans)
    assert len(masked) == len(text)
    assert "Pat Example" not in masked and "resign" not in masked
    assert "Body text continues here." in masked


def test_blank_lines_are_not_furniture_and_no_rule_may_say_they_are():
    """The reader skips blank lines unsearched; that is only safe because a rule that would match
    one is refused when the rules load."""
    import re
    from dataclasses import replace

    from councilgraph.graph.core.rules import RuleError, load_rules

    text = "Council news\n\n   \n\t\nThe director resigned.\n\nSign up to our newsletter\n"
    spans = find_furniture(text)
    assert [text[s.start : s.end] for s in spans] == ["Sign up to our newsletter"]
    rules = load_rules().furniture
    with pytest.raises(RuleError, match=r"line\[\d+\] matches a blank line"):
        replace(rules, line=(*rules.line, re.compile(r"^\s*$")))


def test_dateline_is_found_but_a_site_header_date_is_not():
    with_dateline = decode_article(
        b"Leeds rated good\n\nPublished: 9 October 2023\n\nOfsted rated Leeds good.", "d.txt"
    )
    assert with_dateline.published == "2023-10-09"
    header_only = decode_article(
        b"Thursday, 23 November 2017\n\nLeeds rated good\n\nOfsted rated Leeds good.", "h.txt"
    )
    assert header_only.published is None
