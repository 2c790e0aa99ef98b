"""Property tests (hypothesis): whatever the articles hold, a build never crashes, every graph passes
the SHACL shapes, every quote is its article's text at its offsets, every IRI is a valid IRI, and
Turtle round-trips. Texts mix arbitrary Unicode with news sentences whose names carry markup,
quotes, Turtle and SPARQL syntax, control characters and right-to-left marks."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from councilgraph.graph.app.pipeline import build_graph
from councilgraph.graph.core.errors import ArticleError
from councilgraph.graph.core.model import Article
from councilgraph.graph.nlp.read import decode_article
from councilgraph.graph.rdf.validate import validate
from councilgraph.ontology import CG

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    '"""',
    "'''",
    "> <",
    "\\u0041",
    "} ; DROP GRAPH <x> . {",
    "@prefix x: <http://e/> .",
    "\u202eevil\u202c",
    "\u200f",
    "\u0007",
    "O’Neill-Ñúñez",
]
COUNCILS = ["Wigan Council", "Rutland County Council", "Leeds City Council", "Torbay Council"]
# an IRI per RFC 3987: no spaces, controls or the characters it excludes
IRI = re.compile(r'^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`\x00-\x1f\x7f]+$')
OUR_IRI = re.compile(r"^https://w3id\.org/councilgraph/id/[a-z]+/[a-z0-9-]+$")

word = st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True)
name = st.builds(
    lambda first, last, extra: f"{first} {last}{extra}",
    word,
    word,
    st.one_of(st.just(""), st.sampled_from(HOSTILE), st.text(max_size=6)),
)
sentence = st.one_of(
    st.builds(
        "{}, the director of children's services at {}, resigned.".format, name, st.sampled_from(COUNCILS)
    ),
    st.builds(
        "Council leader {} of {} was sacked in {}.".format,
        name,
        st.sampled_from(COUNCILS),
        st.integers(1990, 2030),
    ),
    st.builds(
        'Ofsted rated {} "{}" in {}.'.format,
        st.sampled_from(COUNCILS),
        st.sampled_from(["inadequate", "good", "outstanding"]),
        st.integers(1990, 2030),
    ),
    st.builds("{} was appointed chief executive of {}.".format, name, st.sampled_from(COUNCILS)),
    st.sampled_from(HOSTILE),
    st.text(max_size=80),
)
article_text = st.lists(sentence, min_size=1, max_size=6).map(lambda parts: " ".join(parts) + "\n")
article_bytes = st.one_of(
    st.binary(max_size=400),
    article_text.map(lambda t: t.encode("utf-8")),
    article_text.map(lambda t: t.encode("utf-16")),
    article_text.map(lambda t: t.encode("cp1252", errors="replace")),
)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=2000))
def test_decoding_arbitrary_bytes_gives_an_article_or_a_clear_refusal(data):
    try:
        article = decode_article(data, "fuzz.txt")
    except ArticleError as exc:
        message = str(exc)
        assert message.startswith("fuzz.txt: ") and message.endswith("; skipped") and "\n" not in message
    else:
        assert isinstance(article, Article) and article.text.strip()


def _texts_by_file(folder: Path, graph: Graph) -> dict[str, str]:
    """Each article's text as offsets see it: cg:text when derived, else the file's UTF-8."""
    texts = {}
    for art, file in graph.subject_objects(CG.sourceFile):
        derived = graph.value(art, CG.text)
        texts[str(art)] = (
            str(derived) if derived is not None else (folder / str(file)).read_bytes().decode("utf-8-sig")
        )
    return texts


@pytest.mark.slow
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(files=st.lists(article_bytes, min_size=1, max_size=4))
def test_any_articles_build_a_valid_graph_with_exact_quotes_and_iris(nlp, files):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i, data in enumerate(files):
            (folder / f"a{i}.txt").write_bytes(data)
        result = build_graph([folder], nlp=nlp)  # must not raise, whatever the bytes
        graph = result.graph
        assert result.report.read + len(result.report.skipped) == len(files)
        if result.report.read == 0:
            return
        event(f"evidence quotes: {min(len(set(graph.subjects(CG.quote, None))), 5)}+")
        verdict = validate(graph)
        assert verdict.conforms, verdict.text

        texts = _texts_by_file(folder, graph)
        for ev in graph.subjects(CG.quote, None):
            text = texts[str(graph.value(ev, CG.inArticle))]
            start, end = int(graph.value(ev, CG.startChar)), int(graph.value(ev, CG.endChar))
            assert text[start:end] == str(graph.value(ev, CG.quote))

        for term in {t for triple in graph for t in triple if isinstance(t, URIRef)}:
            assert IRI.match(str(term)), repr(term)
            if str(term).startswith("https://w3id.org/councilgraph/id/"):
                assert OUR_IRI.match(str(term)), repr(term)

        back = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
        assert len(back) == len(graph)
        assert {str(o) for o in back.objects() if isinstance(o, Literal)} == {
            str(o) for o in graph.objects() if isinstance(o, Literal)
        }


lines = st.lists(
    st.text(alphabet='abcé<>" .', min_size=1, max_size=6).map(lambda t: t.encode() + b"\n"),
    max_size=40,
    unique=True,
)


@settings(max_examples=300, deadline=None)
@given(before=lines, added=lines, gone=st.data(), chunk=st.sampled_from([1, 5, 64, 1 << 20]))
def test_a_store_file_patched_in_chunks_is_the_sorted_set_of_its_lines_changed(before, added, gone, chunk):
    """The store rewrites its sorted N-Triples by the change a live graph made, a chunk at a time."""
    import io

    from councilgraph.graph.rdf.store import _write_patched

    old = sorted(before)
    removed = sorted(gone.draw(st.lists(st.sampled_from(old), unique=True)) if old else [])
    new = sorted(set(added) - set(old))
    out = io.BytesIO()
    _write_patched(io.BytesIO(b"".join(old)), new, removed, out, chunk)
    assert out.getvalue() == b"".join(sorted((set(old) - set(removed)) | set(new)))
