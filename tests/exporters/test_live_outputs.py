"""Outputs kept by parts are, after each change, the files a build writes for the same graph."""

from __future__ import annotations

import networkx as nx
import pytest

from councilgraph.exporters import DEFAULT_FORMATS, write_outputs
from councilgraph.exporters.graphml import GraphMLWriter, _attrs, write_graphml
from councilgraph.exporters.parts import LiveOutputs
from councilgraph.graph.network.projection import to_networkx
from councilgraph.graph.rdf.oxigraph import StoreGraph, load_ntriples
from councilgraph.graph.rdf.units import UnitGraph

FORMATS = [*DEFAULT_FORMATS, "nt"]


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def _built(lines: list[bytes], folder):
    """The files ``write_outputs`` (what ``build`` calls) writes for the graph of ``lines``."""
    graph = b"".join(lines)
    write_outputs(StoreGraph(load_ntriples(graph)), folder, FORMATS, ntriples=graph)
    return _files(folder)


@pytest.mark.slow
def test_after_each_article_the_kept_outputs_are_the_built_ones(generated, tmp_path):
    live = UnitGraph(generated[:30])
    start = tmp_path / "start.nt"
    start.write_bytes(b"".join(live.lines()))
    kept = LiveOutputs(start, tmp_path / "kept", FORMATS, tmp_path / "work")
    kept.write()
    assert _files(tmp_path / "kept") == _built(live.lines(), tmp_path / "built0")
    for k in range(30, 36):
        change = live.add(generated[k])
        kept.change(b"".join(change.added), b"".join(change.removed))
        kept.write()
        built = _built(live.lines(), tmp_path / f"built{k}")
        assert set(built) == {"graph.ttl", "graph.jsonld", "graph.nt", "graph.graphml", "graph.html"} | {
            "report.md",
            "report.json",
            "ratings.svg",
            "merges.tsv",
        }
        for name, data in built.items():
            assert (tmp_path / "kept" / name).read_bytes() == data, (k, name)
    # an article that rates no council: the chart, which shows only ratings, is not drawn again
    quiet = next(f for f in generated[36:] if not f.inspections)
    change = live.add(quiet)
    kept.change(b"".join(change.added), b"".join(change.removed))
    steps = kept.write()
    assert "write chart" not in steps and "write report" in steps
    assert _files(tmp_path / "kept") == _built(live.lines(), tmp_path / "built-quiet")
    # an article taken away: back to the files of the graph without it
    change = live.remove(generated[35].article.content_hash)
    kept.change(b"".join(change.added), b"".join(change.removed))
    kept.write()
    assert _files(tmp_path / "kept") == _built(live.lines(), tmp_path / "built-removed")


def _reference(graph: nx.MultiDiGraph, path) -> bytes:
    """NetworkX's own GraphML writer on the flattened projection (what the export used to call)."""
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **_attrs(data))
    for u, v, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **_attrs(data))
    nx.write_graphml_lxml(flat, path, encoding="utf-8", prettyprint=True)
    return path.read_bytes()


def test_graphml_is_networkx_s_graphml_byte_for_byte_and_its_elements_are_remembered(sample_result, tmp_path):
    g = to_networkx(sample_result.graph)
    writer = GraphMLWriter()
    writer.write(g, tmp_path / "mine.graphml")
    assert (tmp_path / "mine.graphml").read_bytes() == _reference(g, tmp_path / "nx.graphml")
    # text the XML must escape or cannot hold, a float, a boolean, a new attribute (new keys) on
    # a node, an edge gone: written again by the same writer, still NetworkX's bytes
    person = next(x for x, d in g.nodes(data=True) if d["kind"] == "person")
    g.nodes[person]["label"] = 'Ann "the fixer" <O\'Neil> & co\x01\ttab\nline \u2028 \U0001f600'
    g.nodes[person]["score"] = 0.25
    g.nodes[person]["acting"] = True
    u, v, key = next(iter(g.edges(keys=True)))
    g.remove_edge(u, v, key)
    writer.write(g, tmp_path / "mine.graphml")
    assert (tmp_path / "mine.graphml").read_bytes() == _reference(g, tmp_path / "nx.graphml")
    nx.read_graphml(tmp_path / "mine.graphml")  # a third-party reader takes it
    g.nodes[person]["label"] = "Ann O'Neil"
    del g.nodes[person]["score"], g.nodes[person]["acting"]
    writer.write(g, tmp_path / "mine.graphml")
    assert (tmp_path / "mine.graphml").read_bytes() == _reference(g, tmp_path / "nx.graphml")
    write_graphml(g, tmp_path / "once.graphml")  # the build's writer, which remembers nothing
    assert (tmp_path / "once.graphml").read_bytes() == _reference(g, tmp_path / "nx.graphml")
    g.nodes[person]["bad"] = {"a": 1}
    with pytest.raises(nx.NetworkXError):
        writer.write(g, tmp_path / "mine.graphml")


@pytest.mark.slow
def test_a_new_format_written_from_the_n_triples_is_kept_current_too(generated, tmp_path, monkeypatch):
    """The recipe's new format needs nothing in the live outputs: its writer gets the lines."""
    import councilgraph.exporters as exporters

    def write_count(lines: bytes, path) -> None:
        path.write_bytes(b"%d triples\n" % lines.count(b"\n"))

    monkeypatch.setattr(
        exporters,
        "OUTPUTS",
        (*exporters.OUTPUTS, exporters.Output("count", ("count.txt",), "ntriples", write_count)),
    )
    live = UnitGraph(generated[:10])
    start = tmp_path / "start.nt"
    start.write_bytes(b"".join(live.lines()))
    kept = LiveOutputs(start, tmp_path / "kept", ["count"], tmp_path / "work")
    change = live.add(generated[10])
    kept.change(b"".join(change.added), b"".join(change.removed))
    kept.write()
    assert (tmp_path / "kept" / "count.txt").read_bytes() == b"%d triples\n" % len(live.lines())
