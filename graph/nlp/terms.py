"""The term ruler: spaCy's SpanRuler, with its token patterns matched only where they can match.

spaCy's token Matcher costs about a microsecond per token per pattern, whether or not the token
could start a match; with the post-title patterns that was nine times the cost of tokenizing, and
every article, on the topic or not, paid it before the topic filter could look. Yet every pattern
needs at least one of a few words ("director", "leader", "councillor"...), and no pattern can match
across a line break. So :class:`TermRuler` cuts the text at line breaks, keeps the stretches that
hold one of those words, and runs the patterns those words anchor on them alone (phrase patterns still run on
the whole text: the PhraseMatcher is cheap). The spans are exactly the SpanRuler's:

- a pattern's *anchors* are the literal values (``LOWER``, ``ORTH``, ``TEXT``, plain or ``IN``)
  of one token it requires (no ``OP``, or ``+``); a pattern with no such token makes the ruler
  match the whole text, as SpanRuler does;
- a line break (a whitespace token holding one) ends a stretch only if no token spec of any
  pattern can match it: a spec that pins no literal text and does not say ``IS_SPACE: false``
  (or ``IS_TITLE``, ``IS_PUNCT``... true) could, and then the ruler matches the whole text;
- of a pattern's required tokens, the anchor is the one with the fewest stop words, then the
  fewest values ("portfolio" rather than "the"), so that fewer stretches are matched.

``tests/graph/test_terms.py`` checks the spans against a plain SpanRuler with the same patterns.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

__all__ = ["TermRuler", "anchors_of"]

_LITERAL = ("LOWER", "ORTH", "TEXT")  # not NORM: a token's norm may differ from its lower-case text
_REQUIRED = {None, "1", "+"}


def _values(spec: dict[str, Any]) -> set[str] | None:
    """The literal texts a token spec allows (lower-cased), or None when it pins none."""
    found: set[str] | None = None
    for key in _LITERAL:
        for name in (key, key.lower()):
            if name not in spec:
                continue
            value = spec[name]
            if isinstance(value, str):
                allowed = {value.lower()}
            elif isinstance(value, dict) and set(value) == {"IN"}:
                allowed = {str(v).lower() for v in value["IN"]}
            else:
                continue
            found = allowed if found is None else found & allowed
    return found


def anchors_of(pattern: list[dict[str, Any]]) -> set[str] | None:
    """Lower-cased words one of which every match of ``pattern`` contains (the fewest such), or
    None when no required token of the pattern is a literal."""
    best: set[str] | None = None
    for spec in pattern:
        if spec.get("OP", spec.get("op")) not in _REQUIRED:
            continue
        values = _values(spec)
        if values is not None and (best is None or _commonness(values) < _commonness(best)):
            best = values
    return best


def _commonness(words: set[str]) -> tuple[int, int]:
    """How often a set of words can be expected in any text: stop words and punctuation, then size."""
    return sum(w in STOP_WORDS or not w.isalpha() for w in words), len(words)


_BREAKS = {
    "\n": (True, False),
    ".": (False, True),
    "!": (False, True),
    "?": (False, True),
    ";": (False, True),
}
"""Tokens that may end a stretch, with (is whitespace, is punctuation): a line break stands for any
whitespace token that holds one."""


def _could_match(spec: dict[str, Any], text: str, space: bool, punct: bool) -> bool:
    """Whether a token spec could match a token ``text`` (whitespace or punctuation as said)."""
    values = _values(spec)
    if values is not None:
        return any(text in v for v in values) if space else text in values
    if spec.get("IS_SPACE") is False and space:
        return False
    if spec.get("IS_PUNCT") is False and punct:
        return False
    if spec.get("IS_PUNCT") is True and not punct:
        return False
    return not any(spec.get(flag) is True for flag in ("IS_TITLE", "IS_UPPER", "IS_ALPHA", "IS_DIGIT"))


@dataclass(frozen=True)
class _Plan:
    """How the ruler matches its token patterns: per anchored stretch, each group of patterns that
    share their anchors in a Matcher of its own, run only where one of those anchors occurs."""

    groups: dict[str, tuple[Matcher, ...]]  # anchor word -> the matchers of patterns it anchors
    breaks: frozenset[str]
    anchored: bool  # False: some pattern has no anchor, or may cross a line break


class TermRuler(SpanRuler):
    """A SpanRuler (``doc.spans[spans_key]``) whose token patterns run on anchored stretches only."""

    _plan: _Plan | None = None

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        super().add_patterns(patterns)
        self._plan = None

    def _planned(self) -> _Plan:
        if self._plan is None:
            by_anchors: dict[frozenset[str], Matcher] = {}
            breaks = set(_BREAKS)
            anchored = True
            for entry in self.patterns:
                pattern = entry["pattern"]
                if isinstance(pattern, str):
                    continue
                anchors = anchors_of(pattern)
                anchored = anchored and anchors is not None
                for spec in pattern:
                    breaks -= {b for b in breaks if _could_match(spec, b, *_BREAKS[b])}
                if anchors is not None:
                    matcher = by_anchors.setdefault(frozenset(anchors), Matcher(self.nlp.vocab))
                    matcher.add(repr((entry["label"], entry.get("id", ""))), [pattern])  # SpanRuler's key
            groups: dict[str, list[Matcher]] = {}
            for words, matcher in sorted(by_anchors.items(), key=lambda kv: sorted(kv[0])):
                for word in words:
                    groups.setdefault(word, []).append(matcher)
            self._plan = _Plan(
                {w: tuple(ms) for w, ms in groups.items()}, frozenset(breaks), anchored and "\n" in breaks
            )
        return self._plan

    def _stretches(self, doc: Doc) -> Iterator[tuple[Span, list[Matcher]]]:
        """The stretches between breaks that hold an anchor word, with the matchers they need."""
        plan = self._planned()
        start, needed = 0, list[Matcher]()
        for tok in doc:
            if (tok.is_space and "\n" in tok.text and "\n" in plan.breaks) or (tok.text in plan.breaks):
                if needed:
                    yield doc[start : tok.i], needed
                start, needed = tok.i + 1, []
            else:
                for matcher in plan.groups.get(tok.lower_, ()):
                    if matcher not in needed:
                        needed.append(matcher)
        if needed:
            yield doc[start:], needed

    def _token_matches(self, doc: Doc) -> Iterable[tuple[int, int, int]]:
        if not self._planned().anchored:
            return list(self.matcher(doc))
        found: list[tuple[int, int, int]] = []
        for stretch, matchers in self._stretches(doc):
            for matcher in matchers:
                found += [(key, s + stretch.start, e + stretch.start) for key, s, e in matcher(stretch)]
        return found

    def match(self, doc: Doc) -> list[Span]:
        """SpanRuler.match, with the token Matcher run on anchored stretches (module docstring)."""
        self._require_patterns()
        matches = list(self._token_matches(doc)) + list(self.phrase_matcher(doc))
        label_of = self._match_label_id_map
        unique = {
            Span(doc, start, end, label=label_of[key]["label"], span_id=label_of[key]["id"])
            for key, start, end in matches
            if start != end
        }
        return sorted(unique)


@Language.factory(
    "councilgraph_term_ruler",
    default_config={"spans_key": "cg", "phrase_matcher_attr": "ORTH", "validate": True, "overwrite": True},
)
def make_term_ruler(
    nlp: Language, name: str, spans_key: str, phrase_matcher_attr: str, validate: bool, overwrite: bool
) -> TermRuler:
    """The factory ``load_pipeline`` adds the ruler with (``nlp.add_pipe("councilgraph_term_ruler")``)."""
    return TermRuler(
        nlp,
        name,
        spans_key=spans_key,
        phrase_matcher_attr=phrase_matcher_attr,
        validate=validate,
        overwrite=overwrite,
    )
