"""The PostgreSQL store (psycopg 3): one database shared by many processes.

Writes take a transaction-scoped advisory lock, so mention positions (`seq`, from a
sequence) become visible in the order they were given: a reader polling
`events_after(cursor)` never skips a mention committed late. Rows arrive by COPY (CSV
written by Arrow), never INSERT by INSERT. Code columns sort byte-wise (COLLATE "C"),
which lets `LIKE 'MEX%'` use the B-tree indexes.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from typing import Any

import psycopg
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from dyadwatch.errors import StoreError
from dyadwatch.store.schema import SCHEMA_VERSION
from dyadwatch.store.sqlstore import Rows, SQLStore

WRITE_LOCK = 0x64796164  # advisory lock key ("dyad")


def _sql(query: str) -> str:
    """`?` placeholders (shared SQL) to psycopg's `%s`."""
    return query.replace("%", "%%").replace("?", "%s")


class PostgresStore(SQLStore):
    """A store in a PostgreSQL database (schema created or upgraded when opened)."""

    backend = "postgresql"

    def __init__(self, url: str, read_only: bool = False, buffered: bool = False):
        self.url = url
        self._lock = threading.RLock()
        self._setup_buffer(buffered)
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError as exc:
            raise StoreError(f"E035 cannot connect to {_safe(url)}: "
                             f"{str(exc).strip().splitlines()[-1]}") from None
        self.conn.execute("SET TimeZone = 'UTC'")
        if read_only:
            self.conn.execute("SET default_transaction_read_only = on")
            version = self.schema_version()
            if version != SCHEMA_VERSION:
                self.conn.close()
                raise StoreError(f"E036 store {_safe(url)} has schema version "
                                 f"{version}: open it once for writing to "
                                 "create or upgrade it")
            return
        with self._lock, self.conn.transaction():
            # one process migrates at a time; the others wait, then see the new version
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK + 1])
            self._open_schema()

    def _execute(self, sql: str, params: list[Any] | tuple = ()) -> Rows:
        with self._lock, self.conn.cursor() as cur:
            cur.execute(_sql(sql), list(params))
            columns = [d.name for d in cur.description]
            return columns, cur.fetchall()

    def _execute_stream(self, sql: str, params: list[Any], size: int) -> Iterator[Rows]:
        # a connection of its own, so that other queries may run while this one streams
        with psycopg.connect(self.url) as conn:
            conn.execute("SET TimeZone = 'UTC'")
            with conn.cursor(name="dyadwatch_stream") as cur:
                cur.itersize = size
                cur.execute(_sql(sql), params)
                columns = [d.name for d in cur.description]
                while rows := cur.fetchmany(size):
                    yield columns, rows

    def _run_in_transaction(self, statements: list[str]) -> None:
        with self._lock, self.conn.transaction():
            for stmt in statements:
                self.conn.execute(stmt)

    def _seq_mark(self) -> int:
        return int(self._query("SELECT nextval('mention_seq')")[1][0][0])

    def _write(self, article_ids: pa.Array, tables: dict[str, pa.Table],
               before: int | None = None) -> None:
        ids = article_ids.to_pylist()
        with self._lock, self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            older = "" if before is None else " AND seq < %s"
            self.conn.execute(f"DELETE FROM mentions WHERE article_id = ANY(%s){older}",
                              [ids] if before is None else [ids, before])
            if "articles" in tables:
                self.conn.execute("DELETE FROM quotes WHERE article_id = ANY(%s)", [ids])
                self.conn.execute("DELETE FROM articles WHERE id = ANY(%s)", [ids])
            for name, table in tables.items():
                self._copy(name, table)

    def _copy(self, name: str, table: pa.Table) -> None:
        if table.num_rows == 0:
            return
        columns = ", ".join(table.column_names)
        with self.conn.cursor() as cur, cur.copy(
            f"COPY {name} ({columns}) FROM STDIN (FORMAT csv)"
        ) as copy:
            for chunk in _csv_chunks(table):
                copy.write(chunk)

    def _close(self) -> None:
        with self._lock:
            self.conn.close()


def _csv_ready(table: pa.Table) -> pa.Table:
    """Timestamps as ISO text with offset, which COPY reads unambiguously."""
    columns = []
    for col, field in zip(table.columns, table.schema):
        if pa.types.is_timestamp(field.type):
            col = pc.strftime(col, format="%Y-%m-%dT%H:%M:%S%z")  # %S has the fraction
        columns.append(col)
    return pa.Table.from_arrays(columns, names=table.column_names)


def _csv_chunks(table: pa.Table, rows: int = 50_000) -> Iterator[bytes]:
    """CSV bytes: null is an empty field, an empty string is quoted (`""`), as COPY reads."""
    table = _csv_ready(table)
    options = pacsv.WriteOptions(include_header=False, quoting_style="needed")
    for start in range(0, table.num_rows, rows):
        buf = io.BytesIO()
        pacsv.write_csv(table.slice(start, rows), buf, options)
        yield buf.getvalue()


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "the PostgreSQL server"
    return f"postgresql://{info.get('user', '')}@{info.get('host', '')}:" \
           f"{info.get('port', 5432)}/{info.get('dbname', '')}"
