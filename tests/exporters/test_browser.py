"""graph.html in a real headless Chromium: offline, drawn, tooltips with evidence, markup inert;
and on a page of about 500 nodes, what a reader sees first (the overview: readable labels over no
other, nodes linked to nothing folded, no hub edge), the whole graph, and a filter chosen while
zoomed away (the view fitted to it, the panel cleared).

Chromium comes from the Debian packages ``chromium`` and ``chromium-driver`` (``.ci/run`` installs
them) and is driven with Playwright's Python package. The page is opened from ``file://`` with every
other request aborted and recorded. Without Chromium the tests skip and say so, unless
``COUNCILGRAPH_REQUIRE_BROWSER`` is set (CI sets it), when they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from councilgraph.exporters import write_html
from councilgraph.graph.app.pipeline import build_graph
from councilgraph.graph.network.analyse import to_networkx

HOSTILE = Path(__file__).resolve().parent.parent / "data" / "hostile"
RESOLUTION = Path(__file__).resolve().parent.parent / "data" / "resolution"
QUERIES = Path(__file__).resolve().parent.parent / "data" / "articles"
BENCHMARKS = Path(__file__).resolve().parent.parent.parent / "benchmarks"


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


@pytest.fixture(scope="module")
def story_html(nlp, tmp_path_factory) -> Path:
    """The page of a graph of about 500 nodes: 120 articles of the benchmark's generator (casts
    that move between councils, Ofsted a hub) and the query tests' articles."""
    sys.path.insert(0, str(BENCHMARKS))
    from generate import generate

    articles = generate(tmp_path_factory.mktemp("generated"), 120, 1.0, 11)
    result = build_graph([*articles, QUERIES], nlp=nlp)
    out = tmp_path_factory.mktemp("story") / "graph.html"
    write_html(to_networkx(result.graph), out)
    return out


def _load(browser, path: Path, viewport: dict[str, int] | None = None):
    """``path`` loaded offline in a new page; returns (page, requests made, console errors)."""
    page = browser.new_page(viewport=viewport)
    requests: list[str] = []
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def gate(route):
        requests.append(route.request.url)
        if route.request.url == path.as_uri():
            route.continue_()
        else:
            route.abort()

    page.route("**/*", gate)
    page.goto(path.as_uri())
    page.wait_for_function("window.councilgraph !== undefined")
    return page, requests, errors


@pytest.fixture
def opened(browser, page_html):
    """The page loaded offline, showing the whole graph; yields (page, requests made, console errors)."""
    page, requests, errors = _load(browser, page_html)
    _whole(page)
    yield page, requests, errors
    page.close()


@pytest.fixture
def story(browser, story_html):
    """The 500-node page as it opens, in a window of a laptop's size."""
    page, _requests, errors = _load(browser, story_html, {"width": 1280, "height": 760})
    yield page
    assert errors == []
    page.close()


def _whole(page) -> None:
    """From the overview to the whole graph, the nodes linked to nothing unfolded."""
    if page.locator("#whole").is_visible():
        page.click("#whole")
    if page.locator("#folded").is_visible():
        page.check("#folded")


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


# JavaScript measuring what is drawn, in the page's pixels: the canvas's rectangle, each shown node's
# box (label included) and each drawn edge's ends
_DRAWN = """() => {
  const cg = window.councilgraph, net = cg.network;
  const r = document.querySelector('#net canvas').getBoundingClientRect();
  const dom = p => { const q = net.canvasToDOM(p); return {x: r.left + q.x, y: r.top + q.y}; };
  const ids = cg.view.getIds(), pos = net.getPositions(ids);
  const boxes = ids.map(id => { const b = net.getBoundingBox(id);
    const a = dom({x: b.left, y: b.top}), z = dom({x: b.right, y: b.bottom});
    return {id: id, left: a.x, top: a.y, right: z.x, bottom: z.y}; });
  const edges = cg.edgeView.get().map(e => ({from: e.from, to: e.to, a: dom(pos[e.from]), b: dom(pos[e.to])}));
  return {canvas: {left: r.left, top: r.top, right: r.right, bottom: r.bottom}, scale: net.getScale(),
          font: cg.nodes.get(ids[0]).font, boxes: boxes, edges: edges};
}"""

# independently of the page's own flags: nodes with no edge, and organisations linked to more than
# six others (the hubs)
_GRAPH = """() => {
  const cg = window.councilgraph, linked = new Map();
  for (const e of cg.edges.get()) for (const [a, b] of [[e.from, e.to], [e.to, e.from]]) {
    if (a === b) continue;
    if (!linked.has(a)) linked.set(a, new Set());
    linked.get(a).add(b);
  }
  return {unlinked: cg.nodes.getIds().filter(id => !linked.has(id)),
          hubs: cg.nodes.get().filter(n => n.kind === 'organisation' && (linked.get(n.id) || new Set()).size > 6)
                  .map(n => n.id)};
}"""


def _inside(box: dict[str, float], canvas: dict[str, float]) -> bool:
    return (
        box["left"] >= canvas["left"] - 1
        and box["right"] <= canvas["right"] + 1
        and box["top"] >= canvas["top"] - 1
        and box["bottom"] <= canvas["bottom"] + 1
    )


def _overlapping(boxes: list[dict[str, float]]) -> list[tuple[str, str]]:
    """Pairs of nodes whose boxes (labels included) overlap on the screen."""
    return [
        (a["id"], b["id"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    ]


def test_first_view_tells_the_story_with_readable_labels(story):
    drawn = story.evaluate(_DRAWN)
    graph = story.evaluate(_GRAPH)
    total = story.evaluate("window.councilgraph.nodes.length")
    shown = story.evaluate("window.councilgraph.view.get()")
    assert total >= 400 and 20 <= len(shown) < total / 4  # an overview, not every node
    assert {n["kind"] for n in shown} == {"council", "person"}
    rated = [n for n in shown if n["inadequate"]]
    assert len(rated) >= 20 and any(n["inadequate"] > 1 for n in rated)
    assert all("inadequate" in n["label"] for n in rated)  # "Rotherham\ninadequate twice"
    movers = [n for n in shown if n["kind"] == "person"]
    kind = {n["id"]: n["kind"] for n in shown}
    for mover in movers:  # drawn with the councils they moved between
        around = story.evaluate("id => window.councilgraph.network.getConnectedNodes(id)", mover["id"])
        assert len([x for x in around if kind.get(x) == "council"]) >= 2
    # every label is drawn at a readable size, on the canvas, over no other
    assert drawn["scale"] * 14 >= 10, drawn["scale"]
    assert all(_inside(b, drawn["canvas"]) for b in drawn["boxes"])
    assert not _overlapping(drawn["boxes"])
    # nodes linked to nothing are folded, and no hub (Ofsted) or its edges are drawn
    ids = {b["id"] for b in drawn["boxes"]}
    assert graph["unlinked"] and not ids & set(graph["unlinked"])
    assert graph["hubs"] and not ids & set(graph["hubs"])
    assert drawn["edges"] and not any(
        e["from"] in graph["hubs"] or e["to"] in graph["hubs"] for e in drawn["edges"]
    )
    text = story.inner_text("#story")
    # the page's words for its counts, one or many (as the template writes them)
    councils = "the council" if len(rated) == 1 else f"the {len(rated)} councils"
    people = "the person" if len(movers) == 1 else f"the {len(movers)} people"
    assert f"{councils} rated inadequate" in text and f"{people} who moved" in text


def test_whole_graph_folds_unlinked_nodes_and_draws_no_edge_across_it(story):
    graph = story.evaluate(_GRAPH)
    story.click("#whole")
    drawn = story.evaluate(_DRAWN)
    ids = {b["id"] for b in drawn["boxes"]}
    total = story.evaluate("window.councilgraph.nodes.length")
    assert not ids & set(graph["unlinked"]) and len(ids) == total - len(graph["unlinked"])
    assert (
        story.inner_text("#folded-box").strip()
        == f"show {len(graph['unlinked'])} mentions linked to nothing else"
    )
    assert all(_inside(b, drawn["canvas"]) for b in drawn["boxes"])
    width = drawn["canvas"]["right"] - drawn["canvas"]["left"]
    hub_edges = [e for e in drawn["edges"] if e["from"] in graph["hubs"] or e["to"] in graph["hubs"]]
    assert not hub_edges
    longest = max(
        ((e["a"]["x"] - e["b"]["x"]) ** 2 + (e["a"]["y"] - e["b"]["y"]) ** 2) ** 0.5 for e in drawn["edges"]
    )
    assert longest < width / 2, longest
    story.check("#folded")  # shown on request
    assert story.evaluate("window.councilgraph.view.length") == total
    story.click("#whole")  # back to the overview
    assert story.evaluate("window.councilgraph.view.get().every(n => n.overview)")


def test_a_filter_fits_the_view_and_clears_the_panel(story):
    graph = story.evaluate(_GRAPH)
    story.click("#whole")
    person = story.evaluate(
        "window.councilgraph.view.get({filter: n => n.kind === 'person' && n.councils.length === 1})[0]"
    )
    point = _point_of(story, person["label"])
    story.mouse.click(point["x"], point["y"])
    story.locator("#panel h4").wait_for(timeout=5000)
    assert person["label"] in story.inner_text("#panel")
    # only the person's own edges are selected, so only their labels show (others' are transparent)
    selected = story.evaluate("window.councilgraph.network.getSelectedEdges()")
    assert selected and all(person["id"] in e.split("|") for e in selected)
    # zoomed in far from everything: the canvas is blank until the filter fits the view
    story.evaluate("window.councilgraph.network.moveTo({position: {x: 90000, y: 90000}, scale: 3})")
    council = story.evaluate(  # the council with most around it (but not the person's)
        """away => { const all = window.councilgraph.nodes.get(), count = new Map();
                     for (const n of all) for (const c of n.councils) count.set(c, (count.get(c) || 0) + 1);
                     return [...count.keys()].filter(c => c !== away)
                       .sort((a, b) => count.get(b) - count.get(a) || (a < b ? -1 : 1))[0]; }""",
        person["councils"][0],
    )
    story.select_option("#council", council)
    drawn = story.evaluate(_DRAWN)
    assert len(drawn["boxes"]) > 3
    assert all(_inside(b, drawn["canvas"]) for b in drawn["boxes"])
    assert drawn["scale"] * 14 >= 10 and not _overlapping(drawn["boxes"])
    assert story.inner_text("#panel") == ""  # the previous person is gone
    assert story.evaluate("window.councilgraph.network.getSelectedNodes()") == []
    # the hub the council's inspections name is drawn beside them, its edges short
    ids = {b["id"] for b in drawn["boxes"]}
    assert ids & set(graph["hubs"])
    width = drawn["canvas"]["right"] - drawn["canvas"]["left"]
    for e in drawn["edges"]:
        assert ((e["a"]["x"] - e["b"]["x"]) ** 2 + (e["a"]["y"] - e["b"]["y"]) ** 2) ** 0.5 < width
    # back to the overview; clicking the canvas away from every node ends a selection and its panel
    story.select_option("#council", "")
    story.click("#whole")
    assert story.evaluate("window.councilgraph.view.get().every(n => n.overview)")
    first = story.evaluate("window.councilgraph.view.get()[0].label")
    point = _point_of(story, first)
    story.mouse.click(point["x"], point["y"])
    story.locator("#panel h4").wait_for(timeout=5000)
    corner = story.evaluate(
        "(() => { const r = document.querySelector('#net canvas').getBoundingClientRect();"
        " return [r.right - 5, r.bottom - 5]; })()"
    )
    story.mouse.click(corner[0], corner[1])
    assert story.inner_text("#panel") == ""
