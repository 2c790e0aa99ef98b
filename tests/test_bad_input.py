"""The bad-input battery: every case in the README's table, in one real build through the CLI.

One folder holds a good article and every kind of bad file; ``councilgraph build`` must name each
bad file with its reason on one line, count it, still build the good articles, and exit 3. As root,
the build runs without the capabilities that let root read anything (util-linux ``setpriv``), so a
file without read permission really cannot be read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from rdflib import Graph

from councilgraph.graph.app.pipeline import build_graph
from councilgraph.graph.nlp.read import MAX_BYTES
from councilgraph.ontology import CG

# seconds a test (processes, whole builds, Java): make test runs these, make check does not
pytestmark = pytest.mark.slow

GOOD = (
    "Published: 3 March 2021\n\nOfsted has rated Wigan Council's children's services \"inadequate\".\n\n"
    "The council's director of children's services, Lena Marsh, resigned after the report.\n"
)


def _article(n: int) -> str:
    return GOOD.replace("Lena Marsh", f"Lena Marsh{'e' * (n % 7)}").replace("2021", str(2000 + n % 20))


@pytest.fixture(scope="module")
def battery(councilgraph_exe):
    """Run the CLI once over the battery folder; return (folder, out, completed process)."""
    root = Path(tempfile.mkdtemp(prefix="cg-battery-"))
    src, out = root / "in", root / "out"
    src.mkdir()
    out.mkdir()
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "blank.txt").write_bytes(b"  \n\t \r\n")
    (src / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(64))
    (src / "report.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (src / "bundle.txt").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00")
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(64))  # not an article by name
    (src / "cp1252.txt").write_bytes(
        "Published: 4 May 2020\n\nThe council’s “café” budget: £3m, said Ofsted.\n".encode("cp1252")
    )
    (src / "latin1.txt").write_bytes(
        "Published: 5 May 2020\n\nDerby City Council’s señor café costs £2.\n".replace("’", "'").encode(
            "latin-1"
        )
    )
    (src / "utf16.txt").write_bytes("Published: 6 May 2020\n\nOfsted rated Slough “good”.\n".encode("utf-16"))
    (src / "damaged.txt").write_bytes(
        "Published: 7 May 2020\n\nLeeds City Council’s report".encode() + b"\xff\xfe" + b" was late.\n"
    )
    (src / "noise.txt").write_bytes(bytes(range(128, 256)) * 8)
    with open(src / "huge.txt", "wb") as fh:  # 50 MB of real text
        line = b"Ofsted rated the council's children's services good in a report published today.\n"
        fh.write(line * (50_000_000 // len(line) + 1))
    (src / "nothing.html").write_text("<html><body><nav>Home | News</nav><script>x()</script></body></html>")
    (src / "nested.html").write_text(
        "<html><body>" + "<div>" * 100_000 + "Ofsted rated Wigan Council good in 2019." + "</div>" * 10
    )
    (src / "broken.html").write_text(
        "<html><body><p>Ofsted rated <b>Torbay Council <i>inadequate</p></div></span>"
        "<p>in 2022.<table><tr><td>unclosed"
    )
    locked = src / "locked.txt"
    locked.write_text(GOOD.replace("Wigan", "Bolton"))
    locked.chmod(0)
    (src / "loop.txt").symlink_to(src / "loop.txt")
    (src / "dangling.txt").symlink_to(src / "missing.txt")
    os.mkfifo(src / "pipe.txt")
    (src / "Café report – Wigan, ĳ 2021.txt").write_text(GOOD.replace("Lena Marsh", "Tom Ebbs"))
    shutil.copy(src / "good.txt", src / "good_copy.txt")
    for path in (root, src, out):
        path.chmod(0o777 if path == out else 0o755)

    command = [councilgraph_exe]
    command += ["build", str(src), "--out", str(out), "-q", "--format", "ttl"]
    if os.geteuid() == 0:  # root reads anything: drop the capabilities that let it
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            locked.unlink()
        else:
            command = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", *command]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=900, env=dict(os.environ, HOME=str(root))
    )
    yield src, out, done
    shutil.rmtree(root, ignore_errors=True)


EXPECTED = {
    "empty.txt": "empty file",
    "blank.txt": "only whitespace",
    "photo.txt": "binary file (a PNG image)",
    "report.txt": "binary file (a PDF file)",
    "bundle.txt": "binary file (a zip archive",
    "noise.txt": "no other encoding fits",
    "huge.txt": f"over the {MAX_BYTES:,}-byte limit for one article",
    "nothing.html": "HTML page with no article text",
    "locked.txt": "permission denied",
    "loop.txt": "broken link or link loop",
    "dangling.txt": "broken link or link loop",
    "pipe.txt": "not a regular file",
    "good_copy.txt": "same text as good.txt",
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_is_named_with_its_reason_on_one_line(battery, name):
    src, _out, done = battery
    if name == "locked.txt" and not (src / name).exists():
        pytest.skip("running as root without util-linux setpriv: cannot make a file unreadable")
    lines = [line for line in done.stderr.splitlines() if line.startswith(f"{name}: ")]
    assert len(lines) == 1, done.stderr
    assert EXPECTED[name] in lines[0] and lines[0].endswith("; skipped")


@pytest.mark.slow
def test_the_rest_of_the_batch_builds_and_the_summary_counts(battery):
    _src, out, done = battery
    assert done.returncode == 3, done.stderr  # built, with files skipped
    src = _src
    expected = len(EXPECTED) - (not (src / "locked.txt").exists())
    assert f"articles skipped: {expected}" in done.stdout
    assert "other files ignored" in done.stdout and ": 1" in done.stdout  # photo.jpg
    read = int(done.stdout.split("articles read: ")[1].split()[0])
    assert read == 8  # good, cp1252, latin1, utf16, damaged, nested, broken, the non-ASCII name
    graph = Graph().parse(out / "graph.ttl")
    files = {str(f) for f in graph.objects(None, CG.sourceFile)}
    assert "Café report – Wigan, ĳ 2021.txt" in files and "nested.html" in files
    texts = {str(t) for t in graph.objects(None, CG.text)}
    assert any("“café” budget: £3m" in t for t in texts)  # Windows-1252 decoded right
    assert any("señor café costs £2" in t for t in texts)  # Latin-1 decoded right
    assert any("Ofsted rated Slough “good”" in t for t in texts)  # UTF-16
    assert any("report\ufffd\ufffd was late" in t for t in texts)  # damage marked, not guessed
    assert any("Torbay Council inadequate" in t for t in texts)  # malformed HTML still read
    assert "not UTF-8: decoded as Windows-1252" in done.stdout


def test_a_folder_of_ten_thousand_files_builds(nlp, tmp_path):
    """10,000 files: 9,000 one-line notes that are not news, 1,000 short articles (nothing kept
    open, nothing held but the graph)."""
    for n in range(10_000):
        text = _article(n) if n % 10 == 0 else f"Note {n}: nothing to see.\n"
        (tmp_path / f"{n:05d}.txt").write_text(text)
    result = build_graph([tmp_path], nlp=nlp, batch_size=64)
    assert result.report.read + len(result.report.skipped) == 10_000
    assert result.report.counts["councils"] == 1
    assert result.report.counts["people"] == 7  # Lena Marsh, Marshe, ... Marsheeeeee
    departures = set(result.graph.subjects(None, CG.Departure))
    assert departures
