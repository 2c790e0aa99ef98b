"""Measure a graph against gold annotations (the format of GOLD_FORMAT.md), list by list.

Lets users score the tool on their own annotated articles: each list is compared per article as a
set of normalised tuples (names lower-cased without titles; councils without "Council", "Borough",
...), and precision, recall and F1 are reported per list and micro-averaged overall.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from councilgraph.graph.core.errors import CouncilgraphError
from councilgraph.graph.core.kinds import ENTITY_KINDS, FACT_KINDS, FactKind, GoldField
from councilgraph.graph.core.order import order_key
from councilgraph.graph.core.prefixes import sparql_prologue
from councilgraph.graph.core.rules import load_rules

if TYPE_CHECKING:
    from collections.abc import Iterable

    from councilgraph.graph.resolve.review import Decision

__all__ = ["LISTS", "Score", "evaluate_graph", "format_review_precision", "format_score", "review_precision"]

LISTS = [k.field for k in ENTITY_KINDS] + [k.field for k in FACT_KINDS]
_Q = sparql_prologue()


def _tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", text.lower().replace("'", "").replace("’", ""))


def norm_person(name: str) -> str:
    return " ".join(w for w in _tokens(name) if w not in load_rules().scoring.titles)


def norm_council(name: str) -> str:
    kept = [w for w in _tokens(name) if w not in load_rules().scoring.council_words]
    return " ".join(kept) or " ".join(_tokens(name))


def norm_org(name: str) -> str:
    return " ".join(_tokens(name))


def _local(iri: Any) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def _rating(iri: Any) -> str:
    text = re.sub(r"(?<!^)(?=[A-Z])", " ", _local(iri)).lower()
    return "requires improvement" if text.startswith("requires improvement") else text


@dataclass
class Score:
    """Counts per list, and the misses and false positives per article."""

    counts: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0, 0] for k in LISTS})
    details: list[str] = field(default_factory=list)
    articles: int = 0  # gold files that match an article of the graph

    def prf(self, key: str | None = None) -> tuple[float, float, float]:
        tp, fp, fn = self.counts[key] if key else [sum(c[i] for c in self.counts.values()) for i in range(3)]
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _select(graph: Graph, query: str) -> list[tuple[Any, ...]]:
    """The rows of a SELECT query written with the shared prefixes."""
    return [tuple(row) for row in graph.query(_Q + query) if isinstance(row, tuple)]


def _predicted(graph: Graph) -> dict[str, dict[str, set[tuple[str, ...]]]]:
    labels: dict[Any, tuple[str, str]] = {}
    for x, kind, label in _select(
        graph,
        """SELECT ?x ?kind ?label WHERE {
        { ?x a cg:Council . BIND("council" AS ?kind) } UNION { ?x a foaf:Person . BIND("person" AS ?kind) }
        UNION { ?x a org:Organization . FILTER NOT EXISTS { ?x a cg:Council } BIND("org" AS ?kind) }
        ?x rdfs:label ?label }""",
    ):
        labels[x] = (str(kind), str(label))

    def org_key(o: Any) -> str:
        kind, label = labels.get(o, ("org", _local(o)))
        return norm_council(label) if kind == "council" else norm_org(label)

    art = {
        a: Path(str(f)).name
        for a, f in _select(graph, "SELECT ?a ?f WHERE { ?a a schema:NewsArticle ; cg:sourceFile ?f }")
    }
    pred: dict[str, dict[str, set[tuple[str, ...]]]] = defaultdict(lambda: defaultdict(set))
    for name in art.values():
        pred[name]  # every article of the graph, with or without facts
    for a, x in _select(graph, "SELECT ?a ?x WHERE { ?a schema:mentions ?x }"):
        if a in art and x in labels:
            kind, label = labels[x]
            lst = {"council": "councils", "person": "people"}.get(kind, "organisations")
            norm = {"councils": norm_council, "people": norm_person}.get(lst, norm_org)
            pred[art[a]][lst].add((norm(label),))
    for kind in FACT_KINDS:
        for a, *values in _select(graph, _fact_query(kind)):
            people = [v for v, f in zip(values, kind.gold, strict=True) if f.value == "person"]
            if a in art and all(p in labels for p in people):
                pred[art[a]][kind.field].add(
                    tuple(
                        _predicted_value(f, v, labels, org_key)
                        for f, v in zip(kind.gold, values, strict=True)
                    )
                )
    return pred


def _fact_query(kind: FactKind) -> str:
    """The article and the gold fields' values of every fact of ``kind`` the graph states."""
    names = " ".join(f"?v{i}" for i in range(len(kind.gold)))
    fields = " ".join(f"<{kind.predicate(f.field)}> ?v{i} ;" for i, f in enumerate(kind.gold))
    return f"SELECT ?a {names} WHERE {{ ?x a <{kind.rdf_class}> ; {fields} prov:wasDerivedFrom ?a }}"


def _predicted_value(
    field: GoldField, value: Any, labels: dict[Any, tuple[str, str]], org_key: Callable[[Any], str]
) -> str:
    """A graph's value of ``field`` as the gold file would write it, normalised."""
    if field.value == "person":
        return norm_person(labels[value][1])
    if field.value in ("body", "council"):
        return org_key(value)
    if field.value == "rating":
        return _rating(value)
    return _local(value)


def _gold_value(field: GoldField, entry: dict[str, Any], councils: set[str]) -> Any:
    """A gold entry's value of ``field``, normalised as :func:`_predicted_value` normalises the
    graph's (a body the gold file lists among its councils is a council)."""
    text = entry[field.key]
    if field.value == "person":
        return norm_person(text)
    if field.value == "council" or (field.value == "body" and text in councils):
        return norm_council(text)
    if field.value == "body":
        return norm_org(text)
    if field.value == "rating":
        return text.lower()  # (not a string: not a gold file, as any other malformed entry)
    return text


def _gold_sets(gold: dict[str, Any]) -> dict[str, set[tuple[str, ...]]]:
    councils = set(gold.get("councils", []))
    sets: dict[str, set[tuple[str, ...]]] = {
        "councils": {(norm_council(c),) for c in councils},
        "people": {(norm_person(p),) for p in gold.get("people", [])},
        "organisations": {(norm_org(o),) for o in gold.get("organisations", [])},
    }
    for kind in FACT_KINDS:
        sets[kind.field] = {
            tuple(_gold_value(f, entry, councils) for f in kind.gold) for entry in gold.get(kind.field, [])
        }
    return sets


def evaluate_graph(graph: Graph, gold_dir: str | Path) -> Score:
    """Score ``graph`` against every ``*.gold.json`` in ``gold_dir``."""
    pred = _predicted(graph)
    score = Score()
    for path in sorted(Path(gold_dir).glob("*.gold.json")):
        try:
            gold = json.loads(path.read_text("utf-8"))
            name = gold["article"]
            gold_sets = _gold_sets(gold)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CouncilgraphError(f"{path}: not a gold file (see GOLD_FORMAT.md): {exc}") from None
        if name not in pred:
            continue
        score.articles += 1
        for key in LISTS:
            g, p = gold_sets[key], pred.get(name, {}).get(key, set())
            for i, n in enumerate((len(g & p), len(p - g), len(g - p))):
                score.counts[key][i] += n
            score.details += [f"{name} {key} MISSED {m}" for m in sorted(g - p, key=order_key)]
            score.details += [f"{name} {key} EXTRA  {x}" for x in sorted(p - g, key=order_key)]
    return score


def format_score(score: Score, details: bool = False) -> str:
    """A table of precision, recall and F1 per list and overall."""
    lines = list(score.details) if details else []
    lines.append(f"{'list':14} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    for key in LISTS:
        p, r, f = score.prf(key)
        tp, fp, fn = score.counts[key]
        lines.append(f"{key:14} {p:6.3f} {r:6.3f} {f:6.3f} {tp:4d}{fp:4d}{fn:4d}")
    p, r, f = score.prf()
    lines.append(f"overall P={p:.3f} R={r:.3f} F1={f:.3f}")
    return "\n".join(lines)


def review_precision(decisions: Iterable[Decision]) -> dict[str, tuple[int, int, int]]:
    """Precision on the facts reviewers checked, per fact kind: ``kind -> (right, checked,
    unsure)``. A fact's last decision counts (as a build applies them): confirmed is right;
    wrong, and corrected (the tool read a value wrong), are not; unsure is not counted."""
    last: dict[tuple[str, str], str] = {}
    for d in decisions:
        last.pop((d.kind, d.fact), None)
        last[(d.kind, d.fact)] = d.status
    out: dict[str, tuple[int, int, int]] = {}
    for kind in [k.name for k in FACT_KINDS]:
        found = [s for (k, _f), s in last.items() if k == kind]
        if found:
            checked = [s for s in found if s != "unsure"]
            out[kind] = (checked.count("confirmed"), len(checked), len(found) - len(checked))
    return out


def format_review_precision(counts: dict[str, tuple[int, int, int]]) -> str:
    """The precision table on reviewed facts, one line per kind and one overall."""
    right, checked, unsure = (sum(c[i] for c in counts.values()) for i in range(3))
    lines = ["precision on reviewed facts (confirmed / confirmed, corrected or wrong; unsure not counted)"]
    for kind, (r, c, u) in [*counts.items(), ("overall", (right, checked, unsure))]:
        value = f"{r / c:.2f}" if c else "-"
        lines.append(f"  {kind:<12} P={value}  ({r} of {c} right{f', {u} unsure' if u else ''})")
    return "\n".join(lines)
