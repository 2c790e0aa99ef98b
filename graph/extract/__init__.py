"""Extraction: one parsed article in, its entities and facts out.

Order matters and is fixed here: entities first (everything else points at them), then posts,
then inspections, then departures and appointments, which borrow the posts' roles and
organisations.
"""

from __future__ import annotations

from spacy.tokens import Doc

from councilgraph.graph.extract.context import Context
from councilgraph.graph.extract.entities import find_entities
from councilgraph.graph.extract.events import extract_events
from councilgraph.graph.extract.inspections import extract_inspections
from councilgraph.graph.extract.posts import extract_posts
from councilgraph.graph.model import Article, ArticleFacts

__all__ = ["extract_facts"]


def extract_facts(doc: Doc, article: Article) -> ArticleFacts:
    """Everything ``article`` states, read from ``doc`` (its text parsed with furniture masked)."""
    ctx = Context.create(doc, article)
    find_entities(ctx)
    extract_posts(ctx)
    extract_inspections(ctx)
    extract_events(ctx)
    facts = ctx.facts
    facts.posts = sorted(set(facts.posts))
    facts.inspections = sorted(set(facts.inspections))
    facts.departures = sorted(set(facts.departures))
    facts.appointments = sorted(set(facts.appointments))
    return facts
