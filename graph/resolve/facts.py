"""What a resolved graph is, and the steps of resolution that are per article and per event.

:class:`Resolved` holds people, bodies, mentions and every :class:`ResolvedFact`; the functions
here key one article's facts to the resolved entities (:func:`keyed`) and settle the reports of
one event and give each fact its identity (:func:`resolved_facts`), reading each kind's ``Event``
in ``graph/core/kinds.py``. The resolver (``resolver.py``) runs them, for every article at
once or for what one article reaches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from councilgraph.graph.core.events import reported_groups
from councilgraph.graph.core.iris import iri
from councilgraph.graph.core.kinds import FACT_KINDS, FactKind
from councilgraph.graph.core.model import ArticleFacts, Fact
from councilgraph.graph.core.order import NoneFirst
from councilgraph.graph.resolve.organisations import ResolvedEntity
from councilgraph.graph.resolve.people import PersonRecord, Resolution, person_records

__all__ = [
    "Resolved",
    "ResolvedFact",
    "entity_iri",
    "event_group",
    "fact_identity",
    "fact_order",
    "is_unknown",
    "keyed",
    "records_of",
    "resolved_facts",
]


@lru_cache(maxsize=1 << 16)
def entity_iri(key: str) -> str:
    """The IRI of a resolved entity key (``council:dudley``, ``person:sarah-norman``); the same
    councils, bodies and people recur in fact after fact."""
    kind, local = key.split(":", 1)
    return str(iri(kind, local))


@dataclass(frozen=True)
class ResolvedFact(NoneFirst):
    """One article's statement of a fact, its entity keys resolved.

    Statements with one ``identity`` are one fact (one node) with several sources.
    """

    kind: str
    identity: tuple[str, ...]
    article_id: str
    fact: Fact


@dataclass
class Resolved:
    """The resolved graph: people, bodies, what each article mentions, and every fact."""

    people: Resolution = field(default_factory=Resolution)
    bodies: dict[str, ResolvedEntity] = field(default_factory=dict)
    mentions: dict[str, list[str]] = field(default_factory=dict)
    facts: list[ResolvedFact] = field(default_factory=list)


def records_of(facts: ArticleFacts, folded: dict[str, str]) -> list[PersonRecord]:
    """The article's person records, their bodies folded ("NFA" here is the NFA spelled out there)."""
    return [
        replace(r, orgs=frozenset(folded.get(o, o) for o in r.orgs))
        if any(o in folded for o in r.orgs)
        else r
        for r in person_records(facts)
    ]


def keyed(
    facts: ArticleFacts, key_in: Callable[[str, str], str]
) -> tuple[tuple[str, ...], list[tuple[FactKind, Fact]]]:
    """What an article mentions and states, its entity keys resolved by ``key_in(article, key)``
    (a fact is copied only when a key changes)."""
    art = facts.article.id
    mentions = tuple(sorted({key_in(art, k) for k in facts.mentions}))
    stated: list[tuple[FactKind, Fact]] = []
    for kind in FACT_KINDS:
        for fact in getattr(facts, kind.field):
            keys = {f: key_in(art, getattr(fact, f)) for f in kind.entity_fields if getattr(fact, f)}
            same = all(getattr(fact, f) == key for f, key in keys.items())
            stated.append((kind, fact if same else replace(fact, **keys)))
    return mentions, stated


def resolved_facts(
    stated: list[tuple[FactKind, str, Fact]], published: dict[str, str | None]
) -> list[ResolvedFact]:
    """Every statement with its events settled and its identity (``stated`` holds whole event groups)."""
    settled = _settle_events(stated, published)
    unsettled = _unsettled(settled, published)
    return [
        ResolvedFact(kind.name, fact_identity(kind, fact, art, unsettled), art, fact)
        for kind, art, fact in settled
    ]


def fact_order(fact: ResolvedFact) -> tuple[str, tuple[str, ...], str, Fact]:
    """A resolved fact's place in the order (its fields', as :class:`ResolvedFact` compares them:
    the same order, with the key tuple made once per fact rather than per comparison; the fact
    itself, compared last, orders a missing field first)."""
    return fact.kind, fact.identity, fact.article_id, fact.fact


def event_group(kind: FactKind, fact: Fact) -> tuple[object, ...] | None:
    """The event a report is of (its kind's name and ``Event.group`` fields; ``graph/core/kinds.py``),
    which its reports settle in together; None for a kind without events. The one grouping: the
    resolver (``resolver.py``) reads it, for a whole resolution and for what one article reaches."""
    event = kind.event
    if event is None:
        return None
    return (kind.name, *(getattr(fact, name) for name in event.group))


def is_unknown(value: object) -> bool:
    """Whether an event's value is not given (None, or an empty string)."""
    return value is None or value == ""


def _settle_events(
    stated: list[tuple[FactKind, str, Fact]], published: dict[str, str | None]
) -> list[tuple[FactKind, str, Fact]]:
    """Give each report that leaves its event's ``settles`` field unknown the value its kind's
    rule finds from the event's other reports (``Event``: an inspection's one year that fits, a
    departure's one role)."""
    known: dict[tuple[object, ...], set[object]] = defaultdict(set)
    for kind, _art, fact in stated:
        group = event_group(kind, fact)
        if group is not None and kind.event is not None:
            value = getattr(fact, kind.event.settles)
            if not is_unknown(value):
                known[group].add(value)
    out = []
    for kind, art, fact in stated:
        event = kind.event
        if event is not None and is_unknown(getattr(fact, event.settles)):
            group = event_group(kind, fact)
            assert group is not None
            fact = replace(fact, **{event.settles: event.rule(known[group], published[art])})
        out.append((kind, art, fact))
    return out


def _unsettled(
    stated: list[tuple[FactKind, str, Fact]], published: dict[str, str | None]
) -> dict[tuple[tuple[object, ...], str], str]:
    """(event, article) -> what stands for the value of an event (of a kind whose ``Event`` is
    ``reported``) that no report gives: when it was first reported (``events.reported_groups``)."""
    reports: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for kind, art, fact in stated:
        event = kind.event
        if event is not None and event.reported and is_unknown(getattr(fact, event.settles)):
            group = event_group(kind, fact)
            assert group is not None
            if art not in reports[group]:
                reports[group].append(art)
    out = {}
    for group, arts in reports.items():
        arts.sort()
        openers = reported_groups([published[a] for a in arts])
        for art, opener in zip(arts, openers, strict=True):
            first = arts[opener]
            out[(group, art)] = f"reported {published[first]}" if published[first] else f"article {first}"
    return out


def fact_identity(
    kind: FactKind, fact: Fact, article_id: str, unsettled: dict[tuple[tuple[object, ...], str], str]
) -> tuple[str, ...]:
    """The fact's identity fields, entity keys as IRIs; an event whose value no report gives is
    known by when it was first reported, in that value's place (see :func:`_unsettled`)."""
    parts = [
        entity_iri(v) if name in kind.entity_fields and isinstance(v, str) else str(v)
        for name, v in zip(kind.identity_fields, kind.identity(fact), strict=True)
    ]
    event = kind.event
    if event is not None and event.reported and is_unknown(getattr(fact, event.settles)):
        group = event_group(kind, fact)
        assert group is not None
        parts[kind.identity_fields.index(event.settles)] = unsettled[(group, article_id)]
    return tuple(parts)
