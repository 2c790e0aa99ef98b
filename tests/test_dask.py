"""Extraction on a Dask cluster gives the graph a local build gives, byte for byte.

A real ``LocalCluster`` of two worker processes; each loads the spaCy pipeline once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from councilgraph.graph.app.distributed import pipelines_loaded
from councilgraph.graph.app.pipeline import build_graph, sample_paths

# seconds a test (processes, whole builds, Java): make test runs these, make check does not
pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parent / "data"


@pytest.mark.slow
def test_a_dask_build_equals_a_local_build(nlp):
    distributed = pytest.importorskip("dask.distributed", reason="distributed is a dependency")
    paths = [*sample_paths(), DATA / "articles", DATA / "resolution"]
    local = build_graph(paths, nlp=nlp).graph.serialize(format="turtle")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        remote = build_graph(paths, dask=cluster.scheduler_address)
        with distributed.Client(cluster.scheduler_address) as client:
            loads = client.run(pipelines_loaded)
    assert remote.graph.serialize(format="turtle") == local
    assert remote.report.read == len(remote.report.articles) > 10
    assert all(n <= 1 for n in loads.values()) and sum(loads.values()) >= 1  # at most once per worker process


def test_an_unreachable_scheduler_is_one_line(cli, tmp_path):
    done = cli("build", "--dask", "tcp://127.0.0.1:9", "--out", str(tmp_path), "-q")
    assert done.returncode == 1 and done.stderr.startswith("error: ") and "Traceback" not in done.stderr
