"""Inspections and their ratings: which council was judged what, by whom, when.

A rating word (``patterns/ratings.jsonl``) counts only where the text ties it to a judgement: in
quotation marks, governed by a rating verb or noun ("rated", "judged", "branded", "a rating of"),
or predicated of the service ("services ... are inadequate"). Ratings of a part of the service
the article treats as secondary (leadership), of providers (children's homes, schools) or of
other things (a case review) are not inspections of the council.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace

from spacy.tokens import Span, Token

from councilgraph.graph.core.dates import year_from_phrase, year_of
from councilgraph.graph.core.events import inspection_year
from councilgraph.graph.core.model import Inspection
from councilgraph.graph.core.rules import load_rules
from councilgraph.graph.nlp.extract.context import Context, Mention
from councilgraph.graph.nlp.extract.timespans import held_over_time

__all__ = ["extract_inspections", "is_rating_use"]

_YEAR = re.compile(r"^(?:(?:early|mid|late)-)?(19[89]\d|20\d\d)$")  # "2015", "early-2015"


_CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–"})


def _window(span: Span, before: int, after: int, *, clause: bool = False) -> list[Token]:
    """The words around a rating within its sentence; with ``clause``, only up to a clause break
    (a comma, semicolon, colon or dash): "when services were judged good, leaders have focused on
    ...": the leaders are not what was rated."""
    doc, sent = span.doc, span.sent
    breaks = _CLAUSE_BREAKS if clause else frozenset()
    left = span.start
    while left > max(sent.start, span.start - before) and doc[left - 1].text not in breaks:
        left -= 1
    right = span.end
    while right < min(sent.end, span.end + after) and doc[right].text not in breaks:
        right += 1
    return list(doc[left : span.start]) + list(doc[span.end : right])


def _graded(span: Span, ctx: Context) -> bool:
    """ "so good", "not yet as good", "as good as it should be": the rating word graded as an
    ordinary adjective (``lexicon.degree_words``), not a judgement; "rated as good" is one."""
    doc, lex = span.doc, ctx.lex
    if span.start == span.sent.start:
        return False
    prev = doc[span.start - 1]
    if prev.lower_ in lex.degree_words:
        return True
    if prev.lower_ != "as":
        return False
    as_after = span.end < len(doc) and doc[span.end].lower_ == "as"
    negated = any(
        t.lower_ in set(lex.negations) for t in doc[max(span.sent.start, span.start - 4) : span.start]
    )
    return as_after or negated


def _after_be(span: Span) -> bool:
    """ "judged to be good, political and service leaders have ...": a rating right after "be" is
    said of that verb's subject, though the parser may hang it on the next noun as an adjective."""
    return span.start > span.sent.start and span.doc[span.start - 1].lemma_ == "be"


def is_rating_use(span: Span, ctx: Context) -> bool:
    """Whether the rating word in ``span`` states a judgement of a council's services."""
    lex = ctx.lex
    cues = set(lex.rating_cues)
    head = span.root
    quoted = ctx.is_quoted(span)
    near = _window(span, 10, 0)
    if any(
        t.lower_ in set(lex.negations) for t in span.doc[max(span.sent.start, span.start - 2) : span.start]
    ):
        return False
    if _graded(span, ctx):
        return False
    attributive = head.dep_ == "amod" and head.head.pos_ in {"NOUN", "PROPN"} and not _after_be(span)
    if attributive and _inspectorates_report(head.head, ctx):
        return True  # "an inadequate Ofsted report into the council's children's services"
    if (
        attributive
        and head.head.lower_ not in lex.rating_nouns
        and not (quoted and head.head.lower_ in set(lex.service_nouns))
        and not _judged_to_have(head.head, ctx)
    ):
        return False
    governed = any(a.lemma_.lower() in cues or a.lower_ in cues for a in list(head.ancestors)[:3])
    cued = governed or any(t.lower_ in cues or t.lemma_.lower() in cues for t in near)
    transition = _in_transition(span, ctx) is not None
    copular = head.head.lemma_ in {"be", "remain"} and any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in set(lex.service_nouns) for c in head.head.children
    )
    # "services for children at Derby require improvement to be good": the rating is the verb, also
    # where the parser makes it an adjective of "improvement" ("said the department 'required improvement'")
    copular = copular or any(
        t.lemma_ == "require"
        and any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in set(lex.service_nouns) for c in t.children)
        for t in span
    )
    return (
        quoted and (cued or copular or head.dep_ == "amod") or cued or transition or copular or _overall(span)
    )


def _inspectorates_report(noun: Token, ctx: Context) -> bool:
    """Whether ``noun`` is an inspectorate's report named by it ("an Ofsted report", "the
    inadequate Ofsted inspection"): a report noun (``lexicon.inspection_report_nouns``) with the
    name of an inspectorate written into it."""
    if noun.lower_ not in ctx.lex.inspection_report_nouns:
        return False
    for child in noun.children:
        m = ctx.mention_at(child.i) if child.dep_ in {"compound", "nmod", "poss", "amod"} else None
        if m is not None and m.kind == "org" and ctx.facts.entities[m.key].org_kind == "inspectorate":
            return True
    return False


def _judged_to_have(noun: Token, ctx: Context) -> bool:
    """ "judged to have inadequate children's services", "ranked as having inadequate services": a
    service noun the rating describes, had by what a rating verb judges."""
    while noun.dep_ in {"poss", "compound"} and noun.head.i != noun.i:
        noun = noun.head  # "inadequate children's services": the parser hangs it on "children"
    nouns = set(ctx.lex.service_nouns)
    if (
        (noun.lower_ not in nouns and noun.lemma_.lower() not in nouns)
        or noun.dep_ != "dobj"
        or noun.head.lemma_ != "have"
    ):
        return False
    cues = set(ctx.lex.rating_cues)
    return any(a.lemma_.lower() in cues or a.lower_ in cues for a in list(noun.head.ancestors)[:3])


def _overall(span: Span) -> bool:
    """ "Overall effectiveness (good)", "overall effectiveness: inadequate", "overall effectiveness
    was judged good": the report's own heading for the whole judgement names the rating."""
    doc = span.doc
    k = span.start - 1
    while k > span.sent.start and (doc[k].is_punct or doc[k].lemma_ in {"be", "judge", "rate", "as"}):
        k -= 1
    return k > span.sent.start and doc[k].lower_ == "effectiveness" and doc[k - 1].lower_ == "overall"


def _in_transition(span: Span, ctx: Context) -> str | None:
    """ "rose from 'inadequate' to good", "leap from inadequate to outstanding": "from" or "to" when
    the rating is told as one end of a move between ratings (a word of ``lexicon.transition_words``
    in its sentence), else None."""
    before = span.start - 1
    while before > span.sent.start and span.doc[before].is_quote:  # "rose from 'inadequate'"
        before -= 1
    word = span.doc[before].lower_ if before >= 0 else ""
    if word not in {"from", "to"}:
        return None
    moves = ctx.lex.transition_words
    return word if any(t.lemma_.lower() in moves for t in span.sent) else None


def _counted(verb: Token, ctx: Context) -> bool:
    """Whether what the rating is said of is a count of councils, not a council, in a sentence that
    names none: "ten local authorities were judged good", "seven were inadequate", "no council was
    rated inadequate", "the 30 councils rated inadequate", "more than half of councils"."""
    lex = ctx.lex
    sent = verb.sent
    if ctx.mentions_in(sent.start, sent.end, "council"):
        return False  # "Three authorities, Gateshead, York and Leeds, were rated outstanding": named
    said_of = [c for v in (verb, verb.head) for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if (
        verb.dep_ in {"acl", "relcl"}
        and verb.head.pos_ in {"NOUN", "PROPN", "NUM"}
        and not _YEAR.match(verb.head.text)
    ):
        said_of.append(
            verb.head
        )  # "the 30 councils rated inadequate" (not "since 2011, when it was rated ...")
    for noun in said_of:
        if noun.like_num or noun.lower_ in lex.count_quantifiers:
            return True  # "seven were inadequate", "most were rated good"
        # the noun's own words, not a clause on it ("the council service, which was rated ... in 2015")
        clause = {t.i for c in noun.children if c.dep_ in {"relcl", "acl"} for t in c.subtree}
        words = [t for t in noun.subtree if t.i not in clause]
        counted = any(t.lower_ in lex.count_nouns for t in words)
        if counted and any(
            (t.like_num and not _YEAR.match(t.text)) or t.lower_ in lex.count_quantifiers for t in words
        ):
            return True
    return False


def _excluded(span: Span, ctx: Context) -> bool:
    """A rating of leadership, of a provider, of one area only, or of something other than the council."""
    if _overall(span):
        return False  # "Overall effectiveness (good): leaders ...": the whole judgement, whatever follows
    lex = ctx.lex
    aspects = set(lex.aspect_words)
    providers = set(lex.provider_words)
    head = span.root
    verb = (
        head.head
        if head.dep_ in {"oprd", "acomp", "xcomp", "attr", "advcl", "pobj", "dobj", "amod"}
        else head
    )
    if head.dep_ == "amod" and _after_be(span):
        verb = span.doc[span.start - 1]  # what is rated is the subject of that "be"
    if any(c.dep_ == "mark" and c.lower_ in lex.conditionals for c in verb.children):
        return True  # "If rated inadequate, the council could lose ...": a condition, no rating
    if (
        head.dep_ == "amod"
        and head.head.dep_ in {"nsubj", "nsubjpass"}
        and any(c.dep_ == "aux" and c.lower_ in lex.hypothetical_modals for c in head.head.head.children)
    ):
        return True  # "Another inadequate rating would lead to intervention": a rating supposed, not given
    subject_words: set[str] = set()
    # the verb's own subject and object, and its head's when it has no subject of its own ("X was
    # rated good" read through a complement); a conjoined clause with its own subject is its own
    # ("rated its homes good, but the council's services remain inadequate")
    own_subject = verb.dep_ == "conj" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
    for v in (verb,) if own_subject else (verb, verb.head):
        for child in v.children:
            if child.dep_ in {"nsubj", "nsubjpass", "dobj"}:
                subject_words.update(t.lower_ for t in child.subtree)
    if subject_words & {"it", "its"}:  # "X Centre is celebrating recognition that it is outstanding": it is X
        root = span.sent.root  # the main clause's subject, which "it" in a clause under it stands for
        named = [
            t
            for t in span.sent
            if t.dep_ in {"nsubj", "nsubjpass"}
            and t.i < span.start
            and t.pos_ != "PRON"
            and (t.head == root or (t.head.dep_ in {"aux", "auxpass"} and t.head.head == root))
        ]
        subject_words.update(t.lower_ for t in (named[0].subtree if named else ()))
    window = {t.lower_ for t in _window(span, 8, 6, clause=True)}
    if subject_words & aspects or window & aspects and not {"overall", "effectiveness"} & window:
        return True
    if subject_words & (providers | lex.provider_subjects) or window & providers:
        return True
    sent = span.sent
    if sent.start > 0:
        previous = span.doc[sent.start - 1].sent
        if {t.lower_ for t in previous} & providers and not (
            {t.lower_ for t in sent} & {"council", "authority", "department", "services"}
        ):
            return True
    sent_words = {t.lower_ for t in sent}
    if sent_words & lex.adult_service_words and not sent_words & lex.child_words:
        return True  # "rated requires improvement for its adult social care": not children's services
    of_rating = (  # "achieved the top rating of outstanding": said of what achieved the rating noun
        head.dep_ in {"pobj", "amod"}
        and head.head.lower_ == "of"
        and head.head.head.lower_ in lex.rating_nouns
    )
    if _counted(verb, ctx) or (of_rating and _counted(head.head.head.head, ctx)):
        # "ten local authorities were judged good", "only three have achieved the top rating of
        # outstanding": a national count, no council's rating
        return True
    before = {t.lower_ for t in span.doc[max(sent.start, span.start - 3) : span.start]}
    if before & lex.scale_words:
        return True  # "one notch above inadequate": the scale, not a judgement
    ancestors = list(head.ancestors)[:4]
    if any(
        (a.lemma_.lower() in lex.aspiration_words or a.lower_ in lex.aspiration_words) and a.i < span.start
        for a in list(head.ancestors)[:6]
    ):
        # "aims to be rated good by 2027", "working towards a good rating": a hope (written before
        # the rating; "judged inadequate in 2015, so the council will want to ..." states the rating)
        return True
    if any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in lex.aspiration_words
        for a in ancestors
        for c in a.children
    ):
        return True  # "our ambition is to move up from inadequate to requires improvement": a hope
    if any(
        c.dep_ == "mark" and c.lower_ == "that" and c.i > 0 and span.doc[c.i - 1].lower_ == "so"
        for a in ancestors
        for c in a.children
    ):
        return True  # "so that children receive good and outstanding services": a purpose
    if any(
        a.lemma_.lower() in lex.attainment_verbs
        and any(c.dep_ == "aux" and (c.lower_ == "to" or c.tag_ == "MD") for c in a.children)
        for a in list(head.ancestors)[:4]
    ):
        return True  # "work to be done to achieve a good rating": not yet reached
    after_toks = [t for t in span.doc[span.end : span.end + 4] if not t.is_punct]
    if (
        len(after_toks) >= 3
        and after_toks[0].lower_ in {"in", "for", "on"}
        and after_toks[1].like_num
        and after_toks[2].lower_ in {"of", "out"}
    ):
        return True  # "good in 14 of 22 categories": some areas, not the whole
    after = [t.lower_ for t in after_toks[:3]]
    return any(tuple(after[: len(pair)]) == pair for pair in lex.partial_qualifiers)


def _clause_verb(tok: Token) -> Token:
    """The verb whose clause holds ``tok`` (the token itself when it is one; the root otherwise)."""
    node = tok
    # "upgraded to good following the inspection in 2016": a "following" that the parser makes a
    # verb is a preposition here, so the year is in the rating's clause
    while (node.pos_ not in {"VERB", "AUX"} or node.lower_ in _PREPOSITIONAL) and node.head.i != node.i:
        node = node.head
    return node


_PREPOSITIONAL = frozenset({"following"})


def _governing(rating: Token) -> tuple[set[int], Token]:
    """The verbs whose clause the rating is said in (its own, and the verb "to be" completes:
    "found in May 2014 to be inadequate", not "joined in 2021 to oversee ..."), and the topmost.
    A rating the parser makes a verb but that is used as a noun ("the assessment of 'requires
    improvement' it gave in 2014") is said in the clause of the verb above it."""
    nominal = (
        rating.pos_ in {"VERB", "AUX"} and rating.dep_ in {"pcomp", "pobj"} and rating.head.i != rating.i
    )
    verb = _clause_verb(rating.head if nominal else rating)
    governing = {verb.i}
    node = verb
    while (
        node.head.i != node.i
        and node.lemma_ == "be"
        and node.dep_ in {"xcomp", "advcl"}
        and any(c.lower_ == "to" for c in node.children)
    ):
        node = node.head
        governing.add(node.i)
    return governing, node


def _relative_on(year: Token, rating: Token) -> bool:
    """ "in 2017, where Ofsted rated the services as 'requires improvement'": the rating is in a
    relative clause the parser hangs on the year itself."""
    return any(c.dep_ == "relcl" and rating in c.subtree for c in year.children)


def _same_clause(rating: Token, year: Token) -> bool:
    """Whether a year is written in the rating's own clause: under the same verb ("rated inadequate
    in 2015"), or, for a rating given in a relative clause, on the noun it describes ("the last
    inspection in 2015, which achieved a score of 'good'"; "the 'adequate' rating that was awarded
    following the inspection in November 2012")."""
    governing, node = _governing(rating)
    if _clause_verb(year).i in governing or _relative_on(year, rating):
        return True
    relatives = [node] if node.dep_ == "relcl" else []  # "in 2019, when services were judged to be good"
    relatives += [c for c in rating.head.children if c.dep_ == "relcl"]  # "the 'adequate' rating that ..."
    for rel in relatives:
        inside = {t.i for t in rel.subtree}
        if year.i in inside and _clause_verb(year).i == rel.i:
            return True
        doc = rating.doc
        if year.i < rel.left_edge.i and all(t.is_punct for t in doc[year.i + 1 : rel.left_edge.i]):
            return True  # "the last inspection in 2015, which achieved ...", however the parser hangs "which"
        noun = rel.head
        if year.i in {t.i for t in noun.subtree} - inside and _clause_verb(year).i == _clause_verb(noun).i:
            return True
    return False


def _attached_years(span: Span, year_joiners: Collection[str]) -> list[int]:
    """Years the parse hangs on the rating word itself, coordinated ones included: "rated requires
    improvement in 2014 and 2017, and adequate in 2011" gives requires improvement 2014 and 2017
    (and, read from "adequate", 2011), "judged inadequate in 2015 and again in 2018" both: a
    history sentence is one inspection per year."""
    years: list[int] = []
    root = span.root
    preps = [c for c in root.children if c.dep_ == "prep" and c.lower_ == "in"]
    preps += [c for p in preps for c in p.conjuncts if c.lower_ == "in"]
    verb = root.head
    if root.dep_ in {"oprd", "acomp", "xcomp"} and any(
        c.dep_ == "cc" and c.lower_ == "and" for c in verb.children
    ):
        # "judged inadequate in 2015 and again in 2018": the verb's own "in" phrases, joined by "and"
        on_verb = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"]
        if len(on_verb) >= 2:
            preps += on_verb
    for prep in preps:
        for obj in prep.children:
            if obj.dep_ == "pobj":
                for tok in (obj, *obj.conjuncts):
                    if year := _YEAR.match(tok.text):
                        years.append(int(year.group(1)))
    return sorted(set(years) | set(_years_listed_after(span, year_joiners)))


def _years_listed_after(span: Span, joiners: Collection[str]) -> list[int]:
    """ "judged as inadequate in 2013 and again in 2015", "rated requires improvement after
    inspections in 2016 and 2019": two or more years listed right after the rating, joined only by
    "in", "and", "again" and the like (``lexicon.year_list_words``), however the parser hangs them,
    are one inspection each."""
    years: list[int] = []
    for tok in span.doc[span.end : min(span.sent.end, span.end + 10)]:
        if year := _YEAR.match(tok.text):
            years.append(int(year.group(1)))
        elif tok.lower_ not in joiners:
            break
    return years if len(years) >= 2 else []


def _stated_years(span: Span, ctx: Context) -> list[tuple[int, Token]]:
    """Years written in the rating's sentence ("in 2015", "November 2012"), with their tokens."""
    dateline = ctx.article.published_span
    out = []
    for tok in span.sent:
        if dateline is not None and dateline.start <= tok.idx < dateline.end:
            continue  # the article's own dateline is not the inspection's date
        year = _YEAR.match(tok.text)
        if year and tok.i > 0 and span.doc[tok.i - 1].lower_ not in {"since", "until"}:
            before = span.doc[tok.i - 1]
            if before.lower_ == "in" or before.ent_type_ == "DATE" or tok.head.pos_ == "NOUN":
                out.append((int(year.group(1)), tok))
    return out


_DATE_HOLDERS = frozenset({"pobj", "prep", "nummod", "compound", "npadvmod", "appos"})


def _dated_word(year: Token, ctx: Context) -> Token:
    """The word a year's phrase says when of: up its preposition, month or number to the first
    verb or inspection noun ("a 2019 inspection", "the inspection, published on 29 July 2019,")."""
    node = year
    for _ in range(6):
        if node.dep_ == "acl" and node.head.lower_ in ctx.lex.inspection_nouns:
            return node.head
        if node.pos_ in {"VERB", "AUX"} or node.lower_ in ctx.lex.inspection_nouns:
            break
        if node.dep_ not in _DATE_HOLDERS or node.head.i == node.i:
            break
        node = node.head
    return node


def _inspection_dated(span: Span, ctx: Context) -> set[int]:
    """Years that date the inspection said to give the rating: on the inspection (or its report)
    that is the subject of the verb finding it ("a 2019 inspection found the service required
    improvement", "the last inspection, published on 29 July 2019, saw every area rated good"), on
    that verb ("in November 2012 an inspection found the services to be inadequate"), or in a
    clause of inspecting hung on the rating ("rated good when it was last inspected in 2014")."""
    lex = ctx.lex
    root = span.root
    above = {root.i} | {a.i for a in root.ancestors}
    inside = {t.i for t in span}
    years = set()
    for year, tok in _stated_years(span, ctx):
        word = _dated_word(tok, ctx)
        subject: Token | None = None
        if word.lower_ in lex.inspection_nouns and word.dep_ in {"nsubj", "nsubjpass"}:
            finder = word.head
            subject = word
        elif word.pos_ in {"VERB", "AUX"}:
            finder = word
            subject = next(
                (
                    c
                    for c in word.children
                    if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in lex.inspection_nouns
                ),
                None,
            )
            if subject is None:
                near = {root.i} | {a.i for a in list(root.ancestors)[:2]}
                if (
                    word.lemma_.lower() in lex.inspection_verbs
                    and word.dep_ == "advcl"
                    and word.head.i in near
                ):
                    years.add(year)  # "rated good when it was last inspected in 2014"
                continue
        else:
            continue
        if finder.i in above - inside and root.i not in {t.i for t in subject.subtree}:
            years.add(year)
    return years


def _since_years(span: Span, ctx: Context) -> set[int]:
    """ "has been rated inadequate since 2009", "remain inadequate, with the rating unchanged since
    2020": a "since" year on the rating's own clause is when the rating was given; so is one a
    relative clause giving the rating hangs on ("failing since 2011, when it was judged ...")."""
    governing, _ = _governing(span.root)
    governing.add(span.root.i)
    years = set()
    for tok in span.sent:
        year = _YEAR.match(tok.text)
        if not year or tok.i == 0 or tok.nbor(-1).lower_ != "since" or tok.dep_ != "pobj":
            continue
        node = tok.nbor(-1).head
        while node.lower_ in ctx.lex.rating_nouns or node.dep_ == "prep":  # "with rating unchanged since"
            if node.head.i == node.i:
                break
            node = node.head
        between = ctx.doc[span.end : tok.i - 1]
        if (
            node.i in governing
            or _relative_on(tok, span.root)  # "failing since 2011, when Ofsted said it required improvement"
            or (tok.i - 1 >= span.end and all(t.is_quote or t.is_punct for t in between))
        ):  # the last: "rated as 'inadequate' since 2009", however the parser hangs the "since"
            years.add(int(year.group(1)))
    return years


def _is_news(span: Span, ctx: Context) -> bool:
    """ "has been rated", "today", "this week": the rating is the article's own news (not only
    told in its opening lines)."""
    sent = span.sent
    if {t.lower_ for t in sent} & ctx.lex.recency_words:
        return True
    cues = ctx.lex.rating_cues
    return any(t.lower_ in {"has", "have"} and (t.head.lemma_ in cues or t.head.lower_ in cues) for t in sent)


def _years_after_anchor(span: Span, ctx: Context) -> int | None:
    """ "rated inadequate five years after it was rated requires improvement in 2019": the earlier
    rating's stated year plus the years between (2024), whatever the publication date."""
    rules = load_rules().dates
    for ent in span.sent.ents:
        if (
            ent.label_ != "DATE"
            or ent.end >= len(ctx.doc)
            or ctx.doc[ent.end].lower_ not in {"after", "later"}
        ):
            continue
        match = rules.years_before.match(f"{ent.text.lower()} after")
        if match is None or ent.start < span.end:
            continue
        word = match.group(1)
        count = int(word) if word.isdigit() else rules.number_words.get(word)
        later = [r for r in ctx.ratings if r.sent == span.sent and r.start > ent.end]
        for rating in later:
            own = {y for y, tok in _stated_years(rating, ctx) if _same_clause(rating.root, tok)}
            if count is not None and len(own) == 1:
                return own.pop() + count
    return None


def _years_later(phrase: str, ent: Span, ctx: Context) -> int | None:
    """ "It was judged inadequate in 2014. Three years later, inspectors ruled it still required
    improvement": 2017, the one year the nearest sentence before that states one gives (of the two
    before), plus the years later (not the publication date's: "later" counts from what was told)."""
    rules = load_rules().dates
    match = rules.years_before.match(phrase.lower())
    if match is None or ent.start != ent.sent.start:
        return None
    word = match.group(1)
    count = int(word) if word.isdigit() else rules.number_words.get(word)
    dateline = ctx.article.published_span
    sent = ent.sent
    for _ in range(2):
        if sent.start == 0:
            break
        sent = ctx.doc[sent.start - 1].sent
        years = {
            int(m.group(1))
            for t in sent
            if (m := _YEAR.match(t.text))
            and not (dateline is not None and dateline.start <= t.idx < dateline.end)
        }
        if years:
            return years.pop() + count if count is not None and len(years) == 1 else None
    return None


def _implied_years(span: Span, ctx: Context) -> tuple[set[int], bool]:
    """Years the sentence's date phrases give against the publication date ("in May", "last year",
    "in two years last June"), and whether one says only that the rating came some time before
    ("just a few months after inspectors branded it inadequate"): then it is not the news."""
    dateline = ctx.article.published_span
    implied = set()
    vague = False
    for ent in span.sent.ents:
        if ent.label_ != "DATE" or (dateline is not None and dateline.start <= ent.start_char < dateline.end):
            continue
        after = ctx.doc[ent.end].lower_ if ent.end < len(ctx.doc) else ""
        if (
            after in {"after", "since"}
            and _is_news(span, ctx)
            and any(r.sent == span.sent and r.start > ent.end and r.start != span.start for r in ctx.ratings)
        ):
            continue  # "has been rated inadequate, three years after it was judged good": the earlier one
        relative = after in {"ago", "after", "later", "since", "earlier"}
        phrase = f"{ent.text} {after}" if relative else ent.text
        if phrase.lower().endswith(" later"):  # "Three years later, ...": after the year told just before
            if (later := _years_later(phrase, ent, ctx)) is not None:
                implied.add(later)
            continue
        words = phrase.split()
        year = next(  # the longest readable ending: "(the second time in two years) last June"
            (
                y
                for k in range(len(words))
                if (y := year_from_phrase(" ".join(words[k:]), ctx.article.published))
            ),
            None,
        )
        if year is not None:
            implied.add(year)
        elif relative and not _YEAR.search(ent.text):
            vague = True
    return implied, vague


def _is_current_report(span: Span, ctx: Context) -> bool:
    """Whether the sentence reports the rating as the article's news: "published today", "this
    week", "the latest report", "has been rated", an inspection's headline verdict ("judged
    inadequate overall"), or a rating in the article's opening sentences told without a word that
    puts it in the past ("previously", "last", "earlier"), as the earlier end of a move ("rose from
    inadequate") or as held for a time ("rated inadequate for the past four years")."""
    sent = span.sent
    lex = ctx.lex
    words = {t.lower_ for t in sent}
    governing, _ = _governing(span.root)
    held = any(p.head.i in governing | {span.root.i} for p in held_over_time(sent))
    if words & lex.past_markers or _in_transition(span, ctx) == "from" or held:
        return False  # "upgraded from inadequate", "rated inadequate for the past four years"
    if (
        words & lex.headline_judgement_words
        and "since" not in words
        and not any(_YEAR.match(t.text) for t in sent)
    ):
        return True  # "judged inadequate overall", "the overall effectiveness rated good"
    if words & lex.recency_words or any(
        t.lower_ == "this" and t.i + 1 < len(ctx.doc) and t.nbor(1).lower_ in {"week", "month"} for t in sent
    ):
        return True
    if _is_news(span, ctx):
        return True
    return any(s.start == sent.start for s in ctx.lede())


def _rating_just_before(year: Token, ctx: Context) -> Span | None:
    """The rating written right before a year ("inadequate in 2015", "'good' in July 2019": at
    most four words between), which the year dates, whatever verb the parser hangs it on."""
    before = [r for r in ctx.ratings if r.sent == year.sent and r.end <= year.i]
    if not before:
        return None
    last = max(before, key=lambda r: r.end)
    return last if year.i - last.end <= 4 else None


def _year(span: Span, ctx: Context, ratings_in_sentence: int) -> tuple[int | None, bool]:
    """The year of the inspection a rating reports, when the text lets a reader work it out, and
    whether that is only the publication year of the article's news.

    A year written in the rating's own clause ("rated inadequate in 2015"), else the one year
    written in a sentence that holds no other rating; else a date phrase read against the
    publication date ("in May", "last year", "two years after"); else the publication year for
    the article's news (:func:`_is_current_report`). Otherwise None.
    """
    anchored = _years_after_anchor(span, ctx)
    if anchored is not None:
        return anchored, False
    stated = _stated_years(span, ctx)
    right_after = {y for y, tok in stated if _rating_just_before(tok, ctx) == span}
    if len(right_after) == 1:  # "up from requires improvement in 2018": that rating's year
        return right_after.pop(), False
    own = {
        y
        for y, tok in stated
        if _same_clause(span.root, tok) and _rating_just_before(tok, ctx) in {None, span}
    }
    if len(own) == 1:
        return own.pop(), False
    for found in (_inspection_dated(span, ctx) if stated and not own else set(), _since_years(span, ctx)):
        if len(found) == 1:
            return found.pop(), False
    if stated and ratings_in_sentence == 1:
        return None, False
    implied, vague = _implied_years(span, ctx)  # without a publication date, only "three years later"
    if len(implied) == 1:
        return implied.pop(), False
    if not ctx.article.published:
        return None, False
    if not implied and not vague and _is_current_report(span, ctx):
        return year_of(ctx.article.published), True
    return None, False


def extract_inspections(ctx: Context) -> list[Inspection]:
    """Every rated inspection of a council the article states."""
    lex = ctx.lex
    found: list[Inspection] = []
    told: list[tuple[Span, Inspection]] = []  # each rating kept, with the first inspection it gives
    # "Eight councils rated inadequate": the news year of a rating that names no council
    unnamed: dict[str, set[int]] = {}
    by_news: set[int] = set()  # the indexes in ``found`` dated only as the article's news
    other_scales = _only_other_inspectorates(ctx)  # the article's, the same for every rating
    for span in ctx.ratings:
        if not is_rating_use(span, ctx) or _excluded(span, ctx):
            continue
        sent = span.sent
        named = ctx.mentions_in(sent.start, sent.end, "council")
        if ctx.home_body is not None:  # "the college, with campuses in Suffolk and Norfolk, was rated ..."
            named = [m for m in named if not ctx.is_place_name(m)]
        respectively = _respectively(span, named, ctx)
        councils = respectively or _rated_councils(
            span, [m for m in named if not _only_a_place(m, ctx) and not _only_a_source(m, ctx)], ctx
        )
        if not respectively:
            councils += _listed_with(councils, named, ctx)
        places = {m.key for m in named} - {m.key for m in councils}
        keys = list(dict.fromkeys(m.key for m in councils)) or (
            [ctx.home_council] if ctx.home_council and ctx.home_council not in places else []
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
        if not in_sentence and other_scales:
            continue  # "a council has been rated requires improvement" in an article on the CQC
        inspectorate = inspectorates[-1].key if inspectorates else None
        attached = _attached_years(span, ctx.lex.year_list_words)
        told_year, news = _year(span, ctx, sum(1 for r in ctx.ratings if r.sent == sent))
        years: list[int | None] = [*attached] or [told_year]
        before = len(found)
        if news and not attached:
            by_news.update(range(before, before + len(keys)))
        for key, year in ((k, y) for k in keys for y in years):
            mention = next((m for m in councils if m.key == key), None)
            # the quote takes in a year written with the rating ("inadequate in 2013 and again in 2015")
            said = (
                next((t for t in sent if t.i >= span.end and t.text == str(year)), None) if attached else None
            )
            ev = (
                ctx.evidence(span, mention, said)
                if mention and abs(mention.start - span.start) <= 25
                else ctx.evidence(sent)
            )
            found.append(Inspection(key, span.id_, ev, inspectorate, year))
        told += [(span, i) for i in found[before:][:1]]
        if not councils:
            news_year = year_of(ctx.article.published)
            if news_year is not None and any(
                i.year == news_year and not _is_past(i, ctx) for i in found[before:]
            ):
                unnamed.setdefault(span.id_, set()).add(news_year)
    # one rating of one council, reported once with a year and once without, is one inspection,
    # unless the dated report is of an earlier inspection ("previously rated inadequate in 2017")
    current: dict[tuple[str, str], set[int]] = {}
    given: dict[tuple[str, str], set[int]] = {}  # the years the text itself gives
    for n, i in enumerate(found):
        if i.year is not None and not _is_past(i, ctx):
            current.setdefault((i.council, i.rating), set()).add(i.year)
            if n not in by_news:
                given.setdefault((i.council, i.rating), set()).add(i.year)
    # the news told without a date ("Government intervenes over council's 'inadequate' services")
    # is the one inspection of that council and rating the text dates, when that is in the year
    # before the publication ("A subsequent inspection last December found it still inadequate")
    published = year_of(ctx.article.published)
    for n in sorted(by_news):
        i = found[n]
        if published is not None and given.get((i.council, i.rating)) == {published - 1}:
            found[n] = replace(i, year=None)
            current[(i.council, i.rating)] = {published - 1}
    # a rating the article's news gives without naming the council ("Eight councils rated as
    # inadequate"), told again of a council without a year, is that news: "Reading was among those
    # ranked inadequate"
    return [
        replace(
            i,
            year=inspection_year(
                i.year,
                current.get((i.council, i.rating))
                or (set() if _is_past(i, ctx) else unnamed.get(i.rating, set())),
                None,
                same_text=True,
            ),
        )
        for i in found
    ] + _same_rating_again(told, ctx)


def _same_rating_again(told: list[tuple[Span, Inspection]], ctx: Context) -> list[Inspection]:
    """ "Inspectors had given the same rating to the authority in 2016", "the same rating as its
    previous report, published in March 2020": the rating told last before it, of that council, at
    an earlier inspection in the one year the sentence states (none when it states none or two).
    The quote runs from that rating to the end of the sentence that dates it again."""
    lex = ctx.lex
    dateline = ctx.article.published_span
    out = []
    for tok in ctx.tokens_with((), lex.same_rating_words):
        if tok.head.lower_ not in lex.rating_nouns:
            continue
        before = [(span, i) for span, i in told if span.end <= tok.i]
        years = {
            int(m.group(1))
            for t in tok.sent[tok.i - tok.sent.start :]
            if (m := _YEAR.match(t.text))
            and not (dateline is not None and dateline.start <= t.idx < dateline.end)
            and (t.nbor(-1).lower_ == "in" or t.ent_type_ == "DATE")
        }
        if before and len(years) == 1:
            span, again = before[-1]
            out.append(replace(again, evidence=ctx.evidence(span, tok.sent), year=years.pop()))
    return out


def _listed_with(rated: list[Mention], named: list[Mention], ctx: Context) -> list[Mention]:
    """Councils listed with a rated one ("Haringey, Luton and Surrey"), or in a list that a phrase of
    company opens in its sentence ("Haringey is among those judged inadequate, along with Doncaster,
    Luton and Surrey"): rated the same. Lists are joined by commas, semicolons, "and", "or"."""
    if not rated:
        return []
    doc, lex = ctx.doc, ctx.lex
    chains: list[list[Mention]] = []
    for m in sorted(named, key=lambda m: m.start):
        gap = doc[chains[-1][-1].end : m.start] if chains else None
        if gap is not None and len(gap) <= 3 and all(t.lower_ in lex.list_joiners for t in gap):
            chains[-1].append(m)
        else:
            chains.append([m])
    starts = {m.start for m in rated}
    keys = {m.key for m in rated}
    out: list[Mention] = []
    for chain in chains:
        opened = " ".join(t.lower_ for t in doc[max(0, chain[0].start - 3) : chain[0].start])
        with_rated = any(m.start in starts for m in chain)
        if with_rated or (any(opened.endswith(p) for p in lex.list_openers) and chain[0].start > min(starts)):
            out += [m for m in chain if m.key not in keys]
    return out


def _only_other_inspectorates(ctx: Context) -> bool:
    """Whether the article names inspectorates but none that rates councils' children's services
    (``council_inspectorates``): its ratings are on their scales (the CQC's of adult social care, a
    hospital's), which use the same words."""
    lex = ctx.lex
    named = {
        m.key.split(":", 1)[1]
        for m in ctx.mentions
        if m.kind == "org" and ctx.facts.entities[m.key].org_kind == "inspectorate"
    }
    return bool(named) and not named & set(lex.council_inspectorates)


def _rated_councils(span: Span, councils: list[Mention], ctx: Context) -> list[Mention]:
    """Of the councils a sentence names, the ones its rating is about: those in the rating's own
    clause ("Ofsted rated Torbay inadequate, and Plymouth was put in charge" rates Torbay); else
    all but those named only as the agent or the other party of the verb ("... were taken over by
    Plymouth"); else all of them."""
    if len({m.key for m in councils}) < 2:
        return councils
    doc = ctx.doc
    clause = _own_clause(span.root)
    inside = {t.i for t in clause.subtree} - {  # "judged X to be inadequate and assessed Y ...": not Y
        t.i for c in clause.children if c.dep_ == "conj" for t in c.subtree
    }
    within = [m for m in councils if m.start in inside]
    if within and len(within) < len(councils):
        councils = (
            within  # "... entered a partnership after Ofsted found Isle of Wight's services inadequate"
        )
        if len({m.key for m in councils}) < 2:
            return councils
    governing, _ = _governing(span.root)  # "judged X to be inadequate overall and assessed Y to be ...": X
    same = [m for m in councils if _clause_verb(doc[m.start : m.end].root).i in governing] or councils
    rest = [
        m
        for m in same
        if not any(
            a.dep_ == "agent" or (a.dep_ == "prep" and a.lower_ in {"by", "over", "with", "from", "to"})
            for a in list(doc[m.start : m.end].root.ancestors)[:2]
        )
    ]
    return rest or same


def _respectively(span: Span, named: list[Mention], ctx: Context) -> list[Mention]:
    """ "Halton and Hull, previously rated good and adequate respectively": the n-th rating of the
    sentence is the n-th council's, when the sentence says "respectively" and names as many
    councils as ratings. Empty otherwise."""
    sent = span.sent
    if not any(t.lower_ == "respectively" for t in sent):
        return []
    councils = list({m.key: m for m in reversed(named)}.values())[::-1]  # first mention of each, in order
    ratings = [r for r in ctx.ratings if r.sent == sent and is_rating_use(r, ctx)]
    if len(councils) < 2 or len(councils) != len(ratings):
        return []
    return [councils[[r.start for r in ratings].index(span.start)]]


def _own_clause(tok: Token) -> Token:
    """The head of the clause a token is written in: up to the first subordinate, relative,
    complement or coordinated clause (or the sentence's root)."""
    node = tok
    while node.head.i != node.i and node.dep_ not in {"advcl", "relcl", "ccomp", "acl", "conj", "xcomp"}:
        node = node.head
    return node


def _only_a_place(m: Mention, ctx: Context) -> bool:
    """A council name that only places something else: "a part of Devon", "Torquay, in Devon"
    (the county around the rated town is not the rated council)."""
    doc = ctx.doc
    before = [t.lower_ for t in doc[max(0, m.start - 3) : m.start]]
    if before[-2:] and before[-1] == "of" and len(before) >= 2 and before[-2] in ctx.lex.place_parts:
        return True
    return len(before) >= 2 and before[-2:] == [",", "in"]


def _only_a_source(m: Mention, ctx: Context) -> bool:
    """A council named only as who says it: "according to a Hampshire report, an inspection found
    the island's services inadequate" (the teller is not the rated council)."""
    root = ctx.doc[m.start : m.end].root
    return any(a.lower_ in ctx.lex.attribution_words for a in list(root.ancestors)[:4])


def _is_past(inspection: Inspection, ctx: Context) -> bool:
    span = ctx.doc.char_span(inspection.evidence.start, inspection.evidence.end, alignment_mode="expand")
    if span is None:
        return False
    sent = span.sent
    markers = [
        t for t in sent if t.lower_ in ctx.lex.past_markers and t.ent_type_ != "DATE"
    ]  # not "last May"
    return bool(markers) or bool(held_over_time(sent))
