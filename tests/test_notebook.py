"""The notebook runs top to bottom on the installed package (nbclient, real kernel)."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="nbformat is in the test extra")
nbclient = pytest.importorskip("nbclient", reason="nbclient is in the test extra")


def test_notebook_explore_runs():
    path = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert "articles read: 5" in "".join(o.get("text", "") for o in outputs)
