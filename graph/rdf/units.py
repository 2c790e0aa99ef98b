"""Adding an article to a built graph without building it again: the graph as a union of units.

A graph is a pure function of its articles' facts: resolution decides who and what is one, and
``graph/rdf/build.py`` writes lines. Every line comes from one or more *units* of the resolved graph:
an article's own node, one person, what one article mentions, one article's statement of a fact
with its evidence, a fact's support count, one council or body, the dataset's description. A
unit holds everything its lines are made from, so equal units have the same lines. When an
article is added, resolution is brought up to date (``graph/resolve/incremental.py``: only the
name blocks and event groups the article reaches are resolved again, but a new article can still
merge two people, and then every fact about them has a new IRI); the units that changed are
written or taken away, and the graph changes by exactly those lines: the graph a full build of
all the articles gives, byte for byte (``tests/graph/test_live.py``).

:class:`LiveGraph` is what ``serve --store --ingest`` keeps loaded to take new articles
(``POST /articles``): the facts of every article (without their texts), the resolution's state,
each unit's lines, and how many units give each line. At 10,000 articles an article's
resolution and lines take 15-20 ms.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO

from rdflib import URIRef
from rdflib.term import Node

from councilgraph.graph.core.gazetteer import Gazetteer
from councilgraph.graph.core.iris import fact_iri, short_hash
from councilgraph.graph.core.kinds import FACT_KINDS
from councilgraph.graph.core.model import Article, ArticleFacts
from councilgraph.graph.rdf.build import GraphBuilder, dataset_triples_line
from councilgraph.graph.resolve import Decisions, Resolved, ResolvedEntity, ResolvedFact
from councilgraph.graph.resolve.incremental import Changed, IncrementalResolution
from councilgraph.graph.resolve.review import Decision, Reviewed, apply_reviews

__all__ = ["Change", "LiveGraph"]

_KINDS = {k.name: k for k in FACT_KINDS}


@dataclass(frozen=True)
class Change:
    """How the graph's lines changed: both lists sorted, no line in both."""

    added: list[bytes]
    removed: list[bytes]


# The units: each holds everything its lines are made from (equal units, equal lines).
@dataclass(frozen=True)
class ArticleUnit:
    """An article's own node (written from the article, whose text the unit does not keep: the
    file's bytes, known by their hash, give the same text)."""

    content_hash: str
    source_file: str


@dataclass(frozen=True)
class PersonUnit:
    local: str
    label: str
    alt_labels: tuple[str, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class MentionsUnit:
    article_id: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class FactUnit:
    """One article's statement of a fact, with its evidence."""

    fact: ResolvedFact


@dataclass(frozen=True)
class SupportUnit:
    node: str  # the fact's IRI
    articles: int


@dataclass(frozen=True)
class BodyUnit:
    body: ResolvedEntity


@dataclass(frozen=True)
class DatasetUnit:
    articles: int


@dataclass(frozen=True)
class ReviewsUnit:
    """What the reviews add (``GraphBuilder.reviews``): each reviewed fact's mark and review, each
    rejection; known by a digest of them."""

    digest: str
    reviewed: Reviewed = field(compare=False, hash=False)

    @classmethod
    def of(cls, reviewed: Reviewed) -> ReviewsUnit:
        marks = sorted((f, m.status, m.decision.to_json(), m.original) for f, m in reviewed.marks.items())
        rejected = [(r.fact, r.label, r.evidence, r.decision.to_json()) for r in reviewed.rejected]
        return cls(short_hash(marks, rejected, length=32), reviewed)


Unit = ArticleUnit | PersonUnit | MentionsUnit | FactUnit | SupportUnit | BodyUnit | DatasetUnit | ReviewsUnit


class _UnitWriter(GraphBuilder):
    """A GraphBuilder whose lines go to a set, one unit at a time."""

    def __init__(self, gazetteer: Gazetteer | None) -> None:
        self.sink: set[bytes] = set()
        super().__init__(gazetteer, count=False)

    def _add(self, s: Node, p: Node, o: Node) -> None:
        self.sink.add(self.line(s, p, o))

    def schemes(self) -> frozenset[bytes]:
        """The lines of the concept schemes (in every graph)."""
        self.sink = set()
        self.add_schemes()
        return frozenset(self.sink)

    def unit(self, unit: Unit, article: Article | None = None) -> frozenset[bytes]:
        """The lines of one unit (an :class:`ArticleUnit`'s written from ``article``)."""
        self.sink = set()
        if isinstance(unit, ArticleUnit):
            assert article is not None and article.content_hash == unit.content_hash
            self.add_article(article)
        elif isinstance(unit, PersonUnit):
            self.person(unit.local, unit.label, unit.alt_labels, unit.notes)
        elif isinstance(unit, MentionsUnit):
            self.mentions(unit.article_id, unit.keys)
        elif isinstance(unit, FactUnit):
            self.fact(unit.fact)
        elif isinstance(unit, SupportUnit):
            self.support(URIRef(unit.node), unit.articles)
        elif isinstance(unit, BodyUnit):
            self.body(unit.body)
        elif isinstance(unit, ReviewsUnit):
            self.reviews(unit.reviewed)
        else:
            self.describe_dataset(unit.articles)
        self._derived.clear()  # (the builder's support counts: a SupportUnit here)
        return frozenset(self.sink)


def _node(fact: ResolvedFact) -> str:
    """The IRI of the fact node a statement is about."""
    return str(fact_iri(_KINDS[fact.kind].iri_kind, *fact.identity))


def _units(resolved: Resolved) -> set[Unit]:
    """Every unit of the resolved graph but the articles' own nodes."""
    people = resolved.people
    units: set[Unit] = {
        PersonUnit(local, label, tuple(people.alt_labels[local]), tuple(people.notes.get(local, [])))
        for local, label in people.labels.items()
    }
    units |= {MentionsUnit(article_id, tuple(keys)) for article_id, keys in resolved.mentions.items()}
    support: dict[str, set[str]] = defaultdict(set)
    for fact in resolved.facts:
        units.add(FactUnit(fact))
        support[_node(fact)].add(fact.article_id)
    units |= {SupportUnit(node, len(articles)) for node, articles in support.items()}
    units |= {BodyUnit(body) for body in resolved.bodies.values()}
    units.add(DatasetUnit(len(resolved.mentions)))
    return units


class LiveGraph:
    """A graph that takes one article at a time, kept as its units' lines (module docstring)."""

    def __init__(
        self,
        facts: Iterable[ArticleFacts],
        decisions: Decisions | None = None,
        gazetteer: Gazetteer | None = None,
        reviews: Sequence[Decision] | None = None,
    ) -> None:
        """``reviews`` (``graph/resolve/review.py``) are applied as a build applies them; with them,
        every article settles the whole graph (a decision can reach any fact), not only the
        units its resolution changed."""
        self.decisions = decisions
        self.reviews = reviews
        self._writer = _UnitWriter(gazetteer)
        self.gazetteer = self._writer.gazetteer
        self._stated: dict[str, ArticleFacts] = {}  # content hash -> facts, without the text
        self._articles: dict[ArticleUnit, frozenset[bytes]] = {}  # articles' own nodes: their lines
        self._resolved: dict[Unit, frozenset[bytes]] = {}  # the units resolution decides: their lines
        self._count: Counter[bytes] = Counter()  # line -> how many units give it
        self._resolution = IncrementalResolution(self.gazetteer, decisions)
        self.whole_resolutions = 0  # articles whose addition made everything be resolved again
        self._support: dict[str, Counter[str]] = {}  # fact node -> article id -> its statements of it
        self._apply(self._writer.schemes(), 1)  # counted once, never taken away
        for each in facts:
            self._take(each)
        self._resolution.reset(self._stated.values())
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
        unit = ArticleUnit(art.content_hash, art.source_file)
        lines = self._articles[unit] = self._writer.unit(unit, art)
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
        """Write and take away the units that differ from the whole resolution's."""
        resolved = self._resolution.resolved()
        reviews: set[Unit] = set()
        if self.reviews is not None:
            reviewed = apply_reviews(resolved, self.reviews, gazetteer=self.gazetteer)
            resolved = reviewed.resolved
            reviews.add(ReviewsUnit.of(reviewed))
        self._support = {}
        for fact in resolved.facts:
            self._support.setdefault(_node(fact), Counter())[fact.article_id] += 1
        wanted = _units(resolved) | reviews
        held = self._resolved
        return self._swap(held.keys() - wanted, wanted - held.keys())

    def _settle_change(self, changed: Changed, articles: int) -> tuple[set[bytes], set[bytes]]:
        """Write and take away the units an added article changed (``IncrementalResolution``)."""
        old: set[Unit] = {PersonUnit(*p) for p in changed.people[0]}
        new: set[Unit] = {PersonUnit(*p) for p in changed.people[1]}
        old |= {MentionsUnit(a, m) for a, m in changed.mentions[0].items()}
        new |= {MentionsUnit(a, m) for a, m in changed.mentions[1].items()}
        old |= {FactUnit(f) for f in changed.facts[0]}
        new |= {FactUnit(f) for f in changed.facts[1]}
        old |= {BodyUnit(b) for b in changed.bodies[0]}
        new |= {BodyUnit(b) for b in changed.bodies[1]}
        old.add(DatasetUnit(articles - 1))
        new.add(DatasetUnit(articles))
        nodes = {_node(f) for f in changed.facts[0] | changed.facts[1]}
        old |= {SupportUnit(n, len(self._support[n])) for n in nodes if n in self._support}
        for facts, step in ((changed.facts[0], -1), (changed.facts[1], 1)):
            for f in facts:
                tally = self._support.setdefault(_node(f), Counter())
                tally[f.article_id] += step
                if not tally[f.article_id]:
                    del tally[f.article_id]
        for n in nodes:
            if not self._support.get(n):
                self._support.pop(n, None)
        new |= {SupportUnit(n, len(self._support[n])) for n in nodes if n in self._support}
        return self._swap(old - new, new - old)

    def _swap(self, gone: Iterable[Unit], coming: Iterable[Unit]) -> tuple[set[bytes], set[bytes]]:
        """Take these units' lines out and write those; the lines added and removed."""
        held = self._resolved
        added: set[bytes] = set()
        removed: set[bytes] = set()
        for unit in gone:
            lines = held.pop(unit, None)
            if lines is not None:
                removed |= self._apply(lines, -1)
        for unit in coming:
            if unit not in held:
                lines = held[unit] = self._writer.unit(unit)
                added |= self._apply(lines, 1)
        return added - removed, removed - added

    def add(self, facts: ArticleFacts) -> Change:
        """Add one article (a new content hash) and return how the graph's lines changed."""
        if facts.article.content_hash in self._stated:
            return Change([], [])
        before = self.triples_line()
        added = self._take(facts)
        changed = self._resolution.add(self._stated[facts.article.content_hash])
        if changed.everything or self.reviews is not None:
            self.whole_resolutions += 1
            more, removed = self._settle()
        else:
            more, removed = self._settle_change(changed, len(self._stated))
        return self._change(before, added | more, removed)

    def remove(self, content_hash: str) -> Change:
        """Take an article out (the inverse of :meth:`add`: everything is resolved again) and
        return how the lines changed."""
        facts = self._stated.pop(content_hash, None)
        if facts is None:
            return Change([], [])
        before = self.triples_line()
        removed = self._apply(self._articles.pop(ArticleUnit(content_hash, facts.article.source_file)), -1)
        self._resolution.reset(self._stated.values())
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
