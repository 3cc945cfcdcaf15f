"""Alert state in one small SQLite file: subscriptions, the sent ledger, the outbox.

Why SQLite and not tables in the event store: `watch` holds the DuckDB store open for
writing, and DuckDB lets only one process write a file; the REST API must still be able
to add or pause a subscription while `watch` runs. SQLite (in WAL mode) lets several
processes read and write one small file safely, works the same beside a PostgreSQL store,
and is in the standard library. See docs/decisions/ for the note.

Exactly once: the `ledger` table holds one row per (subscription, event key). A notice is
queued in the same transaction that writes its ledger row, so a second sight of the same
event (a restart, a re-ingest, a replayed cursor) finds the row and queues nothing.
Queued notices stay in `outbox` until a channel accepts them; failures are retried with
exponential backoff, and after `max_attempts` a notice moves to the dead-letter list
(status 'dead') where `replay` puts it back in the queue.
"""

from __future__ import annotations

import json
import random
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyadwatch.alerts.rules import Subscription, SubscriptionError

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS subscriptions (
    name TEXT PRIMARY KEY, spec TEXT NOT NULL, paused INTEGER NOT NULL DEFAULT 0,
    token TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ledger (
    subscription TEXT NOT NULL, event_key TEXT NOT NULL, created_at REAL NOT NULL,
    PRIMARY KEY (subscription, event_key));
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL UNIQUE,
    subscription TEXT NOT NULL, channel TEXT NOT NULL, target TEXT NOT NULL,
    payload TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0, next_attempt REAL NOT NULL,
    last_error TEXT, created_at REAL NOT NULL, sent_at REAL);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (status, next_attempt);
CREATE TABLE IF NOT EXISTS digest_items (
    subscription TEXT NOT NULL, event_key TEXT NOT NULL, item TEXT NOT NULL,
    created_at REAL NOT NULL, PRIMARY KEY (subscription, event_key));
CREATE TABLE IF NOT EXISTS digest_state (subscription TEXT PRIMARY KEY, period TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS happenings (
    key TEXT NOT NULL, event_id TEXT NOT NULL, outlet TEXT,
    PRIMARY KEY (key, event_id));
"""

STATUSES = ("pending", "sending", "sent", "dead", "cancelled")


@dataclass
class Notice:
    """One message for one channel target, as queued in the outbox."""

    id: int
    uid: str  # stable across retries: the receiver's idempotency key
    subscription: str
    channel: str  # "email" | "webhook"
    target: str  # the address or URL
    payload: dict[str, Any]
    status: str
    attempts: int
    next_attempt: float
    last_error: str | None
    created_at: float
    sent_at: float | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Notice:
        d = dict(row)
        d["payload"] = json.loads(d["payload"])
        return cls(**d)


_INSERT_NOTICE = ("INSERT INTO outbox (uid, subscription, channel, target, payload, next_attempt,"
                  " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")


def _instant_body(sub: Subscription, item: dict[str, Any], encoded: dict[int, str]) -> str:
    """The JSON of a one-item notice, reusing the item's encoding across subscriptions."""
    if id(item) not in encoded:
        encoded[id(item)] = json.dumps(item)
    head = json.dumps({"subscription": sub.name, "token": sub.token,
                       "kind": item.get("kind", "event")})
    return f'{head[:-1]}, "items": [{encoded[id(item)]}]}}'


def _notice_rows(sub: Subscription, payload: dict[str, Any] | str,
                 now: float) -> list[tuple[Any, ...]]:
    """One outbox row per channel target of `sub` (`payload` may come encoded already)."""
    body = payload if isinstance(payload, str) else json.dumps(
        {"subscription": sub.name, "token": sub.token, **payload})
    targets = [("email", a) for a in sub.email]
    targets += [("webhook", sub.webhook)] if sub.webhook else []
    return [(uuid.uuid4().hex, sub.name, channel, target, body, now, now)
            for channel, target in targets]


def backoff_seconds(attempts: int, base: float, cap: float = 3600.0) -> float:
    """Delay before the next try: base * 2^(attempts-1), capped, with +-20% jitter so that
    many notices failing together do not retry together."""
    delay = min(cap, base * (2 ** max(0, attempts - 1)))
    return delay * random.uniform(0.8, 1.2)


class AlertDB:
    """The alert state file. Safe to share between threads and between processes."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False,
                                     isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(SCHEMA)
        self._conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)",
                           (str(SCHEMA_VERSION),))

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (taken eagerly so two processes never interleave)."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _rows(self, sql: str, args: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, tuple(args)).fetchall()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # --- meta (cursor) ------------------------------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        rows = self._rows("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0]["value"] if rows else default

    def set_meta(self, key: str, value: str) -> None:
        with self.tx() as c:
            c.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # --- subscriptions ------------------------------------------------------------------

    def add_subscription(self, sub: Subscription) -> Subscription:
        sub.validate()
        try:
            with self.tx() as c:
                c.execute("INSERT INTO subscriptions VALUES (?, ?, ?, ?, ?)",
                          (sub.name, json.dumps(sub.to_dict()), int(sub.paused), sub.token,
                           sub.created_at))
        except sqlite3.IntegrityError:
            raise SubscriptionError(
                f"E061 a subscription named '{sub.name}' already exists: pick another name "
                "or remove it first") from None
        return sub

    def _load(self, row: sqlite3.Row) -> Subscription:
        sub = Subscription.from_dict(json.loads(row["spec"]))
        sub.paused = bool(row["paused"])
        return sub

    def subscriptions(self, include_paused: bool = True) -> list[Subscription]:
        rows = self._rows("SELECT * FROM subscriptions ORDER BY created_at, name")
        subs = [self._load(r) for r in rows]
        return subs if include_paused else [s for s in subs if not s.paused]

    def get_subscription(self, name: str) -> Subscription:
        rows = self._rows("SELECT * FROM subscriptions WHERE name = ?", (name,))
        if not rows:
            raise SubscriptionError(
                f"E062 no subscription named '{name}' (see: dyadwatch subscribe list)")
        return self._load(rows[0])

    def set_paused(self, name: str, paused: bool) -> Subscription:
        self.get_subscription(name)
        with self.tx() as c:
            c.execute("UPDATE subscriptions SET paused = ? WHERE name = ?", (int(paused), name))
        return self.get_subscription(name)

    def remove_subscription(self, name: str) -> Subscription:
        """Delete the rule, its ledger and digest items, and cancel its queued notices."""
        sub = self.get_subscription(name)
        with self.tx() as c:
            c.execute("DELETE FROM subscriptions WHERE name = ?", (name,))
            c.execute("DELETE FROM ledger WHERE subscription = ?", (name,))
            c.execute("DELETE FROM digest_items WHERE subscription = ?", (name,))
            c.execute("DELETE FROM digest_state WHERE subscription = ?", (name,))
            c.execute("UPDATE outbox SET status = 'cancelled' WHERE subscription = ? "
                      "AND status IN ('pending', 'sending', 'dead')", (name,))
        return sub

    def by_token(self, token: str) -> Subscription | None:
        rows = self._rows("SELECT * FROM subscriptions WHERE token = ?", (token,))
        return self._load(rows[0]) if rows else None

    # --- ledger and queue ---------------------------------------------------------------

    def record(self, sub: Subscription, event_key: str, item: dict[str, Any],
               now: float | None = None) -> bool:
        """Note that `event_key` matched `sub` and queue its notice, at most once ever.

        Returns False when this (subscription, event) was seen before.
        """
        return self.record_many([(sub, event_key, item)], now) == 1

    def record_many(self, matches: Iterable[tuple[Subscription, str, dict[str, Any]]],
                    now: float | None = None) -> int:
        """`record` for a batch in one transaction; returns how many were new.

        Instant subscriptions get one outbox notice per channel target; digest
        subscriptions collect the item until their period closes.
        """
        now = time.time() if now is None else now
        with self.tx() as c:
            fresh = self._unseen(c, matches)
            c.executemany("INSERT INTO ledger VALUES (?, ?, ?)",
                          [(sub.name, key, now) for sub, key, _ in fresh])
            c.executemany("INSERT INTO digest_items VALUES (?, ?, ?, ?)",
                          [(sub.name, key, json.dumps(item), now) for sub, key, item in fresh
                           if sub.digest != "instant"])
            encoded: dict[int, str] = {}  # an event matching many rules is encoded once
            c.executemany(_INSERT_NOTICE, [
                row for sub, _, item in fresh if sub.digest == "instant"
                for row in _notice_rows(sub, _instant_body(sub, item, encoded), now)])
        return len(fresh)

    @staticmethod
    def _unseen(c: sqlite3.Connection, matches: Iterable[tuple[Subscription, str, Any]]
                ) -> list[tuple[Subscription, str, Any]]:
        """The matches not in the ledger yet (and each pair once), in their order."""
        firsts: dict[tuple[str, str], tuple[Subscription, str, Any]] = {}
        for m in matches:
            firsts.setdefault((m[0].name, m[1]), m)
        batch = list(firsts.items())
        seen: set[tuple[str, str]] = set()
        for i in range(0, len(batch), 400):
            pairs = [pair for pair, _ in batch[i:i + 400]]
            marks = ",".join(["(?, ?)"] * len(pairs))
            # a join from the batch, so each pair is one index search (an IN over row
            # values would scan the whole ledger)
            seen.update(tuple(r) for r in c.execute(
                f"WITH batch(s, k) AS (VALUES {marks}) SELECT l.subscription, l.event_key "
                "FROM batch JOIN ledger l ON l.subscription = batch.s AND l.event_key = batch.k",
                [v for pair in pairs for v in pair]))
        return [m for pair, m in batch if pair not in seen]

    def enqueue(self, sub: Subscription, payload: dict[str, Any],
                now: float | None = None) -> list[int]:
        """Queue `payload` for every channel target of `sub`; returns the notice ids."""
        with self.tx() as c:
            return self._enqueue(c, sub, payload, time.time() if now is None else now)

    def _enqueue(self, c: sqlite3.Connection, sub: Subscription, payload: dict[str, Any],
                 now: float) -> list[int]:
        return [c.execute(_INSERT_NOTICE, row).lastrowid
                for row in _notice_rows(sub, payload, now)]

    def count_happening(self, key: str, event_id: str, outlet: str | None) -> tuple[int, int]:
        """Add one mention to a happening; returns its (mentions, distinct outlets)."""
        with self.tx() as c:
            c.execute("INSERT OR IGNORE INTO happenings VALUES (?, ?, ?)", (key, event_id, outlet))
            row = c.execute("SELECT count(*), count(DISTINCT outlet) FROM happenings "
                            "WHERE key = ?", (key,)).fetchone()
        return int(row[0]), int(row[1])

    # --- digests --------------------------------------------------------------------------

    def digest_items(self, name: str) -> list[tuple[str, dict[str, Any]]]:
        rows = self._rows("SELECT event_key, item FROM digest_items WHERE subscription = ? "
                          "ORDER BY created_at, event_key", (name,))
        return [(r["event_key"], json.loads(r["item"])) for r in rows]

    def digest_period(self, name: str) -> str | None:
        rows = self._rows("SELECT period FROM digest_state WHERE subscription = ?", (name,))
        return rows[0]["period"] if rows else None

    def close_digest(self, sub: Subscription, period: str, payload: dict[str, Any] | None,
                     keys: list[str], now: float) -> None:
        """Queue one digest notice (if any items) and start the next period, atomically."""
        with self.tx() as c:
            if payload is not None:
                self._enqueue(c, sub, payload, now)
            c.executemany("DELETE FROM digest_items WHERE subscription = ? AND event_key = ?",
                          [(sub.name, k) for k in keys])
            c.execute("INSERT OR REPLACE INTO digest_state VALUES (?, ?)", (sub.name, period))

    # --- delivery bookkeeping ----------------------------------------------------------------

    def claim_due(self, now: float, limit: int = 100, ids: Iterable[int] = ()) -> list[Notice]:
        """Pending notices whose time has come (or those with `ids`), marked 'sending' so
        no one else takes them."""
        only = list(ids)
        extra = f" AND id IN ({','.join('?' * len(only))})" if only else ""
        with self.tx() as c:
            rows = c.execute("SELECT * FROM outbox WHERE status = 'pending' AND next_attempt <= ?"
                             f"{extra} ORDER BY next_attempt, id LIMIT ?",
                             (now, *only, limit)).fetchall()
            c.executemany("UPDATE outbox SET status = 'sending' WHERE id = ?",
                          [(r["id"],) for r in rows])
        return [Notice.from_row(r) for r in rows]

    def mark_sent(self, notice_id: int, now: float) -> None:
        with self.tx() as c:
            c.execute("UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1,"
                      " last_error = NULL WHERE id = ?", (now, notice_id))

    def mark_failed(self, notice_id: int, error: str, now: float, *, max_attempts: int,
                    base_delay: float) -> str:
        """Schedule a retry with backoff, or move the notice to the dead-letter list."""
        with self.tx() as c:
            (attempts,) = c.execute("SELECT attempts + 1 FROM outbox WHERE id = ?",
                                    (notice_id,)).fetchone()
            status = "dead" if attempts >= max_attempts else "pending"
            c.execute("UPDATE outbox SET status = ?, attempts = ?, last_error = ?,"
                      " next_attempt = ? WHERE id = ?",
                      (status, attempts, error[:500], now + backoff_seconds(attempts, base_delay),
                       notice_id))
        return status

    def release_stale(self) -> int:
        """Put notices left 'sending' by a process that stopped mid-send back in the queue.

        The notice keeps its uid, so a receiver that already got it can tell the repeat.
        """
        with self.tx() as c:
            return c.execute("UPDATE outbox SET status = 'pending' WHERE status = 'sending'"
                             ).rowcount

    def notices(self, status: str | None = None, limit: int = 100) -> list[Notice]:
        if status:
            rows = self._rows("SELECT * FROM outbox WHERE status = ? ORDER BY id DESC LIMIT ?",
                              (status, limit))
        else:
            rows = self._rows("SELECT * FROM outbox ORDER BY id DESC LIMIT ?", (limit,))
        return [Notice.from_row(r) for r in rows]

    def notice(self, notice_id: int) -> Notice:
        return Notice.from_row(self._rows("SELECT * FROM outbox WHERE id = ?", (notice_id,))[0])

    def counts(self) -> dict[str, int]:
        rows = self._rows("SELECT status, count(*) AS n FROM outbox GROUP BY status")
        return {s: 0 for s in STATUSES} | {r["status"]: r["n"] for r in rows}

    def replay(self, ids: Iterable[int] = (), now: float | None = None) -> int:
        """Put dead notices (all, or those with `ids`) back in the queue with fresh attempts."""
        now = time.time() if now is None else now
        ids = list(ids)
        with self.tx() as c:
            if ids:
                marks = ",".join("?" * len(ids))
                sql = f"WHERE status = 'dead' AND id IN ({marks})"
            else:
                sql = "WHERE status = 'dead'"
            return c.execute(f"UPDATE outbox SET status = 'pending', attempts = 0, "
                             f"next_attempt = ? {sql}", (now, *ids)).rowcount
