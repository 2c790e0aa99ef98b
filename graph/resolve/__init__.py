"""Resolution, one stage: what every article states -> the entities and facts of one graph.

A pure function of the articles' facts (and the user's decisions): no spaCy, no RDF. It decides

- which bodies are one (``organisations.py``: gazetteer keys, spelled-out abbreviations);
- which people are one (``people.py``: names that agree, plus a shared council, body or role);
- which reports are one event (``events.py``: an inspection's year, a departure's role),

and gives every fact its resolved entity keys and its identity, from which ``graph/core/iris.py``
makes its IRI. ``graph/rdf/build.py`` then only writes triples.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from councilgraph.graph.core.events import departure_role, inspection_year, reported_groups
from councilgraph.graph.core.gazetteer import Gazetteer, load_gazetteer
from councilgraph.graph.core.iris import iri
from councilgraph.graph.core.kinds import FACT_KINDS, FactKind
from councilgraph.graph.core.model import ArticleFacts, Departure, Fact, Inspection
from councilgraph.graph.core.order import NoneFirst
from councilgraph.graph.resolve.organisations import ResolvedEntity, resolve_bodies
from councilgraph.graph.resolve.people import (
    Decisions,
    NameForm,
    PersonRecord,
    Resolution,
    load_decisions,
    name_form,
    person_records,
    resolve_people,
)

__all__ = [
    "Decisions",
    "NameForm",
    "PersonRecord",
    "Resolution",
    "Resolved",
    "ResolvedEntity",
    "ResolvedFact",
    "entity_iri",
    "load_decisions",
    "name_form",
    "resolve",
    "resolve_people",
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


def resolve(
    articles: Sequence[ArticleFacts],
    decisions: Decisions | None = None,
    gazetteer: Gazetteer | None = None,
) -> Resolved:
    """Resolve the facts of ``articles`` (any order; the result depends only on the set)."""
    articles = sorted(articles, key=lambda f: f.article.id)
    gazetteer = gazetteer or load_gazetteer()
    bodies, folded = resolve_bodies(articles)
    records = [r for facts in articles for r in _records(facts, folded)]
    people = resolve_people(records, decisions, gazetteer)

    def key_in(article_id: str, key: str) -> str:
        if key.startswith("person:"):
            return "person:" + people.person[(article_id, key)]
        return folded.get(key, key)

    resolved = Resolved(people, bodies)
    stated: list[tuple[FactKind, str, Fact]] = []
    for facts in articles:
        art = facts.article.id
        mentions, keyed = _keyed(facts, key_in)
        resolved.mentions[art] = list(mentions)
        stated += [(kind, art, fact) for kind, fact in keyed]
    published = {f.article.id: f.article.published for f in articles}
    resolved.facts = sorted(_resolved_facts(stated, published), key=_order)
    return resolved


def _records(facts: ArticleFacts, folded: dict[str, str]) -> list[PersonRecord]:
    """The article's person records, their bodies folded ("NFA" here is the NFA spelled out there)."""
    return [
        replace(r, orgs=frozenset(folded.get(o, o) for o in r.orgs))
        if any(o in folded for o in r.orgs)
        else r
        for r in person_records(facts)
    ]


def _keyed(
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


def _resolved_facts(
    stated: list[tuple[FactKind, str, Fact]], published: dict[str, str | None]
) -> list[ResolvedFact]:
    """Every statement with its events settled and its identity (``stated`` holds whole event groups)."""
    settled = _settle_events(stated, published)
    undated = _undated_inspections(settled, published)
    return [
        ResolvedFact(kind.name, _identity(kind, fact, art, undated), art, fact) for kind, art, fact in settled
    ]


def _order(fact: ResolvedFact) -> tuple[str, tuple[str, ...], str, Fact]:
    """A resolved fact's place in the order (its fields', as :class:`ResolvedFact` compares them:
    the same order, with the key tuple made once per fact rather than per comparison; the fact
    itself, compared last, orders a missing field first)."""
    return fact.kind, fact.identity, fact.article_id, fact.fact


def _settle_events(
    stated: list[tuple[FactKind, str, Fact]], published: dict[str, str | None]
) -> list[tuple[FactKind, str, Fact]]:
    """Give undated inspections the one year that fits, and role-less departures the one role."""
    years: dict[tuple[str, str], set[int]] = defaultdict(set)
    roles: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for _kind, _art, fact in stated:
        if isinstance(fact, Inspection) and fact.year is not None:
            years[(fact.council, fact.rating)].add(fact.year)
        if isinstance(fact, Departure) and fact.role:
            roles[(fact.person, fact.organisation, fact.kind)].add(fact.role)
    out = []
    for kind, art, fact in stated:
        if isinstance(fact, Inspection) and fact.year is None:
            pub = published[art]
            year = inspection_year(None, years[(fact.council, fact.rating)], int(pub[:4]) if pub else None)
            fact = replace(fact, year=year)
        elif isinstance(fact, Departure) and not fact.role:
            fact = replace(
                fact, role=departure_role(None, roles[(fact.person, fact.organisation, fact.kind)])
            )
        out.append((kind, art, fact))
    return out


def _undated_inspections(
    stated: list[tuple[FactKind, str, Fact]], published: dict[str, str | None]
) -> dict[tuple[str, str, str], str]:
    """(council, rating, article) -> what stands for the year of an inspection no report dates."""
    reports: dict[tuple[str, str], list[str]] = defaultdict(list)
    for _kind, art, fact in stated:
        if (
            isinstance(fact, Inspection)
            and fact.year is None
            and art not in reports[(fact.council, fact.rating)]
        ):
            reports[(fact.council, fact.rating)].append(art)
    out = {}
    for (council, rating), arts in reports.items():
        arts.sort()
        openers = reported_groups([published[a] for a in arts])
        for art, opener in zip(arts, openers, strict=True):
            first = arts[opener]
            out[(council, rating, art)] = (
                f"reported {published[first]}" if published[first] else f"article {first}"
            )
    return out


def _identity(
    kind: FactKind, fact: Fact, article_id: str, undated: dict[tuple[str, str, str], str]
) -> tuple[str, ...]:
    """The fact's identity fields, entity keys as IRIs; an inspection whose year no report gives is
    known by when it was first reported (see :func:`events.reported_groups`)."""
    parts = [
        entity_iri(v) if name in kind.entity_fields and isinstance(v, str) else str(v)
        for name, v in zip(kind.identity_fields, kind.identity(fact), strict=True)
    ]
    if isinstance(fact, Inspection) and fact.year is None:
        parts[-1] = undated[(fact.council, fact.rating, article_id)]
    return tuple(parts)
