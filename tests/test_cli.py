"""The installed command on the bundled samples, exit codes, and README truthfulness."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_cli_builds_the_samples_and_writes_four_files(cli, tmp_path):
    out = cli("build", "--out", str(tmp_path), "-q")
    assert out.returncode == 0, out.stderr
    for name in ("graph.ttl", "graph.jsonld", "graph.graphml", "graph.html", "report.md"):
        assert (tmp_path / name).stat().st_size > 0
    assert "articles read: 5" in out.stdout
    assert cli("validate", str(tmp_path / "graph.ttl")).returncode == 0
    csv_out = cli("query", str(tmp_path / "graph.ttl"), "--name", "inspections", "--format", "csv")
    assert csv_out.returncode == 0 and csv_out.stdout.startswith("council,rating,year")


@pytest.mark.slow
def test_a_build_leaves_no_work_folder_and_removes_a_killed_one(cli, tmp_path):
    """The build's temporary folder (the graph's file, spilled runs) lives in the output folder; a
    build removes its own at the end, and what a killed build left, but no file of the user's."""
    out = tmp_path / "out"
    killed = out / ".councilgraph-work.k1ll3d.tmp"
    killed.mkdir(parents=True)
    (killed / "graph.nt").write_bytes(b"<s> <p> <o> .\n")
    (out / ".councilgraph-run.x2y3.tmp").write_bytes(b"<s> <p> <o> .\n")
    (out / ".notes.tmp").write_text("the user's own", encoding="utf-8")
    done = cli("build", "--out", str(out), "-q")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [
        ".councilgraph-output",
        ".notes.tmp",
    ]


@pytest.mark.slow
def test_cli_skips_bad_files_and_says_so(cli, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (src / "ok.txt").write_text(
        "Ofsted rated Wigan Council's children's services \"good\".", encoding="utf-8"
    )
    out = cli("build", str(src), "--out", str(tmp_path / "out"), "-q")
    assert out.returncode == 3
    assert "empty.txt: empty file; skipped" in out.stderr and "image.txt: binary file" in out.stderr
    assert "articles read: 1" in out.stdout


@pytest.mark.slow
def test_cli_every_command_has_help_with_an_example(cli):
    for command in ("build", "validate", "query", "queries", "evaluate", "analyse"):
        out = cli(command, "--help")
        assert out.returncode == 0 and "Example:" in out.stdout, command


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    commands = re.findall(r"```(?:bash|sh)\n(.*?)```", readme, re.S)
    assert "make run" in [c.strip() for c in commands]
    assert "make test" in [c.strip() for c in commands] and "make test" in ci
    makefile = (ROOT / "Makefile").read_text()
    assert "pytest" in makefile.split("test: setup", 1)[1].splitlines()[1]


def test_build_collects_cycles_less_often_and_restores_the_thresholds(tmp_path):
    """``build`` runs with GC_THRESHOLDS (in process, as a notebook calling main would) and gives the
    caller's thresholds back, also when the build fails."""
    import gc

    from councilgraph.graph.core.collector import GC_THRESHOLDS
    from councilgraph.graph.interfaces import cli as cli_module
    from councilgraph.graph.interfaces.cli.common import _fewer_collections

    seen = []
    wrapped = _fewer_collections(lambda: seen.append(gc.get_threshold()))
    before = gc.get_threshold()
    wrapped()
    assert seen == [GC_THRESHOLDS] and gc.get_threshold() == before
    with_error = _fewer_collections(lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        with_error()
    assert gc.get_threshold() == before
    try:
        cli_module.main(["build", "--out", str(tmp_path), "-q", "--format", "ttl", "--no-report"])
    except SystemExit as exc:
        assert exc.code == 0
    assert gc.get_threshold() == before and (tmp_path / "graph.ttl").stat().st_size > 0
