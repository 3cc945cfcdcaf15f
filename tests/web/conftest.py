"""A real DuckDB store built from coded test articles, the app over it, a real uvicorn
server on loopback, and a real headless Chromium for the browser tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dyadwatch.model import Article, parse_datetime
from dyadwatch.pipeline import Coded, code_articles
from tests.web.articles import STORIES

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def story_articles() -> list[Article]:
    return [Article.from_text(text, title=title, source=outlet, published=parse_datetime(day),
                              url=f"https://news.example/{i}")
            for i, (day, outlet, title, text) in enumerate(STORIES)]


@pytest.fixture(scope="session")
def coded() -> list[Coded]:
    """Every test story coded by the real engine."""
    result = list(code_articles(story_articles()))
    assert not [c.error for c in result if c.error]
    return result


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory, coded: list[Coded]) -> Path:
    from dyadwatch.store import open_store

    path = tmp_path_factory.mktemp("web") / "events.duckdb"
    store = open_store(str(path))
    store.put_many((c.article, c.events, c.quotes) for c in coded)
    store.close()
    return path


@pytest.fixture(scope="session")
def app(store_path: Path):
    from dyadwatch.web import create_app

    return create_app(str(store_path))


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(app) -> Iterator[str]:
    """The app served by a real uvicorn on 127.0.0.1 (stopped at the end)."""
    import uvicorn

    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (dev/setup --test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A fresh browser page that records console errors, CSP violations and any request
    that leaves the server (the dashboard must work with no internet)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.problems = []
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(m.text))
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    pg.on("request", lambda r: r.url.startswith((server, "data:", "blob:"))
          or pg.problems.append(f"outside request: {r.url}"))
    yield pg
    context.close()
