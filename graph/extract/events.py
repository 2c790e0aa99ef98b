"""Departures (resigned, sacked, suspended, retired) and appointments, read off the parse.

A departure verb's subject leaves ("X resigned", "X, who retired"), or its object for verbs done to
someone ("Balls removed ... X", "X was suspended"); nouns work the same way ("the sacking of X").
Nothing counts that is only called for, refused, negated or hypothetical: "should resign", "calls
for him to step down", "refused to resign". An appointment needs a named person and a post,
stated in the clause ("appointed X as commissioner"), held by the person replaced, or named just
before ("took on the role").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from councilgraph.graph.dates import resolve_relative
from councilgraph.graph.extract.context import Context, Mention
from councilgraph.graph.extract.posts import COUNCIL_ROLES, organisation_of
from councilgraph.graph.model import Appointment, Departure, Evidence, Post

__all__ = ["extract_events"]


def _has_particle(tok: Token, wanted: list[str]) -> bool:
    return any(
        c.lower_ in wanted and c.dep_ in {"prt", "advmod", "dobj", "prep", "npadvmod"} for c in tok.children
    ) or (tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ in wanted)


def _blocked(tok: Token, ctx: Context, blockers: set[str]) -> bool:
    """Negated, modal, conditional, or under a call/refusal/demand."""
    lex = ctx.lex
    modals = set(lex["hypothetical_modals"])
    for t in [tok, *list(tok.ancestors)[:4]]:
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in modals):
                return True
            if c.dep_ == "mark" and c.lower_ in set(lex["conditionals"]):
                return True
        if t is not tok and (t.lemma_.lower() in blockers or t.lower_ in set(lex["blocking_nouns"])):
            return True
    return False


def _people_in(tokens: list[Token], ctx: Context) -> list[Mention]:
    out: list[Mention] = []
    for t in tokens:
        m = ctx.mention_at(t.i)
        if m is not None and m.kind == "person" and m not in out:
            out.append(m)
    return out


def _resolve_pronoun(tok: Token, ctx: Context) -> Mention | None:
    """The person a he/she/his/her refers to: the nearest person named before, when unambiguous."""
    if tok.lower_ not in ctx.lex["pronouns_subject"]:
        return None
    start = tok.sent.start
    if start > 0:
        start = ctx.doc[start - 1].sent.start
    earlier = [m for m in ctx.mentions if m.kind == "person" and start <= m.start < tok.i]
    keys = list(dict.fromkeys(m.key for m in earlier))
    if len(keys) == 1:
        return earlier[-1]
    in_sentence = [m for m in earlier if m.start >= tok.sent.start]
    if len({m.key for m in in_sentence}) == 1:
        return in_sentence[-1]
    return None


def _subjects(verb: Token, ctx: Context, objects: bool) -> tuple[list[Mention], Token | None]:
    """People a verb is about, with the token that names them (for evidence)."""
    if verb.dep_ == "relcl":
        people = _people_in([verb.head], ctx)
        if people:
            return people, verb.head
    deps = {"dobj"} if objects else {"nsubj", "nsubjpass"}
    if objects and any(c.dep_ == "nsubjpass" for c in verb.children):
        deps = {"nsubjpass"}
    node = verb
    for _ in range(3):
        for child in node.children:
            if child.dep_ in deps:
                people = _people_in(list(child.subtree), ctx)
                if people:
                    return people, child
                pron = _resolve_pronoun(child, ctx)
                if pron is not None:
                    return [pron], child
        if node.dep_ == "xcomp" and not objects:
            deps = {"dobj"}  # "asked X to take over": X takes over
            node = node.head
        elif node.dep_ in {"conj", "xcomp", "advcl"} and not objects:
            node = node.head
        else:
            break
    return [], None


def _post_of(person: str, ctx: Context) -> Post | None:
    """The person's post in this article: the only one, else the one at the article's council, else the first."""
    posts = [p for p in ctx.facts.posts if p.person == person]
    if len({(p.organisation, p.role) for p in posts}) > 1:
        return next((p for p in posts if p.organisation == ctx.home_council), posts[0])
    return posts[0] if posts else None


def _reason(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            objs = [
                c for c in child.children if c.dep_ == "pobj" and c.lemma_.lower() in {"reason", "reasons"}
            ]
            if objs:
                sub = list(objs[0].subtree)
                return verb.doc[sub[0].i : sub[-1].i + 1].text
    return None


def _date(verb: Token, ctx: Context) -> str | None:
    for child in verb.children:
        if child.dep_ in {"npadvmod", "advmod", "tmod"}:
            phrase = " ".join(t.lower_ for t in child.subtree)
            resolved = resolve_relative(phrase, ctx.article.published)
            if resolved:
                return resolved
    return None


def _departures(ctx: Context) -> None:
    lex = ctx.lex
    verbs: dict[str, str] = lex["departure_verbs"]
    particles: dict[str, list[str]] = lex["departure_particles"]
    object_verbs = set(lex["departure_object_verbs"])
    nouns: dict[str, str] = lex["departure_nouns"]
    blockers = set(lex["blocking_heads"])
    for tok in ctx.doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"VERB", "AUX"} and lemma in verbs:
            if lemma in particles and not _has_particle(tok, particles[lemma]):
                continue
            if lemma == "leave" and not any(
                c.dep_ == "dobj"
                and (
                    c.lower_ in {"post", "role", "job", "position", "council", "authority"}
                    or any(r.start <= c.i < r.end for r in ctx.roles)
                )
                for c in tok.children
            ):
                continue
            if (
                lemma == "remove"
                and not any(c.lower_ == "from" for c in tok.children)
                and not any(c.dep_ == "dobj" for c in tok.children)
            ):
                continue
            if _blocked(tok, ctx, blockers):
                continue
            people, anchor = _subjects(tok, ctx, objects=lemma in object_verbs)
            kind = verbs[lemma]
        elif tok.pos_ == "NOUN" and tok.lower_ in nouns:
            if _blocked(tok, ctx, blockers):
                continue
            people, anchor = [], None
            for child in tok.children:
                if child.dep_ == "poss":
                    people = _people_in([child], ctx) or [p for p in [_resolve_pronoun(child, ctx)] if p]
                elif child.dep_ == "prep" and child.lower_ == "of":
                    people = _people_in(list(child.subtree), ctx)
                if people:
                    anchor = child
                    break
            kind = nouns[tok.lower_]
        else:
            continue
        for person in people:
            post = _post_of(person.key, ctx)
            org = post.organisation if post else ctx.home_council
            if org is None:
                continue
            ev = ctx.evidence(tok, anchor, person if anchor is None or anchor.i >= person.start else None)
            ctx.facts.departures.append(
                Departure(
                    person.key, org, kind, ev, post.role if post else None, _reason(tok), _date(tok, ctx)
                )
            )


def _role_in(verb: Token, ctx: Context) -> Span | None:
    """The post title in the verb's own clause, preferring one after the verb ("appointed X as ...").

    Relative, adverbial and coordinated clauses are left out: they speak of other posts
    ("X, who was previously ...", "... while the council's director, Y, will resign").
    """
    skip_deps = {"relcl", "appos", "advcl", "ccomp", "conj", "acl", "parataxis"}
    skip = {d.i for c in verb.subtree if c.dep_ in skip_deps and c is not verb for d in c.subtree}
    skip |= {d.i for c in verb.children if c.dep_ == "prep" and c.i < verb.i for d in c.subtree}
    ids = {t.i for t in verb.subtree} - skip
    found = [r for r in ctx.roles if r.start in ids]
    after = [r for r in found if r.start > verb.i]
    return (after or found or [None])[0]


def _anaphoric_role(tok: Token, ctx: Context) -> Span | None:
    """ "took on the role": the post named just before."""
    for child in tok.children:
        if child.dep_ == "dobj" and child.lower_ in ctx.lex["role_anaphors"]:
            start = tok.sent.start
            for _ in range(3):
                if start > 0:
                    start = ctx.doc[start - 1].sent.start
            earlier = [r for r in ctx.roles if start <= r.start < tok.i]
            return earlier[-1] if earlier else None
    return None


def _predecessors(tok: Token, lemma: str, ctx: Context) -> list[Mention] | None:
    """Who the appointee replaces ("replaced X", "takes over from X"), or None if the verb names no one."""
    if lemma in {"replace", "succeed"}:
        objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    elif lemma == "take":
        objs = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"]
    else:
        return None
    if not objs:
        return [] if lemma in {"replace", "succeed"} else None
    found = _people_in(list(objs[0].subtree), ctx)
    if not found:
        pron = _resolve_pronoun(objs[0], ctx)
        found = [pron] if pron else []
    return found if found or lemma in {"replace", "succeed"} else None


def _appointments(ctx: Context) -> None:
    lex = ctx.lex
    verbs = set(lex["appointment_verbs"])
    particles: dict[str, list[str]] = lex["appointment_particles"]
    need_role = set(lex["appointment_need_role"])
    object_verbs = set(lex["appointment_object_verbs"])
    blockers = set(lex["blocking_heads"]) - {"ask"}
    for tok in ctx.doc:
        lemma = tok.lemma_.lower()
        noun = tok.pos_ == "NOUN" and tok.lower_ in lex["appointment_nouns"]
        if not noun and not (tok.pos_ == "VERB" and lemma in verbs):
            continue
        if lemma in particles and not _has_particle(tok, particles[lemma]):
            continue
        if _blocked(tok, ctx, blockers):
            continue
        if noun:
            of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
            people = _people_in(list(of[0].subtree), ctx) if of else []
            anchor: Token | None = of[0] if of else None
        else:
            people, anchor = _subjects(tok, ctx, objects=lemma in object_verbs and lemma != "ask")
        if not people:
            continue
        role = _role_in(tok, ctx)
        predecessors = _predecessors(tok, lemma, ctx)
        if predecessors is not None:
            if lemma in {"replace", "succeed"} and any(c.dep_ == "nsubjpass" for c in tok.children):
                # "X will be replaced by Y": Y is appointed, X is the predecessor
                agents = [c for c in tok.children if c.dep_ == "agent"]
                predecessors, people = people, (_people_in(list(agents[0].subtree), ctx) if agents else [])
            post = _post_of(predecessors[0].key, ctx) if predecessors else None
            for person in people:
                if post and post.person != person.key and post.role in COUNCIL_ROLES:
                    _add(
                        ctx, person, post.organisation, post.role, post.role_label, ctx.evidence(tok, person)
                    )
            continue
        if role is None:
            role = _anaphoric_role(tok, ctx)
        for person in people:
            if role is not None:
                if role.id_ not in COUNCIL_ROLES and role.id_ != "Other":
                    continue
                org, _m = organisation_of(role, role.id_, ctx)
                if org:
                    _add(ctx, person, org, role.id_, role.text, ctx.evidence(tok, person))
            elif lemma not in need_role:
                sent = tok.sent
                stated = [
                    p
                    for p in ctx.facts.posts
                    if p.person == person.key and sent.start_char <= p.evidence.start < sent.end_char
                ]
                if stated:  # "A Government commissioner, Eleanor Brazil, has been appointed"
                    _add(
                        ctx,
                        person,
                        stated[0].organisation,
                        stated[0].role,
                        stated[0].role_label,
                        ctx.evidence(tok, person),
                    )
                elif (
                    person.titled
                    and ctx.home_council
                    and lemma == "take"
                    and any(t.lower_ in {"services", "portfolio"} for t in tok.subtree)
                ):
                    # "asked Councillor X to take over our children's services": a councillor takes a portfolio
                    _add(
                        ctx,
                        person,
                        ctx.home_council,
                        "CabinetMember",
                        "councillor",
                        ctx.evidence(tok, person),
                    )


def _add(ctx: Context, person: Mention, org: str, role: str, label: str, ev: Evidence) -> None:
    ctx.facts.appointments.append(Appointment(person.key, org, role, label, ev))
    ctx.facts.posts.append(Post(person.key, org, role, label, ev))


def extract_events(ctx: Context) -> None:
    """Departures and appointments, after posts (they borrow the posts' roles and organisations)."""
    _departures(ctx)
    _appointments(ctx)
