"""Councils, organisations and people named in an article, one entity per real-world thing.

Councils and known organisations come from the gazetteer, people and other organisations from the
model's entities, checked against the domain: "Dudley" is a council even when the model says
PERSON, "Ofsted" an organisation. A later mention by surname, first name or title ("Cooper",
"Cllr Brothwood") resolves to the person already named in full in the same article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span

from councilgraph.graph.core.iris import slugify
from councilgraph.graph.core.model import Entity
from councilgraph.graph.core.rules import Lexicon, given_names
from councilgraph.graph.nlp.extract.bodies import body_name_spans
from councilgraph.graph.nlp.extract.context import Context, Mention
from councilgraph.graph.nlp.language import SPAN_KEY

__all__ = ["clean_person_name", "find_entities", "resolve_person", "speaks_of_councils"]

_PARTICLES = {"de", "van", "von", "der", "den", "le", "la", "du", "bin", "al", "da", "di"}
_INITIAL = re.compile(r"^[A-Z]\.?$")
_GLUED = re.compile(r"^([A-Z][a-z’'\-]+)([A-Z][A-Za-z]*)$")
_NAME_TOKEN = re.compile(r"^[^\W\d_][^\W\d_’'\-]*(?:[’'\-][^\W\d_]+)*$")
"""A word of a name in any script: letters, inner apostrophes and hyphens ("Ní", "O’Neill", "Chloë")."""


def _trim(span: Span, ctx: Context) -> Span | None:
    """Drop leading determiners and titles, trailing possessives, punctuation and spaces."""
    titles = set(ctx.lex.person_titles)
    start, end = span.start, span.end
    doc = ctx.doc
    while start < end and (
        doc[start].lower_.rstrip(".") in titles or doc[start].is_space or doc[start].is_punct
    ):
        start += 1
    while end > start and (
        doc[end - 1].lower_ in {"'s", "’s", "'", "’", "s"}
        and doc[end - 1].text != "S"
        or doc[end - 1].is_space
        or doc[end - 1].is_punct
    ):
        end -= 1
    return doc[start:end] if end > start else None


def clean_person_name(words: list[str], lex: Lexicon) -> str | None:
    """A person's name from its tokens, or None when it cannot be a name (as written, case fixed)."""
    titles = set(lex.person_titles)
    suffixes = set(lex.name_suffixes)
    not_person = set(lex.not_person_words)
    words = [w for w in words if w.strip()]
    if words:  # "Jane DoeImage", "John SmithPCC": a credit word glued to the name by a saved page
        glued = _GLUED.match(words[-1])
        if glued and glued.group(2).lower() in lex.glued_credit_words:
            words = [*words[:-1], glued.group(1)]
    # "Troubleshooter Ms Jo Roe": what comes before an honorific inside the name is a description
    honorifics = {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "cllr",
        "clr",
        "coun",
        "councillor",
    }  # not "Lord", a surname too
    inner = [k for k, w in enumerate(words) if k > 0 and w.lower().rstrip(".") in honorifics]
    if inner:
        words = words[inner[-1] :]
    while words and words[0].lower().rstrip(".") in titles:
        words = words[1:]
    while words and (words[-1].lower().rstrip(".") in suffixes or words[-1] in {"'s", "’s", "’", "'"}):
        words = words[:-1]
    if not words or len(words) > 4:
        return None
    out: list[str] = []
    for word in words:
        low = word.lower()
        if low in not_person or any(ch.isdigit() for ch in word):
            return None
        if low.endswith(("'s", "’s")) and word is not words[-1]:
            return None  # "QEH King's Lynn chair": a possessive inside it is a place or body's name

        if low in _PARTICLES and out:
            out.append(low)
            continue
        if out and _INITIAL.match(word):  # a middle initial: "Harriet M. Quill"
            out.append(word)
            continue
        if not (_NAME_TOKEN.match(word) and word[0].isupper()):
            return None
        out.append(word.capitalize() if word.isupper() and len(word) > 2 else word)
    if len(out[-1]) < 2:
        return None
    return " ".join(out)


def _gazetteer_spans(ctx: Context) -> list[Span]:
    spans = [s for s in ctx.doc.spans.get(SPAN_KEY, []) if s.label_ in {"COUNCIL", "KNOWN_ORG"}]
    spans.sort(key=lambda s: (-(s.end - s.start), s.start))
    chosen: list[Span] = []
    taken: set[int] = set()
    for span in spans:
        if taken.isdisjoint(range(span.start, span.end)):
            chosen.append(span)
            taken.update(range(span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


def speaks_of_councils(doc: Doc, lex: Lexicon) -> bool:
    """Whether an article's words speak of councils ("council", "Ofsted", "children's services"...):
    in one that does not, a bare place name ("Leeds") is a place, not a council."""
    text = doc.text.lower().replace("’", "'")
    return any(t.lower_ in lex.council_cues for t in doc) or any(p in text for p in lex.council_cue_phrases)


def _plausible_council(span: Span, ctx: Context, cued: bool) -> bool:
    """Whether a gazetteer match names the council.

    Not when the place name is part of a person's name ("Mr Sutton", "Tom Sutton"), a verb
    ("Reading the ..."), another body's name ("Leeds Building Society", "Medway NHS Trust", "the
    Royal Blackburn"), a region's ("the Durham and Tees Valley region"), or "a Kent council";
    and a bare place name ("Leeds") only in an article that speaks of councils at all (``cued``).
    """
    doc = ctx.doc
    lex = ctx.lex
    council = ctx.gazetteer.councils[span.id_]
    bare = span.text == council.name
    if bare and not cued:
        return False
    nxt = doc[span.end] if span.end < len(doc) else None
    if (
        span[-1].lower_ != "council"
        and nxt is not None
        and nxt.text[:1].isupper()
        and (nxt.lower_ in lex.place_name_continuations or nxt.ent_type_ == "ORG" and nxt.ent_iob_ == "I")
    ):
        return False
    if (
        span.start > 0
        and doc[span.start - 1].lower_ in lex.indefinite_determiners
        and span[-1].text.islower()
    ):
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    if (
        span[-1].lower_ != "council"
        and before is not None
        and before.text[:1].isupper()
        and not before.is_sent_start
        and before.ent_type_ == "ORG"
        and doc[span.start].ent_iob_ == "I"
        and before.lower_ not in lex.party_short_names
    ):
        return False  # "the Royal Blackburn (Hospital)": the place inside another body's name
    head = span.root
    while (
        head.dep_ in {"compound", "conj", "cc", "nmod"}
        and head.head.i != head.i
        and not span.start <= head.head.i < span.end
    ):
        head = head.head
    if span[-1].lower_ != "council" and head.lower_ in lex.region_nouns and head.text.islower():
        return False  # "the Durham and Tees Valley region": a region's name
    titles = set(ctx.lex.person_titles)
    if span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in titles - {"the", "new", "former"}:
        return False
    if len(span) == 1 and span[0].tag_.startswith("VB"):
        return False
    ent = doc[span.start].ent_type_
    if ent == "PERSON" and len(span) == 1:
        # "Tom Sutton": the model's PERSON runs past the place name
        for e in doc.ents:
            if e.start <= span.start < e.end and e.label_ == "PERSON" and len(e) > 1:
                return False
    return True


def find_entities(ctx: Context) -> None:
    """Fill ``ctx.mentions`` and the article's entities."""
    doc, lex, gaz = ctx.doc, ctx.lex, ctx.gazetteer
    org_words = set(lex.org_words)
    gaz_spans = _gazetteer_spans(ctx)
    role_tokens = {i for r in ctx.roles for i in range(r.start, r.end)}
    cued = speaks_of_councils(doc, lex) or any(r.id_ in lex.council_only_roles for r in ctx.roles)

    # Model entities that are longer organisations containing a place name ("Kirklees Safeguarding
    # Children Board", "Doncaster Children's Services Trust") win over the place name inside them.
    suppressed: set[int] = set()
    wider: list[tuple[int, int]] = []  # the model's organisations that hold a place name
    named = {i for s in gaz_spans for i in range(s.start, s.end)}  # a council's name may run past the model's
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        trimmed = _trim(ent, ctx)
        if trimmed is None or gaz.council_for(trimmed.text):
            continue
        inner = [s for s in gaz_spans if s.start >= trimmed.start and s.end <= trimmed.end]
        extra = [t for t in trimmed if not any(s.start <= t.i < s.end for s in inner)]
        party = any(s.label_ == "KNOWN_ORG" and gaz.orgs[s.id_].kind == "party" for s in inner)
        if party and all(
            t.lower_ in lex.led_bodies or t.is_punct or t.tag_ == "POS" or t.i in named for t in extra
        ):
            continue  # "the Labour group", "Cumbria County Council Conservative Group": the party's councillors
        if inner and any(t.lower_ in org_words for t in extra):
            wider.append((trimmed.start, trimmed.end))

    # a body's name by its shape ("Kent and Medway NHS and Social Care Partnership Trust") is one
    # body, not the council or the people the model saw inside it; a known body keeps its own name
    bodies, glued_names = body_name_spans(ctx)
    for body in bodies:
        if any(s.start <= body.start and body.end <= s.end for s in gaz_spans):
            continue
        _add_org(body, ctx)
        if ctx.mention_at(body.start) is not None:
            suppressed.update(range(body.start, body.end))

    # commissioners are sent in to English councils; in an article about Welsh or Scottish ones
    # "Children's Commissioner X" is the nation's commissioner, an office
    nations = {gaz.councils[s.id_].nation for s in gaz_spans if s.label_ == "COUNCIL"}
    english = not nations or "England" in nations
    for span in gaz_spans:
        if not suppressed.isdisjoint(range(span.start, span.end)) or any(
            start <= span.start and span.end <= end for start, end in wider
        ):
            # inside a longer body's name; a council's name that runs past the model's
            # organisation ("Blackburn with Darwen Council's" read as "Darwen Council's ...") stays
            continue
        if span.label_ == "COUNCIL":
            if not _plausible_council(span, ctx, cued):
                continue
            council = gaz.councils[span.id_]
            key = ctx.register(Entity("council", council.id, council.official_name))
            ctx.add_mention(Mention("council", key, span.start, span.end))
        else:
            org = gaz.orgs[span.id_]
            if org.id in lex.title_offices and english and _office_as_title(span, ctx):
                continue  # "Children's Commissioner Jo Roe": the title of a commissioner sent in
            key = ctx.register(Entity("org", org.id, org.label, org_kind=org.kind))
            ctx.add_mention(Mention("org", key, span.start, span.end))

    people: list[tuple[Span, bool]] = [(name, False) for name in glued_names]
    titles = set(lex.person_titles) - {
        "the",
        "former",
        "new",
        "then",
        "the-then",
        "ex",
        "interim",
        "acting",
    }
    for ent, label in _entity_parts(ctx):
        if label not in {"PERSON", "ORG", "GPE", "NORP", "FAC"}:
            continue
        titled = ent[0].lower_.rstrip(".") in titles or (
            ent.start > 0 and doc[ent.start - 1].lower_.rstrip(".") in titles
        )
        trimmed = _trim(ent, ctx)
        if trimmed is None or any(i in ctx.by_token for i in range(trimmed.start, trimmed.end)):
            continue
        trimmed = _extend_surname(trimmed, label)
        if (
            label == "PERSON"
            or (titled and label in {"ORG", "GPE", "NORP"})
            or (label == "ORG" and _role_adjacent(trimmed, ctx))
        ):
            people.append((trimmed, titled))
        elif label == "ORG" and not role_tokens.intersection(range(trimmed.start, trimmed.end)):
            _add_org(trimmed, ctx)
        elif (
            label == "ORG"
            and len(trimmed) >= 3  # not a council's own "Standards Committee"
            and trimmed[-1].lower_ in org_words
            and trimmed.start > 0
            and doc[trimmed.start - 1].lower_ in {"the", "of", "for"}
        ):
            _add_org(trimmed, ctx)  # "chair of the Social Work Reform Board": the body a title names
        elif label in {"FAC", "GPE"} and len(trimmed) > 1 and trimmed[-1].lower_ in lex.org_words:
            _add_org(trimmed, ctx)  # "Elm Road Primary School" as the model's FAC is a named body
    _title_case_bodies(ctx)
    people += _names_of_titled_surnames(people, ctx)
    _add_people(people, ctx)
    _party_tags(ctx)
    _people_read_as_bodies(ctx)
    _add_surname_mentions(ctx)
    _repeat_org_mentions(ctx)
    _link_abbreviations(ctx)
    _link_short_forms(ctx)
    ctx.choose_home_council()
    ctx.facts.mentions = {m.key for m in ctx.mentions}


def _given_name_spans(ctx: Context) -> list[Span]:
    """Names that start with a common given name (``patterns/given_names.txt``) and go on with one
    or two capitalised words: "Eleanor Brazil", "Gail Quinton", which the small model may tag as a
    place or an organisation, or miss. Not inside a council or known body, not after another
    capitalised word (but a title: "Cllr Jo Hall", or the head word ending a body's name: "the
    Bolton Care Trust Ann Cole"), not before an organisation word ("Victoria Park School"); a
    hyphenated surname the tokenizer split is taken whole ("Robin-Jones")."""
    doc, names = ctx.doc, given_names()
    org_words = set(ctx.lex.org_words)
    titles = set(ctx.lex.person_titles)
    found: list[Span] = []
    free = 0  # the first token not inside a name already found
    for tok in ctx.tokens_with((), {n.lower() for n in names}):
        i = tok.i
        prev = doc[i - 1] if i > 0 else None
        after_word = (
            prev is not None
            and prev.text[:1].isupper()
            and prev.lower_.rstrip(".") not in titles
            # "chief executive of the Bolton Care Trust Ann Cole": a body's name ends at its head word
            and prev.lower_ not in org_words
        )
        if i < free or tok.text not in names or i in ctx.by_token or after_word:
            continue
        span = _name_from(i, ctx)
        if span is not None:
            found.append(span)
            free = span.end
    return found


def _name_from(i: int, ctx: Context) -> Span | None:
    """The name starting at token ``i``: it and one or two more capitalised words (a hyphenated
    surname the tokenizer split taken whole), none of them inside another mention or a word of
    bodies; None for one word alone, an all-capitals end, or a name before an organisation word."""
    doc = ctx.doc
    org_words, not_person = set(ctx.lex.org_words), set(ctx.lex.not_person_words)

    def hyphen_at(k: int) -> bool:  # "Anne-Marie", "Robin-Jones": one word the tokenizer split
        return (
            k + 1 < len(doc)
            and doc[k].text in {"-", "‐"}
            and not doc[k - 1].whitespace_
            and not doc[k].whitespace_
            and doc[k + 1].text[:1].isupper()
        )

    end, words = i + 1, 1
    if hyphen_at(end):
        end += 2
    while end < len(doc) and words < 3 and _NAME_TOKEN.match(doc[end].text) and doc[end].text[:1].isupper():
        if end in ctx.by_token or doc[end].lower_ in not_person or doc[end].lower_ in org_words:
            break
        end, words = end + 1, words + 1
        if hyphen_at(end):
            end += 2
    org_after = end < len(doc) and doc[end].lower_ in org_words
    if words >= 2 and not doc[end - 1].text.isupper() and not org_after:
        return doc[i:end]
    return None


def _titled_name_spans(ctx: Context, taken: set[int]) -> list[Span]:
    """ "Councillor Aggie Caesar-Homden", "Dr Ann Kay": two or three capitalised words after a
    person's title (``lexicon.councillor_titles``, ``name_titles``) are a name, whatever label the
    model gave them or if it gave none (it often reads an unusual name with its title as a body)."""
    doc, lex = ctx.doc, ctx.lex
    found: list[Span] = []
    for tok in ctx.tokens_with((), ctx.name_titles):
        i = tok.i + 1
        if i >= len(doc) or i in taken or i in ctx.by_token or not doc[i].text[:1].isupper():
            continue
        if doc[i].lower_ in lex.not_person_words or doc[i].lower_ in lex.org_words:
            continue
        span = _name_from(i, ctx)
        if span is not None and taken.isdisjoint(range(span.start, span.end)):
            found.append(span)
            taken.update(range(span.start, span.end))
    return found


def _honoured_name_spans(ctx: Context, taken: set[int]) -> list[Span]:
    """ "Niki Clemo OBE is to take on the role": two or three capitalised words right before an
    honour written after a name (``lexicon.name_suffixes``, in capitals) are a name, whatever the
    model read them as."""
    doc, lex = ctx.doc, ctx.lex
    found: list[Span] = []
    for tok in ctx.tokens_with((), set(lex.name_suffixes)):
        if not tok.text.isupper() or tok.lower_ in {"mp", "jr", "sr"}:
            continue
        start = tok.i
        while (
            start > 0
            and tok.i - start < 3
            and _NAME_TOKEN.match(doc[start - 1].text)
            and doc[start - 1].text[:1].isupper()
            and not doc[start - 1].text.isupper()
            and doc[start - 1].lower_ not in lex.not_person_words
            and doc[start - 1].lower_ not in lex.org_words
            and doc[start - 1].lower_.rstrip(".") not in ctx.name_titles
        ):
            start -= 1
        if (
            tok.i - start >= 2
            and taken.isdisjoint(range(start, tok.i))
            and not any(i in ctx.by_token for i in range(start, tok.i))
        ):
            found.append(doc[start : tok.i])
            taken.update(range(start, tok.i))
    return found


def _apposed_name_spans(ctx: Context, taken: set[int]) -> list[Span]:
    """ "a deputy director of children's services, Gwen Tallis, and ...", "Gwen Tallis, the
    council's chief executive, said": two or three capitalised words in apposition to a post title
    (right after it, or before it with a comma between) are a name, whatever label the model gave
    them or if it gave none; the words of bodies and places stop a name (``_name_from``)."""
    doc = ctx.doc
    found: list[Span] = []

    def add(span: Span | None) -> None:
        if span is not None and taken.isdisjoint(range(span.start, span.end)):
            found.append(span)
            taken.update(range(span.start, span.end))

    for role in ctx.roles:
        i = role.end
        if i + 1 < len(doc) and doc[i].lower_ in {
            "of",
            "at",
            "for",
        }:  # "chief executive of X Council, Pia Marsh"
            j = i + 1 + (doc[i + 1].lower_ == "the")
            body = ctx.mention_at(j) if j < len(doc) else None
            if body is not None and body.kind in {"council", "org"}:
                i = body.end
        i += 1 if i < len(doc) and doc[i].text == "," else 0
        joined = doc[i - 1].lower_ in {"&", "and"}  # "Chief Executives & Senior Managers": a name goes on
        if i < len(doc) and not joined and i not in ctx.by_token and doc[i].text[:1].isupper():
            add(_name_from(i, ctx))
        end = role.start - 1  # "Gwen Tallis, the council's chief executive"
        gap = set(ctx.lex.name_apposition_gap) | set(ctx.lex.org_context_nouns)
        while (
            end > role.start - 6 and end > 0 and (doc[end].lower_ in gap or ctx.mention_at(end) is not None)
        ):
            end -= 1
        if end - 2 >= 0 and doc[end].text == ",":
            for start in (end - 2, end - 3):
                before = doc[start - 1] if start > 0 else None
                if (
                    start >= 0
                    and doc[start].text[:1].isupper()
                    and (
                        before is None
                        or (
                            before.lower_ not in {"&", "of"}
                            and (not before.text[:1].isupper() or before.is_sent_start)
                        )
                    )
                ):
                    span = _name_from(start, ctx)
                    if span is not None and span.end == end:
                        add(span)
                        break
    return found


def _entity_parts(ctx: Context) -> Iterator[tuple[Span, str]]:
    """The model's entities, with two repairs. A name after a comma is split off: the model
    reads "for Children and Young People, Sue Bell" as one organisation; the two to three
    capitalised proper nouns after the last comma are a person's name. And a name that starts
    with a common given name is a person's, whatever label the model gave it or if it gave none."""
    doc = ctx.doc
    given = _given_name_spans(ctx)
    taken = {i for s in given for i in range(s.start, s.end)}
    given += _titled_name_spans(ctx, taken)
    given += _apposed_name_spans(ctx, taken)
    given += _honoured_name_spans(ctx, taken)
    for span in given:
        yield span, "PERSON"
    for ent in doc.ents:
        inside = [s for s in given if ent.start < s.start < ent.end]
        if inside and ent.label_ == "ORG" and doc[inside[0].start - 1].lower_ in ctx.lex.org_words:
            # "the Bolton Care Trust Ann Cole" as one ORG: the body, then the name
            yield doc[ent.start : inside[0].start], ent.label_
            continue
        if taken.intersection(range(ent.start, ent.end)):
            continue  # the given name's span stands for it ("Lesley Hagger last month" as one ORG)
        commas = [t.i for t in ent if t.text == ","]
        if not commas:
            yield ent, ent.label_
            continue
        tail = doc[commas[-1] + 1 : ent.end]
        if 2 <= len(tail) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tail):
            yield doc[ent.start : commas[0]], ent.label_
            yield tail, "PERSON"
        else:
            yield ent, ent.label_


def _extend_surname(span: Span, label: str) -> Span:
    """Take in a surname the model cut off: at an apostrophe ("Alison" + "O’Sullivan"), or a lone
    first name followed by a capitalised proper noun the model left outside ("Tony" + "Parkinson");
    and the capitalised ordinal ending a body's name ("Children" + "First")."""
    doc = span.doc
    end = span.end
    if end >= len(doc) or doc[end - 1].whitespace_ == "" or not doc[end].text[:1].isupper():
        return span
    nxt = doc[end]
    cut_at_apostrophe = any(ch in nxt.text for ch in "’'-") and nxt.pos_ == "PROPN"
    lone_first_name = (
        len(span) == 1
        and label == "PERSON"
        and nxt.pos_ == "PROPN"
        and nxt.ent_type_ in ("", "PERSON")
        and nxt.text.isalpha()
        and nxt.text[1:].islower()
    )
    # "Worcestershire Children First": a capitalised ordinal the model took out of a body's name
    ordinal_in_name = label == "ORG" and nxt.ent_type_ == "ORDINAL" and nxt.text.isalpha()
    if cut_at_apostrophe or lone_first_name or ordinal_in_name:
        end += 1
    return doc[span.start : end]


def _office_as_title(span: Span, ctx: Context) -> bool:
    """Whether an office's name is written as a person's title: before their name ("Children's
    Commissioner Jo Roe", "the children's commissioner, Jo Roe"), placed at a council ("children's
    commissioner at Stoke"), or given ("appointed as children's commissioner"). "The Children's
    Commissioner for England" and "an adviser to the Children's Commissioner" are the office."""
    doc = ctx.doc
    if span.end < len(doc) and doc[span.end].lower_ in {"for", "of"}:
        return False  # "for England": the national office
    i = span.end + (1 if span.end < len(doc) and doc[span.end].text == "," else 0)
    named = next((e for e in doc.ents if e.start == i and e.label_ == "PERSON"), None)
    if named is not None or (span.end < len(doc) and doc[span.end].lower_ in {"at", "in"}):
        return True
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    return before in {"as", "a", "new", "interim", "appointed", "named"}


def _name_shaped(span: Span) -> bool:
    """Two or three capitalised words, a hyphenated surname counting as one ("Bryn Parry-Jones")."""
    words = [t for t in span if t.is_alpha]
    return (
        len(words) in (2, 3)
        and all(t.text[:1].isupper() for t in words)
        and all(t.is_alpha or t.text in {"-", "‐"} for t in span)
    )


def _role_adjacent(span: Span, ctx: Context) -> bool:
    """An ORG that is really a person: "appointed X as commissioner", "X, the council's chief
    executive", "the Mayor of Doncaster, X", "X was appointed", "X resigned". Not one whose last word names a body ("Elm Road
    Junior School headteacher X"): that is the body the title is held at."""
    if span[-1].lower_ in ctx.lex.org_words:
        return False
    verb = span.root.head
    if (
        span.root.dep_ in {"nsubj", "nsubjpass"}
        and verb.lemma_.lower() in ctx.lex.appointment_verbs | ctx.lex.departure_verbs.keys()
        and not any(t.lower_ in ctx.lex.not_person_words or t.lower_ in ctx.lex.body_heads for t in span)
    ):
        return _name_shaped(span)  # "Eleni Ioannides was appointed": bodies are not appointed
    for role in ctx.roles:
        gap_after = ctx.doc[span.end : role.start]
        gap_before = ctx.doc[role.end : span.start]
        if 0 <= role.start - span.end <= 4 and all(
            t.lower_ in {",", "as", "the", "a", "its", "new"} for t in gap_after
        ):
            return _name_shaped(span)
        if 0 <= span.start - role.end <= 2 and all(t.is_punct for t in gap_before):
            return _name_shaped(span)
        # "The Mayor of Doncaster, Ros Jones": the title's body, a comma, then the name
        if role.end < span.start and ctx.doc[role.end].lower_ in {"of", "at", "for"}:
            body = ctx.mention_at(role.end + 1)
            if body is not None and body.end + 1 == span.start and ctx.doc[body.end].text == ",":
                return _name_shaped(span)
    return False


def _add_org(span: Span, ctx: Context) -> None:
    lex = ctx.lex
    text = " ".join(span.text.split())
    low = text.lower()
    if low in set(lex.generic_orgs) or not any(ch.isupper() for ch in text):
        return
    if ctx.gazetteer.council_for(text):
        return
    words = [w.lower() for w in re.findall(r"[\w’'&]+", text)]
    if all(w in lex.generic_org_words for w in words):
        return  # "City Council", "Children and Families Social Care": a description, not a name
    if len(words) == 2 and words[0] in lex.pseudonym_words and text.split()[-1][:1].isupper():
        return  # "Baby W", "Child T": a serious case review's name for a child, not a body
    if low in lex.name_suffixes or span[0].lower_ in {"a", "an"}:
        return  # "Jane Roe OBE": an honour; "an improvement notice": a thing, not a named body
    if len(span) > 2 and span[0].lower_ in lex.org_context_nouns and span[1].lower_ in {"'s", "’s"}:
        return  # "the council's Children's Improvement Board": the council's own, named by its council
    if _person_shaped(span, ctx):
        return  # "Brigid Jones" read as an organisation: a person's name, found as one elsewhere
    words_as_written = re.findall(r"[\w’'&-]+", text)
    head = words_as_written[-1].lower() if words_as_written else ""
    while words_as_written and words_as_written[-1].lower() in lex.generic_org_words:
        words_as_written.pop()  # "Isle of Wight Children's Services"
    place = re.sub(r"[’']s$", "", " ".join(words_as_written), flags=re.IGNORECASE)
    # a council's department is named by its head word: "Torbay Children's Services", not
    # "Manchester Youth Council" or "the Bolton Care Trust" (a body of its own)
    department = head in lex.department_words or head in lex.council_organs  # "the Kirklees Cabinet"
    council_id = ctx.gazetteer.council_for(place) if place and department else None
    if council_id is not None:
        # "Torbay Children's Services", "the Isle of Wight's children's services department": the
        # council's own department, so a mention of the council (what it is rated, who runs it)
        found = ctx.gazetteer.councils[council_id]
        key = ctx.register(Entity("council", found.id, found.official_name))
        ctx.add_mention(Mention("council", key, span.start, span.end))
        return
    if words[-1] in lex.address_words or words[-1] in {"centre", "center"} and "business" in words:
        return  # "Station Drive", "the Kingsway Business Centre": an address, not a body
    if "/" in text and lex.credit_words.intersection(words):
        return  # "Rex Productions/Adobe Stock": a photograph's credit
    glued = _GLUED.match(text.split()[-1])
    if glued and glued.group(2).lower() in lex.glued_credit_words:
        return  # "Middlesbrough Town HallImage": a caption, not a body
    nxt = ctx.doc[span.end] if span.end < len(ctx.doc) else None
    if nxt is not None and nxt.text.islower() and nxt.lower_ in lex.place_nouns_after:
        return  # "the Hebburn North ward", "the Keogh review", "Okehampton Rural councillor X"
    if _ward_of(span, ctx):
        return  # "Jo Roe (Conservative, Bickleigh & Wembury)", "her division of Chichester West"
    council = _council_abbreviation(text, ctx)
    if council is not None:  # "WNC" in an article about West Northamptonshire Council
        ctx.add_mention(Mention("council", council, span.start, span.end))
        return
    if len(span) == 1:
        prev = ctx.doc[span.start - 1].lower_ if span.start > 0 else ""
        if not (text.isupper() and len(text) > 1) and prev != "the":
            return
    if any(ch.isdigit() for ch in text) or len(text) > 80:
        return
    owner = re.match(r"^(.+?)[’']s (.+)$", text)
    if owner is not None and ctx.gazetteer.council_for(owner.group(1)):
        text = f"{owner.group(1)} {owner.group(2)}"  # "Kent's Health and Wellbeing Board" is named without the 's
    key = ctx.register(Entity("org", slugify(text), text))
    ctx.add_mention(Mention("org", key, span.start, span.end))


def _person_shaped(span: Span, ctx: Context) -> bool:
    """Two or three capitalised words, the first a common given name, none a body's word and the
    name no known body's: a person the model took for an organisation ("Stella Manzie")."""
    tokens = [t for t in span if t.lower_ != "the"]
    if not 2 <= len(tokens) <= 3 or tokens[0].text not in given_names():
        return False
    lex = ctx.lex
    return all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in tokens) and not any(
        t.lower_ in lex.org_words or t.lower_ in lex.not_person_words or t.lower_ in lex.body_heads
        for t in tokens
    )


_LINK_WORDS = {"of", "for", "and", "the", "in", "on", "&"}


def _council_abbreviation(text: str, ctx: Context) -> str | None:
    """The key of a council the article names whose initials ``text`` is ("WNC", "CWaC")."""
    if not (
        text.isalpha() and 2 <= len(text) <= 6 and text[0].isupper() and sum(c.isupper() for c in text) >= 2
    ):
        return None
    for m in ctx.mentions:
        if m.kind != "council":
            continue
        council = ctx.gazetteer.councils[m.key.split(":", 1)[1]]
        written = ctx.doc[m.start : m.end].text  # "BCC" of "Bucks County Council" as the article wrote it
        for name in (written, council.official_name, f"{council.name} Council", *council.aliases):
            if _initials(name) == text.upper():
                return m.key
    return None


def _initials(text: str) -> str:
    words = re.findall(r"[A-Za-z][A-Za-z'’]*", text)
    return "".join(w[0] for w in words if w.lower() not in _LINK_WORDS).upper()


def _link_abbreviations(ctx: Context) -> None:
    """ "the Local Government Association (LGA)": LGA is that organisation here, and it is
    recorded as an alternative label so that other articles' "LGA" can join it (graph/rdf/build.py)."""
    doc = ctx.doc
    for m in [m for m in ctx.mentions if m.kind == "org"]:
        if m.end + 2 >= len(doc) or doc[m.end].text != "(" or doc[m.end + 2].text != ")":
            continue
        acronym = doc[m.end + 1].text
        if not (acronym.isupper() and 2 <= len(acronym) <= 8 and acronym.isalpha()):
            continue
        if _initials(doc[m.start : m.end].text) != acronym:
            continue
        _merge_org(ctx, f"org:{slugify(acronym)}", m.key, acronym)
        if m.end + 1 not in ctx.by_token:
            ctx.add_mention(Mention("org", m.key, m.end + 1, m.end + 2))


def _merge_org(ctx: Context, short: str, full: str, alt_label: str) -> None:
    """The organisation ``short`` is ``full`` in this article: its mentions name ``full``, which
    keeps ``alt_label`` as another of its names (so other articles' mentions can join it)."""
    entity = ctx.facts.entities[full]
    if alt_label not in entity.alt_labels:
        ctx.facts.entities[full] = replace(entity, alt_labels=(*entity.alt_labels, alt_label))
    for i, other in enumerate(ctx.mentions):
        if other.key == short:
            ctx.mentions[i] = replace(other, key=full)
            for t in range(other.start, other.end):
                ctx.by_token[t] = ctx.mentions[i]
    if short != full:
        ctx.facts.entities.pop(short, None)


def _people_read_as_bodies(ctx: Context) -> None:
    """ "Cllr Brigid Jones said ..." and, in a caption, "Brigid Jones" tagged as an organisation:
    a body named exactly as a person of the same article is that person."""
    entities = ctx.facts.entities
    people = {e.label.lower(): key for key, e in entities.items() if e.kind == "person"}
    for i, m in enumerate(ctx.mentions):
        person = people.get(entities[m.key].label.lower()) if m.kind == "org" and m.key in entities else None
        if person is None:
            continue
        ctx.mentions[i] = Mention("person", person, m.start, m.end)
        for t in range(m.start, m.end):
            ctx.by_token[t] = ctx.mentions[i]
        if not any(other.key == m.key for other in ctx.mentions):
            entities.pop(m.key, None)


def _title_case_bodies(ctx: Context) -> None:
    """Named bodies the model did not tag: "the Social Work Reform Board" (after "the", two or
    more capitalised words ending in a word that names a body), unless a mention or a title
    already holds them."""
    doc, lex = ctx.doc, ctx.lex
    role_tokens = {i for r in ctx.roles for i in range(r.start, r.end)}
    taken = set(ctx.by_token) | role_tokens
    for the in ctx.tokens_with((), {"the"}):
        i = the.i + 1
        while i < len(doc) and doc[i].is_alpha and doc[i].text[:1].isupper() and i not in taken:
            i += 1
        if i - the.i - 1 >= 2 and doc[i - 1].lower_ in lex.org_words and doc[i - 1].sent == the.sent:
            _add_org(doc[the.i + 1 : i], ctx)


def _names_of_titled_surnames(people: list[tuple[Span, bool]], ctx: Context) -> list[tuple[Span, bool]]:
    """Full names the model did not tag of people the article titles by surname: "Nardeep Sharma
    was in charge ..." with "Mr Sharma" later. A capitalised word right before a surname that the
    article writes after Mr/Mrs/Ms is that person's given name (not a title, a place or a body)."""
    doc, lex = ctx.doc, ctx.lex
    honorifics = {"mr", "mrs", "ms", "miss", "mx", "dr"}
    surnames = {
        doc[t.i + 1].text
        for t in ctx.tokens_with((), honorifics | {f"{h}." for h in honorifics})
        if t.i + 1 < len(doc) and doc[t.i + 1].text[:1].isupper() and doc[t.i + 1].is_alpha
    }
    if not surnames:
        return []
    covered = {i for span, _titled in people for i in range(span.start, span.end)} | set(ctx.by_token)
    found: list[tuple[Span, bool]] = []
    for tok in ctx.tokens_with((), {s.lower() for s in surnames}):
        body = ctx.mention_at(tok.i)
        if body is not None and body.kind == "org" and (body.start, body.end) == (tok.i - 1, tok.i + 1):
            # "Femi Okoro" read as a body, and "Mr Okoro" later: the two words are the person
            _drop_mention(body, ctx)
            covered -= {tok.i - 1, tok.i}
        if tok.text not in surnames or tok.i == 0 or tok.i in covered or tok.i - 1 in covered:
            continue
        given = doc[tok.i - 1]
        if (
            given.is_alpha
            and given.text[:1].isupper()
            and given.text[1:].islower()
            and given.pos_ == "PROPN"
            and given.lower_ not in lex.person_titles
            and given.lower_ not in lex.not_person_words
            and not ctx.gazetteer.council_for(given.text)
        ):
            found.append((doc[tok.i - 1 : tok.i + 1], False))
            covered.update((tok.i - 1, tok.i))
    return found


def _drop_mention(mention: Mention, ctx: Context) -> None:
    """Forget ``mention`` (and its entity, when nothing else names it)."""
    ctx.mentions.remove(mention)
    for t in range(mention.start, mention.end):
        ctx.by_token.pop(t, None)
    if not any(m.key == mention.key for m in ctx.mentions):
        ctx.facts.entities.pop(mention.key, None)


def _link_short_forms(ctx: Context) -> None:
    """ "the Thrive Trust" of "The Thrive Academy Partnership Trust": a shorter name of an
    organisation the article names in full (the same first and last word, every word in the
    full name) is the same organisation here."""
    orgs = sorted({m.key for m in ctx.mentions if m.kind == "org"})
    words = {k: [w for w in ctx.facts.entities[k].label.lower().split() if w != "the"] for k in orgs}
    for short in orgs:
        ws = words[short]
        if len(ws) < 2:
            continue
        longer = [
            k
            for k in orgs
            if k != short
            and len(words[k]) > len(ws)
            and words[k][0] == ws[0]
            and words[k][-1] == ws[-1]
            and set(ws) <= set(words[k])
        ]
        if len(longer) != 1:
            continue
        _merge_org(ctx, short, longer[0], ctx.facts.entities[short].label)


def _ward_of(span: Span, ctx: Context) -> bool:
    """A ward or division a councillor sits for: in brackets right after a name ("Jo Roe
    (St Anne's & Hill)", "(Con, Hill West)"), or after "ward of"/"division of"."""
    doc = ctx.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ == "of" and span.start > 1:
        return doc[span.start - 2].lower_ in ctx.lex.place_nouns_after
    if _in_ward_note(span, ctx):
        return True
    after = doc[span.end] if span.end < len(doc) else None
    return (
        before is not None
        and before.text == "("
        and after is not None
        and after.text == ")"
        and span.start > 1
        and doc[span.start - 2].pos_ == "PROPN"
    )


def _in_ward_note(span: Span, ctx: Context) -> bool:
    """ "Cllr Jo Roe (Lab, Wexham Lea)", "Cllr Jo Roe (Wexham Lea, Lab)": beside a party's short
    name in brackets is the ward the councillor sits for, a place, not a person."""
    doc = ctx.doc
    i = span.start - 1
    while i > span.sent.start and doc[i].text not in {"(", ")"}:
        i -= 1
    if doc[i].text != "(":
        return False
    parties = ctx.lex.party_short_names
    if i + 2 < span.start and doc[i + 1].lower_.rstrip(".") in parties and doc[i + 2].text == ",":
        return True
    k = span.end
    return (
        k + 2 < len(doc)
        and doc[k].text == ","
        and doc[k + 1].lower_.rstrip(".") in parties
        and doc[k + 2].text == ")"
    )


def _on_dateline(span: Span, ctx: Context) -> bool:
    """Whether ``span`` is a name just before the article's own date on its line ("Jo Writer
    4 May 2019"): a byline, not a person the story is about."""
    dated = ctx.article.published_span
    if dated is None:
        return False
    line_start = ctx.article.text.rfind("\n", 0, dated.start) + 1
    return line_start <= span.start_char and span.end_char <= dated.start <= line_start + 60


def _all_places(name: str, ctx: Context) -> bool:
    """ "Coventry Knowsley": a list of council names run together, not a person."""
    return all(ctx.gazetteer.council_for(word) for word in name.split())


def _add_people(people: list[tuple[Span, bool]], ctx: Context) -> None:
    """Register full names first, then resolve short mentions to them."""
    full: dict[str, str] = {}  # normalised name -> label
    cleaned: list[tuple[Span, bool, str]] = []
    for span, titled in people:
        if _on_dateline(span, ctx) or _in_ward_note(span, ctx):
            continue
        name = clean_person_name(span.text.split(), ctx.lex)
        if name is None or _all_places(name, ctx):
            continue
        words = name.split()
        if len(words) > 2 and ctx.gazetteer.council_for(words[0]):
            name = " ".join(words[1:])  # "Mayor of Newham Rokhsana Fiaz": the place is not her name
        cleaned.append((span, titled, name))
        if len(name.split()) >= 2:
            full.setdefault(slugify(name), name)
    # "Rhodes White" is "Gladys Rhodes White"
    for slug in sorted(full, key=len):
        longer = [s for s in full if s != slug and s.endswith("-" + slug)]
        if len(longer) == 1:
            full.pop(slug)
    # "Alli Parkinson" is "Allison Parkinson": a given name that begins another of the same surname
    short_forms: dict[str, str] = {}
    for slug, written in full.items():
        given, _, surname = slug.partition("-")
        longer = [
            other
            for s, other in full.items()
            if s != slug
            and s.endswith("-" + surname)
            and s.count("-") == slug.count("-")
            and s.startswith(given)
            and len(given) >= 3
        ]
        if len(longer) == 1:
            short_forms[written] = longer[0]
    for span, titled, name in cleaned:
        name = short_forms.get(name, name)
        label = resolve_person(name, full, allow_single=titled)
        if label is None:
            continue
        key = ctx.register(Entity("person", slugify(label), label))
        ctx.add_mention(Mention("person", key, span.start, span.end, titled=titled))


def _repeat_org_mentions(ctx: Context) -> None:
    """The same words as a named organisation, written again where the model did not tag them
    ("Birmingham Children's Trust" tagged in the headline, read as a person in the next line),
    are that organisation: so that the sentences that speak of it are read."""
    doc = ctx.doc
    written: dict[tuple[str, ...], str] = {}
    for m in ctx.mentions:
        if m.kind == "org" and m.end - m.start >= 2 and doc[m.end - 1].lower_ in ctx.lex.org_words:
            written.setdefault(tuple(t.lower_ for t in doc[m.start : m.end]), m.key)
    if not written:
        return
    for tok in ctx.tokens_with((), {words[0] for words in written}):
        for words, key in written.items():
            end = tok.i + len(words)
            if words[0] != tok.lower_ or end > len(doc) or tuple(t.lower_ for t in doc[tok.i : end]) != words:
                continue
            inside: list[Mention] = []
            for i in range(tok.i, end):
                if i in ctx.by_token and all(ctx.by_token[i] is not m for m in inside):
                    inside.append(ctx.by_token[i])
            if any(m.kind != "council" or m.start < tok.i or m.end > end for m in inside):
                continue  # another name runs across it
            for m in inside:  # "Birmingham" of "Birmingham Children's Trust": the place in the body's name
                _drop_mention(m, ctx)
            ctx.add_mention(Mention("org", key, tok.i, end))


def _party_tags(ctx: Context) -> None:
    """ "Cllr Jo Roe (Con)", "Cllr Ann Hale (Lab, Wexham Lea)", "(Wexham Lea, Lab)": the party a
    bracket after a name gives by its short name (``lexicon.party_tags``), first or last in the
    bracket, is mentioned there."""
    doc, gaz = ctx.doc, ctx.gazetteer
    for m in [m for m in ctx.mentions if m.kind == "person"]:
        i = m.end
        if i + 2 >= len(doc) or doc[i].text != "(":
            continue
        close = next((k for k in range(i + 2, min(len(doc), i + 8)) if doc[k].text == ")"), None)
        if close is None:
            continue
        for at in (i + 1, close - 1):
            party = ctx.lex.party_tags.get(doc[at].lower_.rstrip("."))
            if party is None or party not in gaz.orgs or ctx.mention_at(at) is not None:
                continue
            if doc[at - 1].text not in {"(", ","} or doc[at + 1].text not in {")", ","}:
                continue
            org = gaz.orgs[party]
            key = ctx.register(Entity("org", org.id, org.label, org_kind=org.kind))
            ctx.add_mention(Mention("org", key, at, at + 1))
            break


def _add_surname_mentions(ctx: Context) -> None:
    """Later mentions the model did not tag of a person already named in full: "Mr Coughlan",
    "Coughlan said". A capitalised proper noun equal to the surname of exactly one person the
    article names in full (and to no council or organisation) is that person, so that the
    sentences that say what they did are read. Only whole tokens not already in a mention."""
    doc = ctx.doc
    by_surname: dict[str, set[str]] = {}
    for m in ctx.mentions:
        if m.kind == "person":
            words = ctx.facts.entities[m.key].label.split()
            if len(words) >= 2:
                by_surname.setdefault(words[-1], set()).add(m.key)
    if not by_surname:
        return
    titles = set(ctx.lex.person_titles)
    for tok in ctx.tokens_with((), {surname.lower() for surname in by_surname}):
        keys = by_surname.get(tok.text)
        if not keys or len(keys) != 1 or tok.i in ctx.by_token or tok.pos_ != "PROPN":
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and nxt.i not in ctx.by_token:
            continue  # part of a longer name the model did not tag ("Coughlan Street")
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and prev.pos_ == "PROPN" and prev.lower_.rstrip(".") not in titles:
            continue  # another first name: a different person of the same surname
        (key,) = keys
        titled = prev is not None and prev.lower_.rstrip(".") in titles
        ctx.add_mention(Mention("person", key, tok.i, tok.i + 1, titled=titled))


def resolve_person(name: str, full: dict[str, str], allow_single: bool = False) -> str | None:
    """The full name ``name`` refers to among ``full`` (slug -> label), or None if it names no one safely."""
    slug = slugify(name)
    if slug in full:
        return full[slug]
    parts = slug.split("-")
    candidates = [
        label
        for s, label in full.items()
        if s.endswith("-" + slug) or (len(parts) == 1 and s.startswith(slug + "-"))
    ]
    if len(candidates) == 1:
        return candidates[0]
    if len(parts) >= 2:
        return name
    return name if allow_single and not candidates else None
