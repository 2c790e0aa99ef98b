"""Push a graph into a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

``PUT endpoint?graph=NAME`` with the graph as N-Triples replaces that named graph, so pushing the
same build twice leaves the store as one push would (the protocol's idempotent operation).

Credentials (HTTP Basic authentication) come from the endpoint's URL (``https://user:pass@host/…``,
percent-encoded as URLs are) or are given apart (``push --user``/``--password``, or the variables
``COUNCILGRAPH_PUSH_USER``/``COUNCILGRAPH_PUSH_PASSWORD``), which take precedence. They go in the
``Authorization`` header only: every message names the endpoint without them, and any text that
could echo the password (a server's answer, a network error) has it replaced by ``***``.
"""

from __future__ import annotations

import base64
import http.client
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from councilgraph.graph.core.errors import CouncilgraphError, UsageError

__all__ = ["Target", "push_graph", "target"]


@dataclass(frozen=True)
class Target:
    """Where a push goes: the endpoint's URL without credentials (``shown`` in messages) and the
    credentials apart."""

    url: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    @property
    def shown(self) -> str:
        return self.url

    def authorization(self) -> str | None:
        """The ``Authorization`` header's value, or None without credentials."""
        if self.user is None:
            return None
        token = f"{self.user}:{self.password or ''}".encode()
        return "Basic " + base64.b64encode(token).decode("ascii")

    def scrub(self, text: str) -> str:
        """``text`` with the password, in any form it could be written, replaced by ``***``."""
        if self.password:
            for form in sorted(
                {
                    self.password,
                    urllib.parse.quote(self.password, safe=""),
                    urllib.parse.quote(self.password),
                    urllib.parse.quote_plus(self.password),
                },
                key=len,
                reverse=True,
            ):
                text = text.replace(form, "***")
        return text


def target(endpoint: str, user: str | None = None, password: str | None = None) -> Target:
    """The push target of ``endpoint`` with credentials from its URL, overridden by ``user`` and
    ``password`` where given. Raises :class:`UsageError` (naming the URL without credentials) for
    a URL that is not http(s) with a host, or credentials Basic authentication cannot carry."""
    parsed = urllib.parse.urlsplit(endpoint)
    userinfo, at, hostport = parsed.netloc.rpartition("@")
    if parsed.scheme not in {"http", "https"} or not hostport:
        raise UsageError(f"--endpoint {_redact(endpoint)}: not an http(s) URL (http://HOST:PORT/PATH)")
    url = urllib.parse.urlunsplit(parsed._replace(netloc=hostport))
    try:
        urllib.parse.urlsplit(url).port  # noqa: B018 - raises for a port that is not a number
    except ValueError:
        raise UsageError(f"--endpoint {_redact(endpoint)}: the port is not a number") from None
    in_url_user, has_password, in_url_password = userinfo.partition(":")
    name = user if user is not None else (urllib.parse.unquote(in_url_user) if at else None)
    secret = (
        password if password is not None else urllib.parse.unquote(in_url_password) if has_password else None
    )
    if name is None and secret is not None:
        raise UsageError(
            "a password needs a user name: --user, COUNCILGRAPH_PUSH_USER or user:pass@ in the URL"
        )
    if name is not None and ":" in name:
        raise UsageError("the user name holds ':', which HTTP Basic authentication cannot carry")
    return Target(url, name, secret)


def _redact(endpoint: str) -> str:
    """``endpoint`` with anything before its host's ``@`` (credentials) replaced by ``***``."""
    head, at, tail = endpoint.rpartition("@")
    if not at:
        return endpoint
    scheme, slashes, _credentials = head.partition("//")
    return f"{scheme}{slashes}***@{tail}" if slashes else f"***@{tail}"


def push_graph(endpoint: str | Target, name: str, ntriples: bytes, timeout: float = 300.0) -> int:
    """Replace the named graph ``name`` at ``endpoint`` with ``ntriples``; return the triple count."""
    where = endpoint if isinstance(endpoint, Target) else target(endpoint)
    parsed = urllib.parse.urlsplit(where.url)
    separator = "&" if parsed.query else "?"
    url = f"{where.url}{separator}{urllib.parse.urlencode({'graph': name})}"
    headers = {"Content-Type": "application/n-triples"}
    authorization = where.authorization()
    if authorization is not None:
        headers["Authorization"] = authorization
    request = urllib.request.Request(url, data=ntriples, method="PUT", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - the user's endpoint
            if response.status not in (200, 201, 204):
                raise CouncilgraphError(
                    where.scrub(f"{where.shown}: the store answered {response.status} {response.reason}")
                )
    except urllib.error.HTTPError as exc:
        raise CouncilgraphError(where.scrub(_refused(where, exc))) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise CouncilgraphError(where.scrub(f"{where.shown}: cannot reach the store ({reason})")) from None
    return sum(1 for line in ntriples.splitlines() if line.strip() and not line.startswith(b"#"))


def _refused(where: Target, exc: urllib.error.HTTPError) -> str:
    """The one line for a store's refusal (an HTTP error status)."""
    status = f"{exc.code} {exc.reason}"
    if exc.code == 401 and where.user is None:
        return (
            f"{where.shown}: the store asks for credentials ({status}): give them in the URL "
            "(https://user:pass@host/...), --user and --password, or COUNCILGRAPH_PUSH_USER and "
            "COUNCILGRAPH_PUSH_PASSWORD"
        )
    if exc.code == 401:
        return f"{where.shown}: the store refused the credentials of user {where.user!r} ({status})"
    try:
        detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
    except OSError:
        detail = []
    return f"{where.shown}: the store refused the graph: {status}" + (f" ({detail[0]})" if detail else "")
