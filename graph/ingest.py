"""A store kept open to take new articles one at a time, for ``serve --store DIR --ingest``.

``build --store`` adds articles in a new process: it loads the model, reads every article's facts,
resolves and writes the whole graph, validates it and writes every export (9 s for one article
at 10,000 with N-Triples only, 18 s with every output). :class:`Ingest` keeps what that repeats loaded: the model, and a
:class:`~councilgraph.graph.live.LiveGraph` of the store's articles. Adding an article is then

1. read the bytes as a file of that name would be read (``graph/read.py``), parse and extract;
2. keep its facts in the store (``FactStore.stage``);
3. resolve what the article reaches again and take the lines of what changed (``LiveGraph.add``);
4. commit the change as a patch of the store's Oxigraph folder, after checking the shapes on the
   nodes the change can reach (``validate.focus_of``): a change that breaks a shape is refused
   and the store and the live graph stay as they were.

The endpoint's queries read the committed folder, so they see the article as soon as the
manifest names it. With an output folder, the outputs of ``build --out`` are written again after
each commit, from the committed graph, by a process of its own (:class:`_Exports`): the answer does
not wait for them (at 10,000 articles they take 13 s: the projection and its analysis, JSON-LD,
GraphML, the page are each written whole), and articles posted meanwhile are in the next writing.

At 10,000 articles an article takes 0.3-0.5 s: reading and extracting it 20-70 ms, resolution and
its lines 15-20 ms, the rest the store (its N-Triples rewritten, the Oxigraph folder backed up and
patched, the shapes checked on the change's nodes). At 50,000 the store's 290 MB of N-Triples
make that 1-2 s.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from councilgraph.graph.errors import CouncilgraphError
from councilgraph.graph.kinds import FACT_KINDS
from councilgraph.graph.live import LiveGraph
from councilgraph.graph.oxigraph import StoreGraph
from councilgraph.graph.pipeline import extract_articles
from councilgraph.graph.read import decode_article
from councilgraph.graph.resolve import Decisions
from councilgraph.graph.store import FactStore, committed_oxigraph

__all__ = ["Added", "Ingest", "IngestRefused"]


class IngestRefused(CouncilgraphError):
    """The article would make a graph that breaks the shapes: nothing was committed."""


@dataclass(frozen=True)
class Added:
    """What adding one article did."""

    article: str  # the file name given
    id: str  # the article's IRI's local name (its content hash's first 16 characters)
    new: bool  # False when the store already held the same text
    facts: dict[str, int] = field(default_factory=dict)  # fact kind -> how many the article states
    added: int = 0  # triples
    removed: int = 0
    triples: int = 0  # in the graph after
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # seconds per step


class _Clock:
    """Seconds per step, each from the end of the last."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = now - self._last
        self._last = now


class Ingest:
    """The store at ``store`` with the model and its live graph loaded (module docstring)."""

    def __init__(
        self,
        store: FactStore,
        decisions: Decisions | None = None,
        model: str | None = None,
        validate: bool = True,
        out: Path | None = None,
        formats: Sequence[str] = (),
        on_written: Callable[[str], None] | None = None,
    ) -> None:
        """``out`` and ``formats`` (``exporters.OUTPUTS`` names): write those outputs there after each
        commit; ``on_written`` hears one line each time they are written (or fail)."""
        from councilgraph.graph.nlp import load_pipeline

        self.store = store
        self.validate = validate
        self.nlp = load_pipeline(model)
        self.live = LiveGraph(store.facts(store.manifest.articles), decisions)
        self._synced = self._same_as_committed()
        self._lock = threading.Lock()  # one article at a time; queries go on meanwhile
        self.nlp("The council's director resigned.")  # lookups load on first use: not in a request
        self.exports = _Exports(store.root, out, formats, on_written) if out is not None else None

    def _same_as_committed(self) -> bool:
        """Whether the store's committed graph is the live graph (else the first commit is whole:
        the store was built with other rules or decisions than these)."""
        path = self.store.oxigraph_path()
        lines = path.with_name(path.name + ".nt") if path is not None else None
        if lines is None or not lines.is_file():
            return False
        expected = self.live.lines()
        if lines.stat().st_size != sum(map(len, expected)):
            return False
        with lines.open("rb") as committed:
            return all(a == b for a, b in zip(committed, expected, strict=False))

    def add(self, data: bytes, name: str) -> Added:
        """Add the article whose file ``name`` holds ``data``. Raises ``ArticleError`` (not an
        article: empty, binary, no text), :class:`IngestRefused` (it would break the shapes) or
        ``StoreError`` (another process committed to the store since it was opened)."""
        clock = _Clock()
        article = decode_article(data, name)
        with self._lock:
            if article.content_hash in self.live:
                return Added(name, article.id, False, triples=len(self.live))
            facts = next(iter(extract_articles([article], self.nlp)))
            self.store.stage(facts)
            clock.lap("read + extract")
            change = self.live.add(facts)
            clock.lap("resolution + lines")
            try:
                self.store.commit(
                    self.live.articles,
                    b"".join(self.live.lines()) if not self._synced else b"",
                    change=(change.added, change.removed) if self._synced else None,
                    check=self._check(change.added + change.removed) if self.validate else None,
                )
            except BaseException:
                self.live.remove(article.content_hash)
                raise
            clock.lap("validation + store")
            self._synced = True
        if self.exports is not None:
            self.exports.request()
        return Added(
            name,
            article.id,
            True,
            {kind.field: len(getattr(facts, kind.field)) for kind in FACT_KINDS},
            len(change.added),
            len(change.removed),
            len(self.live),
            round(sum(clock.laps.values()), 3),
            {k: round(v, 3) for k, v in clock.laps.items()},
        )

    def _check(self, changed: list[bytes]) -> Callable[[ox.Store], None]:
        """The store's ``check``: the shapes on the nodes the change can reach (all of them before
        the first commit, whose change the live graph does not know)."""
        from councilgraph.ontology.validate import focus_of, validate

        def check(store: ox.Store) -> None:
            focus = focus_of(store, changed) if self._synced else None
            report = validate(StoreGraph(store), store=store, focus=focus)
            if not report.conforms:
                raise IngestRefused(
                    f"the article would break the shapes; nothing added: {report.violations[0].line()}"
                )

        return check


class _Exports:
    """Write the outputs of the store's committed graph after each commit, in a process of its own
    and one writing at a time: a commit during a writing makes one more writing after it."""

    def __init__(
        self, store: Path, out: Path, formats: Sequence[str], on_written: Callable[[str], None] | None
    ) -> None:
        self.store, self.out, self.formats, self.on_written = store, out, list(formats), on_written
        self.writings = 0  # finished (the tests and the benchmark wait on it)
        self._wanted = threading.Event()
        self._done = threading.Condition()
        threading.Thread(target=self._loop, name="councilgraph-exports", daemon=True).start()

    def request(self) -> None:
        self._wanted.set()

    def wait(self, writings: int, timeout: float) -> bool:
        """Wait until ``writings`` writings have finished; False on timeout."""
        with self._done:
            return self._done.wait_for(lambda: self.writings >= writings, timeout)

    def _loop(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            started = time.perf_counter()
            run = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "councilgraph.graph.ingest",
                    str(self.store),
                    str(self.out),
                    *self.formats,
                ],
                capture_output=True,
                text=True,
            )
            seconds = time.perf_counter() - started
            if self.on_written is not None:
                last = (run.stderr.strip().splitlines() or ["(no message)"])[-1]
                self.on_written(
                    f"wrote {run.stdout.strip()} to {self.out} in {seconds:.1f} s"
                    if run.returncode == 0
                    else f"writing the outputs failed: {last}"
                )
            with self._done:
                self.writings += 1
                self._done.notify_all()


def write_exports(store: Path, out: Path, formats: Sequence[str]) -> list[str]:
    """Write the chosen outputs of ``store``'s committed graph into ``out`` (the exports process).

    The committed N-Triples are hard-linked first, so that a commit meanwhile, which removes the
    superseded generation, cannot take them away half read."""
    from councilgraph.exporters import write_outputs
    from councilgraph.graph.oxigraph import open_ntriples

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".councilgraph-work.", suffix=".tmp", dir=out) as work:
        held = Path(work) / "graph.nt"
        for _ in range(5):
            folder = committed_oxigraph(store)
            try:
                os.link(folder.with_name(folder.name + ".nt"), held)
                break
            except FileNotFoundError:  # superseded between reading the manifest and linking
                continue
        graph = StoreGraph(open_ntriples(held, Path(work) / "oxigraph"))
        return write_outputs(graph, out, formats, ntriples=held)


if __name__ == "__main__":  # the exports process: python -m councilgraph.graph.ingest STORE OUT FORMAT...
    written = write_exports(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])
    print(", ".join(written))
