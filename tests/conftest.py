"""The only conftest: session fixtures for the real spaCy pipeline, built graphs and shared/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from councilgraph.graph.app.pipeline import build_graph, sample_paths
from councilgraph.graph.nlp.language import load_pipeline

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
def councilgraph_exe() -> str:
    """The installed ``councilgraph`` console script (the one beside this Python first)."""
    beside = Path(sys.executable).parent / "councilgraph"
    exe = str(beside) if beside.exists() else shutil.which("councilgraph")
    assert exe, "the councilgraph console script is not installed"
    return exe


@pytest.fixture(scope="session")
def cli(councilgraph_exe) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``councilgraph ARGS...`` as users do; returns the completed process (text output)."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([councilgraph_exe, *args], capture_output=True, text=True, timeout=900)

    return run


@pytest.fixture(scope="session")
def sample_result(nlp):
    """A build of the bundled sample articles."""
    return build_graph(sample_paths(), nlp=nlp)


@pytest.fixture(scope="session")
def queries_result(nlp):
    """A build of the articles written for the query tests."""
    return build_graph([DATA / "articles"], nlp=nlp)


@pytest.fixture(scope="session")
def generated(nlp, tmp_path_factory):
    """The facts of 160 articles of the benchmark's generator: casts that recur and move between
    councils (the live graph's and the live outputs' tests take them one at a time)."""
    from councilgraph.graph.nlp.read import read_article
    from councilgraph.graph.nlp.stage import extract_articles

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    files = generate(tmp_path_factory.mktemp("generated"), 160, 0.9, 11)
    return list(extract_articles([read_article(p) for p in files], nlp))
