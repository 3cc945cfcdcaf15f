"""Storage: one Store interface, DuckDB (default) and PostgreSQL implementations."""

from __future__ import annotations

import os

from dyadwatch.store.base import EventFilter, Store

DEFAULT_DB = "dyadwatch.duckdb"


def open_store(url: str | None = None, *, read_only: bool = False,
               buffered: bool = False) -> Store:
    """A DuckDB file path or a postgresql:// URL (default $DYADWATCH_DB, else
    ./dyadwatch.duckdb), created or upgraded when opened for writing.

    `read_only=True` never creates or migrates; several processes may then read one
    DuckDB file at once (while no process writes it). `buffered=True` stores `put`
    articles in batches (see Store.put): for streams of articles, like `dyadwatch code`.
    """
    url = str(url or os.environ.get("DYADWATCH_DB") or DEFAULT_DB)
    if url.startswith(("postgresql://", "postgres://")):
        from dyadwatch.store.postgres import PostgresStore

        return PostgresStore(url, read_only=read_only, buffered=buffered)
    from dyadwatch.store.duckdb import DuckDBStore

    return DuckDBStore(url, read_only=read_only, buffered=buffered)


__all__ = ["DEFAULT_DB", "EventFilter", "Store", "open_store"]
