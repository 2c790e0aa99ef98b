"""The benchmark runner (benchmarks/) works end to end on a few articles: it is a tool users run, so
it is tested like one. Its figures are not checked here (speed is measured, not asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_build import bench, report  # noqa: E402

# seconds a test (processes, whole builds, Java): make test runs these, make check does not
pytestmark = pytest.mark.slow


def test_the_benchmark_times_a_build_plain_spacy_and_adding_one_article():
    result = bench(count=6, on_topic=1.0, workers=1, seed=3, add_one=True)
    assert result["articles"] == 6 and result["words"] > 6 * 100  # articles as long as news
    assert result["plain_process_s"] > 0 and result["build_s"] > 0
    stages = result["stages_s"]
    assert isinstance(stages, dict)
    assert {"read", "spaCy", "extraction", "resolution", "RDF", "validation", "write ttl", "store"} <= set(
        stages
    )
    added = result["add_one_stages_s"]
    assert isinstance(added, dict)
    assert (
        added["spaCy"] > 0 and "store" in added and "write html" in added
    )  # parsed one, committed, exported
    served = result["add_one_served_stages_s"]
    assert isinstance(served, dict) and set(served) == {
        "read + extract",
        "resolution + lines",
        "validation + store",
        "outputs",
    }
    outputs = result["add_one_served_output_stages_s"]
    assert isinstance(outputs, dict) and {"projection", "network", "write ttl", "write html"} <= set(outputs)
    walls = result["add_one_served_s"]
    assert isinstance(walls, list) and len(walls) == 3 and all(w > 0 for w in walls)
    assert result["serve_peak_mb"] > 0
    assert "adding one article to the store" in report(result) and "serve --store --ingest" in report(result)


@pytest.mark.slow
def test_the_serve_benchmark_has_many_clients_ask_a_fresh_server_at_once():
    from bench_serve import bench as bench_serve
    from bench_serve import report as serve_report

    result = bench_serve(count=6, clients=8, waves=2)
    waves = result["waves"]
    assert isinstance(waves, list) and len(waves) == 2
    assert all(wave["errors"] == 0 and 0 < wave["p50_s"] <= wave["p95_s"] <= wave["max_s"] for wave in waves)
    assert "8 clients at once on a fresh serve of 6 articles" in serve_report(result)
