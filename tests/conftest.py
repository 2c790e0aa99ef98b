"""The only conftest: session fixtures for the real spaCy pipeline, built graphs and shared/."""

from __future__ import annotations

from pathlib import Path

import pytest

from councilgraph.graph.nlp import load_pipeline
from councilgraph.graph.pipeline import build_graph, sample_paths

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def nlp():
    """The real pipeline (model + councilgraph span ruler), loaded once."""
    return load_pipeline()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the checkout; tests that need it skip with a clear reason when absent."""
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip("shared/ not present beside the checkout: acceptance test skipped")
    return SHARED


@pytest.fixture(scope="session")
def sample_result(nlp):
    """A build of the bundled sample articles."""
    return build_graph(sample_paths(), nlp=nlp)


@pytest.fixture(scope="session")
def queries_result(nlp):
    """A build of the articles written for the query tests."""
    return build_graph([DATA / "articles"], nlp=nlp)
