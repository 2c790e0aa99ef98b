"""Turn extracted facts into RDF, in the terms of the contract (``shared/eval/RDF_CONTRACT.md``).

:class:`GraphBuilder` takes one article's facts at a time, so a build never holds more than one
article's parse. Facts that have the same identity (same person, organisation and role, say) get
the same IRI, so a fact stated by several articles is one node with every article as a source.
Labels and counts are settled in :meth:`GraphBuilder.finish`, independent of input order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from councilgraph.graph.gazetteer import Gazetteer, load_gazetteer
from councilgraph.graph.iris import fact_iri, iri, short_hash, slugify
from councilgraph.graph.model import ArticleFacts, Departure, Entity, Evidence, Inspection
from councilgraph.graph.resolve import Decisions, PersonRecord, Resolution, resolve_people
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


@dataclass(frozen=True)
class _Stated:
    """What :meth:`GraphBuilder.finish` needs of one article once its text is gone."""

    id: str
    node: URIRef
    published_year: int | None
    facts: ArticleFacts


class GraphBuilder:
    """Accumulates articles into one rdflib Graph.

    Article nodes, texts and council/organisation mentions go in as each article arrives. People
    and the facts about them wait for :meth:`finish`, because whether "John Smith" here is the
    John Smith of another article is only known once every article is in (``graph/resolve.py``).
    """

    def __init__(self, gazetteer: Gazetteer | None = None, decisions: Decisions | None = None) -> None:
        self.graph = Graph()
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, namespace, replace=True)
        self.gazetteer = gazetteer or load_gazetteer()
        self.decisions = decisions or Decisions()
        self.resolution = Resolution()
        self._labels: dict[str, Counter[str]] = defaultdict(Counter)
        self._entities: dict[str, Entity] = {}
        self._aliases: dict[str, set[str]] = defaultdict(set)
        self._org_keys: dict[str, str] = {}
        self._stated: list[_Stated] = []
        self._records: list[PersonRecord] = []
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
        """Add one article and its council and organisation mentions; keep its facts for finish()."""
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
            if entity.kind != "person":
                self._entities.setdefault(key, entity)
                self._labels[key][entity.label] += 1
                self._aliases[key].update(entity.alt_labels)
        slim = ArticleFacts(
            replace(art, text="", furniture=()),
            {},  # people are described from the resolver's records, not from here
            set(facts.mentions),
            facts.posts,
            facts.inspections,
            facts.departures,
            facts.appointments,
        )
        year = int(art.published[:4]) if art.published else None
        self._stated.append(_Stated(art.id, a, year, slim))
        self._records += _person_records(facts)

    def _fact(self, node: URIRef, cls: URIRef, stated: _Stated, ev: Evidence) -> None:
        self._add(node, RDF.type, cls)
        self._add(node, PROV.wasDerivedFrom, stated.node)
        e = iri("evidence", short_hash(stated.id, ev.start, ev.end))
        self._add(node, CG.evidence, e)
        self._add(e, RDF.type, CG.Evidence)
        self._add(e, CG.inArticle, stated.node)
        self._add(e, CG.startChar, Literal(ev.start))
        self._add(e, CG.endChar, Literal(ev.end))
        self._add(e, CG.quote, Literal(ev.quote))

    # ------------------------------------------------------------------------------- finish
    def finish(self) -> Graph:
        """Resolve people, add every fact, entity descriptions and support counts; return the graph."""
        self._stated.sort(key=lambda s: s.id)
        self._org_keys = self._abbreviations()
        self.resolution = resolve_people(self._records, self.decisions, self.gazetteer)
        for local in sorted(self.resolution.labels):
            node = iri("person", local)
            self._add(node, RDF.type, FOAF.Person)
            self._add(node, RDFS.label, Literal(self.resolution.labels[local]))
            for alt in self.resolution.alt_labels[local]:
                self._add(node, SKOS.altLabel, Literal(alt))
            for note in self.resolution.notes.get(local, []):
                self._add(node, CG.resolutionNote, Literal(note))
        for stated in self._stated:
            for key in sorted(stated.facts.mentions):
                self._add(stated.node, SDO.mentions, self._entity(stated, key))
            self._posts(stated)
        self._departures()
        self._inspections()
        for key in sorted(self._entities):
            if key in self._org_keys:
                continue  # an abbreviation another article spelled out: described under that key
            entity = self._entities[key]
            node = entity_iri(key)
            labels = self._labels[key]
            label = min(labels, key=lambda lab: (-labels[lab], lab))
            if entity.kind == "council":
                self._council(node, entity.key)
            else:
                self._org(node, entity, label)
        for cls in (ORG.Membership, CG.Inspection, CG.Departure, CG.Appointment):
            for fact in set(self.graph.subjects(RDF.type, cls)):
                count = len(set(self.graph.objects(fact, PROV.wasDerivedFrom)))
                self.graph.set((fact, CG.supportCount, Literal(count)))
        self._stated.clear()
        return self.graph

    def _person(self, stated: _Stated, key: str) -> URIRef:
        return iri("person", self.resolution.person[(stated.id, key)])

    def _entity(self, stated: _Stated, key: str) -> URIRef:
        if key.startswith("person:"):
            return self._person(stated, key)
        return entity_iri(self._org_keys.get(key, key))

    def _abbreviations(self) -> dict[str, str]:
        """``org:lga`` -> ``org:local-government-association`` when some article spelled the
        abbreviation out ("the Local Government Association (LGA)") and no other organisation
        claims it; the abbreviation becomes one of that organisation's labels."""
        claims: dict[str, set[str]] = defaultdict(set)
        for key, aliases in self._aliases.items():
            for alias in aliases:
                claims[f"org:{slugify(alias)}"].add(key)
        return {
            short: next(iter(longs))
            for short, longs in sorted(claims.items())
            if len(longs) == 1 and short != next(iter(longs))
        }

    def _posts(self, stated: _Stated) -> None:
        """Posts held (org:Membership) and appointments: a person, a body and a role each."""
        kinds = (
            ("membership", ORG.Membership, ORG.member, ORG.organization, stated.facts.posts),
            ("appointment", CG.Appointment, CG.person, CG.organisation, stated.facts.appointments),
        )
        for kind, cls, person_p, org_p, facts in kinds:
            for fact in facts:
                person = self._person(stated, fact.person)
                org = self._entity(stated, fact.organisation)
                node = fact_iri(kind, person, org, fact.role)
                self._fact(node, cls, stated, fact.evidence)
                self._add(node, person_p, person)
                self._add(node, org_p, org)
                self._add(node, ORG.role, CG[fact.role])
                self._add(node, CG.roleLabel, Literal(" ".join(fact.role_label.split())))
                if getattr(fact, "date", None):
                    self._add(node, SDO.startDate, _date_literal(fact.date))

    def _departures(self) -> None:
        """One node per person, body and kind of leaving; a report that omits the role joins the
        report that gives it, when only one role is given for that leaving."""
        groups: dict[tuple[URIRef, URIRef, str], list[tuple[_Stated, Departure]]] = defaultdict(list)
        for stated in self._stated:
            for dep in stated.facts.departures:
                person, org = self._person(stated, dep.person), self._entity(stated, dep.organisation)
                groups[(person, org, dep.kind)].append((stated, dep))
        for (person, org, kind), items in sorted(groups.items()):
            roles = sorted({dep.role for _, dep in items if dep.role})
            for stated, dep in items:
                role = dep.role or (roles[0] if len(roles) == 1 else None)
                d = fact_iri("departure", person, org, kind, role)
                self._fact(d, CG.Departure, stated, dep.evidence)
                self._add(d, RDF.type, CG[kind])
                self._add(d, CG.person, person)
                self._add(d, CG.organisation, org)
                if role:
                    self._add(d, ORG.role, CG[role])
                if dep.reason:
                    self._add(d, CG.reason, Literal(dep.reason))
                if dep.date:
                    self._add(d, SDO.startDate, _date_literal(dep.date))

    def _inspections(self) -> None:
        """One node per council, rating and year. A report that gives no year joins the one
        inspection of that council and rating that others date, if its publication allows it
        (published that year or within the two after); otherwise reports of one publication year
        share a node, and an undated report stands alone."""
        groups: dict[tuple[str, str], list[tuple[_Stated, Inspection]]] = defaultdict(list)
        for stated in self._stated:
            for ins in stated.facts.inspections:
                groups[(ins.council, ins.rating)].append((stated, ins))
        for (council, rating), items in sorted(groups.items()):
            years = sorted({ins.year for _, ins in items if ins.year})
            for stated, ins in items:
                year = ins.year
                if year is None and len(years) == 1:
                    pub = stated.published_year
                    if pub is None or years[0] <= pub <= years[0] + 2:
                        year = years[0]
                if year is not None:
                    identity: tuple[object, ...] = (council, rating, year)
                elif stated.published_year is not None:
                    identity = (council, rating, "published", stated.published_year)
                else:
                    identity = (council, rating, "article", stated.id)
                i = fact_iri("inspection", *identity)
                self._fact(i, CG.Inspection, stated, ins.evidence)
                self._add(i, CG.inspectedBody, entity_iri(council))
                self._add(i, CG.rating, CG[rating])
                if ins.inspectorate:
                    self._add(i, CG.inspectorate, self._entity(stated, ins.inspectorate))
                if year is not None:
                    self._add(i, CG.year, Literal(str(year), datatype=XSD.gYear))

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
        for alias in sorted(self._aliases.get(f"org:{entity.key}", ())):
            self._add(node, SKOS.altLabel, Literal(alias))
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


def _person_records(facts: ArticleFacts) -> list[PersonRecord]:
    """Each person the article names, with the bodies and roles its facts tie them to."""
    orgs: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, set[str]] = defaultdict(set)
    for fact in (*facts.posts, *facts.departures, *facts.appointments):
        orgs[fact.person].add(fact.organisation)
        if fact.role:
            roles[fact.person].add(fact.role)
    councils = frozenset(k for k in facts.mentions if k.startswith("council:"))
    art = facts.article
    return [
        PersonRecord(
            art.id,
            key,
            entity.label,
            art.source_file,
            frozenset(orgs[key]),
            frozenset(roles[key]),
            councils,
        )
        for key, entity in sorted(facts.entities.items())
        if entity.kind == "person"
    ]
