"""Arguments before effects: a command that refuses an argument (exit 2) has changed nothing.

Each refused command below runs against a real store and its output folder, and both are hashed
(every file's path and bytes, every folder's path) before and after: byte-identical, and no path
the command was given is created.
"""

from __future__ import annotations

import hashlib
import socket
import subprocess
from pathlib import Path

import pytest

# seconds a test (processes, whole builds, Java): make test runs these, make check does not
pytestmark = pytest.mark.slow

UNWRITABLE = "/proc/councilgraph-out"  # not even root can make a folder there


def _digest(*folders: Path) -> str:
    """Every path under ``folders`` (files with their bytes), as one hash."""
    h = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            h.update(str(path.relative_to(folder.parent)).encode() + b"\0")
            if path.is_file():
                h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def built(councilgraph_exe, tmp_path_factory):
    """A store of the bundled samples and its output folder."""
    from councilgraph.graph.app.pipeline import sample_paths

    root = tmp_path_factory.mktemp("args")
    done = subprocess.run(
        [councilgraph_exe, "build", str(sample_paths()[0].parent), "--store", "S", "--out", "O", "-q"],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    (root / "bad.toml").write_text('[[same]]\npeople = ["only one"]\n', encoding="utf-8")
    (root / "a-file").write_text("not a folder", encoding="utf-8")
    (root / "bad.jsonl").write_text('{"status": "fine"}\n', encoding="utf-8")
    return root


def _busy_port():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    return listener


ARTICLE = "01_northshire_inadequate.txt"
REFUSED = {
    "remove --format bogus": (
        ["remove", ARTICLE, "--store", "S", "--out", "O", "--format", "bogus"],
        "bogus",
    ),
    "remove unwritable --out": (["remove", ARTICLE, "--store", "S", "--out", UNWRITABLE], "cannot write"),
    "remove --out a file": (["remove", ARTICLE, "--store", "S", "--out", "a-file"], "is a file"),
    "remove unknown article": (["remove", "nosuch.txt", ARTICLE, "--store", "S", "--out", "O"], "nosuch"),
    "remove missing store": (["remove", ARTICLE, "--store", "missing", "--out", "O"], "not a councilgraph"),
    "build --store --format bogus": (
        ["build", "SAMPLES", "--store", "S", "--out", "O", "-f", "x"],
        "unknown format",
    ),
    "build --store bad --decisions": (
        ["build", "SAMPLES", "--store", "S", "--out", "O", "--decisions", "bad.toml"],
        "decisions file",
    ),
    "build --store missing --decisions": (
        ["build", "SAMPLES", "--store", "S", "--out", "O", "--decisions", "missing.toml"],
        "decisions file",
    ),
    "build --store bad --reviews": (
        ["build", "SAMPLES", "--store", "S", "--out", "O", "--reviews", "bad.jsonl"],
        "review file bad.jsonl, line 1",
    ),
    "build --store missing --reviews": (
        ["build", "SAMPLES", "--store", "S", "--out", "O", "--reviews", "missing.jsonl"],
        "--reviews missing.jsonl",
    ),
    "review bad --reviews": (["review", "--store", "S", "--reviews", "bad.jsonl"], "review file"),
    "review port in use": (["review", "--store", "S", "--port", "BUSY"], "listen"),
    "build --store unwritable --out": (
        ["build", "SAMPLES", "--store", "S", "--out", UNWRITABLE],
        "cannot write",
    ),
    "build --store unwritable --timings": (
        ["build", "SAMPLES", "--store", "S", "--out", "O", "--timings", f"{UNWRITABLE}/t.json"],
        "--timings",
    ),
    "build --timings a folder": (
        ["build", "SAMPLES", "--store", "S", "--out", "O", "--timings", "O"],
        "folder",
    ),
    "build --store a file": (["build", "SAMPLES", "--store", "a-file", "--out", "O"], "is a file"),
    "build --store not a store": (["build", "SAMPLES", "--store", "O", "--out", "O"], "not a councilgraph"),
    "build --store unwritable": (["build", "SAMPLES", "--store", UNWRITABLE, "--out", "O"], "cannot write"),
    "build --store --model bogus": (
        ["build", "SAMPLES", "--store", "S", "--out", "O", "--model", "no_such_model_xx"],
        "--model",
    ),
    "serve --ingest --model bogus": (
        ["serve", "--store", "S", "--ingest", "--out", "O", "--model", "no_such_model_xx"],
        "--model",
    ),
    "build new empty store": (["build", "--store", "new-store", "--out", "O"], "no article"),
    "serve --ingest --format bogus": (
        ["serve", "--store", "S", "--ingest", "--out", "O", "--format", "bogus"],
        "bogus",
    ),
    "serve --ingest bad --decisions": (
        ["serve", "--store", "S", "--ingest", "--out", "O", "--decisions", "bad.toml"],
        "decisions file",
    ),
    "serve --ingest unwritable --out": (
        ["serve", "--store", "S", "--ingest", "--out", UNWRITABLE],
        "cannot write",
    ),
    "serve --ingest port in use": (
        ["serve", "--store", "S", "--ingest", "--out", "O", "--port", "BUSY"],
        "listen",
    ),
    "serve --ingest missing store": (
        ["serve", "--store", "missing", "--ingest", "--out", "O"],
        "not a councilgraph",
    ),
    "push missing store": (
        ["push", "--store", "missing", "--endpoint", "http://127.0.0.1:9/s"],
        "not a councilgraph",
    ),
    "push bad endpoint": (["push", "--store", "S", "--endpoint", "ftp://127.0.0.1/s"], "not an http(s) URL"),
    "push a password and no user": (
        ["push", "--store", "S", "--endpoint", "http://127.0.0.1:9/s", "--password", "pw"],
        "needs a user",
    ),
    "analyse unwritable --out": (["analyse", "O/graph.ttl", "--out", UNWRITABLE], "cannot write"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_refused_argument_leaves_the_store_and_the_outputs_byte_identical(
    councilgraph_exe, built, case, monkeypatch
):
    from councilgraph.graph.app.pipeline import sample_paths

    monkeypatch.delenv("COUNCILGRAPH_PUSH_USER", raising=False)
    monkeypatch.delenv("COUNCILGRAPH_PUSH_PASSWORD", raising=False)
    args, words = REFUSED[case]
    with _busy_port() as busy:
        args = [
            {"SAMPLES": str(sample_paths()[0].parent), "BUSY": str(busy.getsockname()[1])}.get(a, a)
            for a in args
        ]
        before = _digest(built / "S", built / "O")
        listing = sorted(p.name for p in built.iterdir())
        done = subprocess.run(
            [councilgraph_exe, *args], capture_output=True, text=True, cwd=built, timeout=120
        )
    assert done.returncode == 2, (done.returncode, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], done.stderr
    assert _digest(built / "S", built / "O") == before
    assert sorted(p.name for p in built.iterdir()) == listing  # no store or folder made
    assert not Path(UNWRITABLE).exists()
