"""One article never stops a build: an error with one article skips that article, and only it.

Errors are planted (a patched step raises for one file) at each stage: reading, tokenizing,
parsing, extracting, resolving and writing its facts; in one process, with ``--workers 2``, on
Dask, and in ``serve --ingest``'s :class:`Ingest`. Each time the article is named on one line,
counted as skipped, and the graph is the graph of the other articles, byte for byte. Also here:
an article over spaCy's length limit, an unreadable folder, and file names that hold a newline.
The articles are written for these tests (invented people).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language

import councilgraph.graph.app.pipeline as pipeline
import councilgraph.graph.nlp.stage as stage
from councilgraph.graph.app.pipeline import build_graph
from councilgraph.graph.core.errors import ArticleError, ArticleFailed, printable
from councilgraph.graph.core.model import Article
from councilgraph.graph.nlp.read import read_article
from councilgraph.graph.nlp.stage import PIECE_CHARS, extract_articles, pieces
from councilgraph.graph.rdf.build import LineWriter
from councilgraph.graph.resolve.resolver import Resolver

# seconds a test (processes, whole builds, Java): make test runs these, make check does not
pytestmark = pytest.mark.slow

ARTICLES = {
    "a_wigan.txt": (
        "Published: 3 March 2021\n\nOfsted has rated Wigan Council's children's services \"inadequate\".\n\n"
        "The council's director of children's services, Lena Marsh, resigned after the report.\n"
    ),
    "b_bolton.txt": (
        "Published: 9 June 2019\n\nBolton Council has appointed Priya Dunmore as its new chief executive.\n\n"
        "Ms Dunmore was previously director of children's services at Torbay Council.\n"
    ),
    "c_torbay.txt": (
        'Published: 12 May 2022\n\nOfsted judged Torbay Council\'s services for children "good" in 2022.\n'
    ),
    "bad.txt": (
        "Published: 2 February 2020\n\nLeeds City Council has suspended its director of children's "
        'services, Oren Quillfeather, after Ofsted rated the council "inadequate".\n'
    ),
}
MARK = "Quillfeather"  # the planted errors fire on the article that names him


@pytest.fixture()
def folder(tmp_path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def without_bad(nlp, tmp_path_factory) -> bytes:
    """The graph of the good articles alone."""
    src = tmp_path_factory.mktemp("good")
    for name, text in ARTICLES.items():
        if name != "bad.txt":
            (src / name).write_text(text, encoding="utf-8")
    return build_graph([src], nlp=nlp).ntriples


def _plant(monkeypatch, module, name: str, when) -> None:
    """Make ``module.name`` raise RuntimeError("planted") when ``when(*args)`` holds."""
    real = getattr(module, name)

    def planted(*args, **kwargs):
        if when(*args):
            raise RuntimeError("planted")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, planted)


def _skipped_only_bad(result, lines: list[str], stage: str) -> None:
    assert result.report.skipped == [("bad.txt", f"internal error while {stage} (RuntimeError: planted)")]
    assert lines == [f"bad.txt: internal error while {stage} (RuntimeError: planted); skipped"]
    assert result.report.read == 3 and len(result.report.articles) == 3
    assert "articles skipped: 1" in result.report.summary()


@pytest.mark.parametrize(
    ("target", "name", "stage"),
    [
        (pipeline, "read_article", "reading"),
        (stage, "is_on_topic", "tokenizing"),
        (stage, "extract_facts", "extracting"),
    ],
)
def test_an_error_with_one_article_skips_it_and_the_build_goes_on(
    nlp, folder, without_bad, monkeypatch, target, name, stage
):
    def names_him(*args) -> bool:
        first = args[0]
        if isinstance(first, Path):
            return first.name == "bad.txt"
        text = first.text if hasattr(first, "text") else str(first)
        return MARK in text

    _plant(monkeypatch, target, name, names_him)
    lines: list[str] = []
    result = build_graph([folder], nlp=nlp, on_error=lines.append)
    _skipped_only_bad(result, lines, stage)
    assert result.ntriples == without_bad


@Language.component("councilgraph_test_bomb")
def _bomb(doc):
    if MARK in doc.text:
        raise RuntimeError("planted")
    return doc


def test_a_parse_that_fails_in_a_batch_is_found_and_only_that_article_skipped(nlp, folder, without_bad):
    """The batch is parsed again one article at a time; the others keep their facts."""
    nlp.add_pipe("councilgraph_test_bomb", last=True)
    try:
        lines: list[str] = []
        result = build_graph([folder], nlp=nlp, on_error=lines.append)
    finally:
        nlp.remove_pipe("councilgraph_test_bomb")
    _skipped_only_bad(result, lines, "parsing")
    assert result.ntriples == without_bad


def test_without_a_listener_the_error_is_raised(nlp, monkeypatch):
    _plant(monkeypatch, stage, "extract_facts", lambda doc, article: True)
    article = Article("x", "bad.txt", ARTICLES["bad.txt"], "x")
    with pytest.raises(RuntimeError, match="planted"):
        list(extract_articles([article], nlp))


def test_an_error_resolving_one_article_drops_it(nlp, folder, without_bad, monkeypatch):
    _plant(
        monkeypatch,
        Resolver,
        "reset",
        lambda _self, facts, *rest: any(f.article.source_file == "bad.txt" for f in facts),
    )
    lines: list[str] = []
    result = build_graph([folder], nlp=nlp, on_error=lines.append)
    _skipped_only_bad(result, lines, "resolving")
    assert result.ntriples == without_bad


def test_an_error_only_two_articles_together_make_drops_one_of_them(nlp, folder, monkeypatch):
    """Neither fails alone: bisection finds the one whose addition makes the set fail."""
    _plant(
        monkeypatch,
        Resolver,
        "reset",
        lambda _self, facts, *rest: {"a_wigan.txt", "c_torbay.txt"} <= {f.article.source_file for f in facts},
    )
    lines: list[str] = []
    result = build_graph([folder], nlp=nlp, on_error=lines.append)
    assert len(result.report.skipped) == 1 and len(lines) == 1
    ((name, reason),) = result.report.skipped
    assert name in {"a_wigan.txt", "c_torbay.txt"} and reason.startswith("internal error while resolving")
    assert len(result.report.articles) == 3 and result.report.read == 3


def test_an_error_writing_one_article_s_facts_drops_it(nlp, folder, without_bad, monkeypatch):
    bad_id = read_article(folder / "bad.txt").id
    _plant(monkeypatch, LineWriter, "fact", lambda writer, stated: stated.article_id == bad_id)
    lines: list[str] = []
    result = build_graph([folder], nlp=nlp, on_error=lines.append)
    _skipped_only_bad(result, lines, "writing its facts")
    assert result.ntriples == without_bad  # its own node too is gone


def test_in_worker_processes_too(nlp, folder, without_bad, monkeypatch):
    if "fork" not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("the workers see the planted error only when forked")
    _plant(monkeypatch, stage, "extract_facts", lambda doc, article: MARK in article.text)
    lines: list[str] = []
    result = build_graph([folder], nlp=nlp, on_error=lines.append, workers=2, batch_size=1)
    _skipped_only_bad(result, lines, "extracting")
    assert result.ntriples == without_bad


def test_on_dask_too(folder, without_bad, monkeypatch):
    distributed = pytest.importorskip("dask.distributed", reason="distributed is a dependency")
    _plant(monkeypatch, stage, "extract_facts", lambda doc, article: MARK in article.text)
    lines: list[str] = []
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        result = build_graph([folder], dask=cluster.scheduler_address, on_error=lines.append)
    _skipped_only_bad(result, lines, "extracting")
    assert result.ntriples == without_bad


def test_a_dask_task_that_fails_whole_skips_its_articles(folder, monkeypatch):
    distributed = pytest.importorskip("dask.distributed", reason="distributed is a dependency")
    import councilgraph.graph.app.distributed as on_dask

    _plant(monkeypatch, on_dask, "extract_chunk", lambda chunk, *rest: any(MARK in a.text for a in chunk))
    lines: list[str] = []
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        result = on_dask.extract_on_dask(
            [read_article(p) for p in sorted(folder.iterdir())],
            cluster.scheduler_address,
            chunk_size=1,
            on_failure=lambda f: lines.append(f.line()),
        )
        facts = list(result)
    assert len(facts) == 3
    assert lines == [
        "bad.txt: internal error while parsing on the Dask cluster (RuntimeError: planted); skipped"
    ]


# ----------------------------------------------------------------------------- serve --ingest
@pytest.fixture()
def ingest(nlp, folder, tmp_path):
    from councilgraph.graph.app.ingest import Ingest
    from councilgraph.graph.rdf.store import FactStore

    store = FactStore(tmp_path / "store")
    with build_graph([folder / "a_wigan.txt"], nlp=nlp, store=store) as result:
        store.commit(result.report.articles, result.path)
    return Ingest(FactStore(tmp_path / "store"))


def test_the_ingest_refuses_an_article_whose_extraction_fails_and_changes_nothing(ingest, monkeypatch):
    before = (ingest.live.lines(), ingest.store.manifest.generation)
    _plant(monkeypatch, stage, "extract_facts", lambda doc, article: MARK in article.text)
    with pytest.raises(ArticleFailed) as raised:
        ingest.add(ARTICLES["bad.txt"].encode(), "bad.txt")
    assert isinstance(raised.value, ArticleError)  # the HTTP layer's 400/422 family
    assert (
        str(raised.value)
        == "bad.txt: internal error while parsing and extracting (RuntimeError: planted); skipped"
    )
    assert "Traceback" in raised.value.trace
    assert (ingest.live.lines(), ingest.store.manifest.generation) == before
    assert ingest.add(ARTICLES["c_torbay.txt"].encode(), "c_torbay.txt").new  # and it goes on


def test_the_ingest_refuses_an_article_whose_resolution_fails_and_changes_nothing(ingest, monkeypatch):
    before = (ingest.live.lines(), ingest.store.manifest.generation)
    resolution = ingest.live._resolution
    _plant(
        monkeypatch,
        type(resolution),
        "add",
        lambda self, facts: facts.article.source_file == "bad.txt",
    )
    with pytest.raises(ArticleFailed, match="internal error while resolving"):
        ingest.add(ARTICLES["bad.txt"].encode(), "bad.txt")
    assert (ingest.live.lines(), ingest.store.manifest.generation) == before
    assert ingest.add(ARTICLES["b_bolton.txt"].encode(), "b_bolton.txt").new


# ----------------------------------------------------------------------------- the command line
PLANTED = """
import sys
import councilgraph.graph.nlp.stage as stage
real = stage.extract_facts
def planted(doc, article):
    if article.source_file == "bad.txt":
        raise RuntimeError("planted")
    return real(doc, article)
stage.extract_facts = planted
from councilgraph.graph.interfaces.cli import main
main(sys.argv[1:])
"""


def _cli(
    *args: str, debug: bool = False, command: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "COUNCILGRAPH_DEBUG"}
    if debug:
        env["COUNCILGRAPH_DEBUG"] = "1"
    run = [*(command or []), sys.executable, "-c", PLANTED, *args]
    return subprocess.run(run, capture_output=True, text=True, timeout=600, env=env)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_the_command_names_the_article_on_one_line_and_exits_3(folder, tmp_path, workers):
    done = _cli("build", str(folder), "--out", str(tmp_path / "out"), "-q", "--workers", workers)
    assert done.returncode == 3, done.stderr
    assert done.stderr.splitlines() == [
        "bad.txt: internal error while extracting (RuntimeError: planted); skipped"
    ]
    assert "articles read: 3" in done.stdout and "articles skipped: 1" in done.stdout
    assert (tmp_path / "out" / "graph.ttl").exists()


def test_with_debug_the_traceback_is_shown_and_the_build_goes_on(folder, tmp_path):
    done = _cli("build", str(folder), "--out", str(tmp_path / "out"), "-q", debug=True)
    assert done.returncode == 3, done.stderr
    assert done.stderr.startswith(
        "bad.txt: internal error while extracting (RuntimeError: planted); skipped\n"
    )
    assert "Traceback (most recent call last)" in done.stderr and "RuntimeError: planted" in done.stderr


def test_an_unreadable_folder_is_one_line_and_exit_3(folder, tmp_path):
    locked = folder / "locked"
    locked.mkdir()
    (locked / "d_leeds.txt").write_text(ARTICLES["c_torbay.txt"].replace("Torbay", "Leeds"))
    (folder / "bad.txt").unlink()
    command: list[str] = []
    if os.geteuid() == 0:  # root reads any folder: run without the capabilities that let it
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without util-linux setpriv: cannot make a folder unreadable")
        command = [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]
    locked.chmod(0)
    try:
        done = _cli("build", str(folder), "--out", str(tmp_path / "out"), "-q", command=command)
    finally:
        locked.chmod(0o755)
    assert done.returncode == 3, done.stderr
    assert done.stderr.splitlines() == [f"{locked}: folder cannot be read (permission denied); skipped"]
    assert "articles read: 3" in done.stdout and "articles skipped: 1" in done.stdout


def test_an_unreadable_folder_in_the_library_is_skipped_and_said(nlp, folder, monkeypatch):
    """The same as the library sees it, with the folder's listing refused by a stand-in for the
    system call (so that it holds as root too)."""
    locked = folder / "locked"
    locked.mkdir()
    (locked / "d_leeds.txt").write_text(ARTICLES["c_torbay.txt"].replace("Torbay", "Leeds"))
    real = os.scandir

    def scandir(path="."):
        if isinstance(path, (str, os.PathLike)) and os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    lines: list[str] = []
    result = build_graph([folder / "a_wigan.txt", locked], nlp=nlp, on_error=lines.append)
    assert lines == [f"{locked}: folder cannot be read (permission denied); skipped"]
    assert result.report.read == 1 and len(result.report.skipped) == 1


def test_a_name_with_a_newline_or_a_control_character_is_printed_escaped_on_one_line(folder, tmp_path):
    (folder / "bad.txt").unlink()
    (folder / "two\nlines.txt").write_bytes(b"")
    (folder / "bell\x07.txt").write_text(ARTICLES["a_wigan.txt"])  # the same text as a_wigan.txt
    (folder / "right\u202eto left.txt").write_bytes(b"  \n")
    done = _cli("build", str(folder), "--out", str(tmp_path / "out"), "-q")
    assert done.returncode == 3, done.stderr
    assert sorted(done.stderr.splitlines()) == [
        "'bell\\x07.txt': same text as a_wigan.txt; skipped",
        "'right\\u202eto left.txt': only whitespace; skipped",
        "'two\\nlines.txt': empty file; skipped",
    ]
    assert "  'two\\nlines.txt': empty file" in done.stdout.splitlines()


def test_printable_keeps_ordinary_names():
    assert printable("Café report – Wigan, ĳ 2021.txt") == "Café report – Wigan, ĳ 2021.txt"
    assert printable("a\tb.txt") == "'a\\tb.txt'"
    assert printable("x\udcff.txt") == "'x\\udcff.txt'"  # an undecodable byte in a name


# ----------------------------------------------------------------------------- very long articles
def _long_article() -> str:
    """1.5 million characters: a story, three hundred pages of other news, and a story after the
    first million characters."""
    filler = "The market square was busy on Saturday, and the new bakery sold out of bread by noon.\n\n"
    tail = (
        "Ofsted rated Bolton Council's children's services \"inadequate\" in 2023.\n\n"
        "The council's chief executive, Ansel Byrne, resigned after the report.\n"
    )
    head = ARTICLES["a_wigan.txt"] + "\n"
    body = filler * ((1_500_000 - len(head) - len(tail)) // len(filler) + 1)
    return head + body + tail


def test_pieces_cover_the_text_and_end_at_paragraphs():
    text = _long_article()
    cuts = pieces(text)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(cuts, cuts[1:], strict=False))
    assert all(0 < end - start <= PIECE_CHARS for start, end in cuts)
    assert all(text[end - 2 : end] == "\n\n" for _start, end in cuts[:-1])
    assert pieces("word " * 10, 12) == [(0, 10), (10, 20), (20, 30), (30, 40), (40, 50)]
    assert pieces("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]  # no place to cut: at the size


def test_an_article_over_spacy_s_limit_builds_with_its_facts_at_their_offsets(nlp, tmp_path):
    text = _long_article()
    assert len(text) > nlp.max_length == 1_000_000
    (tmp_path / "long.txt").write_text(text)
    result = build_graph([tmp_path], nlp=nlp)
    assert not result.report.skipped and result.report.read == 1
    quotes = {}
    for quote, start, end in result.graph.query(
        """PREFIX cg: <https://w3id.org/councilgraph/ontology#>
        SELECT ?q ?s ?e WHERE { ?x cg:quote ?q ; cg:startChar ?s ; cg:endChar ?e }"""
    ):
        assert text[int(start) : int(end)] == str(quote)
        quotes[int(start)] = str(quote)
    assert any(start > 1_000_000 and "Ansel Byrne" in q for start, q in quotes.items())
    assert any(start < 1_000 and "Lena Marsh" in q for start, q in quotes.items())
    assert result.report.counts["departures"] == 2 and result.report.counts["inspections"] == 2


def test_the_command_builds_a_long_article(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.txt").write_text(_long_article())
    done = _cli("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q")
    assert done.returncode == 0, done.stderr
    assert "articles read: 1" in done.stdout and "departures: 2" in done.stdout
