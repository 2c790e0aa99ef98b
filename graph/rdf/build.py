"""Write the resolved graph as RDF, in the terms of the contract (``../shared/eval/RDF_CONTRACT.md``).

:class:`LineWriter` is the one writer of the graph's lines, unit by unit (:func:`units_of` lists the
units of a resolved graph); ``graph/rdf/units.py:UnitGraph`` counts them in, and out, for a batch
build and a live graph alike. How each fact kind is written is declared in ``graph/core/kinds.py``.

Each triple becomes its N-Triples line as it is added, in rdflib's own encoding, and the graph is
the set of those lines (``graph/rdf/spill.py``: held in memory up to a limit, sorted runs on disk past
it), written sorted as the document that Oxigraph loads for validation, the projection and the
store, and that Turtle, N-Triples and JSON-LD are written from. An rdflib ``Graph`` of the same
triples took six times the memory (about 1.3 KB a triple at 50,000 articles) and twice the time to
fill and then serialise; the lines themselves, 500 MB at 50,000 articles, were the largest thing a
build held until they could spill.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO, TIME, VOID
from rdflib.plugins.serializers.nt import (
    _quoteLiteral,  # rdflib's own literal form: the same bytes as its writer
)
from rdflib.term import Node

from councilgraph.graph import __version__
from councilgraph.graph.core.gazetteer import Gazetteer
from councilgraph.graph.core.iris import fact_iri, iri, short_hash, slugify
from councilgraph.graph.core.kinds import ENTITY_KINDS, FACT_KINDS, Property
from councilgraph.graph.core.model import Article, Evidence, Interval
from councilgraph.graph.resolve import Resolved, ResolvedEntity, ResolvedFact, entity_iri
from councilgraph.ontology import CG, CG_IRI, ONTOLOGY_IRI, load_ontology

if TYPE_CHECKING:
    from councilgraph.graph.resolve.review import Decision, Reviewed

__all__ = [
    "ArticleUnit",
    "BodyUnit",
    "DatasetUnit",
    "FactUnit",
    "LineWriter",
    "MentionsUnit",
    "PersonUnit",
    "ReviewsUnit",
    "SupportUnit",
    "Tally",
    "Unit",
    "dataset_triples_line",
    "dataset_triples_prefix",
    "date_literal",
    "entity_iri",
    "fact_node",
    "failing_articles",
    "units_of",
]

WIKIDATA = "http://www.wikidata.org/entity/"
_KINDS = {k.name: k for k in FACT_KINDS}
_PERSON_CLASS = next(k.rdf_class for k in ENTITY_KINDS if k.name == "person")
_ORG_CLASS = next(k.rdf_class for k in ENTITY_KINDS if k.name == "organisation")
_COUNTED = frozenset({k.rdf_class for k in ENTITY_KINDS} | {k.rdf_class for k in FACT_KINDS} | {CG.Council})
"""The classes whose members the build's summary counts (not evidence or articles: most nodes)."""


def date_literal(value: str) -> Literal:
    """An ISO date, year-month or year as ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``."""
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(value)]
    return Literal(value, datatype=datatype)


# The units, the parts of a resolved graph: each holds everything its lines are made from (equal
# units, equal lines, so that a unit is taken away by writing it again as a count out:
# graph/rdf/units.py).
@dataclass(frozen=True)
class ArticleUnit:
    """An article's own node: file, hash, date, and its text when evidence refers to derived text
    (the file's own text is never in the graph, and the unit does not keep it)."""

    id: str
    content_hash: str
    source_file: str
    published: str | None
    derived_text: str | None

    @classmethod
    def of(cls, art: Article) -> ArticleUnit:
        return cls(
            art.id,
            art.content_hash,
            art.source_file,
            art.published,
            art.text if art.text_is_derived else None,
        )


@dataclass(frozen=True)
class PersonUnit:
    local: str
    label: str
    alt_labels: tuple[str, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class MentionsUnit:
    article_id: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class FactUnit:
    """One article's statement of a fact, with its evidence."""

    fact: ResolvedFact


@dataclass(frozen=True)
class SupportUnit:
    node: str  # the fact's IRI
    articles: int


@dataclass(frozen=True)
class BodyUnit:
    body: ResolvedEntity


@dataclass(frozen=True)
class DatasetUnit:
    articles: int


@dataclass(frozen=True)
class ReviewsUnit:
    """What the reviews add (:meth:`LineWriter.reviews`): each reviewed fact's mark and review, each
    rejection; known by a digest of them."""

    digest: str
    reviewed: Reviewed = field(compare=False, hash=False)

    @classmethod
    def of(cls, reviewed: Reviewed) -> ReviewsUnit:
        marks = sorted((f, m.status, m.decision.to_json(), m.original) for f, m in reviewed.marks.items())
        rejected = [(r.fact, r.label, r.evidence, r.decision.to_json()) for r in reviewed.rejected]
        return cls(short_hash(marks, rejected, length=32), reviewed)


Unit = ArticleUnit | PersonUnit | MentionsUnit | FactUnit | SupportUnit | BodyUnit | DatasetUnit | ReviewsUnit


def fact_node(fact: ResolvedFact) -> str:
    """The IRI of the fact node a statement is about."""
    return str(fact_iri(_KINDS[fact.kind].iri_kind, *fact.identity))


def units_of(resolved: Resolved) -> Iterator[Unit]:
    """Every unit of the resolved graph but the articles' own nodes (and the reviews'): the one
    list of a resolved graph's parts, which the batch build writes and a live graph keeps."""
    people = resolved.people
    for local in sorted(people.labels):
        yield PersonUnit(
            local, people.labels[local], tuple(people.alt_labels[local]), tuple(people.notes.get(local, []))
        )
    for article_id, keys in sorted(resolved.mentions.items()):
        yield MentionsUnit(article_id, tuple(keys))
    support: dict[str, set[str]] = defaultdict(set)
    for fact in resolved.facts:
        yield FactUnit(fact)
        support[fact_node(fact)].add(fact.article_id)
    for body in resolved.bodies.values():
        yield BodyUnit(body)
    for node, articles in support.items():
        yield SupportUnit(node, len(articles))
    yield DatasetUnit(len(resolved.mentions))


class LineWriter:
    """The one writer of the graph's lines: each part of a resolved graph (an article's node, a
    person, what an article mentions, one statement of a fact with its evidence, a support count,
    a body, the dataset, the reviews) as N-Triples lines, each handed to ``emit`` as it is made.

    Every graph (``graph/rdf/units.py:UnitGraph``: a batch build's and a live one's) is written
    through this one class, a unit at a time (:meth:`unit`), so that a part has the same lines
    however the graph is made."""

    def __init__(self, gazetteer: Gazetteer, emit: Callable[[bytes], object]) -> None:
        self.gazetteer = gazetteer
        self.emit = emit

    @staticmethod
    def line(s: Node, p: Node, o: Node) -> bytes:
        """One triple's N-Triples line, in rdflib's own encoding."""
        obj = _quoteLiteral(o) if isinstance(o, Literal) else _n3(o)
        return f"{_n3(s)} {_n3(p)} {obj} .\n".encode()

    def _add(self, s: Node, p: Node, o: Node) -> None:
        self.emit(self.line(s, p, o))

    def unit(self, unit: Unit) -> None:
        """The lines of one unit."""
        if isinstance(unit, ArticleUnit):
            self.article(unit)
        elif isinstance(unit, PersonUnit):
            self.person(unit.local, unit.label, unit.alt_labels, unit.notes)
        elif isinstance(unit, MentionsUnit):
            self.mentions(unit.article_id, unit.keys)
        elif isinstance(unit, FactUnit):
            self.fact(unit.fact)
        elif isinstance(unit, SupportUnit):
            self.support(URIRef(unit.node), unit.articles)
        elif isinstance(unit, BodyUnit):
            self.body(unit.body)
        elif isinstance(unit, ReviewsUnit):
            self.reviews(unit.reviewed)
        else:
            self.describe_dataset(unit.articles)

    def _type(self, node: Node, cls: URIRef) -> None:
        """``node a cls`` and every superclass of ``cls`` the ontology states, so that a store or a
        SHACL validator without inference finds a council as an ``org:Organization``."""
        for each in superclasses(cls):
            self._add(node, RDF.type, each)

    def add_schemes(self) -> None:
        """Copy the two concept schemes in, so role and rating labels answer plain SPARQL."""
        ontology = load_ontology()
        for concept in set(ontology.subjects(SKOS.inScheme, None)) | {
            CG.Roles,
            CG.Ratings,
            CG.ReviewStatuses,
        }:
            for p, o in ontology.predicate_objects(concept):
                self._add(concept, p, o)

    def article(self, art: ArticleUnit) -> None:
        """The article's own node: file, hash, date, and its text when evidence refers to derived text."""
        a = iri("article", art.id)
        self._type(a, SDO.NewsArticle)
        self._add(a, CG.sourceFile, Literal(art.source_file))
        self._add(a, CG.contentHash, Literal(art.content_hash))
        if art.published:
            self._add(a, SDO.datePublished, date_literal(art.published))
        if art.derived_text is not None:
            self._add(a, CG.text, Literal(art.derived_text))

    def person(self, local: str, label: str, alt_labels: Iterable[str], notes: Iterable[str]) -> None:
        """One person: type, label, the other forms articles use, how resolution decided."""
        node = iri("person", local)
        self._type(node, _PERSON_CLASS)
        self._add(node, RDFS.label, Literal(label))
        for alt in alt_labels:
            self._add(node, SKOS.altLabel, Literal(alt))
        for note in notes:
            self._add(node, CG.resolutionNote, Literal(note))

    def mentions(self, article_id: str, keys: Iterable[str]) -> None:
        """What one article mentions (resolved entity keys)."""
        article = _article_node(article_id)
        for key in keys:
            self._add(article, SDO.mentions, _entity_node(key))

    def support(self, fact_node: Node, articles: int) -> None:
        """How many articles state a fact."""
        self._add(fact_node, CG.supportCount, Literal(articles))

    def body(self, body: ResolvedEntity) -> None:
        """One council or organisation."""
        node = _entity_node(body.key)
        if body.entity.kind == "council":
            self._council(node, body.entity.key)
        else:
            self._org(node, body)

    def describe_dataset(self, articles: int) -> None:
        """The graph says what it is (VoID): its ontology, the software that made it, how many
        articles and triples it holds, and when it was built if ``SOURCE_DATE_EPOCH`` says so.

        The build time is recorded only from ``SOURCE_DATE_EPOCH`` (the reproducible-builds
        convention), so that the same articles give byte-identical files by default."""
        ds, software = iri("dataset", "graph"), iri("software", slugify(f"councilgraph {__version__}"))
        self._type(ds, VOID.Dataset)
        self._add(ds, DCTERMS.title, Literal("councilgraph knowledge graph"))
        self._add(ds, VOID.vocabulary, URIRef(CG_IRI))
        self._add(ds, DCTERMS.conformsTo, URIRef(ONTOLOGY_IRI))
        self._add(ds, DCTERMS.creator, software)
        self._add(software, RDF.type, SDO.SoftwareApplication)
        self._add(software, RDFS.label, Literal("councilgraph"))
        self._add(software, SDO.softwareVersion, Literal(__version__))
        self._add(ds, VOID.documents, Literal(articles))
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if epoch.isdigit():
            when = datetime.fromtimestamp(int(epoch), tz=UTC).replace(microsecond=0)
            self._add(
                ds, DCTERMS.created, Literal(when.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)
            )

    def fact(self, stated: ResolvedFact) -> None:
        """One article's statement of a fact: the fact's node, its evidence, its values."""
        kind = _KINDS[stated.kind]
        node = fact_iri(kind.iri_kind, *stated.identity)
        article = _article_node(stated.article_id)
        self._type(node, kind.rdf_class)
        self._add(node, _DERIVED_FROM, article)
        self._evidence(node, article, stated.article_id, stated.fact.evidence)
        for prop in kind.properties:
            value = getattr(stated.fact, prop.field)
            if value is None or value == "":
                continue
            if isinstance(value, Interval):
                self._interval(node, prop.predicate, value)
            else:
                self._add(node, prop.predicate, _term(prop, value))

    def _interval(self, node: URIRef, predicate: URIRef, during: Interval) -> None:
        """``node predicate ?t``, ``?t a time:Interval`` with a ``time:Instant`` at each end the
        text gives. The interval is the fact's (keyed by the fact and its ends: two articles that
        date a post alike give one interval); an instant is one per value, shared."""
        interval = fact_iri("interval", str(node), during.began or "", during.ended or "")
        self._add(node, predicate, interval)
        self._type(interval, TIME.Interval)
        for end, value in ((TIME.hasBeginning, during.began), (TIME.hasEnd, during.ended)):
            if value:
                instant = iri("instant", value)
                self._add(interval, end, instant)
                self._type(instant, TIME.Instant)
                self._add(instant, _INSTANT_VALUE[len(value)], date_literal(value))

    def _evidence(self, node: URIRef, article: URIRef, article_id: str, ev: Evidence) -> None:
        e = iri("evidence", short_hash(article_id, ev.start, ev.end))
        self._add(node, _EVIDENCE, e)
        self._type(e, _EVIDENCE_CLASS)
        self._add(e, _IN_ARTICLE, article)
        self._add(e, _START, Literal(ev.start))
        self._add(e, _END, Literal(ev.end))
        self._add(e, _QUOTE, Literal(ev.quote))

    def reviews(self, reviewed: Reviewed) -> None:
        """The reviewers' marks on the facts (``graph/resolve/review.py``): each reviewed fact's
        ``cg:reviewStatus`` and its ``cg:Review`` (who, when, the note, the values a correction
        replaced), and a ``cg:Review`` of each rejected fact, with the evidence it was read from
        (the fact itself is not in the graph)."""
        for fact, mark in sorted(reviewed.marks.items()):
            node = URIRef(fact)
            review = self._review(node, mark.decision)
            self._add(node, CG.reviewStatus, CG[mark.status])
            self._add(node, CG.review, review)
            for name, value in mark.original:
                if name == "organisation" and value:
                    self._add(review, CG.originalOrganisation, URIRef(value))
                elif name == "role" and value:
                    self._add(review, CG.originalRole, CG[value])
                elif name == "year" and value:
                    self._add(review, CG.originalYear, Literal(value, datatype=XSD.gYear))
        for rejection in reviewed.rejected:
            review = self._review(URIRef(rejection.fact), rejection.decision)
            self._add(review, CG.reviewStatus, CG.Rejected)
            self._add(review, CG.rejectedFact, URIRef(rejection.fact))
            self._add(review, RDFS.label, Literal(rejection.label))
            for article_id, ev in rejection.evidence:
                self._evidence(review, _article_node(article_id), article_id, ev)

    def _review(self, fact: URIRef, decision: Decision) -> URIRef:
        """A review's node: the reviewer (a ``prov:Agent``), the date, the note."""
        review = iri("review", short_hash(fact, decision.to_json()))
        name = " ".join(decision.reviewer.split())
        reviewer = iri("reviewer", f"{slugify(name)}-{short_hash(name, length=6)}")
        self._type(review, CG.Review)
        self._add(review, PROV.wasAttributedTo, reviewer)
        self._add(review, DCTERMS.date, Literal(decision.date, datatype=XSD.date))
        if decision.note.strip():
            self._add(review, CG.reviewNote, Literal(decision.note))
        self._type(reviewer, PROV.Agent)
        self._add(reviewer, RDFS.label, Literal(name))
        return review

    def _council(self, node: URIRef, council_id: str) -> None:
        council = self.gazetteer.councils[council_id]
        self._type(node, CG.Council)
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
            # the same two triples as the successor's own node would have, if it is in the graph
            self._type(successor, CG.Council)
            self._add(successor, RDFS.label, Literal(self.gazetteer.councils[successor_id].official_name))

    def _org(self, node: URIRef, body: ResolvedEntity) -> None:
        entity, label = body.entity, body.label
        self._type(node, _ORG_CLASS)
        for alias in body.abbreviations:
            self._add(node, SKOS.altLabel, Literal(alias))
        known = self.gazetteer.orgs.get(entity.key)
        if known is not None:
            label = known.label
            for alias in known.aliases:
                self._add(node, SKOS.altLabel, Literal(alias))
            if known.wikidata:
                self._add(node, OWL.sameAs, URIRef(WIKIDATA + known.wikidata))
            if known.kind == "inspectorate":
                self._type(node, CG.Inspectorate)
        self._add(node, RDFS.label, Literal(label))


def failing_articles(resolved: Resolved, gazetteer: Gazetteer) -> dict[str, BaseException]:
    """The articles (id -> the error) whose part of ``resolved`` cannot be written: each unit is
    written to a scratch writer, and a unit that raises is traced to the articles it comes from (a
    fact's or a mention's article; every article that mentions a person or a body)."""
    scratch = LineWriter(gazetteer, _forget)  # lines made as the graph's are, and forgotten
    mentioning: dict[str, list[str]] = defaultdict(list)
    for article_id, keys in resolved.mentions.items():
        for key in keys:
            mentioning[key].append(article_id)

    def articles_of(unit: Unit) -> Iterable[str]:
        if isinstance(unit, PersonUnit):
            return mentioning.get(f"person:{unit.local}", ())
        if isinstance(unit, MentionsUnit):
            return (unit.article_id,)
        if isinstance(unit, FactUnit):
            return (unit.fact.article_id,)
        if isinstance(unit, BodyUnit):
            return mentioning.get(unit.body.key, ())
        return ()  # a support count or the dataset: made of the rest

    failed: dict[str, BaseException] = {}
    for unit in units_of(resolved):
        articles = articles_of(unit)
        if not articles:
            continue
        try:
            scratch.unit(unit)
        except Exception as exc:  # any error is traced to the part's articles
            for article_id in articles:
                failed.setdefault(article_id, exc)
    return failed


def _forget(line: bytes) -> None:
    """Where a scratch writer's lines go (:func:`failing_articles`)."""


class Tally:
    """What a build's summary counts, read off the graph's lines as they are written out (the graph
    is never read back): the nodes of each counted class (entities', facts', councils'; a node is
    typed with each superclass of its class) and the entities some article mentions. Nodes are
    their N-Triples forms."""

    def __init__(self) -> None:
        self._typed: dict[bytes, set[bytes]] = {_n3(cls).encode(): set() for cls in _COUNTED}
        self.mentioned: set[bytes] = set()

    def line(self, line: bytes) -> None:
        """Count one line of the graph (``<s> <p> <o> .``)."""
        s, p, rest = line.split(b" ", 2)
        if p == _TYPE_N3:
            nodes = self._typed.get(rest[:-3])
            if nodes is not None:
                nodes.add(s)
        elif p == _MENTIONS_N3:
            self.mentioned.add(rest[:-3])

    def nodes_of(self, cls: URIRef) -> set[bytes]:
        """The nodes typed ``cls``, for the classes a build's summary counts: entities' and facts'."""
        return self._typed[_n3(cls).encode()]


# the terms every fact and its evidence repeat, looked up once (a closed namespace checks each lookup)
_DERIVED_FROM, _EVIDENCE, _EVIDENCE_CLASS = PROV.wasDerivedFrom, CG.evidence, CG.Evidence
_IN_ARTICLE, _START, _END, _QUOTE = CG.inArticle, CG.startChar, CG.endChar, CG.quote
_TYPE_N3, _MENTIONS_N3 = RDF.type.n3().encode(), SDO.mentions.n3().encode()
_INSTANT_VALUE = {10: TIME.inXSDDate, 7: TIME.inXSDgYearMonth, 4: TIME.inXSDgYear}
"""The OWL-Time property that carries an instant's value, by the length of its ISO form."""


@lru_cache(maxsize=1 << 16)
def _article_node(article_id: str) -> URIRef:
    """An article's IRI: each of its facts refers to it."""
    return iri("article", article_id)


@lru_cache(maxsize=1 << 16)
def _entity_node(key: str) -> URIRef:
    """A resolved entity's IRI: councils, bodies and people recur in fact after fact."""
    return URIRef(entity_iri(key))


@cache
def dataset_triples_prefix() -> bytes:
    """The start of the dataset's ``void:triples`` line, up to its number."""
    return f"{_n3(iri('dataset', 'graph'))} {_n3(VOID.triples)} ".encode()


def dataset_triples_line(count: int) -> bytes:
    """The dataset's ``void:triples`` line for a graph of ``count`` triples (this one included)."""
    return dataset_triples_prefix() + f'"{count}"^^<{XSD.integer}> .\n'.encode()


@lru_cache(maxsize=1 << 16)
def _n3(node: Node) -> str:
    """An IRI's (or blank node's) N-Triples form, as rdflib's writer gives it (``n3()``, which checks
    the IRI each time): predicates, classes, articles and entities recur in triple after triple."""
    return node.n3()


@cache
def superclasses(cls: URIRef) -> tuple[URIRef, ...]:
    """``cls`` and its superclasses in the ontology (``rdfs:subClassOf``, transitively), sorted."""
    ontology = load_ontology()
    found = {c for c in ontology.transitive_objects(cls, RDFS.subClassOf) if isinstance(c, URIRef)}
    return tuple(sorted(found | {cls}))


def _term(prop: Property, value: object) -> Node:
    """The RDF term for one field value, as ``Property.value`` says."""
    if prop.value == "entity":
        return _entity_node(str(value))
    if prop.value in ("concept", "class"):
        return CG[str(value)]
    if prop.value == "label":
        return Literal(" ".join(str(value).split()))
    if prop.value == "date":
        return date_literal(str(value))
    if prop.value == "year":
        return Literal(str(value), datatype=XSD.gYear)
    return Literal(str(value))
