"""When two reports of an event are one event: the identity rules for inspections and departures.

Each rule is one pure function, used within an article (``graph/nlp/extract/inspections.py``) and
across articles (``graph/resolve/__init__.py``) alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from councilgraph.graph.core.dates import months_between

__all__ = [
    "YEARS_AFTER",
    "departure_role",
    "inspection_year",
    "reported_groups",
    "settled_role",
    "settled_year",
]

YEARS_AFTER = 2
"""A report that gives no year may describe an inspection of its publication year or the two before."""


def inspection_year(
    stated: int | None, dated: Iterable[int | None], published_year: int | None, *, same_text: bool = False
) -> int | None:
    """The year of a report of an inspection (council + rating) that states ``stated`` (or None).

    A report with a year keeps it. Within one text (``same_text``), a rating mentioned again
    without its year is the one dated inspection of that council and rating the text gives.
    Across articles, a report without a year takes the year of the one dated inspection that fits
    its publication: published that year or up to :data:`YEARS_AFTER` after. An article whose
    publication date is unknown cannot be placed, and when several dated inspections fit, or
    none, the year stays unknown: the graph never guesses. A missing year among ``dated`` dates
    nothing.
    """
    if stated is not None:
        return stated
    years = sorted({y for y in dated if y is not None})
    if same_text:
        return years[0] if len(years) == 1 else None
    if published_year is None:
        return None
    fitting = [y for y in years if y <= published_year <= y + YEARS_AFTER]
    return fitting[0] if len(fitting) == 1 else None


def reported_groups(published: list[str | None]) -> list[int]:
    """Group undated reports of one council and rating by when they were published.

    Reports published within twelve months of the first report of a group describe one
    inspection (news covers a rating for weeks, not years); an undated article stands alone.
    Returns, for each report, the index of the report that opens its group.
    """
    order = sorted(range(len(published)), key=lambda i: (published[i] is None, published[i] or "", i))
    opener: dict[int, int] = {}
    current: int | None = None
    for i in order:
        date = published[i]
        if date is None:
            opener[i] = i
            continue
        if current is None or months_between(published[current] or "", date) > 12:
            current = i
        opener[i] = current
    return [opener[i] for i in range(len(published))]


def departure_role(stated: str | None, roles: Iterable[str | None]) -> str | None:
    """The role of a departure: the one stated, else the one role other reports of it give."""
    if stated:
        return stated
    given = sorted({r for r in roles if r})
    return given[0] if len(given) == 1 else None


def settled_year(known: Iterable[int | None], published: str | None) -> int | None:
    """The year of an inspection no report of it in this article states: :func:`inspection_year`
    across articles, from the years the other reports of the council's rating give."""
    return inspection_year(None, known, int(published[:4]) if published else None)


def settled_role(known: Iterable[str | None], published: str | None) -> str | None:
    """The role of a departure its report does not state: :func:`departure_role` from the roles
    the other reports of it give (when it was published does not matter)."""
    del published
    return departure_role(None, known)
