"""A person's review of the facts: the review file, and applying it to the resolved facts.

A reviewer reads each fact's quotes (``councilgraph review``) and marks it confirmed, wrong or
unsure, may correct its council or organisation, its role or its year, and may add a note. Each
decision is one line of JSON appended to a plain file beside the store or output folder
(``reviews.jsonl``): append-only, so nothing a reviewer did is lost; the last decision about a
fact wins. A line names the fact twice over: by the IRI it had when it was reviewed and by the
evidence it was read from (the article's id, a hash of its text, and the quote's span), so that
a decision still finds its fact after a rebuild, or after new articles merged a person and gave
the fact a new IRI (the statement at that evidence whose values agree most with what the
reviewer saw, when the IRI is gone).

:func:`apply_reviews` is a pure function of the resolved facts and the decisions: wrong facts
leave (and are kept as rejections, which the graph records as reviews of a fact it does not
hold), corrected ones take the reviewer's values and keep the ones read, confirmed and unsure ones
are marked; ``graph/rdf/build.py`` writes the marks (``cg:reviewStatus``, a ``cg:Review`` with
``prov:wasAttributedTo`` and ``dcterms:date``).
"""

from __future__ import annotations

import fcntl
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from councilgraph.graph.core.errors import CouncilgraphError
from councilgraph.graph.core.gazetteer import Gazetteer, load_gazetteer
from councilgraph.graph.core.iris import fact_iri
from councilgraph.graph.core.kinds import FACT_KINDS, FactKind
from councilgraph.graph.core.model import Entity, Evidence
from councilgraph.graph.resolve.facts import (
    Resolved,
    ResolvedFact,
    entity_iri,
    event_group,
    fact_identity,
    fact_order,
    is_unknown,
)
from councilgraph.graph.resolve.organisations import ResolvedEntity
from councilgraph.ontology import CG, CG_IRI, load_ontology

__all__ = [
    "REVIEWS_FILE",
    "STATUSES",
    "Decision",
    "Mark",
    "Rejection",
    "ReviewError",
    "Reviewed",
    "append_review",
    "apply_reviews",
    "fact_fields",
    "read_reviews",
    "rejected_facts",
    "reviewed_facts",
    "role_names",
    "review_file_beside",
]

REVIEWS_FILE = "reviews.jsonl"
"""The review file's name beside a store or an output folder (what builds look for)."""

STATUSES = ("confirmed", "corrected", "unsure", "wrong")
"""What a reviewer may find; ``corrected`` is a decision that carries a correction."""

MARKS = {"confirmed": "Confirmed", "corrected": "Corrected", "unsure": "Unsure"}
"""The ``cg:ReviewStatuses`` concept of each status a fact in the graph can have."""

CORRECTABLE = ("organisation", "role", "year")
"""The fields a reviewer may correct: the council or body, the role, the (inspection's) year."""

_KINDS = {k.name: k for k in FACT_KINDS}


class ReviewError(CouncilgraphError):
    """A review file that cannot be read, or a decision that is not well formed."""


@dataclass(frozen=True)
class Decision:
    """One line of the review file: what the reviewer saw (the fact's IRI, its kind, the values
    it had, its evidence) and what they decided."""

    fact: str
    kind: str
    article: str  # the article's id (the start of its content hash): the same text, the same id
    source_file: str
    start: int
    end: int
    quote: str
    status: str
    reviewer: str
    date: str
    note: str = ""
    fields: Mapping[str, str] = field(default_factory=dict)
    correction: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        """The decision's line (without its newline): keys sorted, non-ASCII kept."""
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, data: Any, gazetteer: Gazetteer | None = None) -> Decision:
        """A decision from a parsed line, checked (raises :class:`ReviewError` saying what is wrong)."""
        if not isinstance(data, dict):
            raise ReviewError("a line must be a JSON object")
        names = {f for f in cls.__dataclass_fields__}
        unknown = sorted(set(data) - names)
        if unknown:
            raise ReviewError(f"unknown key(s) {', '.join(unknown)}")
        try:
            decision = cls(**data)
        except TypeError as exc:
            raise ReviewError(str(exc)) from None
        decision.check(gazetteer)
        return decision

    def check(self, gazetteer: Gazetteer | None = None) -> None:
        """Raise :class:`ReviewError` unless every value is of its kind and in range."""
        texts = ("fact", "kind", "article", "source_file", "quote", "status", "reviewer", "date", "note")
        for name in texts:
            if not isinstance(getattr(self, name), str):
                raise ReviewError(f"{name} must be a string")
        if self.kind not in _KINDS:
            raise ReviewError(f"kind {self.kind!r} is none of {', '.join(_KINDS)}")
        if self.status not in STATUSES:
            raise ReviewError(f"status {self.status!r} is none of {', '.join(STATUSES)}")
        if not self.reviewer.strip():
            raise ReviewError("reviewer must name who reviewed")
        if not _is_date(self.date):
            raise ReviewError(f"date {self.date!r} is not a date (YYYY-MM-DD)")
        if not all(
            isinstance(getattr(self, n), int) and not isinstance(getattr(self, n), bool)
            for n in ("start", "end")
        ):
            raise ReviewError("start and end must be integers")
        try:
            Evidence(self.start, self.end, self.quote)
        except ValueError as exc:
            raise ReviewError(str(exc)) from None
        for name in ("fields", "correction"):
            value = getattr(self, name)
            if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()
            ):
                raise ReviewError(f"{name} must map names to strings")
        wrong = sorted(set(self.correction) - set(CORRECTABLE))
        if wrong:
            raise ReviewError(f"cannot correct {', '.join(wrong)}; only {', '.join(CORRECTABLE)}")
        if (self.status == "corrected") != bool(self.correction):
            raise ReviewError("a correction goes with status corrected, and only with it")
        _check_correction(self.kind, self.correction, gazetteer or load_gazetteer())


def _is_date(text: str) -> bool:
    """Whether ``text`` is a calendar date as xsd:date writes it (``date.fromisoformat`` alone
    also takes ``20260102`` and week dates)."""
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_correction(kind: str, correction: Mapping[str, str], gazetteer: Gazetteer) -> None:
    """Each corrected value must be one the graph can hold for that kind of fact."""
    fact = _KINDS[kind]
    if "organisation" in correction and correction["organisation"] not in gazetteer.councils:
        raise ReviewError(f"council {correction['organisation']!r} is not in the gazetteer")
    if "role" in correction:
        if "role" not in {p.field for p in fact.properties}:
            raise ReviewError(f"{kind}s have no role to correct")
        if correction["role"] not in role_names():
            raise ReviewError(f"role {correction['role']!r} is not a role of cg:Roles")
    if "year" in correction:
        if "year" not in {p.field for p in fact.properties}:
            raise ReviewError(f"{kind}s have no year to correct")
        if not re.fullmatch(r"(19|20)\d\d", correction["year"]):
            raise ReviewError(f"year {correction['year']!r} is not a year (1900-2099)")


@cache
def role_names() -> tuple[str, ...]:
    """The roles a correction may name: the concepts of ``cg:Roles`` (local names), sorted."""
    from rdflib import SKOS

    concepts = load_ontology().subjects(SKOS.inScheme, CG.Roles)
    return tuple(sorted(str(c).removeprefix(CG_IRI) for c in concepts))


def review_file_beside(*folders: Path | None) -> Path | None:
    """The first ``reviews.jsonl`` that exists in ``folders`` (a store, then an output folder)."""
    for folder in folders:
        if folder is not None and (folder / REVIEWS_FILE).is_file():
            return folder / REVIEWS_FILE
    return None


def read_reviews(path: Path, gazetteer: Gazetteer | None = None) -> list[Decision]:
    """Every decision of the file, in its order. A last line without its newline is a write that
    did not finish (the machine stopped mid-line) and is left out; any other bad line is an error
    that names it."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"review file {path}: {getattr(exc, 'strerror', None) or exc}") from None
    lines = text.split("\n")
    lines.pop()  # after the last newline: "", or an unfinished line
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(Decision.from_json(json.loads(line), gazetteer))
        except (ValueError, ReviewError) as exc:
            raise ReviewError(f"review file {path}, line {number}: {exc}") from None
    return out


def append_review(path: Path, decision: Decision) -> None:
    """Append one decision as one line, under an exclusive lock, in one write, flushed to disk:
    two reviewers saving at once each add a whole line, and a crash leaves at most an unfinished
    last line, which :func:`read_reviews` leaves out and the next append cuts off (it was never a
    decision) before it writes."""
    decision.check()
    line = (decision.to_json() + "\n").encode()
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            tail = max(0, size - (1 << 20))
            whole = os.pread(fd, size - tail, tail).rfind(b"\n")
            os.ftruncate(fd, tail + whole + 1 if whole >= 0 else (0 if tail == 0 else size))
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def fact_fields(kind: FactKind, fact: Any) -> dict[str, str]:
    """What a fact says, as the graph writes it and the page shows it: the person's and the
    body's IRIs, the role's and rating's concept names, the year. A decision keeps these, to find
    its fact again when the fact's IRI has changed."""
    out: dict[str, str] = {}
    if kind.person_field:
        out["person"] = entity_iri(getattr(fact, kind.person_field))
    out["organisation"] = entity_iri(getattr(fact, kind.body_field))
    for name in ("role", "rating", "year"):
        value = getattr(fact, name, None)
        if value is not None and value != "":
            out[name] = str(value)
    return out


@dataclass(frozen=True)
class Mark:
    """A reviewed fact's status (a ``cg:ReviewStatuses`` concept name), the decision it comes
    from, and for a correction the values read before it (field -> value, as the graph wrote them;
    an empty value: there was none)."""

    status: str
    decision: Decision
    original: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Rejection:
    """A fact a reviewer found wrong: its IRI, what it said in words, the evidence of every
    statement of it, and the decision."""

    fact: str
    label: str
    evidence: tuple[tuple[str, Evidence], ...]  # (article id, evidence)
    decision: Decision


@dataclass
class Reviewed:
    """The resolved graph after the reviews: its facts changed, each reviewed fact's mark (by
    fact IRI), the rejections, and the decisions that found no fact in these articles."""

    resolved: Resolved
    marks: dict[str, Mark] = field(default_factory=dict)
    rejected: list[Rejection] = field(default_factory=list)
    unmatched: list[Decision] = field(default_factory=list)
    left_out: int = 0  # facts left out by confirmed_only


def _statement_key(stated: ResolvedFact) -> tuple[str, str, int, int, str]:
    ev = stated.fact.evidence
    return stated.kind, stated.article_id, ev.start, ev.end, ev.quote


def _find(decision: Decision, at: Sequence[ResolvedFact]) -> ResolvedFact | None:
    """The statement a decision is about, among those of its kind at its evidence: the one with
    its fact's IRI, else the one whose values agree with most of what the reviewer saw (none if
    two agree as much)."""
    for stated in at:
        if str(fact_iri(_KINDS[stated.kind].iri_kind, *stated.identity)) == decision.fact:
            return stated
    scored = sorted(
        (
            (sum(v == decision.fields.get(k) for k, v in fact_fields(_KINDS[s.kind], s.fact).items()), i)
            for i, s in enumerate(at)
        ),
        reverse=True,
    )
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return at[scored[0][1]]


def apply_reviews(
    resolved: Resolved,
    decisions: Sequence[Decision],
    *,
    confirmed_only: bool = False,
    gazetteer: Gazetteer | None = None,
) -> Reviewed:
    """The resolved graph with the reviewers' decisions applied (a new ``Resolved``; the given one
    is not changed). Each decision finds its statement (:func:`_find`) and applies to the whole
    fact, all its statements: the last decision about a fact wins (a fact confirmed as the
    correction made it keeps the correction). ``confirmed_only`` keeps only the facts a reviewer
    confirmed or corrected."""
    gazetteer = gazetteer or load_gazetteer()
    at: dict[tuple[str, str, int, int, str], list[ResolvedFact]] = {}
    for stated in resolved.facts:
        at.setdefault(_statement_key(stated), []).append(stated)
    chosen: dict[tuple[str, tuple[str, ...]], Decision] = {}
    unmatched = []
    for decision in decisions:
        key = (decision.kind, decision.article, decision.start, decision.end, decision.quote)
        found = _find(decision, at.get(key, []))
        if found is None:
            unmatched.append(decision)
            continue
        fact = (found.kind, found.identity)
        earlier = chosen.pop(fact, None)
        seen_corrected = decision.fact != _node(found)  # (its IRI is the one the correction gave)
        if earlier is not None and earlier.correction and decision.status == "confirmed" and seen_corrected:
            decision = replace(decision, status="corrected", correction=earlier.correction)
        chosen[fact] = decision  # the last decision, in the file's order
    bodies = dict(resolved.bodies)
    mentions = {a: list(keys) for a, keys in resolved.mentions.items()}
    by_fact: dict[tuple[str, tuple[str, ...]], list[ResolvedFact]] = {}
    for stated in resolved.facts:
        by_fact.setdefault((stated.kind, stated.identity), []).append(stated)
    marks: dict[str, Mark] = {}
    rejected: list[Rejection] = []
    facts: list[ResolvedFact] = []
    for (kind_name, identity), statements in by_fact.items():
        kind = _KINDS[kind_name]
        node = str(fact_iri(kind.iri_kind, *identity))
        decided = chosen.get((kind_name, identity))
        if decided is None:
            facts += statements
            continue
        decision = decided
        if decision.status == "wrong":
            rejected.append(
                Rejection(
                    node,
                    _words(kind, statements[0].fact, resolved),
                    tuple(sorted({(s.article_id, s.fact.evidence) for s in statements})),
                    decision,
                )
            )
            continue
        if decision.correction:
            statements, original = _corrected(
                kind, statements, decision.correction, bodies, mentions, gazetteer
            )
            node = str(fact_iri(kind.iri_kind, *statements[0].identity))
        else:
            original = ()
        marks[node] = Mark(MARKS[decision.status], decision, original)
        facts += statements
    if confirmed_only:
        kept = [s for s in facts if _node(s) in marks and marks[_node(s)].status != "Unsure"]
        left_out = len({_node(s) for s in facts} - {_node(s) for s in kept})
        facts = kept
    else:
        left_out = 0
    changed = replace(resolved, bodies=bodies, mentions=mentions, facts=sorted(facts, key=fact_order))
    rejected.sort(key=lambda r: r.fact)
    return Reviewed(changed, marks, rejected, unmatched, left_out)


def _node(stated: ResolvedFact) -> str:
    return str(fact_iri(_KINDS[stated.kind].iri_kind, *stated.identity))


def _corrected(
    kind: FactKind,
    statements: list[ResolvedFact],
    correction: Mapping[str, str],
    bodies: dict[str, ResolvedEntity],
    mentions: dict[str, list[str]],
    gazetteer: Gazetteer,
) -> tuple[list[ResolvedFact], tuple[tuple[str, str], ...]]:
    """The fact's statements with the reviewer's values, and the values they replace. A corrected
    council is a body of the graph (and mentioned by the fact's articles), as any fact's is."""
    first = statements[0].fact
    original = []
    changes: dict[str, Any] = {}
    if "organisation" in correction:
        key = f"council:{correction['organisation']}"
        original.append(("organisation", entity_iri(getattr(first, kind.body_field))))
        changes[kind.body_field] = key
        if key not in bodies:
            label = gazetteer.councils[correction["organisation"]].official_name
            bodies[key] = ResolvedEntity(key, Entity("council", correction["organisation"], label), label)
        for stated in statements:
            if key not in mentions.setdefault(stated.article_id, []):
                mentions[stated.article_id] = sorted([*mentions[stated.article_id], key])
    if "role" in correction:
        original.append(("role", str(getattr(first, "role", None) or "")))
        changes["role"] = correction["role"]
    if "year" in correction:
        year = getattr(first, "year", None)
        original.append(("year", "" if year is None else str(year)))
        changes["year"] = int(correction["year"])
    out = []
    for stated in statements:
        fact = replace(stated.fact, **changes)
        unsettled = {}
        event = kind.event
        if event is not None and event.reported and is_unknown(getattr(fact, event.settles)):
            # (an inspection's council corrected, no year: it keeps when it was first reported)
            group = event_group(kind, fact)
            assert group is not None
            unsettled[(group, stated.article_id)] = stated.identity[kind.identity_fields.index(event.settles)]
        identity = fact_identity(kind, fact, stated.article_id, unsettled)
        out.append(replace(stated, fact=fact, identity=identity))
    return out, tuple(original)


@cache
def _role_words(role: str) -> str:
    """A role's name in words (its ``skos:prefLabel`` in ``cg:Roles``: "cabinet member", not
    "CabinetMember"), else the role as given."""
    from rdflib import SKOS, URIRef

    label = load_ontology().value(URIRef(CG_IRI + role), SKOS.prefLabel)
    return str(label) if label is not None else role


def _words(kind: FactKind, fact: Any, resolved: Resolved) -> str:
    """A fact in words, for the record of its rejection: "post: Jane Roe, director of children's
    services, Wigan Council"."""
    parts = []
    if kind.person_field:
        person = getattr(fact, kind.person_field).split(":", 1)[-1]
        parts.append(resolved.people.labels.get(person, person))
    for name in ("role_label", "rating", "year"):
        value = getattr(fact, name, None)
        if value:
            parts.append(str(value))
    if not getattr(fact, "role_label", None) and getattr(fact, "role", None):
        parts.append(_role_words(str(fact.role)))
    body = getattr(fact, kind.body_field)
    parts.append(resolved.bodies[body].label if body in resolved.bodies else body)
    return f"{kind.label}: {', '.join(parts)}"


# ---------------------------------------------------------------- what the graph says of its reviews


def reviewed_facts(g: Any) -> list[dict[str, str]]:
    """The facts of a projection (``graph/network/projection.py``) a reviewer confirmed, corrected or was
    unsure of, in words, each with its first article and quote (for the report)."""
    rows = []
    for u, v, d in g.edges(data=True):
        if not d.get("review") or d.get("type") == "inspected by":
            continue
        if d["type"] == "inspected":
            what = f"inspection: {g.nodes[u]['label']}"
        else:
            what = f"{d['type']}: {g.nodes[u]['label']}, {d['label']}, {g.nodes[v]['label']}"
        rows.append(
            {
                "status": d["review"],
                "what": what,
                "article": d["sources"][0] if d["sources"] else "",
                "quote": d["quotes"][0] if d["quotes"] else "",
            }
        )
    order = {s: i for i, s in enumerate(MARKS)}
    return sorted(rows, key=lambda r: (order.get(r["status"], 9), r["what"], r["article"], r["quote"]))


def rejected_facts(graph: Any) -> list[dict[str, str]]:
    """The facts reviewers found wrong (``cg:rejectedFact`` reviews: the facts are not in the
    graph), in words, with the reviewer, the date, the note and the first quote (for the report)."""
    from rdflib import RDFS
    from rdflib.namespace import DCTERMS, PROV

    rows = []
    for review in set(graph.subjects(CG.rejectedFact, None)):
        quotes = []
        for ev in graph.objects(review, CG.evidence):
            article = graph.value(ev, CG.inArticle)
            quotes.append((str(graph.value(article, CG.sourceFile)), str(graph.value(ev, CG.quote))))
        article, quote = min(quotes) if quotes else ("", "")
        reviewer = graph.value(review, PROV.wasAttributedTo)
        note = graph.value(review, CG.reviewNote)
        rows.append(
            {
                "what": str(graph.value(review, RDFS.label)),
                "reviewer": str(graph.value(reviewer, RDFS.label)) if reviewer is not None else "",
                "date": str(graph.value(review, DCTERMS.date)),
                "note": str(note) if note is not None else "",
                "article": article,
                "quote": quote,
            }
        )
    return sorted(rows, key=lambda r: (r["what"], r["article"], r["quote"], r["date"]))
