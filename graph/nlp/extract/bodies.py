"""Named bodies found by the shape of their names, where the model splits or mislabels them.

The small model reads "Kent and Medway NHS and Social Care Partnership Trust" as three pieces (one of
them the council Kent), "St Anne and St Joseph Catholic Primary School" as two people, and "Hadleigh
Junior School headteacher Ann Cole" as one. A body's name has a shape the model does not need to
know: capitalised words, joined by "and", "&" or a saint's "St", that end in a word naming a kind
of body (``body_heads``: Trust, School, College, Hospital, Club ...). Such a name is one body, and
the places and people the model saw inside it are not mentions of their own. Titles already found
(``ctx.roles``) and known bodies written in words bound the name: "Chief Executive of Leeds Trust"
is a title and a body.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from councilgraph.graph.nlp.extract.context import Context
from councilgraph.graph.nlp.language import SPAN_KEY

__all__ = ["body_name_spans"]


def body_name_spans(ctx: Context) -> tuple[list[Span], list[Span]]:
    """Every longest run of capitalised words ending in a body's head word that names more than one
    word, read right to left from the head ("Norfolk and Suffolk NHS FT", "Oakfield Primary School"),
    and the people's names glued right after a head word ("... Trust Niki Clemo has been appointed")."""
    doc, lex = ctx.doc, ctx.lex
    role_tokens = {i for r in ctx.roles for i in range(r.start, r.end)}
    # a known body written in words ("Ofsted") is a name of its own, not part of this one ("Ofsted
    # Slams Elm School" in a headline); one in capitals may be ("Kent and Medway NHS ... Trust")
    known = {
        i
        for s in ctx.doc.spans.get(SPAN_KEY, [])
        if s.label_ == "KNOWN_ORG" and not s.text.isupper()
        for i in range(s.start, s.end)
    }
    stops = role_tokens | known
    gazetteer = [s for s in ctx.doc.spans.get(SPAN_KEY, []) if s.label_ == "COUNCIL"]  # "King's Lynn"
    spans: list[Span] = []
    tails: list[Span] = []
    last_start = len(doc) + 1
    for head in reversed(ctx.tokens_with((), lex.body_heads)):
        if head.i >= last_start:
            continue
        if not _capitalised(head.text):
            placed = _placed_body(head, gazetteer, ctx)
            if placed is not None:  # "Slough children's services trust"
                spans.append(placed)
                last_start = placed.start
            continue
        nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
        tail = _glued_name(head, ctx)
        if tail is not None:
            tails.append(tail)  # "Slough Children's Trust Niki Clemo": the body, then a person's name
        elif nxt is not None and nxt.is_alpha and _capitalised(nxt.text) and nxt.i not in stops:
            continue  # "NHS Trust Development Authority": the name goes on past this head word
        start = _name_start(head, stops, gazetteer, ctx)
        glued = start > 0 and doc[start - 1].text in {"-", "‐"} and not doc[start - 1].whitespace_
        if glued:
            continue  # "the Right for Success multi-Academy Trust": only the end of a name
        if start < head.i and (tail is not None or not _model_named(doc[start : head.i + 1], ctx)):
            spans.append(doc[start : head.i + 1])
            last_start = start
    return sorted(spans, key=lambda s: s.start), tails


def _name_start(head: Token, stops: set[int], gazetteer: list[Span], ctx: Context) -> int:
    """Where the name ending in ``head`` begins, read right to left: capitalised words, a joiner
    between two of them ("Kent and Medway"), a possessive inside the name ("King's Lynn") but not a
    place or owner standing alone before it ("Branston's Paget High School")."""
    doc, lex = ctx.doc, ctx.lex
    start = head.i
    i = head.i - 1
    while i >= 0 and i not in stops and doc[i].sent == head.sent:
        tok = doc[i]
        if tok.lower_ in {"'s", "’s"} and i > 0 and _capitalised(doc[i - 1].text):
            inside = any(g.start < i < g.end for g in gazetteer) or (i > 1 and _capitalised(doc[i - 2].text))
            if doc[i - 1].ent_type_ in {"PERSON", "GPE", "LOC"} and not inside:
                # "Branston's Paget High School": a place or owner standing alone before the name;
                # "Queen Elizabeth Hospital King's Lynn Foundation Trust", "St John's" go on
                break
            i -= 1  # "Children's Trust", "King's Lynn"
            continue
        if (
            _capitalised(tok.text)
            and tok.text.rstrip(".").isalpha()
            and tok.pos_ not in {"VERB", "AUX", "DET", "PRON"}  # "Ofsted Slams Elm School", "A SCHOOL"
            and tok.lower_ not in lex.person_titles
            and (tok.pos_ == "PROPN" or not tok.is_sent_start)  # "Yesterday Elm School ..."
        ):
            start = i
            i -= 1
            continue
        if (
            tok.lower_ in lex.body_joiners
            and i > 0
            and _capitalised(doc[i - 1].text)
            and (i - 1) not in stops
            and doc[i - 1].lower_ not in lex.org_words  # "X Council and Y Police": two bodies
            and doc[i - 1].lower_ not in lex.body_heads
        ):
            i -= 1  # "Kent and Medway", "Barking & Dagenham": a joiner between two words of the name
            continue
        break
    return start


def _placed_body(head: Token, councils: list[Span], ctx: Context) -> Span | None:
    """ "Slough children's services trust", "the Leeds children's trust": a council's place name,
    then only words of a service ("children's services"), then a lower-case head word, is the name
    of a body of that place (not the council itself)."""
    doc, words = ctx.doc, set(ctx.lex.generic_org_words) | {"'s", "’s"}
    i = head.i - 1
    while i >= 0 and doc[i].lower_ in words and doc[i].is_lower:
        i -= 1
    council = next((c for c in councils if c.end == i + 1), None)
    if council is None or i == head.i - 1:
        return None
    return doc[council.start : head.i + 1]


def _glued_name(head: Token, ctx: Context) -> Span | None:
    """Two or three capitalised words right after a body's head word that name no body and end the
    name (a lower-case word or punctuation next): a person's name the model glued to the body."""
    doc, lex = ctx.doc, ctx.lex
    body_words = set(lex.org_words) | set(lex.body_heads) | set(lex.generic_org_words)
    k = head.i + 1
    while k < len(doc) and k - head.i <= 3 and doc[k].is_alpha and doc[k].is_title:
        if doc[k].lower_ in body_words or doc[k].pos_ != "PROPN":
            return None
        k += 1
    if k - head.i - 1 < 2 or (k < len(doc) and doc[k].is_title and doc[k].is_alpha):
        return None
    return doc[head.i + 1 : k]


def _model_named(span: Span, ctx: Context) -> bool:
    """Whether one of the model's organisations or facilities holds the name and starts where it
    starts ("the" aside) or ends where it ends: the model read it whole, and the usual path takes it."""
    for ent in ctx.doc.ents:
        if ent.label_ not in {"ORG", "FAC"} or not (ent.start <= span.start and ent.end >= span.end):
            continue
        if ent.end == span.end or all(t.lower_ == "the" for t in ctx.doc[ent.start : span.start]):
            return True  # or a longer name ending here: "the Right for Success multi-Academy Trust"
    return False


def _capitalised(text: str) -> bool:
    return text[:1].isupper()
