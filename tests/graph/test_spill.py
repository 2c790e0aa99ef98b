"""A large graph never held whole (``graph/rdf/spill.py``, ``graph/rdf/oxigraph.py:open_ntriples``, the
store's streamed diff): every path gives the bytes the in-memory path gives."""

from __future__ import annotations

import random

import pytest

import councilgraph.graph.rdf.spill as spill
from councilgraph.exporters.jsonld import jsonld_text
from councilgraph.graph.app.pipeline import build_graph, sample_paths
from councilgraph.graph.network.analyse import analyse, to_networkx
from councilgraph.graph.rdf.oxigraph import StoreGraph, as_ntriples, open_ntriples
from councilgraph.graph.rdf.spill import CountedLines
from councilgraph.graph.rdf.store import _changes
from councilgraph.graph.rdf.validate import validate


def test_counted_lines_are_the_sorted_set_however_they_spill(tmp_path):
    rng = random.Random(7)
    lines = [
        f'<s{rng.randrange(400)}> <p> "{rng.choice(["é", "a", "Z", ""])}" .\n'.encode() for _ in range(3000)
    ]
    for limit in (1, 5, 64, 10_000):
        held = CountedLines(tmp_path, limit=limit)
        for line in lines:
            held.add(line)
        assert (held.spilled > 0) == (limit < len(set(lines)))
        assert list(held) == sorted(set(lines))
        held.close()
        assert list(tmp_path.iterdir()) == []  # the runs are removed once closed


def test_a_line_stays_while_one_unit_gives_it_and_goes_with_the_last_however_they_spill(tmp_path):
    """What a graph of units relies on (``graph/rdf/units.py``): each unit's lines counted in, and
    out when the unit goes, held, spilled or both; a line two units give stays while either does."""
    rng = random.Random(11)

    def unit() -> list[bytes]:
        return [f"<s{rng.randrange(300)}> <p> <o{rng.randrange(5)}> .\n".encode() for _ in range(20)]

    units = [unit() for _ in range(60)]
    for limit in (1, 7, 100, 10_000, None):
        held = CountedLines(tmp_path, limit=limit, spill=limit is not None)
        gone = set(rng.sample(range(len(units)), 25))
        for lines in units:
            for line in lines:
                held.add(line)
        for i in sorted(gone):
            for line in units[i]:
                held.add(line, -1)
        kept = {line for i, lines in enumerate(units) if i not in gone for line in lines}
        assert list(held) == sorted(kept), limit
        assert list(held) == sorted(kept)  # read again: the same
        held.close()
        assert not list(tmp_path.iterdir())


def test_a_line_without_its_newline_is_refused(tmp_path):
    with pytest.raises(ValueError, match="newline"):
        CountedLines(tmp_path).add(b"<s> <p> <o> .")


def test_a_build_that_spills_writes_the_same_bytes(nlp, sample_result, monkeypatch, tmp_path):
    """With runs spilled every 40 lines, the graph and its JSON-LD are the bytes of a build that
    sorted everything in memory, and the build's folder is gone once the result is closed."""
    monkeypatch.setattr(spill, "SPILL_LINES", 40)
    with build_graph(sample_paths(), nlp=nlp, workdir=tmp_path) as spilled:
        assert spilled.workdir.parent == tmp_path
        assert spilled.ntriples == sample_result.ntriples
        assert spilled.triples == sample_result.triples == sample_result.ntriples.count(b"\n")
        assert jsonld_text(spilled.path) == jsonld_text(sample_result.ntriples)
    assert list(tmp_path.iterdir()) == []


def test_a_graph_past_the_memory_limit_is_read_from_a_store_on_disk(sample_result, tmp_path):
    on_disk = StoreGraph(open_ntriples(sample_result.path, tmp_path / "ox", limit=0))
    in_memory = StoreGraph(open_ntriples(sample_result.path, tmp_path / "unused"))
    assert (tmp_path / "ox").is_dir() and not (tmp_path / "unused").exists()
    assert as_ntriples(on_disk) == sample_result.ntriples == as_ntriples(in_memory)
    assert validate(on_disk).conforms
    assert analyse(on_disk, projection=to_networkx(on_disk)) == analyse(in_memory)


def test_the_store_finds_the_change_between_two_sorted_files(tmp_path):
    old, new = tmp_path / "old.nt", tmp_path / "new.nt"
    old.write_bytes(b"a\nb\nd\nf\n")
    new.write_bytes(b"b\nc\nd\ng\nh\n")
    assert list(_changes(old, new)) == [
        (b"a\n", False),
        (b"c\n", True),
        (b"f\n", False),
        (b"g\n", True),
        (b"h\n", True),
    ]
    assert list(_changes(new, new)) == []
    empty = tmp_path / "empty.nt"
    empty.write_bytes(b"")
    assert list(_changes(empty, old)) == [(b"a\n", True), (b"b\n", True), (b"d\n", True), (b"f\n", True)]
    assert list(_changes(old, empty)) == [(b"a\n", False), (b"b\n", False), (b"d\n", False), (b"f\n", False)]
