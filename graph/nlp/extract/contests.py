"""Leadership contests: who won a council's (or a party group's) top job, and who lost it.

Local news tells a change of leader as a contest more often than as an appointment: "X lost a
leadership challenge to Y", "Leader X was defeated by Y for the top job", "Y won the leadership
contest", "Y defeated X in a leadership vote". The winner takes the leadership; a loser who held
it (their post is stated) leaves it. The contest nouns and verbs are data
(``lexicon.contest_nouns``, ``contest_win_verbs``, ``contest_defeat_verbs``).
"""

from __future__ import annotations

from spacy.tokens import Token

from councilgraph.graph.core.model import Appointment, Departure, Post
from councilgraph.graph.nlp.extract.clauses import blocked, people_in, post_of
from councilgraph.graph.nlp.extract.context import Context, Mention

__all__ = ["leadership_contests"]


def _about_leadership(verb: Token, ctx: Context) -> bool:
    """Whether the verb's clause names a contest for a leadership ("a leadership challenge", "for
    the top job", "the leadership")."""
    lex = ctx.lex
    for tok in verb.subtree:
        if tok.lower_ == "leadership" or (
            tok.lower_ == "job" and any(c.lower_ == "top" for c in tok.children)
        ):
            return True
        if tok.lower_ in lex.contest_nouns and any(c.lower_ == "leadership" for c in tok.children):
            return True
    return False


def _people(tokens: list[Token], ctx: Context) -> list[Mention]:
    return people_in([t for tok in tokens for t in tok.subtree], ctx)


def leadership_contests(ctx: Context, posts: list[Post]) -> tuple[list[Appointment], list[Departure]]:
    """The leadership each contest's winner takes, and the loser's leaving when the loser held it."""
    lex = ctx.lex
    blockers = set(lex.blocking_heads)
    won: list[Appointment] = []
    lost: list[Departure] = []
    verbs = {*lex.contest_win_verbs, *lex.contest_defeat_verbs, "lose"}
    leaderships = set(lex.led_bodies.values())  # a council's or a party group's leader
    for verb in ctx.tokens_with(verbs):
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or blocked(verb, ctx, blockers) or not _about_leadership(verb, ctx):
            continue
        subj = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        if lemma == "lose":  # "X lost a leadership challenge to Y"
            losers = _people(subj, ctx)
            # "to Y" after the contest, however the parser hangs it ("to councillor Y" may be read as a verb)
            to = next((t for t in verb.subtree if t.lower_ == "to" and t.i > verb.i), None)
            named = (
                ctx.mentions_in(to.i + 1, min(to.i + 5, verb.sent.end), "person") if to is not None else []
            )
            winners = named[:1]
        elif lemma in lex.contest_defeat_verbs and passive:  # "X was defeated by Y for the top job"
            losers = _people(subj, ctx)
            winners = _people([c for c in verb.children if c.dep_ == "agent"], ctx)
        elif lemma in lex.contest_defeat_verbs:  # "Y defeated X in a leadership vote"
            winners = _people(subj, ctx)
            losers = _people([c for c in verb.children if c.dep_ == "dobj"], ctx)
        else:  # "Y won the leadership contest"
            winners, losers = _people(subj, ctx), []
        held = [p for m in losers if (p := post_of(m.key, posts, ctx)) is not None and p.role in leaderships]
        role, org = (held[0].role, held[0].organisation) if held else ("CouncilLeader", ctx.home_council)
        if org is None:
            continue
        for m in winners[:1]:
            ev = ctx.evidence(verb, m, *losers)
            won.append(Appointment(m.key, org, role, "leader", ev))
        for post in held:
            loser = next(m for m in losers if m.key == post.person)
            lost.append(
                Departure(post.person, post.organisation, "Dismissal", ctx.evidence(loser, verb), post.role)
            )
    return won, lost
