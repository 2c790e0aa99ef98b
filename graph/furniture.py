"""Recognise web furniture saved with an article (paywalls, sign-up prompts, bylines, captions, comments).

The rules are regular expressions in ``patterns/furniture.json``. The extractor sees the article with
furniture blanked out character for character, so offsets into the real text stay exact.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files
from typing import Any

from councilgraph.graph.model import Span

__all__ = ["find_furniture", "load_furniture_rules", "mask"]


@cache
def load_furniture_rules() -> dict[str, Any]:
    """The compiled rules of ``patterns/furniture.json``."""
    raw = json.loads((files("councilgraph.graph") / "patterns" / "furniture.json").read_text("utf-8"))
    return {
        "cut": [re.compile(p, re.I) for p in raw["cut"]],
        "line": [re.compile(p, re.I) for p in raw["line"]],
        "span": [re.compile(p, re.I) for p in raw["span"]],
        "header_lines": int(raw["header_lines"]),
        "byline_name": re.compile(raw["byline_name"]),
    }


def find_furniture(text: str) -> list[Span]:
    """Spans of ``text`` that are web furniture, sorted and non-overlapping."""
    rules = load_furniture_rules()
    spans: list[Span] = []
    pos = 0
    for number, line in enumerate(text.splitlines(keepends=True)):
        body = line.rstrip("\r\n")
        start, end = pos, pos + len(body)
        pos += len(line)
        if any(rx.search(body) for rx in rules["cut"]):
            spans.append(Span(start, len(text)))
            break
        if any(rx.search(body) for rx in rules["line"]) or (
            number < rules["header_lines"] and body.strip() and rules["byline_name"].match(body)
        ):
            spans.append(Span(start, end))
            continue
        for rx in rules["span"]:
            spans.extend(Span(start + m.start(), start + m.end()) for m in rx.finditer(body))
    return _merge(spans)


def mask(text: str, spans: list[Span] | tuple[Span, ...]) -> str:
    """``text`` with every furniture character (but newlines) replaced by a space: same length, same offsets."""
    if not spans:
        return text
    chars = list(text)
    for span in spans:
        for i in range(span.start, span.end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in sorted(spans):
        if out and span.start <= out[-1].end:
            out[-1] = Span(out[-1].start, max(out[-1].end, span.end))
        else:
            out.append(span)
    return out
