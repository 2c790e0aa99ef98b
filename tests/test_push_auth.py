"""``push`` authenticates (HTTP Basic) with credentials from the URL, the options or the variables,
and no message ever holds the password: a tiny local server that demands Basic auth."""

from __future__ import annotations

import base64
import os
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

# seconds a test (processes, whole builds, Java): make test runs these, make check does not
pytestmark = pytest.mark.slow

USER, PASSWORD = "kg-writer", "s3cr#t/p@ss:wörd"  # every character a URL must escape
QUOTED = "s3cr%23t%2Fp%40ss%3Aw%C3%B6rd"


class _Store(BaseHTTPRequestHandler):
    """PUT with the right credentials: 204, and the body kept; otherwise 401."""

    received: list[tuple[str, bytes]] = []

    def do_PUT(self) -> None:  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        if self.headers.get("Authorization") != expected:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="store"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.received.append((self.path, body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def store_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Store)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}/store"
    server.shutdown()
    server.server_close()


@pytest.fixture
def graph(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n", "utf-8")
    return path


def _push(councilgraph_exe, *args: str, env: dict[str, str] | None = None):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("COUNCILGRAPH_PUSH_")}
    done = subprocess.run(
        [councilgraph_exe, "push", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, **(env or {})},
    )
    said = done.stdout + done.stderr
    for form in (PASSWORD, QUOTED, "s3cr", base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()):
        assert form not in said, said
    return done


def test_credentials_in_the_url_the_options_or_the_variables(councilgraph_exe, graph, store_url):
    _Store.received.clear()
    ways = [
        ([f"http://{USER}:{QUOTED}@{store_url}"], None),
        ([f"http://{store_url}", "--user", USER, "--password", PASSWORD], None),
        ([f"http://{store_url}"], {"COUNCILGRAPH_PUSH_USER": USER, "COUNCILGRAPH_PUSH_PASSWORD": PASSWORD}),
        # the variables' password with the URL's user; the option's over the URL's
        ([f"http://{USER}@{store_url}"], {"COUNCILGRAPH_PUSH_PASSWORD": PASSWORD}),
        ([f"http://{USER}:wrong@{store_url}", "--password", PASSWORD], None),
    ]
    for endpoint, env in ways:
        done = _push(councilgraph_exe, str(graph), "--endpoint", *endpoint, env=env)
        assert done.returncode == 0, (endpoint, done.stderr)
        assert (
            f"pushed 1 triples to <https://w3id.org/councilgraph/id/graph> at http://{store_url}"
            in done.stdout
        )
    assert len(_Store.received) == len(ways)
    assert all(body.startswith(b"<http://example.org/a>") for _path, body in _Store.received)
    assert _Store.received[0][0] == "/store?graph=https%3A%2F%2Fw3id.org%2Fcouncilgraph%2Fid%2Fgraph"


def test_refusals_say_why_without_the_password(councilgraph_exe, graph, store_url):
    wrong = _push(councilgraph_exe, str(graph), "--endpoint", f"http://{USER}:{QUOTED}x@{store_url}")
    assert wrong.returncode == 1 and "refused the credentials of user 'kg-writer' (401" in wrong.stderr
    assert f"http://{store_url}" in wrong.stderr and "@" not in wrong.stderr.replace("'kg-writer'", "")
    none = _push(councilgraph_exe, str(graph), "--endpoint", f"http://{store_url}")
    assert none.returncode == 1 and "asks for credentials" in none.stderr
    closed = _push(councilgraph_exe, str(graph), "--endpoint", f"http://{USER}:{QUOTED}@127.0.0.1:9/store")
    assert closed.returncode == 1 and "cannot reach the store" in closed.stderr
    for endpoint in (f"http://{USER}:{PASSWORD}@127.0.0.1:x/store", f"http//{USER}:{QUOTED}@127.0.0.1/"):
        bad = _push(councilgraph_exe, str(graph), "--endpoint", endpoint)
        assert bad.returncode == 2 and bad.stderr.count("\n") == 1, bad.stderr
    secret_env = {"COUNCILGRAPH_PUSH_PASSWORD": PASSWORD}
    helped = subprocess.run(
        [councilgraph_exe, "push", "--help"], capture_output=True, text=True, env={**os.environ, **secret_env}
    )
    assert helped.returncode == 0 and "COUNCILGRAPH_PUSH_PASSWORD" in helped.stdout
    assert PASSWORD not in helped.stdout
