"""Shared state for extracting one article: its Doc, lexicon, mentions and home council.

The Doc is built from the article text with furniture blanked (same length), so token offsets
are offsets into ``Article.text`` and quotes are cut from the real text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from councilgraph.graph.core.gazetteer import Gazetteer, load_gazetteer
from councilgraph.graph.core.model import Article, ArticleFacts, Entity, Evidence
from councilgraph.graph.core.rules import Lexicon, load_rules
from councilgraph.graph.nlp.language import SPAN_KEY

__all__ = ["Context", "Mention"]

QUOTE_CHARS = set("'\"‘’“”")


@dataclass
class Mention:
    """A council, organisation or person named at tokens ``[start, end)``; ``key`` as in ArticleFacts."""

    kind: str
    key: str
    start: int
    end: int
    titled: bool = False


@dataclass
class Context:
    """One article being extracted."""

    doc: Doc
    article: Article
    facts: ArticleFacts
    gazetteer: Gazetteer = field(default_factory=load_gazetteer)
    lex: Lexicon = field(default_factory=lambda: load_rules().lexicon)
    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, Mention] = field(default_factory=dict)
    roles: list[Span] = field(default_factory=list)
    ratings: list[Span] = field(default_factory=list)
    home_council: str | None = None
    home_body: str | None = None  # in an article about no council: the organisation it is about

    @classmethod
    def create(cls, doc: Doc, article: Article) -> Context:
        ctx = cls(doc=doc, article=article, facts=ArticleFacts(article=article))
        spans = list(doc.spans.get(SPAN_KEY, []))
        roles = filter_spans([s for s in spans if s.label_ == "ROLE"])
        # a full name the model found inside a title's words (read once: doc.ents builds its spans anew)
        names = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2] if roles else []
        ctx.roles = [_without_trailing_joiner(_before_a_name(s, names)) for s in roles]
        ctx.ratings = filter_spans([s for s in spans if s.label_ == "RATING"])
        return ctx

    def add_roles(self, added: list[Span]) -> None:
        """Titles a rule reads beyond the patterns' ("Kingston leader X", "Cllr X, who is responsible
        for ..."), kept in text order with the others so that every extractor reads them."""
        if added:
            self.roles = sorted([*self.roles, *added], key=lambda s: (s.start, s.end))

    def tokens_with(self, lemmas: Collection[str], lowers: Collection[str] = ()) -> list[Token]:
        """The tokens whose lower-cased lemma is in ``lemmas`` or whose lower-case form is in
        ``lowers``, in text order: the few a verb or noun rule can act on.

        Found from an index of the article's distinct words, built once from the Doc's arrays,
        instead of making a Token of every word of the article in every rule."""
        by_lemma, by_lower = self._word_index
        found: set[int] = set()
        for text, positions in by_lemma.items():
            if text in lemmas:
                found.update(positions)
        for text, positions in by_lower.items():
            if text in lowers:
                found.update(positions)
        doc = self.doc
        return [doc[i] for i in sorted(found)]

    @cached_property
    def about_childrens_services(self) -> bool:
        """Whether the article speaks of children's services as a department ("children's services",
        "the children's department", "children's social care"): its bare "the department" is that
        department."""
        doc, lex = self.doc, self.lex
        for tok in self.tokens_with((), lex.child_words):
            k = tok.i + 1
            while k < len(doc) and (doc[k].is_punct or doc[k].lower_ in {"'s", "’s"}):
                k += 1
            if k < len(doc) and doc[k].lower_ in lex.department_words:
                return True
        return False

    @cached_property
    def name_titles(self) -> frozenset[str]:
        """The titles written before a person's name ("Cllr", "Dr"): ``councillor_titles`` and ``name_titles``."""
        return frozenset(self.lex.councillor_titles) | frozenset(self.lex.name_titles)

    @cached_property
    def genders(self) -> dict[str, str]:
        """The he or she of each person the article names with a title that says it ("Mr Balls",
        "Mrs Lowe"), by person key; a person titled both ways is left out."""
        doc = self.doc
        seen: dict[str, set[str]] = {}
        for m in self.mentions:
            if m.kind != "person":
                continue
            k = m.start - 1
            if k >= 0 and doc[k].text == ".":
                k -= 1
            if k >= 0 and doc[k].lower_ in self.lex.title_genders:
                seen.setdefault(m.key, set()).add(self.lex.title_genders[doc[k].lower_])
        return {key: g.pop() for key, g in seen.items() if len(g) == 1}

    @cached_property
    def _word_index(self) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """Where each distinct lower-cased lemma and lower-case form occurs (read once, for every rule)."""
        strings = self.doc.vocab.strings
        by_lemma: dict[int, list[int]] = {}
        by_lower: dict[int, list[int]] = {}
        rows = self.doc.to_array(["LEMMA", "LOWER"]).tolist() if len(self.doc) else []
        for i, (lemma, lower) in enumerate(rows):
            by_lemma.setdefault(lemma, []).append(i)
            by_lower.setdefault(lower, []).append(i)
        lemmas: dict[str, list[int]] = {}
        for h, positions in by_lemma.items():
            lemmas.setdefault(strings[h].lower(), []).extend(positions)
        return lemmas, {strings[h]: positions for h, positions in by_lower.items()}

    # -- mentions ---------------------------------------------------------------------------
    def add_mention(self, mention: Mention) -> None:
        if any(i in self.by_token for i in range(mention.start, mention.end)):
            return
        self.mentions.append(mention)
        for i in range(mention.start, mention.end):
            self.by_token[i] = mention

    def register(self, entity: Entity) -> str:
        return self.facts.entity_key(entity)

    def mention_at(self, i: int) -> Mention | None:
        return self.by_token.get(i)

    def mentions_in(self, start: int, end: int, kind: str | None = None) -> list[Mention]:
        seen: list[Mention] = []
        for i in range(max(start, 0), min(end, len(self.doc))):
            m = self.by_token.get(i)
            if m is not None and (kind is None or m.kind == kind) and m not in seen:
                seen.append(m)
        return seen

    def body_by_noun(self, noun: Token) -> str | None:
        """ "the trust's chief executive", "the trust's board": the one body the article names whose
        name ends in that noun ("Leeds Children's Trust", "Kent NHS FT": ``head_word_forms``), or
        None when it names none or several
        (a council is the article's own council, chosen elsewhere)."""
        word = noun.lower_
        if word not in self.lex.org_words or word == "council":
            return None
        forms = self.lex.head_word_forms
        keys = {
            m.key
            for m in self.mentions
            if m.kind == "org" and forms.get(self.doc[m.end - 1].lower_, self.doc[m.end - 1].lower_) == word
        }
        return keys.pop() if len(keys) == 1 else None

    def choose_home_council(self) -> None:
        """The council the article is about: the most mentioned, the first on a tie. In an article
        that names no council, the organisation it names most (twice at least), if it is not an
        inspectorate, a party or a government department, or else the one such body its opening
        sentences name: the body whose officers it reports."""
        councils = [m for m in self.mentions if m.kind == "council"]
        # "X is leaving to take up a role at Newcastle City Council": where a leaver goes is not
        # the council the article reports on, when it names another
        councils = [m for m in councils if not self._where_a_leaver_goes(m)] or councils
        lede = self.lede()
        lede_end = lede[-1].end if lede else 0
        # the council the opening names first counts once more: "Council leader X is to take over
        # Kirklees Council's children's services ... now run by Leeds" is about Kirklees
        lede_start = lede[0].start if lede else 0
        opening = [m for m in councils if lede_start <= m.start < lede_end][:1]
        self.home_council = self.most_mentioned(councils + opening)
        kinds = self.lex.home_body_excluded_kinds
        orgs = [
            m
            for m in self.mentions
            if m.kind == "org" and (self.facts.entities[m.key].org_kind or "") not in kinds
        ]
        orgs = self._as_specific(orgs)
        # "the trust" said of the one trust the article names counts as a mention of it
        orgs += [
            Mention("org", key, t.i, t.i + 1)
            for t in self.tokens_with((), self.lex.org_words)
            if t.i > 0
            and self.doc[t.i - 1].lower_ == "the"
            and t.i not in self.by_token
            and t.lower_ != "council"
            and (key := self.body_by_noun(t)) is not None
            and (self.facts.entities[key].org_kind or "") not in kinds
        ]
        body = self.most_mentioned(orgs)
        in_lede = {m.key for m in orgs if m.start < lede_end}
        if body is not None and sum(m.key == body for m in orgs) >= 2:
            home_body: str | None = body
        elif len(in_lede) == 1:  # "The chairman of X Building Society will retire": the lede's one body
            home_body = in_lede.pop()
        else:
            home_body = None
        if (
            home_body is not None
            and (
                len(councils) == 1
                and councils[0].start >= lede_end
                or all(self.is_place_name(m) for m in councils)
            )
            and any(m.key == home_body and m.start < lede_end for m in orgs)
        ):
            # an article about a trust or a school that names a council once, in passing ("she now
            # has a job at Essex County Council"), or only as places ("campuses in Suffolk and
            # Norfolk"), is about the body its opening names
            self.home_council = None
        if self.home_council is None:
            self.home_body = home_body

    def _where_a_leaver_goes(self, m: Mention) -> bool:
        """Whether ``m`` is inside the phrase that says where a verb of leaving takes the leaver."""
        tok = self.doc[m.start]
        for verb in list(tok.ancestors)[:8]:
            if verb.lemma_.lower() in self.lex.departure_verbs and any(
                d.i <= m.start <= d.right_edge.i for d in destinations(verb)
            ):
                return True
        return False

    def is_place_name(self, m: Mention) -> bool:
        """A council's name only as a place: a bare name after "in"/"across" ("its campuses in Suffolk
        and Norfolk"), not the council ("Suffolk County Council", "Suffolk's children's services")."""
        doc = self.doc
        if len(doc[m.start : m.end]) != 1 or (
            m.end < len(doc) and doc[m.end].lower_ in {"'s", "’s", "council", "county"}
        ):
            return False
        k = m.start - 1
        while k >= 0 and (doc[k].lower_ in {",", "and"} or self.mention_at(k) is not None):
            k -= 1
        return k >= 0 and doc[k].lower_ in self.lex.place_prepositions

    def _as_specific(self, orgs: list[Mention]) -> list[Mention]:
        """Mentions of a body whose name is part of another named body's ("NHS" in an article
        about "East Lancashire Hospitals NHS Trust") counted as that body's (the first named, when
        several): an article about a trust is about the trust, not the service its name is of."""
        labels = {m.key: self.facts.entities[m.key].label.lower().split() for m in orgs}
        first = {m.key: m.start for m in reversed(orgs)}
        wider: dict[str, str] = {}
        for key, words in labels.items():
            holders = [
                k
                for k, other in labels.items()
                if k != key and len(other) > len(words) and set(words) <= set(other)
            ]
            if holders:
                wider[key] = min(holders, key=first.__getitem__)
        return [replace(m, key=wider.get(m.key, m.key)) for m in orgs]

    def lede(self) -> list[Span]:
        """The article's opening sentences: the first few with at least six words (headline
        fragments, datelines and masked furniture are not sentences of the story)."""
        out = []
        for sent in self.doc.sents:
            if sum(t.is_alpha for t in sent) >= 6:
                out.append(sent)
                if len(out) == self.lex.lede_sentences:
                    break
        return out

    @staticmethod
    def most_mentioned(mentions: Iterable[Mention]) -> str | None:
        found = list(mentions)
        counts = Counter(m.key for m in found)
        if not counts:
            return None
        first = {m.key: m.start for m in reversed(found)}
        return max(counts, key=lambda k: (counts[k], -first[k]))

    # -- evidence ---------------------------------------------------------------------------
    def evidence(self, *parts: Token | Span | Mention | Evidence | None) -> Evidence:
        """The exact text from the first to the last of ``parts`` (tokens, spans, mentions or
        quotes already made)."""
        starts, ends = [], []
        for part in parts:
            if part is None:
                continue
            if isinstance(part, Evidence):
                starts.append(part.start)
                ends.append(part.end)
            elif isinstance(part, Token):
                starts.append(part.idx)
                ends.append(part.idx + len(part.text))
            elif isinstance(part, Span):
                starts.append(part.start_char)
                ends.append(part.end_char)
            else:
                span = self.doc[part.start : part.end]
                starts.append(span.start_char)
                ends.append(span.end_char)
        start, end = min(starts), max(ends)
        return Evidence(start, end, self.article.text[start:end])

    def evidence_of(self, person: Mention, anchor: Token, *parts: Token | Span | Mention | None) -> Evidence:
        """The quote for a fact about ``person`` stated by ``anchor`` (and ``parts``): with the name
        when it is written in the anchor's sentence; a he/she resolved to an earlier sentence is
        not quoted."""
        near = self.doc[person.start].sent == anchor.sent
        return self.evidence(person if near else None, anchor, *parts)

    def is_quoted(self, span: Span) -> bool:
        """Whether ``span`` is directly inside quotation marks."""
        doc = self.doc
        before = doc[span.start - 1].text if span.start > 0 else ""
        after = doc[span.end].text if span.end < len(doc) else ""
        return bool(before and after and before[-1] in QUOTE_CHARS and after[0] in QUOTE_CHARS)


def destinations(verb: Token) -> list[Token]:
    """Where a leaving verb says the leaver goes: "left for a role at Coventry", "is leaving to
    become director at Luton" (the heads of those phrases; their subtrees hold the next post)."""
    return [
        c
        for c in verb.children
        if (c.dep_ == "prep" and c.lower_ == "for")
        or (c.dep_ in {"advcl", "xcomp"} and c.lemma_.lower() in {"become", "join", "take"})
    ]


def _before_a_name(role: Span, names: list[tuple[int, int]]) -> Span:
    """A title cut before a person's full name that a pattern of capitalised words took in
    ("Secretary of State for Education Gavin Roe"): one of ``names``, the model's PERSONs of two
    or more words."""
    for start, _end in names:
        if role.start < start < role.end:
            return Span(role.doc, role.start, start, label=role.label_, span_id=role.id_)
    return role


def _without_trailing_joiner(role: Span) -> Span:
    """A title without the "and" a pattern's word list took in at its end ("director for children
    and" of "director for children and chief executive for X"): the next title starts there."""
    end = role.end
    while end - role.start > 1 and role.doc[end - 1].lower_ in {"and", "&", ","}:
        end -= 1
    if end == role.end:
        return role
    return Span(role.doc, role.start, end, label=role.label_, span_id=role.id_)
