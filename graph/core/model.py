"""Plain data passed between the stages: an article, the entities it names and the facts it states.

Every stage takes and returns these frozen dataclasses, so any stage's output can be printed and
compared in a test. Offsets are Python ``str`` indices into ``Article.text``. Entities and facts
are ordered by their fields in turn, a missing (``None``) field before any value
(:class:`~councilgraph.graph.core.order.NoneFirst`), so that any list of them sorts.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from councilgraph.graph.core.order import NoneFirst

EntityKind = Literal["council", "person", "org"]


@dataclass(frozen=True)
class TextRange(NoneFirst):
    """A half-open character range ``[start, end)`` of an article's text (not a spaCy ``Span``)."""

    start: int
    end: int


@dataclass(frozen=True)
class Evidence(NoneFirst):
    """The exact text that states a fact: ``quote == article.text[start:end]``."""

    start: int
    end: int
    quote: str

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end or len(self.quote) != self.end - self.start:
            raise ValueError(f"evidence [{self.start}, {self.end}) does not fit its quote {self.quote!r}")


@dataclass(frozen=True)
class Article:
    """One input article, decoded.

    ``text`` is what evidence offsets refer to: the file's UTF-8 text (BOM dropped, newlines kept)
    or, for HTML and other encodings, the extracted or decoded text, which the graph then records.
    ``furniture`` lists the spans recognised as web furniture (not mined for facts).
    """

    id: str
    source_file: str
    text: str
    content_hash: str
    published: str | None = None
    published_span: TextRange | None = None
    furniture: tuple[TextRange, ...] = ()
    text_is_derived: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entity(NoneFirst):
    """A council, person or organisation, keyed so that one key is one node across articles."""

    kind: EntityKind
    key: str
    label: str
    alt_labels: tuple[str, ...] = ()
    org_kind: str | None = None


@dataclass(frozen=True)
class Interval(NoneFirst):
    """When a post was held, as far as the text says: an ISO date, year-month or year at each end,
    or None where the text gives no end (``began`` alone: "since 2014")."""

    began: str | None
    ended: str | None


@dataclass(frozen=True)
class Post(NoneFirst):
    """``person`` holds ``role`` at ``organisation`` (an ORG Membership); ``began`` and ``ended``
    when the sentence that states it dates it (``graph/nlp/extract/timespans.py``)."""

    person: str
    organisation: str
    role: str
    role_label: str
    evidence: Evidence
    began: str | None = None
    ended: str | None = None

    @property
    def during(self) -> Interval | None:
        """The holding's interval (``org:memberDuring``), or None when the text dates neither end."""
        return Interval(self.began, self.ended) if self.began or self.ended else None

    @property
    def title_start(self) -> int:
        """Where the title is written in the article: inside the quote when it holds the title
        ("X will be the next leader"), else where the quote starts."""
        at = self.evidence.quote.find(self.role_label) if self.role_label else -1
        return self.evidence.start + max(at, 0)


@dataclass(frozen=True)
class Inspection(NoneFirst):
    """``council`` was rated ``rating`` (by ``inspectorate``, in ``year``) as the text states."""

    council: str
    rating: str
    evidence: Evidence
    inspectorate: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class Departure(NoneFirst):
    """``person`` left a post at ``organisation``; ``kind`` is the cg: subclass of cg:Departure."""

    person: str
    organisation: str
    kind: str
    evidence: Evidence
    role: str | None = None
    reason: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Appointment(NoneFirst):
    """``person`` was appointed to (or took over) ``role`` at ``organisation``, on ``date`` when
    the sentence that states it says when."""

    person: str
    organisation: str
    role: str
    role_label: str
    evidence: Evidence
    date: str | None = None


Fact = Post | Inspection | Departure | Appointment
"""Any fact an article states; ``graph/core/kinds.py`` says how each kind is keyed and written."""


@dataclass
class ArticleFacts:
    """Everything extracted from one article, entity keys pointing into ``entities``."""

    article: Article
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: set[str] = field(default_factory=set)
    posts: list[Post] = field(default_factory=list)
    inspections: list[Inspection] = field(default_factory=list)
    departures: list[Departure] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)

    def without_text(self) -> ArticleFacts:
        """What resolution needs of an article once its text is in the graph: names, keys, facts
        (a build and a live graph keep every article's facts, and would otherwise keep every text)."""
        return replace(
            self,
            article=replace(self.article, text="", furniture=()),
            entities=self.entities,
            mentions=self.mentions,
        )

    def entity_key(self, entity: Entity) -> str:
        """Register ``entity`` (first label wins) and return its key."""
        key = f"{entity.kind}:{entity.key}"
        self.entities.setdefault(key, entity)
        return key
