"""Nothing lost: a real build killed part way (SIGKILL, SIGINT) leaves the previous outputs whole.

A first build writes ``out/``. A second, larger build of other articles is then killed at several
moments from parsing to writing. After each kill every output file must be byte-identical either to
the first build's or to the second build's complete output (builds are deterministic, so the
second build's output is known from a reference run), and nothing half-written may be left behind
once the next run completes.
"""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

OUTPUTS = (
    "graph.ttl",
    "graph.jsonld",
    "graph.graphml",
    "graph.html",
    "report.md",
    "report.json",
    "ratings.svg",
    "merges.tsv",
)
COUNCILS = ("Wigan", "Bolton", "Rutland", "Torbay", "Slough", "Walsall", "Derby", "Leeds")


def _write_articles(folder: Path, count: int) -> None:
    folder.mkdir()
    for n in range(count):
        council = COUNCILS[n % len(COUNCILS)]
        (folder / f"a{n:04d}.txt").write_text(
            f"Published: {1 + n % 28} March {2010 + n % 12}\n\n"
            f"Ofsted has rated {council} Council's children's services \"inadequate\".\n\n"
            f"The council's director of children's services, Erin Vale{n}, resigned after the report. "
            f"Council leader Sam Oke{n % 50} said lessons would be learned.\n"
        )


def _snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def _inodes(out: Path) -> dict[str, int]:
    return {name: (out / name).stat().st_ino for name in OUTPUTS if (out / name).exists()}


def _temporaries(out: Path) -> set[str]:
    return {p.name for p in out.iterdir() if p.name.endswith(".tmp")}


def _output_temporaries(out: Path) -> set[str]:
    """The temporary files of outputs being written (not the build's work folder, made at its start)."""
    return {name for name in _temporaries(out) if not name.startswith(".councilgraph-work.")}


def _kill_when(proc: subprocess.Popen, out: Path, sig: signal.Signals, moment: str, after: float) -> None:
    """Send ``sig`` at ``moment``: "parsing" (``after`` seconds in), "writing" (the first temporary
    output file appears or an output is replaced) or "between" (after the first output is replaced)."""
    if moment == "parsing":
        time.sleep(after)
        proc.send_signal(sig)
        return
    start, stale = _inodes(out), _output_temporaries(out)
    while proc.poll() is None:
        temps = bool(_output_temporaries(out) - stale)
        replaced = sum(1 for n, ino in _inodes(out).items() if start.get(n) != ino)
        if (moment == "writing" and (temps or replaced)) or (moment == "between" and replaced):
            proc.send_signal(sig)
            return
        time.sleep(0.0005)


@pytest.mark.slow
def test_killed_builds_leave_previous_or_complete_outputs(councilgraph_exe, tmp_path):
    def _cli(*args: str) -> list[str]:
        return [councilgraph_exe, *args]

    first_in, second_in = tmp_path / "first", tmp_path / "second"
    _write_articles(first_in, 3)
    _write_articles(
        second_in, 240
    )  # long enough to be killed while parsing: a 120-article build once finished in 3 s
    out, reference = tmp_path / "out", tmp_path / "reference"

    first = subprocess.run(_cli("build", str(first_in), "--out", str(out), "-q"), capture_output=True)
    assert first.returncode == 0, first.stderr
    before = _snapshot(out)
    done = subprocess.run(_cli("build", str(second_in), "--out", str(reference), "-q"), capture_output=True)
    assert done.returncode == 0, done.stderr
    after = _snapshot(reference)
    assert all(before[n] != after[n] for n in ("graph.ttl", "graph.jsonld", "graph.html"))

    kills = [
        (signal.SIGKILL, "parsing"),
        (signal.SIGKILL, "writing"),
        (signal.SIGINT, "writing"),
        (signal.SIGKILL, "between"),
    ]
    outcomes = []
    for sig, moment in kills:
        stale = _temporaries(out)  # a SIGKILL cannot clean up; the next run that writes does
        proc = subprocess.Popen(
            _cli("build", str(second_in), "--out", str(out), "-q"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        _kill_when(proc, out, sig, moment, after=2.0)
        _, stderr = proc.communicate(timeout=120)
        now = _snapshot(out)
        for name in OUTPUTS:
            assert now[name] in (before[name], after[name]), f"{name} half-written after {sig.name}"
        outcomes.append((sig.name, moment, proc.returncode, sum(now[n] == after[n] for n in OUTPUTS)))
        if sig == signal.SIGINT:
            assert b"Traceback" not in stderr, stderr.decode()
            assert _temporaries(out) <= stale, "an interrupted run cleans up its own temporary files"
        before = now  # the next kill must keep whatever mix of old and new this one left

    finished = subprocess.run(_cli("build", str(second_in), "--out", str(out), "-q"), capture_output=True)
    assert finished.returncode == 0, finished.stderr
    assert _snapshot(out) == after
    left = sorted(
        p.name for p in out.iterdir() if p.name != ".councilgraph-output"
    )  # the output marker stays
    assert left == sorted(OUTPUTS)  # no temporary files left
    killed = [o for o in outcomes if o[2] != 0]
    assert len(killed) == len(kills), f"a build finished before its signal: {outcomes}"
    print(outcomes)


def test_an_interrupt_while_probing_the_output_folder_leaves_no_probe(tmp_path, monkeypatch):
    """Ctrl-C just after the probe file is created (the moment a random name could not be cleaned
    up) still removes it."""
    import os

    from councilgraph.graph.interfaces.cli import common as cli_module

    real_open = os.open

    def open_then_interrupt(path, flags, mode=0o777):
        real_open(path, flags, mode)  # the file now exists; its descriptor is never handed back
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "open", open_then_interrupt)
    (tmp_path / "out").mkdir()
    with pytest.raises(KeyboardInterrupt):
        cli_module._check_output_folder(tmp_path / "out")
    monkeypatch.undo()
    assert list((tmp_path / "out").iterdir()) == []
    with pytest.raises(KeyboardInterrupt):  # a folder still to be made: probed in the one above it
        monkeypatch.setattr(os, "open", open_then_interrupt)
        cli_module._check_output_folder(tmp_path / "out" / "new" / "deeper")
    monkeypatch.undo()
    assert list((tmp_path / "out").iterdir()) == []
