"""Adding an article to a built graph without building it again: the graph as a union of units.

A graph is a pure function of its articles' facts: resolution decides who and what is one, and
``graph/build.py`` writes lines. Every line comes from one or more *units* of the resolved graph:
an article's own node, one person, what one article mentions, one article's statement of a fact
with its evidence, a fact's support count, one council or body, the dataset's description. A
unit's key holds everything its lines are made from, so two units with one key have the same
lines. After an article is added and everything is resolved again (resolution depends on the
whole set of articles: a new article can merge two people, and then every fact about them has a
new IRI), the units whose key is new are written, the units whose key is gone are taken away,
and the graph changes by exactly those lines: the graph a full build of all the articles gives,
byte for byte (``tests/graph/test_live.py``).

:class:`LiveGraph` is what ``serve --store`` keeps loaded to take new articles (``POST /articles``):
the facts of every article (without their texts), each unit's lines, and how many units give each
line. Resolution is done whole each time (0.8 s at 10,000 articles); the lines are written only
for what changed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import IO

from rdflib import URIRef

from councilgraph.graph.build import GraphBuilder, dataset_triples_line
from councilgraph.graph.gazetteer import Gazetteer
from councilgraph.graph.iris import fact_iri
from councilgraph.graph.kinds import FACT_KINDS
from councilgraph.graph.model import Article, ArticleFacts
from councilgraph.graph.resolve import Decisions, Resolved, resolve

__all__ = ["Change", "LiveGraph"]

_KINDS = {k.name: k for k in FACT_KINDS}


@dataclass(frozen=True)
class Change:
    """How the graph's lines changed: both lists sorted, no line in both."""

    added: list[bytes]
    removed: list[bytes]


class _Lines(GraphBuilder):
    """A GraphBuilder whose lines go to the set it is given, one unit at a time."""

    def __init__(self, gazetteer: Gazetteer | None) -> None:
        self.sink: set[bytes] = set()
        super().__init__(gazetteer, count=False)

    def _add(self, s: object, p: object, o: object) -> None:
        self.sink.add(self.line(s, p, o))  # type: ignore[arg-type]

    def unit(self, key: tuple[Hashable, ...], article: Article | None = None) -> frozenset[bytes]:
        """The lines of one unit (see :func:`_units` for the kinds of key; an article's unit is
        written from the ``article`` itself, whose text its key does not hold)."""
        self.sink = set()
        kind = key[0]
        if kind == "article":
            assert article is not None
            self.add_article(article)
        elif kind == "person":
            _, local, label, alts, notes = key
            self.person(str(local), str(label), alts, notes)  # type: ignore[arg-type]
        elif kind == "mentions":
            _, article_id, keys = key
            self.mentions(str(article_id), keys)  # type: ignore[arg-type]
        elif kind == "fact":
            self.fact(key[1])  # type: ignore[arg-type]
        elif kind == "support":
            _, node, count = key
            self.support(URIRef(str(node)), int(count))  # type: ignore[call-overload]
        elif kind == "body":
            self.body(key[1])  # type: ignore[arg-type]
        elif kind == "dataset":
            self.describe_dataset(int(key[1]))  # type: ignore[call-overload]
        elif kind == "schemes":
            self.add_schemes()
        else:  # pragma: no cover - _units makes only the kinds above
            raise ValueError(f"unknown unit {key!r}")
        self._derived.clear()
        return frozenset(self.sink)


def _units(resolved: Resolved) -> set[tuple[Hashable, ...]]:
    """The keys of every unit of the resolved graph except articles' nodes and the schemes."""
    people = resolved.people
    keys: set[tuple[Hashable, ...]] = {
        (
            "person",
            local,
            people.labels[local],
            tuple(people.alt_labels[local]),
            tuple(people.notes.get(local, [])),
        )
        for local in people.labels
    }
    keys |= {
        ("mentions", article_id, tuple(mentioned)) for article_id, mentioned in resolved.mentions.items()
    }
    support: dict[str, set[str]] = defaultdict(set)
    for fact in resolved.facts:
        keys.add(("fact", fact))
        support[str(fact_iri(_KINDS[fact.kind].iri_kind, *fact.identity))].add(fact.article_id)
    keys |= {("support", node, len(articles)) for node, articles in support.items()}
    keys |= {("body", body) for body in resolved.bodies.values()}
    keys.add(("dataset", len(resolved.mentions)))
    return keys


class LiveGraph:
    """A graph that takes one article at a time, kept as its units' lines (module docstring)."""

    def __init__(
        self,
        facts: Iterable[ArticleFacts],
        decisions: Decisions | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.decisions = decisions
        self._writer = _Lines(gazetteer)
        self.gazetteer = self._writer.gazetteer
        self._stated: dict[str, ArticleFacts] = {}  # content hash -> facts, without the text
        self._units: dict[tuple[Hashable, ...], frozenset[bytes]] = {}  # articles' nodes: their lines
        self._resolved: dict[tuple[Hashable, ...], frozenset[bytes]] = {}  # the units resolution decides
        self._count: Counter[bytes] = Counter()  # line -> how many units give it
        self._apply(self._writer.unit(("schemes",)), 1)  # counted once, never taken away
        for each in facts:
            self._take(each)
        self._settle()

    @property
    def articles(self) -> dict[str, str]:
        """Content hash -> file name of every article the graph holds."""
        return {h: f.article.source_file for h, f in self._stated.items()}

    def __contains__(self, content_hash: object) -> bool:
        return content_hash in self._stated

    def __len__(self) -> int:
        """How many triples the graph holds."""
        return len(self._count) + 1  # and the dataset's void:triples

    def _take(self, facts: ArticleFacts) -> set[bytes]:
        """Add the article's node and keep its facts; the lines that became part of the graph."""
        art = facts.article
        key = ("article", art.content_hash, art.source_file)
        lines = self._units[key] = self._writer.unit(key, art)
        self._stated[art.content_hash] = facts.without_text()
        return self._apply(lines, 1)

    def _apply(self, lines: Iterable[bytes], step: int) -> set[bytes]:
        """Count ``lines`` in (step 1) or out (-1); the lines whose presence in the graph changed."""
        changed = set()
        count = self._count
        for line in lines:
            n = count[line] + step
            if n:
                count[line] = n
            else:
                del count[line]
            if n == (1 if step > 0 else 0):
                changed.add(line)
        return changed

    def _settle(self) -> tuple[set[bytes], set[bytes]]:
        """Resolve everything again, and write and take away the units that changed."""
        resolved = resolve(list(self._stated.values()), self.decisions, self.gazetteer)
        wanted = _units(resolved)
        held = self._resolved
        added: set[bytes] = set()
        removed: set[bytes] = set()
        for key in held.keys() - wanted:
            removed |= self._apply(held.pop(key), -1)
        for key in wanted - held.keys():
            lines = held[key] = self._writer.unit(key)
            added |= self._apply(lines, 1)
        return added - removed, removed - added

    def add(self, facts: ArticleFacts) -> Change:
        """Add one article (a new content hash) and return how the graph's lines changed."""
        if facts.article.content_hash in self._stated:
            return Change([], [])
        before = self.triples_line()
        added = self._take(facts)
        more, removed = self._settle()
        return self._change(before, added | more, removed)

    def remove(self, content_hash: str) -> Change:
        """Take an article out (the inverse of :meth:`add`) and return how the lines changed."""
        facts = self._stated.pop(content_hash, None)
        if facts is None:
            return Change([], [])
        before = self.triples_line()
        removed = self._apply(self._units.pop(("article", content_hash, facts.article.source_file)), -1)
        added, more = self._settle()
        return self._change(before, added, removed | more)

    def _change(self, before: bytes, added: set[bytes], removed: set[bytes]) -> Change:
        after = self.triples_line()
        if after != before:
            added.add(after)
            removed.add(before)
        return Change(sorted(added - removed), sorted(removed - added))

    def triples_line(self) -> bytes:
        """The dataset's ``void:triples`` line for the graph as it is."""
        return dataset_triples_line(len(self))

    def lines(self) -> list[bytes]:
        """Every line of the graph, sorted (the N-Triples a full build writes)."""
        return sorted([*self._count, self.triples_line()])

    def write_ntriples(self, out: IO[bytes]) -> int:
        """Write the graph's sorted N-Triples into ``out``; how many triples."""
        lines = self.lines()
        out.writelines(lines)
        return len(lines)
