"""Adding an article to a built graph without building it again: the graph as a union of units.

A graph is a pure function of its articles' facts: resolution decides who and what is one, and
``graph/rdf/build.py`` writes lines. Every line comes from one or more *units* of the resolved graph
(``build.units_of``: an article's own node, one person, what one article mentions, one article's
statement of a fact with its evidence, a fact's support count, one council or body, the dataset's
description), each written by the one ``LineWriter``, as a batch build writes them. A unit holds
everything its lines are made from, so equal units have the same lines. When an
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

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO

from councilgraph.graph.core.gazetteer import Gazetteer, load_gazetteer
from councilgraph.graph.core.model import Article, ArticleFacts
from councilgraph.graph.rdf.build import (
    ArticleUnit,
    BodyUnit,
    DatasetUnit,
    FactUnit,
    LineWriter,
    MentionsUnit,
    PersonUnit,
    ReviewsUnit,
    SupportUnit,
    Unit,
    dataset_triples_line,
    fact_node,
    units_of,
)
from councilgraph.graph.resolve import Decisions
from councilgraph.graph.resolve.incremental import Changed, IncrementalResolution
from councilgraph.graph.resolve.review import Decision, apply_reviews

__all__ = ["Change", "LiveGraph"]


@dataclass(frozen=True)
class Change:
    """How the graph's lines changed: both lists sorted, no line in both."""

    added: list[bytes]
    removed: list[bytes]

    def then(self, after: Change) -> Change:
        """This change followed by ``after``, as one change."""
        added, removed = set(self.added), set(self.removed)
        more, less = set(after.added), set(after.removed)
        return Change(sorted((added - less) | (more - removed)), sorted((removed - more) | (less - added)))


class _UnitWriter:
    """Each unit's lines, made by the one line writer (``graph/rdf/build.py``) into a set."""

    def __init__(self, gazetteer: Gazetteer | None) -> None:
        self.sink: set[bytes] = set()
        self.gazetteer = gazetteer or load_gazetteer()
        self.lines = LineWriter(self.gazetteer, self._emit)

    def _emit(self, line: bytes) -> None:
        self.sink.add(line)

    def schemes(self) -> frozenset[bytes]:
        """The lines of the concept schemes (in every graph)."""
        self.sink = set()
        self.lines.add_schemes()
        return frozenset(self.sink)

    def unit(self, unit: Unit, article: Article | None = None) -> frozenset[bytes]:
        """The lines of one unit (an :class:`ArticleUnit`'s written from ``article``)."""
        self.sink = set()
        self.lines.unit(unit, article)
        return frozenset(self.sink)


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
            self._support.setdefault(fact_node(fact), Counter())[fact.article_id] += 1
        wanted = set(units_of(resolved)) | reviews
        held = self._resolved
        return self._swap(held.keys() - wanted, wanted - held.keys())

    def _settle_change(self, changed: Changed, articles: int, before: int) -> tuple[set[bytes], set[bytes]]:
        """Write and take away the units an added or removed article changed
        (``IncrementalResolution``); the graph held ``before`` articles and now ``articles``."""
        old: set[Unit] = {PersonUnit(*p) for p in changed.people[0]}
        new: set[Unit] = {PersonUnit(*p) for p in changed.people[1]}
        old |= {MentionsUnit(a, m) for a, m in changed.mentions[0].items()}
        new |= {MentionsUnit(a, m) for a, m in changed.mentions[1].items()}
        old |= {FactUnit(f) for f in changed.facts[0]}
        new |= {FactUnit(f) for f in changed.facts[1]}
        old |= {BodyUnit(b) for b in changed.bodies[0]}
        new |= {BodyUnit(b) for b in changed.bodies[1]}
        old.add(DatasetUnit(before))
        new.add(DatasetUnit(articles))
        nodes = {fact_node(f) for f in changed.facts[0] | changed.facts[1]}
        old |= {SupportUnit(n, len(self._support[n])) for n in nodes if n in self._support}
        for facts, step in ((changed.facts[0], -1), (changed.facts[1], 1)):
            for f in facts:
                tally = self._support.setdefault(fact_node(f), Counter())
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
        """Add one article (a new content hash) and return how the graph's lines changed. Should
        resolving or writing fail, the graph is left as it was and the error raised."""
        if facts.article.content_hash in self._stated:
            return Change([], [])
        before = self.triples_line()
        added = self._take(facts)
        try:
            changed = self._resolution.add(self._stated[facts.article.content_hash])
            more, removed = self._settled(changed, len(self._stated) - 1)
        except BaseException:  # half done: the article out, the rest resolved from nothing, as it was
            self._drop(facts.article.content_hash)
            self._resolution.reset(self._stated.values())
            self._settle()
            raise
        return self._change(before, added | more, removed)

    def remove(self, content_hash: str) -> Change:
        """Take an article out (the inverse of :meth:`add`: the resolver takes it away, redoing
        only what it reached) and return how the lines changed."""
        if content_hash not in self._stated:
            return Change([], [])
        before = self.triples_line()
        facts, removed = self._drop(content_hash)
        changed = self._resolution.remove(facts.article.id)
        added, more = self._settled(changed, len(self._stated) + 1)
        return self._change(before, added, removed | more)

    def _drop(self, content_hash: str) -> tuple[ArticleFacts, set[bytes]]:
        """Take the article's node away and forget its facts; the facts, and the lines that left."""
        facts = self._stated.pop(content_hash)
        lines = self._articles.pop(ArticleUnit(content_hash, facts.article.source_file))
        return facts, self._apply(lines, -1)

    def _settled(self, changed: Changed, before: int) -> tuple[set[bytes], set[bytes]]:
        """The units ``changed`` reaches written and taken away (all of them when the resolver
        redid everything, or when reviews can reach any fact); the lines added and removed."""
        if changed.everything or self.reviews is not None:
            self.whole_resolutions += 1
            return self._settle()
        return self._settle_change(changed, len(self._stated), before)

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
