"""The resolver, the one there is: the resolution of a set of articles, made from nothing
(:meth:`Resolver.reset`, which is what :func:`~councilgraph.graph.resolve.resolve` and every
batch build run) or kept up to date one article at a time (:meth:`Resolver.add`,
:meth:`Resolver.remove`), redoing only what the article can change.

The resolution is a pure function of the set of articles, and each of its stages is local:

- bodies (``resolve_bodies``) look at every article, but cheaply: redone each time;
- people are linked and named within a name block (``people.py``: records of one blocking key);
- an article's entity keys come from its own records' people and the folding of abbreviations;
- events settle within a group (``event_group``: each kind's ``Event`` in ``graph/core/kinds.py``,
  inspections by council and rating, departures by person, body and kind).

So when an article comes or goes, only the name blocks of the people it names, the articles with a
record in those blocks, and the event groups of those articles' facts can change; those are
resolved again from their full contents and the rest is kept. What reaches wider makes it resolve
everything again: a decisions file (it joins and parts people across blocks), a changed folding
of abbreviations, or two blocks that name a person alike. ``tests/graph/test_live.py`` checks the
result against a resolution from nothing after every article of hundreds, added and removed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from councilgraph.graph.core.gazetteer import Gazetteer
from councilgraph.graph.core.kinds import FactKind
from councilgraph.graph.core.model import ArticleFacts, Fact
from councilgraph.graph.resolve.facts import (
    Resolved,
    ResolvedFact,
    event_group,
    fact_order,
    keyed,
    records_of,
    resolved_facts,
)
from councilgraph.graph.resolve.organisations import ResolvedEntity, resolve_bodies
from councilgraph.graph.resolve.people import (
    Decisions,
    PersonRecord,
    name_form,
    resolve_people,
)

__all__ = ["Changed", "Resolver"]

RecordId = tuple[str, str]  # (article id, entity key)
Slot = tuple[str, int]  # (article id, index of the fact in the article's statements)
Person = tuple[str, str, tuple[str, ...], tuple[str, ...]]  # local name, label, other forms, notes


@dataclass
class Changed:
    """What one article changed in the resolution: the old and new values of everything touched
    (equal ones included; the caller compares)."""

    people: tuple[set[Person], set[Person]] = field(default_factory=lambda: (set(), set()))
    mentions: tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]] = field(
        default_factory=lambda: ({}, {})
    )
    facts: tuple[set[ResolvedFact], set[ResolvedFact]] = field(default_factory=lambda: (set(), set()))
    bodies: tuple[set[ResolvedEntity], set[ResolvedEntity]] = field(default_factory=lambda: (set(), set()))
    everything: bool = False  # the whole resolution was redone (read it from :meth:`resolved`)


class Resolver:
    """The resolution of a set of articles, which changes one article at a time (module docstring)."""

    def __init__(self, gazetteer: Gazetteer, decisions: Decisions | None = None) -> None:
        self.gazetteer = gazetteer
        self.decisions = decisions
        self.articles: dict[str, ArticleFacts] = {}  # article id -> facts (without text)
        self.folded: dict[str, str] = {}
        self.bodies: dict[str, ResolvedEntity] = {}
        self.records: dict[str, list[PersonRecord]] = {}  # article id -> its records, orgs folded
        self.block_records: dict[str, dict[RecordId, PersonRecord]] = defaultdict(dict)
        self.person: dict[RecordId, str] = {}  # record -> local name of its person
        self.block_people: dict[str, set[Person]] = {}
        self.block_names: dict[str, set[str]] = {}  # block -> the names it gives, before made unique
        self.name_blocks: dict[str, set[str]] = defaultdict(set)  # such a name -> the blocks giving it
        self.stated: dict[str, list[tuple[FactKind, Fact]]] = {}  # article id -> facts, keys resolved
        self.mentions: dict[str, tuple[str, ...]] = {}
        self.groups: dict[tuple[object, ...], set[Slot]] = defaultdict(set)
        self.final: dict[Slot, ResolvedFact] = {}
        self.unmatched: list[str] = []  # decision selectors that matched no one (whole resolutions)

    # ------------------------------------------------------------------ whole
    def reset(self, articles: Iterable[ArticleFacts]) -> None:
        """Resolve ``articles`` from nothing."""
        self.articles = {f.article.id: f for f in sorted(articles, key=lambda f: f.article.id)}
        self.bodies, self.folded = resolve_bodies(self._sorted())
        self.records = {a: records_of(f, self.folded) for a, f in self.articles.items()}
        self.block_records = defaultdict(dict)
        for recs in self.records.values():
            for r in recs:
                self.block_records[name_form(r.name).key][r.id] = r
        self.person, self.block_people = {}, {}
        self.block_names, self.name_blocks = {}, defaultdict(set)
        self._resolve_blocks(set(self.block_records), whole=True)
        self.stated, self.mentions, self.groups, self.final = {}, {}, defaultdict(set), {}
        for art in self.articles:
            self._state(art)
        self._settle(set(self.groups), set(self.articles))

    def resolved(self) -> Resolved:
        """The whole resolution (people in the order of their names, facts in :func:`fact_order`)."""
        out = Resolved(bodies=dict(self.bodies))
        for local, label, alts, notes in sorted(p for people in self.block_people.values() for p in people):
            out.people.labels[local] = label
            out.people.alt_labels[local] = list(alts)
            if notes:
                out.people.notes[local] = list(notes)
        out.people.unmatched = list(self.unmatched)
        out.people.person = dict(self.person)
        out.mentions = {a: list(m) for a, m in sorted(self.mentions.items())}
        out.facts = sorted(self.final.values(), key=fact_order)
        return out

    def _sorted(self) -> list[ArticleFacts]:
        return [self.articles[a] for a in sorted(self.articles)]

    # ------------------------------------------------------------------ one more
    def add(self, facts: ArticleFacts) -> Changed:
        """Add one article; what changed. Redoes everything when the article reaches wider than
        its name blocks and event groups (then ``Changed.everything``)."""
        art = facts.article.id
        self.articles[art] = facts
        changed = self._rebodied()
        if changed.everything:
            return changed
        self.records[art] = records_of(facts, self.folded)
        blocks = {name_form(r.name).key for r in self.records[art]}
        for r in self.records[art]:
            self.block_records[name_form(r.name).key][r.id] = r
        affected = {art} | {rid[0] for b in blocks for rid in self.block_records[b]}
        old_people = {p for b in blocks for p in self.block_people.get(b, set())}
        if not self._resolve_blocks(blocks):
            self.reset(self.articles.values())
            return Changed(everything=True)
        changed.people = (old_people, {p for b in blocks for p in self.block_people[b]})
        touched: set[tuple[object, ...]] = set()
        for a in affected:
            if a in self.stated:
                changed.mentions[0][a] = self.mentions[a]
                touched |= self._unstate(a, changed.facts[0])
        return self._restated(changed, touched, affected)

    def remove(self, article_id: str) -> Changed:
        """Take one article away; what changed (the inverse of :meth:`add`, redoing the same
        things: the name blocks of the people it named, the articles with a record in them, the
        event groups of their facts). Redoes everything when it reaches wider (then
        ``Changed.everything``); an article it does not hold changes nothing."""
        art = article_id
        if art not in self.articles:
            return Changed()
        del self.articles[art]
        changed = self._rebodied()
        if changed.everything:
            return changed
        gone = self.records.pop(art)
        blocks = {name_form(r.name).key for r in gone}
        affected = {rid[0] for b in blocks for rid in self.block_records[b]}
        for r in gone:
            del self.block_records[name_form(r.name).key][r.id]
            self.person.pop(r.id, None)
        old_people = {p for b in blocks for p in self.block_people.get(b, set())}
        if not self._resolve_blocks(blocks):
            self.reset(self.articles.values())
            return Changed(everything=True)
        for b in blocks:
            if not self.block_records[b]:  # (as a resolution from nothing has it: no such block)
                del self.block_records[b], self.block_people[b], self.block_names[b]
        changed.people = (old_people, {p for b in blocks for p in self.block_people.get(b, set())})
        touched: set[tuple[object, ...]] = set()
        for a in affected | {art}:
            changed.mentions[0][a] = self.mentions[a]
            touched |= self._unstate(a, changed.facts[0])
        del self.stated[art], self.mentions[art]
        affected.discard(art)
        return self._restated(changed, touched, affected)

    def _rebodied(self) -> Changed:
        """The first half of :meth:`add` and :meth:`remove`: the bodies resolved again for the
        articles now held, as the start of what changed; everything redone (``Changed.everything``)
        when review decisions apply or the bodies fold differently."""
        bodies, folded = resolve_bodies(self._sorted())
        if self.decisions is not None or folded != self.folded:
            self.reset(self.articles.values())
            return Changed(everything=True)
        changed = Changed()
        changed.bodies = (set(self.bodies.values()), set(bodies.values()))
        self.bodies = bodies
        return changed

    def _restated(self, changed: Changed, touched: set[tuple[object, ...]], affected: set[str]) -> Changed:
        """The second half of :meth:`add` and :meth:`remove`: state the affected articles' facts
        again, settle the event groups they reach, and record what that changed."""
        for a in affected:
            touched |= self._state(a)
            changed.mentions[1][a] = self.mentions[a]
        before = {
            slot: self.final[slot] for g in touched for slot in self.groups.get(g, ()) if slot in self.final
        }
        changed.facts[0].update(before.values())
        self._settle(touched, affected)
        changed.facts[1].update(self.final[slot] for slot in before.keys() | self._slots(touched, affected))
        return changed

    def _slots(self, groups: set[tuple[object, ...]], articles: set[str]) -> set[Slot]:
        slots = {slot for g in groups for slot in self.groups.get(g, ())}
        slots |= {(a, i) for a in articles for i in range(len(self.stated[a]))}
        return slots

    def _resolve_blocks(self, blocks: set[str], whole: bool = False) -> bool:
        """Link and name the people of these blocks again; False (nothing changed) when a person's
        name there is, or was, also another block's: a whole resolution makes such names unique
        (each takes a hash), so only a whole resolution can say what they are."""
        block_of = {rid: b for b in blocks for rid in self.block_records[b]}
        records = [r for b in sorted(blocks) for r in self.block_records[b].values()]
        res = resolve_people(records, self.decisions if whole else None, self.gazetteer)
        if whole:
            self.unmatched = list(res.unmatched)
        named: dict[str, set[Person]] = defaultdict(set)
        for rid, local in res.person.items():
            named[block_of[rid]].add(
                (local, res.labels[local], tuple(res.alt_labels[local]), tuple(res.notes.get(local, [])))
            )
        names = {b: {res.raw[p[0]] for p in people} for b, people in named.items()}
        if not whole:  # a name another block gives too, before or after: only a whole resolution
            # makes the names unique across blocks (resolve_people)
            before = set().union(*(self.block_names.get(b, set()) for b in blocks))
            for name in before.union(*names.values()):
                if self.name_blocks.get(name, set()) - blocks:
                    return False
        for b in blocks:
            for name in self.block_names.get(b, set()):
                self.name_blocks[name].discard(b)
            self.block_people[b] = named.get(b, set())
            self.block_names[b] = names.get(b, set())
            for name in self.block_names[b]:
                self.name_blocks[name].add(b)
        self.person.update(res.person)
        return True

    def _key_in(self, art: str, key: str) -> str:
        if key.startswith("person:"):
            return "person:" + self.person[(art, key)]
        return self.folded.get(key, key)

    def _state(self, art: str) -> set[tuple[object, ...]]:
        """Resolve one article's keys; the event groups its facts are in."""
        self.mentions[art], stated = keyed(self.articles[art], self._key_in)
        groups: set[tuple[object, ...]] = set()
        for i, (kind, fact) in enumerate(stated):
            group = event_group(kind, fact)
            if group is not None:
                self.groups[group].add((art, i))
                groups.add(group)
        self.stated[art] = stated
        return groups

    def _unstate(self, art: str, gone: set[ResolvedFact]) -> set[tuple[object, ...]]:
        """Take one article's resolved facts out (into ``gone``); the groups they were in."""
        groups: set[tuple[object, ...]] = set()
        for i, (kind, fact) in enumerate(self.stated[art]):
            group = event_group(kind, fact)
            if group is not None:
                held = self.groups[group]
                held.discard((art, i))
                if not held:  # (as a resolution from nothing has it: no such group)
                    del self.groups[group]
                groups.add(group)
            resolved = self.final.pop((art, i), None)
            if resolved is not None:
                gone.add(resolved)
        return groups

    def _settle(self, groups: set[tuple[object, ...]], articles: set[str]) -> None:
        """Settle the events of these groups and resolve the facts of these articles."""
        slots = sorted(self._slots(groups, articles))
        published = {a: self.articles[a].article.published for a in {s[0] for s in slots}}
        stated = [(self.stated[a][i][0], a, self.stated[a][i][1]) for a, i in slots]
        for slot, fact in zip(slots, resolved_facts(stated, published), strict=True):
            self.final[slot] = fact
