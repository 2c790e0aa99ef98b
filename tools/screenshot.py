"""Refresh the README screenshot (docs/graph.png) from the real page, in headless Chromium.

Builds the bundled samples, opens graph.html offline, selects a council so its timeline shows,
clicks its most connected person so the side panel lists the evidence, and saves the picture.
Run with ``make screenshot``; needs Debian's chromium (``make browser``).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from councilgraph.exporters import write_outputs
from councilgraph.graph.pipeline import build_graph, sample_paths

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("chromium is not installed (make browser)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        write_outputs(build_graph(sample_paths()).graph, tmp, ["html"])
        page_path = Path(tmp) / "graph.html"
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 760})
            page.route("**/*", lambda r: r.continue_() if r.request.url == page_path.as_uri() else r.abort())
            page.goto(page_path.as_uri())
            page.wait_for_function("window.councilgraph !== undefined")
            council = page.evaluate(
                "(() => { const t = window.councilgraph.timelines;"
                " return Object.keys(t).sort((a, b) => t[b].length - t[a].length)[0] || ''; })()"
            )
            if council:
                page.select_option("#council", council)
            person = page.evaluate(
                "(() => { const v = window.councilgraph.view.get({filter: n => n.kind === 'person'});"
                " return v.length ? v[0].id : null; })()"
            )
            if person:
                page.evaluate("id => window.councilgraph.panel(id)", person)
            page.evaluate("window.councilgraph.network.fit()")
            page.wait_for_timeout(500)
            page.screenshot(path=str(ROOT / "docs" / "graph.png"))
            browser.close()
    print(f"wrote {ROOT / 'docs' / 'graph.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
