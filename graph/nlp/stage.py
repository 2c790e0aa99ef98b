"""The per-article stage: an article's text to its facts (tokenize, topic filter, parse, extract).

Every way of building runs this one function on each article: the batch build in one process
(``graph/app/pipeline.py``), ``--workers`` (``graph/app/parallel.py``), ``--dask``
(``graph/app/distributed.py``) and the ingest of one article (``graph/app/ingest.py``). It knows
nothing of resolution, RDF or stores.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc

from councilgraph.graph.core.errors import ArticleFailure
from councilgraph.graph.core.gazetteer import load_gazetteer
from councilgraph.graph.core.kinds import FACT_KINDS
from councilgraph.graph.core.model import Article, ArticleFacts, Evidence, Fact, TextRange
from councilgraph.graph.core.rules import load_rules
from councilgraph.graph.nlp.extract import extract_facts
from councilgraph.graph.nlp.extract.entities import speaks_of_councils
from councilgraph.graph.nlp.furniture import mask
from councilgraph.graph.nlp.language import SPAN_KEY

__all__ = [
    "BATCH_SIZE",
    "PIECED_OVER",
    "Timer",
    "extract_articles",
    "is_long",
    "is_on_topic",
    "pieces",
    "topic_doc",
]


class Timer(Protocol):
    """What the stage reports its seconds to (``BuildReport`` in a build, a worker's own report)."""

    def time(self, stage: str, seconds: float) -> None: ...


BATCH_SIZE = 50
"""Articles per ``nlp.pipe`` batch: spaCy's parser is a little faster in larger batches."""

TERMS = "councilgraph_terms"
"""The span ruler ``graph/nlp/language.py`` adds: councils, known bodies, post titles, ratings."""


def topic_doc(text: str, nlp: Language) -> Doc:
    """The text tokenized and marked with councilgraph's terms only: no tagger, parser or NER."""
    doc: Doc = nlp.get_pipe(TERMS)(nlp.make_doc(text))
    return doc


def is_on_topic(doc: Doc) -> bool:
    """Whether an article can state a fact: it names a council, a post or a known body.

    Decided at tokenizer speed on :func:`topic_doc`, so that a folder of local news where most
    articles are about roads and football costs a fraction of parsing everything. Every fact needs
    a post title, or a council's rating, and a body; an article with none of them states none. A
    generic title (role ``Other``: manager, president, chief operating officer) counts only beside
    a council or a body the gazetteer knows: local news is full of club managers and society
    presidents, and councilgraph's subject is councils and the bodies around them.
    """
    spans = doc.spans.get(SPAN_KEY, [])
    if any(s.label_ == "KNOWN_ORG" or (s.label_ == "ROLE" and s.id_ != "Other") for s in spans):
        return True  # a generic title alone ("the club's manager") is not a reason to parse
    councils = [s for s in spans if s.label_ == "COUNCIL"]
    if not councils:
        return False
    gazetteer, lex = load_gazetteer(), load_rules().lexicon
    if any(s.text != gazetteer.councils[s.id_].name for s in councils):
        return True  # "Wigan Council", not just "Wigan"
    return speaks_of_councils(doc, lex)  # a bare place name is a council only then


PIECED_OVER = 200_000
"""An article longer than this many characters (or than spaCy's limit, ``nlp.max_length``, a
million, should a model set it lower) is read in pieces of at most :data:`PIECE_CHARS` (news
articles are a few thousand characters; a 1.5-million-character file would otherwise stop the
build with spaCy's E088, and the parse of one text needs about a gigabyte per 100,000 characters)."""

PIECE_CHARS = 50_000
"""The longest piece a long article is read in (:func:`pieces`)."""


def pieces(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces of ``text``, each at most ``size`` characters and
    together the whole text. Each is cut after the last blank line in its second half, else the
    last line end, else the last full stop and space, else the last space; else at ``size``."""
    out = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = end
        for separator in ("\n\n", "\n", ". ", " "):
            at = text.rfind(separator, start + size // 2, end)
            if at != -1:
                cut = at + len(separator)
                break
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


def is_long(article: Article, nlp: Language) -> bool:
    """Whether the article is read in pieces (:data:`PIECED_OVER`)."""
    return len(article.text) > min(PIECED_OVER, nlp.max_length)


def _piece(article: Article, start: int, end: int) -> Article:
    """The article's text from ``start`` to ``end`` as an article of its own (its furniture and
    dateline moved to the piece's offsets, or left out where they fall outside it)."""

    def inside(span: TextRange) -> TextRange | None:
        a, b = max(span.start, start), min(span.end, end)
        return TextRange(a - start, b - start) if a < b else None

    dateline = article.published_span
    return replace(
        article,
        text=article.text[start:end],
        furniture=tuple(r for r in map(inside, article.furniture) if r is not None),
        published_span=inside(dateline) if dateline is not None else None,
    )


def _long_facts(article: Article, nlp: Language) -> tuple[ArticleFacts, float]:
    """The facts of a long article (:func:`is_long`), read piece by piece, each piece as a text
    of its own (filtered, parsed alone and extracted; only one piece's Doc is held at a time),
    their evidence moved back to the article's offsets, so that ``quote ==
    text[start:end]`` holds; and the seconds spent outside spaCy. What links sentences
    within a text (the opening sentences, a rating's year given once) links them within a piece."""
    found = ArticleFacts(article)
    stated: dict[str, list[Fact]] = {kind.field: [] for kind in FACT_KINDS}
    ours = 0.0
    for start, end in pieces(article.text):
        started = time.perf_counter()
        piece = _piece(article, start, end)
        doc = topic_doc(mask(piece.text, piece.furniture), nlp)
        keep = is_on_topic(doc)
        ours += time.perf_counter() - started
        if not keep:
            continue
        (doc,) = nlp.pipe([doc])
        started = time.perf_counter()
        facts = extract_facts(doc, piece)
        for key, entity in facts.entities.items():
            found.entities.setdefault(key, entity)  # the first piece's label, as in one text
        found.mentions |= facts.mentions
        for name, moved in stated.items():
            moved += [
                replace(
                    f, evidence=Evidence(f.evidence.start + start, f.evidence.end + start, f.evidence.quote)
                )
                for f in getattr(facts, name)
            ]
        ours += time.perf_counter() - started
    for name, moved in stated.items():
        setattr(found, name, sorted(set(moved)))
    return found, ours


def extract_articles(
    articles: Iterable[Article],
    nlp: Language,
    batch_size: int = BATCH_SIZE,
    timings: Timer | None = None,
    on_failure: Callable[[ArticleFailure], None] | None = None,
) -> Iterator[ArticleFacts]:
    """Parse and extract each article, ``batch_size`` articles at a time through ``nlp.pipe``.

    Each article is tokenized and marked once (:func:`topic_doc`); one that cannot state a fact
    (:func:`is_on_topic`) skips the parse and gives empty facts, the others go on to the rest of
    the pipeline as those Docs, so nothing is tokenized or matched twice. A very long article is
    read in pieces (:func:`is_long`, :func:`_long_facts`).

    With ``on_failure``, an error while one article is tokenized, parsed or extracted skips that
    article: ``on_failure`` hears an :class:`ArticleFailure`, and the rest go on (a batch whose
    parse fails is parsed again one article at a time, to find the one). Without it, the error
    is raised."""
    batch: list[tuple[Article, Doc | None, bool]] = []  # (article, its Doc to parse, long)
    parsing = 0

    def failed(article: Article, stage: str, exc: Exception) -> None:
        if on_failure is None:
            raise exc
        on_failure(ArticleFailure.of(article.source_file, exc, stage))

    with nlp.select_pipes(disable=[TERMS]):
        for article in articles:
            if is_long(article, nlp):
                batch.append((article, None, True))
                continue
            started = time.perf_counter()
            try:
                doc = topic_doc(mask(article.text, article.furniture), nlp)
                keep = is_on_topic(doc)
            except Exception as exc:
                failed(article, "tokenizing", exc)
                continue
            finally:
                if timings is not None:
                    timings.time("tokenize + topic filter", time.perf_counter() - started)
            batch.append((article, doc if keep else None, False))
            parsing += keep
            if parsing >= batch_size:
                yield from _parse_and_extract(batch, nlp, batch_size, timings, failed)
                batch, parsing = [], 0
        yield from _parse_and_extract(batch, nlp, batch_size, timings, failed)


def _parse_and_extract(
    batch: list[tuple[Article, Doc | None, bool]],
    nlp: Language,
    batch_size: int,
    timings: Timer | None,
    failed: Callable[[Article, str, Exception], None],
) -> Iterator[ArticleFacts]:
    """The facts of a batch's articles, in order: the on-topic ones parsed together (again one at
    a time, from new Docs, should that fail), then extracted."""
    try:
        parsed = iter(
            list(nlp.pipe([doc for _a, doc, _long in batch if doc is not None], batch_size=batch_size))
        )
        retry = False
    except Exception:
        parsed, retry = iter(()), True
    for article, doc, long in batch:
        if long:
            try:
                facts, seconds = _long_facts(article, nlp)
            except Exception as exc:
                failed(article, "reading it in pieces", exc)
                continue
            if timings is not None:
                timings.time("extraction", seconds)
            yield facts
            continue
        if doc is None:
            yield ArticleFacts(article)
            continue
        try:
            if retry:  # the batch failed: this article on its own, from a new tokenization
                doc = topic_doc(mask(article.text, article.furniture), nlp)
                (doc,) = nlp.pipe([doc])
            else:
                doc = next(parsed)
        except Exception as exc:
            failed(article, "parsing", exc)
            continue
        started = time.perf_counter()
        try:
            facts = extract_facts(doc, article)
        except Exception as exc:
            failed(article, "extracting", exc)
            continue
        finally:
            if timings is not None:
                timings.time("extraction", time.perf_counter() - started)
        yield facts
