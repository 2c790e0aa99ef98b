"""Refresh the README screenshot (docs/graph.png) from the real page, in headless Chromium.

    python tools/screenshot.py [PATH ...]

Builds the articles given (files or folders; with none, the bundled samples), opens graph.html
offline in a window of a laptop's size, and saves the page as it first opens: the overview of the
councils rated inadequate and the people who moved between them. The README's picture is of the
75 articles of the shared seeds and dev sets (``make screenshot`` gives them). Needs Debian's
chromium (``make browser``).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from councilgraph.exporters import write_outputs
from councilgraph.graph.app.pipeline import build_graph, sample_paths

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("chromium is not installed (make browser)", file=sys.stderr)
        return 1
    paths = [Path(a) for a in argv] or sample_paths()
    with tempfile.TemporaryDirectory() as tmp:
        write_outputs(build_graph(paths).graph, tmp, ["html"])
        page_path = Path(tmp) / "graph.html"
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 760})
            page.route("**/*", lambda r: r.continue_() if r.request.url == page_path.as_uri() else r.abort())
            page.goto(page_path.as_uri())
            page.wait_for_function("window.councilgraph !== undefined")
            page.wait_for_timeout(500)
            page.screenshot(path=str(ROOT / "docs" / "graph.png"))
            browser.close()
    print(f"wrote {ROOT / 'docs' / 'graph.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
