"""Write files atomically: a temporary file in the same folder, flushed, then renamed into place.

A run killed part way leaves the previous file whole: ``os.replace`` is atomic on one filesystem.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

__all__ = [
    "TEMP_SUFFIX",
    "WORKDIR_PREFIX",
    "atomic_open",
    "atomic_write_bytes",
    "atomic_write_text",
    "work_folder",
]

WORKDIR_PREFIX = ".councilgraph-work."
"""The name a temporary folder of councilgraph's starts with (a build's, the server's links, the live
outputs'): it sits in the output folder, and ``build`` removes what a killed run left there."""
TEMP_SUFFIX = ".tmp"
"""Every temporary file or folder councilgraph makes beside its outputs ends so (``.*.tmp``)."""


def work_folder(parent: str | os.PathLike[str]) -> Path:
    """A new, empty temporary folder in ``parent`` (the caller removes it): the one place its name
    is made, so the next build's clean-up finds what a killed run left."""
    return Path(tempfile.mkdtemp(prefix=WORKDIR_PREFIX, suffix=TEMP_SUFFIX, dir=parent))


def _mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_open(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through, piece by piece: it replaces ``path`` only when the
    block ends without an error (a large export is streamed, never held whole in memory)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode())  # mkstemp makes 0600; give the file the permissions open() would
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once."""
    with atomic_open(path) as fh:
        fh.write(data)


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Replace ``path`` with ``text`` encoded as UTF-8."""
    atomic_write_bytes(path, text.encode("utf-8"))
