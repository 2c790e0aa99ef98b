"""A chart of each council's ratings over time (SVG, matplotlib), linked from the report.

One row per council, one marker per inspection, coloured by rating on Ofsted's scale: filled where
the text gives the year, hollow where the year is that of the first article that reported it; the
title says how many ratings neither dates (they cannot be drawn, and are not dropped silently).
The SVG is deterministic: matplotlib's hash salt and metadata are fixed, so the same graph gives
the same file.
"""

from __future__ import annotations

import io
import os
from typing import Any

from councilgraph.graph.core.atomic import atomic_write_bytes

__all__ = ["RATING_ORDER", "render_chart", "write_chart"]

RATING_ORDER = ["outstanding", "good", "requires improvement", "adequate", "inadequate"]
_COLOURS = {
    "outstanding": "#1a9850",
    "good": "#91cf60",
    "requires improvement": "#fdae61",
    "adequate": "#fee08b",
    "inadequate": "#d73027",
}


def render_chart(ratings: dict[str, list[dict[str, Any]]], unplaced: int = 0) -> bytes:
    """The SVG bytes for ``analysis["ratings"]`` (council -> [{"year", "rating", "reported"}]) and
    ``analysis["ratings_unplaced"]``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    councils = [c for c, rows in ratings.items() if rows][:40]
    with matplotlib.rc_context({"svg.hashsalt": "councilgraph", "svg.fonttype": "none"}):
        fig, ax = plt.subplots(figsize=(9, 1.2 + 0.35 * max(len(councils), 1)))
        xs: list[int] = []
        ys: list[int] = []
        colours: list[str] = []
        hollow: list[tuple[int, int, str]] = []
        for row, council in enumerate(reversed(councils)):
            points = ratings[council]
            ax.plot([p["year"] for p in points], [row] * len(points), color="#bbb", linewidth=1, zorder=1)
            for p in points:
                colour = _COLOURS.get(p["rating"], "#999")
                if p.get("reported"):
                    hollow.append((p["year"], row, colour))
                else:
                    xs.append(p["year"])
                    ys.append(row)
                    colours.append(colour)
        if xs:  # one collection for every point: a scatter call per point cost a second per chart
            ax.scatter(xs, ys, s=70, c=colours, edgecolors="#333", zorder=2)
        if hollow:
            ax.scatter(
                [h[0] for h in hollow],
                [h[1] for h in hollow],
                s=70,
                facecolors="none",
                edgecolors=[h[2] for h in hollow],
                linewidths=2,
                zorder=2,
            )
        ax.set_yticks(range(len(councils)), list(reversed(councils)), fontsize=8)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("year of inspection (hollow: year of the first report; the text gives none)")
        title = (
            "Children's services ratings by council"
            if councils
            else "No ratings placed in time in this graph"
        )
        if unplaced:
            plural = "s" if unplaced != 1 else ""
            title += f"\n{unplaced} rating{plural} not drawn: neither the text nor its articles date it"
        ax.set_title(title)
        handles = [
            plt.Line2D([], [], marker="o", linestyle="", color=_COLOURS[r], markeredgecolor="#333", label=r)
            for r in RATING_ORDER
        ]
        ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(
            buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": "councilgraph"}
        )
        plt.close(fig)
    return buffer.getvalue()


def write_chart(analysis: dict[str, Any], path: str | os.PathLike[str]) -> None:
    """Write the ratings chart for an analysis atomically."""
    atomic_write_bytes(path, render_chart(analysis.get("ratings", {}), analysis.get("ratings_unplaced", 0)))
