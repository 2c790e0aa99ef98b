"""The notebook runs top to bottom on the installed package (nbclient, real kernel), on the folder
a user names in ``COUNCILGRAPH_ARTICLES`` (its "parameters" cell also takes papermill's)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from councilgraph.graph.app.pipeline import sample_paths

# seconds a test (processes, whole builds, Java): make test runs these, make check does not
pytestmark = pytest.mark.slow

nbformat = pytest.importorskip("nbformat", reason="nbformat is in the test extra")
nbclient = pytest.importorskip("nbclient", reason="nbclient is in the test extra")

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


def _run(tmp_path: Path, articles: Path | None) -> list:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    saved = os.environ.get("COUNCILGRAPH_ARTICLES")
    try:
        if articles is None:
            os.environ.pop("COUNCILGRAPH_ARTICLES", None)
        else:
            os.environ["COUNCILGRAPH_ARTICLES"] = str(articles)
        nbclient.NotebookClient(
            nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
        ).execute()
    finally:
        if saved is None:
            os.environ.pop("COUNCILGRAPH_ARTICLES", None)
        else:
            os.environ["COUNCILGRAPH_ARTICLES"] = saved
    return [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]


def test_notebook_explore_runs_on_the_folder_the_user_names(tmp_path):
    folder = tmp_path / "my-articles"
    folder.mkdir()
    for path in sorted(sample_paths())[:3]:
        shutil.copy(path, folder / path.name)
    outputs = _run(tmp_path, folder)
    assert not [o for o in outputs if o.output_type == "error"]
    assert "articles read: 3" in "".join(o.get("text", "") for o in outputs)
    tables = [o["data"]["text/html"] for o in outputs if "<table" in o.get("data", {}).get("text/html", "")]
    assert len(tables) >= 5  # the named queries, the inspections' evidence and the report's answers
    evidence = [
        t for t in tables if "<th>quote</th>" in t and "<th>file</th>" in t and "<th>rating</th>" in t
    ]
    assert evidence, "the inspections table with article and quote"
    assert any("image/svg+xml" in o.get("data", {}) for o in outputs)  # the chart
    assert (tmp_path / "notebook-out" / "graph.html").stat().st_size < 2_000_000


def test_notebook_without_a_folder_uses_the_samples(tmp_path):
    outputs = _run(tmp_path, None)
    assert not [o for o in outputs if o.output_type == "error"]
    assert f"articles read: {len(sample_paths())}" in "".join(o.get("text", "") for o in outputs)
