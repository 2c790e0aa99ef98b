"""The one table of fact kinds: what each fact is, how it is keyed and how it is written in RDF.

Extraction fills ``ArticleFacts.<field>``, resolution keys each fact with ``identity`` (and ties
a person to bodies and roles by ``person_field``/``body_field``), the builder writes it with
``properties``; the projection makes an edge of each kind with a ``person_field``, in the words of
its ``edge_label``, the timelines take the kinds marked ``timeline``, and evaluation scores the
tuple ``gold`` names. Adding a kind: the recipe in ``docs/ARCHITECTURE.md`` (which files, counted).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from rdflib import RDF, URIRef
from rdflib.namespace import FOAF, ORG, SDO

from councilgraph.graph.core.events import settled_role, settled_year
from councilgraph.graph.core.model import Appointment, Departure, Fact, Inspection, Post
from councilgraph.ontology import CG

__all__ = [
    "ENTITY_KINDS",
    "FACT_KINDS",
    "EntityKindInfo",
    "FactKind",
    "GoldField",
    "GoldValue",
    "Property",
    "ValueKind",
    "kind_of",
]

ValueKind = Literal["entity", "concept", "class", "text", "label", "date", "year", "interval"]
"""How a field's value becomes an RDF term: an entity key -> its IRI; a cg: concept or class name
-> ``cg:<name>``; text -> a plain literal (``label`` with whitespace collapsed); an ISO date ->
``xsd:date``/``gYearMonth``/``gYear``; a year -> ``xsd:gYear``; an ``Interval`` -> a
``time:Interval`` node with its ``time:Instant`` ends (``graph/rdf/build.py``)."""


@dataclass(frozen=True)
class Property:
    """One field of a fact dataclass written as one predicate (skipped when the value is None)."""

    field: str
    predicate: URIRef
    value: ValueKind


GoldValue = Literal["person", "body", "council", "concept", "rating"]
"""How a value is compared with gold (``graph/app/evaluate.py``): a person's name without titles; a
body's name (a council's without "Council", "Borough", ...); a council's name; a concept's local
name as the gold file spells it (a role); a rating in lower-case words."""


@dataclass(frozen=True)
class GoldField:
    """One member of a fact's tuple in the gold list of its kind: the gold file's key, and the
    fact's field (written by its ``Property``) it is compared with."""

    key: str
    field: str
    value: GoldValue


@dataclass(frozen=True)
class Event:
    """How the reports of one event settle into one fact (resolution, ``graph/resolve``): reports
    of a kind that agree on the ``group`` fields are of one event, and a report that leaves
    ``settles`` unknown takes ``rule(known, published)``: the value from the values the event's
    other reports give (and the report's publication date). With ``reported``, an event whose
    value stays unknown is known by when it was first reported (``events.reported_groups``), in
    place of the value in its identity."""

    group: tuple[str, ...]
    settles: str
    rule: Callable[[Iterable[Any], str | None], Any]
    reported: bool = False


@dataclass(frozen=True)
class FactKind:
    """A kind of fact.

    ``field`` is the list on ``ArticleFacts`` (and the gold list and summary line of the same name);
    ``iri_kind`` the path segment of its IRIs; ``entity_fields`` the fields holding entity keys,
    which resolution rewrites to the resolved entity; ``person_field``/``body_field`` make the fact
    an edge person -> body in the network projection (``None``: the fact is a node of its own).
    ``edge_label`` is an edge's words, from ``{role}`` (the role's label) and ``{subtype}`` (the
    words of the first of ``subtypes`` the fact is typed with, else ``subtype_default``'s).
    ``gold`` is the tuple each fact is scored as against the gold list ``field``. ``timeline``:
    an edge of this kind is an event on its council's timeline (report and page), in its words.
    ``event``: how reports of one event of this kind settle in resolution (:class:`Event`).
    """

    name: str
    field: str
    dataclass: type
    rdf_class: URIRef
    iri_kind: str
    properties: tuple[Property, ...]
    entity_fields: tuple[str, ...]
    person_field: str | None
    body_field: str
    identity_fields: tuple[str, ...]
    label: str
    gold: tuple[GoldField, ...]
    edge_label: str = "{role}"
    subtypes: tuple[tuple[URIRef, str], ...] = ()
    subtype_default: tuple[str, str] = ("", "")
    timeline: bool = False
    event: Event | None = None

    def predicate(self, field: str) -> URIRef:
        """The predicate that writes ``field`` (a field without one is a mistake in the table)."""
        return next(p.predicate for p in self.properties if p.field == field)

    def identity(self, fact: Fact) -> tuple[object, ...]:
        """What makes two statements the same fact: these fields of the resolved fact."""
        return tuple(getattr(fact, name) for name in self.identity_fields)


FACT_KINDS: tuple[FactKind, ...] = (
    FactKind(
        name="post",
        field="posts",
        dataclass=Post,
        rdf_class=ORG.Membership,
        iri_kind="membership",
        properties=(
            Property("person", ORG.member, "entity"),
            Property("organisation", ORG.organization, "entity"),
            Property("role", ORG.role, "concept"),
            Property("role_label", CG.roleLabel, "label"),
            Property("during", ORG.memberDuring, "interval"),
        ),
        entity_fields=("person", "organisation"),
        person_field="person",
        body_field="organisation",
        identity_fields=("person", "organisation", "role"),
        label="post",
        gold=(
            GoldField("person", "person", "person"),
            GoldField("role", "role", "concept"),
            GoldField("organisation", "organisation", "body"),
        ),
    ),
    FactKind(
        name="inspection",
        field="inspections",
        dataclass=Inspection,
        rdf_class=CG.Inspection,
        iri_kind="inspection",
        properties=(
            Property("council", CG.inspectedBody, "entity"),
            Property("rating", CG.rating, "concept"),
            Property("inspectorate", CG.inspectorate, "entity"),
            Property("year", CG.year, "year"),
        ),
        entity_fields=("council", "inspectorate"),
        person_field=None,
        body_field="council",
        identity_fields=("council", "rating", "year"),
        label="inspection",
        gold=(GoldField("council", "council", "council"), GoldField("rating", "rating", "rating")),
        event=Event(group=("council", "rating"), settles="year", rule=settled_year, reported=True),
    ),
    FactKind(
        name="departure",
        field="departures",
        dataclass=Departure,
        rdf_class=CG.Departure,
        iri_kind="departure",
        properties=(
            Property("kind", RDF.type, "class"),
            Property("person", CG.person, "entity"),
            Property("organisation", CG.organisation, "entity"),
            Property("role", ORG.role, "concept"),
            Property("reason", CG.reason, "text"),
            Property("date", SDO.startDate, "date"),
        ),
        entity_fields=("person", "organisation"),
        person_field="person",
        body_field="organisation",
        identity_fields=("person", "organisation", "kind", "role"),
        label="departure",
        gold=(GoldField("person", "person", "person"), GoldField("organisation", "organisation", "body")),
        edge_label="{subtype} {role}",
        subtypes=(
            (CG.Resignation, "resigned"),
            (CG.Dismissal, "dismissed"),
            (CG.Suspension, "suspended"),
            (CG.Retirement, "retired"),
        ),
        subtype_default=("Departure", "left"),
        timeline=True,
        event=Event(group=("person", "organisation", "kind"), settles="role", rule=settled_role),
    ),
    FactKind(
        name="appointment",
        field="appointments",
        dataclass=Appointment,
        rdf_class=CG.Appointment,
        iri_kind="appointment",
        properties=(
            Property("person", CG.person, "entity"),
            Property("organisation", CG.organisation, "entity"),
            Property("role", ORG.role, "concept"),
            Property("role_label", CG.roleLabel, "label"),
            Property("date", SDO.startDate, "date"),
        ),
        entity_fields=("person", "organisation"),
        person_field="person",
        body_field="organisation",
        identity_fields=("person", "organisation", "role"),
        label="appointment",
        gold=(
            GoldField("person", "person", "person"),
            GoldField("role", "role", "concept"),
            GoldField("organisation", "organisation", "body"),
        ),
        edge_label="appointed {role}",
        timeline=True,
    ),
)


@dataclass(frozen=True)
class EntityKindInfo:
    """A kind of entity: its key prefix in ``ArticleFacts.entities``, RDF class and summary line."""

    name: str
    key_prefix: str
    rdf_class: URIRef
    field: str


ENTITY_KINDS: tuple[EntityKindInfo, ...] = (
    EntityKindInfo("council", "council", CG.Council, "councils"),
    EntityKindInfo("person", "person", FOAF.Person, "people"),
    EntityKindInfo("organisation", "org", ORG.Organization, "organisations"),
)

_BY_CLASS: dict[type, FactKind] = {k.dataclass: k for k in FACT_KINDS}


def kind_of(fact: Fact) -> FactKind:
    """The entry for ``fact``'s dataclass."""
    return _BY_CLASS[type(fact)]
