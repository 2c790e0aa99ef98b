"""The attribute table annotates every token exactly as the model's own attribute ruler does."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from councilgraph.graph.app.pipeline import sample_paths
from councilgraph.graph.nlp.attributes import AttributeTable, use_attribute_table
from councilgraph.graph.nlp.language import load_model

DATA = Path(__file__).resolve().parent.parent / "data" / "articles"
COMPARED = [TAG, POS, MORPH, LEMMA, DEP, HEAD]

WRITTEN = [
    "I ain't gonna wait, and y'all gotta listen: let's go, c'mon.",
    "Nothin' changed. There's a report, and there are two more. Is there a plan? There was none.",
    "It gets worse: she got the job but it was not enough. You did it for it and I saw you.",
    "The director won't say whether the service, which was rated inadequate, had improved; "
    "that was what the inspectors asked, though they didn't ask it twice.",
    "They do not know. Do they? He has, and she did too; we'd have done so, because it's ours.",
    "The leader resigned.\n\n  \tThe deputy   took over, but then\n the cabinet met.",
    "",
]


def _texts() -> list[str]:
    return WRITTEN + [p.read_text("utf-8") for p in sample_paths() + sorted(DATA.glob("*.txt"))]


@pytest.fixture(scope="module")
def models() -> tuple[Language, Language]:
    """The model as spaCy loads it, and the same model with its ruler applied as a table."""
    stock, tabled = load_model(), load_model()
    use_attribute_table(tabled)
    return stock, tabled


def _annotations(doc: Doc) -> list[tuple[object, ...]]:
    rows = doc.to_array(COMPARED).tolist()
    return [(t.text, str(t.morph), *row) for t, row in zip(doc, rows, strict=True)]


@pytest.mark.slow
def test_every_token_is_annotated_as_the_models_ruler_annotates_it(models):
    stock, tabled = models
    texts = _texts()
    assert len(texts) > 10
    for ours, theirs in zip(tabled.pipe(texts), stock.pipe(texts), strict=True):
        assert _annotations(ours) == _annotations(theirs)


def test_the_table_decides_every_rule_of_the_model_and_the_sentences_reach_its_rules_of_several_tokens(
    models,
):
    stock, _ = models
    ruler = stock.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    table = AttributeTable.from_ruler(ruler)
    assert len(table.matcher) == 0  # nothing left to spaCy's Matcher
    several = {m.rule for m in table.multis}
    assert len(several) >= 5
    reached = set()
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        for doc in stock.pipe(WRITTEN):
            reached |= {attr_id for attr_id, *_ in ruler.match(doc)}
    assert several <= reached, f"rules of several tokens no written sentence reaches: {several - reached}"


def test_the_pipeline_runs_the_table_in_the_rulers_place(nlp):
    assert "attribute_ruler" in nlp.pipe_names
    assert not isinstance(nlp.get_pipe("attribute_ruler"), AttributeRuler)
    doc = nlp("She wasn't gonna stay.")
    assert [t.lemma_ for t in doc][:5] == ["she", "be", "not", "go", "to"]


RULES = [  # (patterns, attrs, index): later rules override earlier ones where both match
    ([[{"LOWER": {"IN": ["report", "reports"]}}]], {"LEMMA": "report", "POS": "NOUN"}, 0),
    ([[{"ORTH": {"REGEX": "^[A-Z]{3,}$"}}]], {"POS": "PROPN"}, 0),
    ([[{"LOWER": "ofsted"}]], {"POS": "X", "MORPH": "Foreign=Yes"}, 0),
    ([[{"LOWER": {"NOT_IN": ["the", "a", "report"]}, "IS_TITLE": True}]], {"MORPH": "Case=Nom"}, 0),
    (
        [[{"LOWER": "very", "OP": "+"}, {"LOWER": "good"}]],
        {"LEMMA": "great"},
        -1,
    ),  # quantifier: spaCy decides
    ([[{"LENGTH": 2}]], {"LEMMA": "xx"}, 0),  # an attribute the table does not read: spaCy decides
    ([[{"LOWER": "rated"}, {}, {"LOWER": "inadequate"}]], {"POS": "ADJ"}, 2),
    ([[{"LOWER": "ofsted"}], [{"IS_SPACE": True}]], {"POS": "SYM"}, 0),  # overrides rule 2's POS only
]


def test_a_ruler_of_every_kind_of_rule_and_override_gives_the_same_annotations():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    for patterns, attrs, index in RULES:
        ruler.add(patterns, attrs, index)  # type: ignore[arg-type]
    table = AttributeTable.from_ruler(ruler)
    assert len(table.matcher) == 2 and len(table.multis) == 1
    texts = [
        "Ofsted rated it inadequate. OFSTED said so in two reports, a very very good report.",
        "The report is in.\n\nIt was rated so inadequate by Ofsted, the BBC says. An ox!",
        "",
    ]
    for text in texts:
        ours, theirs = table(nlp.make_doc(text)), ruler(nlp.make_doc(text))
        assert _annotations(ours) == _annotations(theirs)
    assert any(t.pos_ == "SYM" for t in table(nlp.make_doc(texts[0]))) is True  # the override is applied
