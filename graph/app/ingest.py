"""A store kept open to take new articles one at a time, for ``serve --store DIR --ingest``.

``build --store`` adds articles in a new process: it loads the model, reads every article's facts,
resolves and writes the whole graph, validates it and writes every export (9 s for one article
at 10,000 with N-Triples only, 18 s with every output). :class:`Ingest` keeps what that repeats loaded: the model, and a
:class:`~councilgraph.graph.rdf.units.UnitGraph` of the store's articles. Adding an article is then

1. read the bytes as a file of that name would be read (``graph/nlp/read.py``), parse and extract;
2. keep its facts in the store (``FactStore.stage``);
3. resolve what the article reaches again and take the lines of what changed (``UnitGraph.add``);
4. publish the change (``graph/app/publish.py``, as build and remove publish a graph): commit it as a
   patch of the store's Oxigraph folder, after checking the shapes on the nodes the change can
   reach (``validate.focus_of``): a change that breaks a shape is refused and the store and the
   live graph stay as they were; then,
5. with an output folder, send the change to the outputs process (``exporters/parts.py``), which
   keeps the files' parts and makes again only those the change reaches, and answer once the
   files include the article.

The endpoint's queries read the committed folder, so they see the article as soon as the
manifest names it. At 10,000 articles an article takes 0.3-0.5 s to the commit: reading and
extracting it 20-70 ms, resolution and its lines 15-20 ms, the rest the store (its N-Triples
rewritten, the Oxigraph folder backed up and patched, the shapes checked on the change's
nodes); the outputs about 1 s more. At 50,000 the store's 290 MB of N-Triples make the commit 1-2 s.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing as mp
import os
import shutil
import sys
import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from councilgraph.exporters.parts import run
from councilgraph.graph.app.publish import Publication, publish, shapes_check
from councilgraph.graph.core.atomic import work_folder
from councilgraph.graph.core.clock import Laps
from councilgraph.graph.core.errors import ArticleError, ArticleFailed, IngestRefused, NameTaken, debugging
from councilgraph.graph.core.kinds import FACT_KINDS
from councilgraph.graph.nlp.language import load_pipeline
from councilgraph.graph.nlp.read import decode_article, name_problem, shown
from councilgraph.graph.nlp.stage import extract_articles
from councilgraph.graph.rdf.store import FactStore, StoreError, committed_oxigraph
from councilgraph.graph.rdf.units import UnitGraph
from councilgraph.graph.rdf.validate import ValidationReport
from councilgraph.graph.resolve import Decisions
from councilgraph.graph.resolve.review import Decision

__all__ = ["OUTPUTS_WAIT", "Added", "Ingest"]

_T = TypeVar("_T")

OUTPUTS_WAIT = 300.0
"""Seconds an answer waits for the outputs that include its article (then it answers without)."""


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
    outputs: str = ""  # with an output folder: the line of the writing that included the article
    output_stages: dict[str, float] = field(default_factory=dict)  # that writing's seconds per step


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
        reviews: Sequence[Decision] | None = None,
    ) -> None:
        """``out`` and ``formats`` (``exporters.OUTPUTS`` names): write those outputs there after each
        commit; ``on_written`` hears one line each time they are written (or fail). ``reviews``:
        the store's review file's decisions, applied as ``build --store`` applies them."""
        self.store = store
        self.validate = validate
        self.nlp = load_pipeline(model)
        self.live = UnitGraph(store.facts(store.manifest.articles), decisions, reviews=reviews)
        self._synced = store.holds(self.live.lines())  # (else the first commit is whole: the store
        # was built with other rules or decisions than these)
        self._lock = threading.Lock()  # one article at a time; queries go on meanwhile
        self.nlp("The council's director resigned.")  # lookups load on first use: not in a request
        self.exports = _Exports(store.root, out, formats, on_written) if out is not None else None

    def add(self, data: bytes, name: str) -> Added:
        """Add the article whose file ``name`` holds ``data``. Raises ``ArticleError`` (not an
        article: empty, binary, no text; a name ``build`` could not read), ``ArticleFailed`` (a
        subclass: reading, parsing, extracting or resolving this article failed unexpectedly, a bug;
        the store and the live graph are as they were, and ``COUNCILGRAPH_DEBUG=1`` prints the
        traceback to stderr), :class:`NameTaken` (another text holds the name),
        :class:`IngestRefused` (it would break the shapes) or ``StoreError`` (another process
        committed to the store since it was opened)."""
        problem = name_problem(name)
        if problem is not None:
            raise ArticleError(shown(name), problem)
        clock = Laps()
        article = _failing_as_article_error(name, "reading", lambda: decode_article(data, name))
        with self._lock:
            if article.content_hash in self.live:
                return Added(name, article.id, False, triples=len(self.live))
            if name in self.live.articles.values():
                raise NameTaken(
                    f"{shown(name)}: the store holds another text under this name; post this one under "
                    "a name of its own (or remove the other first)"
                )
            facts = _failing_as_article_error(
                name, "parsing and extracting", lambda: next(iter(extract_articles([article], self.nlp)))
            )
            self.store.stage(facts)
            clock.lap("read + extract")
            try:
                change = self.live.add(facts)
            except Exception as exc:  # (the live graph is as it was)
                raise _failed(name, exc, "resolving") from exc
            clock.lap("resolution + lines")
            synced, content_hash = self._synced, article.content_hash
            changed = change.added + change.removed
            number = (
                publish(
                    Publication(
                        self.live.articles,
                        b"".join(self.live.lines()) if not synced else b"",
                        store=self.store,
                        change=(change.added, change.removed) if synced else None,
                        # before the first commit the live graph does not know the store's change: all nodes
                        check=shapes_check(_refused, changed if synced else None) if self.validate else None,
                        write=lambda: (
                            self.exports.changed(None if not synced else (change.added, change.removed))
                            if self.exports
                            else 0
                        ),
                        undo=lambda: self.live.remove(content_hash),
                    )
                )
                or 0
            )
            self._synced = True
            clock.lap("validation + store")
        outputs, steps = "", dict[str, float]()
        if self.exports is not None:  # the answer says the files are current
            written = self.exports.wait(number, OUTPUTS_WAIT)
            outputs, steps = written or (
                f"the outputs are still being written after {OUTPUTS_WAIT:.0f} s",
                {},
            )
            clock.lap("outputs")
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
            outputs,
            steps,
        )


def _refused(report: ValidationReport) -> IngestRefused:
    return IngestRefused(f"the article would break the shapes; nothing added: {report.violations[0].line()}")


def _failed(name: str, exc: Exception, stage: str) -> ArticleFailed:
    """The error to raise for an unexpected failure with one article (its traceback printed to
    stderr with ``COUNCILGRAPH_DEBUG=1``: the server goes on)."""
    failure = ArticleFailed.of(name, exc, stage)
    if debugging():
        print(failure.trace, file=sys.stderr, flush=True)
    return failure


def _failing_as_article_error(name: str, stage: str, work: Callable[[], _T]) -> _T:
    """``work()``, an unexpected error in it raised as :class:`ArticleFailed` (an ``ArticleError``
    raised as it is)."""
    try:
        return work()
    except ArticleError:
        raise
    except Exception as exc:
        raise _failed(name, exc, stage) from exc


class _Exports:
    """The process that keeps the outputs (``exporters/parts.py:run``), and the answers it sends.

    It starts with a ``load`` of the store's committed graph (and writes the outputs of it); each
    commit sends it the commit's change (or, after a commit it could not follow, a ``load``). Each
    message has a number; :meth:`wait` waits for a writing that includes a given number. A process
    that dies is started again, with a load, at the next commit."""

    def __init__(
        self, store: Path, out: Path, formats: Sequence[str], on_written: Callable[[str], None] | None
    ) -> None:
        self.store, self.out, self.formats, self.on_written = store, out, list(formats), on_written
        out.mkdir(parents=True, exist_ok=True)
        self._links = work_folder(out)
        weakref.finalize(self, shutil.rmtree, self._links, True)
        self._done = threading.Condition()
        self._sent = 0
        self._answered = 0  # the number of the last message a finished writing (or failure) included
        self._answer = ""
        self._steps: dict[str, float] = {}
        self._stale = False  # the last writing failed: the process holds no graph until a load
        self._connection: Any = None
        self._start()
        # at exit, stop whichever outputs process runs then: registered after the first start,
        # which imports multiprocessing's own exit function, so that this one runs before it
        atexit.register(self.stop)

    def _start(self) -> None:
        context = mp.get_context("spawn")  # this process has the model, threads and a server
        mine, theirs = context.Pipe()
        # not a daemon: it forks a writer of its own. It ends when told to stop (at this process's
        # exit, see __init__, before multiprocessing joins its children) or when its pipe ends
        # (this process killed)
        process = context.Process(target=run, args=(theirs, self.out, self.formats))
        process.start()
        theirs.close()
        self._connection = mine
        threading.Thread(target=self._listen, args=(mine,), name="councilgraph-outputs", daemon=True).start()
        self._send("load", str(self._link()))

    def _link(self) -> Path:
        """A hard link to the committed N-Triples for the process to load (and remove): a commit
        meanwhile, which removes the superseded generation, cannot take them away half read."""
        held = self._links / f"graph-{self._sent + 1}.nt"
        for _ in range(5):
            folder = committed_oxigraph(self.store)
            try:
                os.link(folder.with_name(folder.name + ".nt"), held)
                return held
            except FileNotFoundError:  # superseded between reading the manifest and linking
                continue
        raise StoreError(f"{self.store}: the committed graph kept changing while it was linked")

    def stop(self) -> None:
        """Ask the outputs process to end once the writing it is doing is done."""
        connection = self._connection
        if connection is not None:
            with contextlib.suppress(OSError):  # it has ended already
                connection.send(("stop",))

    def _send(self, *message: Any) -> int:
        self._sent += 1
        self._connection.send((message[0], self._sent, *message[1:]))
        return self._sent

    def changed(self, change: tuple[list[bytes], list[bytes]] | None) -> int:
        """Send a commit's change (None: the commit replaced the graph); return its number.
        Called with the ingest's lock held, so that changes arrive in the order they were committed."""
        if self._connection is None:
            self._start()  # which loads the committed graph
            return self._sent
        if change is not None and not self._stale:
            return self._send("change", b"".join(change[0]), b"".join(change[1]))
        return self._send("load", str(self._link()))

    def wait(self, number: int, timeout: float) -> tuple[str, dict[str, float]] | None:
        """Wait until a writing that includes message ``number`` has finished; its line and
        seconds per step, or None on timeout."""
        with self._done:
            if not self._done.wait_for(lambda: self._answered >= number, timeout):
                return None
            return self._answer, self._steps

    def _listen(self, connection: Any) -> None:
        while True:
            try:
                answer = connection.recv()
            except (EOFError, OSError):
                answer = ("failed", self._sent, "the outputs process ended")
                self._connection = None
            steps: dict[str, float] = {}
            if answer[0] == "written":
                _kind, number, files, seconds, steps = answer
                line = f"wrote {', '.join(files)} to {self.out} in {seconds:.2f} s"
            else:
                _kind, number, reason = answer
                line = f"writing the outputs failed: {reason}"
            self._stale = answer[0] != "written"
            if self.on_written is not None:
                self.on_written(line)
            with self._done:
                self._answered, self._answer, self._steps = max(self._answered, number), line, steps
                self._done.notify_all()
            if self._connection is None:
                return
