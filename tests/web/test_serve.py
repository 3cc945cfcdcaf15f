"""`dyadwatch serve`: a real server process on loopback, and the warning when open."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from dyadwatch.web.server import is_loopback, warn_if_open
from tests.web.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("host, token, warned", [
    ("0.0.0.0", None, True), ("192.0.2.10", None, True), ("::", None, True),
    ("0.0.0.0", "t0ken", False), ("127.0.0.1", None, False), ("::1", None, False),
    ("localhost", None, False),
])
def test_warns_when_open_to_the_network_without_a_token(host, token, warned):
    err = io.StringIO()
    assert warn_if_open(host, 8000, token, err) is warned
    assert ("warning" in err.getvalue()) is warned
    assert is_loopback(host) is (host in ("127.0.0.1", "::1", "localhost"))


def test_serve_command_serves_the_store_read_only(tmp_path, coded):
    from dyadwatch.store import open_store

    db = tmp_path / "served.duckdb"
    store = open_store(str(db))
    store.put_many((c.article, c.events, c.quotes) for c in coded[:2])
    store.close()
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DYADWATCH_TOKEN", None)
    proc = subprocess.Popen([sys.executable, "-m", "dyadwatch.cli", "serve", "--db", str(db),
                             "--port", str(port)], env=env, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                stats = httpx.get(base + "/api/stats", timeout=2).json()
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read()
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.3)
        assert stats["articles"] == 2
        page = httpx.get(base + "/dyad/MEX/USA")
        assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
        assert httpx.post(base + "/api/articles", json={"text": "x"}).status_code == 403
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert "read-only" in err and "warning" not in err


def test_serving_a_missing_store_says_so(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DYADWATCH_TOKEN", None)
    missing = tmp_path / "nothing.duckdb"
    done = subprocess.run([sys.executable, "-m", "dyadwatch.cli", "serve", "--db", str(missing),
                           "--port", str(free_port())], check=False, env=env,
                          capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2
    assert "no store at" in done.stderr and str(missing) in done.stderr
    assert not missing.exists()  # read-only: nothing created
