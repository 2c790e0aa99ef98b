"""Appointments: a named person appointed to, or taking over, a post.

An appointment needs a named person and a post, stated in the verb's own clause ("appointed X as
commissioner"), held by the person replaced ("X replaces Y"), or named just before ("took on the
role"). Calls, refusals, negations and hypotheticals are left out, as for departures.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from councilgraph.graph.core.model import Appointment, Post
from councilgraph.graph.nlp.extract.clauses import (
    blocked,
    destinations,
    has_particle,
    people_in,
    post_of,
    predecessors_of,
    replaced_with_another,
    replacement_with,
    resolve_pronoun,
    subject_before,
    subjects,
    subjects_in_next_sentences,
)
from councilgraph.graph.nlp.extract.context import Context, Mention
from councilgraph.graph.nlp.extract.posts import (
    body_run,
    holder_of,
    holderless_titles,
    is_councillor,
    modified_role,
    organisation_of,
    role_at,
    role_label,
)

__all__ = ["anaphoric_posts", "extract_appointments", "unnamed_appointees"]


def _role_in(verb: Token, ctx: Context) -> Span | None:
    """The post title in the verb's own clause, preferring one after the verb ("appointed X as ...").

    Relative, adverbial and coordinated clauses are left out: they speak of other posts
    ("X, who was previously ...", "... while the council's director, Y, will resign").
    """
    tight = _role_right_after(verb, ctx)
    if tight is not None:
        return tight
    skip_deps = {"relcl", "appos", "advcl", "ccomp", "conj", "acl", "parataxis"}
    skip = {d.i for c in verb.subtree if c.dep_ in skip_deps and c.i != verb.i for d in c.subtree}
    skip |= {d.i for c in verb.children if c.dep_ == "prep" and c.i < verb.i for d in c.subtree}
    # "stepped up from her role as assistant director": the post left, not the one taken
    skip |= {d.i for c in verb.children if c.dep_ == "prep" and c.lower_ == "from" for d in c.subtree}
    # "was appointed by the council's leader": the title of the one who appoints
    skip |= {d.i for c in verb.children if c.dep_ == "agent" for d in c.subtree}
    # the title the subject already carries ("Council leader X is to take over children's
    # services") is the post they hold, not the one they take; a "new"/"incoming" one is taken
    holders = [verb, verb.head] if verb.dep_ in {"xcomp", "conj"} else [verb]
    subject = {
        d.i for v in holders for c in v.children if c.dep_ in {"nsubj", "nsubjpass"} for d in c.subtree
    }
    ids = {t.i for t in verb.subtree} - skip
    found = [
        r
        for r in ctx.roles
        if r.start in ids
        and not (r.start in subject and r[0].lower_ not in ctx.lex.newcomer_words)
        # "join Blackpool from her position as head of ...", however the parser hangs "from"
        and not any(a.dep_ == "prep" and a.lower_ == "from" for a in list(r.root.ancestors)[:4])
    ]
    # "appointed former Essex director X as commissioner": a past title is never the post taken
    found = [r for r in found if not _former_title(r, ctx)] or found
    after = [r for r in found if r.start > verb.i]
    return (after or found)[0] if found else None


def _job_passed_on(verb: Token, posts: list[Post], ctx: Context) -> tuple[Post, list[Mention]] | None:
    """ "her role will be taken up by her deputy, Y", "his post will be filled by Y": a passive
    verb of taking whose subject is someone's job (a job noun with a possessor whose post the
    article states) gives that post to the people of its "by" phrase."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    job = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ in ctx.lex.job_nouns), None)
    poss = next((c for c in job.children if c.dep_ == "poss"), None) if job is not None else None
    owner = (ctx.mention_at(poss.i) or resolve_pronoun(poss, ctx)) if poss is not None else None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if owner is None or agent is None:
        return None
    post = post_of(owner.key, posts, ctx)
    heirs = people_in(list(agent.subtree), ctx)
    return (post, heirs) if post is not None and heirs else None


def _given(role: Span, verb: Token, ctx: Context) -> bool:
    """Whether a verb of giving gives the title itself: its object ("handed the portfolio"), the
    job its object names ("given the job of director", "handed the role of chief executive"), or
    what the job is given as ("given a contract as chief executive")."""
    root = role.root
    if root.dep_ == "dobj" and root.head == verb:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "as":
        # "given a two-year contract as chief executive": the title the job is given as
        return root.head.head == verb or (root.head.head.dep_ == "dobj" and root.head.head.head == verb)
    job = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
    return job is not None and job.dep_ == "dobj" and job.head == verb and job.lower_ in ctx.lex.job_nouns


def _role_right_after(verb: Token, ctx: Context) -> Span | None:
    """ "was made Torbay's director of children's services", "was named as the council's new
    chief executive": a title right after a passive appointing verb (only "as", a determiner or
    the body's name between) is the post taken, however the parser hangs the rest of the sentence."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    doc = ctx.doc
    k = verb.i + 1
    while k < min(len(doc), verb.i + 6):
        role = next((r for r in ctx.roles if r.start == k), None)
        if role is not None:
            return role
        mention = ctx.mention_at(k)
        if mention is not None and mention.kind in {"council", "org"}:
            k = mention.end
        elif doc[k].lower_ in {"as", "the", "its", "their", "'s", "’s"}:
            k += 1
        else:
            return None
    return None


def _complement_role(verb: Token, ctx: Context) -> Span | None:
    """ "made X the director for children": the post as the parser hangs it, in apposition to the
    verb's object."""
    for obj in verb.children:
        if obj.dep_ != "dobj":
            continue
        for appos in obj.children:
            if appos.dep_ == "appos":
                inside = {t.i for t in appos.subtree}
                found = [r for r in ctx.roles if r.start in inside]
                if found:
                    return found[0]
    return None


def _paired_titles(verb: Token, people: list[Mention], ctx: Context) -> dict[str, Span]:
    """ "appointed a new director, Jo Roe, a deputy director, Sam Lee": with several people and
    several titles after the verb, each person takes the title written just before their name."""
    if len(people) < 2:
        return {}
    inside = {t.i for t in verb.subtree}
    titles = [r for r in ctx.roles if r.start in inside and r.start > verb.i]
    if len(titles) < 2:
        return {}
    out: dict[str, Span] = {}
    for person in people:
        before = [r for r in titles if r.end <= person.start]
        if before:
            out[person.key] = before[-1]
    return out


def _small_clause(verb: Token, ctx: Context) -> tuple[Span, list[Mention]] | None:
    """ "made Catherine Dunn the director": the parser's small clause (a complement whose subject
    is the appointee and whose head is the post), as (post, people)."""
    for comp in verb.children:
        if comp.dep_ not in {"ccomp", "oprd", "xcomp"}:
            continue
        roles = [r for r in ctx.roles if r.start <= comp.i < r.end]
        subject = [c for c in comp.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if roles and subject:
            people = people_in(list(subject[0].subtree), ctx)
            if people:
                return roles[0], people
    return None


def _moves_to(ctx: Context, posts: list[Post]) -> list[Appointment]:
    """ "X left for an executive director's role at Coventry City Council", "is leaving to become
    director at Y": the post a leaver goes to, at the body named with it. "X, director of
    children's services at Derby, left to take over at Leicester" names no title: the leaver
    takes the one the sentence says they held, at the body named."""
    found: list[Appointment] = []
    for tok in ctx.tokens_with({"leave", "quit", "depart"}):
        targets = destinations(tok) if tok.pos_ == "VERB" else []
        if not targets:
            continue
        people, _anchor = subjects(tok, ctx, objects=False)
        if not people and any(c.dep_ == "nsubj" and c.lower_ in {"who", "that"} for c in tok.children):
            before = [m for m in ctx.mentions_in(tok.sent.start, tok.i) if m.kind == "person"]
            people = before[-1:]
        if not people and tok.dep_ == "acl":
            people = people_in(
                [tok.head], ctx
            )  # "X, who had been director at Derby, left to ...": the parser's head
        for target in targets:
            inside = {t.i for t in target.subtree}
            roles = [r for r in ctx.roles if r.start in inside]
            bodies = [m for m in ctx.mentions_in(target.i, max(inside) + 1) if m.kind in {"council", "org"}]
            if not bodies:
                continue
            body = bodies[-1].key
            if not roles:
                if target.lemma_.lower() == "take" and has_particle(target, ("over",)):
                    found += _same_post_at(bodies[-1], people, target, posts, ctx)
                continue
            role = roles[0]
            role_id = modified_role(role, ctx)
            for person in people:
                found.append(
                    Appointment(
                        person.key,
                        body,
                        role_at(role_id, body, ctx),
                        role_label(role),
                        ctx.evidence(tok, person, role),
                    )
                )
    return found


def _same_post_at(
    body: Mention, people: list[Mention], verb: Token, posts: list[Post], ctx: Context
) -> list[Appointment]:
    """The one post each leaver is said in ``verb``'s sentence to hold elsewhere, taken at ``body``."""
    sent = verb.sent
    found: list[Appointment] = []
    for person in people:
        held = {
            (p.role, p.role_label)
            for p in posts
            if p.person == person.key
            and p.organisation != body.key
            and sent.start_char <= p.evidence.start < sent.end_char
        }
        if len(held) == 1:
            role, label = held.pop()
            ev = ctx.evidence_of(person, verb, body)
            found.append(Appointment(person.key, body.key, role, label, ev))
    return found


def _taken_objects(verb: Token) -> list[Token]:
    """What an appointing verb says is taken: "took on the role", "appointed to the post",
    "announced into the role" (its object, or the object after "to"/"into")."""
    return [c for c in verb.children if c.dep_ == "dobj"] + [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in {"to", "into"}
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _anaphoric_role(
    tok: Token, people: set[str], posts: list[Post], ctx: Context, anaphor: Token | None = None
) -> Span | None:
    """ "took on the role", "appointed to the post": the post named just before, the appointee's
    own title first."""
    named = [anaphor] if anaphor is not None else _taken_objects(tok)
    for child in named:
        described = any(  # "the children's portfolio" names a portfolio; "the same role" refers back
            c.dep_ in {"compound", "amod", "poss", "nmod"}
            and c.lower_ not in {"same", "top", "vacant", "his", "her", "their", "its"}
            for c in child.children
        )
        indefinite = any(
            c.dep_ == "det" and c.lower_ in ctx.lex.indefinite_determiners for c in child.children
        )
        if child.lower_ in ctx.lex.role_anaphors and not described and not indefinite:
            # "to take up a role with a charity": a role not yet named, not the one named before
            start = tok.sent.start
            for _ in range(3):
                if start > 0:
                    start = ctx.doc[start - 1].sent.start
            # not the post left on the way ("stepped up from his role as X to fill the top job", "will
            # join from her position as X. She takes up the role in May")
            earlier = [
                r
                for r in ctx.roles
                if start <= r.start < tok.i
                and not any(a.lower_ == "from" and a.dep_ == "prep" for a in list(r.root.ancestors)[:4])
                # "X, currently assistant director at Kent, will take up the post": a post held now
                and not (r.start > 0 and ctx.doc[r.start - 1].lower_ in ctx.lex.current_words)
            ]
            # "new chairman X ... X has taken over the role": the title X was given, if any
            own = [
                r
                for r in earlier
                if any(
                    p.person in people and p.evidence.start <= r.start_char < p.evidence.end for p in posts
                )
            ]
            return (own or earlier)[-1] if earlier else None
    return None


def _announced_role(noun: Token, ctx: Context) -> Span | None:
    """ "A new director of children's services has been appointed. This appointment of X ...": the
    title of the unnamed appointment the sentence before announced, for "this/the appointment"."""
    if noun.sent.start == 0 or not any(
        c.dep_ == "det" and c.lower_ in {"this", "the"} for c in noun.children
    ):
        return None
    before = ctx.doc[noun.sent.start - 1].sent
    for role in ctx.roles:
        root = role.root
        if (
            before.start <= role.start < before.end
            and root.dep_ == "nsubjpass"
            and root.head.lemma_.lower() in ctx.lex.appointment_object_verbs
        ):
            return role
    return None


def anaphoric_posts(ctx: Context, posts: list[Post]) -> list[Post]:
    """ "X, who has held the position since 2010": a holding verb whose object stands for the post
    named just before (the lede's "the cabinet member for children") says X holds that post."""
    lex = ctx.lex
    found: list[Post] = []
    for tok in ctx.tokens_with({"hold"}):
        if tok.pos_ != "VERB" or blocked(tok, ctx, set(lex.blocking_heads)):
            continue
        anaphor = next((c for c in tok.children if c.dep_ == "dobj" and c.lower_ in lex.role_anaphors), None)
        if anaphor is None or any(c.dep_ == "poss" for c in anaphor.children):
            continue  # "held his own post": whose is said, not which
        people, _anchor = subjects(tok, ctx, objects=False)
        if len(people) != 1:
            continue
        role = _anaphoric_role(tok, {people[0].key}, posts, ctx, anaphor=anaphor)
        if role is None or role.sent == tok.sent:
            continue
        role_id = modified_role(role, ctx)
        org, _m = organisation_of(role, role_id, ctx)
        if org:
            ev = ctx.evidence_of(people[0], tok, anaphor)
            found.append(Post(people[0].key, org, role_at(role_id, org, ctx), role_label(role), ev))
    return found


def _joined_body(verb: Token, ctx: Context) -> str | None:
    """The post a verb gives by placing someone in a body ("promoted X to the cabinet", "X
    joins the cabinet"): ``lexicon.body_posts``, or None."""
    bodies = ctx.lex.body_posts
    for child in verb.children:
        if child.dep_ == "dobj" and child.lower_ in bodies:
            return bodies[child.lower_]
        if child.dep_ == "prep" and child.lower_ in {"to", "into", "onto"}:
            for g in child.children:
                if g.dep_ == "pobj" and g.lower_ in bodies:
                    return bodies[g.lower_]
    return None


def _run_body(verb: Token, ctx: Context) -> tuple[str | None, str, Span] | None:
    """ "appointed to run the Leeds Children's Trust", "brought in to lead children's services":
    the body taken charge of (None when it cannot be read: then no other title in the sentence is
    the post taken), the post running it gives (``lexicon.run_posts``) and the words that say so;
    None when the verb names no body to run."""
    lex = ctx.lex
    charge = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "charge"), None)
    if charge is not None:  # "voted in to take charge of the council", "took charge of the trust"
        of = next((c for c in charge.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is not None:
            return body_run(verb, obj, ctx)
    for run in verb.children:
        if (
            run.dep_ not in {"xcomp", "advcl"}  # "appointed to run", "brought in to run"
            or run.lemma_.lower() not in lex.run_verbs
            or not any(c.lower_ == "to" and c.dep_ == "aux" for c in run.children)
        ):
            continue
        for obj in run.children:
            if obj.dep_ == "dobj":
                return body_run(run, obj, ctx)
    return None


def _anaphor_body(verb: Token, ctx: Context) -> str | None:
    """The body a role anaphor is placed at ("appointed to the same role at Derby"), or None."""
    lex = ctx.lex
    for anaphor in (t for t in _taken_objects(verb) if t.lower_ in lex.role_anaphors):
        for prep in anaphor.children:
            if prep.dep_ == "prep" and prep.lower_ in {"at", "with", "in", "for"}:
                body = next(
                    (
                        m
                        for m in ctx.mentions_in(prep.i, prep.right_edge.i + 1)
                        if m.kind in {"council", "org"}
                    ),
                    None,
                )
                if body is not None:
                    return body.key
    return None


def _stand_ins(ctx: Context, posts: list[Post]) -> list[Appointment]:
    """Someone taking a post over for now or for good, told from the post's side: "the role has
    been filled by X", "Y's role will be covered by X", or from the one stood in for: "X will
    cover for Y", "X stands in for Y". X takes the post named (a title, or "the role" for the one
    named just before) or Y's post."""
    lex = ctx.lex
    found: list[Appointment] = []
    for tok in ctx.tokens_with(lex.stand_in_verbs):
        if tok.pos_ != "VERB" or blocked(tok, ctx, set(lex.blocking_heads)):
            continue
        taker: list[Mention] = []
        post: Post | None = None
        role: Span | None = None
        agent = [c for c in tok.children if c.dep_ == "agent"]
        subject = [c for c in tok.children if c.dep_ == "nsubjpass"]
        if agent and subject:  # "the role has been filled by X"
            taker = people_in(list(agent[0].subtree), ctx)
            inside = list(subject[0].subtree)
            owner = people_in(inside, ctx) or [
                p for t in inside if t.dep_ == "poss" for p in [resolve_pronoun(t, ctx)] if p
            ]
            if owner:
                post = post_of(owner[0].key, posts, ctx)
            else:
                role = next((r for r in ctx.roles if r.start in {t.i for t in inside}), None)
                if role is None and subject[0].lower_ in lex.role_anaphors:
                    role = _anaphoric_role(tok, set(), posts, ctx, anaphor=subject[0])
        elif not agent:  # "X will cover for Y"
            stood_for = [
                p
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == "for"
                for p in people_in(list(c.subtree), ctx)
            ]
            if stood_for:
                taker, _anchor = subjects(tok, ctx, objects=False)
                post = post_of(stood_for[0].key, posts, ctx)
        for person in taker:
            if post is not None and post.person != person.key:
                ev = ctx.evidence(tok, person)
                found.append(Appointment(person.key, post.organisation, post.role, post.role_label, ev))
            elif role is not None:
                role_id = modified_role(role, ctx)
                org, _m = organisation_of(role, role_id, ctx)
                if org:
                    ev = ctx.evidence(tok, person)
                    found.append(
                        Appointment(person.key, org, role_at(role_id, org, ctx), role_label(role), ev)
                    )
    return found


def _successors(ctx: Context, posts: list[Post]) -> list[Appointment]:
    """ "His replacement, Ann Lowe", "Tom Reeve's successor Ann Lowe", "the replacement for Tom
    Reeve, Ann Lowe": a successor noun with the predecessor as its possessor (or after "for"/"to")
    and the successor named right after it; the successor takes the predecessor's post."""
    found: list[Appointment] = []
    doc = ctx.doc
    for tok in ctx.tokens_with((), ctx.lex.successor_nouns):
        if tok.pos_ != "NOUN":
            continue
        before: list[Mention] = []
        for child in tok.children:
            if child.dep_ == "poss":
                named = people_in(list(child.subtree), ctx)
                pron = resolve_pronoun(child, ctx)
                before += named or ([pron] if pron else [])
            elif child.dep_ == "prep" and child.lower_ in {"for", "to"}:
                before += people_in(list(child.subtree), ctx)
        if not before:
            continue
        i = max([tok.i, *(t.i for c in tok.children if c.dep_ == "prep" for t in c.subtree)]) + 1
        if i < len(doc) and doc[i].text == ",":
            i += 1
        successor = ctx.mention_at(i) if i < len(doc) else None
        if successor is None or successor.kind != "person" or successor.key == before[0].key:
            continue
        ev = ctx.evidence(tok, successor)
        post = post_of(before[0].key, posts, ctx)
        if post is not None:
            found.append(Appointment(successor.key, post.organisation, post.role, post.role_label, ev))
            continue
        titled = {t.i for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for t in c.subtree}
        role = next((r for r in ctx.roles if r.start in titled), None)  # "successor as chief executive"
        if role is not None:
            role_id = modified_role(role, ctx)
            org, _m = organisation_of(role, role_id, ctx)
            if org:
                found.append(
                    Appointment(successor.key, org, role_at(role_id, org, ctx), role_label(role), ev)
                )
    return found


def _former_title(role: Span, ctx: Context) -> bool:
    """A title said to be past ("former chief executive", "ex-leader", "the previous director")."""
    words = {role[0].lower_.rstrip("-")}
    start = role.start
    body = ctx.mention_at(start - 1) if start > 0 else None
    if body is not None and body.kind in {"council", "org"}:
        start = body.start  # "former Essex director of children's services"
    if start > 0:
        words.add(ctx.doc[start - 1].lower_.rstrip("-"))
    if role.start > 1 and ctx.doc[role.start - 1].text in {"-", "–"}:
        words.add(ctx.doc[role.start - 2].lower_)
    return bool(words & ctx.lex.former_words)


def _said_former(label: str, sent: Span, ctx: Context) -> bool:
    """Whether ``sent`` writes the title ``label`` as a past one ("a former chief executive")."""
    words = [t.lower_.rstrip("-") for t in sent]
    title = label.lower().split()
    if title and title[0].rstrip("-") in ctx.lex.former_words:
        return True  # the label keeps the word: "former chief executive"
    n = len(title)
    return any(
        words[i : i + n] == title and i > 0 and words[i - 1] in ctx.lex.former_words
        for i in range(len(words))
    )


def _to_follow(verb: Token, ctx: Context) -> bool:
    """ "X, Hampshire's director, will be appointed to replace her", "brought in to succeed Y":
    the post taken is the one followed (read at "replace"), not the title X carries."""
    return any(
        c.dep_ in {"xcomp", "advcl"}
        and c.lemma_.lower() in {"replace", "succeed"}
        and any(
            o.dep_ == "dobj" and (o.lower_ in ctx.lex.pronouns_subject or people_in([o], ctx))
            for o in c.children
        )
        for c in verb.children
    )


def extract_appointments(ctx: Context, posts: list[Post]) -> list[Appointment]:
    """Every appointment the article states (the posts they imply are added by the caller)."""
    found: list[Appointment] = []
    lex = ctx.lex
    verbs = set(lex.appointment_verbs)
    particles = lex.appointment_particles
    need_role = set(lex.appointment_need_role)
    object_verbs = set(lex.appointment_object_verbs)
    blockers = set(lex.blocking_heads) - {"ask"}
    for tok in ctx.tokens_with(verbs, lex.appointment_nouns):  # the rest: `continue` below
        lemma = tok.lemma_.lower()
        noun = tok.pos_ == "NOUN" and tok.lower_ in lex.appointment_nouns
        if not noun and not (tok.pos_ == "VERB" and lemma in verbs):
            continue
        if (
            lemma in particles
            and not has_particle(tok, particles[lemma])
            # "began his role in May", "started the job": a verb of starting with the post as object
            and not (
                lemma in lex.start_verbs
                and any(c.dep_ == "dobj" and c.lower_ in lex.job_nouns for c in tok.children)
            )
        ):
            continue
        if blocked(tok, ctx, blockers):
            continue
        if noun:
            # "the appointment of X", "X's appointment as director"
            of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"] or [
                c for c in tok.children if c.dep_ == "poss"
            ]
            people = people_in(list(of[0].subtree), ctx) if of else []
            anchor: Token | None = of[0] if of else None
        elif (with_ := replacement_with(tok, ctx)) is not None:
            # "replacing her with Cllr Y", "replaced its director, X, with Y": Y comes in
            people, anchor = people_in(list(with_.subtree), ctx), with_
        elif replaced_with_another(tok):
            continue  # "the minister replaced X with an interim team": not the minister
        elif (passed := _job_passed_on(tok, posts, ctx)) is not None:
            held, heirs = passed  # "her role will be taken up by her deputy Y": Y takes her post
            found += [
                Appointment(m.key, held.organisation, held.role, held.role_label, ctx.evidence(tok, m))
                for m in heirs
                if m.key != held.person
            ]
            continue
        else:
            people, anchor = subjects(tok, ctx, objects=lemma in object_verbs and lemma != "ask")
            if not people and lemma not in object_verbs:
                people = subject_before(tok, ctx)  # "..., its acting director, X, will become director"
        small = _small_clause(tok, ctx) if lemma in object_verbs else None
        if not people and small is not None:
            people = small[1]  # "made X the director": X is the small clause's subject
        if not people:
            continue
        role = _role_in(tok, ctx)
        if role is None and lemma in object_verbs:
            role = _complement_role(tok, ctx) or (small[0] if small else None)
        predecessors = predecessors_of(tok, lemma, ctx)
        if (
            lemma == "take"
            and role is not None
            and role.root.head.lower_ == "as"
            and role.root.head.head == tok
        ):
            predecessors = None  # "taking over from X as deputy": the title the verb names is the post taken
        if predecessors is not None:
            if lemma in {"replace", "succeed"} and any(
                c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children
            ):
                # "X will be replaced by Y": Y is appointed, X is the predecessor
                agents = [c for c in tok.children if c.dep_ == "agent"] or [
                    c  # "replaced as cabinet member by Y": the parser hangs "by Y" on the title
                    for c in tok.subtree
                    if c.lower_ == "by"
                    and c.dep_ in {"agent", "prep"}
                    and c.head.head in {tok, *tok.children}
                ]
                predecessors, people = people, (people_in(list(agents[0].subtree), ctx) if agents else [])
            post = post_of(predecessors[0].key, posts, ctx) if predecessors else None
            governor = tok.head if tok.dep_ in {"advcl", "xcomp", "conj"} else None
            if (
                post is not None
                and governor is not None
                and governor.lemma_.lower() in lex.appointment_verbs
                and _role_in(governor, ctx) is not None
            ):
                continue  # "appointed as director, replacing X (who has since become ...)": that title
            if post is not None:  # the successor takes the predecessor's post
                found += [
                    Appointment(
                        person.key, post.organisation, post.role, post.role_label, ctx.evidence(tok, person)
                    )
                    for person in people
                    if post.person != person.key
                ]
                continue
            if lemma in {"replace", "succeed"}:
                continue  # "X replaced Y" with no post for Y says nothing of the post
        announced = _announced_role(tok, ctx) if role is None and noun else None
        role = role or announced
        if role is not None and lemma in lex.giving_verbs and not _given(role, tok, ctx):
            continue  # "was given a warning by the council's leader": only the post given is taken
        if role is None:
            role = _anaphoric_role(tok, {p.key for p in people}, posts, ctx)
            placed = _anaphor_body(tok, ctx)  # "appointed to the same role at Derby"
        else:
            placed = None
        paired = _paired_titles(tok, people, ctx)
        for person in people:
            role = paired.get(person.key, role)
            if role is not None:
                if role.id_ in ctx.lex.unappointed_roles:
                    continue  # an MP or councillor is elected, not appointed
                root = role.root
                if any(c.ent_type_ == "ORDINAL" or c.tag_ == "JJS" for c in root.lefts) and any(
                    c.dep_ in {"acl", "relcl"} and c.tag_ == "VB" for c in root.rights
                ):
                    continue  # "became the first director to resign": what they did, not a post taken
                if _former_title(role, ctx):
                    continue  # "appointed X, former chief executive of Y, to lead ...": the post X had
                holder = holder_of(role, ctx)
                if holder is not None and holder[0].key != person.key and holder[1] == "after-tight":
                    continue  # "X joins cabinet member Cllr Y in heading for the exit": Y's title, not X's post
                role_id = modified_role(role, ctx)
                org, _m = organisation_of(role, role_id, ctx)
                org = placed or org
                if org:
                    found.append(
                        Appointment(
                            person.key,
                            org,
                            role_at(role_id, org, ctx),
                            role_label(role),
                            ctx.evidence(announced, tok, person),  # the announcing sentence with it
                        )
                    )
            elif (run := _run_body(tok, ctx)) is not None:
                if run[0] is None:
                    continue
                run_role = run[1]
                if run_role == lex.run_posts["council"] and is_councillor(person.key, ctx):
                    run_role = lex.run_posts[
                        "council_by_councillor"
                    ]  # "Cllr X stepped up to lead the council"
                found.append(
                    Appointment(person.key, run[0], run_role, run[2].text, ctx.evidence(tok, person, run[2]))
                )
            elif (body_post := _joined_body(tok, ctx)) is not None:
                if ctx.home_council:  # "promoted X to the cabinet", "asked X to join the cabinet"
                    found.append(
                        Appointment(
                            person.key, ctx.home_council, body_post, "cabinet", ctx.evidence(tok, person)
                        )
                    )
            elif lemma not in need_role or lemma in lex.appointment_in_verbs:
                sent = tok.sent
                # "Council leader X is to take over cabinet responsibility": what is taken is the
                # verb's object, not the title X already carries
                takes_something = any(
                    c.dep_ == "dobj" and not people_in(list(c.subtree), ctx) for c in tok.children
                )
                stated = [
                    p
                    for p in posts
                    if p.person == person.key and sent.start_char <= p.evidence.start < sent.end_char
                ]
                if takes_something or _to_follow(tok, ctx):
                    stated = []
                # "the appointment of X, a former chief executive of Y": a post held before is not taken
                stated = [p for p in stated if not _said_former(p.role_label, sent, ctx)]
                if lemma in lex.appointment_in_verbs:
                    # "X, the director at neighbouring Richmond, has been drafted in": brought in
                    # here, so a title held elsewhere is not the post taken
                    stated = [p for p in stated if p.organisation == ctx.home_council]
                if stated:  # "A Government commissioner, Eleanor Brazil, has been appointed"
                    first = stated[0]
                    found.append(
                        Appointment(
                            person.key,
                            first.organisation,
                            first.role,
                            first.role_label,
                            ctx.evidence(tok, person),
                        )
                    )
                elif (
                    person.titled
                    and ctx.home_council
                    and lemma == "take"
                    and any(t.lower_ in {"services", "portfolio"} for t in tok.subtree)
                ):
                    # "asked Councillor X to take over our children's services": a councillor takes a portfolio
                    found.append(
                        Appointment(
                            person.key,
                            ctx.home_council,
                            "CabinetMember",
                            "councillor",
                            ctx.evidence(tok, person),
                        )
                    )
    return found + _moves_to(ctx, posts) + _successors(ctx, posts) + _stand_ins(ctx, posts)


def unnamed_appointees(ctx: Context, posts: list[Post], appointments: list[Appointment]) -> list[Appointment]:
    """ "Derby City Council has appointed a new director of children's services. Ann Lowe, currently
    deputy director at Nottingham, will join in September": news tells an appointment first by the
    title, then by the name. A title with no holder that an appointing verb takes as its object (or
    its passive subject) is taken by the one person who joins or starts in the next two sentences
    and has no post at that body yet (none when several do)."""
    lex = ctx.lex
    blockers = set(lex.blocking_heads) - {"ask"}
    found: list[Appointment] = []
    for role, _verb, role_id, org in holderless_titles(
        ctx, lex.appointment_object_verbs, {"dobj", "nsubjpass"}, blockers
    ):
        joiners = subjects_in_next_sentences(
            role.sent,
            ctx,
            lambda tok: tok.lemma_.lower() in lex.joining_verbs and not blocked(tok, ctx, blockers),
            lambda _tok: False,
        )
        taken = {a.person for a in appointments} | {p.person for p in posts if p.organisation == org}
        fresh = [v for k, v in joiners.items() if k not in taken]
        if len(joiners) != 1 or not fresh:
            continue
        person, tok = fresh[0]
        ev = ctx.evidence(role, tok, person)
        if ev.end - ev.start > lex.title_then_name_reach:
            continue
        found.append(Appointment(person.key, org, role_id, role_label(role), ev))
    return found
