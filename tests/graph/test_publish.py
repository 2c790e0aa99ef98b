"""One way to publish (``graph/app/publish.py``): the shapes, then the commit, then the outputs; a
graph or a change the shapes refuse leaves the store as it was and writes nothing."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from councilgraph.graph.app.publish import Publication, publish, shapes_check
from councilgraph.graph.core.errors import CouncilgraphError
from councilgraph.graph.rdf.oxigraph import StoreGraph, load_ntriples
from councilgraph.graph.rdf.store import FactStore
from councilgraph.ontology import CG

# a fact without its evidence: the shapes refuse it
NODE = "<https://w3id.org/councilgraph/id/inspection/nowhere>"
BROKEN = f"{NODE} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{CG.Inspection}> .\n".encode()


def _refuse(report: object) -> CouncilgraphError:
    return CouncilgraphError("refused")


def _store_state(root) -> tuple[list[str], dict[str, bytes]]:
    """The store's top-level entries, and its manifest and committed N-Triples (the Oxigraph folder's
    own log changes when it is opened)."""
    names = sorted(p.name for p in root.iterdir())
    return names, {p.name: p.read_bytes() for p in [root / "manifest.json", *root.glob("*.nt")]}


def test_a_graph_is_checked_then_committed_then_written(sample_result, tmp_path):
    steps: list[str] = []
    store = FactStore(tmp_path / "store")
    graph = StoreGraph(load_ntriples(sample_result.ntriples))
    check = shapes_check(_refuse)

    def checked(s: ox.Store) -> None:
        check(s)
        steps.append("check" if store.manifest.oxigraph is None else "check after commit")

    def write() -> list[str]:
        steps.append("write" if store.manifest.oxigraph else "write before commit")
        return ["graph.ttl"]

    done = publish(
        Publication(
            {"h": "a.txt"}, sample_result.ntriples, store=store, graph=graph, check=checked, write=write
        )
    )
    assert done == ["graph.ttl"] and steps == ["check", "write"]
    assert FactStore(tmp_path / "store").manifest.articles == {"h": "a.txt"}


@pytest.mark.parametrize("whole", [True, False], ids=["a whole graph", "a change"])
def test_a_refused_graph_or_change_changes_nothing(sample_result, tmp_path, whole):
    store = FactStore(tmp_path / "store")
    store.commit({"h": "a.txt"}, sample_result.ntriples)
    before = _store_state(tmp_path / "store")
    undone: list[bool] = []
    lines = b"".join(sorted({*sample_result.ntriples.splitlines(keepends=True), BROKEN}))
    with pytest.raises(CouncilgraphError, match="refused"):
        publish(
            Publication(
                {"h": "a.txt", "h2": "b.txt"},
                lines if whole else b"",
                store=store,
                graph=StoreGraph(load_ntriples(lines)) if whole else None,
                change=None if whole else ([BROKEN], []),
                check=shapes_check(_refuse, None if whole else [BROKEN]),
                write=lambda: pytest.fail("written though refused"),
                undo=lambda: undone.append(True),
            )
        )
    assert undone == [True]
    assert _store_state(tmp_path / "store") == before
    assert FactStore(tmp_path / "store").manifest.articles == {"h": "a.txt"}
