"""Councils and organisations across articles: one key per body, with the names articles use.

Councils and gazetteer organisations are keyed by the gazetteer already; an abbreviation an
article spells out ("the Northern Fostering Alliance (NFA)") folds the bare "NFA" of every other
article into the spelled-out body, unless two bodies claim it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from councilgraph.graph.core.iris import slugify
from councilgraph.graph.core.model import ArticleFacts, Entity
from councilgraph.graph.core.order import NoneFirst

__all__ = ["ResolvedEntity", "abbreviation_map", "resolve_bodies"]


@dataclass(frozen=True)
class ResolvedEntity(NoneFirst):
    """A council or organisation as the graph describes it: the label most articles use, and
    the abbreviations articles spell out for it."""

    key: str
    entity: Entity
    label: str
    abbreviations: tuple[str, ...] = ()


def abbreviation_map(aliases: dict[str, set[str]]) -> dict[str, str]:
    """``org:lga`` -> ``org:local-government-association`` when some article spelled the
    abbreviation out and no other body claims it."""
    claims: dict[str, set[str]] = defaultdict(set)
    for key, names in aliases.items():
        for alias in names:
            claims[f"org:{slugify(alias)}"].add(key)
    return {
        short: next(iter(longs))
        for short, longs in sorted(claims.items())
        if len(longs) == 1 and short != next(iter(longs))
    }


def resolve_bodies(articles: Iterable[ArticleFacts]) -> tuple[dict[str, ResolvedEntity], dict[str, str]]:
    """Every council and organisation, keyed, and the map of abbreviation keys to the body they name."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    entities: dict[str, Entity] = {}
    aliases: dict[str, set[str]] = defaultdict(set)
    for facts in articles:
        for key, entity in facts.entities.items():
            if entity.kind == "person":
                continue
            entities.setdefault(key, entity)
            labels[key][entity.label] += 1
            aliases[key].update(entity.alt_labels)
    folded = abbreviation_map(aliases)
    bodies = {}
    for key in sorted(entities):
        if key in folded:
            continue  # described under the body it abbreviates
        counts = labels[key]
        label = min(counts, key=lambda lab: (-counts[lab], lab))
        bodies[key] = ResolvedEntity(key, entities[key], label, tuple(sorted(aliases.get(key, ()))))
    return bodies, folded
