"""graph.html in a real headless Chromium: offline, drawn, tooltips with evidence, markup inert.

Chromium comes from the Debian packages ``chromium`` and ``chromium-driver`` (``.ci/run`` installs
them) and is driven with Playwright's Python package. The page is opened from ``file://`` with every
other request aborted and recorded. Without Chromium the tests skip and say so, unless
``COUNCILGRAPH_REQUIRE_BROWSER`` is set (CI sets it), when they fail.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from councilgraph.exporters import write_html
from councilgraph.graph.analyse import to_networkx
from councilgraph.graph.pipeline import build_graph

HOSTILE = Path(__file__).resolve().parent.parent / "data" / "hostile"
RESOLUTION = Path(__file__).resolve().parent.parent / "data" / "resolution"


def _chromium() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        message = "Chromium not installed (apt-get install chromium chromium-driver): browser tests skipped"
        if os.environ.get("COUNCILGRAPH_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def page_html(nlp, tmp_path_factory) -> Path:
    result = build_graph([HOSTILE, RESOLUTION], nlp=nlp)
    out = tmp_path_factory.mktemp("html") / "graph.html"
    write_html(to_networkx(result.graph), out)
    return out


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    path = _chromium()
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=path,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        yield b
        b.close()


@pytest.fixture
def opened(browser, page_html):
    """The page loaded offline; yields (page, requests made, console errors)."""
    page = browser.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def gate(route):
        requests.append(route.request.url)
        if route.request.url == page_html.as_uri():
            route.continue_()
        else:
            route.abort()

    page.route("**/*", gate)
    page.goto(page_html.as_uri())
    page.wait_for_function("window.councilgraph !== undefined")
    yield page, requests, errors
    page.close()


def _point_of(page, label: str) -> dict[str, float]:
    """Where on the screen the node labelled ``label`` is drawn."""
    node = page.evaluate(
        "label => window.councilgraph.nodes.get({filter: n => n.label === label})[0].id", label
    )
    return page.evaluate(
        """id => { const net = window.councilgraph.network;
                   const p = net.canvasToDOM(net.getPositions([id])[id]);
                   const r = document.querySelector('#net canvas').getBoundingClientRect();
                   return {x: r.left + p.x, y: r.top + p.y}; }""",
        node,
    )


def test_page_is_offline_error_free_and_draws_every_node(opened, page_html):
    page, requests, errors = opened
    total = page.evaluate("window.councilgraph.nodes.length")
    drawn = page.evaluate("window.councilgraph.network.body.nodeIndices.length")
    assert total >= 10 and drawn == total
    page.wait_for_function("window.councilgraph.network.physics.options.enabled === false", timeout=30000)
    assert requests == [page_html.as_uri()], "only the page itself may be requested"
    assert errors == []


def test_tooltip_shows_evidence_and_markup_stays_text(opened):
    page, _requests, errors = opened
    page.wait_for_function("window.councilgraph.network.physics.options.enabled === false", timeout=30000)
    point = _point_of(page, "Owen Pelham")
    page.mouse.move(point["x"] + 1, point["y"] + 1)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    text = tooltip.inner_text()
    assert "Owen Pelham (person)" in text and "h1_markup_in_quotes.txt" in text
    assert '<img src=x onerror="window.__pwned = 2">, resigned' in text  # the quote, as text
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("window.__pwned") is None
    assert errors == []


def test_script_in_a_quote_never_runs(opened):
    page, _requests, _errors = opened
    quotes = page.evaluate("window.councilgraph.edges.get().flatMap(e => e.quotes)")
    assert any("<script>window.__pwned = 1</script>" in q for q in quotes)
    assert page.evaluate("document.scripts.length") == 2  # vis-network and the page's own
    assert page.evaluate("window.__pwned") is None


def test_filters_and_search(opened):
    page, _requests, _errors = opened
    count = "window.councilgraph.view.length"
    everything = page.evaluate(count)
    people = page.evaluate("window.councilgraph.nodes.get({filter: n => n.kind === 'person'}).length")
    page.locator("#kinds input[value=person]").uncheck()
    assert page.evaluate(count) == everything - people
    page.locator("#kinds input[value=person]").check()
    page.fill("#search", "oduya")
    assert page.evaluate("window.councilgraph.view.get().map(n => n.label)") == ["Priya Oduya"]
    page.fill("#search", "")
    page.select_option("#council", "Cumbria County Council")
    labels = sorted(page.evaluate("window.councilgraph.view.get().map(n => n.label)"))
    assert labels == ["Cumbria County Council", "Tom Baxendale (Cumbria County Council)"]  # a namesake


def test_labels_are_words_and_inspections_say_whose_and_when(opened):
    page, _requests, _errors = opened
    labels = page.evaluate("window.councilgraph.nodes.get().map(n => n.label)")
    labels += page.evaluate("window.councilgraph.edges.get().map(e => e.label)")
    code_form = [x for x in labels if re.search(r"[a-z][A-Z][a-z]", x) and " " not in x]
    assert not code_form, code_form
    inspections = page.evaluate(
        "window.councilgraph.nodes.get({filter: n => n.kind === 'inspection'}).map(n => n.label)"
    )
    assert inspections and all(" · " in x for x in inspections)
    assert any(
        re.search(r" · (inadequate|good|outstanding|requires improvement|adequate) · \d{4}$", x)
        for x in inspections
    )


def test_same_layout_on_two_loads(browser, page_html):
    positions = []
    for _ in range(2):
        page = browser.new_page()
        page.route(
            "**/*",
            lambda route: route.continue_() if route.request.url == page_html.as_uri() else route.abort(),
        )
        page.goto(page_html.as_uri())
        page.wait_for_function("window.councilgraph !== undefined")
        positions.append(page.evaluate("JSON.stringify(window.councilgraph.network.getPositions())"))
        page.close()
    assert positions[0] == positions[1] and len(positions[0]) > 100


def test_counts_follow_filters_click_opens_the_panel_and_timeline_is_in_order(opened):
    page, _requests, errors = opened
    before = page.inner_text("#counts")
    page.locator("#kinds input[value=person]").uncheck()
    after = page.inner_text("#counts")
    assert int(after.split()[0]) < int(before.split()[0])  # "N of M nodes" follows the filter
    page.locator("#kinds input[value=person]").check()
    point = _point_of(page, "Owen Pelham")
    page.mouse.click(point["x"] + 1, point["y"] + 1)
    page.locator("#panel h4").wait_for(timeout=5000)
    panel = page.inner_text("#panel")
    assert "Owen Pelham" in panel and "\u201c" in panel and "h1_markup_in_quotes.txt" in panel
    with_events = page.evaluate(
        "(() => { const d = JSON.parse(JSON.stringify(window.councilgraph.timelines)); "
        "return Object.keys(d).filter(c => d[c].length > 1); })()"
    )
    assert with_events
    page.select_option("#council", with_events[0])
    whens = page.evaluate("[...document.querySelectorAll('#timeline .tl-item')].map(e => e.dataset.when)")
    assert len(whens) > 1 and whens == sorted(whens)
    assert errors == []
