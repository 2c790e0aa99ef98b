"""Write the resolved graph as RDF, in the terms of the contract (``../shared/eval/RDF_CONTRACT.md``).

:class:`LineWriter` is the one writer of the graph's lines, part by part; :class:`GraphBuilder`
gathers a batch build's lines through it, and ``graph/rdf/units.py`` a unit's. Article nodes go in
as each article arrives, so a build
never holds more than one article's text; everything that needs all articles (who is who, which
reports are one event) is decided by ``graph/resolve`` and handed to :meth:`GraphBuilder.add_resolved`.
How each fact kind is written is declared in ``graph/core/kinds.py``.

Each triple becomes its N-Triples line as it is added, in rdflib's own encoding, and the graph is
the set of those lines (``graph/rdf/spill.py``: held in memory up to a limit, sorted runs on disk past
it): :meth:`GraphBuilder.write_ntriples` writes them, sorted, as the document that Oxigraph loads
for validation, the projection and the store, and that Turtle, N-Triples and JSON-LD are written
from. An rdflib ``Graph`` of the same triples took six times the memory (about 1.3 KB a triple at
50,000 articles) and twice the time to fill and then serialise; the lines themselves, 500 MB at
50,000 articles, were the largest thing a build held until they could spill.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache, lru_cache
from typing import IO, TYPE_CHECKING

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO, TIME, VOID
from rdflib.plugins.serializers.nt import (
    _quoteLiteral,  # rdflib's own literal form: the same bytes as its writer
)
from rdflib.term import Node

from councilgraph.graph import __version__
from councilgraph.graph.core.gazetteer import Gazetteer, load_gazetteer
from councilgraph.graph.core.iris import fact_iri, iri, short_hash, slugify
from councilgraph.graph.core.kinds import ENTITY_KINDS, FACT_KINDS, Property
from councilgraph.graph.core.model import Article, Evidence, Interval
from councilgraph.graph.rdf.spill import SortedLines
from councilgraph.graph.resolve import Resolved, ResolvedEntity, ResolvedFact, entity_iri
from councilgraph.ontology import CG, CG_IRI, ONTOLOGY_IRI, load_ontology

if TYPE_CHECKING:
    from councilgraph.graph.resolve.review import Decision, Reviewed

__all__ = [
    "ArticleUnit",
    "BodyUnit",
    "DatasetUnit",
    "FactUnit",
    "GraphBuilder",
    "LineWriter",
    "MentionsUnit",
    "PersonUnit",
    "ReviewsUnit",
    "SupportUnit",
    "Unit",
    "dataset_triples_line",
    "date_literal",
    "entity_iri",
    "fact_node",
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
# units, equal lines). A batch build writes every unit once (GraphBuilder); a live graph keeps
# each unit's lines (graph/rdf/units.py) and writes or takes away the units a change reaches.
@dataclass(frozen=True)
class ArticleUnit:
    """An article's own node (written from the article, whose text the unit does not keep: the
    file's bytes, known by their hash, give the same text)."""

    content_hash: str
    source_file: str


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

    The batch build (:class:`GraphBuilder`: ``emit`` adds to sorted lines that spill) and the
    graph kept by units (``graph/rdf/units.py``: ``emit`` adds to one unit's set) write through
    this one class, so that a part has the same lines however the graph is made (:meth:`unit`
    writes any unit). What a build counts for its summary as the lines go in (it never reads the
    graph back) goes into the collections given: ``typed`` (a counted class -> its nodes) and
    ``mentioned`` (the entities articles mention)."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        emit: Callable[[bytes], object],
        *,
        typed: defaultdict[Node, set[Node]] | None = None,
        mentioned: set[Node] | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.emit = emit
        self._typed, self._mentioned = typed, mentioned

    @staticmethod
    def line(s: Node, p: Node, o: Node) -> bytes:
        """One triple's N-Triples line, in rdflib's own encoding."""
        obj = _quoteLiteral(o) if isinstance(o, Literal) else _n3(o)
        return f"{_n3(s)} {_n3(p)} {obj} .\n".encode()

    def _add(self, s: Node, p: Node, o: Node) -> None:
        self.emit(self.line(s, p, o))

    def unit(self, unit: Unit, article: Article | None = None) -> None:
        """The lines of one unit (an :class:`ArticleUnit`'s written from ``article``)."""
        if isinstance(unit, ArticleUnit):
            assert article is not None and article.content_hash == unit.content_hash
            self.add_article(article)
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
        typed = self._typed
        for each in superclasses(cls):
            self._add(node, RDF.type, each)
            if typed is not None and each in _COUNTED:
                typed[each].add(node)

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

    def add_article(self, art: Article) -> None:
        """The article's own node: file, hash, date, and its text when evidence refers to derived text."""
        a = iri("article", art.id)
        self._type(a, SDO.NewsArticle)
        self._add(a, CG.sourceFile, Literal(art.source_file))
        self._add(a, CG.contentHash, Literal(art.content_hash))
        if art.published:
            self._add(a, SDO.datePublished, date_literal(art.published))
        if art.text_is_derived:
            self._add(a, CG.text, Literal(art.text))

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
            entity = _entity_node(key)
            self._add(article, SDO.mentions, entity)
            if self._mentioned is not None:
                self._mentioned.add(entity)

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


class GraphBuilder:
    """Accumulates one graph as N-Triples lines (written by its :class:`LineWriter`): articles as
    they arrive, then the resolved entities and facts. The graph is never read back: what the
    build must know of it (each fact's articles, how many nodes of each class) is counted as the
    triples go in."""

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        workdir: str | os.PathLike[str] | None = None,
        *,
        count: bool = True,
    ) -> None:
        self._workdir = workdir  # where lines spill to (the system's temporary folder when None)
        self._lines = SortedLines(workdir)
        self._typed: defaultdict[Node, set[Node]] = defaultdict(set)  # counted class -> its nodes (summary)
        self.mentioned: set[Node] = set()  # every entity some article mentions
        self._described = False  # whether the graph describes itself (then write_ntriples counts it)
        self._dropped: set[bytes] = set()  # the subjects of dropped articles' nodes, with a space
        self.gazetteer = gazetteer or load_gazetteer()
        self.writer = LineWriter(
            self.gazetteer,
            self._lines.add,
            typed=self._typed if count else None,
            mentioned=self.mentioned if count else None,
        )
        self.writer.add_schemes()

    def add_article(self, art: Article) -> None:
        """The article's own node (:meth:`LineWriter.add_article`), as each article arrives."""
        self.writer.add_article(art)

    def reviews(self, reviewed: Reviewed) -> None:
        """The reviewers' marks (:meth:`LineWriter.reviews`), after :meth:`add_resolved`."""
        self.writer.reviews(reviewed)

    def write_ntriples(self, out: IO[bytes]) -> int:
        """Write the graph into ``out`` as N-Triples, one triple per line, lines sorted: the same
        graph, the same bytes. Returns how many triples were written. The builder is spent after it.

        The dataset's ``void:triples`` counts the graph's distinct triples, known only once the
        lines are merged; the lines that sort after it wait in a temporary file meanwhile, so that
        the document is written once and never held in memory."""
        after = _dataset_triples_prefix()
        count = 1 if self._described else 0  # the void:triples triple itself
        dropped = self._dropped
        with tempfile.TemporaryFile(dir=self._workdir) as tail:
            for line in self._lines:
                if dropped and line[: line.find(b" ") + 1] in dropped:
                    continue  # a dropped article's own node
                (out if line < after else tail).write(line)
                count += 1
            if self._described:
                out.write(dataset_triples_line(count))
            tail.seek(0)
            shutil.copyfileobj(tail, out, 1 << 20)
        return count

    def nodes_of(self, cls: URIRef) -> set[Node]:
        """The nodes typed ``cls`` (directly or as a superclass of their class), for the classes a
        build's summary counts: entities' and facts'."""
        return self._typed.get(cls, set())

    def add_resolved(self, resolved: Resolved) -> None:
        """People, bodies, mentions and every fact with its evidence and support.

        Each part is one call below, of what it is written from alone (``graph/rdf/units.py`` writes
        them one at a time, for what an added article changed). Should a part raise, the builder
        is left as it was before the call (the lines written so far are taken away again), so
        that the caller can find the articles whose facts fail (:meth:`failing_articles`), drop
        them (:meth:`drop_article`) and call again with the rest."""
        self._lines.checkpoint()
        before = ({k: set(v) for k, v in self._typed.items()}, set(self.mentioned), self._described)
        try:
            self._add_resolved(resolved)
        except BaseException:  # (restored in place: the writer holds these collections)
            self._lines.rollback()
            self._typed.clear()
            self._typed.update(before[0])
            self.mentioned.clear()
            self.mentioned.update(before[1])
            self._described = before[2]
            raise

    def drop_article(self, article_id: str) -> None:
        """Leave the article's own node (added by :meth:`add_article`) out of the graph."""
        self._dropped.add(_n3(_article_node(article_id)).encode() + b" ")

    def failing_articles(self, resolved: Resolved) -> dict[str, BaseException]:
        """The articles (id -> the error) whose part of ``resolved`` cannot be written: each
        part is written to a scratch builder, and a part that raises is traced to the articles it
        comes from (a fact's or a mention's article; every article that mentions a person or a
        body). The builder itself is not changed."""
        scratch = LineWriter(self.gazetteer, _forget)  # lines made as the builder's are, and forgotten
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

    def _add_resolved(self, resolved: Resolved) -> None:
        for unit in units_of(resolved):
            self.writer.unit(unit)
        self._described = True  # void:triples: added by write_ntriples, once the distinct lines are counted


def _forget(line: bytes) -> None:
    """Where a scratch writer's lines go (:meth:`GraphBuilder.failing_articles`)."""


# the terms every fact and its evidence repeat, looked up once (a closed namespace checks each lookup)
_DERIVED_FROM, _EVIDENCE, _EVIDENCE_CLASS = PROV.wasDerivedFrom, CG.evidence, CG.Evidence
_IN_ARTICLE, _START, _END, _QUOTE = CG.inArticle, CG.startChar, CG.endChar, CG.quote
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
def _dataset_triples_prefix() -> bytes:
    """The start of the dataset's ``void:triples`` line, up to its number."""
    return f"{_n3(iri('dataset', 'graph'))} {_n3(VOID.triples)} ".encode()


def dataset_triples_line(count: int) -> bytes:
    """The dataset's ``void:triples`` line for a graph of ``count`` triples (this one included)."""
    return _dataset_triples_prefix() + f'"{count}"^^<{XSD.integer}> .\n'.encode()


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
