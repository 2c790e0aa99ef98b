"""A crash hunt: recombined and damaged news text through reading, extraction, resolution and the
RDF builder, case after case, with one spaCy model, until something raises.

    python tools/fuzz.py [--cases 100000] [--seed 1] [--start 0] [--minutes M] [--progress 1000]
                         [--batch 50] [--crashes DIR]
    python tools/fuzz.py --seed 1 --case 4711          # one case again, with its traceback
    python tools/fuzz.py --folder OUT --count 400      # write recombined articles to build

Each case is made, from ``--seed`` and its number alone (``random.Random(f"{seed}/{number}")``),
of sentences drawn at run time from real-looking news: the articles of ``../shared`` when the
checkout has it beside it (``corpus/*/articles``, ``seeds``), else the samples bundled with the
package, and the articles the tests were written with (``tests/data``). The sentences are
recombined and damaged the way scraped news is: repeated, reordered, cut mid-word, run
together, without punctuation, in capitals, with years and rating words moved about or
swapped, dates written in odd and impossible forms, datelines, bylines, quotes, stray
whitespace and characters; some cases are saved web pages (tags left open, navigation, scripts)
or text in Windows-1252, Latin-1 or UTF-16. Nothing drawn is kept in the repository.

A case fails when any step raises (an internal error: what would stop a build before
``build`` learned to skip such an article), or when a fact's evidence is not its article's
text at its offsets. A failing case is printed with its seed and number, written to
``--crashes`` (its text and traceback), and counted; the exit code is 1 if any case failed.
``make fuzz`` runs 100,000 cases. ``--minutes`` (or Ctrl-C, or a SIGTERM) stops early with the
summary: how many cases ran, at what rate, and how long all of them would take.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import signal
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

__all__ = ["Case", "Crash", "Hunt", "SentencePool", "main", "make_article", "make_case", "sentence_pool"]


# ----------------------------------------------------------------------------- where sentences come from
@dataclass
class SentencePool:
    """Sentences (and the datelines and headlines above them) to recombine, and where they came from."""

    sentences: list[str]
    headlines: list[str]
    sources: list[str]


_SENTENCE_END = re.compile(r"(?<=[.!?…”\"’'])\s+(?=[\"“‘'(A-Z0-9£])")


def _split(text: str) -> tuple[list[str], list[str]]:
    """A text's sentences and its short lines without a full stop (headlines, bylines, datelines)."""
    sentences, headlines = [], []
    for paragraph in re.split(r"\n\s*\n|\r\n\s*\r\n", text):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        if len(paragraph) < 120 and not paragraph.endswith((".", "!", "?", "”", '"')):
            headlines.append(paragraph)
            continue
        sentences += [s for s in _SENTENCE_END.split(paragraph) if s.strip()]
    return sentences, headlines


def sentence_pool(shared: Path | None = SHARED) -> SentencePool:
    """Every sentence of the shared articles (when ``shared`` is there), the bundled samples and
    the tests' own articles."""
    folders: list[Path] = []
    sources = []
    if shared is not None and shared.is_dir():
        folders += sorted(p for p in shared.glob("corpus/*/articles") if p.is_dir())
        folders += [shared / "seeds"] if (shared / "seeds").is_dir() else []
    samples = ROOT / "graph" / "samples"
    folders += [samples, *(p for p in (ROOT / "tests" / "data").iterdir() if p.is_dir())]
    sentences: list[str] = []
    headlines: list[str] = []
    for folder in folders:
        files = sorted(folder.glob("*.txt"))
        if not files:
            continue
        sources.append(f"{folder} ({len(files)} articles)")
        for path in files:
            got, heads = _split(path.read_text("utf-8", errors="replace"))
            sentences += got
            headlines += heads
    if not sentences:
        raise SystemExit("fuzz: no articles to draw sentences from")
    return SentencePool(sentences, headlines or ["Council news"], sources)


# ----------------------------------------------------------------------------- how sentences are damaged
RATINGS = [
    "inadequate",
    "Inadequate",
    "INADEQUATE",
    "good",
    "Good",
    "outstanding",
    "requires improvement",
    "Requires Improvement",
    "requires improvement to be good",
    "adequate",
    "“inadequate”",
    "'good'",
    '"outstanding"',
    "‘requires improvement’",
]
MONTHS = [
    "January",
    "Feb",
    "March",
    "Apr.",
    "May",
    "June",
    "Jul",
    "August",
    "Sept",
    "October",
    "Nov",
    "December",
]
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_RATING = re.compile(r"\b(?:inadequate|good|outstanding|requires improvement|adequate)\b", re.IGNORECASE)
_WORD = re.compile(r"\S+")
STRAY = [
    "\u00a0",
    "\u200b",
    "\u202e",
    "\ufeff",
    "\t",
    "\r",
    "\x0c",
    "é",
    "’",
    "—",
    "…",
    "🙂",
    "\u0301",
    "\ufffd",
]
FURNITURE = [
    "By Staff Reporter",
    "Sign up to our newsletter",
    "Related posts",
    "Share this article",
    "Image: council handout",
    "Read more:",
    "Comments (3)",
    "Advertisement",
]


def _year(rng: random.Random) -> str:
    return str(rng.choice([rng.randint(1985, 2030), rng.randint(1990, 2025), 1900, 2099, 20221, 199]))


def odd_date(rng: random.Random) -> str:
    """A date in one of the forms news and scraped pages print, sometimes impossible."""
    day = rng.choice([1, 3, 12, 28, 29, 30, 31, 32, 0])
    month = rng.randint(1, 12) if rng.random() < 0.9 else rng.choice([0, 13])
    name = MONTHS[(month - 1) % 12]
    year = _year(rng)
    suffix = rng.choice(["", "st", "nd", "rd", "th"])
    forms = [
        f"{day} {name} {year}",
        f"{day}{suffix} of {name}, {year}",
        f"{name} {day}{suffix}, {year}",
        f"{year}-{month:02d}-{day:02d}",
        f"{day:02d}/{month:02d}/{year}",
        f"{month}/{day}/{year[-2:]}",
        f"{name} {year}",
        f"{name} '{year[-2:]}",
        f"the {day}{suffix}",
        f"{rng.choice(['Monday', 'Tue', 'Friday,'])} {day} {name} {year}",
        f"{day}.{month}.{year}",
        f"{year}",
        f"{name.upper()} {day} {year}",
        f"{day} {name.lower()} {year} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} BST",
        "today",
        "last year",
        "earlier this month",
        f"{rng.randint(1, 12)} years ago",
    ]
    return rng.choice(forms)


def _pick(rng: random.Random, items: list[str]) -> int:
    return rng.randrange(len(items))


def _repeat(rng: random.Random, s: list[str]) -> list[str]:
    i = _pick(rng, s)
    return s[: i + 1] + [s[i]] * rng.choice([1, 1, 2, 5]) + s[i + 1 :]


def _reorder(rng: random.Random, s: list[str]) -> list[str]:
    s = list(s)
    rng.shuffle(s)
    return s


def _cut(rng: random.Random, s: list[str]) -> list[str]:
    i = _pick(rng, s)
    at = rng.randrange(len(s[i]) + 1)
    return s[:i] + [s[i][:at]] + (s[i + 1 :] if rng.random() < 0.7 else [])


def _run_together(rng: random.Random, s: list[str]) -> list[str]:
    if len(s) < 2:
        return s
    i = rng.randrange(len(s) - 1)
    return s[:i] + [s[i] + rng.choice(["", " ", ",", " and "]) + s[i + 1]] + s[i + 2 :]


def _no_punctuation(rng: random.Random, s: list[str]) -> list[str]:
    strip = re.compile(r"[.,;:!?“”\"'‘’()\-–—]")
    if rng.random() < 0.5:
        return [strip.sub("", x) for x in s]
    i = _pick(rng, s)
    return s[:i] + [strip.sub("", s[i])] + s[i + 1 :]


def _capitals(rng: random.Random, s: list[str]) -> list[str]:
    change = str.upper if rng.random() < 0.7 else str.lower
    if rng.random() < 0.3:
        return [change(x) for x in s]
    i = _pick(rng, s)
    return s[:i] + [change(s[i])] + s[i + 1 :]


def _move_years(rng: random.Random, s: list[str]) -> list[str]:
    text = "\x00".join(s)
    years = _YEAR.findall(text)
    how = rng.random()
    if years and how < 0.4:  # the same years, in other places
        rng.shuffle(years)
        it = iter(years)
        text = _YEAR.sub(lambda _m: next(it), text)
    elif years and how < 0.6:  # gone
        text = _YEAR.sub("", text)
    else:  # more, anywhere
        words = text.split(" ")
        for _ in range(rng.randint(1, 4)):
            words.insert(
                rng.randrange(len(words) + 1), rng.choice(["in ", "", "since ", "from "]) + _year(rng)
            )
        text = " ".join(words)
    return text.split("\x00")


def _move_ratings(rng: random.Random, s: list[str]) -> list[str]:
    text = "\x00".join(s)
    how = rng.random()
    if how < 0.4:  # swapped for others
        text = _RATING.sub(lambda _m: rng.choice(RATINGS), text)
    elif how < 0.55:
        text = _RATING.sub("", text)
    else:  # more, anywhere
        words = text.split(" ")
        for _ in range(rng.randint(1, 4)):
            words.insert(rng.randrange(len(words) + 1), rng.choice(RATINGS))
        text = " ".join(words)
    return text.split("\x00")


def _odd_dates(rng: random.Random, s: list[str]) -> list[str]:
    i = _pick(rng, s)
    words = s[i].split(" ")
    words.insert(rng.randrange(len(words) + 1), rng.choice(["on ", "in ", "by ", ""]) + odd_date(rng))
    return s[:i] + [" ".join(words)] + s[i + 1 :]


def _quotes(rng: random.Random, s: list[str]) -> list[str]:
    i = _pick(rng, s)
    words = s[i].split(" ")
    j = rng.randrange(len(words))
    left, right = rng.choice([("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"), ("“", ""), ("", "”")])
    words[j] = left + words[j] + right
    return s[:i] + [" ".join(words)] + s[i + 1 :]


def _stray(rng: random.Random, s: list[str]) -> list[str]:
    i = _pick(rng, s)
    at = rng.randrange(len(s[i]) + 1)
    return s[:i] + [s[i][:at] + rng.choice(STRAY) * rng.choice([1, 1, 3]) + s[i][at:]] + s[i + 1 :]


def _swap_names(rng: random.Random, s: list[str]) -> list[str]:
    text = "\x00".join(s)
    names = re.findall(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b", text)
    if len(names) < 2:
        return s
    a, b = rng.sample(names, 2)
    return text.replace(a, "\x01").replace(b, a).replace("\x01", b).split("\x00")


def _furniture(rng: random.Random, s: list[str]) -> list[str]:
    i = rng.randrange(len(s) + 1)
    return s[:i] + [rng.choice(FURNITURE)] + s[i:]


DAMAGE: list[Callable[[random.Random, list[str]], list[str]]] = [
    _repeat,
    _reorder,
    _cut,
    _run_together,
    _no_punctuation,
    _capitals,
    _move_years,
    _move_ratings,
    _odd_dates,
    _quotes,
    _stray,
    _swap_names,
    _furniture,
]


def _assemble(rng: random.Random, sentences: list[str], pool: SentencePool) -> str:
    """Sentences into paragraphs, under a headline and a dateline of some sort, or none."""
    paragraphs: list[str] = []
    i = 0
    while i < len(sentences):
        n = rng.choice([1, 1, 2, 3])
        paragraphs.append(" ".join(x for x in sentences[i : i + n]))
        i += n
    top = []
    if rng.random() < 0.5:
        top.append(rng.choice(pool.headlines))
    if rng.random() < 0.6:
        label = rng.choice(["Published: ", "Updated ", "Posted on ", "", "Date: ", "First published "])
        top.append(label + odd_date(rng))
    breaks = rng.choice(["\n\n", "\n\n", "\n", " ", "\r\n\r\n", "\n\n\n"])
    return breaks.join(top + paragraphs) + rng.choice(["\n", "", "\n\n"])


@dataclass(frozen=True)
class Case:
    """One case: a file name, its text, and the encoding its bytes are written in."""

    name: str
    text: str
    encoding: str = "utf-8"

    @property
    def data(self) -> bytes:
        """The file's bytes (characters the encoding cannot hold become ``?``)."""
        if self.encoding == "utf-8":
            return self.text.encode("utf-8", "surrogatepass")
        return self.text.encode(self.encoding, "replace")


_TAGS = ["p", "div", "span", "b", "i", "li", "td", "h2", "blockquote", "a href='#'"]


def _as_html(rng: random.Random, text: str) -> str:
    """The text as a saved web page: paragraphs in tags (some left open), with navigation,
    scripts, asides and entities about it."""
    parts = ["<!doctype html><html><head><title>News</title><script>var x = '<p>';</script></head><body>"]
    if rng.random() < 0.5:
        parts.append("<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>")
    for paragraph in text.split("\n\n"):
        tag = rng.choice(_TAGS)
        body = paragraph.replace("&", "&amp;") if rng.random() < 0.7 else paragraph
        close = f"</{tag.split()[0]}>" if rng.random() < 0.8 else ""
        parts.append(f"<{tag}>{body}{close}")
    if rng.random() < 0.3:
        parts.append("<aside>Related: <a>Another story</a></aside><footer>© The Paper</footer>")
    return "\n".join(parts) + rng.choice(["</body></html>", ""])


def make_case(pool: SentencePool, seed: int, number: int) -> Case:
    """Case ``number`` of ``seed`` (the same every time): mostly a text file, sometimes a saved
    web page, or text in another encoding."""
    rng = random.Random(f"{seed}/{number}")
    count = rng.choice([1, 2, 3, 4, 6, 8, 12])
    sentences = [rng.choice(pool.sentences) for _ in range(count)]
    for damage in rng.sample(DAMAGE, rng.randint(1, 4)):
        sentences = damage(rng, sentences) or [""]
    text = _assemble(rng, sentences, pool)
    if rng.random() < 0.05:
        text = text[: rng.randrange(len(text) + 1)]  # cut anywhere, even to nothing
    form = rng.random()
    if form < 0.08:
        return Case(f"case-{seed}-{number}.html", _as_html(rng, text))
    if form < 0.12:
        return Case(f"case-{seed}-{number}.txt", text, rng.choice(["cp1252", "latin-1", "utf-16"]))
    return Case(f"case-{seed}-{number}.txt", text)


def make_article(pool: SentencePool, seed: int, number: int) -> tuple[str, str]:
    """A whole recombined article (20 to 40 sentences: as long as news), lightly damaged: for
    folders that are built like real ones."""
    rng = random.Random(f"article/{seed}/{number}")
    sentences = [rng.choice(pool.sentences) for _ in range(rng.randint(20, 40))]
    for damage in rng.sample(DAMAGE, rng.randint(1, 3)):
        sentences = damage(rng, sentences) or [""]
    return f"article-{seed}-{number:05d}.txt", _assemble(rng, sentences, pool)


# ----------------------------------------------------------------------------- the hunt
@dataclass
class Crash:
    """A case that raised: where (the step), what, and how to make it again."""

    seed: int
    number: int
    case: Case
    step: str
    error: str
    trace: str

    def line(self) -> str:
        return f"CRASH seed {self.seed} case {self.number} ({self.step}): {self.error}"


@dataclass
class Hunt:
    """Cases run through the library's steps with one pipeline; crashes are collected, not raised."""

    nlp: Any
    pool: SentencePool
    seed: int = 1
    crashes: list[Crash] = field(default_factory=list)
    cases: int = 0
    refused: int = 0  # cases the reader refused as not an article (empty, only whitespace): not crashes
    facts: int = 0

    def run(
        self,
        numbers: range,
        batch: int = 50,
        progress: Callable[[Hunt], None] | None = None,
        until: float | None = None,
    ) -> None:
        """Run these cases, ``batch`` at a time (one ``nlp.pipe`` batch, one resolution), and
        stop early once ``time.monotonic()`` passes ``until``."""
        for start in range(numbers.start, numbers.stop, batch):
            if until is not None and time.monotonic() >= until:
                return
            self.run_batch(range(start, min(start + batch, numbers.stop)))
            if progress is not None:
                progress(self)

    def run_batch(self, numbers: range) -> None:
        from councilgraph.graph.core.errors import ArticleError, ArticleFailure
        from councilgraph.graph.nlp.read import decode_article
        from councilgraph.graph.nlp.stage import extract_articles

        cases = {n: make_case(self.pool, self.seed, n) for n in numbers}
        by_name = {case.name: n for n, case in cases.items()}
        articles = []
        for n, case in cases.items():
            try:
                articles.append(decode_article(case.data, case.name))
            except ArticleError:
                self.refused += 1
            except Exception as exc:
                self._crash(n, "reading", exc)
        self.cases += len(cases)

        def failed(failure: ArticleFailure) -> None:
            n = by_name[failure.name]
            self.crashes.append(Crash(self.seed, n, cases[n], "extraction", failure.reason, failure.trace))

        stated = []
        try:
            for facts in extract_articles(articles, self.nlp, on_failure=failed):
                n = by_name[facts.article.source_file]
                try:
                    _check_evidence(facts)
                except Exception as exc:
                    self._crash(n, "evidence", exc)
                    continue
                self.facts += sum(
                    len(getattr(facts, k)) for k in ("posts", "inspections", "departures", "appointments")
                )
                stated.append(facts.without_text())
        except Exception as exc:  # the batch as a whole: not one article's (should never be)
            self._crash(numbers.start, f"the batch {numbers.start}-{numbers.stop - 1}", exc)
            return
        self._resolve_and_write(stated, articles, by_name)

    def _resolve_and_write(self, stated: list[Any], articles: list[Any], by_name: dict[str, int]) -> None:
        """Resolve the batch's facts together and write them as RDF; on an error, each article
        alone, to name the cases."""
        try:
            _graph(stated, articles)
            return
        except Exception as exc:
            together = exc
        named = False
        for facts in stated:
            try:
                _graph([facts], [a for a in articles if a.content_hash == facts.article.content_hash])
            except Exception as exc:
                self._crash(by_name[facts.article.source_file], "resolution + RDF", exc)
                named = True
        if not named:
            first = min(by_name.values())
            self._crash(first, f"resolution + RDF of the batch from case {first}", together)

    def _crash(self, number: int, step: str, exc: BaseException) -> None:
        detail = " ".join(str(exc).split())[:300]
        trace = "".join(traceback.format_exception(exc))
        case = make_case(self.pool, self.seed, number)
        self.crashes.append(Crash(self.seed, number, case, step, f"{type(exc).__name__}: {detail}", trace))


def _check_evidence(facts: Any) -> None:
    text = facts.article.text
    for kind in ("posts", "inspections", "departures", "appointments"):
        for fact in getattr(facts, kind):
            ev = fact.evidence
            if text[ev.start : ev.end] != ev.quote:
                raise AssertionError(f"{kind}: evidence [{ev.start}, {ev.end}) is not the text there")
        if getattr(facts, kind) != sorted(getattr(facts, kind)):
            raise AssertionError(f"{kind} are not in order")


def _graph(stated: list[Any], articles: list[Any]) -> None:
    from councilgraph.graph.rdf.units import UnitGraph

    graph = UnitGraph(stated)  # (resolved and written from the facts; the articles' own nodes too)
    del articles
    graph.write_ntriples(io.BytesIO())


def _progress(started: float, total: int, every: int) -> Callable[[Hunt], None]:
    last = [0]

    def report(hunt: Hunt) -> None:
        if hunt.cases - last[0] < every and hunt.cases < total:
            return
        last[0] = hunt.cases
        spent = time.perf_counter() - started
        rate = hunt.cases / spent if spent else 0.0
        left = (total - hunt.cases) / rate if rate else 0.0
        print(
            f"fuzz: {hunt.cases:,}/{total:,} cases, {rate:.1f}/s, {len(hunt.crashes)} crashes, "
            f"{hunt.facts:,} facts, {spent / 60:.1f} min, about {left / 60:.1f} min left",
            file=sys.stderr,
            flush=True,
        )

    return report


def _write_crash(folder: Path, crash: Crash) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"seed{crash.seed}-case{crash.number}{Path(crash.case.name).suffix}"
    path.write_bytes(crash.case.data)
    path.with_suffix(".traceback").write_text(f"{crash.line()}\n\n{crash.trace}", "utf-8")
    return path


def write_articles(folder: Path, count: int, seed: int, pool: SentencePool | None = None) -> list[Path]:
    """``count`` recombined articles (:func:`make_article`) written into ``folder``."""
    pool = pool or sentence_pool()
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for number in range(count):
        name, text = make_article(pool, seed, number)
        (folder / name).write_text(text, "utf-8")
        out.append(folder / name)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=100_000, help="how many cases (default 100,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0, help="the first case's number")
    parser.add_argument("--case", type=int, help="run this one case (and print it and any traceback)")
    parser.add_argument("--batch", type=int, default=50, help="cases per nlp.pipe batch and resolution")
    parser.add_argument("--progress", type=int, default=1000, help="a progress line every N cases")
    parser.add_argument("--minutes", type=float, help="stop after this many minutes (and report)")
    parser.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"), help="where failing cases go")
    parser.add_argument("--no-shared", action="store_true", help="draw from the bundled articles only")
    parser.add_argument("--folder", type=Path, help="write --count recombined articles here and stop")
    parser.add_argument("--count", type=int, default=400)
    args = parser.parse_args(argv)
    pool = sentence_pool(None if args.no_shared else SHARED)
    if args.folder is not None:
        write_articles(args.folder, args.count, args.seed, pool)
        print(f"wrote {args.count} articles to {args.folder}")
        return 0
    print(f"fuzz: {len(pool.sentences):,} sentences from {'; '.join(pool.sources)}", file=sys.stderr)
    from councilgraph.graph.nlp.language import load_pipeline

    hunt = Hunt(load_pipeline(), pool, args.seed)
    if args.case is not None:
        case = make_case(pool, args.seed, args.case)
        print(f"--- {case.name} ({len(case.text)} characters, {case.encoding})\n{case.text!r}\n---")
        hunt.run(range(args.case, args.case + 1), batch=1)
        for crash in hunt.crashes:
            print(crash.line(), crash.trace, sep="\n")
        print(f"{hunt.facts} facts; {'no crash' if not hunt.crashes else 'CRASHED'}")
        return 1 if hunt.crashes else 0
    started = time.perf_counter()
    seen = 0
    report = _progress(started, args.cases, args.progress)

    def progress(h: Hunt) -> None:
        nonlocal seen
        for crash in h.crashes[seen:]:
            path = _write_crash(args.crashes, crash)
            print(
                f"{crash.line()}\n  again: python tools/fuzz.py --seed {crash.seed} --case {crash.number}"
                f"\n  text and traceback: {path}",
                file=sys.stderr,
                flush=True,
            )
        seen = len(h.crashes)
        report(h)

    signal.signal(signal.SIGTERM, _interrupt)  # (timeout, kill): stop and report like Ctrl-C
    until = time.monotonic() + args.minutes * 60 if args.minutes else None
    stopped = ""
    try:
        hunt.run(range(args.start, args.start + args.cases), batch=args.batch, progress=progress, until=until)
    except KeyboardInterrupt:
        stopped = " (interrupted)"
    if hunt.cases < args.cases and not stopped:
        stopped = f" (stopped at {args.minutes:g} minutes)"
    progress(hunt)  # the crashes of a batch an interrupt cut short are not lost
    spent = time.perf_counter() - started
    rate = hunt.cases / spent if spent else 0.0
    print(
        f"fuzz: seed {args.seed}: {hunt.cases:,} of {args.cases:,} cases from {args.start}{stopped} "
        f"in {spent:.0f} s ({rate:.1f}/s; {args.cases / rate / 60 if rate else 0:.0f} min for all "
        f"{args.cases:,}), {hunt.refused:,} refused as not articles, {hunt.facts:,} facts, "
        f"{len(hunt.crashes)} crashes",
        flush=True,
    )
    return 1 if hunt.crashes else 0


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
