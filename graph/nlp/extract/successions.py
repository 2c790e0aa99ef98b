"""The post a successor takes was the predecessor's: "X will become director after Y resigned".

News tells a change of post holder once, from the newcomer's side: "X takes over as chief
executive from Y", "X fills the job vacated by Y", "X was appointed director following the
retirement of Y". The title is written once, against X; that Y held it is stated by the same
sentence, which says Y is the one X follows. This module reads that link from the parse and gives
Y the post (and, for "vacated by Y", the leaving the phrase states).

A link is one of the shapes ``lexicon.succession_links`` names, all tied to Y by the parse:
Y after "from" under a taking-over verb, Y the object of "replace"/"succeed", Y the agent of
"vacate", Y the possessor or "of"-object of a leaving noun ("the retirement of Y", "Y's
departure"), Y the subject of a leaving verb in a clause marked "after"/"following"/"when"
("after Y resigned"). A link
says nothing when Y's own title is written beside it ("after leader Y resigned"): Y then holds
that post, not X's.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from councilgraph.graph.core.model import Appointment, Departure, Post
from councilgraph.graph.nlp.extract.clauses import resolve_pronoun
from councilgraph.graph.nlp.extract.context import Context, Mention

__all__ = ["predecessor_posts"]


def _leaving_clause(verb: Token, ctx: Context) -> bool:
    """A leaving verb in a clause that places it before or as the reason for the appointment."""
    lex = ctx.lex
    if verb.lemma_.lower() not in lex.departure_verbs:
        return False
    if verb.dep_ == "advcl":  # "after Y resigned"
        return any(c.dep_ == "mark" and c.lower_ in lex.succession_marks for c in verb.children)
    return verb.dep_ in {"pcomp", "pobj"} and verb.head.lower_ in lex.succession_marks


def _marked(word: Token, ctx: Context) -> bool:
    """Whether a leaving noun is governed by a word that orders it before the appointment
    ("following the retirement of Y", "after Y's departure", "follows the exit of Y")."""
    head = word.head
    return head.lower_ in ctx.lex.succession_marks or head.lemma_.lower() in ctx.lex.succession_marks


def _link(person: Mention, ctx: Context) -> tuple[str, Token] | None:
    """How ``person`` is named as the one a successor follows, and the word that says so."""
    lex = ctx.lex
    tok = ctx.doc[person.start : person.end].root
    head = tok.head
    dep = tok.dep_
    if (
        dep == "dobj"
        and head.dep_ == "pcomp"
        and head.lower_ in lex.outgoing_words
        and head.head.lower_ == "from"
    ):
        dep, head = "pobj", head.head  # "taking over from departing Y": the parser makes "departing" a verb
    if dep == "pobj" and head.lower_ == "from":
        verb = head.head
        for _ in range(3):  # "taking over as chief executive from Y": the parser may hang "from" on the title
            if verb.pos_ in {"VERB", "AUX"} or verb.dep_ == "ROOT":
                break
            verb = verb.head
        if verb.lemma_.lower() in lex.succession_from_verbs:
            return "from", verb
    if (
        tok.dep_ == "dobj"
        and head.lemma_.lower() in {"replace", "succeed"}
        and not any(c.dep_ == "nsubjpass" for c in head.children)
    ):
        return "replace", head
    if tok.dep_ == "pobj" and head.lower_ == "by" and head.head.lemma_.lower() in lex.vacancy_verbs:
        return "vacate", head.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in lex.departure_nouns:
        return ("noun", head.head) if _marked(head.head, ctx) else None
    if tok.dep_ == "poss" and head.lower_ in lex.departure_nouns:
        return ("noun", head) if _marked(head, ctx) else None
    if tok.dep_ in {"nsubj", "nsubjpass"} and _leaving_clause(head, ctx):
        return "verb", head
    return None


def _done_by(word: Token, appointee: str, ctx: Context) -> bool:
    """Whether the appointee is the one who takes over or replaces: the verb's subject, or, for
    a participle with none ("appointed X, replacing Y"), named in the clause it hangs on."""
    subject = [c for c in word.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if word.dep_ == "relcl":
        return any(m.key == appointee for m in ctx.mentions_in(word.head.i, word.head.i + 1, "person"))
    if subject:
        named = [m for t in subject for m in ctx.mentions_in(t.left_edge.i, t.i + 1, "person")]
        named += [
            m for t in subject for m in [resolve_pronoun(t, ctx)] if m is not None
        ]  # "He will succeed Y"
        return any(m.key == appointee for m in named)
    clause = word.head
    return any(
        m.key == appointee for m in ctx.mentions_in(clause.left_edge.i, clause.right_edge.i + 1, "person")
    )


def _titled_beside(person: Mention, how: str, word: Token, stated: Span, ctx: Context) -> bool:
    """Whether the link's own words give the one followed a title ("after leader Y resigned",
    "Y resigned as leader", "from Y, the deputy"): the post that leaves is then that one. A
    lower-case noun the parse makes part of the name ("after leader Y resigned") is a title too,
    known to the rules or not."""
    doc = ctx.doc
    root = doc[person.start : person.end].root
    if any(c.dep_ == "compound" and c.pos_ == "NOUN" and c.is_lower for c in root.children):
        return True
    for r in ctx.roles:
        if r.end == person.start or (r.end + 1 == person.start and doc[r.end].text == ","):
            return True
        if r.start == person.end + 1 and doc[person.end].text == ",":
            return True
    if how in {"verb", "noun"}:  # the leaving clause's own title, outside what the appointment states
        own = {t.i for t in word.subtree} - set(range(stated.start, stated.end))
        return any(r.start in own for r in ctx.roles)
    return False


def predecessor_posts(
    ctx: Context, appointments: list[Appointment], posts: list[Post]
) -> tuple[list[Post], list[Departure]]:
    """The posts (and the leavings "vacated by" states) of the people each appointment's own
    sentence names as the one the appointee follows."""
    found_posts: list[Post] = []
    found_departures: list[Departure] = []
    doc = ctx.doc
    taken = {(a.person, a.organisation, a.role) for a in appointments}
    for appointment in appointments:
        stated: Span | None = doc.char_span(
            appointment.evidence.start, appointment.evidence.end, alignment_mode="expand"
        )
        if stated is None:
            continue
        sent = stated.sent
        for person in ctx.mentions_in(sent.start, sent.end, "person"):
            if (
                person.key == appointment.person
                or (person.key, appointment.organisation, appointment.role) in taken
            ):
                continue  # (one appointed elsewhere too may still be the one followed here)
            link = _link(person, ctx)
            if link is None:
                continue
            how, word = link
            if how in {"from", "replace"} and not _done_by(word, appointment.person, ctx):
                continue  # "X, who replaced Y as leader, appointed Z": Y is not Z's predecessor
            if _titled_beside(person, how, word, stated, ctx):
                continue
            if any(
                p.person == person.key
                and p.organisation == appointment.organisation
                and not any(
                    (a.person, a.organisation, a.role) == (p.person, p.organisation, p.role)
                    for a in appointments
                )
                for p in posts
            ):
                continue  # the article gives the predecessor's post there itself (not one newly taken)
            ev = ctx.evidence(stated, person)
            found_posts.append(
                Post(person.key, appointment.organisation, appointment.role, appointment.role_label, ev)
            )
            if how == "vacate":
                found_departures.append(
                    Departure(person.key, appointment.organisation, "Resignation", ev, appointment.role)
                )
    found_posts += _replaced_elsewhere(ctx, appointments, posts + found_posts)
    found_posts += _named_predecessors(ctx, posts + found_posts)
    return found_posts, found_departures


def _named_predecessors(ctx: Context, posts: list[Post]) -> list[Post]:
    """ "Ms Roe has been acting chief executive since February, when her predecessor, Tom Hale,
    stepped down": the one named as someone's predecessor (lexicon ``predecessor_nouns``, with
    its owner a name or a he/she) held that person's post: the one stated in the same sentence,
    else their only post."""
    found: list[Post] = []
    for noun in ctx.tokens_with((), ctx.lex.predecessor_nouns):
        owner_tok = next((c for c in noun.children if c.dep_ == "poss"), None)
        named = [ctx.mention_at(c.i) for c in noun.children if c.dep_ == "appos"]
        person = named[0] if named and named[0] is not None and named[0].kind == "person" else None
        if owner_tok is None or person is None:
            continue
        owner = ctx.mention_at(owner_tok.i) or resolve_pronoun(owner_tok, ctx)
        if owner is None or owner.kind != "person" or owner.key == person.key:
            continue
        sent = noun.sent
        theirs = [p for p in posts if p.person == owner.key]
        here = [p for p in theirs if sent.start_char <= p.evidence.start < sent.end_char]
        held = here or (theirs if len({(p.organisation, p.role) for p in theirs}) == 1 else [])
        if not held or any(p.person == person.key and p.organisation == held[0].organisation for p in posts):
            continue
        post = held[0]
        words = post.role_label.split()
        while len(words) > 1 and words[0].lower() in ctx.lex.name_apposition_gap:
            words.pop(0)  # "acting chief executive": the post, not her standing in it
        found.append(
            Post(person.key, post.organisation, post.role, " ".join(words), ctx.evidence(noun, person))
        )
    return found


def _replaced_elsewhere(ctx: Context, appointments: list[Appointment], posts: list[Post]) -> list[Post]:
    """ "X will replace Y", "X takes over from Y" in a sentence of its own, the post X takes told
    in another ("Z has appointed X as director ... X will replace Y, who retires"): Y held the
    post X was appointed to, when the article appoints X to one post only."""
    taken: dict[str, set[tuple[str, str, str]]] = {}
    for a in appointments:
        taken.setdefault(a.person, set()).add((a.organisation, a.role, a.role_label))
    found: list[Post] = []
    for person in ctx.mentions:
        if person.kind != "person":
            continue
        link = _link(person, ctx)
        if link is None or link[0] not in {"from", "replace"}:
            continue
        how, word = link
        doers = [
            key
            for key, posts_taken in taken.items()
            if key != person.key and len(posts_taken) == 1 and _done_by(word, key, ctx)
        ]
        if len(doers) != 1 or _titled_beside(person, how, word, ctx.doc[word.i : word.i + 1], ctx):
            continue
        ((org, role, label),) = taken[doers[0]]
        if (org, role, label) in taken.get(person.key, set()) or any(
            p.person == person.key
            and p.organisation == org
            and (org, p.role, p.role_label) not in taken.get(person.key, set())
            for p in posts
        ):
            continue  # the article gives the predecessor's post there itself (one appointed elsewhere may be followed)
        found.append(Post(person.key, org, role, label, ctx.evidence(word, person)))
    return found
