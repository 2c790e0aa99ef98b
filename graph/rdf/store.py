"""A persistent store: what every article stated, and the graph built from it, on disk.

``build --store DIR`` keeps, in DIR:

- ``facts/<content-hash>.json``: one article's extracted facts (its text only when evidence
  refers to derived text), written once and never changed: an article is known by its hash;
- ``oxigraph-<n>/``: an Oxigraph store holding the built graph, one per committed build, and
  ``oxigraph-<n>.nt``, the same graph as sorted N-Triples: the next build's graph goes in as a
  patch (a hard-linked Oxigraph backup of this one, less the lines that went, plus the new ones),
  not a load of the whole graph;
- ``manifest.json``: the articles the graph holds and which Oxigraph folder holds it.

A later build parses only articles whose hash the store does not know, then resolves every
article's facts together (resolution is a pure function of the set, so building in two halves
gives the graph one build of all would give) and writes a new Oxigraph folder. Replacing the
manifest is the one atomic step that commits a build: a build killed at any point before it
leaves the store as it was, and the next build removes what the killed one left behind.
"""

from __future__ import annotations

import bisect
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph

from councilgraph.graph.core.atomic import atomic_open, atomic_write_text
from councilgraph.graph.core.errors import CouncilgraphError
from councilgraph.graph.core.kinds import FACT_KINDS
from councilgraph.graph.core.model import Article, ArticleFacts, Entity, Evidence, TextRange
from councilgraph.graph.rdf.oxigraph import NTriples, copy_ntriples, load_ntriples, ntriples_of

__all__ = [
    "FactStore",
    "StoreError",
    "committed_oxigraph",
    "facts_from_json",
    "facts_to_json",
    "find_articles",
    "is_store",
    "read_manifest",
]

MANIFEST = "manifest.json"
FORMAT = 1


class StoreError(CouncilgraphError):
    """A folder that is not a councilgraph store, or a store that cannot be read."""


def facts_to_json(facts: ArticleFacts) -> dict[str, Any]:
    """An article's facts as plain JSON (the inverse of :func:`facts_from_json`)."""
    art = facts.article
    article = asdict(art)
    if not art.text_is_derived:
        article["text"] = ""  # the file's own text; evidence quotes are already cut from it
    article["furniture"] = []
    return {
        "format": FORMAT,
        "article": article,
        "entities": {k: asdict(e) for k, e in sorted(facts.entities.items())},
        "mentions": sorted(facts.mentions),
        **{kind.field: [asdict(f) for f in getattr(facts, kind.field)] for kind in FACT_KINDS},
    }


def facts_from_json(data: dict[str, Any]) -> ArticleFacts:
    """Rebuild the :class:`ArticleFacts` that :func:`facts_to_json` wrote."""
    a = dict(data["article"])
    a["published_span"] = TextRange(**a["published_span"]) if a.get("published_span") else None
    a["furniture"] = ()
    a["notes"] = tuple(a.get("notes", ()))
    facts = ArticleFacts(Article(**a))
    facts.entities = {
        k: Entity(**{**e, "alt_labels": tuple(e.get("alt_labels", ()))}) for k, e in data["entities"].items()
    }
    facts.mentions = set(data["mentions"])
    for kind in FACT_KINDS:
        rows = data.get(kind.field, [])
        setattr(
            facts, kind.field, [kind.dataclass(**{**r, "evidence": Evidence(**r["evidence"])}) for r in rows]
        )
    return facts


def is_store(root: Path) -> bool:
    """Whether ``root`` is a store folder (it has a manifest)."""
    return (root / MANIFEST).is_file()


def committed_oxigraph(root: Path) -> Path:
    """The Oxigraph folder of a store's committed graph, read without changing the store (for
    readers such as ``serve`` and ``push``, which may run while a build writes)."""
    manifest = _read_manifest(root / MANIFEST)
    if manifest.oxigraph is None:
        raise StoreError(f"{root}: the store holds no graph yet")
    return root / manifest.oxigraph


def read_manifest(root: Path) -> Manifest:
    """The committed state of the store at ``root``, read without changing anything (an empty
    manifest when there is none yet)."""
    return _read_manifest(root / MANIFEST)


def find_articles(articles: dict[str, str], names: Iterable[str]) -> dict[str, str]:
    """Of ``articles`` (hash -> file name), those named by a file name, a path or a content hash."""
    names = list(names)
    wanted = {Path(n).name for n in names} | set(names)
    return {h: f for h, f in articles.items() if h in wanted or f in wanted}


def _read_manifest(path: Path) -> Manifest:
    if not path.exists():
        return Manifest({}, None, 0)
    try:
        raw = json.loads(path.read_text("utf-8"))
        return Manifest(dict(raw["articles"]), raw.get("oxigraph"), int(raw["generation"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"{path}: cannot be read ({exc})") from None


@dataclass(frozen=True)
class Manifest:
    """The committed state: article hash -> source file name, and the Oxigraph folder."""

    articles: dict[str, str]
    oxigraph: str | None
    generation: int


PATCH_LIMIT = 100_000
"""The most changed triples a commit applies as a patch (the changes are held in memory while they
are applied); a larger change, such as a first build or a rebuild with new rules, loads the whole
graph into a new folder from the file instead, in bounded memory."""


def _changes(old: Path, new: Path) -> Iterator[tuple[bytes, bool]]:
    """The lines of one sorted N-Triples file and not the other: ``(line, True)`` for a line only
    ``new`` has, ``(line, False)`` for one only ``old`` has."""
    with old.open("rb") as before, new.open("rb") as after:
        a, b = next(before, b""), next(after, b"")  # every line ends in a newline: b"" is the end
        while a or b:
            if a and (not b or a < b):
                yield a, False
                a = next(before, b"")
            elif b and (not a or b < a):
                yield b, True
                b = next(after, b"")
            else:  # in both
                a, b = next(before, b""), next(after, b"")


def _patched(lines: list[bytes], added: list[bytes], removed: list[bytes]) -> Iterator[bytes]:
    """Sorted ``lines`` less ``removed``, plus ``added`` (both sorted), in runs: a change of a few
    hundred lines in 400,000 is found by bisection and the rest copied in slices, not line by line."""
    marks = sorted([(bisect.bisect_left(lines, line), 1, line) for line in removed])
    marks += [(bisect.bisect_left(lines, line), 0, line) for line in added]
    done = 0
    for at, is_removal, line in sorted(marks):
        if at > done:
            yield b"".join(lines[done:at])
            done = at
        if is_removal:
            if at < len(lines) and lines[at] == line:
                done = at + 1
        else:
            yield line
    yield b"".join(lines[done:])


CHUNK = 8 << 20
"""Bytes of a sorted N-Triples file :func:`_write_patched` reads at a time."""


def _write_patched(
    before: IO[bytes], added: list[bytes], removed: list[bytes], out: IO[bytes], chunk_size: int = CHUNK
) -> None:
    """Write the sorted lines of ``before`` less ``removed``, plus ``added`` (both sorted), into
    ``out``, a chunk at a time (memory stays a chunk however large the graph)."""
    a = r = 0
    rest = b""
    while True:
        block = before.read(chunk_size)
        data = rest + block
        end = data.rfind(b"\n") + 1 if block else len(data)
        chunk, rest = data[:end], data[end:]
        if chunk:
            lines = chunk.splitlines(keepends=True)
            a2 = bisect.bisect_right(added, lines[-1], a) if block else len(added)
            r2 = bisect.bisect_right(removed, lines[-1], r)
            if a2 == a and r2 == r:
                out.write(chunk)
            else:
                out.writelines(_patched(lines, added[a:a2], removed[r:r2]))
            a, r = a2, r2
        if not block:
            break
    out.writelines(added[a:])


class FactStore:
    """The store folder ``root`` (created on first use)."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"--store {self.root}: is a file, not a folder")
        if self.root.is_dir() and any(self.root.iterdir()) and not (self.root / MANIFEST).exists():
            raise StoreError(
                f"--store {self.root}: not a councilgraph store (no {MANIFEST}); give an empty or new folder"
            )
        (self.root / "facts").mkdir(parents=True, exist_ok=True)
        self.manifest = _read_manifest(self.root / MANIFEST)
        self._clean()

    # ------------------------------------------------------------------ reading
    def knows(self, content_hash: str) -> bool:
        """Whether the committed graph already holds the article with this content hash."""
        return content_hash in self.manifest.articles

    def facts(self, hashes: Iterable[str]) -> list[ArticleFacts]:
        """The stored facts of these articles."""
        out = []
        for h in sorted(hashes):
            path = self.root / "facts" / f"{h}.json"
            try:
                out.append(facts_from_json(json.loads(path.read_text("utf-8"))))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise StoreError(
                    f"{path}: cannot be read ({exc}); remove the article and build it again"
                ) from None
        return out

    def find(self, names: Iterable[str]) -> dict[str, str]:
        """Committed articles (hash -> file name) named by a file name, a path or a content hash."""
        return find_articles(self.manifest.articles, names)

    def oxigraph_path(self) -> Path | None:
        """The folder of the committed Oxigraph store, or None before the first build."""
        return self.root / self.manifest.oxigraph if self.manifest.oxigraph else None

    def holds(self, lines: list[bytes]) -> bool:
        """Whether the committed graph is exactly these sorted N-Triples lines (a live graph's):
        then a change to them can be committed as a patch. Not so when the store was built with
        other rules, decisions or reviews than the live graph's."""
        path = self.oxigraph_path()
        committed = path.with_name(path.name + ".nt") if path is not None else None
        if committed is None or not committed.is_file():
            return False
        if committed.stat().st_size != sum(map(len, lines)):
            return False
        with committed.open("rb") as held:
            return all(a == b for a, b in zip(held, lines, strict=False))

    # ------------------------------------------------------------------ writing
    def stage(self, facts: ArticleFacts) -> None:
        """Keep an article's facts (not yet part of the graph until :meth:`commit`)."""
        path = self.root / "facts" / f"{facts.article.content_hash}.json"
        if not path.exists():
            atomic_write_text(path, json.dumps(facts_to_json(facts), ensure_ascii=False, sort_keys=True))

    def commit(
        self,
        articles: dict[str, str],
        graph: Graph | NTriples,
        *,
        change: tuple[list[bytes], list[bytes]] | None = None,
        check: Callable[[ox.Store], None] | None = None,
    ) -> None:
        """Make ``graph`` (an rdflib graph, or the sorted N-Triples a build made of it, or their
        file), built from ``articles`` (hash -> file name), the store's graph.

        ``change``: the graph is the committed one with these sorted lines added and removed (a
        live graph knows; ``graph`` is then not read). ``check`` is given the new Oxigraph store
        before anything is committed, and raises to refuse it (the store stays as it was).
        The graph goes into a new Oxigraph folder first; replacing the manifest commits it."""
        if _read_manifest(self.root / MANIFEST).generation != self.manifest.generation:
            raise StoreError(
                f"{self.root}: another build committed to the store meanwhile; nothing committed, build again"
            )
        generation = self.manifest.generation + 1
        folder = f"oxigraph-{generation}"
        target, lines = self.root / folder, self.root / f"{folder}.nt"
        shutil.rmtree(target, ignore_errors=True)
        committed = self.root / f"{self.manifest.oxigraph}.nt" if self.manifest.oxigraph else None
        if change is not None and committed is not None and committed.is_file():
            with atomic_open(lines) as fh, committed.open("rb") as before:
                _write_patched(before, *change, out=fh)
        else:
            change = None
            with atomic_open(lines) as fh:  # the graph's lines, kept for the next commit's patch
                copy_ntriples(ntriples_of(graph), fh)
        store = self._patch(target, lines, change)
        if store is None:
            store = load_ntriples(lines, ox.Store(str(target)))
        try:
            if check is not None:
                check(store)
            store.flush()
        except BaseException:
            del store
            self._clean()  # the refused generation goes; the committed one stays
            raise
        del store  # release the folder's lock before another process opens it
        record = {
            "format": FORMAT,
            "generation": generation,
            "oxigraph": folder,
            "articles": dict(sorted(articles.items())),
        }
        atomic_write_text(self.root / MANIFEST, json.dumps(record, ensure_ascii=False, indent=1) + "\n")
        self.manifest = Manifest(dict(articles), folder, generation)
        self._clean()

    def _patch(
        self, target: Path, ntriples: Path, change: tuple[list[bytes], list[bytes]] | None = None
    ) -> ox.Store | None:
        """Make ``target`` the committed graph changed into ``ntriples`` (by ``change``, when it is
        known): a backup of the committed Oxigraph folder (hard links to its immutable files), less
        the triples that went, plus the new ones; the open store. None (nothing done) when there is
        no committed graph with its N-Triples, when the change involves blank nodes (a blank node's
        label is not its identity across documents), or when it changes more than
        :data:`PATCH_LIMIT` triples.

        At 10,000 articles, adding one changes a few hundred of 400,000 triples: the patch takes a
        fraction of loading everything again (measured in the performance issue's note). Both
        files are sorted, so the difference is found by reading them side by side, line by line."""
        if self.manifest.oxigraph is None:
            return None
        committed, lines = self.root / self.manifest.oxigraph, self.root / f"{self.manifest.oxigraph}.nt"
        if not committed.is_dir() or not lines.is_file():
            return None
        if change is not None:
            added, gone = change
        else:
            gone, added = [], []
            for line, is_new in _changes(lines, ntriples):
                (added if is_new else gone).append(line)
                if len(gone) + len(added) > PATCH_LIMIT:
                    return None
        if len(gone) + len(added) > PATCH_LIMIT or any(b"_:" in line for line in (*gone, *added)):
            return None
        try:
            source = ox.Store(str(committed))
            source.backup(str(target))
            del source
        except OSError:  # held by another writer: load the whole graph instead
            shutil.rmtree(target, ignore_errors=True)
            return None
        store = ox.Store(str(target))
        for quad in ox.parse(b"".join(gone), format=ox.RdfFormat.N_TRIPLES):
            store.remove(quad)
        store.extend(ox.parse(b"".join(added), format=ox.RdfFormat.N_TRIPLES))
        return store

    def _clean(self) -> None:
        """Remove the Oxigraph folders (and their N-Triples) of builds that were superseded or
        never committed."""
        keep = {self.manifest.oxigraph, f"{self.manifest.oxigraph}.nt"}
        for entry in self.root.glob("oxigraph-*"):
            if entry.name not in keep:
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
