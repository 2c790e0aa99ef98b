"""Resolution, one stage: what every article states -> the entities and facts of one graph.

A pure function of the articles' facts (and the user's decisions): no spaCy, no RDF. It decides

- which bodies are one (``organisations.py``: gazetteer keys, spelled-out abbreviations);
- which people are one (``people.py``: names that agree, plus a shared council, body or role);
- which reports are one event (each kind's ``event`` in ``graph/core/kinds.py``: an inspection's
  year, a departure's role, by the rules of ``graph/core/events.py``),

and gives every fact its resolved entity keys and its identity, from which ``graph/core/iris.py``
makes its IRI. ``graph/rdf/build.py`` then only writes triples.
"""

from __future__ import annotations

from collections.abc import Sequence

from councilgraph.graph.core.gazetteer import Gazetteer, load_gazetteer
from councilgraph.graph.core.model import ArticleFacts
from councilgraph.graph.resolve.facts import Resolved, ResolvedFact, entity_iri, event_group
from councilgraph.graph.resolve.organisations import ResolvedEntity
from councilgraph.graph.resolve.people import (
    Decisions,
    NameForm,
    PersonRecord,
    Resolution,
    load_decisions,
    name_form,
    resolve_people,
)
from councilgraph.graph.resolve.resolver import Resolver

__all__ = [
    "Decisions",
    "Resolver",
    "NameForm",
    "PersonRecord",
    "Resolution",
    "Resolved",
    "ResolvedEntity",
    "ResolvedFact",
    "entity_iri",
    "event_group",
    "load_decisions",
    "name_form",
    "resolve",
    "resolve_people",
]


def resolve(
    articles: Sequence[ArticleFacts],
    decisions: Decisions | None = None,
    gazetteer: Gazetteer | None = None,
) -> Resolved:
    """Resolve the facts of ``articles`` (any order; the result depends only on the set): the one
    resolver (:class:`Resolver`, ``resolver.py``) made from nothing with them."""
    resolver = Resolver(gazetteer or load_gazetteer(), decisions)
    resolver.reset(articles)
    return resolver.resolved()
