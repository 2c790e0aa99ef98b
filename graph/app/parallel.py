"""``--workers N``: read, filter, parse and extract in N processes; the main process resolves and builds.

spaCy's own ``nlp.pipe(n_process=N)`` parallelises the parse alone: the main process still reads,
tokenizes, filters and extracts every article, and on N cores it competes with the N parsers (1.39x
for two workers). Here each worker process runs the whole per-article path
(:func:`councilgraph.graph.nlp.stage.extract_articles`) on batches of articles and returns their
facts; the main process reads the files and sends batches out, and takes the facts back in the
order the articles came (``imap``), so the graph is the one a single process builds, byte for byte.

Workers get the pipeline by ``fork`` where the platform has it (the parent's loaded pipeline, shared
copy-on-write), else each loads it once (``spawn``).
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from spacy.language import Language

from councilgraph.graph.core.clock import Seconds
from councilgraph.graph.core.errors import ArticleFailed, ArticleFailure
from councilgraph.graph.core.model import Article, ArticleFacts
from councilgraph.graph.nlp.language import load_pipeline
from councilgraph.graph.nlp.stage import extract_articles

__all__ = ["extract_in_processes"]

_NLP: Language | None = None  # set in the parent just before forking; inherited by the workers
_MODEL: str | None = None


def _pipeline() -> Language:
    global _NLP
    if _NLP is None:
        _NLP = load_pipeline(_MODEL)
    return _NLP


def _extract_batch(
    batch: list[Article],
) -> tuple[list[ArticleFacts], list[ArticleFailure], dict[str, float]]:
    """In a worker: one batch's facts, the articles whose processing failed (skipped), and the
    seconds its stages took there."""
    report = Seconds()
    failures: list[ArticleFailure] = []
    started = time.perf_counter()
    facts = list(
        extract_articles(
            batch, _pipeline(), batch_size=len(batch), timings=report, on_failure=failures.append
        )
    )
    wall = time.perf_counter() - started
    report.time("spaCy", max(wall - sum(report.values()), 0.0))
    return facts, failures, dict(report)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while batch := list(islice(it, size)):
        yield batch


def extract_in_processes(
    articles: Iterable[Article],
    workers: int,
    batch_size: int,
    nlp: Language | None = None,
    model: str | None = None,
    timings: dict[str, float] | None = None,
    on_failure: Callable[[ArticleFailure], None] | None = None,
) -> Iterator[ArticleFacts]:
    """Each article's facts, in order, extracted by ``workers`` processes (``timings`` receives each
    worker stage's seconds summed over the workers, under ``workers: <stage>``). An article whose
    processing fails in a worker is skipped and ``on_failure`` hears it (without ``on_failure``,
    the first such error is raised here)."""
    global _NLP, _MODEL
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    _NLP, _MODEL = (nlp, model) if "fork" in methods else (None, model)
    try:
        with context.Pool(workers) as pool:
            for facts, failures, spent in pool.imap(_extract_batch, _batches(articles, batch_size)):
                if timings is not None:
                    for stage, seconds in spent.items():
                        timings[f"workers: {stage}"] = timings.get(f"workers: {stage}", 0.0) + seconds
                for failure in failures:
                    if on_failure is None:
                        raise ArticleFailed(failure.name, failure.reason, failure.trace)
                    on_failure(failure)
                yield from facts
    finally:
        _NLP = None
