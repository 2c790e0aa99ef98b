"""The term ruler finds exactly the spans spaCy's own SpanRuler finds with the same patterns."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from councilgraph.graph.app.pipeline import sample_paths
from councilgraph.graph.core.gazetteer import load_gazetteer
from councilgraph.graph.nlp.language import SPAN_KEY, load_patterns
from councilgraph.graph.nlp.terms import TermRuler, anchors_of

DATA = Path(__file__).resolve().parent.parent / "data" / "articles"

WRITTEN = [
    "The interim director of children's services at Harrowgate Borough Council, Mara Quell, resigned.",
    "Council leader Cllr Tobin Vask said the acting chief executive would stay.\nThe new\ndirector arrives soon.",
    "Ofsted rated the service inadequate; the lead member for children's social care, Ines Dorrow, "
    "quit. The former deputy leader of Wigan Council replaced her.",
    "Chair of the local safeguarding children partnership, Pol Averell, welcomed the report!",
    "Roadworks on the ring road will continue until March, drivers have been warned.",
    "The then portfolio holder for children\n\nand the cabinet member for education both left.",
    "",
]


def _patterns() -> list[dict[str, object]]:
    return load_gazetteer().span_patterns() + load_patterns("roles") + load_patterns("ratings")


def _spans(nlp: Language, text: str) -> list[tuple[int, int, str, str]]:
    doc = nlp(text)
    return [(s.start, s.end, s.label_, s.id_) for s in doc.spans.get(SPAN_KEY, [])]


def _rulers(patterns: list[dict[str, object]]) -> tuple[Language, Language]:
    config = {"spans_key": SPAN_KEY, "phrase_matcher_attr": "ORTH", "validate": True, "overwrite": True}
    ours, plain = spacy.blank("en"), spacy.blank("en")
    ours.add_pipe("councilgraph_term_ruler", config=config).add_patterns(patterns)  # type: ignore[attr-defined]
    plain.add_pipe("span_ruler", config=config).add_patterns(patterns)  # type: ignore[attr-defined]
    return ours, plain


@pytest.fixture(scope="module")
def rulers() -> tuple[Language, Language]:
    return _rulers(_patterns())


def _texts() -> list[str]:
    files = sample_paths() + sorted(DATA.glob("*.txt"))
    return WRITTEN + [f.read_text("utf-8") for f in files]


def test_the_ruler_plans_anchored_matching_for_the_bundled_patterns(rulers):
    ours, _ = rulers
    ruler = ours.get_pipe("councilgraph_term_ruler")
    assert isinstance(ruler, TermRuler)
    plan = ruler._planned()
    assert plan.anchored, (
        "some pattern has no anchor or can cross a line break: the ruler matches whole texts"
    )
    assert "director" in plan.groups and "the" not in plan.groups


@pytest.mark.parametrize("index", range(len(_texts())))
def test_spans_equal_spacys_span_ruler(rulers, index):
    ours, plain = rulers
    text = _texts()[index]
    found = _spans(ours, text)
    assert found == _spans(plain, text)
    if "director" in text.lower():
        assert any(label == "ROLE" for _s, _e, label, _id in found)


def test_spans_equal_on_the_dev_articles(rulers, shared_dir):
    ours, plain = rulers
    files = sorted((shared_dir / "corpus").glob("*/articles/*.txt"))
    assert files
    for path in files:
        text = path.read_text("utf-8")
        assert _spans(ours, text) == _spans(plain, text), path.name


def test_a_pattern_that_can_cross_a_line_break_makes_the_ruler_match_whole_texts():
    wildcard = [{"label": "X", "pattern": [{"LOWER": "chair"}, {"OP": "?"}, {"LOWER": "board"}]}]
    ours, plain = _rulers(wildcard)
    text = "The chair\nboard met."  # the wildcard token is the line break itself
    assert _spans(ours, text) == _spans(plain, text) == [(1, 4, "X", "")]
    assert not ours.get_pipe("councilgraph_term_ruler")._planned().anchored


def test_anchors_are_the_rarest_required_words():
    assert anchors_of([{"LOWER": "the"}, {"LOWER": "portfolio"}]) == {"portfolio"}
    assert anchors_of([{"LOWER": {"IN": ["new", "former"]}, "OP": "*"}, {"LOWER": "mayor"}]) == {"mayor"}
    assert anchors_of([{"IS_TITLE": True}, {"LOWER": "x", "OP": "?"}]) is None
