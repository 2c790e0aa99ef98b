"""Rule data, loaded once into frozen dataclasses and checked as it loads.

Every word list, regular expression and threshold the stages consult lives in a JSON file under
``graph/patterns/``; this module is the only reader. A key a file does not have, a key no field
reads, or a value of the wrong shape fails at load with the file and the entry named, so a typo in
a rule file is an error, not a silently empty list. Keys starting with ``_`` are comments.
"""

from __future__ import annotations

import json
import re
import types
import typing
from dataclasses import dataclass, fields
from functools import cache
from importlib.resources import files
from typing import Any, TypeVar

from councilgraph.graph.core.errors import CouncilgraphError
from councilgraph.ontology import term_names

__all__ = [
    "DateRules",
    "FurnitureRules",
    "Lexicon",
    "ResolutionRules",
    "Rules",
    "RuleError",
    "ScoringRules",
    "TimeSpanRules",
    "load_rules",
]


class RuleError(CouncilgraphError):
    """A rule file is missing, malformed, or has an entry of the wrong shape."""


Words = frozenset[str]
Mapping = types.MappingProxyType


@dataclass(frozen=True)
class Lexicon:
    """``patterns/lexicon.json``: the word lists extraction consults (lower case; lemmas for verbs)."""

    person_titles: Words
    name_suffixes: Words
    not_person_words: Words
    org_words: Words
    generic_orgs: Words
    generic_org_words: Words
    place_nouns_after: Words
    adult_service_words: (
        Words  # "adult social care": a rating in a sentence of these, and of no child, is not children's
    )
    child_words: Words
    portfolio_words: Words  # "responsible for children's services and education": the words of a portfolio
    portfolio_gap: Words  # "Cllr Jo Roe, who is responsible for ...": words between the councillor and it
    head_word_forms: Mapping[str, str]  # "Kent NHS FT" is "the trust": a body's head word as a noun
    place_prepositions: (
        Words  # "campuses in Suffolk and Norfolk": a council's bare name after these is a place
    )
    list_joiners: Words  # "Haringey, Luton and Surrey": what joins the names of a list
    list_openers: Words  # "..., along with Doncaster and Luton": a list rated with the council before
    body_heads: Words  # "Oakfield Primary School": the last word of a body's name, whatever the model read
    body_joiners: Words  # "Kent and Medway ... Trust": words that join two capitalised words of one name
    region_nouns: Words  # "the Durham and Tees Valley region": a place name in a region's name is no council
    org_context_nouns: Words
    pronouns_subject: Mapping[str, str]
    title_genders: Mapping[str, str]  # "Mr", "Mrs": the he or she a person named with the title is
    departure_verbs: Mapping[str, str]
    departure_particles: Mapping[str, tuple[str, ...]]
    departure_nouns: Mapping[str, str]
    departure_object_verbs: Words
    departure_context_objects: Words
    departure_object_nouns: Mapping[str, str]
    departure_noun_verbs: Words
    leave_purposes: Words
    appointment_verbs: Words
    appointment_particles: Mapping[str, tuple[str, ...]]
    appointment_need_role: Words
    appointment_nouns: Words
    appointment_object_verbs: Words
    start_verbs: Words  # "began his role": verbs of starting whose object, a job noun, is the post taken
    role_anaphors: Words
    holding_verbs: Words
    hypothetical_modals: Words
    blocking_heads: Words
    blocking_nouns: Words
    negations: Words
    conditionals: Words
    rating_cues: Words
    rating_nouns: Words
    service_nouns: Words
    aspect_words: Words
    provider_words: Words
    partial_qualifiers: tuple[tuple[str, ...], ...]
    past_markers: Words
    former_words: Words  # "former chief executive", "ex-leader": a title held before, not one taken
    recency_words: Words
    headline_judgement_words: Words  # "judged inadequate overall": an inspection's headline verdict
    inspection_nouns: Words  # "a 2019 inspection found ...": a year on one dates the rating it finds
    inspection_verbs: Words  # "rated good when last inspected in 2014"
    same_rating_words: Words  # "had given the same rating in 2016": the rating told before, again
    transition_words: Words  # "rose from inadequate to good": ratings moved between
    attribution_words: Words  # "according to a Hampshire report": the teller, not the rated
    lede_sentences: int
    council_roles: Words
    council_only_roles: Words
    inspectorate_roles: Words  # an officer's title at an inspectorate: one of its inspectors
    minister_departments: Mapping[str, str]  # a minister's portfolio word: the department's id
    run_posts: Mapping[str, str]  # "appointed to run X": the post running a body of that kind gives
    unappointed_roles: Words
    party_roles: Words
    title_joiners: Words
    apposition_gap: Words
    name_apposition_gap: (
        Words  # "Gwen Tallis, the council's interim chief executive": between a name and its title
    )
    possessive_gap: Words
    council_cues: Words
    council_cue_phrases: Words
    place_name_continuations: Words
    indefinite_determiners: Words
    council_inspectorates: Words
    home_body_excluded_kinds: Words
    councillor_titles: Words
    name_titles: Words  # "Dr Ann Kay": titles before a full name that make it a person's
    role_modifiers: Mapping[str, Mapping[str, str]]
    council_other_heads: Words
    scale_words: Words
    aspiration_words: Words
    attainment_verbs: Words  # "to achieve a good rating": a rating still to be reached, when infinitive
    degree_words: Words  # "so good", "not as good as": a rating word graded, not a judgement
    provider_subjects: Words
    place_parts: Words
    glued_credit_words: Words
    department_words: Words  # "Torbay Children's Services": a council's place and one of these is the council
    first_person: Words  # "I", "me", "my": in a quotation, the person quoted
    shortenable_roles: Words  # "corporate director" after "corporate director of children's services"
    giving_verbs: Words  # "was given the children's brief": the object is the post
    current_words: Words  # "currently assistant director": a post held now, not the one taken
    infinitive_blockers: Words  # "told him to resign" blocks, "the hearing was told X was dismissed" does not
    on_leave_nouns: Words  # "placed on leave", "placed on precautionary suspension"
    removal_from_verbs: Words  # "dropped X from the cabinet": a leaving only with "from" a body or post
    predecessor_nouns: Words  # "her predecessor, Tom Hale": he held her post
    portfolio_cues: Words  # "joining the cabinet are Cllr Ann Roe (adults and health)"
    inspection_report_nouns: (
        Words  # "an inadequate Ofsted report": the report an inspectorate's name is written into
    )
    contest_nouns: Words  # "a leadership challenge": what a leadership is won or lost in
    contest_win_verbs: Words  # "Y won the leadership contest"
    contest_defeat_verbs: Words  # "X was defeated by Y for the top job"
    exact_titles: Mapping[str, str]  # a title written exactly so -> its role, whatever pattern read it
    year_list_words: Words  # "inadequate in 2013 and again in 2015": what may join listed years
    factual_marks: Words  # "after X quit": an adverbial clause these open states its own fact
    portfolio_nouns: Words  # "holds the housing portfolio": the noun a cabinet member holds
    portfolio_holding_verbs: Words  # "hold", "keep", "retain" ... a portfolio
    portfolio_taking_verbs: Words  # "takes the housing portfolio": held, and newly taken
    new_cabinet_words: Words  # "the new cabinet members are:": a listed cabinet is appointed
    council_organs: Words  # "the Kirklees Cabinet": a council's place and one of these is the council
    address_words: (
        Words  # an organisation's name ending so is a place: "Station Drive", "Kingsway Business Park"
    )
    credit_words: Words  # a name with a slash and one of these is a photo credit: "Jo Roe/PA Images"
    newcomer_words: Words
    newcomer_phrases: tuple[str, ...]  # written just before a title: "our newly appointed director"
    successor_nouns: Words
    count_nouns: Words  # "ten local authorities were rated good": a count of councils, not one
    count_quantifiers: Words
    plural_pronouns: Words
    successor_verbs: Words  # "Y replaces X", "takes over from X": X leaves the post
    reporting_verbs: Words
    loss_verbs: Words
    job_nouns: Words
    contract_end_verbs: Words
    contract_nouns: Words
    officer_roles: Mapping[str, str]
    title_offices: (
        Words  # gazetteer ids of offices whose name is also a title: "Children's Commissioner Jo Roe"
    )
    surrender_verbs: Words  # "X is to relinquish his post", "the job vacated by X": X leaves it
    move_from_verbs: Words  # "X joins from Sandwell Council": X leaves the body named under "from"
    outgoing_words: Mapping[str, str]  # "outgoing director X": X is leaving; the departure class
    stand_in_verbs: Words  # "the role was filled by X", "X will cover for Y": X takes the post
    body_posts: Mapping[str, str]  # "promoted X to the cabinet": the body and the post it gives
    run_verbs: Words  # "appointed to run X": verbs naming the body taken charge of
    appointment_in_verbs: Words  # "X, who was drafted in": the title the sentence gives X is the post
    party_short_names: Words  # "(Lab, Wexham Lea)": a party's short name before a councillor's ward
    pseudonym_words: Words  # "Baby W", "Child T": a review's name for a child, no organisation
    left_non_posts: Words  # "quit the party", "quit as candidate": leaving these is leaving no post
    party_tags: Mapping[str, str]  # "Cllr Jo Roe (Con)": a bracketed short name -> the party's gazetteer id
    candidacy_verbs: Words  # "will not stand for re-election": not standing again is leaving
    election_words: Words  # the last word of "re-election" as the tokenizer splits it
    led_bodies: Mapping[str, str]  # "X has led the council since 2018": the body led and the post
    leave_verbs: Words  # "X has been placed on leave": suspended
    intent_verbs: Words  # "X intends to retire": a leaver's own announced plan to go
    council_bodies: Words  # "the improvement board is chaired by X": a council's own board is the council's
    departure_with_verbs: Words  # "the council parted company with X": X leaves
    succession_from_verbs: Words  # "took over as director from Y": Y held the post the taker takes
    vacancy_verbs: Words  # "the job vacated by Y": Y held it and left it
    succession_marks: Words  # "appointed after Y resigned": the leaving the appointment follows
    title_then_name_reach: (
        int  # characters from a holderless title to the name told after it (a leaving, an appointment)
    )
    joining_verbs: (
        Words  # "X will join in September", "X starts in May": the newcomer a title-first appointment names
    )


@dataclass(frozen=True)
class ResolutionRules:
    """``patterns/resolution.json``: when two mentions in different articles are one person."""

    mobile_roles: Words
    weak_org_kinds: Words


@dataclass(frozen=True)
class DateRules:
    """``patterns/dates.json``: where an article states its own date, and relative phrases."""

    candidate: re.Pattern[str]
    label: re.Pattern[str]
    dateline_leftover: re.Pattern[str]
    relative: Mapping[str, tuple[str, int, str]]
    number_words: Mapping[str, int]
    years_before: re.Pattern[str]
    byline_before: re.Pattern[str]
    word_label_before: re.Pattern[str]  # "Headlines: December 18th, 2008": one word and a colon
    updated_after: re.Pattern[str]
    today_before: re.Pattern[str]
    meta_properties: Words
    file_name_date: re.Pattern[str]


@dataclass(frozen=True)
class TimeSpanRules:
    """``patterns/timespans.json``: the phrases that date a post, an appointment or a departure in
    the sentence that states it. Each phrase is a regular expression in which ``{date}`` stands for
    ``date``; :meth:`compiled` gives them ready to search (checked here, at load)."""

    date: str
    since: tuple[str, ...]
    until: tuple[str, ...]
    span: tuple[str, ...]
    duration: tuple[str, ...]
    on: tuple[str, ...]
    beginning_verbs: Words
    ending_verbs: Words
    holding_verbs: Words
    titled_verbs: Words

    def __post_init__(self) -> None:
        self.compiled()  # a phrase that does not compile fails at load, named

    def compiled(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """(kind, expression) for every phrase, ``{date}`` filled in; case-sensitive."""
        out = []
        for kind in ("span", "since", "until", "duration", "on"):  # a span's "until" is the span's
            for i, phrase in enumerate(getattr(self, kind)):
                try:
                    out.append((kind, re.compile(phrase.replace("{date}", f"(?:{self.date})"))))
                except re.error as exc:
                    raise RuleError(f"graph/patterns/timespans.json: {kind}[{i}]: {exc}") from None
        return tuple(out)


@dataclass(frozen=True)
class FurnitureRules:
    """``patterns/furniture.json``: web furniture saved with an article (case-insensitive)."""

    cut: tuple[re.Pattern[str], ...]
    line: tuple[re.Pattern[str], ...]
    span: tuple[re.Pattern[str], ...]
    header_lines: int
    byline_name: re.Pattern[str]

    def __post_init__(self) -> None:
        """No rule may match a blank line: the reader skips those lines unsearched (half the lines
        of news saved as text), which is only the same result if no rule could have matched."""
        for kind in ("cut", "line", "span"):
            for i, rx in enumerate(getattr(self, kind)):
                if any(rx.search(blank) for blank in ("", " ", "\t", "\u00a0 ")):
                    raise RuleError(f"graph/patterns/furniture.json: {kind}[{i}] matches a blank line")


@dataclass(frozen=True)
class ScoringRules:
    """``patterns/scoring.json``: words dropped from names before comparing with gold."""

    titles: Words
    council_words: Words


@dataclass(frozen=True)
class Rules:
    lexicon: Lexicon
    resolution: ResolutionRules
    dates: DateRules
    timespans: TimeSpanRules
    furniture: FurnitureRules
    scoring: ScoringRules


T = TypeVar("T")

_CASE_SENSITIVE = {
    ("furniture", "byline_name"),
    ("dates", "candidate"),
    ("dates", "dateline_leftover"),
    ("dates", "byline_before"),
}


def _convert(value: Any, hint: Any, where: str, flags: int) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise RuleError(f"{where}: expected a whole number, got {value!r}")
    if hint is str:
        if isinstance(value, str):
            return value
        raise RuleError(f"{where}: expected a string, got {value!r}")
    if origin is re.Pattern:
        if not isinstance(value, str):
            raise RuleError(f"{where}: expected a regular expression string, got {value!r}")
        try:
            return re.compile(value, flags)
        except re.error as exc:
            raise RuleError(f"{where}: bad regular expression: {exc}") from None
    if origin is frozenset:
        if not isinstance(value, list):
            raise RuleError(f"{where}: expected a list of words, got {type(value).__name__}")
        return frozenset(_convert(v, args[0], f"{where}[{i}]", flags) for i, v in enumerate(value))
    if origin is tuple:
        if not isinstance(value, list):
            raise RuleError(f"{where}: expected a list, got {type(value).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(v, args[0], f"{where}[{i}]", flags) for i, v in enumerate(value))
        if len(value) != len(args):
            raise RuleError(f"{where}: expected {len(args)} items, got {len(value)}")
        return tuple(
            _convert(v, a, f"{where}[{i}]", flags) for i, (v, a) in enumerate(zip(value, args, strict=True))
        )
    if origin is types.MappingProxyType:
        if not isinstance(value, dict):
            raise RuleError(f"{where}: expected an object, got {type(value).__name__}")
        return types.MappingProxyType(
            {k: _convert(v, args[1], f"{where}.{k}", flags) for k, v in sorted(value.items())}
        )
    raise RuleError(f"{where}: unsupported rule type {hint!r}")  # pragma: no cover - a programming error


_TERMS: dict[tuple[str, str], tuple[str, str]] = {
    ("lexicon", "departure_verbs"): ("departure", "values"),
    ("lexicon", "departure_nouns"): ("departure", "values"),
    ("lexicon", "departure_object_nouns"): ("departure", "values"),
    ("lexicon", "outgoing_words"): ("departure", "values"),
    ("lexicon", "body_posts"): ("role", "values"),
    ("lexicon", "led_bodies"): ("role", "values"),
    ("lexicon", "council_roles"): ("role", "values"),
    ("lexicon", "council_only_roles"): ("role", "values"),
    ("lexicon", "inspectorate_roles"): ("role", "values"),
    ("lexicon", "run_posts"): ("role", "values"),
    ("lexicon", "unappointed_roles"): ("role", "values"),
    ("lexicon", "party_roles"): ("role", "values"),
    ("lexicon", "officer_roles"): ("role", "keys and values"),
    ("lexicon", "role_modifiers"): ("role", "its mappings' keys and values"),  # modifier -> {role: role}
    ("resolution", "mobile_roles"): ("role", "values"),
}
"""The entries that name ontology terms (``ontology.term_names``), and where in them: checked at
load, so that a misspelt role or departure class is an error naming the file and the entry."""


def _names(value: Any, keys: bool) -> set[str]:
    """The strings in a converted entry: its words, its mappings' values (and keys, with ``keys``)."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, types.MappingProxyType):
        return set().union(*(_names(v, keys) for v in value.values()), set(value) if keys else set())
    if isinstance(value, frozenset | tuple):
        return set().union(*(_names(v, keys) for v in value))
    return set()


def _check_terms(path: str, section: str, values: dict[str, Any]) -> None:
    for name, value in values.items():
        spec = _TERMS.get((section, name))
        if spec is None:
            continue
        kind, where = spec
        if where == "its mappings' keys and values":
            named = set().union(*(_names(v, True) for v in value.values()))
        else:
            named = _names(value, where == "keys and values")
        unknown = sorted(named - term_names(kind) - {"*", ""})
        if unknown:
            raise RuleError(f"{path}: {name}: not a {kind} the ontology declares: {', '.join(unknown)}")


def _load(cls: type[T], file: str, section: str) -> T:
    path = f"graph/patterns/{file}"
    try:
        raw = json.loads((files("councilgraph.graph") / "patterns" / file).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise RuleError(f"{path}: {exc}") from None
    if not isinstance(raw, dict):
        raise RuleError(f"{path}: expected a JSON object")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(k for k in raw if not k.startswith("_") and k not in names)
    if unknown:
        raise RuleError(f"{path}: entries nothing reads: {', '.join(unknown)}")
    missing = sorted(names - set(raw))
    if missing:
        raise RuleError(f"{path}: missing entries: {', '.join(missing)}")
    values = {}
    for name in sorted(names):
        flags = 0 if (section, name) in _CASE_SENSITIVE else re.I
        values[name] = _convert(raw[name], hints[name], f"{path}: {name}", flags)
    _check_terms(path, section, values)
    return cls(**values)


@cache
def given_names() -> frozenset[str]:
    """``patterns/given_names.txt``: common given names, as written (title case)."""
    path = "graph/patterns/given_names.txt"
    try:
        text = (files("councilgraph.graph") / "patterns" / "given_names.txt").read_text("utf-8")
    except OSError as exc:
        raise RuleError(f"{path}: {exc}") from None
    names = frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
    if any(not n.isalpha() or not n[:1].isupper() for n in names):
        raise RuleError(f"{path}: every entry must be one capitalised word")
    return names


@cache
def load_rules() -> Rules:
    """Every rule file, checked (once per process)."""
    return Rules(
        lexicon=_load(Lexicon, "lexicon.json", "lexicon"),
        resolution=_load(ResolutionRules, "resolution.json", "resolution"),
        dates=_load(DateRules, "dates.json", "dates"),
        timespans=_load(TimeSpanRules, "timespans.json", "timespans"),
        furniture=_load(FurnitureRules, "furniture.json", "furniture"),
        scoring=_load(ScoringRules, "scoring.json", "scoring"),
    )
