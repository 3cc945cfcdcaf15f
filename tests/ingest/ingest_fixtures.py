"""Real inputs for ingest tests (helpers imported by the tests): generated news pages, archives, feeds and a local HTTP
server on 127.0.0.1."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise

import pytest

_ACTORS = ["Mexico", "the United States", "Canada", "Brazil", "France", "Germany", "Japan",
           "India", "Nigeria", "Egypt", "Turkey", "Indonesia", "Kenya", "Chile", "Poland"]
_VERBS = ["criticised", "praised", "met with", "accused", "signed a deal with",
          "threatened", "rejected a proposal from", "welcomed", "condemned", "hosted"]
_FILLER = ["officials said on Tuesday", "according to a statement", "in a televised address",
           "after weeks of talks", "as tensions rose along the border", "citing security concerns",
           "in the capital", "during a summit", "amid protests", "following the election"]


def news_text(seed: int, sentences: int = 12) -> str:
    """A distinct English news story, deterministic for `seed`."""
    rng = random.Random(seed)
    out = []
    for _ in range(sentences):
        a, b = rng.sample(_ACTORS, 2)
        out.append(f"{a} {rng.choice(_VERBS)} {b} {rng.choice(_FILLER)}, "
                   f"story {seed} reported, item {rng.randint(0, 10**6)}.")
    return " ".join(out)


def news_page(seed: int, *, title: str | None = None, text: str | None = None,
              canonical: str | None = None, published: str = "2025-02-22T10:30:00+00:00",
              author: str = "Ana Lopez", charset: str | None = "utf-8") -> str:
    """A news page with the usual menus and footer around the article."""
    text = text or news_text(seed)
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in text.split(". ") if s.strip())
    meta = f'<meta charset="{charset}">' if charset else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f"<!DOCTYPE html><html><head>{meta}<title>{title or f'Story {seed}'} | Daily Wire"
            f"</title>{link}<meta name=\"author\" content=\"{author}\">"
            f'<meta property="article:published_time" content="{published}">'
            "<script>document.title='executed';</script></head><body>"
            '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
            f"<article><h1>{title or f'Story {seed}'}</h1>{paragraphs}</article>"
            "<footer>Copyright 2025 Daily Wire. All rights reserved. Subscribe to our newsletter."
            "</footer></body></html>")


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    fail_first: int = 0  # answer 503 this many times first


@dataclass
class LocalServer:
    """A real HTTP server on 127.0.0.1 serving `routes`; records every request."""

    base: str
    routes: dict[str, Route]
    requests: list[tuple[str, dict[str, str]]]
    times: list[float] = field(default_factory=list)  # time.monotonic() of each request

    def add(self, path: str, body: str | bytes = b"", **kw) -> str:
        self.routes[path] = Route(body=body.encode() if isinstance(body, str) else body, **kw)
        return self.base + path

    def gaps(self) -> list[float]:
        """Seconds between successive requests."""
        return [later - earlier for earlier, later in pairwise(self.times)]

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


def _handler(server: LocalServer):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.times.append(time.monotonic())
            server.requests.append((self.path, dict(self.headers)))
            route = server.routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.fail_first > 0:
                route.fail_first -= 1
                self.send_error(503)
                return
            etag = route.headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(route.status)
            for key, value in route.headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, *args: object) -> None:
            return None

    return Handler


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    server = LocalServer("", {}, [])
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    server.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


# no politeness delay: tests of other behaviour fetch many pages from one local host
FAST_FETCH = {"timeout": 2.0, "retries": 2, "backoff": 0.05, "host_interval": 0.0}
