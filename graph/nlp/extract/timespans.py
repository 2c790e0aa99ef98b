"""When a post was held, and when an appointment or departure happened, as the fact's own sentence says.

A phrase of ``patterns/timespans.json`` dates a fact when it is in the sentence that states the
fact and the parse hangs it on that fact. For a post: on its title beside the person ("Jo Bloggs,
director since 2014"), or on a verb whose subject, object or complement is the person and whose
title, if it names one, is the post's ("Jo Bloggs has been director since 2014", "X, who has held
the post for three years"); a span of time only on a verb of holding, an "in <date>" only on a
verb of beginning or ending. For an appointment or departure: an "in"/"on" date on its own verb or
noun, the only such word in its quote ("was appointed in May 2019"). A phrase about something else
in the sentence ("the council has been inadequate since 2014, said its director Jo Bloggs") hangs
on another clause and dates nothing. The fact's evidence then runs to the end of the phrase, so
that its quote shows the date it was given.

Values are what the phrase says (a day, a month or a year: ``dates.date_value``); a relative one
("since last year", "for three years", "since May") only against the article's own publication
date, and never when the article has none. Two phrases that give one end of a fact different
values date it at neither: a reader could not say which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import TypeVar

from dateutil.relativedelta import relativedelta
from spacy.tokens import Span, Token

from councilgraph.graph.core.dates import date_value
from councilgraph.graph.core.model import Appointment, Departure, Evidence, Post
from councilgraph.graph.core.rules import load_rules
from councilgraph.graph.nlp.extract.context import Context

__all__ = ["Phrase", "date_facts", "held_over_time", "phrases_in"]

Event = TypeVar("Event", Appointment, Departure)


@dataclass(frozen=True)
class Phrase:
    """One dating phrase found in a sentence: its kind (a key of ``timespans.json``), its
    character range, its first token (the preposition the parse hangs it by) and what it gives."""

    kind: str
    start: int
    stop: int
    token: Token
    begin: str | None = None
    end: str | None = None
    on: str | None = None


@cache
def _compiled() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return load_rules().timespans.compiled()


def phrases_in(sent: Span, published: str | None) -> list[Phrase]:
    """Every dating phrase of ``sent`` that gives a value, with its values resolved."""
    text, base = sent.text, sent.start_char
    out: list[Phrase] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _compiled():
        for match in rx.finditer(text):
            start, stop = base + match.start(), base + match.end()
            if any(a < stop and start < b for a, b in taken):
                continue  # "from 2015 to 2018" is one span, not also an "on"-less year
            span = sent.doc.char_span(start, stop, alignment_mode="expand")
            if span is None or not len(span):
                continue
            token = span[0]
            values = _values(kind, match, published)
            if values is None:
                continue
            taken.append((start, stop))
            out.append(Phrase(kind, start, stop, token, **values))
    return sorted(out, key=lambda p: p.start)


def held_over_time(sent: Span) -> list[Token]:
    """The first words (prepositions) of the phrases of ``sent`` saying something has held for a
    span of time or since a date ("for the past four years", "since 2009"), whatever the
    publication date: what they tell began earlier."""
    out = []
    for kind, rx in _compiled():
        if kind in {"duration", "since"}:
            for match in rx.finditer(sent.text):
                span = sent.doc.char_span(
                    sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="expand"
                )
                if span is not None and len(span):
                    out.append(span[0])
    return out


def _values(kind: str, match: re.Match[str], published: str | None) -> dict[str, str | None] | None:
    groups = match.groupdict()
    if kind == "duration":
        return _duration(groups, published)
    found = {k: date_value(v, published) for k, v in groups.items() if k in {"begin", "end", "on"} and v}
    end_text = groups.get("end") or ""
    if kind == "until" and len(end_text.split()) == 1 and not end_text[:1].isdigit():
        return None  # "until March" may look forward: only an end with its year
    values = {k: v for k, v in found.items() if v is not None}
    if not values or len(values) != len(found):
        return None
    begin, end = values.get("begin"), values.get("end")
    if begin is not None and end is not None and begin > end:
        return None
    return dict(values)


def _duration(groups: dict[str, str | None], published: str | None) -> dict[str, str | None] | None:
    """'for three years' up to the publication date: the beginning, to the year (or month)."""
    if not published or len(published) != 10 or groups.get("bound"):
        return None
    count_text = (groups.get("count") or "").lower()
    count = int(count_text) if count_text.isdigit() else load_rules().dates.number_words.get(count_text)
    if not count:
        return None
    unit = groups.get("unit") or ""
    day = date.fromisoformat(published)
    if unit.startswith("year"):
        return {"begin": f"{day.year - count:04d}"}
    return {"begin": (day - relativedelta(months=count)).isoformat()[:7]}


_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "attr", "oprd", "appos"}
_WITHIN = {"pobj", "prep", "compound", "amod", "poss", "case"}


def _arguments(verb: Token) -> set[int]:
    """The tokens a verb says something of: its subject, object or complement (and through
    "by", a passive's agent), the noun a relative clause hangs on ("X, who has led ..."), and
    for a verb joined to another ("joined ... and became ...") that one's subject."""
    out = {c.i for c in verb.children if c.dep_ in _ARGUMENTS}
    out |= {g.i for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"}
    head = verb
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
        out |= {c.i for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}}
    if head.dep_ == "relcl":  # "X, the chief executive of Y, who has held the post": up to X
        noun = head.head
        out.add(noun.i)
        while noun.dep_ in _WITHIN | {"appos"} and noun.head is not noun:
            noun = noun.head
            out.add(noun.i)
    return out


def _anchor(phrase: Phrase) -> Token:
    """The word the phrase says something of: its preposition's head, and for a span of time
    past the prepositions and modifiers of a title ("director of children's services since 2014":
    "director"). An "in"/"on" date is its own verb's or noun's ("following the retirement of X in
    December 2020" dates the retirement, not what followed it)."""
    head = phrase.token.head
    if phrase.kind == "on":
        return head
    while head.dep_ in _WITHIN and head.head is not head:
        head = head.head
    return head


def _titles(verb: Token) -> list[Token]:
    """The titles a verb gives ("has been director", "joined the council as director")."""
    out = [c for c in verb.children if c.dep_ in {"attr", "oprd"}]
    return out + [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children]


def _hangs_on(phrase: Phrase, post: Post, person: set[int]) -> bool:
    """Whether the phrase's preposition attaches to this post of its holder: to its title beside
    the person ("Jo Bloggs, director since 2014"), or to a verb whose subject, object or
    complement is the person and whose title, if it gives one, is the post's ("Jo Bloggs has been
    director since 2014", "X, who has held the post for three years"). A phrase on another clause
    ("the council has been failing since 2014, said its director Jo Bloggs") dates nothing."""
    anchor = _anchor(phrase)
    if not person:
        return False
    role = post.role_label.lower()
    if anchor.pos_ in {"VERB", "AUX"}:
        arguments = _arguments(anchor)
        for i in list(arguments):  # "has been director Jo Bloggs": the complement's name
            arguments |= {c.i for c in anchor.doc[i].children if c.dep_ in {"appos", "compound"}}
        titles = _titles(anchor)
        return bool(arguments & person) and (not titles or any(t.lower_ in role for t in titles))
    if anchor.i in person:  # "X, chief executive of Y until March 2020": hung on the name
        return any(c.dep_ == "appos" and c.lower_ in role for c in anchor.children)
    if not post.evidence.start <= anchor.idx < post.evidence.end or anchor.lower_ not in role:
        return False
    near = {anchor.i, anchor.head.i} | {c.i for c in anchor.children}
    return bool(near & person) or (
        anchor.head.pos_ in {"VERB", "AUX"} and bool(_arguments(anchor.head) & person)
    )


def _sentence(ctx: Context, evidence: Evidence) -> Span | None:
    span = ctx.doc.char_span(evidence.start, evidence.end, alignment_mode="expand")
    return span.sent if span is not None and len(span) else None


def _widened(ctx: Context, evidence: Evidence, used: list[Phrase]) -> Evidence:
    start = min([evidence.start, *(p.start for p in used)])
    end = max([evidence.end, *(p.stop for p in used)])
    return Evidence(start, end, ctx.article.text[start:end])


def _one(values: set[str]) -> str | None:
    return next(iter(values)) if len(values) == 1 else None


def _date_post(ctx: Context, post: Post, found: list[Phrase], person: set[int]) -> Post:
    rules = load_rules().timespans
    began: set[str] = set()
    ended: set[str] = set()
    used = []
    for phrase in found:
        if not _hangs_on(phrase, post, person):
            continue
        anchor = _anchor(phrase)
        verb = anchor.lemma_.lower() if anchor.pos_ in {"VERB", "AUX"} else None
        if phrase.kind == "on":
            if phrase.on is None or verb not in rules.beginning_verbs | rules.ending_verbs:
                continue
            if verb in rules.titled_verbs and not _titles(anchor):
                continue  # "joined the board in 1998": not when they took this post
            (began if verb in rules.beginning_verbs else ended).add(phrase.on)
        else:
            if verb is not None and verb not in rules.holding_verbs:
                continue  # "has overseen the improvement for three years": not the post
            began.update([phrase.begin] if phrase.begin else [])
            ended.update([phrase.end] if phrase.end else [])
        used.append(phrase)
    begin, end = _one(began), _one(ended)
    if begin is None and end is None:
        return post
    kept = [p for p in used if {p.begin, p.end, p.on} & {begin, end} - {None}]
    return replace(post, began=begin, ended=end, evidence=_widened(ctx, post.evidence, kept))


def _event_words(kind: type) -> frozenset[str]:
    """The verbs and nouns (lemmas) whose "in <date>" is when an appointment or departure happened."""
    lex, rules = load_rules().lexicon, load_rules().timespans
    if kind is Appointment:
        return rules.beginning_verbs | lex.appointment_verbs | lex.appointment_nouns
    return rules.ending_verbs | frozenset(lex.departure_verbs) | frozenset(lex.departure_nouns)


def _date_event(ctx: Context, fact: Event, found: list[Phrase]) -> Event:
    """An appointment's or departure's date: an "in"/"on" phrase on its own verb or noun, inside
    its evidence ("was appointed in May 2019", "the retirement of X in December 2020"), when the
    evidence holds one such word only."""
    if fact.date is not None:
        return fact
    words = _event_words(type(fact))
    span = ctx.doc.char_span(fact.evidence.start, fact.evidence.end, alignment_mode="expand")
    if span is None or sum(1 for t in span if t.lemma_.lower() in words) != 1:
        return fact  # "joined the council in 2013 and became director": whose date is it?
    used = []
    for phrase in found:
        anchor = phrase.token.head
        if (
            phrase.kind == "on"
            and phrase.on
            and fact.evidence.start <= anchor.idx < fact.evidence.end
            and anchor.lemma_.lower() in words
        ):
            used.append(phrase)
    when = _one({p.on for p in used if p.on})
    if when is None:
        return fact
    return replace(fact, date=when, evidence=_widened(ctx, fact.evidence, used))


def date_facts(ctx: Context) -> None:
    """Date the posts, appointments and departures on ``ctx.facts`` from their own sentences."""
    facts, published = ctx.facts, ctx.article.published
    cache_by_sentence: dict[int, list[Phrase]] = {}

    def found(evidence: Evidence) -> list[Phrase]:
        sent = _sentence(ctx, evidence)
        if sent is None:
            return []
        if sent.start not in cache_by_sentence:
            cache_by_sentence[sent.start] = phrases_in(sent, published)
        return [p for p in cache_by_sentence[sent.start] if not _overlaps_dateline(ctx, p)]

    tokens: dict[str, set[int]] = {}
    for mention in ctx.mentions:
        tokens.setdefault(mention.key, set()).update(range(mention.start, mention.end))
    facts.posts = sorted(
        {_date_post(ctx, p, found(p.evidence), tokens.get(p.person, set())) for p in facts.posts}
    )
    facts.appointments = sorted({_date_event(ctx, a, found(a.evidence)) for a in facts.appointments})
    facts.departures = sorted({_date_event(ctx, d, found(d.evidence)) for d in facts.departures})


def _overlaps_dateline(ctx: Context, phrase: Phrase) -> bool:
    """The article's own dateline is when it was published, not when anything in it happened."""
    dateline = ctx.article.published_span
    return dateline is not None and dateline.start < phrase.stop and phrase.start < dateline.end
