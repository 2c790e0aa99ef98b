"""Build time as a ratio to plain spaCy ``nlp.pipe`` on the same texts (the yardstick of the brief).

    python benchmarks/bench_pipeline.py [FOLDER ...] [--repeat 3]

With no folder it uses the bundled samples. Reports medians of ``--repeat`` alternating runs:
T(extract: parse + our rules) / T(nlp.pipe) and T(extract + RDF build) / T(nlp.pipe). Ratios, not
seconds, are what to compare across machines.
"""

from __future__ import annotations

import argparse
import statistics
import time

from councilgraph.graph.build import GraphBuilder
from councilgraph.graph.furniture import mask
from councilgraph.graph.nlp import load_pipeline
from councilgraph.graph.pipeline import (
    BuildReport,
    _articles,
    extract_articles,
    iter_article_paths,
    sample_paths,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    nlp = load_pipeline()
    files = list(iter_article_paths(args.paths or sample_paths()))
    articles = list(_articles(files, BuildReport(), None))
    texts = [mask(a.text, a.furniture) for a in articles]
    tokens = sum(len(nlp.make_doc(t)) for t in texts)
    plain, extract, full = [], [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        plain.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for _facts in extract_articles(articles, nlp, args.batch_size):
            pass
        extract.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        builder = GraphBuilder()
        for facts in extract_articles(articles, nlp, args.batch_size):
            builder.add_article(facts)
        builder.finish()
        full.append(time.perf_counter() - t0)
    base = statistics.median(plain)
    print(
        f"{len(articles)} articles, {tokens} tokens; plain nlp.pipe median {base:.2f} s ({tokens / base:,.0f} tok/s)"
    )
    print(f"R_extract = {statistics.median(extract) / base:.3f}")
    print(f"R_build   = {statistics.median(full) / base:.3f}")


if __name__ == "__main__":
    main()
