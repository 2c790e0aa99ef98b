"""The recipe for a new fact kind (docs/ARCHITECTURE.md), done: a toy kind, a secondment, is added to
a copy of the package through the six files the recipe names (its ontology term and shape, its
dataclass and ``ArticleFacts`` list, a tiny extractor and its call, one entry in the kind table)
and nothing else; a build of an article stating one then has it in the RDF, written with its own
prefix (made from the entry, ``graph/core/prefixes.py``) in Turtle and JSON-LD, passing the shapes
(Oxigraph at build, pySHACL after), as a typed edge in GraphML, on the page, on its council's
timeline in the report, and scored by ``evaluate``. The test counts the files it changed.

The copy is edited by appending (or by one inserted line where a list must grow), so that the
test fails when the recipe stops being enough, not when a neighbouring line changes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a copy of the package and three commands in processes

ROOT = Path(__file__).resolve().parent.parent

ARTICLE = (
    "Kent director lent to Surrey\n\nPublished: 3 March 2021\n\n"
    "Kent County Council said its director of children's services, Jo Quill, has been seconded to "
    "Surrey County Council for six months.\n"
)

TERM = """
cg:Secondment a owl:Class ; rdfs:subClassOf prov:Entity, schema:Event ;
    rdfs:label "Secondment" ;
    rdfs:comment "A person lent to another body for a time." .
"""

SHAPE = """
cgs:SecondmentShape a sh:NodeShape ; sh:targetClass cg:Secondment ;
    sh:property [ sh:path prov:wasDerivedFrom ; sh:minCount 1 ; sh:class schema:NewsArticle ] ;
    sh:property [ sh:path cg:evidence ; sh:minCount 1 ; sh:class cg:Evidence ] ;
    sh:property [ sh:path cg:person ; sh:minCount 1 ; sh:maxCount 1 ; sh:class foaf:Person ] ;
    sh:property [ sh:path cg:organisation ; sh:minCount 1 ; sh:maxCount 1 ; sh:class org:Organization ] .
"""

DATACLASS = '''

@dataclass(frozen=True)
class Secondment(NoneFirst):
    """``person`` was seconded to ``organisation``."""

    person: str
    organisation: str
    evidence: Evidence
'''

EXTRACTOR = '''"""Toy: "X was seconded to Y"."""

from __future__ import annotations

from councilgraph.graph.nlp.extract.context import Context
from councilgraph.graph.core.model import Secondment


def extract_secondments(ctx: Context) -> list[Secondment]:
    out = []
    for tok in ctx.tokens_with({"second"}, {"seconded"}):
        people = ctx.mentions_in(tok.sent.start, tok.i, "person")
        bodies = [m for m in ctx.mentions_in(tok.i, tok.sent.end) if m.kind in ("council", "org")]
        if people and bodies:
            out.append(Secondment(people[-1].key, bodies[0].key, ctx.evidence(people[-1], tok, bodies[0])))
    return out
'''

ENTRY = """

from councilgraph.graph.core.model import Secondment  # noqa: E402

FACT_KINDS = (
    *FACT_KINDS,
    FactKind(
        name="secondment",
        field="secondments",
        dataclass=Secondment,
        rdf_class=CG.Secondment,
        iri_kind="secondment",
        properties=(Property("person", CG.person, "entity"), Property("organisation", CG.organisation, "entity")),
        entity_fields=("person", "organisation"),
        person_field="person",
        body_field="organisation",
        identity_fields=("person", "organisation"),
        label="secondment",
        gold=(GoldField("person", "person", "person"), GoldField("organisation", "organisation", "body")),
        edge_label="seconded",
        timeline=True,
    ),
)
_BY_CLASS[Secondment] = FACT_KINDS[-1]
"""


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def _insert_after(path: Path, anchor: str, line: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(anchor) == 1, f"{path.name}: the recipe's anchor {anchor!r} moved"
    path.write_text(text.replace(anchor, anchor + line), "utf-8")


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    """A copy of the package with the toy kind added as the recipe says (returns its sys.path root)."""
    root = tmp_path_factory.mktemp("newkind")
    pkg = root / "councilgraph"
    for part in ("graph", "ontology", "exporters"):
        shutil.copytree(ROOT / part, pkg / part, ignore=shutil.ignore_patterns("__pycache__"))
    onto, graph = pkg / "ontology", pkg / "graph"
    _append(onto / "councilgraph.ttl", TERM)  # 1
    _append(onto / "shapes.ttl", SHAPE)  # 2
    _append(graph / "core" / "model.py", DATACLASS)  # 3
    _insert_after(
        graph / "core" / "model.py",
        "    appointments: list[Appointment] = field(default_factory=list)\n",
        '    secondments: list["Secondment"] = field(default_factory=list)\n',
    )
    (graph / "nlp" / "extract" / "secondments.py").write_text(EXTRACTOR, "utf-8")  # 4
    _insert_after(  # 5
        graph / "nlp" / "extract" / "__init__.py",
        "    facts = ctx.facts\n",
        "    from councilgraph.graph.nlp.extract.secondments import extract_secondments\n\n"
        "    facts.secondments = sorted(set(extract_secondments(ctx)))\n",
    )
    _append(graph / "core" / "kinds.py", ENTRY)  # 6
    return root


RECIPE = (
    "ontology/councilgraph.ttl",
    "ontology/shapes.ttl",
    "graph/core/model.py",
    "graph/nlp/extract/secondments.py",
    "graph/nlp/extract/__init__.py",
    "graph/core/kinds.py",
)
"""The files docs/ARCHITECTURE.md's recipe for a new kind names: at most six (issue 24)."""


def test_the_recipe_changes_six_files_and_no_other(package):
    """The copy differs from the package in the recipe's files only, and they are at most six."""
    copy = package / "councilgraph"
    changed = sorted(
        path.relative_to(copy).as_posix()
        for path in copy.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and (
            not (ROOT / path.relative_to(copy)).is_file()
            or (ROOT / path.relative_to(copy)).read_bytes() != path.read_bytes()
        )
    )
    assert len(changed) <= 6, changed
    assert changed == sorted(RECIPE)


def _run(package: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(package)}
    return subprocess.run(
        [sys.executable, "-m", "councilgraph.graph", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=package,
        timeout=600,
    )


def test_a_kind_added_by_the_recipe_reaches_every_output_and_the_evaluation(package, tmp_path):
    articles, out, gold = tmp_path / "articles", tmp_path / "out", tmp_path / "gold"
    articles.mkdir()
    gold.mkdir()
    (articles / "lent.txt").write_text(ARTICLE, "utf-8")
    built = _run(package, "build", str(articles), "--out", str(out), "-q")
    assert built.returncode == 0, built.stderr  # the shapes pass (Oxigraph)
    assert "secondments: 1" in built.stdout

    turtle = (out / "graph.ttl").read_text("utf-8")
    assert "@prefix secondment: " in turtle and "a prov:Entity , schema:Event , cg:Secondment" in turtle
    assert '"@id": "secondment:' in (out / "graph.jsonld").read_text("utf-8")
    checked = _run(package, "validate", str(out / "graph.ttl"))  # pySHACL
    assert checked.returncode == 0 and "conforms" in checked.stdout, checked.stdout + checked.stderr

    graphml = (out / "graph.graphml").read_text("utf-8")
    assert ">secondment</data>" in graphml and ">seconded</data>" in graphml
    assert "seconded" in (out / "graph.html").read_text("utf-8")
    report = json.loads((out / "report.json").read_text("utf-8"))
    events = [e for council in report["timelines"].values() for e in council]
    assert any(e["event"] == "seconded" and e["who"] == "Jo Quill" for e in events)

    (gold / "lent.gold.json").write_text(
        json.dumps(
            {
                "article": "lent.txt",
                "councils": ["Kent County Council", "Surrey County Council"],
                "people": ["Jo Quill"],
                "secondments": [{"person": "Jo Quill", "organisation": "Surrey County Council"}],
            }
        ),
        "utf-8",
    )
    scored = _run(package, "evaluate", str(gold), str(out / "graph.ttl"))
    assert scored.returncode == 0, scored.stderr
    row = next(line.split() for line in scored.stdout.splitlines() if line.startswith("secondments"))
    assert row[1:4] == ["1.000", "1.000", "1.000"]
