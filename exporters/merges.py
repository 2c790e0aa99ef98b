"""The merge log: every cross-article decision about people, one line each, beside the graph.

It is read back from the graph's ``cg:resolutionNote`` values, so the log and the SPARQL-visible
notes can never disagree. Columns: person IRI, label, rule, detail (tab-separated, sorted).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import RDFS, URIRef

from councilgraph.exporters.kept import Pieces
from councilgraph.graph.core.atomic import atomic_write_text
from councilgraph.graph.rdf.oxigraph import ReadableGraph
from councilgraph.ontology import CG

__all__ = ["MergePieces", "merge_log", "merge_rows", "person_rows", "write_merge_log"]


def _cell(text: str) -> str:
    return " ".join(str(text).split())  # no tabs or newlines from article names inside a cell


def person_rows(person: str, labels: Iterable[str], notes: Iterable[str]) -> list[tuple[str, str, str, str]]:
    """(person IRI, label, rule, detail) for each of one person's resolution notes, sorted; the
    label is the first in order should a person have several (the shapes allow one)."""
    label = _cell(min(labels, default=""))
    rows = []
    for note in notes:
        rule, _, detail = note.partition(": ")
        rows.append((person, label, rule, _cell(detail)))
    return sorted(rows)


def merge_rows(graph: ReadableGraph) -> list[tuple[str, str, str, str]]:
    """(person IRI, label, rule, detail) for every resolution note in ``graph``, sorted."""
    notes: dict[str, list[str]] = {}
    for subject, note in graph.subject_objects(CG.resolutionNote):
        notes.setdefault(str(subject), []).append(str(note))
    rows = []
    for person in sorted(notes):
        rows += person_rows(
            person, (str(x) for x in graph.objects(URIRef(person), RDFS.label)), notes[person]
        )
    return rows


def merge_log(rows: Iterable[tuple[str, str, str, str]]) -> str:
    """The text of ``merges.tsv``: a header and the rows, tab-separated."""
    return "\n".join(["person\tlabel\trule\tdetail", *("\t".join(row) for row in rows)]) + "\n"


def write_merge_log(graph: ReadableGraph, path: str | os.PathLike[str]) -> None:
    """Write ``merges.tsv``: a header and one row per merge or kept-apart decision."""
    atomic_write_text(path, merge_log(merge_rows(graph)))


_NOTE, _LABEL = ox.NamedNode(str(CG.resolutionNote)), ox.NamedNode(str(RDFS.label))


class MergePieces(Pieces):
    """The merge log kept by parts: each person's rows (none for a subject without notes)."""

    def make(
        self, subject: Any, triples: list[ox.Triple]
    ) -> tuple[str, list[tuple[str, str, str, str]]] | None:
        notes = [t.object.value for t in triples if t.predicate == _NOTE and isinstance(t.object, ox.Literal)]
        if not notes:
            return None
        labels = (
            t.object.value for t in triples if t.predicate == _LABEL and isinstance(t.object, ox.Literal)
        )
        return subject.value, person_rows(subject.value, labels, notes)

    def write(self, path: Path) -> None:  # sorted by the person's IRI
        rows = (row for _person, rows in sorted(self.pieces.values()) for row in rows)
        atomic_write_text(path, merge_log(rows))
