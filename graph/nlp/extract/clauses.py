"""Clause structure shared by the event extractors: who a verb is about, and whether it is real.

A verb's people come from its subject (or object, for verbs done to someone), through relative
clauses, coordination and control ("asked X to take over"), and from a he/she that has one
antecedent. A verb under a negation, a modal, a condition, or a call/refusal/demand states nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from councilgraph.graph.core.model import Post
from councilgraph.graph.nlp.extract.context import Context, Mention, destinations

__all__ = [
    "blocked",
    "destinations",
    "has_particle",
    "predecessors_of",
    "people_in",
    "post_of",
    "replaced_with_another",
    "replacement_with",
    "resolve_pronoun",
    "subject_before",
    "subjects",
    "subjects_in_next_sentences",
]


def has_particle(tok: Token, wanted: tuple[str, ...]) -> bool:
    """Whether a verb has the word that makes it a verb of leaving or taking a post: its particle or
    object ("step down", "shown the door", "let go"), or the object of its preposition ("heading
    for the exit")."""
    return (
        any(
            c.lower_ in wanted and c.dep_ in {"prt", "advmod", "dobj", "prep", "npadvmod"}
            for c in tok.children
        )
        or (tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ in wanted)
        or any(
            g.lower_ in wanted and g.dep_ == "pobj"
            for c in tok.children
            if c.dep_ == "prep"
            for g in c.children
        )
        # "kicked X out of the cabinet": the parser may hang the particle on the object
        or any(
            g.lower_ in wanted and g.dep_ in {"prep", "prt", "advmod"}
            for c in tok.children
            if c.dep_ == "dobj"
            for g in c.children
        )
    )


def blocked(tok: Token, ctx: Context, blockers: set[str]) -> bool:
    """Negated, modal, conditional, or under a call/refusal/demand (a relative clause answers for
    itself: what governs the noun it is on does not govern it)."""
    lex = ctx.lex
    modals = set(lex.hypothetical_modals)
    chain = [tok]
    for t in list(tok.ancestors)[:4]:
        last = chain[-1]
        if last.dep_ == "relcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in last.children):
            # "to consider a report on the service, which was rated inadequate": a finite relative
            # clause states its own fact ("called on X, Y, to resign" stays a call)
            break
        if last.dep_ in {"ccomp", "parataxis"} and _semicolon_between(last, t):
            break  # "X steps down next week; Y is expected to succeed her": two clauses, not one inside the other
        if last.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in lex.factual_marks for c in last.children
        ):
            break  # "The vote was called after X axed Y": what a clause of time or cause tells happened
        chain.append(t)
    for t in chain:
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in {"would", "will"} and _reported(t, ctx):
                continue  # "announced she would step down": a decision reported, not a hypothesis
            if c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in modals):
                return True
            if c.dep_ == "mark" and c.lower_ in set(lex.conditionals):
                return True
            if t is not tok and c.dep_ == "acomp" and c.lemma_.lower() in blockers:
                return True  # "they are minded to appoint X": the adjective beside the verb is the intention
        if t is not tok and (
            t.lemma_.lower() in blockers or t.lower_ in blockers or t.lower_ in set(lex.blocking_nouns)
        ):
            below = chain[chain.index(t) - 1]
            if (
                t.lemma_.lower() in lex.infinitive_blockers
                and below.dep_ == "ccomp"
                and not _infinitive(below)
            ):
                continue  # "X was dismissed in 2021, the hearing was told": a fact reported, not an order
            return True
    # "calling for X (Con, Ward), to resign": an infinitive whose "for X to" the parser hung
    # elsewhere is still the call's object
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        nouns = set(lex.blocking_nouns)
        if any(
            c.dep_ == "nsubj" and (c.lemma_.lower() in blockers or c.lower_ in nouns)
            for t in chain[1:]
            for c in t.children
        ):
            return True  # "Calls are growing for X to resign", "pressure is mounting on X to quit"
        before = tok.doc[max(tok.sent.start, tok.i - 25) : tok.i]
        for t in before:
            if (
                t.lower_ == "for"
                and t.i > 0
                and (t.nbor(-1).lemma_.lower() in blockers or t.nbor(-1).lower_ in set(lex.blocking_nouns))
            ):
                return True
    return False


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _semicolon_between(clause: Token, head: Token) -> bool:
    """Whether a semicolon or a dash parts ``clause`` from ``head`` at the top level of the sentence
    (the parser often hangs the clause before a semicolon on the verb after it)."""
    lo, hi = sorted((clause.i, head.i))
    return any(c.dep_ == "punct" and c.text in {";", "–", "—"} and lo < c.i < hi for c in head.children)


def _reported(verb: Token, ctx: Context) -> bool:
    """Whether ``verb`` is the complement of a verb that reports a decision ("announced she would")."""
    head = verb.head
    return verb.dep_ in {"ccomp", "xcomp"} and (
        head.lemma_.lower() in ctx.lex.reporting_verbs or head.lower_ in ctx.lex.reporting_verbs
    )


def people_in(tokens: list[Token], ctx: Context) -> list[Mention]:
    out: list[Mention] = []
    for t in tokens:
        m = ctx.mention_at(t.i)
        if m is not None and m.kind == "person" and m not in out:
            out.append(m)
    return out


def _possessor(person: Mention, ctx: Context) -> bool:
    """Whether ``person`` is named as the owner of another noun ("Mr Roe's deputy, Ann Lowe"):
    not who the phrase is."""
    root = ctx.doc[person.start : person.end].root
    return root.dep_ == "poss" and ctx.mention_at(root.head.i) is None


def _apposed_to_another(person: Mention, ctx: Context) -> bool:
    """Whether ``person`` is hung in apposition on another person's name ("the panel which
    dismissed Mrs Roe, councillor Bill Hale, said"): two people are never one, so the name
    belongs to something else (here the chair)."""
    root = ctx.doc[person.start : person.end].root
    other = ctx.mention_at(root.head.i) if root.dep_ == "appos" else None
    return other is not None and other.kind == "person" and other.key != person.key


def resolve_pronoun(tok: Token, ctx: Context) -> Mention | None:
    """The person a he/she/his/her refers to: the nearest person named before (in this sentence
    or the one before; when none, the two before those), when unambiguous.
    An object pronoun is never its own verb's subject ("X replaces her", "X was appointed to
    replace her": her is not X), and a she is no one the article calls Mr."""
    if tok.lower_ in ctx.lex.first_person:
        return _speaker(tok, ctx)
    if tok.lower_ not in ctx.lex.pronouns_subject:
        return None
    start = tok.sent.start
    if start > 0:
        start = ctx.doc[start - 1].sent.start
    own_subject: set[int] = set()
    successor = tok.dep_ == "poss" and tok.head.lower_ in ctx.lex.successor_nouns
    if tok.dep_ in {"dobj", "iobj", "dative", "pobj"} or successor:
        if successor:  # "X has been appointed as her successor": her is not X
            verb = tok.head.head.head if tok.head.head.lower_ == "as" else tok.head.head
        else:
            verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        # an infinitive's subject is its governing verb's ("X will be appointed to replace her")
        subjectless = verb.dep_ == "advcl" and not any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children
        )
        # "X dropped Y, replacing her with Z": a participle's subject is its clause's
        verbs = [verb, verb.head] if verb.dep_ == "xcomp" or subjectless else [verb]
        own_subject = {
            t.i for v in verbs for c in v.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree
        }
    gender = ctx.lex.pronouns_subject[tok.lower_]

    def named_from(first: int) -> list[Mention]:
        return [
            m
            for m in ctx.mentions
            if m.kind == "person"
            and first <= m.start < tok.i
            and m.start not in own_subject
            and ctx.genders.get(m.key, gender) == gender  # "Mr Balls ... replace her": not Mr Balls
        ]

    earlier = named_from(start)
    if not earlier:  # "X was sacked. Mr Balls said ... Y will be appointed to replace her": further back
        for _ in range(2):
            if start > 0:
                start = ctx.doc[start - 1].sent.start
        earlier = named_from(start)
        return earlier[-1] if len({m.key for m in earlier}) == 1 else None
    keys = list(dict.fromkeys(m.key for m in earlier))
    if len(keys) == 1:
        return earlier[-1]
    in_sentence = [m for m in earlier if m.start >= tok.sent.start]
    if len({m.key for m in in_sentence}) == 1:
        return in_sentence[-1]
    return None


def _speaker(tok: Token, ctx: Context) -> Mention | None:
    """The person who says an "I" inside a quotation, named as the subject of the reporting verb
    the quoted clause hangs on in the same sentence ('X said: "I am delighted to join"', '"I am
    proud," said X'); None when the "I" is not quoted or the speaker is not named there."""
    if not any(t.is_quote for t in tok.sent if t.i < tok.i):
        return None
    for verb in tok.ancestors:
        if verb.lemma_.lower() in ctx.lex.reporting_verbs:
            for c in verb.children:
                m = ctx.mention_at(c.i) if c.dep_ == "nsubj" else None
                if m is not None and m.kind == "person":
                    return m
            return None
    return None


def subjects_in_next_sentences(
    sent: Span, ctx: Context, verb_ok: Callable[[Token], bool], objects: Callable[[Token], bool]
) -> dict[str, tuple[Mention, Token]]:
    """Each person who is the subject (or, where ``objects`` says so for that verb, the object) of a
    verb ``verb_ok`` accepts in the two sentences after ``sent``, with the first such verb. News tells a
    move by the title first and names the mover in the next sentence or two ("X Council has appointed a
    new director. Ann Lowe will join in May"); both the appointments and the departures read that window
    here, so that it is one window."""
    doc = ctx.doc
    end = sent.end
    for _ in range(2):
        if end < len(doc):
            end = doc[end].sent.end
    found: dict[str, tuple[Mention, Token]] = {}
    for tok in doc[sent.end : end]:
        if verb_ok(tok):
            for person in subjects(tok, ctx, objects=objects(tok))[0]:
                found.setdefault(person.key, (person, tok))
    return found


def subjects(verb: Token, ctx: Context, objects: bool) -> tuple[list[Mention], Token | None]:
    """People a verb is about, with the token that names them (for evidence)."""
    if verb.dep_ == "relcl":
        # "the assistant director, Ann Cole, to be appointed as ...": the noun the clause is on,
        # or the name in apposition to it
        named = [verb.head, *(c for c in verb.head.children if c.dep_ == "appos")]
        people = people_in(named, ctx)
        if people:
            return people, verb.head
    joined = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "in" else None
    if joined is not None and joined.lemma_.lower() == "join" and not objects:
        # "X joins Y in heading for the exit": both of them do it
        both = [c for c in joined.children if c.dep_ in {"nsubj", "dobj"}]
        people = [m for c in both for m in people_in(list(c.subtree), ctx)]
        if people:
            return people, both[0]
    deps = {"dobj"} if objects else {"nsubj", "nsubjpass"}
    if objects and any(c.dep_ == "nsubjpass" for c in verb.children):
        deps = {"nsubjpass"}
    elif (
        objects
        and any(c.dep_ == "auxpass" for c in verb.children)
        and not any(c.dep_ == "dobj" for c in verb.children)
    ):
        deps = {"nsubj"}  # "X was elected leader" parsed with X as a plain subject: a passive's subject
    if objects and verb.dep_ in {"conj", "xcomp"} and any(c.dep_ == "auxpass" for c in verb.children):
        # "X will lead the review and has been appointed as commissioner", "X is to be replaced":
        # a passive conjunct or complement without a subject of its own is said of the first verb's
        objects, deps = False, {"nsubj", "nsubjpass"}
    node = verb
    climbed: list[str] = []  # the dependency of each clause climbed out of
    for _ in range(3):
        own_subject = False
        for child in node.children:
            if child.dep_ in deps:
                people = [
                    m
                    for m in people_in(list(child.subtree), ctx)
                    if not _possessor(m, ctx) and not _apposed_to_another(m, ctx)
                ]
                if people:
                    return people, child
                pron = resolve_pronoun(child, ctx)
                if pron is not None:
                    return [pron], child
                if (
                    child.tag_ in {"WP", "WDT"}
                    and node.dep_ == "relcl"
                    and climbed[-1:] in (["advcl"], ["xcomp"], ["pcomp"])
                ):
                    # "X, who moved from Y to replace Z": the relative clause's noun, reached from its
                    # purpose clause (not from a conjunct: "who retired but has since become")
                    relative_of = people_in(
                        [node.head, *(c for c in node.head.children if c.dep_ == "appos")], ctx
                    )
                    if relative_of:
                        return relative_of, node.head
                reporters = _reporters(child, node, ctx)
                if reporters:  # "X and Y said they would retire": they are X and Y
                    return reporters, child
                if child.lower_ in ctx.lex.pronouns_subject and node.dep_ == "advcl":
                    # "Y will replace X when she retires": she is the one replaced, not Y
                    replaced = _replaced_by(node.head, ctx)
                    return ([replaced], child) if replaced is not None else ([], None)
                own_subject = True  # the parser may split "director of resources X" into two subjects
        if own_subject and not objects:
            return [], None  # the clause has its own subject, which names no one we know
        if node.dep_ in {"advcl", "conj"} and not objects:
            subject = _subject_read_as_object(node)
            if subject is not None:  # "Y took on the role after the previous director, X, left"
                return people_in(list(subject.subtree), ctx), subject
        climbed.append(node.dep_)
        if node.dep_ == "xcomp" and not objects:
            node = node.head
            # "asked X to take over": X takes over; "X has decided to resign": X resigns
            deps = {"dobj"} if any(c.dep_ == "dobj" for c in node.children) else {"nsubj", "nsubjpass"}
        elif node.dep_ in {"conj", "xcomp", "advcl", "acomp"} and not objects:
            node = node.head  # "X was delighted to be appointed": the adjective's subject is X
        elif node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.lower_ in ctx.lex.factual_marks:
            node = node.head.head  # "X stood down after being appointed to the cabinet": X was appointed
        else:
            break
    return [], None


def _subject_read_as_object(verb: Token) -> Token | None:
    """ "Y took on the role after the previous director, X, left the post": the parser makes
    "after the previous director, X" a preposition's phrase and "left" a clause (or a conjunct of
    the main verb) with no subject,
    but the noun phrase that ends right before the verb, the object of "after" (a word that can
    open a clause), is the verb's subject. None when there is no such phrase."""
    i = verb.i - 1
    while i >= 0 and verb.doc[i].is_punct:
        i -= 1
    if i < 0:
        return None
    tok = verb.doc[i]
    while tok.dep_ != "pobj" and tok.head.i != tok.i and tok.head.i < verb.i:
        tok = tok.head
    if (
        tok.dep_ == "pobj"
        and tok.head.lower_ in {"after", "before", "until", "since", "once"}
        and tok.head.head.i == verb.head.i
        and tok.right_edge.i >= i
    ):
        return tok
    return None


def _reporters(pronoun: Token, verb: Token, ctx: Context) -> list[Mention]:
    """The people a plural "they" stands for when it is the subject of what they themselves said
    ("A and B said they would retire"): two or more people subject of the reporting verb."""
    if pronoun.lower_ not in ctx.lex.plural_pronouns or verb.dep_ != "ccomp":
        return []
    head = verb.head
    if head.lemma_.lower() not in ctx.lex.reporting_verbs:
        return []
    for child in head.children:
        if child.dep_ == "nsubj":
            people = people_in(list(child.subtree), ctx)
            return people if len(people) >= 2 else []
    return []


def _replaced_by(verb: Token, ctx: Context) -> Mention | None:
    """The person a "replace"/"succeed" verb's object names ("will replace X"), or None."""
    if verb.lemma_.lower() not in {"replace", "succeed"}:
        return None
    for child in verb.children:
        if child.dep_ == "dobj":
            people = people_in(list(child.subtree), ctx)
            if len(people) == 1:
                return people[0]
    return None


def post_of(person: str, posts: list[Post], ctx: Context) -> Post | None:
    """The person's post in this article: the only one, else the one at the article's council, else the first."""
    posts = [p for p in posts if p.person == person]
    if len({(p.organisation, p.role) for p in posts}) > 1:
        return next((p for p in posts if p.organisation == ctx.home_council), posts[0])
    return posts[0] if posts else None


def subject_before(verb: Token, ctx: Context) -> list[Mention]:
    """When the parse gives a verb no subject ("..., and the deputy director, X, resigned"),
    the one person named in the clause just before it, back to the previous verb."""
    found: list[Mention] = []
    i = verb.i - 1
    while i >= verb.sent.start:
        tok = ctx.doc[i]
        if tok.pos_ == "VERB" and tok.head.i != verb.i:
            break
        m = ctx.mention_at(i)
        if m is not None and m.kind == "person" and m.key not in {f.key for f in found}:
            found.append(m)
        i -= 1
    return found if len(found) == 1 else []


def _successor_of(verb: Token, ctx: Context) -> Token | None:
    """Whose successor an appointing verb makes someone ("has been appointed as her successor",
    "was named Ann Lowe's replacement", "as successor to X"): the word naming the one followed."""
    nouns = [c for c in verb.children if c.dep_ in {"oprd", "dobj", "attr"}]
    nouns += [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "as"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    for noun in nouns:
        if noun.lower_ not in ctx.lex.successor_nouns:
            continue
        for c in noun.children:
            if c.dep_ == "poss":
                return c
            if c.dep_ == "prep" and c.lower_ in {"to", "of"}:
                return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _with_phrases(verb: Token) -> list[Token]:
    """The "with" phrases of an active "replace", on the verb or on its object as the parser often
    hangs them ("replaced X with Y", "replaced its director, X, with Y")."""
    if verb.lemma_.lower() != "replace" or any(c.dep_ == "nsubjpass" for c in verb.children):
        return []
    heads = (verb, *(c for c in verb.children if c.dep_ == "dobj"))
    return [c for head in heads for c in head.children if c.dep_ == "prep" and c.lower_ == "with"]


def replacement_with(verb: Token, ctx: Context) -> Token | None:
    """The "with" of "replaced X with Y" when it names a person: the one who comes in; None when
    there is none ("will replace X with immediate effect")."""
    return next((c for c in _with_phrases(verb) if people_in(list(c.subtree), ctx)), None)


def replaced_with_another(verb: Token) -> bool:
    """ "The minister replaced X with an interim team": a "with" phrase that is no person and no
    time ("with immediate effect", "with effect from May") says the subject put someone else in,
    so the subject is not the one who comes in."""
    for c in _with_phrases(verb):
        objs = [o for o in c.children if o.dep_ == "pobj"]
        if objs and objs[0].lemma_.lower() not in {"effect", "immediate"}:
            return True
    return False


def predecessors_of(tok: Token, lemma: str, ctx: Context) -> list[Mention] | None:
    """Who the appointee replaces ("replaced X", "takes over from X"), or None if the verb names no one."""
    if lemma in {"replace", "succeed"}:
        objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    elif lemma == "take":  # "took over from X", "taking over the role of director from X"
        inner = {"relcl", "advcl", "ccomp", "acl", "conj", "pcomp"}  # "..., with Y taking over from X"
        own = {t.i for t in tok.subtree} - {
            t.i for c in tok.subtree if c.dep_ in inner and c.i != tok.i for t in c.subtree
        }
        objs = [c for c in tok.subtree if c.i in own and c.dep_ == "prep" and c.lower_ == "from"]
    else:
        named = _successor_of(tok, ctx)
        if named is None:
            return None
        objs = [named]
    if not objs:
        return [] if lemma in {"replace", "succeed"} else None
    with_ = replacement_with(tok, ctx)
    taken_in = {t.i for t in with_.subtree} if with_ is not None else set()
    found = people_in([t for t in objs[0].subtree if t.i not in taken_in], ctx)
    if not found:
        pron = resolve_pronoun(objs[0], ctx)
        found = [pron] if pron else []
    return found if found or lemma in {"replace", "succeed"} else None
