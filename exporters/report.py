"""The analysis report as JSON (for programs) and Markdown (for people)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from councilgraph.graph.atomic import atomic_write_text

__all__ = ["write_report"]


def _md_escape(text: str) -> str:
    return str(text).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")


def write_report(analysis: dict[str, Any], out_dir: str | os.PathLike[str]) -> None:
    """Write ``report.json`` and ``report.md`` into ``out_dir``."""
    out = Path(out_dir)
    atomic_write_text(
        out / "report.json", json.dumps(analysis, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    )
    md = ["# councilgraph report", "", f"{analysis['nodes']} nodes, {analysis['edges']} edges.", ""]
    md += ["## Most central people", "", "| person | degree | betweenness | articles |", "|---|---|---|---|"]
    md += [
        f"| {_md_escape(r['label'])} | {r['degree']} | {r['betweenness']} | {r['articles']} |"
        for r in analysis["central_people"]
    ]
    md += [
        "",
        "## Most central organisations and councils",
        "",
        "| name | degree | betweenness | articles |",
        "|---|---|---|---|",
    ]
    md += [
        f"| {_md_escape(r['label'])} | {r['degree']} | {r['betweenness']} | {r['articles']} |"
        for r in analysis["central_organisations"]
    ]
    md += ["", "## Councils by number of inadequate ratings", "", "| council | inadequate |", "|---|---|"]
    md += [f"| {_md_escape(c)} | {n} |" for c, n in analysis["councils_by_inadequate_ratings"]]
    md += ["", "## Council timelines", ""]
    for council, events in analysis["timelines"].items():
        md.append(f"### {_md_escape(council)}")
        md += [
            f"- {e['when'] or ('reported ' + e['reported'] if e['reported'] else 'undated')}: "
            f"{_md_escape(e['event'])}" + (f", {_md_escape(e['who'])}" if e["who"] else "")
            for e in events
        ]
        md.append("")
    md += ["## People with posts at more than one council", ""]
    md += [
        f"- {_md_escape(r['person'])}: {', '.join(_md_escape(c) for c in r['councils'])}"
        for r in analysis["people_at_several_councils"]
    ] or ["- none"]
    md += ["", "## People and events that bridge articles", ""]
    md += [
        f"- {_md_escape(r['label'])} ({r['kind']}): {', '.join(_md_escape(a) for a in r['articles'])}"
        for r in analysis["bridges_between_articles"]
    ] or ["- none"]
    md += ["", "## Connected groups", ""]
    md += [
        f"- {len(g)} nodes: {', '.join(_md_escape(x) for x in g[:12])}{' ...' if len(g) > 12 else ''}"
        for g in analysis["connected_groups"]
    ]
    atomic_write_text(out / "report.md", "\n".join(md) + "\n")
