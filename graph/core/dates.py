"""Dates an article states: its own publication date, and dates relative to it.

Only a date the article itself prints as its dateline counts ("Published 4 May 2019", a date alone
on a line near the top, a byline's date, "today (Friday 31 March, 2017)"); a date alone on the very
first line, before any headline, is the website's header (today's date when the page was saved) and
is ignored. A saved page's metadata and a date in the file's name are read by ``graph/nlp/read.py``.
Relative phrases ("last month", "today") are resolved only against a known publication date.
Parsing is python-dateutil's; the patterns that find candidates are in ``patterns/dates.json``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta

from councilgraph.graph.core.model import TextRange
from councilgraph.graph.core.rules import load_rules

__all__ = [
    "date_in_file_name",
    "date_value",
    "find_publication_date",
    "months_between",
    "parse_date",
    "resolve_relative",
    "year_from_phrase",
    "year_of",
]

_DEFAULT = datetime(1900, 1, 1)
_YEAR_FIRST = re.compile(r"\s*\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}(?!\d)")


def parse_date(text: str) -> date | None:
    """``text`` as a calendar date, or None when dateutil does not read a full day, month and year in it."""
    # British day-first ("04/09/2017" is 4 September), but a date that starts with its year is ISO
    # order, year-month-day ("2017-09-04" is 4 September, not 9 April)
    yearfirst = bool(_YEAR_FIRST.match(text))
    try:
        first = date_parser.parse(text, default=_DEFAULT, dayfirst=not yearfirst, yearfirst=yearfirst)
        second = date_parser.parse(
            text, default=datetime(1904, 2, 2), dayfirst=not yearfirst, yearfirst=yearfirst
        )
    except (ValueError, OverflowError):
        return None
    if first != second or not 1990 <= first.year <= 2100:
        return None  # a part was filled in from the default: the text did not say it
    return first.date()


def find_publication_date(text: str, furniture: list[TextRange]) -> tuple[str | None, TextRange | None]:
    """The article's own date as ``YYYY-MM-DD`` with its span, from a dateline near the top."""
    rules = load_rules().dates
    pos = 0
    seen_text = False
    for number, line in enumerate(text.splitlines(keepends=True)):
        if number > 30:
            break
        start = pos
        pos += len(line)
        body = line.rstrip("\r\n")
        if not body.strip():
            continue
        first_line = not seen_text
        seen_text = True
        for match in rules.candidate.finditer(body):
            day = parse_date(match.group(0))
            if day is None:
                continue
            before, after = body[: match.start()], body[match.end() :]
            labelled = bool(rules.label.match(before)) or bool(rules.today_before.search(before))
            after_ok = (
                bool(rules.dateline_leftover.match(after))
                or bool(rules.updated_after.match(after))
                or _is_masked(start + match.end(), start + len(body), furniture)
            )
            alone = bool(rules.dateline_leftover.match(before)) and after_ok
            bylined = (
                bool(rules.byline_before.match(before)) or bool(rules.word_label_before.match(before))
            ) and after_ok
            if labelled or bylined or (alone and not first_line):
                return day.isoformat(), TextRange(start + match.start(), start + match.end())
    return None, None


def date_in_file_name(name: str) -> str | None:
    """The date a file's name gives ("2019-03-08-wigan.txt"), as ``YYYY-MM-DD``, or None."""
    match = load_rules().dates.file_name_date.search(name)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
    except ValueError:
        return None


def _is_masked(start: int, end: int, furniture: list[TextRange]) -> bool:
    return any(s.start <= start and end <= s.end for s in furniture) or start >= end


def resolve_relative(phrase: str, published: str | None) -> str | None:
    """A relative date phrase as ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, resolved against ``published``."""
    if not published or len(published) != 10:
        return None
    rule = load_rules().dates.relative.get(phrase.lower().strip())
    if rule is None:
        return None
    unit, amount, precision = rule
    day = date.fromisoformat(published) + relativedelta(**{unit: amount})  # type: ignore[arg-type]  # dateutil stubs type **kwargs as dates
    return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[precision]


def year_of(value: str | None) -> int | None:
    """The year of an ISO date, year-month or year string."""
    return int(value[:4]) if value and value[:4].isdigit() else None


_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTH_ABBREVIATIONS = {
    **{name.lower(): number for number, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}
_MONTH_YEAR = re.compile(r"(?:([A-Za-z]+)\.?,?\s+)?(\d{4})")


def date_value(phrase: str, published: str | None) -> str | None:
    """A date phrase as ISO ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, at the precision it states.

    "4 May 2019" is a day, "May 2019" a month, "2019" a year; "May last year" is May of the year
    before the publication date's; a month alone ("since May") is that month of the latest year
    not after the publication date (:func:`year_from_phrase`), and a
    relative phrase ("last year") is resolved against the publication date
    (:func:`resolve_relative`); without a publication date neither gives a value. Anything else
    gives None: never a part the phrase does not say."""
    text = " ".join(phrase.split()).strip(" ,.")
    if any(ch.isdigit() for ch in text) and len(text.split()) == 3:
        day = parse_date(text)
        return day.isoformat() if day is not None else None
    match = _MONTH_YEAR.fullmatch(text)
    if match is not None:
        year = int(match.group(2))
        if not 1900 <= year <= 2100:
            return None
        if match.group(1) is None:
            return f"{year:04d}"
        month = _MONTHS.get(match.group(1).lower()) or _MONTH_ABBREVIATIONS.get(match.group(1).lower())
        return f"{year:04d}-{month:02d}" if month else None
    words = text.lower().split()
    month = _MONTHS.get(words[0]) if words else None
    if month is not None and len(words) == 1:
        year_of_month = year_from_phrase(text, published)
        return f"{year_of_month:04d}-{month:02d}" if year_of_month is not None else None
    if month is not None:  # "May last year", "March this year"
        relative = resolve_relative(" ".join(words[1:]), published) if published else None
        return f"{relative}-{month:02d}" if relative is not None and len(relative) == 4 else None
    return resolve_relative(text, published) if published else None


def year_from_phrase(phrase: str, published: str | None) -> int | None:
    """The year a date phrase without a year means, read against the publication date.

    "in May" in an article of June 2022 is May 2022, in an article of March 2022 May 2021 (news
    reports what has happened); "last year" is 2021; "two years ago" and "two years after" (it was
    judged) are 2020. A phrase that states a year, or that this cannot read, gives None: the
    caller reads stated years itself, and where the text does not let a reader work it out the
    graph gives no year.
    """
    if not published or len(published) < 7:
        return None
    words = " ".join(phrase.lower().replace(",", " ").split())
    for lead in ("in ", "on ", "during ", "since ", "by "):
        words = words.removeprefix(lead)
    pub_year, pub_month = int(published[:4]), int(published[5:7])
    month = _MONTHS.get(
        words.removeprefix("early ").removeprefix("late ").removeprefix("mid-").removeprefix("last ")
    )
    if month is not None:
        return pub_year if month <= pub_month else pub_year - 1
    rules = load_rules().dates
    relative = resolve_relative(words, published if len(published) == 10 else f"{published[:7]}-01")
    if relative is not None:
        return int(relative[:4])
    match = rules.years_before.match(words)
    if match:
        count = rules.number_words.get(match.group(1)) or (
            int(match.group(1)) if match.group(1).isdigit() else None
        )
        if count is not None and 0 < count < 30:
            return pub_year - count
    return None


def months_between(first: str, later: str, *, later_year_ends: bool = False) -> int:
    """Whole months from ``first`` to ``later`` (ISO dates, year-months or years).

    A year alone is read as January, or for ``later`` as December when ``later_year_ends`` (so that
    "within twelve months after" gives a date known only by its year the benefit of the doubt)."""
    y1, m1 = int(first[:4]), int(first[5:7]) if len(first) >= 7 else 1
    y2, m2 = int(later[:4]), int(later[5:7]) if len(later) >= 7 else (12 if later_year_ends else 1)
    return (y2 - y1) * 12 + (m2 - m1)
