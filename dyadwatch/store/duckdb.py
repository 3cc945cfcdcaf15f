"""The DuckDB store: one file, no server, the default.

DuckDB lets one process write a file at a time (others may read it when nobody writes);
for several writers at once use PostgreSQL. Tables carry no indexes: DuckDB's column
scans with min/max zone maps answer the store's queries faster than an index would,
and bulk loads stay fast. Mention positions (`seq`) come from a counter in the `meta`
table, advanced in the same transaction that inserts the rows; `article_seq` records
which positions each article's mentions got, so that one article's rows are found (and
replaced) by reading only their row groups (docs/decisions/014).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dyadwatch.errors import StoreError
from dyadwatch.model import Event
from dyadwatch.store.rows import ARTICLE_NAMES, MENTION_NAMES, QUOTE_NAMES
from dyadwatch.store.schema import SCHEMA_VERSION
from dyadwatch.store.sqlstore import MENTION_SELECT, Rows, SQLStore

INSERT_COLUMNS = {"articles": ARTICLE_NAMES, "quotes": QUOTE_NAMES,
                  "mentions": ["seq", *MENTION_NAMES]}


class DuckDBStore(SQLStore):
    """A store in a DuckDB file (created, or upgraded in place, when opened)."""

    backend = "duckdb"
    page_by_position = True

    def __init__(self, path: str | Path, read_only: bool = False, buffered: bool = False):
        self.url = str(path)
        self._lock = threading.RLock()
        self._setup_buffer(buffered)
        if read_only and not Path(self.url).exists():
            raise StoreError(f"E030 no store at '{self.url}': store some events first "
                             f"(dyadwatch code corpus/ --db {self.url})")
        try:
            self.con = _connect(self.url, read_only)
        except (duckdb.IOException, duckdb.InvalidInputException,
                duckdb.ConnectionException) as exc:
            raise StoreError(f"E035 cannot open store '{self.url}': {_first_line(exc)}. "
                             "A DuckDB file takes one writer at a time; use PostgreSQL "
                             "to share a store between processes") from None
        self.con.execute("SET TimeZone = 'UTC'")
        if not read_only:
            self._open_schema()
        elif (version := self.schema_version()) != SCHEMA_VERSION:
            self.con.close()
            raise StoreError(f"E036 store '{self.url}' has schema version "
                             f"{version}: open it once for writing to upgrade it")

    def _execute(self, sql: str, params: list[Any] | tuple = ()) -> Rows:
        with self._lock:
            cur = self.con.execute(sql, list(params))
            columns = [d[0] for d in cur.description]
            return columns, cur.fetchall()

    def _execute_stream(self, sql: str, params: list[Any], size: int) -> Iterator[Rows]:
        cur = self.con.cursor()  # its own connection: other queries may run meanwhile
        try:
            cur.execute(sql, params)
            columns = [d[0] for d in cur.description]
            while rows := cur.fetchmany(size):
                yield columns, rows
        finally:
            cur.close()

    def _execute_arrow(self, sql: str, params: list[Any], size: int,
                      schema: pa.Schema) -> Iterator[pa.Table]:
        cur = self.con.cursor()
        try:
            reader = cur.sql(sql, params=params).to_arrow_reader(size)
            for batch in reader:
                yield pa.Table.from_batches([batch]).cast(schema)
        finally:
            cur.close()

    def _run_in_transaction(self, statements: list[str]) -> None:
        with self._lock:
            self.con.execute("BEGIN TRANSACTION")
            try:
                for stmt in statements:
                    self.con.execute(stmt)
                self.con.execute("COMMIT")
            except BaseException:
                self.con.execute("ROLLBACK")
                raise

    def _seq_mark(self) -> int:
        return int(self._query("SELECT value FROM meta WHERE key = 'next_seq'")[1][0][0])

    def _write(self, article_ids: pa.Array, tables: dict[str, pa.Table],
               before: int | None = None) -> None:
        with self._lock:
            con = self.con
            con.execute("BEGIN TRANSACTION")
            try:
                con.register("batch_ids", pa.table({"id": article_ids}))
                self._delete_mentions(before)
                if "articles" in tables:
                    for name in ("articles", "quotes"):
                        key = "id" if name == "articles" else "article_id"
                        con.execute(f"DELETE FROM {name} WHERE {key} IN "
                                    "(SELECT id FROM batch_ids)")
                for name, table in tables.items():
                    self._insert(name, table)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            finally:
                con.unregister("batch_ids")

    def _delete_mentions(self, before: int | None) -> None:
        """Delete the stored mentions of the articles in `batch_ids` (those stored before
        position `before`, if given). Their positions come from `article_seq`, so a batch
        of new articles deletes nothing without reading the mentions table, and the others
        read only the row groups of the positions they had."""
        older = "" if before is None else f" AND first_seq < {int(before)}"
        below = "" if before is None else f" AND seq < {int(before)}"
        ranges = ("FROM article_seq WHERE article_id IN (SELECT id FROM batch_ids)"
                  f"{older}")
        low, high = self.con.execute(f"SELECT min(first_seq), max(last_seq) {ranges}"
                                     ).fetchone()
        if low is None:
            return
        self.con.execute("DELETE FROM mentions WHERE seq BETWEEN ? AND ? AND article_id IN "
                         f"(SELECT id FROM batch_ids){below}", [low, high])
        self.con.execute(f"DELETE {ranges}")

    def _insert(self, name: str, table: pa.Table) -> None:
        if table.num_rows == 0:
            return
        if name == "mentions":
            start = self._seq_mark()
            table = table.add_column(0, "seq", pa.array(np.arange(start, start + table.num_rows,
                                                                  dtype=np.int64)))
            self.con.execute("UPDATE meta SET value = ? WHERE key = 'next_seq'",
                             [str(start + table.num_rows)])
            table = clustered(table)
        self.con.register("batch_rows", table)
        try:
            columns = ", ".join(INSERT_COLUMNS[name])
            self.con.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM batch_rows")
            if name == "mentions":
                self.con.execute("INSERT INTO article_seq SELECT article_id, min(seq), "
                                 "max(seq) FROM batch_rows WHERE article_id IS NOT NULL "
                                 "GROUP BY article_id")
        finally:
            self.con.unregister("batch_rows")

    def _article_positions(self, article_id: str) -> tuple[int, int] | None:
        """The first and last positions of an article's mentions, or None if it has none."""
        low, high = self._query("SELECT min(first_seq), max(last_seq) FROM article_seq "
                                "WHERE article_id = ?", [article_id])[1][0]
        return None if low is None else (int(low), int(high))

    def article_events(self, article_id: str) -> list[Event]:
        """An article's mentions, read from its positions' row groups only."""
        with self._lock:  # no write between finding the positions and reading the rows
            span = self._article_positions(article_id)
            if span is None:
                return []
            return self._events(f"{MENTION_SELECT} WHERE seq BETWEEN ? AND ? AND "
                                "article_id = ? ORDER BY sentence_index, event_index, id",
                                [*span, article_id])

    def _close(self) -> None:
        with self._lock:
            self.con.close()


FEW_VALUES = {"source_code", "source_name", "source_country", "source_roles", "target_code",
              "target_name", "target_country", "target_roles", "cameo", "cameo_root",
              "plover_type", "plover_mode", "plover_context", "modality", "rule", "outlet",
              "location_name", "location_country"}


def clustered(mentions: pa.Table) -> pa.Table:
    """The batch's rows ordered by source, target and date, so that each batch is stored
    as a sorted run: the min/max zone maps of its row groups then cover narrow ranges of
    codes, and a dyad or actor query skips most of the table. Positions (`seq`) were given
    before this, in the order the rows came, and travel with their rows.

    The order comes from integer ranks sorted by numpy (an Arrow multi-column sort on
    strings costs several times more), and columns of few distinct values (codes, names,
    types) are moved as dictionary indices: a random-order take of plain strings costs
    more than the rest of the sort."""
    if mentions.num_rows < 2:
        return mentions
    days = pc.fill_null(mentions.column("date").cast(pa.int32()), -1).to_numpy()
    order = pa.array(np.lexsort((days, _ranks(mentions.column("target_code")),
                                 _ranks(mentions.column("source_code")))))
    columns = [pc.dictionary_encode(col) if name in FEW_VALUES and pa.types.is_string(col.type)
               else col for name, col in zip(mentions.column_names, mentions.columns)]
    return pa.Table.from_arrays([col.take(order) for col in columns],
                                names=mentions.column_names)


def _ranks(codes: pa.ChunkedArray) -> np.ndarray:
    """Each code's place among the batch's distinct codes in byte order (nulls first)."""
    distinct = pc.unique(codes).drop_null()
    distinct = distinct.take(pc.sort_indices(distinct))
    return pc.fill_null(pc.index_in(codes, value_set=distinct), -1).to_numpy()


def _connect(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(path, read_only=read_only)
    except duckdb.ConnectionException as exc:
        if read_only and "different configuration" in str(exc):
            # this process already has the file open for writing: share that instance
            return duckdb.connect(path)
        raise


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0]
