"""The analysis report as JSON (for programs) and Markdown (for people)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from councilgraph.graph.core.atomic import atomic_write_text

__all__ = ["write_report"]


def _md_escape(text: str) -> str:
    return str(text).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")


def _quote(row: dict[str, Any]) -> str:
    return f"({_md_escape(row['article'])}: “{_md_escape(row['quote'])}”)" if row.get("quote") else ""


def _dated(value: str, by: str) -> str:
    return _md_escape(value) if by == "text" else f"reported {_md_escape(value)}"


def _left_after_inadequate(analysis: dict[str, Any]) -> list[str]:
    """The rows of the named query ``departures_after_inadequate``, and how many facts
    ``unplaced_after_inadequate`` says could not be placed in time, so none is dropped silently."""
    md = ["## Left within 12 months of an inadequate rating", ""]
    md += [
        f"- **{_md_escape(r['person'])}** {_md_escape(r['how'])}"
        + (f" as {_md_escape(r['post'])}" if r.get("post") else "")
        + f" at {_md_escape(r['council'])} "
        f"(left {_dated(r['left'], r['left_by'])}; rated inadequate {_dated(r['rated'], r['rated_by'])}) {_quote(r)}"
        for r in analysis.get("left_after_inadequate", [])
    ] or ["- none found"]
    unplaced = analysis.get("left_after_inadequate_unplaced", [])
    left = [r for r in unplaced if r["person"]]
    ratings = len(unplaced) - len(left)
    md += [
        "",
        f"Could not place in time: {len(left)} departure{'s' if len(left) != 1 else ''} from councils "
        f"rated inadequate and {ratings} inadequate rating{'s' if ratings != 1 else ''} (neither the text "
        "nor a dated article dates them), so this list cannot include them" + (":" if left else "."),
    ]
    if left:
        md.append("")
    md += [
        f"- {_md_escape(r['person'])}: {_md_escape(r['what'])} at {_md_escape(r['council'])} {_quote(r)}"
        for r in left
    ]
    return [*md, ""]


def _replacements(analysis: dict[str, Any]) -> list[str]:
    """The rows of the named query ``replacements``, each with the appointment's article and quote."""
    md = ["## Who replaced whom", ""]
    md += [
        f"- **{_md_escape(r['new'])}** replaced {_md_escape(r['replaced'])} as {_md_escape(r['post'])} "
        f"at {_md_escape(r['body'])}{' (' + _md_escape(r['when']) + ')' if r['when'] else ''} {_quote(r)}"
        for r in analysis.get("replacements", [])
    ] or ["- none found"]
    return [*md, ""]


def _movers(analysis: dict[str, Any]) -> list[str]:
    md = ["## People who moved between councils", ""]
    for r in analysis.get("moved_between_councils", []):
        md.append(f"- **{_md_escape(r['person'])}**")
        md += [
            f"  - {_md_escape(c['post'] or 'a post')} at {_md_escape(c['council'])} {_quote(c)}"
            for c in r["councils"]
        ]
    if len(md) == 2:
        md.append("- none found")
    return [*md, ""]


def _reviews(analysis: dict[str, Any]) -> list[str]:
    """What reviewers found: the facts they checked (confirmed, corrected, unsure) and those they
    rejected, which the graph no longer holds."""
    md = ["## Reviewed facts", ""]
    md += [f"- {r['status']}: {_md_escape(r['what'])} {_quote(r)}" for r in analysis.get("reviewed", [])] or [
        "- none reviewed"
    ]
    md += ["", "## Rejected by a reviewer (not in the graph)", ""]
    md += [
        f"- {_md_escape(r['what'])} (by {_md_escape(r['reviewer'])}, {r['date']}"
        + (f": {_md_escape(r['note'])}" if r["note"] else "")
        + f") {_quote(r)}"
        for r in analysis.get("rejected", [])
    ] or ["- none"]
    return [*md, ""]


def write_report(analysis: dict[str, Any], out_dir: str | os.PathLike[str]) -> None:
    """Write ``report.json`` and ``report.md`` into ``out_dir``."""
    out = Path(out_dir)
    atomic_write_text(
        out / "report.json", json.dumps(analysis, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    )
    md = ["# councilgraph report", "", f"{analysis['nodes']} nodes, {analysis['edges']} edges.", ""]
    md += ["![Ratings over time by council](ratings.svg)", ""]
    md += _left_after_inadequate(analysis) + _replacements(analysis) + _movers(analysis)
    md += _reviews(analysis)
    md += ["## People the news says most about", ""]
    people = analysis.get("people", [])
    between = bool(people) and "betweenness" in people[0]
    md += [
        "| person | facts | articles | councils |" + (" betweenness |" if between else ""),
        "|---|---|---|---|" + ("---|" if between else ""),
    ]
    md += [
        f"| {_md_escape(r['label'])} | {r['facts']} | {r['articles']} | {r['councils']} |"
        + (f" {r['betweenness']} |" if between else "")
        for r in people
    ]
    sources = analysis.get("betweenness_sources", analysis["nodes"])
    if between and sources < analysis["nodes"]:
        md += [
            "",
            f"Betweenness is estimated from {sources} of the {analysis['nodes']} nodes, sampled (seeded, the same "
            "every run): exact betweenness takes time that grows with the square of the graph.",
        ]
    md += [
        "",
        "## Most connected organisations and councils",
        "",
        "| name | degree | articles |",
        "|---|---|---|",
    ]
    md += [
        f"| {_md_escape(r['label'])} | {r['degree']} | {r['articles']} |"
        for r in analysis["central_organisations"]
        if r["articles"] > 1 or r["degree"] > 0
    ]
    md += ["", "## Councils by number of inadequate ratings", "", "| council | inadequate |", "|---|---|"]
    md += [f"| {_md_escape(c)} | {n} |" for c, n in analysis["councils_by_inadequate_ratings"]]
    md += ["", "## Councils rated inadequate more than once", ""]
    md += [
        f"- {_md_escape(r['council'])}: {r['inadequate']} inadequate ratings"
        + (f", first {r['first']}, latest {r['latest']}" if r["first"] else ", not every one dated")
        for r in analysis.get("repeated_inadequate", [])
    ] or ["- none"]
    md += ["", "## Council timelines", ""]
    for council, events in analysis["timelines"].items():
        md.append(f"### {_md_escape(council)}")
        md += [
            f"- {e['placed']}: {_md_escape(e['event'])}" + (f", {_md_escape(e['who'])}" if e["who"] else "")
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
