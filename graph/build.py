"""Turn extracted facts into RDF, in the terms of the contract (``shared/eval/RDF_CONTRACT.md``).

:class:`GraphBuilder` takes one article's facts at a time, so a build never holds more than one
article's parse. Facts that have the same identity (same person, organisation and role, say) get
the same IRI, so a fact stated by several articles is one node with every article as a source.
Labels and counts are settled in :meth:`GraphBuilder.finish`, independent of input order.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from councilgraph.graph.gazetteer import Gazetteer, load_gazetteer
from councilgraph.graph.iris import fact_iri, iri, short_hash
from councilgraph.graph.model import ArticleFacts, Entity, Evidence
from councilgraph.ontology import CG, PREFIXES, load_ontology

__all__ = ["GraphBuilder", "entity_iri"]

ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SDO = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
WIKIDATA = "http://www.wikidata.org/entity/"


def entity_iri(key: str) -> URIRef:
    """IRI of an entity key such as ``council:dudley`` or ``person:sarah-norman``."""
    kind, local = key.split(":", 1)
    return iri(kind, local)


def _date_literal(value: str) -> Literal:
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(value)]
    return Literal(value, datatype=datatype)


class GraphBuilder:
    """Accumulates articles into one rdflib Graph."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.graph = Graph()
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, namespace, replace=True)
        self.gazetteer = gazetteer or load_gazetteer()
        self._labels: dict[str, Counter[str]] = defaultdict(Counter)
        self._entities: dict[str, Entity] = {}
        self._add_schemes()

    def _add(self, s: Node, p: Node, o: Node) -> None:
        self.graph.add((s, p, o))

    def _add_schemes(self) -> None:
        """Copy the two concept schemes in, so role and rating labels answer plain SPARQL."""
        ontology = load_ontology()
        for concept in set(ontology.subjects(SKOS.inScheme, None)) | {CG.Roles, CG.Ratings}:
            for p, o in ontology.predicate_objects(concept):
                self._add(concept, p, o)

    # ------------------------------------------------------------------------------- articles
    def add_article(self, facts: ArticleFacts) -> None:
        """Add one article, its mentions and its facts."""
        art = facts.article
        a = iri("article", art.id)
        self._add(a, RDF.type, SDO.NewsArticle)
        self._add(a, CG.sourceFile, Literal(art.source_file))
        self._add(a, CG.contentHash, Literal(art.content_hash))
        if art.published:
            self._add(a, SDO.datePublished, _date_literal(art.published))
        if art.text_is_derived:
            self._add(a, CG.text, Literal(art.text))
        for key, entity in facts.entities.items():
            self._entities.setdefault(key, entity)
            self._labels[key][entity.label] += 1
        for key in sorted(facts.mentions):
            self._add(a, SDO.mentions, entity_iri(key))

        for post in facts.posts:
            m = fact_iri("membership", post.person, post.organisation, post.role)
            self._fact(m, ORG.Membership, a, art.id, post.evidence)
            self._add(m, ORG.member, entity_iri(post.person))
            self._add(m, ORG.organization, entity_iri(post.organisation))
            self._add(m, ORG.role, CG[post.role])
            self._add(m, CG.roleLabel, Literal(" ".join(post.role_label.split())))
        for ins in facts.inspections:
            identity = (
                (ins.council, ins.rating, ins.year)
                if ins.year
                else (ins.council, ins.rating, "article", art.id)
            )
            i = fact_iri("inspection", *identity)
            self._fact(i, CG.Inspection, a, art.id, ins.evidence)
            self._add(i, CG.inspectedBody, entity_iri(ins.council))
            self._add(i, CG.rating, CG[ins.rating])
            if ins.inspectorate:
                self._add(i, CG.inspectorate, entity_iri(ins.inspectorate))
            if ins.year:
                self._add(i, CG.year, Literal(str(ins.year), datatype=XSD.gYear))
        for dep in facts.departures:
            d = fact_iri("departure", dep.person, dep.organisation, dep.kind, dep.role)
            self._fact(d, CG.Departure, a, art.id, dep.evidence)
            self._add(d, RDF.type, CG[dep.kind])
            self._add(d, CG.person, entity_iri(dep.person))
            self._add(d, CG.organisation, entity_iri(dep.organisation))
            if dep.role:
                self._add(d, ORG.role, CG[dep.role])
            if dep.reason:
                self._add(d, CG.reason, Literal(dep.reason))
            if dep.date:
                self._add(d, SDO.startDate, _date_literal(dep.date))
        for app in facts.appointments:
            x = fact_iri("appointment", app.person, app.organisation, app.role)
            self._fact(x, CG.Appointment, a, art.id, app.evidence)
            self._add(x, CG.person, entity_iri(app.person))
            self._add(x, CG.organisation, entity_iri(app.organisation))
            self._add(x, ORG.role, CG[app.role])
            self._add(x, CG.roleLabel, Literal(" ".join(app.role_label.split())))

    def _fact(self, node: URIRef, cls: URIRef, article: URIRef, article_id: str, ev: Evidence) -> None:
        self._add(node, RDF.type, cls)
        self._add(node, PROV.wasDerivedFrom, article)
        e = iri("evidence", short_hash(article_id, ev.start, ev.end))
        self._add(node, CG.evidence, e)
        self._add(e, RDF.type, CG.Evidence)
        self._add(e, CG.inArticle, article)
        self._add(e, CG.startChar, Literal(ev.start))
        self._add(e, CG.endChar, Literal(ev.end))
        self._add(e, CG.quote, Literal(ev.quote))

    # ------------------------------------------------------------------------------- entities
    def finish(self) -> Graph:
        """Add entity descriptions and support counts; return the graph."""
        for key in sorted(self._entities):
            entity = self._entities[key]
            node = entity_iri(key)
            labels = self._labels[key]
            label = min(labels, key=lambda lab: (-labels[lab], lab))
            if entity.kind == "council":
                self._council(node, entity.key)
            elif entity.kind == "person":
                self._add(node, RDF.type, FOAF.Person)
                self._add(node, RDFS.label, Literal(label))
            else:
                self._org(node, entity, label)
        for cls in (ORG.Membership, CG.Inspection, CG.Departure, CG.Appointment):
            for fact in set(self.graph.subjects(RDF.type, cls)):
                count = len(set(self.graph.objects(fact, PROV.wasDerivedFrom)))
                self.graph.set((fact, CG.supportCount, Literal(count)))
        return self.graph

    def _council(self, node: URIRef, council_id: str) -> None:
        council = self.gazetteer.councils[council_id]
        self._add(node, RDF.type, CG.Council)
        self._add(node, RDFS.label, Literal(council.official_name))
        self._add(node, SKOS.altLabel, Literal(council.name))
        for alias in council.aliases:
            self._add(node, SKOS.altLabel, Literal(alias))
        self._add(node, CG.authorityType, Literal(council.type))
        if council.gss_code:
            self._add(node, CG.gssCode, Literal(council.gss_code))
        if council.wikidata:
            self._add(node, OWL.sameAs, URIRef(WIKIDATA + council.wikidata))
        for successor_id in council.successors:
            successor = iri("council", successor_id)
            self._add(node, CG.successor, successor)
            if (successor, RDF.type, CG.Council) not in self.graph:
                self._add(successor, RDF.type, CG.Council)
                self._add(successor, RDFS.label, Literal(self.gazetteer.councils[successor_id].official_name))

    def _org(self, node: URIRef, entity: Entity, label: str) -> None:
        self._add(node, RDF.type, ORG.Organization)
        known = self.gazetteer.orgs.get(entity.key)
        if known is not None:
            label = known.label
            for alias in known.aliases:
                self._add(node, SKOS.altLabel, Literal(alias))
            if known.wikidata:
                self._add(node, OWL.sameAs, URIRef(WIKIDATA + known.wikidata))
            if known.kind == "inspectorate":
                self._add(node, RDF.type, CG.Inspectorate)
        self._add(node, RDFS.label, Literal(label))
