"""Read one input file into an :class:`~councilgraph.graph.core.model.Article`.

Offsets must be exact, so text is decoded from bytes with no newline translation. UTF-8 (with or
without BOM) is the file's own text. Other encodings are detected with charset-normalizer and the
decoded text is recorded in the graph. HTML is reduced to its main text with selectolax; evidence
offsets then refer to that extracted text, which the graph also records.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes
from selectolax.lexbor import LexborHTMLParser

from councilgraph.graph.core.dates import date_in_file_name, find_publication_date, parse_date
from councilgraph.graph.core.errors import ArticleError
from councilgraph.graph.core.model import Article
from councilgraph.graph.core.rules import load_rules
from councilgraph.graph.nlp.furniture import find_furniture

__all__ = [
    "MAX_BYTES",
    "NAME_BYTES",
    "TEXT_SUFFIXES",
    "decode_article",
    "html_to_text",
    "is_article_name",
    "name_problem",
    "read_article",
    "shown",
]

MAX_BYTES = 5_000_000
"""Largest file read as one article (5 MB, about 800,000 words); larger files are refused."""

TEXT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".md")


def is_article_name(name: str) -> bool:
    """Whether a file of this name is read as an article (a text suffix, not a dot file): by
    ``build`` in a folder, and by ``serve --ingest`` for a posted article."""
    return not name.startswith(".") and name.lower().endswith(TEXT_SUFFIXES)


_BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a zip archive (or Office document)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"RIFF": "a RIFF media file",
}
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "figure",
    "figcaption",
    "select",
    "head",
)
_BLOCK_TAGS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "td",
    "th",
    "dd",
    "dt",
    "div",
    "section",
    "article",
    "main",
    "tr",
    "br",
    "hr",
    "time",
}


def read_article(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> Article:
    """Read and decode ``path``; raise :class:`ArticleError` with a one-line reason if it is not an article."""
    path = Path(path)
    name = path.name
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe or device would block or never end
            raise ArticleError(name, "not a regular file (a pipe, socket or device)")
        size = info.st_size
        if size > max_bytes:
            raise ArticleError(name, f"{size:,} bytes is over the {max_bytes:,}-byte limit for one article")
        data = path.read_bytes()
    except ArticleError:
        raise
    except PermissionError:
        raise ArticleError(name, "permission denied") from None
    except OSError as exc:
        raise ArticleError(name, f"cannot be read ({exc.strerror or exc.__class__.__name__})") from None
    return decode_article(data, name)


def decode_article(data: bytes, name: str) -> Article:
    """Turn the bytes of file ``name`` into an Article (see the module docstring for the rules)."""
    if not data.strip():
        raise ArticleError(name, "empty file" if not data else "only whitespace")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ArticleError(name, f"binary file ({what})")
    notes: list[str] = []
    text, derived = _decode(data, name, notes)
    if "\x00" in text:
        raise ArticleError(name, "binary file (contains NUL characters)")
    page_date: str | None = None
    if _looks_like_html(name, text):
        tree = LexborHTMLParser(text)  # parsed once: its metadata, then its text
        page_date = html_published(tree)
        text = html_to_text(tree)
        derived = True
        if not text.strip():
            raise ArticleError(name, "HTML page with no article text")
    if not any(ch.isalpha() for ch in text):
        raise ArticleError(name, "no letters in the text")
    furniture = find_furniture(text)
    published, published_span = find_publication_date(text, furniture)
    if page_date is not None:  # the page's own metadata beats a date read off its text
        published, published_span = page_date, None
    elif published is None:
        published = date_in_file_name(name)
    digest = hashlib.sha256(data).hexdigest()
    return Article(
        id=digest[:16],
        source_file=name,
        text=text,
        content_hash=digest,
        published=published,
        published_span=published_span,
        furniture=tuple(furniture),
        text_is_derived=derived,
        notes=tuple(notes),
    )


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _decode(data: bytes, name: str, notes: list[str]) -> tuple[str, bool]:
    """Decode as the contract says (UTF-8, BOM dropped), else the likeliest encoding for English news.

    1. UTF-16 with a byte-order mark; 2. UTF-8; 3. UTF-8 with a few bad bytes (a file that is
    mostly UTF-8 with some damage): they become U+FFFD and the summary says how many; 4. Windows-1252,
    which also reads Latin-1 (English news saved by Windows tools); 5. whatever charset-normalizer
    finds, unless it looks like binary data.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            notes.append("decoded as UTF-16")
            return data.decode("utf-16"), True
        except UnicodeDecodeError:
            raise ArticleError(name, "invalid UTF-16") from None
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    text = data.decode("utf-8-sig", errors="replace")
    damaged = text.count("\ufffd") - data.decode("utf-8-sig", errors="ignore").count("\ufffd")
    if _UTF8_SEQUENCE.search(data) and damaged <= max(3, len(data) // 1000):
        notes.append(f"UTF-8 with {damaged} invalid byte(s) (first at byte {bad_at}), shown as U+FFFD")
        return text, True
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        if not _mostly_controls(text):
            notes.append("not UTF-8: decoded as Windows-1252 (Latin-1)")
            return text, True
    best = from_bytes(data).best()
    if best is None or best.encoding in {"utf_8", "ascii"}:
        raise ArticleError(name, f"not valid UTF-8 at byte {bad_at} and no other encoding fits")
    if best.percent_chaos > 20 or _mostly_controls(str(best)):
        raise ArticleError(name, f"not valid UTF-8 at byte {bad_at}; looks like binary data")
    notes.append(f"not UTF-8: decoded as {best.encoding}")
    return str(best), True


def _mostly_controls(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls > len(text) // 20


def _looks_like_html(name: str, text: str) -> bool:
    if name.lower().endswith((".html", ".htm")):
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def html_published(tree: LexborHTMLParser) -> str | None:
    """A saved page's publication date from its metadata: ``<meta property="article:published_time">``
    and the like (``patterns/dates.json: meta_properties``), JSON-LD ``datePublished``, or the
    first ``<time datetime>``; as ``YYYY-MM-DD``, or None. Read before :func:`html_to_text`
    drops the scripts and headers that carry it."""
    wanted = load_rules().dates.meta_properties
    values: list[str] = []
    for node in tree.css("meta"):
        attrs = node.attributes
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key in wanted and attrs.get("content"):
            values.append(attrs["content"] or "")
    for node in tree.css('script[type="application/ld+json"]'):
        values += re.findall(r'"datePublished"\s*:\s*"([^"]+)"', node.text() or "")
    for node in tree.css("time[datetime]"):
        values.append(node.attributes.get("datetime") or "")
    for value in values:
        day = parse_date(value.strip()[:25])
        if day is not None:
            return day.isoformat()
    return None


def html_to_text(html: str | LexborHTMLParser) -> str:
    """Main text of an HTML page: the ``<article>`` (or ``<main>``, or ``<body>``), blocks on their own lines.

    Navigation, headers, footers, asides, forms, figures and scripts are dropped before the text is
    taken, so most web furniture never reaches the extractor. A parsed page is changed in place.
    """
    tree = LexborHTMLParser(html) if isinstance(html, str) else html
    for tag in _DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    if root is None:
        return ""
    parts: list[str] = []
    for node in root.traverse(include_text=True):
        if node.tag == "-text":
            parts.append(node.text_content or "")
        elif node.tag in _BLOCK_TAGS:
            parts.append("\n")
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    return "\n\n".join(line for line in lines if line) + "\n"


NAME_BYTES = 255
"""The longest file name (in UTF-8 bytes) a file system gives ``build``."""


def name_problem(name: str) -> str | None:
    """Why ``name`` is not a name ``build`` could read an article from (None if it could): a control
    character (NUL, a line break, ...), a path separator, or more than 255 bytes."""
    if any(unicodedata.category(c) == "Cc" for c in name):
        return "a file name holds no control characters (NUL, line breaks, tabs)"
    if "/" in name or "\\" in name:
        return "a file name, not a path: no / or \\"
    if len(name.encode("utf-8", "surrogatepass")) > NAME_BYTES:
        return f"a file name is {NAME_BYTES} bytes at most"
    return None


def shown(name: str, limit: int = 80) -> str:
    """``name`` as one line of a message: control characters escaped, cut at ``limit`` characters."""
    text = "".join(c if unicodedata.category(c) != "Cc" else ascii(c)[1:-1] for c in name)
    return text if len(text) <= limit else text[: limit - 3] + "..."
