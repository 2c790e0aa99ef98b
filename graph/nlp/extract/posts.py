"""Posts people hold (ORG Membership): who is what, where.

A post title (a ROLE span from ``patterns/roles.jsonl``) is linked to a person named right after
it ("chief executive Adrian Lythgo", "the council leader, George Meehan") or right before it
("Sarah Norman, the authority's chief executive", "X has been appointed interim director"). The
organisation is the one the title names or is attached to ("Haringey's director", "leader of
Liverpool Council", "at Richmond Council"), "the council"/"the authority"/"our" being the
article's own council.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping

from spacy.tokens import Span, Token

from councilgraph.graph.core.model import Post
from councilgraph.graph.nlp.extract.clauses import blocked, has_particle, people_in, resolve_pronoun, subjects
from councilgraph.graph.nlp.extract.context import Context, Mention

__all__ = [
    "body_run",
    "bracketed_portfolios",
    "councillor_posts",
    "is_councillor",
    "department_heads",
    "holderless_titles",
    "extract_posts",
    "holder_of",
    "leaders_of_named_bodies",
    "leading_posts",
    "organisation_of",
    "running_posts",
    "shortened_titles",
]


def _verbs(ctx: Context) -> frozenset[str]:
    lex = ctx.lex
    return frozenset(lex.departure_verbs) | lex.appointment_verbs | lex.holding_verbs


def _person_of(tok: Token, ctx: Context) -> Mention | None:
    """The person a token's phrase names (the token itself, or an apposition or compound of it)."""
    m = ctx.mention_at(tok.i)
    if m is not None and m.kind == "person":
        return m
    if tok.dep_ in {"nsubj", "nsubjpass"} and tok.lower_ in ctx.lex.pronouns_subject:
        return resolve_pronoun(tok, ctx)  # "She was previously director at Luton": the one named before
    if tok.lower_ in {"who", "that", "whom"}:  # "X, who has been chairman": the relative clause's noun
        verb = tok.head
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ == "relcl":
            return _person_of(verb.head, ctx)
        return None
    for child in tok.children:
        if child.dep_ in {"appos", "compound", "npadvmod"}:
            m = ctx.mention_at(child.i)
            if m is not None and m.kind == "person":
                return m
    return None


def holder_by_parse(role: Span, ctx: Context) -> Mention | None:
    """The holder the dependency parse gives: "X was the portfolio holder" (the subject of a
    copula or of "become/serve as"), "the portfolio holder was X" (its complement), "appointed X
    as director" (the object), "the director, X" (an apposition), "X, the council's leader" (the
    title in apposition to the name)."""
    root = role.root
    if root.pos_ == "VERB":
        # a title that is a verb phrase ("headed up children's services"): its subject, or for a
        # participle ("joined in 2015, having headed up ..."), the subject of the verb it hangs on
        for verb in (root, root.head) if root.dep_ in {"advcl", "conj"} else (root,):
            subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is not None:
                return _person_of(subject, ctx)
        return None
    if root.dep_ == "appos":
        return _person_of(root.head, ctx)
    for child in root.children:
        if child.dep_ == "appos":
            found = _person_of(child, ctx)
            if found is not None:
                return found
    head = root.head
    if root.dep_ == "nsubj" and head.lemma_ == "be":
        # "The cabinet member responsible for children was Cllr Jo Roe": the title the subject,
        # the name the complement
        for child in head.children:
            if child.dep_ == "attr":
                found = _person_of(child, ctx)
                if found is not None:
                    return found
        return None
    if root.dep_ == "pobj" and head.lower_ == "as":
        head = head.head
    elif root.dep_ not in {"attr", "oprd"}:
        return None
    if head.pos_ not in {"VERB", "AUX"}:
        return None
    deps = ("dobj", "nsubjpass", "nsubj") if root.dep_ in {"pobj", "oprd"} else ("nsubj", "nsubjpass")
    for _ in range(
        3
    ):  # "X joined the board and has been chairman": the conjunct's subject is the first verb's
        for dep in deps:
            for child in head.children:
                if child.dep_ == dep:
                    return _person_of(child, ctx)
        if head.dep_ != "conj":
            break
        head = head.head
    return None


def _after_portfolio(role: Span, ctx: Context) -> tuple[Mention, str] | None:
    """ "cabinet member for social work, health and housing Danny Molloy": a title whose portfolio,
    in lower-case words, commas and "and", runs up to the name that follows it; in a list of posts
    ("Cabinet Member for Finance, Property and Waste - Jo Roe") the portfolio may be capitalised
    when a dash or colon sets the name apart."""
    doc = ctx.doc
    i = role.end
    if any(t.lower_ in {"for", "of"} for t in role[1:]):
        pass  # the pattern took in the start of the portfolio ("cabinet member for social")
    elif i < len(doc) and doc[i].lower_ in {"for", "of"}:
        i += 1
    else:
        return None
    capitalised = dashed = False
    while i < min(len(doc), role.end + 14):
        m = ctx.mention_at(i)
        if m is not None and m.kind == "person":
            return (m, "after") if i > role.end and (dashed or not capitalised) else None
        if dashed:
            return None
        if doc[i].text in {"-", "–", "—", ":"}:
            dashed = True
        # a portfolio is nouns, adjectives, commas and "and": "following the killing of X" is not
        elif doc[i].is_title and doc[i].pos_ in {"NOUN", "ADJ", "PROPN"}:
            capitalised = True
        elif not (
            (doc[i].is_lower and doc[i].pos_ in {"NOUN", "ADJ", "CCONJ", "PROPN"})
            or doc[i].text in {",", "&"}
        ):
            return None
        i += 1
    return None


def _after_a_council_body(of: int, ctx: Context) -> Mention | None:
    """The person named after a council's own body that follows "of" ("chairman of the
    children's, education, libraries and safeguarding committee, Cllr Ann Hale"): the body's
    lower-case head noun (``lexicon.council_bodies``) within a dozen words of no verb, a comma,
    then the name."""
    doc = ctx.doc
    for k in range(of + 1, min(len(doc) - 2, of + 14)):
        tok = doc[k]
        if tok.tag_ in {"VBD", "VBZ", "VBP", "MD"} or tok.pos_ == "AUX" or ctx.mention_at(k) is not None:
            return None  # a clause, or a named body: read elsewhere ("chair of the Riverside Trust, X")
        if tok.lower_ in ctx.lex.council_bodies and tok.is_lower and doc[k + 1].text == ",":
            j = k + 2
            while j < len(doc) - 1 and doc[j].lower_.rstrip(".") in ctx.name_titles:
                j += 1  # "..., Cllr Ann Hale"
            m = ctx.mention_at(j)
            return m if m is not None and m.kind == "person" else None
    return None


def holderless_titles(
    ctx: Context, verbs: Collection[str], deps: Collection[str], blockers: set[str]
) -> Iterator[tuple[Span, Token, str, str]]:
    """Titles written with no holder that are a verb's subject or object (``deps``) for a verb in
    ``verbs`` that is not negated, hypothetical or called for ("The director ... is leaving",
    "X Council has appointed a new director"), with that verb, the post and the body: the title
    first, the name after, told as news often tells a change."""
    for role in ctx.roles:
        verb = role.root.head
        if verb.lemma_ == "be" and role.root.dep_ == "nsubj":
            # "the director is to step down", "is set to leave": the verb of the infinitive
            inner = verb
            for _ in range(2):
                inner = next((c for c in inner.children if c.dep_ in {"xcomp", "acomp", "ccomp"}), inner)
                if inner.lemma_.lower() in verbs:
                    verb = inner
                    break
        if (
            role.root.dep_ not in deps
            or verb.lemma_.lower() not in verbs
            or holder_of(role, ctx) is not None
            or blocked(verb, ctx, blockers)
        ):
            continue
        role_id = modified_role(role, ctx)
        org, _m = organisation_of(role, role_id, ctx)
        if org is not None:
            yield role, verb, role_at(role_id, org, ctx), org


def _councillor_after_portfolio_words(role: Span, ctx: Context) -> tuple[Mention, str] | None:
    """ "Cabinet member for children, education and refugees Cllr Tom Adair": a portfolio's last
    words the title patterns do not know, then a councillor's title and name: that councillor."""
    doc = ctx.doc
    j = role.end
    while j < min(len(doc), role.end + 4) and (
        (doc[j].is_alpha and doc[j].is_lower and doc[j].pos_ not in {"VERB", "AUX", "PRON"})
        or doc[j].text in {",", "&"}
    ):  # portfolio words, not a clause ("the new leader confirmed his predecessor, Cllr X")
        j += 1
    if j == role.end or j + 1 >= len(doc) or doc[j].lower_.rstrip(".") not in ctx.lex.councillor_titles:
        return None
    named = ctx.mention_at(j + 1)
    return (named, "after") if named is not None and named.kind == "person" else None


def holder_of(role: Span, ctx: Context) -> tuple[Mention, str] | None:
    """The person holding ``role`` and how they were found ("before", "after", "parse")."""
    doc = ctx.doc
    sent = role.sent
    # title before the name: ROLE [gap] PERSON
    after: tuple[Mention, str] | None = None
    i = role.end
    gap: list[Token] = []
    while i < len(doc) and len(gap) <= 3:  # not sent.end: the parser may split "leader [X]" at "["
        m = ctx.mention_at(i)
        if m is not None and m.kind == "person":
            # "the director Jo Roe", "the director, Jo Roe": the name right after the title, or after
            # one comma (apposition), is its holder before anything the parser attaches elsewhere
            tight = all(t.lower_ != "," for t in gap) or [t.text for t in gap] == [","]
            after = (m, "after-tight" if tight else "after")
            break
        if doc[i].lower_ == "of" and not gap and (named_after := _after_a_council_body(i, ctx)) is not None:
            # "the chairman of the children's, education and safeguarding committee, Cllr Ann Hale"
            after = (named_after, "after")
            break
        if doc[i].lower_ in {"of", "at", "for"} and not gap:
            # "the chairman of the Riverside Trust, Ann Hale": the body the title names, then the name
            j = i + 1 + (i + 1 < len(doc) and doc[i + 1].lower_ == "the")
            body = ctx.mention_at(j) if j < len(doc) else None
            named_next = ctx.mention_at(body.end) if body is not None and body.end < len(doc) else None
            if (
                body is not None
                and body.kind in {"council", "org"}
                and body.end < len(doc)
                # "the chairman of the Riverside Trust, Ann Hale" or "... Trust Ann Hale"
                and (doc[body.end].text == "," or (named_next is not None and named_next.kind == "person"))
            ):
                gap += [doc[i], doc[body.start]]
                i = body.end
                continue
        if (
            doc[i].lower_.rstrip(".") in ctx.name_titles
            and i > role.end
            and role.root.dep_ in {"nsubj", "nsubjpass"}
        ):
            i += (
                1  # "The cabinet member at X Council, Cllr Ann Lowe, has been replaced": the name's own title
            )
            continue
        if doc[i].lower_.rstrip(".") not in ctx.lex.title_joiners:
            break
        gap.append(doc[i])
        i += 1
    if after is None:
        after = _after_portfolio(role, ctx) or _councillor_after_portfolio_words(role, ctx)
    # apposition or verb phrase after the name: PERSON [gap] ROLE
    before: tuple[Mention, str] | None = None
    verbs = _verbs(ctx)
    nouns = ctx.lex.departure_nouns.keys() | set(ctx.lex.appointment_nouns)
    j = role.start - 1
    steps = 0
    verbal = False
    while j >= sent.start and steps <= 10:
        m = ctx.mention_at(j)
        if m is not None and m.kind == "person":
            before = (m, "before-verbal" if verbal else "before")
            break
        tok = doc[j]
        if (
            m is not None
            or tok.lower_ in ctx.lex.apposition_gap
            or tok.lower_ in ctx.lex.name_suffixes  # "Matt Dunkley, CBE, a former director"
            or tok.like_num
            or tok.ent_type_ in {"DATE", "TIME"}  # "X was fired yesterday as ..."
            # "X retired after six years as director": a span of time before the title
            or (tok.lower_ in {"after", "for"} and j + 1 < role.start and doc[j + 1].ent_type_ == "DATE")
            or tok.is_space
            or (tok.lower_ in ctx.lex.org_context_nouns)
        ):
            pass
        elif (
            (
                tok.lemma_.lower() in verbs
                or tok.lower_ in verbs
                # "X's resignation as director", "X's appointment as chief executive": the noun
                # of leaving or taking a post is its verb
                or (tok.pos_ == "NOUN" and tok.lower_ in nouns and doc[j + 1].lower_ == "as")
            )
            # a verb that appoints only with its particle ("confirmed as") carries no title without it:
            # "X confirmed a director had been suspended" is no appointment of X
            and (
                tok.lemma_.lower() not in ctx.lex.appointment_particles
                or has_particle(tok, ctx.lex.appointment_particles[tok.lemma_.lower()])
            )
            or tok.pos_ == "AUX"
            or tok.lower_ in {"in", "up", "over", "on"}
        ):
            if _appoints_the_title(tok, role, ctx):
                break  # "the minister has appointed a commissioner": the subject appoints, holds nothing
            verbal = True
        else:
            break
        j -= 1
        steps += 1
    if before is not None and before[1] == "before" and _subject_after_a_name(role, before[0], ctx):
        before = None
    parsed = holder_by_parse(role, ctx)
    owner = _owner_of_job(role, ctx)
    for option in (
        after if after and after[1] == "after-tight" else None,
        before if before and before[1] == "before" else None,
        (owner, "owner") if owner is not None else None,
        (parsed, "parse") if parsed is not None else None,
        after,
        before,
    ):
        if option is not None:
            return option
    return None


def _subject_after_a_name(role: Span, person: Mention, ctx: Context) -> bool:
    """ "After thanking Cllr Jo Roe, the new leader said ...": a title written after a name and a
    comma is no apposition to it when the parse makes the title the subject of the next verb and
    the name part of a phrase before it (not that verb's subject, nor the title's head)."""
    title = role.root
    if title.dep_ not in {"nsubj", "nsubjpass"} or title.head.pos_ not in {"VERB", "AUX"}:
        return False
    name = ctx.doc[person.start : person.end].root
    verb = title.head
    if verb.i < title.i or title.i in {a.i for a in name.ancestors}:
        return False
    path = [name]
    for tok in name.ancestors:
        if tok.i == verb.i:
            break
        path.append(tok)
    else:
        return False  # the name hangs elsewhere in the sentence
    # the name inside a phrase of its own under the verb: "After thanking X", "In a letter to X"
    return any(t.dep_ in {"pobj", "dobj", "pcomp", "advcl"} for t in path)


def _appoints_the_title(verb: Token, role: Span, ctx: Context) -> bool:
    """Whether ``verb`` is an active verb of appointing whose direct object is the title itself
    ("X has appointed a commissioner", "X will name a new director"): its subject is who
    appoints; the holder, if named, is elsewhere."""
    return (
        verb.lemma_.lower() in ctx.lex.appointment_object_verbs
        and role.root.dep_ == "dobj"
        and role.root.head.i == verb.i
        and not any(c.dep_ == "auxpass" for c in verb.children)
        # "which sees X appointed deputy leader": a bare title after a participle is X's
        and any(c.dep_ in {"det", "poss"} for c in role.root.children)
    )


def _owner_of_job(role: Span, ctx: Context) -> Mention | None:
    """ "from her current position as head of social care at Lancashire", "his previous role as
    director", "her previous roles include director at Richmond": the title of a job noun after a
    his/her is held by the one the pronoun stands for."""
    doc = ctx.doc
    i = role.start - 1
    if i >= 1 and doc[i].lower_ in {"'s", "’s"}:  # "her job as Derby City Council's chief executive"
        body = ctx.mention_at(i - 1)
        if body is not None and body.kind in {"council", "org"}:
            i = body.start - 1
    job: Token | None = None
    listed = _listed_in_roles(role, ctx)
    if listed is not None:
        # "went on to hold senior roles including executive director at X, chief executive at Y":
        # each title listed is held by the one who held the roles
        people, _anchor = subjects(listed.head, ctx, objects=False) if listed.dep_ == "dobj" else ([], None)
        return people[0] if people else None
    if i >= 2 and doc[i].lower_ == "as" and doc[i - 1].lower_ in ctx.lex.job_nouns:
        job = doc[i - 1]
    elif role.root.dep_ == "dobj" and role.root.head.lemma_ == "include":
        # "his previous roles include director of children's services at Richmond"
        job = next((c for c in role.root.head.children if c.dep_ == "nsubj"), None)
    if job is None or job.lemma_.lower() not in ctx.lex.job_nouns:
        return None
    poss = next((c for c in job.children if c.dep_ == "poss"), None)
    if poss is None and job.left_edge.i > 0 and doc[job.left_edge.i - 1].lower_ in {"his", "her", "their"}:
        # "X quit her £150,000-a-year job as ...", the parser hanging "her" on the verb: its subject's job
        people, _anchor = subjects(job.head, ctx, objects=False) if job.dep_ == "dobj" else ([], None)
        return people[0] if people else None
    return resolve_pronoun(poss, ctx) if poss is not None else None


def _listed_in_roles(role: Span, ctx: Context) -> Token | None:
    """The job noun ("roles", "posts") a title is listed under by "including" or "such as", or None."""
    for anc in list(role.root.ancestors)[:8]:
        if anc.dep_ != "prep" or anc.lower_ not in {"including", "as"}:
            continue
        if anc.lower_ == "as" and not (anc.i > 0 and ctx.doc[anc.i - 1].lower_ == "such"):
            continue
        # the parser may hang "including" on a nearer noun ("roles across a range of councils including")
        jobs = [
            t
            for t in ctx.doc[anc.sent.start : anc.i]
            if t.lemma_.lower() in ctx.lex.job_nouns and t.tag_ == "NNS"
        ]
        return jobs[-1] if jobs else None
    return None


def _department_of(role: Span, ctx: Context) -> tuple[str | None, Mention | None]:
    """The department a minister's title names ("Education Secretary", "Minister for Children"),
    when the article names that department: a minister holds no post at a council, and a
    department the article does not name is not written in (news names ministers in passing far
    more often than it reports their posts)."""
    title = " " + " ".join(t.lower_.replace("’", "'").removesuffix("'s") for t in role) + " "
    words = sorted(ctx.lex.minister_departments, key=len, reverse=True)
    portfolio = next((w for w in words if f" {w} " in title.replace(" ,", ",")), None)
    if portfolio is None:
        return None, None
    wanted = {f"org:{ctx.lex.minister_departments[portfolio]}"}
    for m in ctx.mentions:
        entity = ctx.facts.entities[m.key] if m.kind == "org" else None
        if (
            entity is not None
            and entity.org_kind == "department"
            and (m.key in wanted or portfolio in entity.label.lower())
        ):
            return m.key, m
    return None, None


def _its_body(role: Span, ctx: Context) -> str | None:
    """ "In building the Trust and leading its work, its chair, X, and chief executive, Y": the
    body "its" before a title (or before the list of titles and names it heads) stands for, the
    nearest named before it in the sentence, or a trust the article names by the noun alone; None
    for none, or when the nearest is a council's own noun ("the local authority confirmed its
    director": the council, found as for any title)."""
    doc, sent = ctx.doc, role.sent
    k = role.start - 1
    in_roles = {i for r in ctx.roles for i in range(r.start, r.end)}
    while k > max(sent.start, role.start - 12) and doc[k].lower_ != "its":
        person = ctx.mention_at(k)
        if not (
            doc[k].lower_ in ctx.lex.name_apposition_gap
            or doc[k].lower_ in {",", "and"}
            or k in in_roles
            or (person is not None and person.kind == "person")
        ):
            return None
        k -= 1
    if doc[k].lower_ != "its":
        return None
    # "Leeds City Council has appointed X, currently director at Calderdale, as its new director":
    # the clause's own subject, when it is a body, before the nearest body named
    verb = role.root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head is not verb:
        verb = verb.head
    for c in verb.children:
        body = ctx.mention_at(c.i) if c.dep_ in {"nsubj", "nsubjpass"} else None
        if body is not None and body.kind in {"council", "org"}:
            return body.key
    for t in reversed(doc[sent.start : k]):
        body = ctx.mention_at(t.i)
        if body is not None and body.kind in {"council", "org"}:
            return body.key
        if t.lower_ in ctx.lex.org_context_nouns:
            return None
        key = ctx.body_by_noun(t) if t.pos_ in {"NOUN", "PROPN"} else None
        if key is not None:
            return key
    return None


def organisation_of(role: Span, role_id: str, ctx: Context) -> tuple[str | None, Mention | None]:
    """The organisation key of a post title, and the mention that names it (None when implied)."""
    doc = ctx.doc
    if role_id == "Minister":
        return _department_of(role, ctx)
    sent = role.sent
    near: list[Mention] = []
    # inside the title ("leader of Liverpool Council"), or overlapping it ("Sandwell Council leader")
    near += [m for m in ctx.mentions_in(role.start - 1, role.end + 1) if m.kind in {"council", "org"}]
    # a possessive or modifier just before the title ("Haringey's director", "Ofsted's national director")
    if not near:
        for m in ctx.mentions_in(max(sent.start, role.start - 4), role.start):
            if m.kind in {"council", "org"} and all(
                t.lower_ in ctx.lex.possessive_gap
                or (t.is_punct and t.text != ",")
                or ctx.mention_at(t.i) is m
                for t in doc[m.end : role.start]
            ):  # not across a comma: "director at Blackpool Council, chief executive at Copeland"
                near.append(m)
    # "coming from Luton Borough Council, where she was corporate director": the body "where" stands for
    verb = role.root.head
    if verb.dep_ == "prep" and verb.lower_ == "as":
        verb = verb.head  # "where he served as interim director"
    if not near and verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
        body = ctx.mention_at(verb.head.i)
        if body is not None and body.kind in {"council", "org"}:
            near.append(body)
    # "the trust's chief executive": the one trust the article names
    if not near and role.start >= 2 and doc[role.start - 1].lower_ in {"'s", "’s"}:
        key = ctx.body_by_noun(doc[role.start - 2])
        if key is not None:
            return key, None
    if not near and (its := _its_body(role, ctx)) is not None:
        return its, None
    # "at/of/for/in/with X" just after the title (not after "and" and a second title, whose body
    # it is: "director for children's services and chief executive for Children First")
    if not near:
        k = role.end
        while k < min(sent.end, role.end + 6):
            if doc[k].lower_ in {"and", "&"} and any(r.start == k + 1 for r in ctx.roles):
                break
            nxt = ctx.mention_at(k)
            if (
                nxt is None
                and doc[k].pos_ == "NOUN"
                and doc[k].lower_ in ctx.lex.provider_words
                and any(t.lower_ in ctx.lex.indefinite_determiners for t in doc[role.end : k])
            ):
                return None, None  # "a headteacher of a school in Devon": at a body not named, not at Devon
            if nxt is None and doc[k - 1].lower_ == "the" and doc[k].pos_ == "NOUN":
                # "chair of the board at the trust": the one trust the article names
                key = ctx.body_by_noun(doc[k])
                if key is not None and any(t.lower_ in {"at", "of", "for"} for t in doc[role.end : k]):
                    return key, None
            if (
                nxt is not None
                and nxt.kind == "council"
                and nxt.end < len(doc)
                and doc[nxt.end].lower_ in ctx.lex.provider_words
            ):
                return None, None  # "a headteacher at a Wiltshire school": the place names the school
            if nxt is not None and nxt.kind in {"council", "org"}:
                if any(t.lower_ in {"at", "of", "for", "in", "with"} for t in doc[role.end : k]):
                    near.append(nxt)
                break
            if nxt is not None and nxt.kind == "person":
                break
            k += 1
    council_other = role_id == "Other" and bool(ctx.lex.council_other_heads & {t.lower_ for t in role})
    for m in near:
        if m.kind == "council" or (role_id not in ctx.lex.party_roles and not council_other):
            return m.key, m
    if role_id == "Inspector":  # "the chief inspector": of the inspectorate the article names
        inspectorates = [
            m
            for m in ctx.mentions
            if m.kind == "org" and ctx.facts.entities[m.key].org_kind == "inspectorate"
        ]
        key = Context.most_mentioned(inspectorates)
        return (key, None) if key else (None, None)
    if (
        role_id in ctx.lex.council_roles
        and ctx.home_council
        and not (role_id in ctx.lex.officer_roles and _names_another_body(role, ctx))
    ):
        return ctx.home_council, None
    if council_other and ctx.home_council:
        return ctx.home_council, None  # "the opposition spokesperson for children": at the council
    if ctx.home_body and not ctx.home_council and role_id not in ctx.lex.party_roles:
        return ctx.home_body, None  # an article about a trust, company or club: its own officers
    return None, None


def _names_another_body(role: Span, ctx: Context) -> bool:
    """ "director of the London Mayor's new Violence Reduction Unit": a bare officer's title
    followed by the name of a body the article's recognisers did not read is that body's post,
    not one at the article's council ("the portfolio of Children and Families" is the council's)."""
    doc = ctx.doc
    if len(role) > 2 or role.end + 1 >= len(doc) or doc[role.end].lower_ not in {"of", "at"}:
        return False
    j = role.end + 1 + (doc[role.end + 1].lower_ == "the")
    return j < len(doc) and doc[j].text[:1].isupper() and ctx.mention_at(j) is None


def modified_role(role: Span, ctx: Context) -> str:
    """The post a title names once the word before it is read: "deputy" before "leader" is the
    deputy leader, "shadow" before "cabinet member" no cabinet post (``lexicon.role_modifiers``)."""
    if len(role) == 2 and role[1].lower_ == "deputy" and role[0].lower_ in {"his", "her", "their"}:
        return _deputy_of_owner(role, ctx) or role.id_
    words = [t.lower_ for t in role if t.lower_ not in {"interim", "acting", "new", "former"}]
    exact = ctx.lex.exact_titles.get(" ".join(words).replace(" 's", "'s").replace(" ’s", "’s"))
    if exact is not None:
        return exact  # "director of children's social care": under the director of children's services
    if role.start == 0:
        return role.id_
    before = ctx.doc[role.start - 1].lower_
    table = ctx.lex.role_modifiers.get(before)
    if table is None and role.start > 1 and ctx.doc[role.start - 1].text in {"-", "–"}:
        table = ctx.lex.role_modifiers.get(ctx.doc[role.start - 2].lower_)
    if table is None:
        return role.id_
    return table.get(role.id_, table.get("*", role.id_))


def _deputy_of_owner(role: Span, ctx: Context) -> str | None:
    """ "X was elected leader. His deputy, Y, ...": the deputy of the one "his" stands for is
    the deputy of that person's post, read with ``lexicon.role_modifiers["deputy"]`` (a leader's
    deputy is the deputy leader, a director's a senior officer); None when that person's title in
    this sentence or the one before is not known."""
    owner = resolve_pronoun(role[0], ctx)
    table: Mapping[str, str] = ctx.lex.role_modifiers.get("deputy", {})
    if owner is None:
        return None
    first = ctx.doc[role.sent.start - 1].sent.start if role.sent.start > 0 else role.sent.start
    for title in ctx.roles:
        if first <= title.start < role.start and title.id_ in table:
            holder = holder_of(title, ctx)
            if holder is not None and holder[0].key == owner.key:
                return table[title.id_]
    return None


def role_label(role: Span) -> str:
    """The title as written, without the punctuation a pattern may take in at its edge."""
    return role.text.strip(" ,;:-–—")


def role_at(role_id: str, org: str, ctx: Context) -> str:
    """The role as held at ``org``: an officer's title at an inspectorate is an inspector's
    ("Ofsted's national director"); a council-only title at another body is Other ("the trust's director")."""
    if role_id in ctx.lex.inspectorate_roles and not org.startswith("council:"):
        entity = ctx.facts.entities.get(org)
        if entity is not None and entity.org_kind == "inspectorate":
            return "Inspector"
    if role_id in ctx.lex.council_only_roles and not org.startswith("council:"):
        return "Other"
    return role_id


def councillor_title(m: Mention, ctx: Context) -> Token | None:
    """The "Cllr"/"councillor" word that titles the person named at ``m``, directly or at the head
    of a list ("Councillors A, B and C"): the word, or None."""
    doc, titles = ctx.doc, ctx.lex.councillor_titles
    i = m.start - 1
    while i >= 0:
        tok = doc[i]
        if tok.lower_ in titles:
            return tok
        listed = ctx.mention_at(i)
        if listed is not None and listed.kind == "person":
            i = listed.start - 1  # another name of the list
        elif tok.text in {",", "and", "&"}:
            i -= 1
        elif tok.text == ")" and (opened := _bracket_opened(i, ctx)) is not None:
            i = opened - 1  # "Cllrs A (Ind), B (Lib Dem) and C": a party tag after each name
        else:
            return None
    return None


def _bracket_opened(close: int, ctx: Context) -> int | None:
    """Where the short bracket that ends at ``close`` opens ("(Lib Dem)", "(Con, Hartley ward)"),
    or None when there is none within a few words or it holds a person's name."""
    doc = ctx.doc
    for j in range(close - 1, max(-1, close - 7), -1):
        if doc[j].text == "(":
            named = any(m.kind == "person" for m in ctx.mentions_in(j, close))
            return None if named else j
        if doc[j].text in {")", "\n"} or doc[j].is_space:
            return None
    return None


def is_councillor(person: str, ctx: Context) -> bool:
    """Whether the article titles ``person`` councillor anywhere ("Cllr Jo Roe ... Ms Roe")."""
    return any(m.key == person and councillor_title(m, ctx) is not None for m in ctx.mentions)


def councillor_posts(ctx: Context, posts: list[Post]) -> list[Post]:
    """A person the article titles councillor ("Cllr Jane Roe", "councillors A and B") and gives
    no other post at a council holds the post of Councillor: at the council named just before
    the title ("Leeds City Council councillor X"), or else the article's own council. Once per
    person: the first such mention is the evidence."""
    held = {p.person for p in posts if p.organisation.startswith("council:")}
    found: dict[str, Post] = {}
    for m in ctx.mentions:
        if m.kind != "person" or m.key in held or m.key in found:
            continue
        title = councillor_title(m, ctx)
        if title is None:
            continue
        near = [
            c
            for c in ctx.mentions_in(max(title.sent.start, title.i - 5), title.i, "council")
            if all(t.is_punct or t.lower_ in ctx.lex.possessive_gap for t in ctx.doc[c.end : title.i])
        ]
        council = near[-1].key if near else ctx.home_council
        if council is None:
            continue
        ev = ctx.evidence(near[-1] if near else title, m)
        found[m.key] = Post(m.key, council, "Councillor", title.text, ev)
    return list(found.values())


def leaders_of_named_bodies(ctx: Context) -> None:
    """ "Kingston leader Derek Osbourne", "Lib Dem leader Cllr Ann Roe": a bare "leader" right
    after a council's name is its leader, right after a party's name the party group's leader
    (at the article's council); "stood down as leader", "has been leader", "became the leader"
    and "Leader Jo Roe" at the head of a sentence name the leader of the article's council.
    Added to ``ctx.roles`` so that every extractor reads them."""
    in_roles = {i for r in ctx.roles for i in range(r.start, r.end)}
    added: list[Span] = []
    for tok in ctx.tokens_with((), {"leader"}):
        i = tok.i
        if i in in_roles:
            continue
        nxt = ctx.doc[i + 1] if i + 1 < len(ctx.doc) else None
        before = ctx.doc[i - 1] if i > 0 else None
        own = nxt is None or nxt.lower_ != "of"  # not "leader of the opposition"
        named_next = ctx.mention_at(i + 1)
        titling = (  # "Leader Jo Roe" at the head of a sentence
            tok.text == "Leader"
            and (before is None or before.is_sent_start or before.is_punct)
            and named_next is not None
            and named_next.kind == "person"
        )
        k = i + 1 + (nxt is not None and nxt.text == ",")
        councillor_next = (  # "leader Cllr Jo Roe", "the leader, Coun Jo Roe": a councillor leads
            k + 1 < len(ctx.doc)
            and ctx.doc[k].lower_ in ctx.lex.councillor_titles
            and (after := ctx.mention_at(k + 1)) is not None
            and after.kind == "person"
            and (before is None or (before.ent_type_ != "NORP" and ctx.mention_at(before.i) is None))
            and (before is None or before.lower_ not in ctx.lex.party_short_names)
        )
        plainly_titling = (  # "announced by leader Jo Roe": a bare title after a function word
            tok.is_lower
            and named_next is not None
            and named_next.kind == "person"
            and before is not None
            and before.pos_ in {"ADP", "VERB", "AUX", "PUNCT", "DET", "CCONJ", "SCONJ"}
        )
        copular = (  # "Jo Roe has been leader for ten years", "she became the leader", "was elected leader"
            tok.dep_ in {"attr", "oprd"}
            and (
                tok.head.lemma_ in {"be", "become"}
                or (tok.dep_ == "oprd" and tok.head.lemma_.lower() in ctx.lex.appointment_object_verbs)
            )
            and before is not None
            and (before.pos_ in {"AUX", "VERB"} or before.lower_ == "the")
        )
        if (
            own
            and ctx.home_council
            and (
                (before is not None and before.lower_ == "as")
                or titling
                or councillor_next
                or plainly_titling
                or copular
            )
        ):
            added.append(Span(ctx.doc, i, i + 1, label="ROLE", span_id="CouncilLeader"))
            continue
        if nxt is not None and nxt.lower_ == "of":
            # "the leader of Sefton Conservatives", "leader of the Labour group": a party's group leader
            k = i + 2 + (i + 2 < len(ctx.doc) and ctx.doc[i + 2].lower_ == "the")
            place = ctx.mention_at(k) if k < len(ctx.doc) else None
            after_place = ctx.doc[place.end] if place is not None and place.end < len(ctx.doc) else None
            if (
                place is not None
                and place.kind == "council"
                and (after_place is None or after_place.is_punct or after_place.pos_ in {"VERB", "AUX"})
            ):
                # "Leader of BCC, Cllr Jo Roe": the council's leader (not "leader of X's Labour group")
                added.append(Span(ctx.doc, i, place.end, label="ROLE", span_id="CouncilLeader"))
                continue
            if place is not None and place.kind == "council":
                k = place.end + (place.end < len(ctx.doc) and ctx.doc[place.end].lower_ in {"'s", "’s"})
            elif place is None and k + 1 < len(ctx.doc) and ctx.doc[k].pos_ == "PROPN":
                k += 1  # the place name before the party's, read as no council ("Sefton Conservatives")
            party = ctx.mention_at(k) if k < len(ctx.doc) else None
            if (
                party is not None
                and party.kind == "org"
                and ctx.facts.entities[party.key].org_kind == "party"
            ):
                added.append(Span(ctx.doc, i, party.end, label="ROLE", span_id="GroupLeader"))
                continue
        if i == 0:
            continue
        j = i - 1
        if ctx.doc[j].lower_ in {"'s", "’s"} and j > 0:
            j -= 1
        named = ctx.mention_at(j)
        if named is None:
            continue
        kind = ctx.facts.entities[named.key].org_kind if named.kind == "org" else None
        role = "CouncilLeader" if named.kind == "council" else "GroupLeader" if kind == "party" else None
        if role is not None:
            added.append(Span(ctx.doc, named.start, i + 1, label="ROLE", span_id=role))
    ctx.add_roles(added)


def bracketed_portfolios(ctx: Context) -> list[Post]:
    """ "Also joining the cabinet are Cllr Ann Roe (adults and health), Cllr Tom Hale (resources)":
    in a sentence about the cabinet or portfolios, a councillor's name followed by a bracket of
    lower-case words is a cabinet member with that portfolio, at the article's council."""
    doc, lex = ctx.doc, ctx.lex
    if ctx.home_council is None:
        return []
    found: list[Post] = []
    for m in ctx.mentions:
        if m.kind != "person" or m.end + 2 >= len(doc) or doc[m.end].text != "(":
            continue
        close = next((k for k in range(m.end + 1, min(len(doc), m.end + 8)) if doc[k].text == ")"), None)
        if close is None or close == m.end + 1:
            continue
        inside = doc[m.end + 1 : close]
        if not all(t.is_lower or t.text in {",", "&"} for t in inside):
            continue  # "(Conservative, Bickleigh & Wembury)": a party and a ward, not a portfolio
        if (
            not {t.lower_ for t in doc[m.start].sent} & set(lex.portfolio_cues)
            or councillor_title(m, ctx) is None
        ):
            continue
        found.append(Post(m.key, ctx.home_council, "CabinetMember", inside.text, ctx.evidence(m, doc[close])))
    return found


def owned_cabinet_jobs(ctx: Context) -> list[Post]:
    """ "she would not be resigning her cabinet position", "stripped of his cabinet role": a cabinet
    job someone's own (its possessor a name, or a he/she resolved) says they are a cabinet member,
    at the article's council, whatever is said to happen to the job."""
    lex = ctx.lex
    found: list[Post] = []
    if ctx.home_council is None:
        return found
    for tok in ctx.tokens_with((), {"cabinet"}):
        job = tok.head
        if tok.dep_ != "compound" or job.lower_ not in lex.job_nouns:
            continue
        poss = next((c for c in job.children if c.dep_ == "poss"), None)
        owner = (ctx.mention_at(poss.i) or resolve_pronoun(poss, ctx)) if poss is not None else None
        if owner is None or owner.kind != "person":
            continue
        ev = ctx.evidence(poss, job) if ctx.doc[owner.start].sent != tok.sent else ctx.evidence(owner, job)
        found.append(Post(owner.key, ctx.home_council, "CabinetMember", f"{tok.text} {job.text}", ev))
    return found


def portfolios_held(ctx: Context) -> tuple[list[Post], list[Post]]:
    """ "Cllr X will hold the SEND and education portfolio", "Cllr Y keeps the housing brief": a
    person who holds, keeps or takes a portfolio (``lexicon.portfolio_holding_verbs``, the noun its
    object) is a cabinet member, at the council named in the object or the article's council,
    whatever the portfolio is called. Returns the posts, and those taken ("takes the housing
    portfolio": lexicon ``portfolio_taking_verbs``), which are appointments too."""
    lex = ctx.lex
    found: list[Post] = []
    taken: list[Post] = []
    for noun in ctx.tokens_with((), lex.portfolio_nouns):
        # "takes the children and young people portfolio": the parser may make the noun a conjunct
        obj = noun.head if noun.dep_ == "conj" and noun.head.dep_ == "dobj" else noun
        verb = obj.head
        if obj.dep_ != "dobj" or verb.lemma_.lower() not in lex.portfolio_holding_verbs:
            continue
        lefts = list(noun.lefts)
        if any(c.lower_ in lex.indefinite_determiners for c in lefts) or not any(
            c.dep_ in {"compound", "amod", "nmod", "poss"} for c in lefts
        ):
            continue  # "has a brief to review the budget": no one's portfolio
        if blocked(verb, ctx, set(lex.blocking_heads)):
            continue
        named = ctx.mentions_in(noun.left_edge.i, noun.i, "council")
        org = named[-1].key if named else ctx.home_council
        if org is None:
            continue
        takes = verb.lemma_.lower() in lex.portfolio_taking_verbs
        label = ctx.doc[noun.left_edge.i : noun.i + 1]
        for person in subjects(verb, ctx, objects=False)[0]:
            post = Post(person.key, org, "CabinetMember", label.text, ctx.evidence(person, noun))
            found.append(post)
            if takes:
                taken.append(post)
    return found, taken


def portfolio_lines(ctx: Context) -> tuple[list[Post], list[Post]]:
    """A cabinet announced as a list, one line a member, after a line about the cabinet or its
    portfolios that ends in a colon ("The cabinet members and their portfolios are:" then
    "Children and families – Cllr Ann Roe", "Cllr Tom Hale: resources"): each line with one
    person and a dash or colon between the name and a portfolio of a few words, and no verb, is a
    cabinet member with that portfolio, at the article's council. The list ends at the first line
    of another shape. Returns the posts, and those of them the introductory line announces as new
    (lexicon ``new_cabinet_words``), which are appointments too."""
    doc, lex, org = ctx.doc, ctx.lex, ctx.home_council
    if org is None:
        return [], []
    cues, new_words = set(lex.portfolio_cues), set(lex.new_cabinet_words)
    found: list[Post] = []
    announced: list[Post] = []
    listing = new = False
    for start, line in _lines(ctx.article.text):
        if not line.strip():
            continue
        if line.rstrip().endswith(":"):  # only a line ending in a colon can open a list
            words = {w.lower().strip(".,:;") for w in line.split()}
            if words & cues:
                listing, new = True, bool(words & new_words)
                continue
        span = doc.char_span(start, start + len(line.rstrip()), alignment_mode="expand") if listing else None
        post = _portfolio_line(span, org, ctx) if span is not None else None
        if post is None:
            listing = False
            continue
        found.append(post)
        if new:
            announced.append(post)
    return found, announced


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line of ``text`` with its start offset."""
    at = 0
    for line in text.split("\n"):
        yield at, line
        at += len(line) + 1


def _portfolio_line(line: Span, org: str, ctx: Context) -> Post | None:
    """ "Children and families – Cllr Ann Roe" or "Cllr Ann Roe: resources" as a cabinet post."""
    people = ctx.mentions_in(line.start, line.end, "person")
    marks = [
        t
        for t in line
        if t.text in {"–", "—", ":"}
        or (t.text == "-" and t.whitespace_ and t.i > line.start and t.nbor(-1).whitespace_)
    ]
    if len(people) != 1 or len(marks) != 1 or any(t.pos_ in {"VERB", "AUX"} for t in line):
        return None
    person, mark = people[0], marks[0]
    titles = ctx.lex.councillor_titles
    if person.start > mark.i:
        words = ctx.doc[line.start : mark.i]
        named = ctx.doc[mark.i + 1 : line.end]
    else:
        words = ctx.doc[mark.i + 1 : line.end]
        named = ctx.doc[line.start : mark.i]
    if not 0 < len(words) <= 8 or any(ctx.mention_at(t.i) is not None for t in words):
        return None
    if any(
        t.i not in range(person.start, person.end) and t.lower_ not in titles and not t.is_punct
        for t in named
    ):
        return None  # more than a name (and its Cllr) on the name's side
    return Post(person.key, org, "CabinetMember", words.text, ctx.evidence(line))


def portfolios_of_councillors(ctx: Context) -> None:
    """ "Cllr Jo Roe, who is responsible for children's services", "Councillor Jo Roe, in charge
    of children and families": a councillor responsible for a council service holds its
    portfolio, a cabinet member's post. The words from "responsible" (or "in charge") to the end of
    the service are added to ``ctx.roles`` as that title, so every extractor reads them."""
    doc, lex = ctx.doc, ctx.lex
    in_roles = {i for r in ctx.roles for i in range(r.start, r.end)}
    added: list[Span] = []
    for tok in ctx.tokens_with((), {"responsible", "charge", "responsibility"}):
        i = tok.i
        if i in in_roles or i + 2 >= len(doc):
            continue
        held_by: Mention | None = None
        if tok.lower_ == "responsible" and doc[i + 1].lower_ == "for":
            start = i
        elif tok.lower_ == "charge" and i > 0 and doc[i - 1].lower_ == "in" and doc[i + 1].lower_ == "of":
            start = i - 1
        elif (
            tok.lower_ == "responsibility"
            and doc[i + 1].lower_ == "for"
            and (
                doc[i - 1].lower_ in {"cabinet", "political"}
                or (tok.dep_ == "dobj" and tok.head.lemma_.lower() in lex.giving_verbs)
            )
        ):
            # "X will retain her cabinet responsibility for education", "who had political responsibility for
            # social work", "X has been handed responsibility for children's services": the one who has
            # it (the verb's subject) holds the portfolio
            start = i - 1 if doc[i - 1].lower_ in {"cabinet", "political"} else i
            people, _anchor = subjects(tok.head, ctx, objects=False) if tok.dep_ == "dobj" else ([], None)
            held_by = people[0] if people else None
        else:
            continue
        end = i + 2
        while end < len(doc) and doc[end].lower_ in lex.portfolio_words:
            end += 1
        if not any(
            t.lower_ in lex.portfolio_words
            and t.is_alpha
            and t.lower_ not in lex.portfolio_gap
            and t.lower_ not in {"and", "council"}
            for t in doc[i + 2 : end]
        ):
            continue  # "responsible for the delay": no service
        j = start - 1
        while j > tok.sent.start and doc[j].lower_ in lex.portfolio_gap:
            j -= 1
        person = held_by or ctx.mention_at(j)
        if person is not None and person.kind == "person" and councillor_title(person, ctx) is not None:
            added.append(Span(doc, start, end, label="ROLE", span_id="CabinetMember"))
    ctx.add_roles(added)


def chairing_posts(ctx: Context) -> list[Post]:
    """ "The improvement board is chaired by X", "X chairs the scrutiny committee": the chair of
    the body named, or of the article's council for its own board, committee or panel."""
    lex = ctx.lex
    found: list[Post] = []
    for tok in ctx.tokens_with({"chair"}):
        if tok.pos_ != "VERB":
            continue
        agent = [c for c in tok.children if c.dep_ == "agent"]
        if agent:
            people = [m for t in agent[0].subtree for m in [ctx.mention_at(t.i)] if m and m.kind == "person"][
                :1
            ]
            body = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if body is None and tok.dep_ == "acl":
                body = tok.head  # "a board chaired by X"
        else:
            people, _anchor = subjects(tok, ctx, objects=False)
            body = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if not people or body is None:
            continue
        named = next(
            (
                m
                for m in ctx.mentions_in(body.left_edge.i, body.right_edge.i + 1)
                if m.kind in {"council", "org"}
            ),
            None,
        )
        owner = next((c for c in body.children if c.dep_ == "poss"), None)  # "the trust's board"
        by_noun = ctx.body_by_noun(owner) if owner is not None else None
        org = (
            named.key
            if named is not None
            else by_noun or (ctx.home_council if body.lower_ in lex.council_bodies else None)
        )
        if org is None:
            continue
        person = people[0]
        ev = ctx.evidence_of(person, tok, body)
        found.append(Post(person.key, org, "Chair", tok.text, ev))
    return found


def body_run(run: Token, obj: Token, ctx: Context) -> tuple[str | None, str, Span] | None:
    """What running ``obj`` makes one (``lexicon.run_posts``): a named organisation or "the
    trust" its chief executive, a council's children's services department its director of
    children's services, a council its chief executive; with the body (None when it cannot be
    read) and the words from ``run`` to the object's end; None when the object is none of these."""
    lex = ctx.lex
    said = ctx.doc[min(run.i, obj.left_edge.i) : max(run.i, obj.right_edge.i) + 1]
    # what is run is the object's head ("to lead the transfer of its services" runs a transfer)
    named = [m for m in ctx.mentions_in(obj.left_edge.i, obj.i + 1) if m.end > obj.i]
    org = next((m for m in named if m.kind == "org"), None)
    council = next((m for m in named if m.kind == "council"), None) or _owner_council(obj, ctx)
    if org is not None:
        return org.key, lex.run_posts["body"], said
    if obj.lower_ in lex.org_words and obj.lower_ not in lex.org_context_nouns:
        # "the trust", or a trust's name read in part: the one trust the article names
        return ctx.body_by_noun(obj), lex.run_posts["body"], said
    if obj.lower_ in lex.department_words:
        place = council.key if council is not None else ctx.home_council
        return place, lex.run_posts["service"], said
    if council is not None:
        return council.key, lex.run_posts["council"], said
    if obj.lower_ in lex.led_bodies and lex.led_bodies[obj.lower_] == "CouncilLeader" and ctx.home_council:
        return ctx.home_council, lex.run_posts["council"], said  # "in charge of the council"
    return None


def _owner_council(obj: Token, ctx: Context) -> Mention | None:
    """The council that owns ``obj`` through a chain of possessives ("Devon's children's
    services": Devon owns children, children own services), when the parser reads it so."""
    tok = obj
    while True:
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None:
            return None
        m = ctx.mention_at(owner.i)
        if m is not None and m.kind == "council":
            return m
        tok = owner


def _charge_of(tok: Token) -> Token | None:
    """The object of "in charge of" on the being verb ("X has been in charge of the trust")."""
    if tok.lower_ != "charge" or tok.head.lower_ != "in" or tok.head.head.lemma_ != "be":
        return None
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _the_department(noun: Token, ctx: Context) -> bool:
    """ "the department" alone in an article about children's services, in a sentence that names no
    adults' service: that department ("to head up the department", "the head of the department")."""
    sent_words = {t.lower_ for t in noun.sent}
    return (
        noun.lower_ in {"department", "directorate"}
        and ctx.about_childrens_services
        and not any(c.dep_ in {"amod", "compound", "poss"} for c in noun.children if c.lower_ not in {"the"})
        and not sent_words & set(ctx.lex.adult_service_words)
    )


def shortened_titles(ctx: Context) -> None:
    """ "Tower Hamlets' corporate director of children's services, X ... Y will act up as corporate
    director": a generic title (a senior officer's, or another's) that is the opening words of a
    fuller title written earlier in the article, followed there by "of"/"for", is that title
    shortened, and names its post."""
    skip = set(ctx.lex.name_apposition_gap)
    generic = set(ctx.lex.shortenable_roles)

    def words(span: Span) -> list[str]:
        out = [t.lower_ for t in span]
        while out and out[0] in skip:
            out.pop(0)
        return out

    roles = ctx.roles
    written = [words(r) for r in roles]  # once per title, not once per pair
    for n, short in enumerate(roles):
        if short.id_ not in generic:
            continue
        said = written[n]
        for full, long in zip(roles[:n], written[:n], strict=True):
            if (
                full.id_ not in generic
                and len(long) > len(said) + 1
                and long[: len(said)] == said
                and long[len(said)] in {"of", "for"}
            ):
                roles[n] = Span(ctx.doc, short.start, short.end, label=short.label_, span_id=full.id_)
                break


def department_heads(ctx: Context) -> None:
    """ "department head X", "department director X", "X has been the head of the department": in
    an article about children's services, the head of "the department" is its director of
    children's services; the words are added to ``ctx.roles`` as that title."""
    doc = ctx.doc
    in_roles = {i for r in ctx.roles for i in range(r.start, r.end)}
    added: list[Span] = []
    for tok in ctx.tokens_with((), {"department", "directorate"}):
        if tok.i in in_roles or not _the_department(tok, ctx):
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if (
            nxt is not None
            and nxt.lower_ in {"head", "director"}
            and (tok.i == 0 or doc[tok.i - 1].lower_ != "the")
        ):
            added.append(Span(doc, tok.i, tok.i + 2, label="ROLE", span_id="DirectorOfChildrensServices"))
        elif (
            tok.i >= 3
            and doc[tok.i - 1].lower_ == "the"
            and doc[tok.i - 2].lower_ == "of"
            and doc[tok.i - 3].lower_ in {"head", "director"}
            and tok.i - 3 not in in_roles
        ):
            added.append(Span(doc, tok.i - 3, tok.i + 1, label="ROLE", span_id="DirectorOfChildrensServices"))
    ctx.add_roles(added)


def running_posts(ctx: Context) -> list[Post]:
    """ "X heads up the Fenwick Children's Trust", "X, who runs the trust", "X has been in charge
    of Brindle Hospitals NHS Trust", "X has run Leeds' children's services department since
    2019": running a named body is its chief executive's post, a council's children's services
    its director's (``body_run``). Running a council is left to ``leading_posts`` (its leader),
    and a body that is a party, an inspectorate or a government department is not run by a
    chief executive here (``home_body_excluded_kinds``). Infinitives ("appointed to run") are
    appointments, read there; a verb under a negation, modal or call states nothing."""
    lex = ctx.lex
    excluded = set(lex.home_body_excluded_kinds)
    blockers = set(lex.blocking_heads)
    found: list[Post] = []
    for tok in ctx.tokens_with(set(lex.run_verbs), {"charge"}):
        obj = _charge_of(tok)
        verb = tok.head.head if obj is not None else tok
        if obj is None and tok.pos_ == "VERB":
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if (
            obj is None
            or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            or blocked(verb, ctx, blockers)
        ):
            continue
        run = body_run(verb if tok.lower_ == "charge" else tok, obj, ctx)
        if run is None:
            continue
        org, role, said = run
        if org is None:
            continue
        by_councillor = False
        if org.startswith("council:") and role != lex.run_posts["service"]:
            # a council is led by its leader, run by its chief executive: the verb does not say
            # which, but a councillor in charge of the council is its leader
            role, by_councillor = lex.run_posts["council_by_councillor"], True
        if role == lex.run_posts["service"] and not (
            any(t.lower_ in lex.child_words for t in obj.subtree) or _the_department(obj, ctx)
        ):
            continue  # which department is run: only children's services is a post here
        entity = ctx.facts.entities.get(org)
        if entity is not None and entity.org_kind in excluded:
            continue
        doc = ctx.doc
        if any(
            m.key == org
            and m.end + 1 < len(doc)
            and doc[m.end].lower_ in {"and", "&"}
            and doc[m.end + 1].text[:1].isupper()
            for m in ctx.mentions_in(said.start, said.end)
        ):
            continue  # "in charge of the Royal Blackburn and Burnley General": bodies, or a name read in part
        people, _anchor = subjects(verb, ctx, objects=False)
        for person in people:
            if by_councillor and not is_councillor(person.key, ctx):
                continue
            found.append(Post(person.key, org, role, said.text, ctx.evidence_of(person, verb, said)))
    return found


def leading_posts(ctx: Context) -> list[Post]:
    """ "X, who has led the council since 2018", "X leads the Labour group": leading a council is
    its leader's post, a party group its group leader's (``lexicon.led_bodies``)."""
    from_words = ctx.lex.led_bodies
    found: list[Post] = []
    for tok in ctx.tokens_with({"lead"}):
        if tok.pos_ != "VERB":
            continue
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if obj is None and agent is not None:
            # "The council had been led by X since 2021": the passive's subject is what X leads
            obj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            people = people_in(list(agent.subtree), ctx) if obj is not None else []
        elif obj is not None:
            people = subjects(tok, ctx, objects=False)[0]
        if obj is None:
            continue
        if obj.lower_ in ctx.lex.department_words:
            continue  # "to lead Devon's children's services": a department's head, read by body_run
        council = next((m for m in ctx.mentions_in(obj.left_edge.i, obj.i + 1, "council")), None)
        role = from_words.get(obj.lower_)
        if council is None and role is None:
            continue
        org = council.key if council is not None else ctx.home_council
        if org is None:
            continue
        for person in people:
            ev = ctx.evidence_of(person, tok, obj) if agent is None else ctx.evidence(obj, person)
            found.append(Post(person.key, org, role or "CouncilLeader", f"{tok.text} {obj.text}", ev))
    return found


def _conjoined_people(person: Mention, ctx: Context) -> list[Mention]:
    """The other people coordinated with ``person`` in the parse ("A, B and C")."""
    root = ctx.doc[person.start : person.end].root
    out: list[Mention] = []
    # "A, B, and C": the parser may make B an apposition of A within the coordination
    listed = [*root.conjuncts, *(c for c in root.children if c.dep_ == "appos")] if root.conjuncts else []
    for tok in listed:
        m = ctx.mention_at(tok.i)
        if m is not None and m.kind == "person" and m.key != person.key and m not in out:
            out.append(m)
    return out


def _describes_a_career(role: Span, ctx: Context) -> bool:
    """ "Jill Fox, an experienced director of children's services": a title in apposition after
    "a"/"an" (past adjectives and adverbs) says what the person is or was somewhere, not a post at
    this article's council; with a body named beside it ("a director at Luton") it is a post there."""
    i = role.start - 1
    while i >= 0 and (ctx.doc[i].pos_ in {"ADJ", "ADV"} and ctx.doc[i].lower_ not in {"then"}):
        i -= 1
    if i < 1 or ctx.doc[i].lower_ not in ctx.lex.indefinite_determiners:
        return False
    return ctx.doc[i - 1].text == ","  # in apposition to a name; "X was a cabinet member" is a post


def _listed_after(body: Mention, ctx: Context) -> list[Mention]:
    """Bodies of the same kind listed right after ``body`` ("at Newham, Richmond and Tameside",
    "Richmond Council and Tameside Council"): joined by commas and "and"/"&", over names that
    are no mention of their own (a place the gazetteer could not place)."""
    doc = ctx.doc
    listed: list[Mention] = []
    k = body.end
    while k < len(doc) and doc[k].sent == doc[body.start].sent:
        m = ctx.mention_at(k)
        if m is not None:
            if m.kind != body.kind:
                break
            listed.append(m)
            k = m.end
        elif doc[k].lower_ in {",", "and", "&"} or (
            doc[k].pos_ == "PROPN" and doc[k - 1].lower_ in {",", "and", "&"}
        ):
            k += 1
        else:
            break
    return [m for m in listed if m.key != body.key]


def _of_a_group(role: Span, ctx: Context) -> bool:
    """Whether a council leader's title goes on with the council's party group: "leader of Derby
    City Council's Conservative group", "... Labour group"."""
    doc = ctx.doc
    k = role.end
    if k >= len(doc) or doc[k].lower_ not in {"'s", "’s"}:
        return False
    words = [t.lower_ for t in doc[k + 1 : k + 4]]
    party = ctx.mention_at(k + 1)
    return "group" in words or (
        party is not None and party.kind == "org" and ctx.facts.entities[party.key].org_kind == "party"
    )


def _giving_verb(role: Span, ctx: Context) -> Token | None:
    """The appointing verb a title is the complement of ("appoint X as commissioner", "was made
    director"), or None."""
    root = role.root
    verb = root.head.head if root.head.lower_ == "as" and root.dep_ == "pobj" else root.head
    if root.dep_ in {"oprd", "attr", "pobj"} and verb.lemma_.lower() in ctx.lex.appointment_verbs:
        return verb
    return None


def extract_posts(ctx: Context) -> list[Post]:
    """Every (person, role, organisation) the article states."""
    found: list[Post] = []
    known_orgs = {i for m in ctx.mentions if m.kind == "org" for i in range(m.start, m.end)}
    for role in ctx.roles:
        if known_orgs.intersection(range(role.start, role.end)) and role.id_ in {"Commissioner", "Other"}:
            continue  # "Children's Commissioner" is an office, not a title here
        holder = holder_of(role, ctx)
        if holder is None:
            continue
        giving = _giving_verb(role, ctx)
        if giving is not None and blocked(giving, ctx, set(ctx.lex.blocking_heads)):
            continue  # "minded to appoint X as commissioner", "was not appointed as director": not held
        person, how = holder
        role_id = modified_role(role, ctx)
        if role_id == "CouncilLeader" and _of_a_group(role, ctx):
            role_id = "GroupLeader"  # "leader of Derby City Council's Conservative group"
        if role_id in ctx.lex.officer_roles and councillor_title(person, ctx) is not None:
            # "children's services chief Cllr Jo Roe": an elected member leads a service as its
            # cabinet member; a councillor holds no officer's post
            role_id = ctx.lex.officer_roles[role_id]
            if not role_id:
                continue
        org, org_mention = organisation_of(role, role_id, ctx)
        if org is None or (org_mention is None and _describes_a_career(role, ctx)):
            continue
        named_here = ctx.doc[person.start].sent == role.sent
        # a holder named in an earlier sentence ("She was previously director"): the quote is the
        # title's sentence up to the title, with its pronoun
        ev = ctx.evidence(role, person) if named_here else ctx.evidence(role.sent[0], role)
        if org_mention is not None and abs(org_mention.start - role.start) <= 6:
            ev = ctx.evidence(role, person if named_here else role.sent[0], org_mention)
        found.append(Post(person.key, org, role_at(role_id, org, ctx), role_label(role), ev))
        if org_mention is not None:
            # "director of children's services at Newham, Richmond and Tameside": at each
            for listed in _listed_after(org_mention, ctx):
                ev2 = ctx.evidence(role, person if named_here else role.sent[0], listed)
                found.append(
                    Post(person.key, listed.key, role_at(role_id, listed.key, ctx), role_label(role), ev2)
                )
        between = {t.lower_ for t in ctx.doc[person.end : role.start]}
        plural = role.root.tag_ in {"NNS", "NNPS"} and how.startswith("after")  # "inspectors A and B"
        if how == "parse" or plural or (how.startswith("before") and "who" in between):
            # "Cllrs A, B and C, who chair the committees": each of them (not one with a title of
            # its own: "A, the interim director, and Cllr B, who held the portfolio" is B's)
            for mate in _conjoined_people(person, ctx):
                sent = role.sent
                if any(
                    p.person == mate.key and sent.start_char <= p.evidence.start < sent.end_char
                    for p in found
                ):
                    continue
                found.append(
                    Post(
                        mate.key, org, role_at(role_id, org, ctx), role_label(role), ctx.evidence(mate, role)
                    )
                )
        # "Z, director for children's services and chief executive for Children First": the
        # second title, with no holder of its own, is Z's too
        k = role.end
        if k + 1 < len(ctx.doc) and ctx.doc[k].lower_ in {"and", "&"}:
            for other in ctx.roles:
                if other.start == k + 1 and other.sent == role.sent and holder_of(other, ctx) is None:
                    org2, m2 = organisation_of(other, other.id_, ctx)
                    if org2:
                        found.append(
                            Post(
                                person.key,
                                org2,
                                role_at(other.id_, org2, ctx),
                                role_label(other),
                                ctx.evidence(person, other, m2),
                            )
                        )
        # "Deputy Leader of X and Cabinet Member for Y, Councillor Z": both titles are Z's
        k = role.start - 1
        if k > 0 and ctx.doc[k].lower_ in {"and", "&"}:
            for other in ctx.roles:
                if other.end == k and other.sent == role.sent:
                    org2, m2 = organisation_of(other, other.id_, ctx)
                    if org2:
                        found.append(
                            Post(person.key, org2, other.id_, other.text, ctx.evidence(other, person))
                        )
    return found
