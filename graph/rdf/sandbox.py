"""Take the network away from a query's worker process (Linux seccomp), so that SERVICE cannot fetch.

Oxigraph runs SPARQL's ``SERVICE`` by opening an HTTP connection to any IRI a query names. A
text check can be fooled (a carriage return ends a comment for Oxigraph and not for rdflib's
parser), and pyoxigraph offers no switch to turn SERVICE off, so the worker that runs a query is
forbidden to create a socket at all: :func:`forbid_sockets` installs a seccomp filter on which
``socket(2)`` of any family kills the process with SIGSYS. Nothing a read-only query does needs
a socket (the worker answers through a pipe made before), so a worker that dies of SIGSYS was
reaching out for the query: DNS included, which goes through a socket too. The filter holds for
the process and every thread it starts afterwards, and cannot be lifted.

Linux on x86-64 and AArch64 only; elsewhere :func:`forbid_sockets` returns False and the caller
must check the query some other way (``graph/rdf/sparql.py`` then reads it with rdflib's parser).
"""

from __future__ import annotations

import ctypes
import platform
import resource
import signal
import struct
import sys
from typing import Any

__all__ = ["NETWORK_SIGNAL", "forbid_sockets"]

NETWORK_SIGNAL = signal.SIGSYS
"""The signal a sandboxed worker dies of when it tries to open a socket."""

# (AUDIT_ARCH_* of the architecture, its number of socket(2))
_ARCHES = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
_LD_W_ABS, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06  # classic BPF opcodes
_ALLOW, _KILL_PROCESS = 0x7FFF0000, 0x80000000
_X32_BIT = 0x40000000  # x32 system calls (another numbering) on x86-64: none is legitimate here


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _filter() -> bytes | None:
    """The filter's instructions for this machine (None where it has none)."""
    arch = _ARCHES.get(platform.machine())
    if arch is None or not sys.platform.startswith("linux"):
        return None
    audit_arch, socket_nr = arch
    program = [
        (_LD_W_ABS, 0, 0, 4),  # the architecture of the call
        (_JEQ_K, 1, 0, audit_arch),
        (_RET_K, 0, 0, _KILL_PROCESS),  # another architecture's call: not ours
        (_LD_W_ABS, 0, 0, 0),  # the call's number
        (_JGE_K, 2, 0, _X32_BIT),
        (_JEQ_K, 1, 0, socket_nr),
        (_RET_K, 0, 0, _ALLOW),
        (_RET_K, 0, 0, _KILL_PROCESS),
    ]
    return b"".join(struct.pack("=HBBI", *op) for op in program)


def _prctl() -> Any:
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    return prctl


# found once, when the server imports this, so that a forked worker loads no library (another
# thread of the server may have held the loader's lock when it forked)
_FILTER = _filter()
_PRCTL = _prctl() if _FILTER is not None else None


def forbid_sockets() -> bool:
    """Install the filter in this process (call it in the worker before it starts threads).
    True when installed; False where seccomp is not available."""
    if _FILTER is None or _PRCTL is None:
        return False
    code = ctypes.create_string_buffer(_FILTER, len(_FILTER))
    program = _Program(len(_FILTER) // 8, ctypes.cast(code, ctypes.c_void_p))
    # a worker that dies of the filter leaves no core file behind
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if _PRCTL(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return bool(_PRCTL(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(program), 0, 0) == 0)
