"""Push a graph into a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

``PUT endpoint?graph=NAME`` with the graph as N-Triples replaces that named graph, so pushing the
same build twice leaves the store as one push would (the protocol's idempotent operation).
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

from councilgraph.graph.errors import CouncilgraphError

__all__ = ["push_graph"]


def push_graph(endpoint: str, name: str, ntriples: bytes, timeout: float = 300.0) -> int:
    """Replace the named graph ``name`` at ``endpoint`` with ``ntriples``; return the triple count."""
    parsed = urllib.parse.urlparse(endpoint)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        raise CouncilgraphError(f"--endpoint {endpoint}: not an http(s) URL")
    separator = "&" if parsed.query else "?"
    url = f"{endpoint}{separator}{urllib.parse.urlencode({'graph': name})}"
    request = urllib.request.Request(
        url, data=ntriples, method="PUT", headers={"Content-Type": "application/n-triples"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - the user's endpoint
            if response.status not in (200, 201, 204):
                raise CouncilgraphError(f"{endpoint}: the store answered {response.status} {response.reason}")
    except urllib.error.HTTPError as exc:
        detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
        raise CouncilgraphError(
            f"{endpoint}: the store refused the graph: {exc.code} {exc.reason} {detail[:1]}"
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise CouncilgraphError(f"{endpoint}: cannot reach the store ({reason})") from None
    return sum(1 for line in ntriples.splitlines() if line.strip() and not line.startswith(b"#"))
