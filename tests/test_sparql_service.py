"""The persistent store, the SPARQL endpoint and push, with real clients and a real Oxigraph server.

Articles are the bundled samples and the query-test articles (written for the tests). Servers are
started on free loopback ports and stopped at the end of each test.
"""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from councilgraph.graph.rdf.oxigraph import sorted_ntriples

# seconds a test (processes, whole builds, Java): make test runs these, make check does not
pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parent / "data" / "articles"
SAMPLES = Path(__file__).resolve().parent.parent / "graph" / "samples"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


def _articles(tmp_path: Path, *sources: Path) -> list[Path]:
    out = []
    for source in sources:
        for path in sorted(source.glob("*.txt")):
            target = tmp_path / "articles" / path.name
            target.parent.mkdir(exist_ok=True)
            shutil.copy(path, target)
            out.append(target)
    return out


def test_two_halves_equal_one_build_and_rebuilding_changes_nothing(cli, tmp_path):
    files = _articles(tmp_path, SAMPLES, DATA)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for i, path in enumerate(files):
        shutil.copy(path, (first if i % 2 else second) / path.name)
    store, out = tmp_path / "store", tmp_path / "out"
    assert cli("build", str(first), "--store", str(store), "--out", str(out), "-q").returncode == 0
    assert cli("build", str(second), "--store", str(store), "--out", str(out), "-q").returncode == 0
    whole = tmp_path / "whole"
    assert cli("build", str(tmp_path / "articles"), "--out", str(whole), "-q").returncode == 0
    assert (out / "graph.ttl").read_bytes() == (whole / "graph.ttl").read_bytes()
    # the second build patched the first one's Oxigraph folder: it holds the whole graph, no more
    folder = store / json.loads((store / "manifest.json").read_text())["oxigraph"]
    held = ox.Store.read_only(str(folder)).dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    assert sorted(held.splitlines()) == sorted_ntriples(Graph().parse(whole / "graph.ttl")).splitlines()
    assert sorted(p.name for p in store.glob("oxigraph-*")) == [folder.name, f"{folder.name}.nt"]
    manifest = (store / "manifest.json").read_text()
    again = cli("build", str(tmp_path / "articles"), "--store", str(store), "--out", str(out), "-q")
    assert again.returncode == 0 and "articles read: 0" in again.stdout
    assert (store / "manifest.json").read_text() == manifest  # nothing new: nothing committed
    assert (out / "graph.ttl").read_bytes() == (whole / "graph.ttl").read_bytes()


def test_a_commit_patches_the_committed_graph_instead_of_loading_it_again(tmp_path, monkeypatch):
    """The second commit is the first one's Oxigraph folder (backed up) less what went, plus what
    came: the whole graph is not loaded again, and the store holds exactly the new graph."""
    import councilgraph.graph.rdf.store as store_module
    from councilgraph.graph.rdf.store import FactStore

    def doc(*objects: str) -> bytes:
        return "".join(f'<https://example.org/s> <https://example.org/p> "{o}" .\n' for o in objects).encode()

    facts = FactStore(tmp_path / "store")
    facts.commit({"h1": "one.txt"}, doc("kept", "going"))

    def no_whole_load(*_args: object) -> None:
        raise AssertionError("the whole graph was loaded, not patched")

    monkeypatch.setattr(store_module, "load_ntriples", no_whole_load)
    facts.commit({"h1": "one.txt", "h2": "two.txt"}, doc("kept", "new"))
    folder = tmp_path / "store" / facts.manifest.oxigraph
    held = ox.Store.read_only(str(folder)).dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    assert sorted(held.splitlines()) == sorted(doc("kept", "new").splitlines())
    assert FactStore(tmp_path / "store").manifest.oxigraph == folder.name  # committed, and reopens


def test_a_change_past_the_patch_limit_loads_the_whole_graph(tmp_path, monkeypatch):
    """A change larger than ``PATCH_LIMIT`` triples is not applied as a patch: the new graph is
    loaded whole into the new folder, and the store holds exactly it either way."""
    import councilgraph.graph.rdf.store as store_module
    from councilgraph.graph.rdf.store import FactStore

    def doc(*objects: str) -> bytes:
        return "".join(f'<https://example.org/s> <https://example.org/p> "{o}" .\n' for o in objects).encode()

    facts = FactStore(tmp_path / "store")
    facts.commit({"h1": "one.txt"}, doc("a", "b", "c"))
    loads = []
    real_load = store_module.load_ntriples

    def counted(*args: object) -> object:
        loads.append(len(args))  # (not the store itself: holding it would keep its folder locked)
        return real_load(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module, "load_ntriples", counted)
    monkeypatch.setattr(store_module, "PATCH_LIMIT", 2)
    facts.commit({"h2": "two.txt"}, doc("a", "x", "y"))  # four changes: b, c gone; x, y new
    assert len(loads) == 1
    folder = tmp_path / "store" / facts.manifest.oxigraph
    held = ox.Store.read_only(str(folder)).dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    assert sorted(held.splitlines()) == sorted(doc("a", "x", "y").splitlines())
    facts.commit({"h3": "three.txt"}, doc("a", "x", "z"))  # two changes: patched
    assert len(loads) == 1


def test_remove_then_re_add_restores_the_graph(cli, tmp_path):
    _articles(tmp_path, DATA)
    store, out = tmp_path / "store", tmp_path / "out"
    assert (
        cli("build", str(tmp_path / "articles"), "--store", str(store), "--out", str(out), "-q").returncode
        == 0
    )
    before = Graph().parse(out / "graph.ttl")
    victim = sorted((tmp_path / "articles").glob("*.txt"))[0]
    done = cli("remove", victim.name, "--store", str(store), "--out", str(out))
    assert done.returncode == 0, done.stderr
    after = Graph().parse(out / "graph.ttl")
    assert len(after) < len(before)
    assert not [
        s
        for s in after.objects(None, after.namespace_manager.expand_curie("cg:sourceFile"))
        if str(s) == victim.name
    ]
    assert cli("build", str(victim), "--store", str(store), "--out", str(out), "-q").returncode == 0
    assert isomorphic(Graph().parse(out / "graph.ttl"), before)
    missing = cli("remove", "no-such.txt", "--store", str(store), "--out", str(out))
    assert missing.returncode == 2 and "not in the store" in missing.stderr


@pytest.mark.slow
def test_a_killed_incremental_build_leaves_the_store_as_it_was(councilgraph_exe, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    for path in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(path, old / path.name)
    for n in range(60):
        (new / f"n{n:03d}.txt").write_text(
            f"Ofsted rated Wigan Council's children's services inadequate.\n\nIts chief executive, Ann Vale{n}, resigned.\n"
        )
    store, out = tmp_path / "store", tmp_path / "out"
    subprocess.run(
        [councilgraph_exe, "build", str(old), "--store", str(store), "--out", str(out), "-q"], check=True
    )
    manifest = (store / "manifest.json").read_bytes()
    for delay in (2.0, 6.0):
        proc = subprocess.Popen(
            [councilgraph_exe, "build", str(new), "--store", str(store), "--out", str(out), "-q"]
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if (store / "manifest.json").read_bytes() != manifest:
            break  # the build finished before the kill: it committed whole, which is also allowed
        # the store is as it was, and usable: a query through the endpoint's engine answers
        folder = json.loads(manifest)["oxigraph"]
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                f"import pyoxigraph as ox; print(len(ox.Store.read_only({str(store / folder)!r})))",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        assert int(done.stdout) > 0
    finished = subprocess.run(
        [councilgraph_exe, "build", str(new), "--store", str(store), "--out", str(out), "-q"]
    )
    assert finished.returncode == 0
    assert len(json.loads((store / "manifest.json").read_text())["articles"]) == 65
    folder = json.loads((store / "manifest.json").read_text())["oxigraph"]
    assert sorted(p.name for p in store.glob("oxigraph-*")) == [
        folder,
        f"{folder}.nt",
    ]  # the killed builds' gone


@pytest.fixture()
def endpoint(cli, councilgraph_exe, tmp_path):
    out = tmp_path / "kg"
    assert cli("build", str(DATA), "--out", str(out), "-q").returncode == 0
    port = _free_port()
    proc = subprocess.Popen(
        [councilgraph_exe, "serve", str(out / "graph.ttl"), "--port", str(port), "--timeout", "5"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/sparql", proc)
        yield f"http://127.0.0.1:{port}", out
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_endpoint_answers_a_standard_client_with_typed_results(endpoint):
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    url, out = endpoint
    client = SPARQLWrapper(f"{url}/sparql")
    client.setReturnFormat(JSON)
    client.setQuery(
        "PREFIX cg: <https://w3id.org/councilgraph/ontology#> "
        "SELECT ?i ?y ?n WHERE { ?i a cg:Inspection ; cg:year ?y ; cg:supportCount ?n } ORDER BY ?i"
    )
    rows = client.query().convert()["results"]["bindings"]
    assert rows and rows[0]["i"]["type"] == "uri"
    assert rows[0]["y"]["datatype"].endswith("#gYear") and rows[0]["n"]["datatype"].endswith("#integer")
    client.setMethod(POST)
    assert client.query().convert()["results"]["bindings"] == rows
    client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    count = int(client.query().convert()["results"]["bindings"][0]["n"]["value"])
    assert count == len(Graph().parse(out / "graph.ttl"))


def test_endpoint_refuses_updates_and_service_and_negotiates(endpoint):
    url, _out = endpoint

    def status(request: urllib.request.Request) -> tuple[int, dict[str, str], bytes]:
        try:
            with urllib.request.urlopen(request, timeout=30) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    update = urllib.request.Request(
        f"{url}/sparql",
        data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        headers={"Content-Type": "application/sparql-update"},
        method="POST",
    )
    assert status(update)[0] == 403
    service = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    code, headers, _ = status(
        urllib.request.Request(f"{url}/sparql?{urllib.parse.urlencode({'query': service})}")
    )
    assert code == 403 and headers.get("Access-Control-Allow-Origin") == "*"
    ask = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    code, headers, body = status(
        urllib.request.Request(f"{url}/sparql?{ask}", headers={"Accept": "application/sparql-results+xml"})
    )
    assert code == 200 and "xml" in headers["Content-Type"] and b"<boolean>true</boolean>" in body
    construct = urllib.parse.urlencode({"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"})
    code, headers, body = status(
        urllib.request.Request(f"{url}/sparql?{construct}", headers={"Accept": "text/turtle"})
    )
    assert code == 200 and len(Graph().parse(data=body, format="turtle")) == 3
    slow = urllib.parse.urlencode(
        {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"}
    )
    assert status(urllib.request.Request(f"{url}/sparql?{slow}"))[0] == 503
    code, headers, body = status(urllib.request.Request(f"{url}/"))
    assert code == 200 and b"<html" in body.lower()


def _request(url: str, data: bytes | None = None, method: str = "GET") -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method), timeout=120) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _bytes(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def test_a_served_store_takes_articles_and_answers_for_them_at_once(
    cli, councilgraph_exe, tmp_path, endpoint
):
    store, out, live = tmp_path / "store", tmp_path / "out", tmp_path / "live"
    samples = _articles(tmp_path, SAMPLES)
    assert cli("build", *map(str, samples), "--store", str(store), "--out", str(out), "-q").returncode == 0
    whole = tmp_path / "whole"  # what one build of every article gives
    both = samples + _articles(tmp_path, DATA)
    formats = ["--format", "nt,ttl,html"]
    assert cli("build", *map(str, both), "--out", str(whole), *formats, "--no-report", "-q").returncode == 0
    port = _free_port()
    proc = subprocess.Popen(
        [
            councilgraph_exe,
            "serve",
            "--store",
            str(store),
            "--ingest",
            "--port",
            str(port),
            "--out",
            str(live),
        ]
        + formats,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    asked = urllib.parse.urlencode(
        {"query": 'ASK { ?a <https://w3id.org/councilgraph/ontology#sourceFile> "q2_rotherham_2021.txt" }'}
    )
    try:
        _wait_for(f"{url}/sparql", proc, seconds=120)
        assert json.loads(_request(f"{url}/sparql?{asked}")[1])["boolean"] is False
        for path in sorted(DATA.glob("*.txt")):
            code, body = _request(f"{url}/articles?name={path.name}", path.read_bytes(), "POST")
            assert code == 201, body
            added = json.loads(body)
            assert added["new"] is True and added["article"] == path.name and added["added"] > 0
        assert sum(added["facts"].values()) > 0
        assert json.loads(_request(f"{url}/sparql?{asked}")[1])["boolean"] is True  # at once
        again = _request(
            f"{url}/articles?name=copy.txt", (DATA / "q1_rotherham_2019.txt").read_bytes(), "POST"
        )
        assert again[0] == 200 and json.loads(again[1])["new"] is False
        code, body = _request(f"{url}/articles?name=scan.txt", b"%PDF-1.7 not an article", "POST")
        assert code == 400 and body.count(b"\n") == 1 and b"binary" in body
        code, body = _request(f"{url}/articles?name=scan.pdf", b"%PDF-1.7 not an article", "POST")
        assert code == 400 and b"not an article's name" in body
        assert _request(f"{url}/articles", b"Some text.", "POST")[0] == 400  # no file name
        assert (
            _request(f"{url}/articles?name=../notes", b"Some text.", "POST")[0] == 400
        )  # build would not read it
        assert _request(f"{url}/articles?name=a.txt")[0] == 405
        # each answer came once the outputs held its article: they are the build's files now
        assert added["outputs"].startswith(f"wrote graph.nt, graph.ttl, graph.html, merges.tsv to {live}")
        assert {"network", "write html"} <= set(added["output_stages"])
        for name in ("graph.nt", "graph.ttl", "graph.html"):
            assert _bytes(live / name) == (whole / name).read_bytes(), name
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    # the store now holds what one build of all the articles gives, byte for byte
    manifest = json.loads((store / "manifest.json").read_text())
    assert (store / f"{manifest['oxigraph']}.nt").read_bytes() == (whole / "graph.nt").read_bytes()
    assert len(manifest["articles"]) == len(both)
    read_only, _ = endpoint
    assert _request(f"{read_only}/articles?name=a.txt", b"Some text.", "POST")[0] == 403


def test_a_commit_its_check_refuses_leaves_the_store_as_it_was(tmp_path, sample_result):
    from councilgraph.graph.rdf.store import FactStore

    store = FactStore(tmp_path / "store")
    store.commit({"a": "a.txt"}, sample_result.path)
    before = sorted(p.name for p in store.root.iterdir())

    def refuse(_store: ox.Store) -> None:
        raise ValueError("refused by the check")

    with pytest.raises(ValueError, match="refused"):
        store.commit({"a": "a.txt", "b": "b.txt"}, sample_result.path, change=([], []), check=refuse)
    assert sorted(p.name for p in store.root.iterdir()) == before
    assert FactStore(store.root).manifest.articles == {"a": "a.txt"}


def test_a_commit_after_another_process_committed_is_refused_not_overwritten(tmp_path, sample_result):
    from councilgraph.graph.rdf.store import FactStore, StoreError

    first = FactStore(tmp_path / "store")
    first.commit({"a": "a.txt"}, sample_result.path)
    second = FactStore(tmp_path / "store")  # (a second process opens the store)
    first.commit({"a": "a.txt", "c": "c.txt"}, sample_result.path)
    with pytest.raises(StoreError, match="another build committed"):
        second.commit({"a": "a.txt", "b": "b.txt"}, sample_result.path)
    assert FactStore(tmp_path / "store").manifest.articles == {"a": "a.txt", "c": "c.txt"}


def test_push_replaces_a_named_graph_in_a_real_oxigraph_server(cli, tmp_path):
    exe = Path(sys.executable).parent / "oxigraph"
    if not exe.exists():
        pytest.fail("the oxigraph server (PyPI package oxigraph, a test dependency) is not installed")
    out = tmp_path / "kg"
    assert cli("build", str(DATA), "--out", str(out), "-q").returncode == 0
    port = _free_port()
    server = subprocess.Popen(
        [str(exe), "serve", "--location", str(tmp_path / "ox"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/query", server)
        for _ in range(2):  # a second push replaces the graph: the count stays the same
            done = cli("push", str(out / "graph.ttl"), "--endpoint", f"http://127.0.0.1:{port}/store")
            assert done.returncode == 0, done.stderr
        from SPARQLWrapper import JSON, SPARQLWrapper

        client = SPARQLWrapper(f"http://127.0.0.1:{port}/query")
        client.setReturnFormat(JSON)
        client.setQuery(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/councilgraph/id/graph> { ?s ?p ?o } }"
        )
        count = int(client.query().convert()["results"]["bindings"][0]["n"]["value"])
        assert count == len(Graph().parse(out / "graph.ttl"))
    finally:
        server.terminate()
        server.wait(timeout=10)
    refused = cli("push", str(out / "graph.ttl"), "--endpoint", f"http://127.0.0.1:{port}/store")
    assert (
        refused.returncode == 1 and refused.stderr.startswith("error: ") and "Traceback" not in refused.stderr
    )


def test_outputs_that_could_not_be_written_are_written_whole_with_the_next_article(cli, tmp_path):
    """A writing that fails drops the outputs process's graph; the next commit sends it the whole
    committed graph, and the files are current again."""
    from councilgraph.graph.app.ingest import Ingest
    from councilgraph.graph.rdf.store import FactStore

    store, out, whole = tmp_path / "store", tmp_path / "out", tmp_path / "whole"
    samples = _articles(tmp_path, SAMPLES)
    assert cli("build", *map(str, samples), "--store", str(store), "-q").returncode == 0
    extra = sorted(DATA.glob("*.txt"))[:2]
    every = samples + _articles(tmp_path, DATA)[:2]
    assert cli("build", *map(str, every), "--out", str(whole), "--format", "ttl", "-q").returncode == 0
    taker = Ingest(FactStore(store), out=out, formats=["ttl"])
    assert taker.exports is not None and taker.exports.wait(1, 120) is not None  # the store's files
    (out / "graph.ttl").unlink()
    (out / "graph.ttl").mkdir()  # a folder where the file goes: the writing fails
    first = taker.add(extra[0].read_bytes(), extra[0].name)
    assert first.outputs.startswith("writing the outputs failed:") and "graph.ttl" in first.outputs
    (out / "graph.ttl").rmdir()
    second = taker.add(extra[1].read_bytes(), extra[1].name)
    assert second.outputs.startswith("wrote graph.ttl, merges.tsv") and "load" in second.output_stages
    assert (out / "graph.ttl").read_bytes() == (whole / "graph.ttl").read_bytes()
