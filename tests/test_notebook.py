"""The notebook runs top to bottom on the installed package (nbclient, real kernel)."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="nbformat is in the test extra")
nbclient = pytest.importorskip("nbclient", reason="nbclient is in the test extra")


def test_notebook_explore_runs(tmp_path):
    path = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert "articles read: 5" in "".join(o.get("text", "") for o in outputs)
    tables = [o for o in outputs if "text/html" in o.get("data", {}) and "<table" in o["data"]["text/html"]]
    assert len(tables) >= 4  # the named queries and the report's answers as DataFrames
    assert any("image/svg+xml" in o.get("data", {}) for o in outputs)  # the chart
    assert (tmp_path / "notebook-out" / "graph.html").stat().st_size < 2_000_000
