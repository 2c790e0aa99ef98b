"""Time ``councilgraph serve`` answering many clients at once, from the moment it is ready.

    python benchmarks/bench_serve.py [--count 500] [--clients 50] [--waves 2] [--json FILE]

Builds ``--count`` generated articles (``benchmarks/generate.py``, all on-topic) into a graph,
starts a fresh ``councilgraph serve`` on it, and as soon as it says it is serving, sends
``--clients`` queries at once (the bundled named queries and a count of the triples, in turn,
half by GET and half by POST), then again for each further wave. Reports each wave's latency as
clients see it (p50, p95, max), the answers that were not right (each compared with the same
query run by ``councilgraph query``'s code) and the server's peak memory. The first wave is the
one that used to break a fresh server (issue 22); every query runs in a forked worker of its
own, four at a time (waitress's threads), so p95 is about 50 / 4 queries' time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402  (the generator beside this file)

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _rows(payload: bytes) -> list[str]:
    bindings = json.loads(payload)["results"]["bindings"]
    return sorted(json.dumps(row, sort_keys=True) for row in bindings)


def _ask(host: str, port: int, text: str, post: bool) -> tuple[float, int, bytes]:
    encoded = urllib.parse.urlencode({"query": text})
    conn = http.client.HTTPConnection(host, port, timeout=600)
    started = time.perf_counter()
    try:
        if post:
            conn.request(
                "POST",
                "/sparql",
                encoded.encode(),
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/sparql-results+json",
                },
            )
        else:
            conn.request("GET", f"/sparql?{encoded}", headers={"Accept": "application/sparql-results+json"})
        response = conn.getresponse()
        body = response.read()
        return time.perf_counter() - started, response.status, body
    finally:
        conn.close()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def bench(count: int, clients: int, waves: int, seed: int = 1) -> dict[str, object]:
    from councilgraph.graph.rdf.sparql import query_results
    from councilgraph.ontology import list_queries, load_query

    exe = str(Path(sys.executable).parent / "councilgraph")
    with tempfile.TemporaryDirectory() as tmp:
        files = generate(Path(tmp) / "articles", count, 1.0, seed)
        out = Path(tmp) / "out"
        subprocess.run(
            [exe, "build", str(files[0].parent), "--out", str(out), "-q", "--format", "ttl", "--no-report"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        graph = out / "graph.ttl"
        queries = [load_query(name) for name in sorted(list_queries())] + [COUNT]
        expected = {text: _rows(query_results(graph, text, "json")[1]) for text in queries}
        started = time.perf_counter()
        server = subprocess.Popen(
            [exe, "serve", str(graph), "--port", "0", "--timeout", "120"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            assert server.stderr is not None
            line = server.stderr.readline().decode()
            if not line.startswith("serving "):
                raise SystemExit(f"serve did not start: {line}{server.stderr.read().decode()}")
            ready = time.perf_counter() - started
            threading.Thread(target=server.stderr.read, daemon=True).start()  # keep its pipe drained
            parts = urllib.parse.urlsplit(line.split()[1])
            host, port = parts.hostname or "127.0.0.1", parts.port or 80
            results = []
            for _wave in range(waves):
                barrier = threading.Barrier(clients)

                def client(i: int, barrier: threading.Barrier = barrier) -> tuple[float, bool]:
                    text = queries[i % len(queries)]
                    barrier.wait()
                    seconds, status, body = _ask(host, port, text, post=bool(i % 2))
                    return seconds, status == 200 and _rows(body) == expected[text]

                wave_started = time.perf_counter()
                with ThreadPoolExecutor(clients) as pool:
                    answers = list(pool.map(client, range(clients)))
                latencies = [seconds for seconds, _right in answers]
                results.append(
                    {
                        "p50_s": round(statistics.median(latencies), 3),
                        "p95_s": round(_percentile(latencies, 0.95), 3),
                        "max_s": round(max(latencies), 3),
                        "wall_s": round(time.perf_counter() - wave_started, 3),
                        "errors": sum(not right for _seconds, right in answers),
                    }
                )
        finally:
            server.terminate()
            _pid, _status, usage = os.wait4(server.pid, 0)
        triples = int(json.loads(expected[COUNT][0])["n"]["value"])
    return {
        "articles": count,
        "triples": triples,
        "clients": clients,
        "queries": len(queries),
        "serve_ready_s": round(ready, 2),
        "waves": results,
        "serve_peak_mb": round(usage.ru_maxrss / 1024),
        "cpus": os.cpu_count(),
    }


def report(result: dict[str, object]) -> str:
    lines = [
        f"{result['clients']} clients at once on a fresh serve of {result['articles']} articles "
        f"({result['triples']} triples; ready in {result['serve_ready_s']} s, peak {result['serve_peak_mb']} MB, "
        f"{result['cpus']} CPUs)"
    ]
    for number, wave in enumerate(result["waves"], 1):  # type: ignore[arg-type]
        lines.append(
            f"  wave {number}: p50 {wave['p50_s']} s, p95 {wave['p95_s']} s, max {wave['max_s']} s, "
            f"all answered in {wave['wall_s']} s, {wave['errors']} wrong or failed"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500, help="Generated articles in the graph.")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument(
        "--waves", type=int, default=2, help="Rounds of --clients queries (the first on a fresh server)."
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    args = parser.parse_args()
    result = bench(args.count, args.clients, args.waves, args.seed)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    if any(wave["errors"] for wave in result["waves"]):  # type: ignore[attr-defined]
        raise SystemExit(1)


if __name__ == "__main__":
    main()
