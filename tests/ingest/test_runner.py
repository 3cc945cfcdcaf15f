"""`dyadwatch ingest` end to end: real files, a real DuckDB store, the real coder."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ingest_fixtures import FAST_FETCH, news_page, news_text
from test_warc import write_warc

from dyadwatch.ingest.runner import IngestRun

pytest.importorskip("dyadwatch.store.duckdb", reason="the DuckDB store is not available")

ROOT = Path(__file__).resolve().parents[2]
SPANISH = ("El gobierno de México rechazó la propuesta de Estados Unidos sobre la seguridad en "
           "la frontera, según un comunicado publicado el sábado por la cancillería mexicana.")


def corpus(folder: Path, pages: int = 6) -> Path:
    """A crawl, a compressed dump that repeats two crawled stories, a Spanish article,
    and a broken line."""
    folder.mkdir()
    write_warc(folder / "crawl.warc.gz", pages)
    lines = [{"text": "By Staff. " + news_text(0) + " Copyright."},  # wire copy of page 0
             {"text": news_text(1), "url": "https://other.example/1"},  # and of page 1
             {"text": news_text(100), "date": "2025-02-01"},
             {"text": SPANISH}]
    data = "".join(json.dumps(line) + "\n" for line in lines) + "{broken\n"
    (folder / "dump.jsonl.gz").write_bytes(gzip.compress(data.encode()))
    return folder


def run(inputs, db, **kw) -> IngestRun:
    problems = []
    ingest = IngestRun(inputs=[str(i) for i in inputs], db=str(db), on_problem=problems.append,
                       fetch_options=FAST_FETCH, **kw)
    ingest.execute()
    ingest.problems = problems
    return ingest


def _store(db):
    from dyadwatch.store import open_store

    return open_store(str(db))


def test_ingest_codes_new_links_duplicates_and_counts(tmp_path):
    folder = corpus(tmp_path / "in")
    db = tmp_path / "events.duckdb"
    tally = run([folder], db).tally
    assert (tally.read, tally.new, tally.duplicate, tally.failed) == (11, 8, 2, 1)
    assert tally.not_coded == {"language es": 1} and tally.coded == 7
    store = _store(db)
    try:
        assert store.stats()["articles"] == 10
        crawled = "u" + __import__("hashlib").sha1(
            b"https://news.example.org/story/0").hexdigest()[:16]
        assert store.get_article(crawled).duplicate_of is None
        copies = [a for a in _articles(store, tmp_path) if a.duplicate_of]
        assert sorted(a.duplicate_of for a in copies) == sorted(
            [crawled, "u" + __import__("hashlib").sha1(
                b"https://news.example.org/story/1").hexdigest()[:16]])
        assert all(store.article_events(a.id) == [] for a in copies)
        assert tally.events == store.count_events() > 0
    finally:
        store.close()


def _articles(store, tmp_path):
    ids = [row[0] for row in sqlite3.connect(tmp_path / "events.duckdb.ingest.sqlite")
           .execute("SELECT article_id FROM signatures")]
    return [store.get_article(i) for i in ids]


def test_rerun_adds_nothing(tmp_path):
    folder = corpus(tmp_path / "in")
    db = tmp_path / "events.duckdb"
    first = run([folder], db, code=False).tally
    second = run([folder], db, code=False).tally
    assert second.new == second.duplicate == 0
    assert second.already == first.new + first.duplicate
    store = _store(db)
    assert store.stats()["articles"] == first.new + first.duplicate
    store.close()


def test_two_workers_give_the_same_result(tmp_path):
    folder = corpus(tmp_path / "in", pages=40)
    one = run([folder], tmp_path / "one.duckdb", code=False).tally
    two = run([folder], tmp_path / "two.duckdb", code=False, workers=2).tally
    assert (one.read, one.new, one.duplicate, one.failed) == (
        two.read, two.new, two.duplicate, two.failed)
    assert _ids(tmp_path / "one.duckdb.ingest.sqlite") == _ids(tmp_path / "two.duckdb.ingest.sqlite")


def _ids(path):
    return sorted(sqlite3.connect(path).execute("SELECT article_id, duplicate_of FROM signatures"))


def test_killed_ingest_resumes_without_loss_or_doubles(tmp_path):
    """An ingest reading a pipe is killed (SIGKILL) after its first store batch, while it
    waits for more input; the rerun over the whole dump stores the rest, once."""
    lines = [json.dumps({"text": news_text(1000 + i, 14)}) + "\n" for i in range(150)]
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(lines))
    pipe = tmp_path / "pipe.jsonl"
    os.mkfifo(pipe)
    db = tmp_path / "events.duckdb"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "dyadwatch.cli", "ingest", str(pipe),
                             "--db", str(db), "--no-code", "--no-progress",
                             "--state", str(tmp_path / "state.sqlite")], env=env,
                            stderr=subprocess.DEVNULL)
    with open(pipe, "w") as writer:
        writer.write("".join(lines[:120]))
        writer.flush()
        deadline = time.time() + 120
        while _count(tmp_path / "state.sqlite") < 64 and time.time() < deadline:
            time.sleep(0.05)
        stored_before_kill = _count(tmp_path / "state.sqlite")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert 64 <= stored_before_kill < 150
    again = run([dump], db, code=False, state_path=str(tmp_path / "state.sqlite")).tally
    store = _store(db)
    try:
        assert store.stats()["articles"] == 150
        assert again.already >= 64 and again.new == 150 - again.already
    finally:
        store.close()


def _count(state):
    try:
        return sqlite3.connect(state).execute("SELECT count(*) FROM signatures").fetchone()[0]
    except sqlite3.Error:
        return 0


def _cli(*args, cwd=None):
    """The real `dyadwatch ingest` command, run in this process (no interpreter start-up)."""
    from click.testing import CliRunner

    from dyadwatch.cli import main

    result = CliRunner().invoke(main, ["ingest", *args, "--no-progress"])
    result.returncode = result.exit_code
    return result


def test_cli_feeds_exit_status_and_summary(tmp_path, http_server, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for i in range(2):
        http_server.add(f"/s/{i}", news_page(300 + i), headers={"Content-Type": "text/html"})
    items = "".join(f"<item><title>T{i}</title><link>{http_server.base}/s/{i}</link></item>"
                    for i in range(2))
    feed = http_server.add("/rss", f"<rss version='2.0'><channel><title>W</title>{items}"
                           "</channel></rss>", headers={"Content-Type": "application/rss+xml"})
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# my feeds\n{feed}\n")
    refused = _cli("--feeds", str(feeds), "--db", "e.duckdb", "--no-code", cwd=tmp_path)
    assert refused.returncode == 1 and "E050 refused" in refused.stderr
    ok = _cli("--feeds", str(feeds), "--db", "e.duckdb", "--no-code", "--allow-private",
              "--host-interval", "0.2", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    gaps = http_server.gaps()
    assert len(gaps) == 2 and min(gaps) > 0.15, gaps  # feed, then two pages, spaced
    assert "read 2: 2 new" in ok.stderr and "0 failed" in ok.stderr
    again = _cli("--feeds", str(feeds), "--db", "e.duckdb", "--no-code", "--allow-private",
                 cwd=tmp_path)
    assert again.returncode == 0 and "skipped: not modified" not in again.stderr
    assert "already ingested 2" in again.stderr
