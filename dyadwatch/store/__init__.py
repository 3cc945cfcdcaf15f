"""Storage: one Store interface, DuckDB (default) and PostgreSQL implementations."""

from __future__ import annotations

import os

from dyadwatch.store.base import EventFilter, Store

DEFAULT_DB = "dyadwatch.duckdb"


def open_store(url: str | None = None) -> Store:
    url = url or os.environ.get("DYADWATCH_DB") or DEFAULT_DB
    if url.startswith(("postgresql://", "postgres://")):
        from dyadwatch.store.postgres import PostgresStore

        return PostgresStore(url)
    from dyadwatch.store.duckdb import DuckDBStore

    return DuckDBStore(url)


__all__ = ["DEFAULT_DB", "EventFilter", "Store", "open_store"]
