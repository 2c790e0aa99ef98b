"""Every everyday mistake ends in one line on stderr and a documented exit code, never a traceback.

Exit codes (README): 1 failure (a file that is not a readable graph, nothing to build), 2 bad usage
(an unknown option or command, a missing or bad parameter, a path of the wrong kind, an unknown
format or query name, an unwritable output folder). tests/test_arguments_first.py checks that a
command refused with 2 changed nothing."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

# seconds a test (processes, whole builds, Java): make test runs these, make check does not
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(cli, tmp_path_factory):
    out = tmp_path_factory.mktemp("built")
    done = cli("build", "--out", str(out), "-q")
    assert done.returncode == 0, done.stderr
    return out


def _one_line(result, code: int) -> str:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_graph_commands_refuse_files_that_are_not_graphs(cli, built, tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix x: <http://example.org/> .\nx:a x:b ", encoding="utf-8")
    for command in (["validate"], ["analyse"], ["query", "--name", "inspections"]):
        for target, code in (
            (built / "report.md", 2),
            (built / "graph.html", 2),
            (built / "graph.graphml", 2),
            (built, 2),  # a folder
            (tmp_path / "missing.ttl", 2),
            (broken, 1),
        ):
            args = [command[0], str(target), *command[1:]]
            if command[0] == "analyse":
                args += ["--out", str(tmp_path / "a")]
            line = _one_line(cli(*args), code)
            assert str(target.name) in line, line


def test_build_refuses_bad_output_and_formats_before_parsing(cli, built, tmp_path):
    line = _one_line(cli("build", "--out", str(built / "graph.ttl"), "-q"), 2)
    assert "is a file" in line
    assert "unknown format" in _one_line(cli("build", "--format", "", "--out", str(tmp_path), "-q"), 2)
    assert "pdf" in _one_line(cli("build", "--format", "ttl,pdf", "--out", str(tmp_path), "-q"), 2)
    if os.geteuid() != 0:  # root can write anywhere; the check is only meaningful for users
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        assert "cannot write" in _one_line(cli("build", "--out", str(locked / "out"), "-q"), 2)


def test_query_and_evaluate_refuse_what_they_cannot_answer(cli, built, tmp_path):
    graph = str(built / "graph.ttl")
    assert "no query named" in _one_line(cli("query", graph, "--name", "nope"), 2)
    assert "--format" in _one_line(cli("query", graph, "--name", "inspections", "--format", "pdf"), 2)
    assert "no such folder" in _one_line(cli("evaluate", str(tmp_path / "nogold"), graph), 2)
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "other.gold.json").write_text('{"article": "other.txt"}', encoding="utf-8")
    assert "no gold file matches" in _one_line(cli("evaluate", str(gold), graph), 2)


def test_version(cli):
    result = cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("councilgraph ")


def test_the_package_ships_its_gold_format_and_an_example_that_evaluates(cli, tmp_path):
    from importlib.resources import files

    samples = files("councilgraph.graph.samples")
    assert "posts" in (samples / "GOLD_FORMAT.md").read_text("utf-8")
    example = json.loads((samples / "01_northshire_inadequate.gold.json").read_text("utf-8"))
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "01_northshire_inadequate.gold.json").write_text(json.dumps(example), encoding="utf-8")
    article = Path(str(samples / example["article"]))
    done = cli("evaluate", str(gold), str(article))
    assert done.returncode == 0 and "overall P=" in done.stdout


def test_a_second_build_in_the_article_folder_reads_the_same_articles(cli, tmp_path):
    from importlib.resources import files

    folder = tmp_path / "articles"
    folder.mkdir()
    for entry in files("councilgraph.graph.samples").iterdir():
        if entry.name.endswith(".txt"):
            (folder / entry.name).write_text(entry.read_text("utf-8"), encoding="utf-8")
    runs = [cli("build", str(folder), "--out", str(folder / "out"), "-q") for _ in range(2)]
    assert all(r.returncode == 0 for r in runs)
    assert runs[0].stdout.splitlines()[0] == runs[1].stdout.splitlines()[0] == "articles read: 5"
    assert "councilgraph output, not read as articles" in runs[1].stdout


def test_a_decisions_selector_that_matches_no_one_is_a_warning(cli, tmp_path):
    decisions = tmp_path / "d.toml"
    decisions.write_text('[[same]]\npeople = ["Nobody Atall @ Wigan", "Another Nobody"]\n', encoding="utf-8")
    done = cli("build", "--decisions", str(decisions), "--out", str(tmp_path / "o"), "-q")
    assert done.returncode == 0 and "warning:" in done.stderr and "Nobody Atall" in done.stderr


def test_validate_engines(cli, built, tmp_path):
    graph = str(built / "graph.ttl")
    for engine in ("pyshacl", "oxigraph"):
        done = cli("validate", graph, "--engine", engine)
        assert done.returncode == 0 and "conforms" in done.stdout, done.stderr
    assert "--engine fast" in _one_line(cli("validate", graph, "--engine", "fast"), 2)
    broken = tmp_path / "broken.ttl"
    text = (built / "graph.ttl").read_text("utf-8")
    broken.write_text(text.replace("cg:supportCount 1 ", "cg:supportCount 0 ", 1), encoding="utf-8")
    assert "cg:supportCount 0 " in broken.read_text("utf-8")
    for engine in ("pyshacl", "oxigraph"):
        done = cli("validate", str(broken), "--engine", engine)
        assert done.returncode == 1 and "MinInclusiveConstraintComponent" in done.stdout, done.stdout


# Click's usage errors, per command: (arguments, words the line must hold). Each command gets an
# unknown option and a missing argument (or, where nothing is required, a missing option value or
# an argument too many); a bad value for a typed option too.
USAGE_ERRORS = {
    "build": [
        (["build", "--bogus"], "no such option: --bogus"),
        (["build", "--out"], "'--out' requires an argument"),
        (["build", "--workers", "0"], "'--workers'"),
        (["build", "--batch-size", "many"], "'--batch-size'"),
    ],
    "remove": [
        (["remove", "--bogus", "a.txt"], "no such option: --bogus"),
        (["remove"], "missing argument 'articles'"),
        (["remove", "a.txt"], "missing option '--store'"),
    ],
    "serve": [
        (["serve", "--bogus"], "no such option: --bogus"),
        (["serve", "--port"], "'--port' requires an argument"),
        (["serve", "--port", "99999"], "'--port'"),
    ],
    "push": [
        (["push", "--bogus"], "no such option: --bogus"),
        (["push", "graph.ttl"], "missing option '--endpoint'"),
        (["push", "--endpoint", "http://127.0.0.1:1/", "--timeout", "soon"], "'--timeout'"),
    ],
    "validate": [
        (["validate", "--bogus", "g.ttl"], "no such option: --bogus"),
        (["validate"], "missing argument 'graph'"),
    ],
    "query": [
        (["query", "--bogus", "g.ttl"], "no such option: --bogus"),
        (["query"], "missing argument 'graph'"),
        (["query", "g.ttl", "--name", "inspections", "--timeout", "x"], "'--timeout'"),
    ],
    "queries": [
        (["queries", "--bogus"], "no such option: --bogus"),
        (["queries", "extra"], "unexpected extra argument"),
    ],
    "evaluate": [
        (["evaluate", "--bogus", "gold", "g.ttl"], "no such option: --bogus"),
        (["evaluate", "--reviews"], "requires an argument"),
        (["evaluate", "--details", "--model"], "requires an argument"),
    ],
    "review": [
        (["review", "--bogus", "g.ttl"], "no such option: --bogus"),
        (["review", "g.ttl", "extra.ttl"], "unexpected extra argument"),
        (["review", "g.ttl", "--port", "x"], "'--port'"),
    ],
    "analyse": [
        (["analyse", "--bogus", "g.ttl"], "no such option: --bogus"),
        (["analyse"], "missing argument 'graph'"),
    ],
    "": [
        (["nosuchcmd"], "no such command 'nosuchcmd'"),
        (["--bogus"], "no such option: --bogus"),
    ],
}


@pytest.mark.parametrize("command", sorted(USAGE_ERRORS))
def test_usage_errors_are_one_line_and_exit_2_for_every_command(councilgraph_exe, tmp_path, command):
    """An unknown option or command, a missing or bad parameter: bad usage (2), never "internal error"."""
    for args, words in USAGE_ERRORS[command]:
        done = subprocess.run(
            [councilgraph_exe, *args], capture_output=True, text=True, timeout=60, cwd=tmp_path
        )
        line = _one_line(done, 2)
        assert "internal error" not in line and words in line, (args, line)
        if command and "requires an argument" not in line:
            assert f"see 'councilgraph {command} --help'" in line, line
    assert not any(tmp_path.iterdir())  # a refused command wrote nothing


def test_every_command_has_its_usage_errors_tested():
    from councilgraph.graph.interfaces.cli import app

    names = {c.name or c.callback.__name__.removesuffix("_cmd") for c in app.registered_commands}
    assert names == set(USAGE_ERRORS) - {""}


def test_no_command_prints_the_help_and_exits_2(cli):
    done = cli()
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "Commands" in done.stderr and "build" in done.stderr
