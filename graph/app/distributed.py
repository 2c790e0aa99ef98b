"""Extraction on a Dask cluster: the workers parse and extract, the client resolves and builds.

``build --dask SCHEDULER_ADDRESS`` reads the articles on the client and sends them to the cluster in
chunks; each worker loads the spaCy pipeline once (a per-process cache) and returns each article's
facts, without the article text unless evidence refers to derived text. Resolution and the RDF
build run on the client as in a local build, and since they depend only on the set of articles'
facts, the result is byte-identical to a local build of the same articles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import cache
from itertools import islice
from typing import Any

from councilgraph.graph.core.errors import ArticleFailed, ArticleFailure, CouncilgraphError
from councilgraph.graph.core.model import Article, ArticleFacts
from councilgraph.graph.nlp.language import load_pipeline
from councilgraph.graph.nlp.stage import extract_articles

__all__ = ["extract_chunk", "extract_on_dask", "pipelines_loaded"]


@cache
def _pipeline(model: str | None) -> Any:
    return load_pipeline(model)


def pipelines_loaded() -> int:
    """How many spaCy pipelines this process holds: one on a worker that has extracted anything."""
    return _pipeline.cache_info().currsize


def extract_chunk(articles: list[Article], model: str | None = None) -> list[ArticleFacts | ArticleFailure]:
    """Run on a worker: parse and extract a chunk of articles with the worker's one pipeline.
    An article whose processing fails gives an :class:`ArticleFailure` in its place."""
    out: list[ArticleFacts | ArticleFailure] = []
    for facts in extract_articles(articles, _pipeline(model), on_failure=out.append):
        art = facts.article
        if not art.text_is_derived:  # the text stays on the client; the facts carry their quotes
            facts.article = replace(art, text="", furniture=())
        out.append(facts)
    return out


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


def extract_on_dask(
    articles: Iterable[Article],
    address: str,
    model: str | None = None,
    chunk_size: int = 32,
    on_failure: Callable[[ArticleFailure], None] | None = None,
) -> Iterator[ArticleFacts]:
    """Each article's facts, extracted on the Dask cluster at ``address`` (results as they finish).

    An article whose processing fails on a worker is skipped and ``on_failure`` hears it; so is
    each article of a chunk whose task fails as a whole (a worker that died on it). Without
    ``on_failure``, the first such error is raised."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError:  # pragma: no cover - distributed is a dependency
        raise CouncilgraphError("--dask needs dask.distributed (pip install distributed)") from None
    try:
        client = Client(address, timeout="30s")
    except OSError as exc:
        raise CouncilgraphError(f"--dask {address}: cannot reach the scheduler ({exc})") from None
    try:
        names = {}
        for chunk in _chunks(articles, chunk_size):
            names[client.submit(extract_chunk, chunk, model, pure=False)] = [a.source_file for a in chunk]
        for future in as_completed(list(names)):
            try:
                done = future.result()
            except Exception as exc:  # the task as a whole: each of its articles is skipped
                done = [ArticleFailure.of(name, exc, "parsing on the Dask cluster") for name in names[future]]
            for each in done:
                if isinstance(each, ArticleFacts):
                    yield each
                elif on_failure is None:
                    raise ArticleFailed(each.name, each.reason, each.trace)
                else:
                    on_failure(each)
    finally:
        client.close()
