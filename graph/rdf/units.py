"""The graph as a union of units: one state that a batch build fills and a live graph keeps.

A graph is a pure function of its articles' facts: resolution decides who and what is one, and
``graph/rdf/build.py`` writes lines. Every line comes from one or more *units* of the resolved graph
(``build.units_of``: an article's own node, one person, what one article mentions, one article's
statement of a fact with its evidence, a fact's support count, one council or body, the dataset's
description), each written by the one ``LineWriter``. A unit holds everything its lines are made
from, so equal units have the same lines, and a unit is taken away by writing it again as a count
out. The lines are counted (``graph/rdf/spill.py:CountedLines``: how many units give each line), so
a line shared by two units stays while one of them does.

:class:`UnitGraph` is that state. A batch build (``graph/app/pipeline.py``) is the empty state plus
every article: each article's node as it arrives (:meth:`UnitGraph.take`, its text dropped after),
then one resolution of them all and every unit written (:meth:`UnitGraph.resolve`,
:meth:`UnitGraph.write`: once, keeping neither the resolver's state nor the units), the lines
spilling to disk past ``spill.SPILL_LINES``, then streamed out sorted
(:meth:`UnitGraph.write_ntriples`). ``serve --store --ingest`` and ``remove`` keep the same
state in memory and change it one article at a time (:meth:`UnitGraph.add`, :meth:`UnitGraph.remove`):
resolution is brought up to date (``graph/resolve/resolver.py``: only the name blocks and event
groups the article reaches are resolved again, but an article can still merge or part two people,
and then every fact about them has a new IRI); the units that changed are written or taken away,
and the graph changes by exactly those lines: the graph a full build of the articles held gives,
byte for byte (``tests/graph/test_live.py``). At 10,000 articles an article's resolution and lines
take 15-20 ms.
"""

from __future__ import annotations

import bisect
import itertools
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO

from councilgraph.graph.core.gazetteer import Gazetteer, load_gazetteer
from councilgraph.graph.core.model import ArticleFacts
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
    Tally,
    Unit,
    dataset_triples_line,
    dataset_triples_prefix,
    fact_node,
    units_of,
)
from councilgraph.graph.rdf.spill import CountedLines
from councilgraph.graph.resolve import Decisions, Resolved
from councilgraph.graph.resolve.resolver import Changed, Resolver
from councilgraph.graph.resolve.review import Decision, Reviewed, apply_reviews

__all__ = ["Change", "UnitGraph"]


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


class UnitGraph:
    """The graph of a set of articles, kept as its units and their counted lines (module docstring).

    ``spill``: a batch build's graph, whose lines spill to sorted runs in ``workdir`` past
    ``spill.SPILL_LINES``: it takes every article (:meth:`take`), is resolved and written once
    (:meth:`resolve`, :meth:`write`; neither the resolver's state nor the units are kept, so that
    it holds no more than the lines and the resolution while it writes), and is spent once
    written out (:meth:`spend`). Without it (a live graph), every line is held in memory and
    :meth:`add` and :meth:`remove` return the lines they changed."""

    def __init__(
        self,
        facts: Iterable[ArticleFacts] = (),
        decisions: Decisions | None = None,
        gazetteer: Gazetteer | None = None,
        reviews: Sequence[Decision] | None = None,
        *,
        confirmed_only: bool = False,
        workdir: str | None = None,
        spill: bool = False,
    ) -> None:
        """``facts``: the articles to start from (resolved together; a graph that spills only takes
        them, and :meth:`resolve` and :meth:`write` do the rest once every article is in). ``reviews``
        (``graph/resolve/review.py``) are applied as a build applies them; with them (or
        ``confirmed_only``), every article settles the whole graph (a decision can reach any fact),
        not only the units its resolution changed."""
        self.decisions = decisions
        self.reviews = reviews
        self.confirmed_only = confirmed_only
        self.gazetteer = gazetteer or load_gazetteer()
        self._sink: list[bytes] = []
        self._writer = LineWriter(self.gazetteer, self._sink.append)
        self._workdir = workdir
        self._lines = CountedLines(workdir, spill=spill)
        self._tracked = not spill  # whether the counts say which lines came and went
        self._stated: dict[str, ArticleFacts] = {}  # content hash -> facts, without the text
        self._articles: dict[str, ArticleUnit] = {}  # content hash -> its node's unit
        self._units: set[Unit] = set()  # the units resolution decides, held
        self._resolution = Resolver(self.gazetteer, decisions)
        self.whole_resolutions = 0  # articles whose addition or removal made everything be resolved again
        self._support: dict[str, Counter[str]] | None = None  # fact -> article id -> its statements
        self.reviewed: Reviewed | None = None  # what the reviews did, as last resolved
        self._writer.add_schemes()  # counted once, never taken away
        self._apply(self._written(), 1)
        for each in facts:
            self.take(each)
        if not spill:  # (a batch build resolves once, when every article is in)
            self.write(*self.resolve())

    @property
    def articles(self) -> dict[str, str]:
        """Content hash -> file name of every article the graph holds."""
        return {h: f.article.source_file for h, f in self._stated.items()}

    def facts(self) -> list[ArticleFacts]:
        """Every article's facts (without their texts), in the order of their ids."""
        return sorted(self._stated.values(), key=lambda f: f.article.id)

    def __contains__(self, content_hash: object) -> bool:
        return content_hash in self._stated

    def __len__(self) -> int:
        """How many triples the graph holds (known in a graph that never spilled)."""
        assert not self._lines.spilled
        return len(self._lines) + 1  # and the dataset's void:triples

    # ------------------------------------------------------------------ lines
    def _written(self, unit: Unit | None = None) -> list[bytes]:
        """The lines the writer made (of ``unit``, when given)."""
        if unit is not None:
            self._writer.unit(unit)
        lines = self._sink[:]
        self._sink.clear()
        return lines

    def _apply(self, lines: Iterable[bytes], step: int) -> set[bytes]:
        """Count ``lines`` in (step 1) or out (-1); the lines whose presence in the graph changed
        (none said in a graph that spills)."""
        changed = self._lines.count(lines, step)
        return set(changed) if self._tracked else set()

    def _swap(self, gone: Iterable[Unit], coming: Iterable[Unit]) -> tuple[set[bytes], set[bytes]]:
        """Take these units' lines out and write those; the lines added and removed. Should a
        unit fail to be written, the units swapped so far are swapped back and the error raised."""
        held = self._units
        added: set[bytes] = set()
        removed: set[bytes] = set()
        out: list[Unit] = []
        into: list[Unit] = []
        try:
            for unit in gone:
                if unit in held:
                    removed |= self._apply(self._written(unit), -1)
                    held.discard(unit)
                    out.append(unit)
            for unit in coming:
                if unit not in held:
                    added |= self._apply(self._written(unit), 1)
                    held.add(unit)
                    into.append(unit)
        except BaseException:
            self._sink.clear()
            for unit in into:
                self._apply(self._written(unit), -1)
                held.discard(unit)
            for unit in out:
                self._apply(self._written(unit), 1)
                held.add(unit)
            raise
        return added - removed, removed - added

    # ------------------------------------------------------------------ articles
    def take(self, facts: ArticleFacts) -> set[bytes]:
        """Add the article's node and keep its facts, not yet resolved (a batch build resolves
        them all at once: :meth:`resolve`); the lines that became part of the graph."""
        art = facts.article
        unit = self._articles[art.content_hash] = ArticleUnit.of(art)
        self._stated[art.content_hash] = facts.without_text()
        return self._apply(self._written(unit), 1)

    def drop(self, content_hash: str) -> tuple[ArticleFacts, set[bytes]]:
        """Take the article's node away and forget its facts, without resolving again (a batch
        build leaves out an article it failed on, then resolves the rest); the facts, and the
        lines that left."""
        facts = self._stated.pop(content_hash)
        return facts, self._apply(self._written(self._articles.pop(content_hash)), -1)

    def add(self, facts: ArticleFacts) -> Change:
        """Add one article (a new content hash) and return how the graph's lines changed. Should
        resolving or writing fail, the graph is left as it was and the error raised."""
        assert self._tracked, "a graph that spills takes no change"
        if facts.article.content_hash in self._stated:
            return Change([], [])
        before = self.triples_line()
        added = self.take(facts)
        try:
            changed = self._resolution.add(self._stated[facts.article.content_hash])
            more, removed = self._settled(changed, len(self._stated) - 1)
        except BaseException:  # half done: the article out, the rest resolved from nothing, as it was
            self.drop(facts.article.content_hash)
            self.write(*self.resolve())
            raise
        return self._change(before, added | more, removed)

    def remove(self, content_hash: str) -> Change:
        """Take an article out (the inverse of :meth:`add`: the resolver takes it away, redoing
        only what it reached) and return how the lines changed. Should resolving or writing fail,
        the graph is left without the article, resolved again from nothing, and the error raised."""
        assert self._tracked, "a graph that spills takes no change"
        if content_hash not in self._stated:
            return Change([], [])
        before = self.triples_line()
        facts, removed = self.drop(content_hash)
        try:
            changed = self._resolution.remove(facts.article.id)
            added, more = self._settled(changed, len(self._stated) + 1)
        except BaseException:  # half done: the rest resolved from nothing, the article out
            self.write(*self.resolve())
            raise
        return self._change(before, added, removed | more)

    def _change(self, before: bytes, added: set[bytes], removed: set[bytes]) -> Change:
        after = self.triples_line()
        if after != before:
            added.add(after)
            removed.add(before)
        return Change(sorted(added - removed), sorted(removed - added))

    # ------------------------------------------------------------------ resolution
    def resolve(self) -> tuple[Resolved, Reviewed | None]:
        """Resolve every article held again from nothing; the resolution, the reviews applied, and
        what the reviews did (then written by :meth:`write`). A graph that spills is resolved and
        written once: the resolver's state is let go as soon as it has given the resolution, so
        that a large build holds the resolution alone while it writes."""
        self._resolution.reset(self._stated.values())
        resolved = self._resolved()
        if not self._tracked:
            self._resolution = Resolver(self.gazetteer, self.decisions)
        return resolved

    def _resolved(self) -> tuple[Resolved, Reviewed | None]:
        resolved = self._resolution.resolved()
        self.reviewed = None
        if self.reviews is not None or self.confirmed_only:
            self.reviewed = apply_reviews(
                resolved, self.reviews or [], confirmed_only=self.confirmed_only, gazetteer=self.gazetteer
            )
            resolved = self.reviewed.resolved
        return resolved, self.reviewed

    def write(self, resolved: Resolved, reviewed: Reviewed | None = None) -> tuple[set[bytes], set[bytes]]:
        """Make the graph the graph of ``resolved`` (and the reviews): write the units it has and the
        graph does not, take away those the graph has and it does not; the lines added and removed.
        Should a unit fail to be written, the graph is left as it was and the error raised.

        A graph that spills (a batch build's) is written once, its units streamed from
        ``units_of`` and not kept (it takes no change after); should one fail, those written
        before it are counted out again, made again from the same resolution."""
        if not self._tracked:
            assert not self._units, "a graph that spills is written once"
            written = 0
            try:
                for unit in self._units_of(resolved, reviewed):
                    self._lines.count(self._written(unit), 1)
                    written += 1
            except BaseException:
                self._sink.clear()
                for unit in itertools.islice(self._units_of(resolved, reviewed), written):
                    self._lines.count(self._written(unit), -1)
                raise
            return set(), set()
        self._support = None
        if self._tracked:  # a live graph: what a change to one fact's statements needs
            self._support = {}
            for fact in resolved.facts:
                self._support.setdefault(fact_node(fact), Counter())[fact.article_id] += 1
        if not self._units:  # the first: every unit is new
            return self._swap((), self._units_of(resolved, reviewed))
        wanted = set(self._units_of(resolved, reviewed))
        held = self._units
        return self._swap(held - wanted, wanted - held)

    @staticmethod
    def _units_of(resolved: Resolved, reviewed: Reviewed | None) -> Iterator[Unit]:
        """The units of ``resolved`` and of the reviews."""
        yield from units_of(resolved)
        if reviewed is not None:
            yield ReviewsUnit.of(reviewed)

    def _settled(self, changed: Changed, before: int) -> tuple[set[bytes], set[bytes]]:
        """The units ``changed`` reaches written and taken away (all of them when the resolver
        redid everything, or when reviews can reach any fact); the lines added and removed."""
        if changed.everything or self.reviews is not None or self.confirmed_only:
            self.whole_resolutions += 1
            return self.write(*self._resolved())
        return self._settle_change(changed, len(self._stated), before)

    def _settle_change(self, changed: Changed, articles: int, before: int) -> tuple[set[bytes], set[bytes]]:
        """Write and take away the units an added or removed article changed
        (``Resolver``); the graph held ``before`` articles and now ``articles``."""
        support = self._support
        assert support is not None  # (a live graph's)
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
        old |= {SupportUnit(n, len(support[n])) for n in nodes if n in support}
        for facts, step in ((changed.facts[0], -1), (changed.facts[1], 1)):
            for f in facts:
                tally = support.setdefault(fact_node(f), Counter())
                tally[f.article_id] += step
                if not tally[f.article_id]:
                    del tally[f.article_id]
        for n in nodes:
            if not support.get(n):
                support.pop(n, None)
        new |= {SupportUnit(n, len(support[n])) for n in nodes if n in support}
        return self._swap(old - new, new - old)

    # ------------------------------------------------------------------ out
    def triples_line(self) -> bytes:
        """The dataset's ``void:triples`` line for the graph as it is."""
        return dataset_triples_line(len(self))

    def lines(self) -> list[bytes]:
        """Every line of the graph, sorted (the N-Triples a full build writes)."""
        lines = list(self._lines)
        bisect.insort(lines, self.triples_line())
        return lines

    def spend(self) -> None:
        """Forget all but the lines (a batch build's end: the resolver's state, the units and the
        facts are freed before the lines are merged); the graph takes no change after it."""
        self._resolution = Resolver(self.gazetteer, self.decisions)
        self._units, self._stated, self._articles, self._support = set(), {}, {}, None

    def write_ntriples(self, out: IO[bytes], tally: Tally | None = None) -> int:
        """Write the graph's sorted N-Triples into ``out`` (``tally`` counts the nodes of each
        class as they go by); how many triples. The lines are merged from their runs as they are
        written; the dataset's ``void:triples`` counts the graph's distinct lines, known only once
        they are merged, so the lines that sort after it wait in a temporary file meanwhile, and the
        document is written once and never held in memory."""
        after = dataset_triples_prefix()
        count = 1  # the void:triples triple itself
        with tempfile.TemporaryFile(dir=self._workdir) as tail:
            for line in self._lines:
                (out if line < after else tail).write(line)
                if tally is not None:
                    tally.line(line)
                count += 1
            out.write(dataset_triples_line(count))
            tail.seek(0)
            shutil.copyfileobj(tail, out, 1 << 20)
        return count

    def close(self) -> None:
        """Remove the runs of spilled lines."""
        self._lines.close()
