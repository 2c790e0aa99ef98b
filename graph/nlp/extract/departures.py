"""Departures (resigned, sacked, suspended, retired), read off the parse.

A departure verb's subject leaves ("X resigned", "X, who retired"), or its object for verbs done to
someone ("the leader removed X", "X was suspended"); nouns work the same way ("the sacking of X").
Nothing counts that is only called for, refused, negated or hypothetical: "should resign", "calls
for him to step down", "refused to resign".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from councilgraph.graph.core.dates import resolve_relative
from councilgraph.graph.core.model import Departure, Evidence, Post
from councilgraph.graph.core.rules import Lexicon
from councilgraph.graph.nlp.extract.clauses import (
    blocked,
    destinations,
    has_particle,
    people_in,
    post_of,
    predecessors_of,
    resolve_pronoun,
    subject_before,
    subjects,
    subjects_in_next_sentences,
)
from councilgraph.graph.nlp.extract.context import Context, Mention
from councilgraph.graph.nlp.extract.posts import holderless_titles, role_label

__all__ = ["extract_departures", "unnamed_leaver_posts"]


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


def _leaves_a_post(verb: Token, ctx: Context) -> bool:
    """ "left the post", "leaves the council", "is leaving to join X", "will leave for a new role";
    not "left the meeting" or "left school"."""
    lex = ctx.lex
    for child in verb.children:
        if child.dep_ == "dobj" and (
            child.lower_ in lex.departure_context_objects
            or any(r.start <= child.i < r.end for r in ctx.roles)
            or (_council_named(child, ctx) and child.text.isupper())  # "will be leaving NCC": its initials
        ):
            return True
        if child.dep_ in {"advcl", "xcomp"} and child.lemma_.lower() in lex.leave_purposes:
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ == "by"
            and any(t.lower_ == "consent" for t in child.subtree)
        ):
            return True  # "left by mutual consent"
        if (
            child.dep_ == "prep"
            and child.lower_ == "for"
            and any(t.lower_ in lex.departure_context_objects for t in child.subtree)
        ):
            return True
    return False


def _announced_own_leaving(verb: Token, ctx: Context, blockers: set[str]) -> bool:
    """ "X intends to retire as chair", "she plans to retire at the end of April": a leaver's own
    stated plan to go (``lexicon.intent_verbs`` over a verb of leaving of one's own accord) is the
    news of a departure, unless the plan itself is negated, hypothetical or only called for. What
    others intend ("the council plans to sack him") stays a plan."""
    lex = ctx.lex
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.lemma_.lower() in lex.intent_verbs
        and lex.departure_verbs.get(verb.lemma_.lower()) in {"Resignation", "Retirement"}
        and verb.lemma_.lower() not in lex.departure_object_verbs
        and not blocked(head, ctx, blockers - set(lex.intent_verbs))
    )


def _leaves_a_council_by_name(verb: Token, ctx: Context) -> bool:
    """ "She left Haringey in 2012 and became director in Kingston": a council named by its place
    alone as what is left (asked when the verb does not leave a post by other words); said
    of someone the article gives a post (the caller checks), it is leaving that council's employ,
    not a move of house."""
    return any(child.dep_ == "dobj" and _council_named(child, ctx) for child in verb.children)


def _council_named(tok: Token, ctx: Context) -> bool:
    """Whether ``tok`` is a council's name of one word ("Haringey", "NCC")."""
    m = ctx.mention_at(tok.i)
    return m is not None and m.kind == "council" and m.start == tok.i and m.end == tok.i + 1


def _from_a_post(verb: Token, ctx: Context) -> bool:
    """Whether ``verb`` has "from" a cabinet or a post ("dropped X from the cabinet", "... from
    her role")."""
    nouns = set(ctx.lex.body_posts) | set(ctx.lex.job_nouns)
    # on the verb, or on its particle ("walked away from the job")
    heads = [verb, *(c for c in verb.children if c.dep_ in {"advmod", "prt"})]
    return any(
        c.dep_ == "prep"
        and c.lower_ == "from"
        and any(g.dep_ == "pobj" and g.lower_ in nouns for g in c.children)
        for h in heads
        for c in h.children
    )


def _leaves_no_post(verb: Token, ctx: Context) -> bool:
    """ "quit the Greens", "resigned from Labour", "has left the party", "quit as the party's
    candidate": leaving a party, or a candidacy, is leaving no post (a party's group on a council
    is read as a post where a title says so)."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    objs += [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in {"from", "as"}
        for g in c.children
        if g.dep_ == "pobj"
    ]
    for obj in [o for head in objs for o in (head, *head.conjuncts)]:
        if obj.lower_ in ctx.lex.left_non_posts:
            return True
        m = ctx.mention_at(obj.i)
        if m is not None and m.kind == "org" and ctx.facts.entities[m.key].org_kind == "party":
            return True
    return False


def _is_leaving_verb(tok: Token, ctx: Context, blockers: set[str]) -> bool:
    """A verb of leaving (``lexicon.departure_verbs``) with the particle it needs, not negated,
    hypothetical or called for."""
    lemma = tok.lemma_.lower()
    lex = ctx.lex
    if tok.pos_ != "VERB" or lemma not in lex.departure_verbs or blocked(tok, ctx, blockers):
        return False
    return lemma not in lex.departure_particles or has_particle(tok, lex.departure_particles[lemma])


def posts_left(ctx: Context) -> list[Post]:
    """ "Cllr X was sacked from the cabinet", "stepped down from the housing portfolio", "dismissed
    from Babergh District Council cabinet": leaving a body whose members hold a post
    (``lexicon.body_posts``) says the leaver held that post there (the council named in the phrase,
    else the article's)."""
    lex = ctx.lex
    bodies = lex.body_posts
    blockers = set(lex.blocking_heads)
    found: list[Post] = []
    for tok in ctx.tokens_with(lex.departure_verbs):
        if not _is_leaving_verb(tok, ctx, blockers):
            continue
        # "from the customer services and digital portfolio": the parser may make the body a conjunct
        # ... "from the cabinet" or "out of the cabinet"
        froms = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"]
        outs = [c for c in tok.children if c.lower_ == "out"]
        outs += [g for c in tok.children if c.dep_ == "dobj" for g in c.children if g.lower_ == "out"]
        froms += [g for c in outs for g in c.children if g.dep_ == "prep" and g.lower_ == "of"]
        pobjs = [g for c in froms for g in c.children if g.dep_ == "pobj"]
        body = next((b for g in pobjs for b in (g, *g.conjuncts) if b.lower_ in bodies), None)
        if body is None:
            continue
        first = min(body.left_edge.i, *(g.left_edge.i for g in pobjs))
        named = ctx.mentions_in(first, body.i, "council")
        org = named[-1].key if named else ctx.home_council
        if org is None:
            continue
        label = ctx.doc[first : body.i + 1].text
        for person in subjects(tok, ctx, objects=tok.lemma_.lower() in lex.departure_object_verbs)[0]:
            found.append(Post(person.key, org, bodies[body.lower_], label, ctx.evidence(person, body)))
    return found


def _holder_leaves(verb: Token, ctx: Context, posts: list[Post]) -> bool:
    """ "Devon's former director, Ann Lee, left in March": "left" with no object is leaving a post
    when its subject's post (or, for he/she, the post of the one it stands for) is stated in the
    same sentence (not "she left the meeting")."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return False
    sent = verb.sent
    named = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.dep_ in {"acl", "relcl"}:  # the parser may hang "..., Ann Lee, left" on the title
        named += [verb.head, *(c for c in verb.head.children if c.dep_ == "appos")]
    for child in named:
        if child is not None:
            people = people_in([child] if child is verb.head else list(child.subtree), ctx)
            pron = resolve_pronoun(child, ctx) if not people else None
            if pron is not None and not any(t.is_quote for t in ctx.doc[pron.end : child.i]):
                people = [pron]  # "X, who took over as director last year, says she will leave in May"
            for person in people:
                if any(
                    p.person == person.key and sent.start_char <= p.evidence.start < sent.end_char
                    for p in posts
                ):
                    return True
    return False


def _destination(verb: Token) -> set[int]:
    """Character offsets of where a leaver goes (:func:`destinations`): a post stated there is the
    next one, not the one left."""
    return {
        i
        for head in destinations(verb)
        for tok in head.subtree
        for i in range(tok.idx, tok.idx + len(tok.text))
    }


def _body_left(verb: Token, ctx: Context) -> str | None:
    """The council or body the verb says was left: "left Luton Borough Council to join Hull",
    "resigned from Sandwell Council", "quit the Walsall cabinet" (its object or its "from" phrase),
    which beats the leaver's post elsewhere."""
    for child in verb.children:
        if child.dep_ == "dobj" or (child.dep_ == "prep" and child.lower_ == "from"):
            for tok in child.subtree:
                m = ctx.mention_at(tok.i)
                if m is not None and m.kind in {"council", "org"}:
                    kind = ctx.facts.entities[m.key].org_kind or ""
                    if kind not in ctx.lex.home_body_excluded_kinds:
                        return m.key
    return None


def _lost_posts(ctx: Context) -> list[tuple[Token, list[Mention], str]]:
    """Departures told as a loss: "the scandal cost X her job" (the person is the verb's other
    object), "the council terminated the contract of X" / "ended X's contract" (whose contract)."""
    lex = ctx.lex
    found: list[tuple[Token, list[Mention], str]] = []
    for tok in ctx.tokens_with(lex.loss_verbs | lex.contract_end_verbs):
        if tok.pos_ != "VERB" or blocked(tok, ctx, set(lex.blocking_heads)):
            continue
        lemma = tok.lemma_.lower()
        objs = [c for c in tok.children if c.dep_ in {"dobj", "dative", "iobj"}]
        inside = [t for c in objs for t in c.subtree]
        # the objects and what the parser hangs beside them ("the contract of its head, X")
        rest = [
            t for c in tok.children if c.dep_ in {"dobj", "npadvmod", "appos", "dative"} for t in c.subtree
        ]
        if lemma in lex.loss_verbs and any(t.lower_ in lex.job_nouns for t in inside):
            people = people_in(inside, ctx)
            if not people and lemma == "lose":
                people, _anchor = subjects(tok, ctx, objects=False)
        elif lemma in lex.contract_end_verbs and any(c.lower_ in lex.contract_nouns for c in objs):
            people = people_in(rest, ctx)
        else:
            continue
        if people:
            found.append((tok, people, "Dismissal"))
    return found


def _given_up(ctx: Context) -> list[tuple[Token, list[Mention], str]]:
    """Departures told as giving a post up: "X is to relinquish his post", "X vacated the role",
    and the passive "the job vacated by X" (the agent gives it up)."""
    lex = ctx.lex
    found: list[tuple[Token, list[Mention], str]] = []
    for tok in ctx.tokens_with(lex.surrender_verbs):
        if tok.pos_ != "VERB" or blocked(tok, ctx, set(lex.blocking_heads)):
            continue
        objs = [t for c in tok.children if c.dep_ == "dobj" for t in c.subtree]
        agents = [t for c in tok.children if c.dep_ == "agent" for t in c.subtree]
        people: list[Mention] = []
        if any(t.lower_ in lex.job_nouns for t in objs):
            people, _anchor = subjects(tok, ctx, objects=False)
        elif agents and (tok.head.lower_ in lex.job_nouns or tok.head.lower_ in lex.role_anaphors):
            people = people_in(agents, ctx)  # "the top job vacated by X"
        if people:
            found.append((tok, people, "Resignation"))
    return found


def _moved_from(ctx: Context) -> list[tuple[Token, list[Mention], Mention]]:
    """A person coming to a post from a named body left it: "X joins from Sandwell Council",
    "she is coming from Luton Borough Council", "will move from her post at Leeds City Council"
    (the body named under "from"; a person there is one taken over from, read elsewhere)."""
    found: list[tuple[Token, list[Mention], Mention]] = []
    for tok in ctx.tokens_with(ctx.lex.move_from_verbs):
        if tok.pos_ != "VERB" or blocked(tok, ctx, set(ctx.lex.blocking_heads)):
            continue
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ != "from":
                continue
            inside = list(prep.subtree)
            if people_in(inside, ctx):
                break
            bodies = [
                m for m in ctx.mentions_in(inside[0].i, inside[-1].i + 1) if m.kind in {"council", "org"}
            ]
            if bodies:
                people, _anchor = subjects(tok, ctx, objects=False)
                if people:
                    found.append((tok, people, bodies[-1]))
            break
    return found


def _not_standing_again(ctx: Context) -> list[tuple[Token, list[Mention], str]]:
    """ "X will not stand for re-election", "said he would not be seeking re-election": an elected
    member who will not stand again is leaving the post (the verb negated, its object or "for"
    phrase the election)."""
    lex = ctx.lex
    found: list[tuple[Token, list[Mention], str]] = []
    for tok in ctx.tokens_with(lex.candidacy_verbs):
        if tok.pos_ not in {"VERB", "AUX"} or not any(c.dep_ == "neg" for c in tok.children):
            continue
        objects = [c for c in tok.children if c.dep_ == "dobj"] + [
            g for c in tok.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
        ]
        if not any(o.lower_ in lex.election_words for o in objects):
            continue
        people, _anchor = subjects(tok, ctx, objects=False)
        if people:
            found.append((tok, people, "Resignation"))
    return found


def _put_on_leave(ctx: Context) -> list[tuple[Token, list[Mention], str]]:
    """ "X has been placed on leave pending an investigation", "the council put X on leave": a
    suspension told as leave (the verb's object, or its subject in the passive)."""
    found: list[tuple[Token, list[Mention], str]] = []
    for tok in ctx.tokens_with(ctx.lex.leave_verbs):
        if tok.pos_ != "VERB" or blocked(tok, ctx, set(ctx.lex.blocking_heads)):
            continue
        on_leave = any(
            c.dep_ == "prep"
            and c.lower_ == "on"
            and any(g.lower_ in ctx.lex.on_leave_nouns for g in c.children)
            for c in tok.children
        )
        if not on_leave:
            continue
        people, _anchor = subjects(tok, ctx, objects=True)
        if people:
            found.append((tok, people, "Suspension"))
    return found


def outgoing_holders(posts: list[Post], lex: Lexicon, text: str) -> list[Departure]:
    """A post held under a title that says its holder is leaving ("outgoing executive director
    X", "the retiring chief executive, X") states the leaving; the word gives its kind."""
    out = []
    for p in posts:
        words = (
            text[max(0, p.title_start - 20) : p.title_start].lower().split()
            + p.role_label.lower().split()[:1]
        )
        word = next((w for w in reversed(words[-2:]) if w in lex.outgoing_words), None)
        if word is None:
            continue
        ev = p.evidence
        window = max(0, p.title_start - 20)
        found = text[window : p.title_start].lower().rfind(word)
        if found >= 0 and window + found < ev.start:  # "departed director X": the quote takes in the word
            ev = Evidence(window + found, ev.end, text[window + found : ev.end])
        out.append(Departure(p.person, p.organisation, lex.outgoing_words[word], ev, p.role))
    return out


def _holders_named_in(tokens: list[Token], posts: list[Post], ctx: Context) -> list[Mention]:
    """ "the sacking of Haringey's director of children's services, X": the parse may hang the
    name outside the "of" phrase; the holder of a post whose title is inside it is the one meant."""
    if not tokens:
        return []
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    keys = {p.person for p in posts if start <= p.evidence.start < end}
    out: list[Mention] = []
    for m in ctx.mentions:
        if m.key in keys and m.start >= tokens[0].i and all(o.key != m.key for o in out):
            out.append(m)
    return out


def _replaced(ctx: Context) -> list[tuple[Token, list[Mention], str]]:
    """The one a successor replaces leaves the post: "Y will replace X", "Y succeeds X", "Y is
    taking over the role from X" (what is said, not called for: blocked verbs are left out)."""
    lex = ctx.lex
    found: list[tuple[Token, list[Mention], str]] = []
    for tok in ctx.tokens_with(lex.successor_verbs):
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or any(c.dep_ == "nsubjpass" for c in tok.children):
            continue  # "X was replaced by Y" is read as a verb done to X, above
        if lemma == "take" and not has_particle(tok, ("over",)):
            continue
        if blocked(tok, ctx, set(lex.blocking_heads)):
            continue
        people = predecessors_of(tok, lemma, ctx)
        if people:
            found.append((tok, people, "Resignation"))
    return found


def _placed_at(person: Mention, ctx: Context) -> str | None:
    """ "Ann Cole at Wiltshire Council", "Eve Marsh of Bournemouth", "X, who joined the Y Trust": the
    council or body the article places a person at when it gives them no post, where their leaving is from (not the article's
    own council); None when it places them nowhere."""
    doc = ctx.doc
    for m in ctx.mentions:
        if m.key != person.key or m.end + 1 >= len(doc) or doc[m.end].lower_ not in {"at", "of"}:
            continue
        body = ctx.mention_at(m.end + 1 + (doc[m.end + 1].lower_ == "the"))
        if body is not None and body.kind in {"council", "org"}:
            return body.key
    for join in ctx.tokens_with({"join"}):  # "X, who joined Slough Children's Services Trust in 2015"
        joined = [ctx.mention_at(c.i) for c in join.children if c.dep_ == "dobj"]
        body = joined[0] if joined else None
        if body is not None and body.kind in {"council", "org"}:
            people, _anchor = subjects(join, ctx, objects=False)
            if any(p.key == person.key for p in people):
                return body.key
    return None


def _body_of(person: Mention, post: Post | None, ctx: Context) -> str | None:
    """Where a leaver leaves: the body of their post here, else where the article places them,
    else the article's own council or body."""
    if post is not None:
        return post.organisation
    return _placed_at(person, ctx) or ctx.home_council or ctx.home_body


def extract_departures(ctx: Context, posts: list[Post]) -> list[Departure]:
    """Every departure the article states; the role and body come from the leaver's post here."""
    found: list[Departure] = []
    lex = ctx.lex
    verbs = lex.departure_verbs
    particles = lex.departure_particles
    object_verbs = set(lex.departure_object_verbs)
    nouns = lex.departure_nouns
    blockers = set(lex.blocking_heads)
    for tok in ctx.tokens_with(verbs, {*nouns, *lex.departure_object_nouns}):  # the rest: `continue` below
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"VERB", "AUX"} and lemma in verbs:
            if lemma in particles and not has_particle(tok, particles[lemma]):
                continue
            if tok.dep_ == "amod" and tok.i > 0 and ctx.doc[tok.i - 1].pos_ in {"DET", "PRON"}:
                continue  # "the departing councillors": a word on a noun, read (when titled) by outgoing_holders
            left_a_post = lemma == "leave" and _leaves_a_post(tok, ctx)
            left_a_place = lemma == "leave" and not left_a_post and _leaves_a_council_by_name(tok, ctx)
            if lemma == "leave" and not (left_a_post or left_a_place or _holder_leaves(tok, ctx, posts)):
                continue
            if (
                lemma == "remove"
                and not any(c.lower_ in {"from", "as"} for c in tok.children)
                and not any(c.dep_ == "dobj" for c in tok.children)
            ):
                continue
            if lemma in lex.removal_from_verbs and not _from_a_post(tok, ctx):
                continue  # "dropped the plan": only "dropped X from the cabinet" is a removal
            if lemma == "replace" and not any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children):
                continue  # "Y will replace X": the one replaced leaves, read by _replaced
            if blocked(tok, ctx, blockers) and not _announced_own_leaving(tok, ctx, blockers):
                continue
            if _leaves_no_post(tok, ctx):
                continue
            people, anchor = subjects(tok, ctx, objects=lemma in object_verbs)
            if not people and lemma in object_verbs:
                # "sacked her cabinet member for children, X": the holder of the title the object names
                objs = [t for c in tok.children if c.dep_ == "dobj" for t in c.subtree]
                people = _holders_named_in(objs, posts, ctx)
            if not people and lemma in lex.departure_with_verbs:
                # "the council has parted company with its director, X": the one parted with leaves
                heads = [tok, *(c for c in tok.children if c.dep_ == "dobj")]  # "parted company with"
                withs = [
                    t
                    for h in heads
                    for c in h.children
                    if c.dep_ == "prep" and c.lower_ == "with"
                    for t in c.subtree
                ]
                people = people_in(withs, ctx) or _holders_named_in(withs, posts, ctx)
            if not people and lemma not in object_verbs:
                people = subject_before(tok, ctx)
            if left_a_place:  # "she left Haringey in 2012": of one the article gives a post
                people = [p for p in people if any(q.person == p.key for q in posts)]
            kind = verbs[lemma]
        elif tok.pos_ == "NOUN" and (tok.lower_ in nouns or tok.lower_ in lex.departure_object_nouns):
            # the verb that governs the noun: "handed in his notice" (the parser may make "in" a
            # preposition and the noun its object)
            governor = tok.head.head if tok.dep_ == "pobj" and tok.head.dep_ in {"prt", "prep"} else tok.head
            taken = tok.dep_ in {"dobj", "pobj"} and governor.lemma_.lower() in lex.departure_noun_verbs
            if tok.lower_ not in nouns and not taken:
                continue  # "notice" is a departure only when handed in, given or served
            if blocked(tok, ctx, blockers) or (taken and blocked(governor, ctx, blockers)):
                continue
            people, anchor = [], None
            for child in tok.children:
                if child.dep_ == "poss":
                    people = people_in([child], ctx) or [p for p in [resolve_pronoun(child, ctx)] if p]
                elif child.dep_ == "prep" and child.lower_ == "of":
                    inside = list(child.subtree)
                    people = people_in(inside, ctx) or _holders_named_in(inside, posts, ctx)
                if people:
                    anchor = child
                    break
            if not people and taken:  # "X is taking early retirement", "X handed in his notice"
                people, anchor = subjects(governor, ctx, objects=False)
            kind = nouns.get(tok.lower_) or lex.departure_object_nouns[tok.lower_]
        else:
            continue
        left = _body_left(tok, ctx) if tok.pos_ in {"VERB", "AUX"} else None
        # where the leaver goes ("left for a director's role at Coventry") is no post left: for a
        # noun ("the departure of X, who left for ..."), where its sentence's verbs of leaving go
        leaving = [tok] if tok.pos_ in {"VERB", "AUX"} else [v for v in tok.sent if v.lemma_.lower() in verbs]
        going_to = set().union(*(_destination(v) for v in leaving))
        held = [p for p in posts if not (going_to and p.evidence.end - 1 in going_to)]
        for person in people:
            post = post_of(person.key, held, ctx)
            if left is not None and (post is None or post.organisation != left):
                post = next((p for p in posts if p.person == person.key and p.organisation == left), None)
            org = left or _body_of(person, post, ctx)
            if org is None:
                continue
            # the quote ties the person to the leaving: the verb or noun, and the name when it is in
            # the same sentence (a he/she resolved to an earlier sentence is quoted as the pronoun)
            wanted = particles.get(lemma, ())
            particle = next((c for c in tok.children if c.dep_ == "prt" or c.lower_ in wanted), None)
            ev = ctx.evidence_of(person, tok, particle, anchor)
            found.append(
                Departure(
                    person.key, org, kind, ev, post.role if post else None, _reason(tok), _date(tok, ctx)
                )
            )
    for tok, people, body in _moved_from(ctx):
        for person in people:
            post = next((p for p in posts if p.person == person.key and p.organisation == body.key), None)
            ev = ctx.evidence_of(person, tok, body)
            found.append(Departure(person.key, body.key, "Resignation", ev, post.role if post else None))
    found += outgoing_holders(posts, lex, ctx.article.text)
    for tok, people, kind in [
        *_lost_posts(ctx),
        *_replaced(ctx),
        *_given_up(ctx),
        *_not_standing_again(ctx),
        *_put_on_leave(ctx),
    ]:
        for person in people:
            post = post_of(person.key, posts, ctx)
            org = _body_of(person, post, ctx)
            if org is not None:
                ev = ctx.evidence(tok, person)
                found.append(Departure(person.key, org, kind, ev, post.role if post else None, None, None))
    return found


def unnamed_leaver_posts(
    ctx: Context, posts: list[Post], departures: list[Departure]
) -> tuple[list[Post], list[Departure]]:
    """ "The director of children's services at Derby City Council is leaving the post. ... Tom
    Reeve will be leaving the council in May": news tells a leaving first by the title, then by
    the name. A title with no holder named as the subject of a verb of leaving gives its post to
    the one person the article has leave that body in the same way (resign, be sacked, ...), when
    it gives them no post there (none when several leave it so: which one held the title is not
    said). When the article has no one leave that body so, the one person with no post there who
    is the subject of a verb of leaving in the next two sentences ("Bolton's director is to step
    down. Ann Lowe, who joined in 2015, will leave in August") is the holder, and leaves."""
    lex = ctx.lex
    found: list[Post] = []
    left: list[Departure] = []
    for role, verb, role_id, org in holderless_titles(
        ctx, lex.departure_verbs, {"nsubj", "nsubjpass"}, set(lex.blocking_heads)
    ):
        kind = lex.departure_verbs[verb.lemma_.lower()]
        leavers = {d.person for d in departures if d.organisation == org and d.kind == kind}
        if not any(d.organisation == org for d in departures):
            later = _leaver_named_after(role, org, posts, departures, ctx)
            if later is not None:
                person_m, said = later
                ev = ctx.evidence(role, verb, person_m, said)
                if ev.end - ev.start <= lex.title_then_name_reach:
                    found.append(Post(person_m.key, org, role_id, role_label(role), ev))
                    left.append(Departure(person_m.key, org, kind, ctx.evidence(person_m, said), role_id))
            continue
        if len(leavers) != 1:
            continue
        (person,) = leavers
        if any(p.person == person and p.organisation == org for p in posts):
            continue  # the leaver's post there is stated: the title may be another's
        named = next(d for d in departures if d.person == person and d.organisation == org)
        ev = ctx.evidence(role, verb, named.evidence)
        if ev.end - ev.start > lex.title_then_name_reach:
            continue  # too far apart to be told as one leaving
        found.append(Post(person, org, role_id, role_label(role), ev))
    return found, left


def _leaver_named_after(
    role: Span, org: str, posts: list[Post], departures: list[Departure], ctx: Context
) -> tuple[Mention, Token] | None:
    """The one person with no post at ``org`` who is the subject of a verb of leaving (with its
    particle, not negated or called for) in the two sentences after the title's, and that verb;
    None when that verb is already read as their leaving another body (the title is then not theirs)."""
    lex = ctx.lex
    blockers = set(lex.blocking_heads)
    named = subjects_in_next_sentences(
        role.sent,
        ctx,
        lambda tok: _is_leaving_verb(tok, ctx, blockers),
        lambda tok: tok.lemma_.lower() in lex.departure_object_verbs,
    )
    if len(named) != 1:
        return None
    ((key, found),) = named.items()
    verb_at = found[1].idx
    if any(d.person == key and d.evidence.start <= verb_at < d.evidence.end for d in departures):
        return None
    return None if any(p.person == key and p.organisation == org for p in posts) else found
