"""Extraction on a Dask cluster: the workers parse and extract, the client resolves and builds.

``build --dask SCHEDULER_ADDRESS`` reads the articles on the client and sends them to the cluster in
chunks; each worker loads the spaCy pipeline once (a per-process cache) and returns each article's
facts, without the article text unless evidence refers to derived text. Resolution and the RDF
build run on the client as in a local build, and since they depend only on the set of articles'
facts, the result is byte-identical to a local build of the same articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache
from itertools import islice
from typing import Any

from councilgraph.graph.errors import CouncilgraphError
from councilgraph.graph.model import Article, ArticleFacts

__all__ = ["extract_chunk", "extract_on_dask", "pipelines_loaded"]


@cache
def _pipeline(model: str | None) -> Any:
    from councilgraph.graph.nlp import load_pipeline

    return load_pipeline(model)


def pipelines_loaded() -> int:
    """How many spaCy pipelines this process holds: one on a worker that has extracted anything."""
    return _pipeline.cache_info().currsize


def extract_chunk(articles: list[Article], model: str | None = None) -> list[ArticleFacts]:
    """Run on a worker: parse and extract a chunk of articles with the worker's one pipeline."""
    from councilgraph.graph.pipeline import extract_articles

    out = []
    for facts in extract_articles(articles, _pipeline(model)):
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
    articles: Iterable[Article], address: str, model: str | None = None, chunk_size: int = 32
) -> Iterator[ArticleFacts]:
    """Each article's facts, extracted on the Dask cluster at ``address`` (results as they finish)."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError:  # pragma: no cover - distributed is a dependency
        raise CouncilgraphError("--dask needs dask.distributed (pip install distributed)") from None
    try:
        client = Client(address, timeout="30s")
    except OSError as exc:
        raise CouncilgraphError(f"--dask {address}: cannot reach the scheduler ({exc})") from None
    try:
        futures = [
            client.submit(extract_chunk, chunk, model, pure=False) for chunk in _chunks(articles, chunk_size)
        ]
        for future in as_completed(futures):
            yield from future.result()
    finally:
        client.close()
