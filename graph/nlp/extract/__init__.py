"""Extraction: one parsed article in, its entities and facts out.

Each extractor returns its facts; what one needs from another is in its signature:

| step | call | needs | returns |
|---|---|---|---|
| entities | ``find_entities(ctx)`` (bodies by their shape: ``bodies.py``) | the Doc | mentions, entities (on ``ctx``) |
| titles | ``leaders_of_named_bodies``, ``portfolios_of_councillors``, ``department_heads``, ``shortened_titles`` | | roles |
| posts | ``extract_posts``, ``leading_posts``, ``running_posts``, ``chairing_posts``, ``bracketed_portfolios`` | titles | |
| cabinet lists | ``portfolio_lines`` ("Children – Cllr Ann Roe", a line a member) | | posts, those announced as new |
| bodies left | ``posts_left`` ("sacked from the cabinet": a cabinet member) | | posts |
| portfolios | ``portfolios_held``, ``owned_cabinet_jobs`` ("her cabinet role") | | posts |
| posts by anaphor | ``anaphoric_posts(ctx, posts)`` ("took on the role") | posts | |
| inspections | ``extract_inspections(ctx)`` | mentions | ``list[Inspection]`` |
| appointments | ``extract_appointments(ctx, posts)`` | posts (a predecessor's post) | ``list[Appointment]`` |
| contests | ``leadership_contests(ctx, posts)`` ("X lost the leadership to Y") | posts | appointments, departures |
| successions | ``predecessor_posts(ctx, appointments, posts)`` | appointments (the post taken) | the predecessors' posts |
| departures | ``extract_departures(ctx, posts)`` | posts (the leaver's role and body) | ``list[Departure]`` |
| leaving by title | ``unnamed_leaver_posts(ctx, posts, departures)`` | departures ("The director quits") | posts, leavings |
| dates | ``date_facts(ctx)`` (``timespans.py``) | every post, appointment, departure | the same, dated by their sentence |

An appointment implied by a "new"/"incoming" title is derived here, in :func:`new_in_post`; a
post implied by an appointment is derived here, in :func:`implied_posts`, and nowhere else; so
is the Councillor post of a person titled councillor who holds no other council post
(:func:`~councilgraph.graph.nlp.extract.posts.councillor_posts`), which needs every other post first.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from councilgraph.graph.core.model import Appointment, Article, ArticleFacts, Post
from councilgraph.graph.core.rules import Lexicon
from councilgraph.graph.nlp.extract.appointments import (
    anaphoric_posts,
    extract_appointments,
    unnamed_appointees,
)
from councilgraph.graph.nlp.extract.contests import leadership_contests
from councilgraph.graph.nlp.extract.context import Context
from councilgraph.graph.nlp.extract.departures import extract_departures, posts_left, unnamed_leaver_posts
from councilgraph.graph.nlp.extract.entities import find_entities
from councilgraph.graph.nlp.extract.inspections import extract_inspections
from councilgraph.graph.nlp.extract.posts import (
    bracketed_portfolios,
    chairing_posts,
    councillor_posts,
    department_heads,
    extract_posts,
    leaders_of_named_bodies,
    leading_posts,
    owned_cabinet_jobs,
    portfolio_lines,
    portfolios_held,
    portfolios_of_councillors,
    running_posts,
    shortened_titles,
)
from councilgraph.graph.nlp.extract.successions import predecessor_posts
from councilgraph.graph.nlp.extract.timespans import date_facts

__all__ = ["extract_facts", "implied_posts"]


def implied_posts(appointments: list[Appointment]) -> list[Post]:
    """Being appointed to a post is a statement that one holds it."""
    return [Post(a.person, a.organisation, a.role, a.role_label, a.evidence) for a in appointments]


def new_in_post(posts: list[Post], lex: Lexicon, text: str) -> list[Appointment]:
    """A post held under a title that says its holder is new to it ("the new director of
    children's services, X", "incoming chief executive X", "our newly appointed director, X")
    states an appointment: the title's first word, or the words written just before the title
    or the evidence ("X will be the next leader"; ``text`` is the article's)."""
    out = []
    for p in posts:
        first = p.role_label.split(maxsplit=1)[0].lower() if p.role_label else ""
        before = " ".join(text[max(0, p.title_start - 40) : p.title_start].lower().split())
        end = p.title_start + len(p.role_label)
        if re.match(r"\s+(?:of\s+\S+\s+)?to\s", text[end : end + 40]):
            continue  # "the first director to resign": what they did first, not a post taken
        if first in lex.newcomer_words or any(
            before.endswith(f" {phrase}") or before == phrase for phrase in lex.newcomer_phrases
        ):
            out.append(Appointment(p.person, p.organisation, p.role, p.role_label, p.evidence))
    return out


def extract_facts(doc: Doc, article: Article) -> ArticleFacts:
    """Everything ``article`` states, read from ``doc`` (its text parsed with furniture masked)."""
    ctx = Context.create(doc, article)
    find_entities(ctx)
    leaders_of_named_bodies(ctx)
    portfolios_of_councillors(ctx)
    department_heads(ctx)
    shortened_titles(ctx)
    posts = extract_posts(ctx) + leading_posts(ctx) + running_posts(ctx) + chairing_posts(ctx)
    posts += bracketed_portfolios(ctx)
    listed, announced = portfolio_lines(ctx)
    held, took = portfolios_held(ctx)
    posts += listed + posts_left(ctx) + held + owned_cabinet_jobs(ctx)
    posts += anaphoric_posts(ctx, posts)
    inspections = extract_inspections(ctx)
    appointments = extract_appointments(ctx, posts) + new_in_post(posts, ctx.lex, ctx.article.text)
    appointments += [
        Appointment(p.person, p.organisation, p.role, p.role_label, p.evidence) for p in announced + took
    ]
    appointments += unnamed_appointees(ctx, posts, appointments)
    winners, losers = leadership_contests(ctx, posts)
    appointments += winners
    followed, vacated = predecessor_posts(ctx, appointments, posts + implied_posts(appointments))
    posts += followed
    departures = extract_departures(ctx, posts) + vacated + losers  # a leaver's post is one the text states
    held, left = unnamed_leaver_posts(ctx, posts, departures)
    posts += held
    departures += left
    posts += implied_posts(appointments)
    facts = ctx.facts
    facts.posts = sorted(set(posts + councillor_posts(ctx, posts)))
    facts.inspections = sorted(set(inspections))
    facts.departures = sorted(set(departures))
    facts.appointments = sorted(set(appointments))
    date_facts(ctx)  # when each post was held and each change happened, from the fact's own sentence
    return facts
