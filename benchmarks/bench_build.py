"""Time ``councilgraph build`` against plain spaCy on the same generated articles.

    python benchmarks/bench_build.py [--count 400] [--on-topic 0.5] [--workers 1] [--seed 1]

Generates ``--count`` articles (``benchmarks/generate.py``), then in the same run and on the same
texts times (1) plain ``nlp.pipe(texts, batch_size=50, n_process=workers)`` with the same model and
its full pipeline, in a fresh process, and (2) the ``councilgraph build`` command with the same
number of processes. Reports words/s, articles/s, peak memory of each process, the ratio of the
build to plain spaCy, and the build's split by stage (``build --timings``). Ratios, not seconds,
are what to compare across machines. ``make bench`` runs it on 2,000 articles twice: all of them
on-topic (where the build should cost little more than spaCy), and one in ten on-topic (where the
topic filter should make the build several times faster than parsing everything). For memory at
scale: ``--count 10000 --on-topic 0.5``. ``--add-one`` builds into a store (``build --store``) and
then times adding one new article to it with ``build --store`` (a new process, exports included),
and three more, one at a time, to ``serve --store --ingest --out`` (the resident process: each
request's wall time, which ends when every output file holds the article).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402  (the generator beside this file)

PLAIN = """
import sys, time
from councilgraph.graph.nlp.language import load_model
texts = [open(p, encoding="utf-8").read() for p in sys.argv[3:]]
nlp = load_model()
start = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=int(sys.argv[1]), n_process=int(sys.argv[2])):
    pass
print(time.perf_counter() - start)
"""


def _run(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB (of the process and the workers it waited for), stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate()
    _pid, status, usage = os.wait4(proc.pid, 0) if proc.returncode is None else (0, 0, None)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 3):
        raise SystemExit(f"{cmd[0]} failed: {err.decode()[-2000:]}")
    del status
    import resource

    peak = (usage.ru_maxrss if usage else resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return wall, peak, out.decode()


def bench(count: int, on_topic: float, workers: int, seed: int, add_one: bool = False) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        files = generate(folder, count, on_topic, seed)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in files)
        plain_wall, plain_peak, plain_out = _run(
            [sys.executable, "-c", PLAIN, "50", str(workers), *map(str, files)]
        )
        plain = float(plain_out.strip().splitlines()[-1])
        exe = str(Path(sys.executable).parent / "councilgraph")
        timings, store, out = Path(tmp) / "timings.json", Path(tmp) / "store", Path(tmp) / "out"
        in_store = ["--store", str(store)] if add_one else []
        build_wall, build_peak, _ = _run(
            [
                exe,
                "build",
                str(folder),
                "--out",
                str(out),
                "-q",
                "--workers",
                str(workers),
                "--timings",
                str(timings),
            ]
            + in_store
        )
        stages = json.loads(timings.read_text())
        added: dict[str, object] = {}
        if add_one:
            extra = Path(tmp) / "new"
            [new] = generate(extra, 1, 1.0, seed + 1000)
            new.rename(extra / "new-article.txt")  # a name (and text) the store does not hold
            add_timings = Path(tmp) / "add.json"
            add_wall, add_peak, _ = _run(
                [exe, "build", str(extra), "--out", str(out), "-q", "--timings", str(add_timings), *in_store]
            )
            add_stages = json.loads(add_timings.read_text())
            added = {
                "add_one_s": round(add_wall, 2),
                "add_one_peak_mb": round(add_peak),
                "add_one_stages_s": {
                    k: round(v, 3) for k, v in sorted(add_stages.items()) if k not in ("articles", "triples")
                },
                **_add_served(exe, store, Path(tmp) / "served", seed),
            }
    return {
        "articles": count,
        "on_topic": on_topic,
        "workers": workers,
        "words": words,
        "plain_nlp_pipe_s": round(plain, 2),
        "plain_process_s": round(plain_wall, 2),
        "plain_peak_mb": round(plain_peak),
        "build_s": round(build_wall, 2),
        "build_peak_mb": round(build_peak),
        "ratio_build_to_plain_process": round(build_wall / plain_wall, 3),
        "build_words_per_s": round(words / build_wall),
        "build_articles_per_s": round(count / build_wall, 1),
        "triples": stages.pop("triples"),
        "stages_s": {k: round(v, 3) for k, v in sorted(stages.items()) if k != "articles"},
        **added,
    }


def _add_served(exe: str, store: Path, folder: Path, seed: int) -> dict[str, object]:
    """Time adding three more articles, one at a time, to ``serve --store STORE --ingest --out``,
    the resident process that keeps the model, the graph and the output files' parts loaded: each
    request's wall time as a client sees it, which ends when every output file holds the article."""
    new = generate(folder / "articles", 3, 1.0, seed + 2000)
    started = time.perf_counter()
    server = subprocess.Popen(
        [exe, "serve", "--store", str(store), "--ingest", "--port", "0", "--out", str(folder / "out")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        assert server.stderr is not None
        url, ready, written = "", 0.0, 0.0
        for raw in server.stderr:  # serving at URL, then the outputs of the store as it is
            if raw.startswith(b"serving "):
                url = raw.split()[1].decode().removesuffix("/sparql")
                ready = time.perf_counter() - started
            elif raw.startswith((b"wrote ", b"writing the outputs failed")):
                written = time.perf_counter() - started
                break
        if not url or not written:
            raise SystemExit("serve --ingest --out did not start")
        answers, walls = [], []
        for i, path in enumerate(new):
            request = urllib.request.Request(
                f"{url}/articles?name=served-{i}.txt", path.read_bytes(), method="POST"
            )
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=600) as response:
                answers.append(json.loads(response.read()))
            walls.append(round(time.perf_counter() - started, 2))
    finally:
        server.terminate()
        _pid, _status, usage = os.wait4(server.pid, 0)
    if not all(a["outputs"].startswith("wrote ") for a in answers):
        raise SystemExit(f"serve --ingest --out: {answers[-1]['outputs']}")
    return {
        "add_one_served_s": walls,
        "add_one_served_stages_s": answers[-1]["stages"],
        "add_one_served_output_stages_s": answers[-1]["output_stages"],
        "serve_ready_s": round(ready, 2),
        "serve_outputs_ready_s": round(written, 2),
        "serve_peak_mb": round(usage.ru_maxrss / 1024),
    }


def report(result: dict[str, object]) -> str:
    lines = [
        f"{result['articles']} articles ({result['on_topic']:.0%} on-topic), {result['words']} words, "
        f"{result['workers']} process(es), {result['triples']} triples",
        f"  plain nlp.pipe: {result['plain_process_s']} s in its process "
        f"({result['plain_nlp_pipe_s']} s in nlp.pipe), peak {result['plain_peak_mb']} MB",
        f"  councilgraph build: {result['build_s']} s, {result['build_words_per_s']} words/s, "
        f"{result['build_articles_per_s']} articles/s, peak {result['build_peak_mb']} MB",
        f"  R = build / plain = {result['ratio_build_to_plain_process']}",
        "  stages (s): " + ", ".join(f"{k} {v}" for k, v in result["stages_s"].items()),  # type: ignore[union-attr]
    ]
    if "add_one_s" in result:
        lines.append(
            f"  adding one article to the store: {result['add_one_s']} s, peak {result['add_one_peak_mb']} MB; "
            + ", ".join(f"{k} {v}" for k, v in result["add_one_stages_s"].items())  # type: ignore[union-attr]
        )
        lines.append(
            f"  adding three more to serve --store --ingest --out (ready in {result['serve_ready_s']} s, "
            f"its files in {result['serve_outputs_ready_s']} s): {result['add_one_served_s']} s each, "
            f"every output included, peak {result['serve_peak_mb']} MB; the last: "
            + ", ".join(f"{k} {v}" for k, v in result["add_one_served_stages_s"].items())  # type: ignore[union-attr]
            + "; its outputs: "
            + ", ".join(f"{k} {v}" for k, v in result["add_one_served_output_stages_s"].items())  # type: ignore[union-attr]
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--on-topic", type=float, action="append")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    parser.add_argument(
        "--add-one", action="store_true", help="Build into a store, then time adding one article."
    )
    args = parser.parse_args()
    results = [
        bench(args.count, share, args.workers, args.seed, args.add_one)
        for share in (args.on_topic or [0.5, 0.1])
    ]
    for result in results:
        print(report(result))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
