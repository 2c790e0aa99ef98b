"""Errors and their one-line messages.

A bad article never stops a build: the reader raises :class:`ArticleError`, the pipeline reports
its one-line message (``name.txt: reason; skipped``) and goes on with the rest of the batch.
"""

from __future__ import annotations


class CouncilgraphError(Exception):
    """Base class for councilgraph's own errors."""


class ArticleError(CouncilgraphError):
    """An input file that cannot be read as an article; ``reason`` says why in a few words."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}; skipped")
        self.name = name
        self.reason = reason


class ModelMissingError(CouncilgraphError):
    """No spaCy model could be loaded."""


class QueryError(CouncilgraphError):
    """A SPARQL query that cannot or may not be run."""


class UsageError(CouncilgraphError):
    """The user asked for something that cannot be (a bad argument): the command's exit code 2,
    raised before the command changes anything."""
