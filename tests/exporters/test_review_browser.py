"""The review page in a real headless Chromium: a reviewer confirms, rejects and corrects facts,
the build applies the decisions (graph, report, page, the review page itself), and the review file
survives new articles. Articles are the project's own (``tests/data/review``).

Chromium and Playwright as in ``test_browser.py`` (skipped and said so without Chromium, unless
``COUNCILGRAPH_REQUIRE_BROWSER`` is set).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from councilgraph.ontology import CG

REVIEW = Path(__file__).resolve().parent.parent / "data" / "review"

pytestmark = pytest.mark.slow  # builds with the command and runs the review server in processes


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        message = "Chromium not installed (apt-get install chromium chromium-driver): browser tests skipped"
        if os.environ.get("COUNCILGRAPH_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _review_page(exe: str, *args: str) -> Iterator[str]:
    """``councilgraph review ARGS`` running on a free port; yields its address."""
    port = _free_port()
    proc = subprocess.Popen(
        [exe, "review", *args, "--port", str(port), "--reviewer", "Ada Reviewer"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            try:
                urllib.request.urlopen(url + "/facts", timeout=2)
                break
            except (urllib.error.URLError, OSError):
                assert time.monotonic() < deadline, "the review page did not answer"
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _open(browser, url: str):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.locator(".fact").first.wait_for()  # (the page's policy allows no eval: locators, not scripts)
    return page, errors


def _committed(store: Path) -> bytes:
    """The store's committed graph, as its sorted N-Triples."""
    from councilgraph.graph.rdf.store import read_manifest

    return (store / f"{read_manifest(store).oxigraph}.nt").read_bytes()


def _card(page, words: str):
    return page.locator(".fact").filter(has_text=words)


def test_review_confirm_reject_correct_then_rebuild(browser, cli, councilgraph_exe, tmp_path):
    articles, out = tmp_path / "articles", tmp_path / "kg"
    shutil.copytree(REVIEW / "first", articles)
    assert cli("build", str(articles), "--out", str(out), "-q").returncode == 0

    with _review_page(councilgraph_exe, str(out / "graph.ttl")) as url:
        page, errors = _open(browser, url)
        total = page.locator(".fact").count()
        # filter by council, then reject the post read at Darlington
        page.select_option("#f-council", "Darlington Borough Council")
        assert page.locator(".fact").count() == 1
        _card(page, "Darlington").locator("button.wrong").click()
        page.locator(".fact .saved", has_text="saved: wrong").wait_for()
        page.select_option("#f-council", "")
        # by kind: confirm the inspection with a note
        page.select_option("#f-kind", "inspection")
        rated = _card(page, "were rated inadequate")
        rated.locator("input.note").fill("matches the <b>report</b>")
        rated.locator("button.confirm").click()
        page.locator(".fact .saved", has_text="saved: confirmed").wait_for()
        page.select_option("#f-kind", "departure")
        resigned = _card(page, "resigned")
        resigned.locator("select.role").select_option("ChiefExecutive")
        resigned.locator("button.confirm").click()
        page.locator(".fact .saved", has_text="saved: corrected").wait_for()
        page.select_option("#f-kind", "")
        page.select_option("#f-status", "wrong")
        assert page.locator(".fact").count() == 1
        page.select_option("#f-status", "not reviewed")
        assert page.locator(".fact").count() == total - 3
        assert not errors
        page.close()

    lines = [json.loads(x) for x in (out / "reviews.jsonl").read_text("utf-8").splitlines()]
    assert [(x["kind"], x["status"], x["reviewer"]) for x in lines] == [
        ("post", "wrong", "Ada Reviewer"),
        ("inspection", "confirmed", "Ada Reviewer"),
        ("departure", "corrected", "Ada Reviewer"),
    ]
    assert lines[2]["correction"] == {"role": "ChiefExecutive"}

    built = cli("build", str(articles), "--out", str(out), "-q")  # the file beside OUT is applied
    assert built.returncode == 0, built.stderr
    assert "1 confirmed, 1 corrected, 0 unsure, 1 rejected" in built.stdout
    graph = Graph().parse(out / "graph.ttl")
    assert (URIRef(lines[0]["fact"]), None, None) not in graph
    assert graph.value(URIRef(lines[1]["fact"]), CG.reviewStatus) == CG.Confirmed
    assert len(set(graph.subjects(CG.reviewStatus, CG.Corrected))) == 1
    report = (out / "report.md").read_text("utf-8")
    assert "- confirmed: inspection: Hartlepool · inadequate · 2021" in report
    assert "- corrected: departure: Marnie Oakcroft, resigned chief executive" in report
    rejected = report.split("## Rejected by a reviewer (not in the graph)")[1].split("##")[0]
    assert "Darlington Borough Council (by Ada Reviewer" in rejected

    # the interactive page shows each fact's review beside it
    page = browser.new_page()
    page.goto((out / "graph.html").as_uri())
    page.wait_for_function("window.councilgraph !== undefined")
    page.evaluate("window.councilgraph.panel('https://w3id.org/councilgraph/id/council/hartlepool')")
    panel = page.locator("#panel").inner_text()
    assert "[confirmed]" in panel and "[corrected]" in panel
    page.close()

    # the review page of the new graph says what is in it, and lists the rejected fact as such
    with _review_page(councilgraph_exe, str(out / "graph.ttl")) as url:
        page, errors = _open(browser, url)
        assert "in the graph: confirmed (Ada Reviewer" in _card(page, "were rated inadequate").inner_text()
        page.select_option("#f-status", "wrong")  # the last decision: wrong, rejected in the graph
        card = _card(page, "Darlington")
        assert "in the graph: rejected" in card.inner_text()
        assert not errors
        page.close()

    # new articles: the review file still applies, every decision finds its fact
    for path in (REVIEW / "later").glob("*.txt"):
        shutil.copy(path, articles / path.name)
    again = cli("build", str(articles), "--out", str(out), "-q")
    assert again.returncode == 0, again.stderr
    assert "1 confirmed, 1 corrected, 0 unsure, 1 rejected" in again.stdout
    assert "match no fact" not in again.stdout
    graph = Graph().parse(out / "graph.ttl")
    (corrected,) = graph.subjects(CG.reviewStatus, CG.Corrected)
    assert int(graph.value(corrected, CG.supportCount)) == 2  # the new article states it too

    scored = cli("evaluate", "--reviews", str(out / "reviews.jsonl"))
    assert scored.returncode == 0 and "overall      P=0.33  (1 of 3 right)" in scored.stdout


def test_the_review_page_takes_no_decision_from_another_origin(cli, councilgraph_exe, tmp_path):
    for args, words in [
        ((), "give a graph file or --store DIR"),
        ((str(tmp_path / "g.ttl"), "--store", str(tmp_path)), "one of them"),
    ]:
        refused = cli("review", *args)
        assert refused.returncode == 2 and words in refused.stderr, refused.stderr
    refused = cli("evaluate")
    assert refused.returncode == 2 and "or --reviews FILE" in refused.stderr
    out = tmp_path / "kg"
    assert cli("build", str(REVIEW / "first"), "--out", str(out), "-q").returncode == 0
    with _review_page(councilgraph_exe, str(out / "graph.ttl")) as url:
        row = json.load(urllib.request.urlopen(url + "/facts"))["rows"][0]
        body = json.dumps(
            {k: row[k] for k in ("fact", "article", "start", "end")} | {"status": "wrong"}
        ).encode()
        for headers, status in [
            ({"Content-Type": "application/json", "Origin": "http://example.org"}, 403),
            ({"Content-Type": "application/json", "Host": "attacker.example"}, 403),
            ({"Content-Type": "text/plain"}, 415),
        ]:
            request = urllib.request.Request(url + "/reviews", data=body, headers=headers, method="POST")
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request)
            assert refused.value.code == status
        assert not (out / "reviews.jsonl").exists()
        other = json.dumps({**json.loads(body), "fact": "https://example.org/not-a-fact"}).encode()
        request = urllib.request.Request(
            url + "/reviews", data=other, headers={"Content-Type": "application/json"}
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request)
        assert refused.value.code == 400 and b"no such fact" in refused.value.read()
        page = urllib.request.urlopen(url + "/")
        assert "connect-src 'self'" in page.headers["Content-Security-Policy"]


def test_a_store_applies_its_review_file_to_the_articles_added_later(cli, councilgraph_exe, tmp_path):
    """``review --store`` writes the store's ``reviews.jsonl``; ``build --store`` with new articles
    applies it; ``--confirmed-only`` writes only what a reviewer confirmed or corrected."""
    store, out = tmp_path / "store", tmp_path / "kg"
    assert cli("build", str(REVIEW / "first"), "--store", str(store), "--out", str(out), "-q").returncode == 0
    with _review_page(councilgraph_exe, "--store", str(store)) as url:
        rows = json.load(urllib.request.urlopen(url + "/facts"))["rows"]
        for words, status in (("were rated inadequate", "confirmed"), ("Darlington", "wrong")):
            row = next(r for r in rows if words in r["quote"])
            body = {k: row[k] for k in ("fact", "article", "start", "end")} | {"status": status}
            request = urllib.request.Request(
                url + "/reviews", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
            )
            assert urllib.request.urlopen(request).status == 201
    assert len((store / "reviews.jsonl").read_text("utf-8").splitlines()) == 2
    # serve --ingest applies the store's reviews to what it commits, as build --store does
    served = tmp_path / "served"
    shutil.copytree(store, served)
    port = _free_port()
    proc = subprocess.Popen(
        [councilgraph_exe, "serve", "--store", str(served), "--ingest", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", timeout=2)
                break
            except (urllib.error.URLError, OSError):
                assert time.monotonic() < deadline, "serve --ingest did not answer"
                time.sleep(0.3)
        for path in sorted((REVIEW / "later").glob("*.txt")):
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/articles?name={path.name}", data=path.read_bytes(), method="POST"
            )
            assert urllib.request.urlopen(request, timeout=120).status == 201
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert b"applying the 2 decisions of" in err
    added = cli("build", str(REVIEW / "later"), "--store", str(store), "--out", str(out), "-q")
    assert added.returncode == 0, added.stderr
    assert "1 confirmed, 0 corrected, 0 unsure, 1 rejected" in added.stdout
    graph = Graph().parse(out / "graph.ttl")
    assert len(set(graph.subjects(CG.reviewStatus, CG.Confirmed))) == 1
    assert len(set(graph.subjects(CG.rejectedFact, None))) == 1
    # the store serve --ingest committed is the one build --store made, byte for byte
    assert _committed(served) == _committed(store)
    only = cli("build", "--store", str(store), "--out", str(tmp_path / "confirmed"), "--confirmed-only", "-q")
    assert only.returncode == 0, only.stderr
    graph = Graph().parse(tmp_path / "confirmed" / "graph.ttl")
    assert len(set(graph.subjects(CG.evidence, None)) - set(graph.subjects(CG.rejectedFact, None))) == 1
