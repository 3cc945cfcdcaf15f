"""`dyadwatch watch` as a user runs it: a subprocess polling feeds served on loopback,
with new entries appearing between polls, alerts arriving at a webhook receiver, and a
clean stop on SIGTERM."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from dyadwatch.alerts import AlertDB, Subscription
from dyadwatch.alerts.watch import HostThrottle, WatchError, parse_duration

ROOT = Path(__file__).resolve().parents[2]
FILLER = (" Officials on both sides described the talks as difficult, and analysts said the "
          "dispute over the border had been building for months before the meeting.") * 4
STORIES = [
    "Mexico rejected the US proposal to deploy troops at the border.",
    "The United States threatened Mexico with new tariffs on Monday.",
]


class FeedServer:
    """Serves /news.xml (RSS, full-text entries, ETag + 304), /broken.xml and /down.xml."""

    def __init__(self) -> None:
        self.entries: list[str] = []
        self.requests: list[tuple[str, int]] = []  # (path, status)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}"

    def rss(self) -> bytes:
        items = "".join(
            f"<item><title>Story {i}</title><link>{self.base}/story/{i}</link>"
            f"<guid>{self.base}/story/{i}</guid><pubDate>"
            f"{format_datetime(datetime(2025, 2, 22, 12, i, tzinfo=timezone.utc))}</pubDate>"
            f"<content:encoded><![CDATA[<p>{text}{FILLER}</p>]]></content:encoded></item>"
            for i, text in enumerate(self.entries))
        return ('<?xml version="1.0"?><rss version="2.0" '
                'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
                f"<title>Border News</title><link>{self.base}/</link>{items}</channel></rss>"
                ).encode()

    def _handler(self):
        feeds = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                status, body, headers = feeds.answer(self.path, self.headers)
                feeds.requests.append((self.path, status))
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler

    def answer(self, path: str, headers) -> tuple[int, bytes, dict[str, str]]:
        if path == "/down.xml":
            return 503, b"down", {}
        if path == "/broken.xml":
            return 200, b"<rss><channel><item><title>oops", {"Content-Type": "application/rss+xml"}
        body = self.rss()
        etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
        if headers.get("If-None-Match") == etag:
            return 304, b"", {"ETag": etag}
        return 200, body, {"Content-Type": "application/rss+xml", "ETag": etag}

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed_server():
    server = FeedServer()
    yield server
    server.stop()


def _watch(tmp_path: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    env.pop("DYADWATCH_DB", None)
    return subprocess.Popen(
        [sys.executable, "-m", "dyadwatch.cli", "watch", "--feeds", str(tmp_path / "feeds.txt"),
         "--db", str(tmp_path / "events.duckdb"), "--allow-private", "--host-interval", "0",
         *args],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(predicate, timeout: float, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if proc.poll() is not None:
            raise AssertionError(f"watch exited early: {proc.communicate()}")
        time.sleep(0.1)
    proc.kill()
    raise AssertionError(f"timed out; watch said: {proc.communicate()}")


@pytest.mark.slow
def test_watch_polls_codes_stores_and_alerts_once(tmp_path, feed_server, hook_server):
    pytest.importorskip("dyadwatch.ingest.runner", reason="needs the ingest runner")
    (tmp_path / "feeds.txt").write_text(
        f"# border news\n{feed_server.base}/news.xml\n{feed_server.base}/broken.xml\n"
        f"{feed_server.base}/down.xml\n")
    db = AlertDB(tmp_path / "events.duckdb.alerts.sqlite")
    db.add_subscription(Subscription(name="mex-usa", dyad=("MEX", "USA"), either_direction=True,
                                     plover=["REJECT", "THREATEN"], webhook=hook_server.url,
                                     webhook_secret="hook-secret"))
    db.close()
    feed_server.entries.append(STORIES[0])
    proc = _watch(tmp_path, "--every", "1s")
    try:
        _wait_for(lambda: len(hook_server.accepted()) >= 1, 180, proc)
        polls_before = sum(1 for p, _ in feed_server.requests if p == "/news.xml")
        _wait_for(lambda: sum(1 for p, s in feed_server.requests
                              if p == "/news.xml" and s == 304) >= 1, 30, proc)
        feed_server.entries.append(STORIES[1])  # a new entry between polls
        _wait_for(lambda: len(hook_server.accepted()) >= 2, 60, proc)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "stopped cleanly" in err
    assert "broken.xml" in err and "down.xml" in err  # bad feeds reported, watch went on
    assert polls_before >= 1
    got = [r["body"]["items"][0] for r in hook_server.accepted()]
    assert [(g["source"]["code"][:3], g["target"]["code"][:3], g["plover_type"]) for g in got] == [
        ("MEX", "USA", "REJECT"), ("USA", "MEX", "THREATEN")]
    assert "Mexico rejected the US proposal" in got[0]["sentence"]
    assert all(r["valid"] for r in hook_server.received)

    # a restart that sees every stored mention again (cursor back to 0) alerts nothing new
    from dyadwatch.alerts import Alerter
    from dyadwatch.alerts.service import CURSOR_KEY
    from dyadwatch.store import open_store

    db = AlertDB(tmp_path / "events.duckdb.alerts.sqlite")
    db.set_meta(CURSOR_KEY, "0")
    store = open_store(str(tmp_path / "events.duckdb"))
    turn = Alerter(db).run_once(store)
    store.close()
    db.close()
    assert turn.events >= 2 and turn.queued == 0
    assert len(hook_server.accepted()) == 2


def test_durations_and_bad_input():
    assert parse_duration("10m") == 600 and parse_duration("90s") == 90
    assert parse_duration("1.5h") == 5400 and parse_duration("30") == 30
    for bad in ("ten minutes", "0s", "-5m", "5w"):
        with pytest.raises(WatchError, match="E080"):
            parse_duration(bad)


def test_host_throttle_spaces_requests_to_one_host():
    slept: list[float] = []
    throttle = HostThrottle(2.0, sleep=slept.append)
    throttle.wait("https://a.example/feed1")
    throttle.wait("https://b.example/feed")
    throttle.wait("https://A.example/feed2")
    assert len(slept) == 1 and 1.9 < slept[0] <= 2.0


def test_a_second_watch_on_the_same_alert_state_is_refused(tmp_path):
    from dyadwatch.alerts.watch import _lock

    path = str(tmp_path / "sub" / "events.duckdb.alerts.sqlite")
    first = _lock(path)
    with pytest.raises(WatchError, match="E082 another `dyadwatch watch`"):
        _lock(path)
    first.close()
    _lock(path).close()  # free again once the first has stopped
