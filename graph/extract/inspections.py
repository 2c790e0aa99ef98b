"""Inspections and their ratings: which council was judged what, by whom, when.

A rating word (``patterns/ratings.jsonl``) counts only where the text ties it to a judgement: in
quotation marks, governed by a rating verb or noun ("rated", "judged", "branded", "a rating of"),
or predicated of the service ("services ... are inadequate"). Ratings of a part of the service
the article treats as secondary (leadership), of providers (children's homes, schools) or of
other things (a case review) are not inspections of the council.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span, Token

from councilgraph.graph.dates import year_of
from councilgraph.graph.extract.context import Context
from councilgraph.graph.model import Inspection
from councilgraph.graph.resolve.events import inspection_year

__all__ = ["extract_inspections", "is_rating_use"]

_YEAR = re.compile(r"^(19[89]\d|20\d\d)$")


def _window(span: Span, before: int, after: int) -> list[Token]:
    sent = span.sent
    return list(span.doc[max(sent.start, span.start - before) : span.start]) + list(
        span.doc[span.end : min(sent.end, span.end + after)]
    )


def is_rating_use(span: Span, ctx: Context) -> bool:
    """Whether the rating word in ``span`` states a judgement of a council's services."""
    lex = ctx.lex
    cues = set(lex.rating_cues)
    head = span.root
    quoted = ctx.is_quoted(span)
    near = _window(span, 6, 0)
    if any(
        t.lower_ in set(lex.negations) for t in span.doc[max(span.sent.start, span.start - 2) : span.start]
    ):
        return False
    attributive = head.dep_ == "amod" and head.head.pos_ in {"NOUN", "PROPN"}
    if (
        attributive
        and head.head.lower_ not in lex.rating_nouns
        and not (quoted and head.head.lower_ in set(lex.service_nouns))
    ):
        return False
    governed = any(a.lemma_.lower() in cues or a.lower_ in cues for a in list(head.ancestors)[:3])
    cued = governed or any(t.lower_ in cues or t.lemma_.lower() in cues for t in near)
    transition = (
        span.start > 0
        and span.doc[span.start - 1].lower_ in {"from", "to"}
        and any(
            t.lemma_.lower() in {"improvement", "improve", "move", "rise", "fall", "drop"} for t in span.sent
        )
    )
    copular = head.head.lemma_ in {"be", "remain"} and any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in set(lex.service_nouns) for c in head.head.children
    )
    return quoted and (cued or copular or head.dep_ == "amod") or cued or transition or copular


def _excluded(span: Span, ctx: Context) -> bool:
    """A rating of leadership, of a provider, of one area only, or of something other than the council."""
    lex = ctx.lex
    aspects = set(lex.aspect_words)
    providers = set(lex.provider_words)
    head = span.root
    verb = (
        head.head
        if head.dep_ in {"oprd", "acomp", "xcomp", "attr", "advcl", "pobj", "dobj", "amod"}
        else head
    )
    subject_words: set[str] = set()
    for v in (verb, verb.head):
        for child in v.children:
            if child.dep_ in {"nsubj", "nsubjpass", "dobj"}:
                subject_words.update(t.lower_ for t in child.subtree)
    window = {t.lower_ for t in _window(span, 8, 6)}
    if subject_words & aspects or window & aspects and not {"overall", "effectiveness"} & window:
        return True
    if subject_words & providers or window & providers:
        return True
    sent = span.sent
    if sent.start > 0:
        previous = span.doc[sent.start - 1].sent
        if {t.lower_ for t in previous} & providers and not (
            {t.lower_ for t in sent} & {"council", "authority", "department", "services"}
        ):
            return True
    after = [t.lower_ for t in span.doc[span.end : span.end + 3] if not t.is_punct]
    return any(tuple(after[: len(pair)]) == pair for pair in lex.partial_qualifiers)


def _year(span: Span, ctx: Context) -> int | None:
    sent = span.sent
    years = []
    dateline = ctx.article.published_span
    for tok in sent:
        if dateline is not None and dateline.start <= tok.idx < dateline.end:
            continue  # the article's own dateline is not the inspection's date
        if _YEAR.match(tok.text) and tok.i > 0 and span.doc[tok.i - 1].lower_ != "since":
            before = span.doc[tok.i - 1].lower_
            month_year = span.doc[tok.i - 1].ent_type_ == "DATE" and before not in {"since", "until"}
            if before == "in" or month_year or tok.head.pos_ == "NOUN":
                years.append(int(tok.text))
    if len(set(years)) == 1:
        return years[0]
    if (
        not years
        and ctx.article.published
        and any(
            t.lower_ in {"today", "yesterday", "latest"}
            or (t.lower_ == "this" and t.nbor(1).lower_ in {"week", "month"})
            or (t.lower_ in {"has", "have"} and t.head.lemma_ in set(ctx.lex.rating_cues))
            for t in sent
            if t.i + 1 < len(span.doc)
        )
    ):
        return year_of(ctx.article.published)
    return None


def extract_inspections(ctx: Context) -> list[Inspection]:
    """Every rated inspection of a council the article states."""
    lex = ctx.lex
    found: list[Inspection] = []
    for span in ctx.ratings:
        if not is_rating_use(span, ctx) or _excluded(span, ctx):
            continue
        sent = span.sent
        councils = [m for m in ctx.mentions_in(sent.start, sent.end, "council")]
        keys = list(dict.fromkeys(m.key for m in councils)) or (
            [ctx.home_council] if ctx.home_council else []
        )
        keys = [k for k in keys if ctx.gazetteer.councils[k.split(":", 1)[1]].rated_by_ofsted]
        if not keys:
            continue  # a rating of no council, or of one Ofsted does not rate (Scotland, Wales, a district)
        prev_start = span.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        inspectorates = [
            m
            for m in ctx.mentions_in(prev_start, sent.end, "org")
            if ctx.facts.entities[m.key].org_kind == "inspectorate"
        ]
        in_sentence = [m for m in inspectorates if m.start >= sent.start]
        if in_sentence and not any(m.key.split(":", 1)[1] in lex.council_inspectorates for m in in_sentence):
            continue  # "the CQC rated the trust inadequate": another inspectorate's scale
        inspectorate = inspectorates[-1].key if inspectorates else None
        year = _year(span, ctx)
        for key in keys:
            mention = next((m for m in councils if m.key == key), None)
            ev = (
                ctx.evidence(span, mention)
                if mention and abs(mention.start - span.start) <= 25
                else ctx.evidence(sent)
            )
            found.append(Inspection(key, span.id_, ev, inspectorate, year))
    # one rating of one council, reported once with a year and once without, is one inspection,
    # unless the dated report is of an earlier inspection ("previously rated inadequate in 2017")
    current: dict[tuple[str, str], set[int]] = {}
    for i in found:
        if i.year is not None and not _is_past(i, ctx):
            current.setdefault((i.council, i.rating), set()).add(i.year)
    return [
        replace(i, year=inspection_year(i.year, current.get((i.council, i.rating), set()), None))
        for i in found
    ]


def _is_past(inspection: Inspection, ctx: Context) -> bool:
    span = ctx.doc.char_span(inspection.evidence.start, inspection.evidence.end, alignment_mode="expand")
    if span is None:
        return False
    return any(t.lower_ in set(ctx.lex.past_markers) for t in span.sent)
