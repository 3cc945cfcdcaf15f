"""What an ingest remembers between runs, in one SQLite file beside the store.

- `signatures`: each ingested article's MinHash signature (for first copies) or the id of
  its first copy (for near-duplicates), so near-duplicate detection survives reruns and
  interrupted runs; the LSH index is rebuilt from it at start.
- `http_cache`: ETag and Last-Modified per URL, for conditional GET.
- `seen_urls`: page URLs already turned into articles, so a feed's entries are not
  fetched again on the next poll.

SQLite (WAL mode) keeps this crash-safe with no server and works beside either store.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from dyadwatch.errors import InputError

COMMIT_EVERY = 500
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS signatures (
    article_id TEXT PRIMARY KEY, duplicate_of TEXT, signature BLOB);
CREATE TABLE IF NOT EXISTS http_cache (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, checked_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seen_urls (url TEXT PRIMARY KEY, article_id TEXT NOT NULL);
"""


def default_state_path(db: str) -> Path:
    """`events.duckdb` -> `events.duckdb.ingest.sqlite`; a server URL -> a file in the
    user's state folder, named by a hash of the URL (no password is written anywhere)."""
    if "://" not in db:
        return Path(f"{db}.ingest.sqlite")
    base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return base / "dyadwatch" / f"ingest-{hashlib.sha1(db.encode()).hexdigest()[:16]}.sqlite"


class IngestState:
    """The SQLite state file; writes are committed in batches and on `close`."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, isolation_level="DEFERRED")
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise InputError(f"E025 ingest state file {self.path} is unreadable ({exc}); "
                             "move it away to start afresh") from exc
        self._writes = 0

    def check_meta(self, key: str, value: str) -> None:
        """Record a setting the stored data depends on; refuse a different one later."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.db.execute("INSERT INTO meta VALUES (?, ?)", (key, value))
        elif row[0] != value:
            raise InputError(f"E026 {self.path} was built with {key}={row[0]}, not {value}; "
                             "use the same setting or another state file")

    # signatures
    def originals(self) -> Iterator[tuple[str, bytes]]:
        yield from self.db.execute(
            "SELECT article_id, signature FROM signatures WHERE duplicate_of IS NULL "
            "AND signature IS NOT NULL ORDER BY rowid")

    def signature(self, article_id: str) -> bytes | None:
        row = self.db.execute("SELECT signature FROM signatures WHERE article_id = ?",
                              (article_id,)).fetchone()
        return row[0] if row else None

    def order_of(self, article_id: str) -> int:
        row = self.db.execute("SELECT rowid FROM signatures WHERE article_id = ?",
                              (article_id,)).fetchone()
        return row[0] if row else 1 << 62

    def known(self, article_id: str) -> tuple[bool, str | None]:
        """(seen before, id of its first copy if it is a near-duplicate)."""
        row = self.db.execute("SELECT duplicate_of FROM signatures WHERE article_id = ?",
                              (article_id,)).fetchone()
        return (row is not None, row[0] if row else None)

    def add_signature(self, article_id: str, signature: bytes | None,
                      duplicate_of: str | None) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO signatures (article_id, duplicate_of, signature) "
            "VALUES (?, ?, ?)", (article_id, duplicate_of, None if duplicate_of else signature))
        self._wrote()

    # conditional GET
    def validators(self, url: str) -> tuple[str | None, str | None]:
        row = self.db.execute("SELECT etag, last_modified FROM http_cache WHERE url = ?",
                              (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def set_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        now = datetime.now(timezone.utc).isoformat()
        self.db.execute("INSERT OR REPLACE INTO http_cache VALUES (?, ?, ?, ?)",
                        (url, etag, last_modified, now))
        self._wrote()

    # page URLs already ingested
    def seen_url(self, url: str) -> str | None:
        row = self.db.execute("SELECT article_id FROM seen_urls WHERE url = ?",
                              (url,)).fetchone()
        return row[0] if row else None

    def mark_url(self, url: str, article_id: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO seen_urls VALUES (?, ?)", (url, article_id))
        self._wrote()

    def _wrote(self) -> None:
        self._writes += 1
        if self._writes >= COMMIT_EVERY:
            self.commit()

    def commit(self) -> None:
        self.db.commit()
        self._writes = 0

    def close(self) -> None:
        self.commit()
        self.db.close()
