"""Errors and their one-line messages.

A bad article never stops a build: the reader raises :class:`ArticleError`, the pipeline reports
its one-line message (``name.txt: reason; skipped``) and goes on with the rest of the batch. An
unexpected error while one article is read, parsed, extracted, resolved or written (a bug) is the
same: that article is skipped with one line (:class:`ArticleFailure`), and the traceback is shown
only with ``COUNCILGRAPH_DEBUG=1``.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass

__all__ = [
    "ArticleError",
    "ArticleFailed",
    "ArticleFailure",
    "CouncilgraphError",
    "IngestRefused",
    "ModelMissingError",
    "NameTaken",
    "QueryError",
    "debugging",
    "internal_reason",
    "printable",
]


def printable(name: str) -> str:
    """A file name as one line may show it: as it is, unless it holds a character a terminal would
    act on or cannot show (a newline, a control or formatting character, an undecodable byte,
    a line separator); then escaped as Python writes it (``'a\\nb.txt'``)."""
    return name if name.isprintable() else repr(name)


def debugging() -> bool:
    """Whether ``COUNCILGRAPH_DEBUG`` asks for tracebacks."""
    return bool(os.environ.get("COUNCILGRAPH_DEBUG"))


def internal_reason(exc: BaseException, stage: str = "") -> str:
    """The one-line reason for an unexpected error: ``internal error while parsing (TypeError: ...)``."""
    detail = " ".join(str(exc).split())
    if len(detail) > 200:
        detail = detail[:199] + "…"
    where = f" while {stage}" if stage else ""
    return f"internal error{where} ({type(exc).__name__}{': ' + detail if detail else ''})"


class CouncilgraphError(Exception):
    """Base class for councilgraph's own errors."""


class ArticleError(CouncilgraphError):
    """An input file that cannot be read as an article; ``reason`` says why in a few words.

    ``name`` is the file's name as given; the message shows it with :func:`printable`."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{printable(name)}: {reason}; skipped")
        self.name = name
        self.reason = reason


class ArticleFailed(ArticleError):
    """A readable article whose processing failed unexpectedly (a bug in reading, parsing,
    extracting or resolving it): ``build`` skips it, ``serve --ingest`` refuses it and changes
    nothing. ``reason`` starts ``internal error``; ``trace`` is the traceback's text."""

    def __init__(self, name: str, reason: str, trace: str = "") -> None:
        super().__init__(name, reason)
        self.trace = trace

    @classmethod
    def of(cls, name: str, exc: BaseException, stage: str = "") -> ArticleFailed:
        return cls(name, internal_reason(exc, stage), "".join(traceback.format_exception(exc)))


@dataclass(frozen=True)
class ArticleFailure:
    """One article skipped because its processing failed (picklable: worker processes and Dask
    workers send these back). ``line()`` is what is printed; ``trace`` the traceback's text."""

    name: str
    reason: str
    trace: str = ""

    @classmethod
    def of(cls, name: str, exc: BaseException, stage: str = "") -> ArticleFailure:
        return cls(name, internal_reason(exc, stage), "".join(traceback.format_exception(exc)))

    def line(self) -> str:
        """``name.txt: internal error while parsing (...); skipped``, and the traceback after it
        when ``COUNCILGRAPH_DEBUG`` is set."""
        line = f"{printable(self.name)}: {self.reason}; skipped"
        return f"{line}\n{self.trace.rstrip()}" if debugging() and self.trace else line


class IngestRefused(CouncilgraphError):
    """The article cannot be added (its extraction failed, or it would make a graph that breaks
    the shapes): nothing was committed."""


class NameTaken(CouncilgraphError):
    """The store holds another text under the name given: one name is one text."""


class ModelMissingError(CouncilgraphError):
    """No spaCy model could be loaded."""


class QueryError(CouncilgraphError):
    """A SPARQL query that cannot or may not be run."""


class UsageError(CouncilgraphError):
    """The user asked for something that cannot be (a bad argument): the command's exit code 2,
    raised before the command changes anything."""
