"""The spine: articles on disk to one validated RDF graph.

| step | module | call | out |
|---|---|---|---|
| 1 read | ``graph/nlp/read.py`` | ``read_article(path)`` | ``Article`` (text, furniture, date) |
| 2 nlp | ``graph/nlp/language.py`` | ``load_pipeline()`` | spaCy pipeline + domain span ruler |
| 3 extract | ``graph/nlp/extract/`` | ``extract_facts(doc, article)`` | ``ArticleFacts`` with evidence |
| 4 resolve | ``graph/resolve/`` | ``resolve(facts, decisions)`` | ``Resolved``: one key per entity, identity per fact |
| 5 build | ``graph/rdf/units.py``, ``graph/rdf/build.py`` | ``UnitGraph.write`` | the graph's sorted N-Triples |
| 6 validate | ``graph/rdf/validate.py`` | ``validate(graph)`` | SHACL report |
| 7 analyse/export | ``graph/network/analyse.py``, ``exporters/`` | ``write_outputs(graph, out, formats)`` | files |

Articles stream through ``nlp.pipe`` in batches; no stage holds all texts or all parses at once.
"""

from __future__ import annotations

import itertools
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph
from spacy.language import Language

from councilgraph.exporters import OUTPUT_MARKER
from councilgraph.graph.app.distributed import extract_on_dask
from councilgraph.graph.app.parallel import extract_in_processes
from councilgraph.graph.core.atomic import TEMP_SUFFIX, WORKDIR_PREFIX
from councilgraph.graph.core.errors import ArticleError, ArticleFailure, printable
from councilgraph.graph.core.gazetteer import Gazetteer
from councilgraph.graph.core.kinds import ENTITY_KINDS, FACT_KINDS
from councilgraph.graph.core.model import Article, ArticleFacts
from councilgraph.graph.core.prefixes import PREFIXES
from councilgraph.graph.nlp.language import load_pipeline
from councilgraph.graph.nlp.read import TEXT_SUFFIXES, is_article_name, read_article
from councilgraph.graph.nlp.stage import BATCH_SIZE, extract_articles
from councilgraph.graph.rdf.build import Tally, failing_articles
from councilgraph.graph.rdf.oxigraph import StoreGraph, open_ntriples
from councilgraph.graph.rdf.store import FactStore
from councilgraph.graph.rdf.units import UnitGraph
from councilgraph.graph.resolve import Decisions, Resolution, Resolved, resolve
from councilgraph.graph.resolve.review import Decision, Reviewed
from councilgraph.ontology import CG

__all__ = [
    "BuildReport",
    "BuildResult",
    "build_graph",
    "extract_articles",
    "iter_article_paths",
    "sample_paths",
]


@dataclass
class BuildReport:
    """What a build read, skipped and found."""

    read: int = 0
    unchanged: int = 0  # articles a store already held (same text), not parsed again
    articles: dict[str, str] = field(default_factory=dict)  # content hash -> file name, in the graph
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage (benchmarks/)

    def time(self, stage: str, seconds: float) -> None:
        self.timings[stage] = self.timings.get(stage, 0.0) + seconds

    ignored: int = 0  # files in the folders that are not articles by name (.jpg, .csv, dot files)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        lines = [f"articles read: {self.read}", f"articles skipped: {len(self.skipped)}"]
        if self.unchanged:
            lines.insert(1, f"articles already in the store: {self.unchanged}")
        lines += [f"  {printable(name)}: {reason}" for name, reason in self.skipped]
        if self.ignored:
            lines.append(f"other files ignored (not {', '.join(TEXT_SUFFIXES)}): {self.ignored}")
        lines += [f"  note: {note}" for note in self.notes]
        for kind in COUNTED:
            lines.append(f"{kind}: {self.counts.get(kind, 0)}")
        return "\n".join(lines)


@dataclass
class BuildResult:
    """The graph (a file of its sorted N-Triples) and the report of the build that made it.

    The file lives in a temporary folder the result owns (in the ``workdir`` given to
    :func:`build_graph`): :meth:`close`, or the end of a ``with`` block, removes it, and so does
    the garbage collector once the result is gone. A large graph is never held in memory whole:
    Oxigraph loads the file, and the writers stream it."""

    path: Path
    report: BuildReport
    resolution: Resolution = field(default_factory=Resolution)
    triples: int = 0  # how many triples the graph holds (one per line)
    reviewed: Reviewed | None = (
        None  # what the reviews did (graph/resolve/review.py), when reviews were given
    )
    _folder: tempfile.TemporaryDirectory[str] | None = field(default=None, repr=False, compare=False)

    @property
    def workdir(self) -> Path:
        """The temporary folder the result owns (Oxigraph's on-disk store of a large graph goes
        there too)."""
        return self.path.parent

    @property
    def ntriples(self) -> bytes:
        """The graph's sorted N-Triples, read into memory (library callers and tests)."""
        return self.path.read_bytes()

    @cached_property
    def graph(self) -> Graph:
        """The graph as an rdflib ``Graph``, parsed when asked (by the library's callers and the
        tests; the ``build`` command reads the N-Triples through Oxigraph instead)."""
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, replace=True)
        return graph.parse(str(self.path), format="nt")

    def in_oxigraph(self) -> StoreGraph:
        """The graph loaded into Oxigraph (``oxigraph.open_ntriples``: in memory, or on disk in the
        result's folder when large), for validation, the projection and the merge log."""
        return StoreGraph(open_ntriples(self.path, self.workdir / "oxigraph"))

    def close(self) -> None:
        """Remove the graph's file and its folder."""
        if self._folder is not None:
            self._folder.cleanup()

    def __enter__(self) -> BuildResult:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def sample_paths() -> list[Path]:
    """The bundled sample articles."""
    from importlib.resources import as_file, files

    root = files("councilgraph.graph.samples")
    out = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            with as_file(entry) as path:
                out.append(Path(path))
    return out


def iter_article_paths(
    paths: Iterable[str | os.PathLike[str]], report: BuildReport | None = None
) -> Iterator[Path]:
    """Files under ``paths`` (recursively, sorted, each real file once, symlink loops skipped)."""
    seen: set[Path] = set()

    def unreadable(exc: OSError) -> None:  # a folder os.walk cannot list: skipped, and said so
        if report is not None:
            why = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
            report.skipped.append((str(exc.filename), f"folder cannot be read ({why})"))

    for given in paths:
        root = Path(given)
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=False):
                if OUTPUT_MARKER in filenames or STORE_MARKER in filenames:
                    dirnames.clear()  # a build's own output or a store: never read as articles
                    if report is not None:
                        report.notes.append(
                            f"{printable(dirpath)}: councilgraph output, not read as articles"
                        )
                    continue
                dirnames.sort()
                for name in sorted(filenames):
                    path = Path(dirpath) / name
                    if not is_article_name(name):
                        if report is not None:
                            report.ignored += 1
                        continue
                    yield from _once(path, seen, report)
        elif root.exists() or root.is_symlink():
            yield from _once(root, seen, report)
        elif report is not None:
            report.skipped.append((str(root), "no such file or folder"))


def _once(path: Path, seen: set[Path], report: BuildReport | None) -> Iterator[Path]:
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        if report is not None:
            report.skipped.append((path.name, "broken link or link loop"))
        return
    if real not in seen:
        seen.add(real)
        yield path


def _articles(
    paths: Iterable[Path],
    report: BuildReport,
    on_error: Callable[[str], None] | None,
    on_failure: Callable[[ArticleFailure], None],
) -> Iterator[Article]:
    hashes: dict[str, str] = {}
    for path in paths:
        started = time.perf_counter()
        try:
            article = read_article(path)
        except ArticleError as exc:
            report.time("read", time.perf_counter() - started)
            report.skipped.append((exc.name, exc.reason))
            if on_error:
                on_error(str(exc))
            continue
        except Exception as exc:  # a bug in reading this file: the file is skipped, not the build
            report.time("read", time.perf_counter() - started)
            on_failure(ArticleFailure.of(path.name, exc, "reading"))
            continue
        if article.content_hash in hashes:
            first = hashes[article.content_hash]
            report.skipped.append((article.source_file, f"same text as {printable(first)}"))
            if on_error:
                on_error(f"{printable(article.source_file)}: same text as {printable(first)}; skipped")
            continue
        hashes[article.content_hash] = article.source_file
        report.time("read", time.perf_counter() - started)
        report.notes += [f"{printable(article.source_file)}: {note}" for note in article.notes]
        yield article


def build_graph(
    paths: Iterable[str | os.PathLike[str]],
    *,
    model: str | None = None,
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int = 1,
    on_error: Callable[[str], None] | None = None,
    progress: Callable[[ArticleFacts], None] | None = None,
    decisions: Decisions | None = None,
    store: FactStore | None = None,
    dask: str | None = None,
    workdir: str | os.PathLike[str] | None = None,
    reviews: Sequence[Decision] | None = None,
    confirmed_only: bool = False,
) -> BuildResult:
    """Read, extract and build one graph from every article under ``paths``.

    ``decisions`` (see :func:`councilgraph.graph.resolve.load_decisions`) forces or forbids
    cross-article merges of people; ``BuildResult.resolution`` says what was merged and why.
    With a ``store`` (``graph/rdf/store.py``), articles it already holds are not parsed again, and the
    graph is built from every article the store holds plus the new ones; the caller commits it.
    With ``dask`` (a scheduler address), parsing and extraction run on that cluster
    (``graph/app/distributed.py``); the graph is the one a local build gives.
    The graph's file, and the lines a large build spills while it sorts them, go in a temporary
    folder in ``workdir`` (the system's temporary folder when None).
    ``reviews`` (``graph/resolve/review.py:read_reviews``) are applied to the resolved facts: wrong facts
    leave, corrected ones change, reviewed ones are marked; ``confirmed_only`` keeps only the facts
    a reviewer confirmed or corrected (``BuildResult.reviewed`` says what the reviews did).
    """
    report = BuildReport()
    files_ = list(iter_article_paths(paths, report))
    if on_error:
        for name, reason in report.skipped:  # links that lead nowhere, unreadable folders, no such path
            on_error(f"{printable(name)}: {reason}; skipped")

    def failed(failure: ArticleFailure) -> None:  # one article's processing failed: it is skipped
        report.skipped.append((failure.name, failure.reason))
        if on_error:
            on_error(failure.line())

    articles: Iterable[Article] = _articles(files_, report, on_error, failed)
    if store is not None:
        articles = _new_to(store, articles, report, progress)
    folder = tempfile.TemporaryDirectory(prefix=WORKDIR_PREFIX, suffix=TEMP_SUFFIX, dir=workdir)
    try:  # an error or Ctrl-C on the way removes the folder now, not when the collector gets to it
        # the empty graph plus every article: each one's node as it comes (its text dropped
        # after), then one resolution of them all and every unit written, the lines spilling
        graph = UnitGraph(
            decisions=decisions,
            reviews=reviews,
            confirmed_only=confirmed_only,
            workdir=folder.name,
            spill=True,
        )
        new: set[str] = set()  # the hashes of the articles read in this build
        if store is not None:
            for facts in store.facts(store.manifest.articles):
                graph.take(facts)
        stream = iter(articles)
        first = next(stream, None)  # the model loads only when there is something new to parse
        if first is not None:
            started = time.perf_counter()
            pending = itertools.chain([first], stream)
            if dask:
                extracted = extract_on_dask(pending, dask, model, on_failure=failed)
            elif workers > 1:
                pipeline = nlp or load_pipeline(model)  # loaded once, before the workers fork
                extracted = extract_in_processes(
                    pending, workers, batch_size, pipeline, model, report.timings, on_failure=failed
                )
            else:
                extracted = extract_articles(
                    pending, nlp or load_pipeline(model), batch_size, report, on_failure=failed
                )
            for facts in extracted:
                if store is not None:
                    store.stage(facts)
                graph.take(facts)
                new.add(facts.article.content_hash)
                report.read += 1
                if progress:
                    progress(facts)
            stream_time = time.perf_counter() - started  # read + filter + spaCy + extraction, interleaved
            other = sum(report.timings.get(k, 0.0) for k in ("read", "tokenize + topic filter", "extraction"))
            stage = "spaCy" if workers == 1 or dask else f"filter + spaCy + extraction in {workers} processes"
            report.time(stage, max(stream_time - other, 0.0))
        resolved, reviewed = _resolved_into(graph, report, failed)
        report.articles = graph.articles
        report.read -= len(new - report.articles.keys())  # dropped after they were read: counted as skipped
        people = resolved.people
        del resolved
        graph.spend()  # every fact is in the lines now: free the rest before the lines are merged
        started = time.perf_counter()
        path = Path(folder.name) / "graph.nt"
        tally = Tally()
        with path.open("wb", buffering=1 << 20) as out:
            triples = graph.write_ntriples(out, tally)
        graph.close()
        report.counts.update(_counts(tally))
        report.time("N-Triples", time.perf_counter() - started)
        return BuildResult(path, report, people, triples, reviewed, folder)
    except BaseException:
        folder.cleanup()
        raise


MAX_ROUNDS = 100
"""How many times a build resolves (or writes) again after dropping the articles it failed on
before it gives up and fails: each round drops every article that fails alone, or else the one
bisection finds, so only an error that many different sets of articles make gets that far."""


def _resolved_into(
    graph: UnitGraph, report: BuildReport, failed: Callable[[ArticleFailure], None]
) -> tuple[Resolved, Reviewed | None]:
    """Resolve the graph's articles, apply the reviews, and write the units; return the
    resolution and what the reviews did.

    Should resolving or writing fail, the articles whose facts it is traced to are dropped from
    the graph (each one line through ``failed``, counted as skipped) and the rest resolved and
    written again: an error in one article's facts never stops the build."""
    ids = {facts.article.id: facts.article.content_hash for facts in graph.facts()}

    def drop(article_id: str, exc: BaseException, stage: str) -> None:
        facts, _lines = graph.drop(ids[article_id])
        failed(ArticleFailure.of(facts.article.source_file, exc, stage))

    for last in range(MAX_ROUNDS):
        started = time.perf_counter()
        try:
            resolved, reviewed = graph.resolve()
        except Exception:
            culprits = _unresolvable(graph.facts(), graph.decisions, graph.gazetteer)
            if not culprits or last == MAX_ROUNDS - 1:
                raise
            for article_id, error in sorted(culprits.items()):
                drop(article_id, error, "resolving")
            continue
        finally:
            report.time("resolution", time.perf_counter() - started)
        started = time.perf_counter()
        try:
            graph.write(resolved, reviewed)
        except Exception:
            culprits = failing_articles(resolved, graph.gazetteer)
            if not culprits or last == MAX_ROUNDS - 1:
                raise
            for article_id, error in sorted(culprits.items()):
                drop(article_id, error, "writing its facts")
            continue
        finally:
            report.time("RDF", time.perf_counter() - started)
        return resolved, reviewed
    raise AssertionError("unreachable: the last round returns or raises")


def _unresolvable(
    facts: list[ArticleFacts], decisions: Decisions | None, gazetteer: Gazetteer
) -> dict[str, BaseException]:
    """The articles (id -> the error) resolution fails on: each article that fails alone, else
    the one whose addition (in the order of their ids) makes a set that resolved fail, found by
    bisection; none when the whole set resolves (the error was not resolution's)."""
    try:
        resolve(facts, decisions, gazetteer)
        return {}
    except Exception as exc:
        error = exc
    alone: dict[str, BaseException] = {}
    for each in facts:
        try:
            resolve([each], decisions, gazetteer)
        except Exception as exc:
            alone[each.article.id] = exc
    if alone:
        return alone
    good, bad = 0, len(facts)  # only together: the first prefix that fails ends with the culprit
    while bad - good > 1:
        middle = (good + bad) // 2
        try:
            resolve(facts[:middle], decisions, gazetteer)
            good = middle
        except Exception as exc:
            bad, error = middle, exc
    return {facts[bad - 1].article.id: error}


def _new_to(
    store: FactStore,
    articles: Iterable[Article],
    report: BuildReport,
    progress: Callable[[ArticleFacts], None] | None,
) -> Iterator[Article]:
    """The articles the store does not hold yet; the others are counted as unchanged."""
    for article in articles:
        if store.knows(article.content_hash):
            report.unchanged += 1
            if progress:
                progress(ArticleFacts(article))
            continue
        yield article


STORE_MARKER = "manifest.json"
"""A store folder (``graph/rdf/store.py``) is never read as articles either."""

COUNTED = [k.field for k in ENTITY_KINDS] + [k.field for k in FACT_KINDS]
"""The summary's lines, in order: entities, then facts (``graph/core/kinds.py``)."""


def _counts(tally: Tally) -> Counter[str]:
    """How many of each kind the graph holds: councils some article mentions, organisations that
    are not councils, every person and fact."""
    councils = tally.nodes_of(CG.Council)
    counts: Counter[str] = Counter()
    for kind in ENTITY_KINDS:
        nodes = tally.nodes_of(kind.rdf_class)
        if kind.name == "council":
            nodes = nodes & tally.mentioned
        elif kind.name == "organisation":
            nodes = nodes - councils
        counts[kind.field] = len(nodes)
    for fact in FACT_KINDS:
        counts[fact.field] = len(tally.nodes_of(fact.rdf_class))
    return counts
