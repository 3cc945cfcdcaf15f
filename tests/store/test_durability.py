"""What must survive: an upgrade from the first schema, and a writer killed mid-batch."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import psycopg
import pytest
from conftest import corpus

from dyadwatch.errors import StoreError
from dyadwatch.store import open_store
from dyadwatch.store.schema import MIGRATIONS, SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]

# One mention as the first schema stored it (columns of version 1 only).
V1_MENTION = {
    "seq": 1, "id": "old-0-0", "article_id": "old", "sentence_index": 0, "event_index": 0,
    "date": "2024-05-01", "source_code": "MEXGOV", "source_name": "Mexico government",
    "source_country": "MEX", "source_roles": "GOV", "source_text": "Mexico",
    "target_code": "USAGOV", "target_name": "United States government",
    "target_country": "USA", "target_roles": "GOV", "target_text": "Washington",
    "cameo": "036", "cameo_root": "03", "quad_class": 1, "goldstein": 4.0,
    "plover_type": "AGREE", "negated": False, "modality": "asserted", "confidence": 0.7,
    "verb_text": "offered", "verb_start": 7, "verb_end": 14, "rule": "verb:036",
    "tone": 1.0, "is_root": True, "url": "https://old.example/1", "outlet": "Old Times",
    "sentence": "Mexico offered Washington talks.",
}


def _make_v1_store(url: str) -> None:
    """A store exactly as the first schema left it, holding one article."""
    postgres = url.startswith("postgresql://")
    statements = MIGRATIONS[0].statements(postgres) + [
        "INSERT INTO schema_version VALUES (1, CURRENT_TIMESTAMP)",
        ("INSERT INTO articles (id, text, outlet) VALUES ('old', 'Mexico offered Washington "
         "talks.', 'Old Times')"),
        (f"INSERT INTO mentions ({', '.join(V1_MENTION)}) VALUES "
         f"({', '.join('?' for _ in V1_MENTION)})"),
        "UPDATE meta SET value = '2' WHERE key = 'next_seq'",
    ]
    params = list(V1_MENTION.values())
    if postgres:
        with psycopg.connect(url, autocommit=True) as conn, conn.transaction():
            for stmt in statements:
                conn.execute(stmt.replace("?", "%s"), params if "?" in stmt else None)
            conn.execute("SELECT setval('mention_seq', 1)")
    else:
        with duckdb.connect(url) as conn:
            for stmt in statements:
                conn.execute(stmt, params if "?" in stmt else None)


@pytest.fixture(params=["duckdb", "postgres"])
def fresh_url(request, tmp_path) -> str:
    if request.param == "duckdb":
        return str(tmp_path / "old.duckdb")
    return request.getfixturevalue("postgres_url")


def test_a_first_schema_store_is_upgraded_in_place(fresh_url):
    _make_v1_store(fresh_url)
    with pytest.raises(StoreError, match="E036 .* schema version 1"):
        open_store(fresh_url, read_only=True)
    with open_store(fresh_url) as store:
        assert store.schema_version() == SCHEMA_VERSION
        (old,) = store.article_events("old")
        assert (old.source.code, old.target.code, old.cameo, old.date) == \
            ("MEXGOV", "USAGOV", "036", "2024-05-01")
        assert old.evidence.verb.text == "offered" and old.source.start is None
        store.put_many(corpus())  # the upgraded store takes new mentions with detail
        assert store.count_events() == 10
        assert store.article_events("a1") == corpus()[0][1]
        _, cursor = store.events_after(0, limit=1)
        assert cursor == 1  # positions continue after the old mention's
    with open_store(fresh_url) as store:  # opening again migrates nothing
        assert store.schema_version() == SCHEMA_VERSION and store.count_events() == 10


def test_a_store_newer_than_this_dyadwatch_is_refused(tmp_path):
    path = str(tmp_path / "new.duckdb")
    open_store(path).close()
    with duckdb.connect(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (99, CURRENT_TIMESTAMP)")
    with pytest.raises(StoreError, match="E033 .* version 99, newer"):
        open_store(path)


WRITER = textwrap.dedent("""
    import sys
    sys.path[:0] = [{tests!r}, {tests!r} + "/..", {root!r}]
    from conftest import make_article, make_event
    from dyadwatch.store import open_store

    store = open_store({url!r})
    store.batch_articles = 50

    def articles():
        for i in range(100_000):
            aid = f"k{{i}}"
            events = [make_event(aid, sentence=s, text="x" * 2000) for s in range(5)]
            yield make_article(aid), events, []
            if i == 120:
                print("writing", flush=True)

    store.put_many(articles())
""")


def test_a_writer_killed_mid_batch_leaves_only_whole_articles(store_url, tmp_path):
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(tests=str(ROOT / "tests/store"), root=str(ROOT),
                                    url=store_url))
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert proc.stdout.readline().strip() == "writing"
        time.sleep(0.3)  # well inside a later batch
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    with open_store(store_url) as store:
        articles = store.stats()["articles"]
        _, rows = store._execute(
            "SELECT a.id, count(m.id) FROM articles a LEFT JOIN mentions m "
            "ON m.article_id = a.id GROUP BY a.id")
        orphans = store._execute("SELECT count(*) FROM mentions WHERE article_id NOT IN "
                                 "(SELECT id FROM articles)")[1][0][0]
        assert articles >= 100 and articles % 50 == 0  # whole batches only
        assert {n for _, n in rows} == {5} and orphans == 0
        store.put_many([(a, e, q) for a, e, q in corpus()])  # and the store still works
        assert store.count_events() == 5 * articles + 9
