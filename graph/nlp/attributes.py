"""The model's attribute rules, applied by looking tokens up in a table instead of matching them.

en_core_web_sm's ``attribute_ruler`` turns the tagger's fine-grained tags into parts of speech and
morphology, with a few exceptions ("n't" is a particle, "gonna" is lemmatised "go" "to"): 179
rules that spaCy runs as one token Matcher over every token of every article. That Matcher is a
sixth of the model's time (4.0 of 24.9 s on 600 generated articles: more than the parser). Yet a
rule's token spec reads only a few attributes of a token (its tag, its lower-case form, its
dependency label, whether it is space), and news repeats the same few thousand combinations of
them. So :class:`AttributeTable` decides each combination once and remembers the outcome:

- a token's *key* is the values of the attributes the specs read, a value no spec can tell apart
  from others (a word no rule names) standing as "other", so that the table stays small however
  many articles pass;
- the rules a key satisfies are found once (equality, ``IN``, ``NOT_IN``, ``REGEX`` and ``IS_*``
  flags, which is every spec of the model); a pattern of several tokens matches where each of
  its tokens satisfies its spec in turn;
- anything else (quantifiers, other operators or attributes) goes to a spaCy Matcher of its own;
- the outcome is applied as the AttributeRuler applies its matches: rule by rule in the rules'
  order, a later rule overriding an earlier one attribute by attribute, on the pattern's
  ``index`` token, every match found before any attribute changes.

The annotations are exactly the AttributeRuler's: ``tests/graph/test_attributes.py`` compares every
token's attributes with the model's own ruler's on the bundled articles and on sentences written to
reach every kind of rule, including the rules of several tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import IDS  # type: ignore[import-not-found]  # (a compiled module without stubs)
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

__all__ = ["AttributeTable", "use_attribute_table"]

_STRINGS = {"ORTH", "LOWER", "NORM", "TAG", "DEP"}  # attributes compared as strings
_ALIASES = {"TEXT": "ORTH"}
_OTHER = numpy.uint64(2**64 - 1)  # a value no spec names (not a string's hash in practice)
REGEX_VERDICTS = 200_000
"""Regex verdicts kept per attribute before the cache starts again (bounds memory on huge corpora)."""


class _Other:
    """The value standing for every value no spec names: equal to nothing, in no list."""


OTHER = _Other()
Test = tuple[int, str, Any]  # (column of the key, operator, operand)


@dataclass(frozen=True)
class _Multi:
    """A pattern of several tokens, each spec a bit of the token's ``bits``."""

    rule: int
    bits: tuple[int, ...]


@dataclass(frozen=True)
class _Entry:
    """What the table decided for one key."""

    rules: tuple[int, ...]  # the one-token rules the key satisfies, in order
    bits: int  # the specs of several-token patterns it satisfies
    values: tuple[int, ...]  # per target attribute: the value the rules set (0 when unset)
    sets: tuple[bool, ...]  # per target attribute: whether a rule sets it


class AttributeTable:
    """An AttributeRuler's rules, decided once per distinct key (see the module docstring)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.matcher = Matcher(vocab, validate=False)  # the patterns the table cannot decide
        self.columns: dict[str, int] = {}  # attribute name -> position in a token's key
        self.literals: dict[int, set[str]] = {}  # column -> every string a spec names
        self.regexes: dict[int, list[re.Pattern[str]]] = {}  # column -> the regexes specs test it with
        self.singles: list[tuple[int, list[Test]]] = []  # (rule, tests) of one-token patterns
        self.specs: list[list[Test]] = []  # the specs of several-token patterns, one bit each
        self.multis: list[_Multi] = []
        self.attrs: list[dict[int, int]] = []  # rule -> {attribute id: value}, as the ruler holds them
        self.indices: list[int] = []  # rule -> which token of a match it sets
        self.targets: list[int | str] = []  # every attribute some rule sets (ids)
        self._memo: dict[tuple[int, ...], _Entry] = {}
        self._kept: dict[int, dict[int, bool]] = {}  # column -> value -> whether a regex matches it
        self._named: dict[int, numpy.ndarray[Any, Any]] = {}  # column -> the ids of the strings specs name

    @classmethod
    def from_ruler(cls, ruler: AttributeRuler) -> AttributeTable:
        """The table of ``ruler``'s rules (its patterns, attributes and indices, in its order)."""
        table = cls(ruler.vocab)
        for rule, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
            found = ruler.matcher.get(str(rule))
            table.attrs.append(dict(attrs))
            table.indices.append(index)
            rest = [p for p in (found[1] if found else []) if not table._take(rule, p, index)]
            if rest:
                table.matcher.add(str(rule), rest)
        table.targets = sorted({attr for attrs in table.attrs for attr in attrs})
        return table

    def _take(self, rule: int, pattern: list[dict[str, Any]], index: int) -> bool:
        """Add ``pattern`` to the table if the table can decide it; False if not."""
        if not -len(pattern) <= index < len(pattern) or (
            len(pattern) > 1 and len(self.specs) + len(pattern) > 63
        ):
            return False
        compiled = [self._compile(spec) for spec in pattern]
        if any(tests is None for tests in compiled):
            return False
        tests = [t for t in compiled if t is not None]
        if len(pattern) == 1:
            self.singles.append((rule, tests[0]))
        else:
            first = len(self.specs)
            self.specs.extend(tests)
            self.multis.append(_Multi(rule, tuple(1 << (first + k) for k in range(len(tests)))))
        return True

    def _compile(self, spec: dict[str, Any]) -> list[Test] | None:
        """A token spec as tests on a token's key; None when it uses anything the table does not
        decide. Nothing is recorded unless the whole spec compiles."""
        tests: list[tuple[str, str, Any]] = []
        for raw, value in spec.items():
            name = _ALIASES.get(raw.upper(), raw.upper())
            if name in _STRINGS and isinstance(value, str):
                tests.append((name, "==", value))
            elif (
                name in _STRINGS
                and isinstance(value, dict)
                and value
                and set(value) <= {"IN", "NOT_IN", "REGEX"}
            ):
                for op, operand in value.items():
                    if op == "REGEX" and isinstance(operand, str):
                        tests.append((name, op, re.compile(operand)))
                    elif (
                        op != "REGEX"
                        and isinstance(operand, list)
                        and all(isinstance(v, str) for v in operand)
                    ):
                        tests.append((name, op, frozenset(operand)))
                    else:
                        return None
            elif name.startswith("IS_") and name in IDS and isinstance(value, bool):
                tests.append((name, "flag", value))
            else:
                return None  # OP, LENGTH, ENT_TYPE, "_" ...: spaCy's Matcher decides these
        out: list[Test] = []
        for name, op, operand in tests:
            col = self.columns.setdefault(name, len(self.columns))
            if op == "REGEX":
                self.regexes.setdefault(col, []).append(operand)
            elif name in _STRINGS:
                self.literals.setdefault(col, set()).update([operand] if op == "==" else operand)
            out.append((col, op, operand))
        return out

    # ------------------------------------------------------------------ applying
    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or not self.targets:
            return doc
        names = list(self.columns)
        keys = (
            doc.to_array([int(IDS[n]) for n in names]) if names else numpy.zeros((len(doc), 0), numpy.uint64)
        )
        keys = keys.reshape(len(doc), len(names))
        for col, name in enumerate(names):
            if name in _STRINGS:
                keys[:, col] = self._canonical(col, keys[:, col])
        unique, inverse = numpy.unique(keys, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        entries = [self._entry(tuple(row)) for row in unique.tolist()]
        values = numpy.array([e.values for e in entries], dtype=numpy.uint64)[inverse]
        sets = numpy.array([e.sets for e in entries], dtype=bool)[inverse]
        current = doc.to_array(self.targets).reshape(len(doc), len(self.targets))
        result = numpy.where(sets, values, current)
        extra = self._matches(doc, entries, inverse)
        for at, rules in extra.items():
            setting = _fold(sorted(set(entries[inverse[at]].rules) | set(rules)), self.attrs)
            row = current[at].copy()
            for i, attr in enumerate(self.targets):
                if attr in setting:
                    row[i] = setting[attr]
            result[at] = row
        fixed: Any = numpy.ascontiguousarray(result, dtype=numpy.uint64)  # spaCy types it Ints2d
        doc.from_array(self.targets, fixed)
        return doc

    def _canonical(self, col: int, values: numpy.ndarray[Any, Any]) -> numpy.ndarray[Any, Any]:
        """``values`` with every value no spec can tell apart replaced by ``_OTHER``."""
        named = self._named.get(col)
        if named is None:
            ids = sorted(get_string_id(s) for s in self.literals.get(col, ()))
            named = self._named[col] = numpy.array(ids, dtype=numpy.uint64)
        keep = numpy.isin(values, named)
        regexes = self.regexes.get(col)
        if regexes:
            verdicts = self._kept.setdefault(col, {})
            if len(verdicts) > REGEX_VERDICTS:
                verdicts.clear()
            strings = self.vocab.strings
            matching = []
            for value in numpy.unique(values[~keep]).tolist():
                verdict = verdicts.get(value)
                if verdict is None:
                    text = strings[value] if value in strings else ""  # noqa: SIM401 (a StringStore has no get)
                    verdict = verdicts[value] = any(r.search(text) for r in regexes)
                if verdict:
                    matching.append(value)
            if matching:
                keep |= numpy.isin(values, numpy.array(matching, dtype=numpy.uint64))
        return numpy.where(keep, values, _OTHER)

    def _entry(self, key: tuple[int, ...]) -> _Entry:
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._decide(key)
        return found

    def _decide(self, key: tuple[int, ...]) -> _Entry:
        """The rules and several-token specs a token with this key satisfies, and what they set."""
        strings = self.vocab.strings
        values: list[Any] = []
        for col, name in enumerate(self.columns):
            if name not in _STRINGS:
                values.append(bool(key[col]))
            else:
                values.append(OTHER if key[col] == int(_OTHER) else strings[key[col]])
        rules = tuple(sorted({r for r, tests in self.singles if _satisfies(values, tests)}))
        bits = sum(1 << k for k, tests in enumerate(self.specs) if _satisfies(values, tests))
        setting = _fold(rules, self.attrs)
        return _Entry(
            rules,
            bits,
            tuple(setting.get(int(a), 0) for a in self.targets),
            tuple(int(a) in setting for a in self.targets),
        )

    def _matches(
        self, doc: Doc, entries: list[_Entry], inverse: numpy.ndarray[Any, Any]
    ) -> dict[int, list[int]]:
        """Token -> the rules of several tokens (or of spaCy's Matcher) that set it, in this doc."""
        extra: dict[int, list[int]] = {}
        found: list[tuple[int, int, int]] = []
        if self.multis:
            bits = numpy.array([e.bits for e in entries], dtype=numpy.uint64)[inverse]
            present = int(numpy.bitwise_or.reduce(bits))
            n = len(doc)
            for multi in self.multis:
                if any(not present & b for b in multi.bits) or len(multi.bits) > n:
                    continue
                length = len(multi.bits)
                hit = numpy.ones(n - length + 1, dtype=bool)
                for k, b in enumerate(multi.bits):
                    hit &= (bits[k : n - length + 1 + k] & numpy.uint64(b)) != 0
                found += [(multi.rule, int(s), int(s) + length) for s in numpy.flatnonzero(hit)]
        if len(self.matcher):
            for match_id, start, end in self.matcher(doc, allow_missing=True, as_spans=False):
                found.append((int(self.vocab.strings[match_id]), start, end))
        for rule, start, end in found:
            index = self.indices[rule]
            at = (start if index >= 0 else end) + index
            if not start <= at < end:
                raise ValueError(f"attribute rule {rule}: index {index} is outside its match {start}-{end}")
            extra.setdefault(at, []).append(rule)
        return extra


def _satisfies(values: list[Any], tests: list[Test]) -> bool:
    for col, op, operand in tests:
        value = values[col]
        if op == "flag":
            ok = value is operand
        elif value is OTHER:  # a value no spec names: equal to none, in no list, matched by no regex
            ok = op == "NOT_IN"
        elif op == "==":
            ok = value == operand
        elif op == "IN":
            ok = value in operand
        elif op == "NOT_IN":
            ok = value not in operand
        else:
            ok = operand.search(value) is not None
        if not ok:
            return False
    return True


def _fold(rules: Iterable[int], attrs: list[dict[int, int]]) -> dict[int, int]:
    """The attributes the rules set, applied in rule order (a later rule's value wins)."""
    out: dict[int, int] = {}
    for rule in rules:
        out.update(attrs[rule])
    return out


class _Slot:
    """The pipeline component in the ruler's place (a spaCy factory makes it from config; the
    table is given to it once made)."""

    def __init__(self) -> None:
        self.table: AttributeTable | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self.table is None:
            raise RuntimeError("use_attribute_table gives the component its table")
        return self.table(doc)


@Language.factory("councilgraph_attribute_table")
def _make_slot(nlp: Language, name: str) -> _Slot:
    return _Slot()


def use_attribute_table(nlp: Language) -> None:
    """Put the :class:`AttributeTable` of ``nlp``'s ``attribute_ruler`` in its place (same name)."""
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if not isinstance(ruler, AttributeRuler):
        return
    table = AttributeTable.from_ruler(ruler)
    slot = nlp.replace_pipe("attribute_ruler", "councilgraph_attribute_table")
    assert isinstance(slot, _Slot)
    slot.table = table
