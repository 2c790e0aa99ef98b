"""Project the RDF graph onto NetworkX: the graph the analysis, GraphML and the page are made from.

Entities (councils, people, organisations) and inspections are nodes; the facts that tie a person
to a body (posts, departures, appointments: each kind in ``graph/core/kinds.py`` with a ``person_field``)
are typed edges from the person to the body, with the words the kind's ``edge_label`` makes; an
inspection has an edge to the council it rated. Every node and edge carries how many articles support it and its evidence.

The projection is made of parts, each computed from the RDF graph alone: an entity's node, a
fact's edge (whether or not its ends are nodes), an inspection's node and edges. :class:`Projection`
keeps them, so that a change to the graph (``serve --ingest`` adds one article) recomputes only
the parts the changed triples reach (:meth:`Projection.update`), and :meth:`Projection.graph`
assembles the parts in one fixed order: the projection of a graph is the same MultiDiGraph,
node for node and edge for edge, however it was come to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, SKOS, URIRef
from rdflib.namespace import FOAF, ORG, SDO
from rdflib.term import Node

from councilgraph.graph.core.kinds import FACT_KINDS, FactKind
from councilgraph.graph.rdf.oxigraph import ReadableGraph
from councilgraph.ontology import CG

__all__ = ["EDGE_KINDS", "TIMELINE_EDGES", "Projection", "human_labels", "to_networkx"]


def _iris(nodes: Iterable[Node]) -> list[URIRef]:
    """The IRIs among ``nodes``, sorted (rdflib types its results as any Node)."""
    return sorted(n for n in nodes if isinstance(n, URIRef))


def _local(node: Any) -> str:
    return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class _Lookup:
    """The graph's objects by subject, one predicate at a time: the projection asks a few
    single-valued properties of every fact, evidence and article, and one pass over a predicate
    into a dictionary costs a fraction of a store lookup per node (at 10,000 articles the
    projection took 2.2 s, nearly all of it 500,000 lookups). ``tables=False`` looks every
    property up per node: for the few parts a change recomputes."""

    def __init__(self, graph: ReadableGraph, tables: bool = True) -> None:
        self.graph = graph
        self.tables = tables
        self._by: dict[Node, dict[Node, list[Node]]] = {}

    def objects(self, subject: Node, predicate: Node) -> list[Node]:
        if not self.tables or predicate in _PER_NODE:
            return list(self.graph.objects(subject, predicate))
        table = self._by.get(predicate)
        if table is None:
            table = self._by[predicate] = defaultdict(list)
            for s, o in self.graph.subject_objects(predicate):
                table[s].append(o)
        return table.get(subject, [])

    def value(self, subject: Node, predicate: Node) -> Node | None:
        """The object of a property the shapes allow once (``maxCount 1``), or None."""
        found = self.objects(subject, predicate)
        return found[0] if found else None


# terms asked of every fact and evidence, looked up once (a closed namespace checks each lookup)
_EVIDENCE, _QUOTE, _IN_ARTICLE, _SOURCE_FILE = CG.evidence, CG.quote, CG.inArticle, CG.sourceFile
_PUBLISHED, _START, _ROLE, _SUPPORT = SDO.datePublished, SDO.startDate, ORG.role, CG.supportCount
_PER_NODE = frozenset((_EVIDENCE, _QUOTE, _IN_ARTICLE, RDF.type))
"""Asked once per fact or evidence (or entity): a dictionary of them would hold every quote at once
(+170 MB at 50,000 articles), or every node's types, for no fewer lookups."""

_ENTITY_KINDS = ((CG.Council, "council"), (FOAF.Person, "person"), (ORG.Organization, "organisation"))
"""An entity's node kind is the first of these it is typed with; nodes go in this order."""

EDGE_KINDS: dict[str, FactKind] = {k.name: k for k in FACT_KINDS if k.person_field is not None}
"""The facts that are edges from a person to a body, by name, added in the table's order."""

TIMELINE_EDGES = frozenset(name for name, k in EDGE_KINDS.items() if k.timeline)
"""The edges that are events on their council's timeline (an inspection is one too, as a node)."""

_EDGE_CLASSES = tuple((k.rdf_class, name) for name, k in EDGE_KINDS.items())
_ENDS = {
    name: (k.predicate(k.person_field), k.predicate(k.body_field))
    for name, k in EDGE_KINDS.items()
    if k.person_field is not None
}


def _evidence(look: _Lookup, fact: URIRef) -> tuple[list[str], list[str], str]:
    """The fact's quotes, its articles' file names, and the earliest date one of them was published."""
    quotes, files, dates = [], set(), set()
    for ev in _iris(look.objects(fact, _EVIDENCE)):
        quotes.append(str(look.value(ev, _QUOTE)))
        article = look.value(ev, _IN_ARTICLE)
        files.add(str(look.value(article, _SOURCE_FILE)))  # type: ignore[arg-type]
        published = look.value(article, _PUBLISHED)  # type: ignore[arg-type]
        if published is not None:
            dates.add(str(published))
    return quotes, sorted(files), min(dates, default="")


def _edge_label(kind: FactKind, role_label: str, subtype: str = "") -> str:
    """What an edge says in words ("director of children's services", "appointed chief
    executive", "resigned"): the kind's ``edge_label``, else the kind's name."""
    return kind.edge_label.format(role=role_label, subtype=subtype).strip() or kind.name


def human_labels(graph: ReadableGraph) -> dict[str, str]:
    """IRI -> the words people use for it: the prefLabel of every role and rating in the graph."""
    return {str(s): str(o) for s, o in graph.subject_objects(SKOS.prefLabel)}


def _short_council_name(look: _Lookup, council: Any) -> str:
    """The place name a council goes by ("Kirklees"): its shortest other name, else its label."""
    names = [str(a) for a in look.objects(council, SKOS.altLabel)]
    return min(names, key=lambda n: (len(n), n)) if names else str(look.value(council, RDFS.label) or "")


@dataclass(frozen=True)
class _Edge:
    """A fact's edge, kept whether or not both ends are nodes (that is decided when assembling)."""

    person: str
    organisation: str
    attrs: dict[str, Any]


@dataclass(frozen=True)
class _Inspection:
    """An inspection's node and its edges: to the council it rated, and to its inspectorates."""

    council: str
    node: dict[str, Any]
    edge: dict[str, Any]
    inspectorates: tuple[str, ...]


class Projection:
    """The parts of a graph's projection (module docstring); :meth:`graph` assembles them."""

    def __init__(self, graph: ReadableGraph) -> None:
        self.rdf = graph
        self.entities: dict[str, dict[str, dict[str, Any]]] = {kind: {} for _c, kind in _ENTITY_KINDS}
        self.edges: dict[str, dict[str, _Edge]] = {kind: {} for kind in EDGE_KINDS}
        self.inspections: dict[str, _Inspection] = {}
        self._all(_Lookup(graph))

    def _all(self, look: _Lookup) -> None:
        graph = self.rdf
        sources: dict[URIRef, set[str]] = defaultdict(set)
        for article, entity in graph.subject_objects(SDO.mentions):
            if isinstance(entity, URIRef):
                sources[entity].add(str(look.value(article, _SOURCE_FILE)))
        for parts in self.entities.values():
            parts.clear()
        for cls, _kind in _ENTITY_KINDS:
            for node in _iris(graph.subjects(RDF.type, cls)):
                self._entity(look, node, sources.get(node, set()))
        names = human_labels(graph)
        for cls, kind in _EDGE_CLASSES:
            self.edges[kind] = {}
            for fact in _iris(graph.subjects(RDF.type, cls)):
                self._fact(look, names, fact, kind)
        self.inspections = {}
        for fact in _iris(graph.subjects(RDF.type, CG.Inspection)):
            self._inspection(look, names, fact)

    def _entity(self, look: _Lookup, node: URIRef, sources: set[str]) -> None:
        """The entity's node, under the first kind it is typed with; none for a body no article
        mentions (a successor council)."""
        for kinds in self.entities.values():
            kinds.pop(str(node), None)
        types = set(look.objects(node, RDF.type))
        kind = next((k for cls, k in _ENTITY_KINDS if cls in types), None)
        if kind is None or not sources:
            return
        self.entities[kind][str(node)] = {
            "kind": kind,
            "label": str(look.value(node, RDFS.label)),
            "sources": sorted(sources),
            "articles": len(sources),
        }

    def _fact_attrs(self, look: _Lookup, names: dict[str, str], fact: URIRef, kind: str) -> dict[str, Any]:
        quotes, files, reported = _evidence(look, fact)
        status = look.value(fact, CG.reviewStatus)  # what a reviewer found (graph/resolve/review.py)
        role = look.value(fact, _ROLE)
        date = look.value(fact, _START)
        role_label = names.get(str(role), _local(role)) if role else ""
        return {
            "type": kind,
            "label": _edge_label(EDGE_KINDS[kind], role_label) if kind in EDGE_KINDS else kind,
            "fact": str(fact),
            "role": _local(role) if role else "",
            "role_label": role_label,
            "weight": int(str(look.value(fact, _SUPPORT) or len(files))),
            "sources": files,
            "quotes": quotes,
            "date": str(date) if date else "",
            "reported": reported,
            "review": _local(status).lower() if status is not None else "",
        }

    def _fact(self, look: _Lookup, names: dict[str, str], fact: URIRef, kind: str) -> None:
        self.edges[kind].pop(str(fact), None)
        member, organisation = _ENDS[kind]
        person, org = look.value(fact, member), look.value(fact, organisation)
        if person is None or org is None:
            return
        attrs = self._fact_attrs(look, names, fact, kind)
        info = EDGE_KINDS[kind]
        if info.subtypes:
            subtypes = dict(info.subtypes)
            types = [t for t in look.objects(fact, RDF.type) if isinstance(t, URIRef) and t in subtypes]
            sub = sorted((_local(t), subtypes[t]) for t in types)
            attrs["kind"], words = sub[0] if sub else info.subtype_default
            attrs["label"] = _edge_label(info, attrs["role_label"], words)
        self.edges[kind][str(fact)] = _Edge(str(person), str(org), attrs)

    def _inspection(self, look: _Lookup, names: dict[str, str], fact: URIRef) -> None:
        self.inspections.pop(str(fact), None)
        council = look.value(fact, CG.inspectedBody)
        if council is None:
            return
        rating_term = look.value(fact, CG.rating)
        rating = _local(rating_term)
        rating_label = names.get(str(rating_term), rating)
        year = look.value(fact, CG.year)
        attrs = self._fact_attrs(look, names, fact, "inspection")
        place = _short_council_name(look, council)
        label = " · ".join(str(x) for x in (place, rating_label, year) if x)  # "Kirklees · inadequate · 2016"
        node = {
            "kind": "inspection",
            "label": label,
            "rating": rating,
            "rating_label": rating_label,
            "council": place,
            "year": int(str(year)) if year else None,
            "reported": attrs["reported"],
            "sources": attrs["sources"],
            "articles": len(attrs["sources"]),
            "quotes": attrs["quotes"],
            "review": attrs["review"],
        }
        edge = {k: attrs[k] for k in ("weight", "sources", "quotes", "fact", "reported", "review")}
        inspectorates = tuple(str(o) for o in _iris(look.objects(fact, CG.inspectorate)))
        self.inspections[str(fact)] = _Inspection(str(council), node, edge, inspectorates)

    def update(self, changed: Iterable[tuple[Node, Node, Node]]) -> int:
        """Recompute the parts that the changed triples (added or removed; ``self.rdf`` already
        holds the graph after the change) can reach; return how many were recomputed.

        A part is reached through its own node's triples, its evidence's, its articles' (file name,
        date, mentions), and an inspection through its council's names: the parts of the changed
        triples' subjects, of the facts whose evidence or article is one, of the entities an
        article among them mentions or a changed mention names, and the inspections of a council
        among them. Whether an edge's ends are
        nodes is not part of an edge: it is decided when assembling. A changed ``skos:prefLabel``
        (a role's or rating's words, in every edge's label) recomputes everything."""
        subjects: set[Node] = set()
        entities: set[Node] = set()
        for s, p, o in changed:
            if p == SKOS.prefLabel:
                self._all(_Lookup(self.rdf))
                return sum(map(len, self.entities.values())) + sum(map(len, self.edges.values()))
            subjects.add(s)
            if p == SDO.mentions:
                entities.add(o)
        graph, look = self.rdf, _Lookup(self.rdf, tables=False)
        entities |= subjects
        facts = set(subjects)
        for node in subjects:
            entities.update(graph.objects(node, SDO.mentions))  # an article's file name, in its entities'
            for ev in {node, *graph.subjects(_IN_ARTICLE, node)}:  # an evidence's or its article's
                facts.update(graph.subjects(_EVIDENCE, ev))
            facts.update(graph.subjects(CG.inspectedBody, node))  # a council's names, in its inspections'
        reached = 0
        for node in _iris(entities):
            files = {str(look.value(article, _SOURCE_FILE)) for article in graph.subjects(SDO.mentions, node)}
            self._entity(look, node, files)
            reached += 1
        names = human_labels(graph)
        for fact in _iris(facts):
            types = set(look.objects(fact, RDF.type))
            for cls, kind in _EDGE_CLASSES:
                if cls in types or str(fact) in self.edges[kind]:
                    self._fact(look, names, fact, kind)
                    reached += 1
            if CG.Inspection in types or str(fact) in self.inspections:
                self._inspection(look, names, fact)
                reached += 1
        return reached

    def graph(self) -> nx.MultiDiGraph:
        """The projection as a MultiDiGraph, built in sorted order (same graph, same output)."""
        g = nx.MultiDiGraph()
        for _cls, kind in _ENTITY_KINDS:
            for node, attrs in sorted(self.entities[kind].items()):
                if node not in g:
                    g.add_node(node, **attrs)
        for kind in EDGE_KINDS:
            for fact, edge in sorted(self.edges[kind].items()):
                if edge.person in g and edge.organisation in g:
                    g.add_edge(edge.person, edge.organisation, key=fact, **edge.attrs)
        for fact, inspection in sorted(self.inspections.items()):
            if inspection.council not in g:
                continue
            g.add_node(fact, **inspection.node)
            ends = [(inspection.council, "inspected", "inspected", "rated")]
            ends += [(o, "by", "inspected by", "by") for o in inspection.inspectorates if o in g]
            for target, key, kind, words in ends:
                g.add_edge(fact, target, key=key, type=kind, label=words, role="", date="", **inspection.edge)
        return g


def to_networkx(graph: ReadableGraph) -> nx.MultiDiGraph:
    """The graph's projection: a MultiDiGraph of entities and facts, built in sorted order."""
    return Projection(graph).graph()
