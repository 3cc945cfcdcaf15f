"""What DuckDB and PostgreSQL stores share: every query, written once.

A backend supplies a connection and five primitives (`_query`, `_stream`, `_write`,
`_migrate_statements`, `close`); everything a caller sees is defined here, so both stores
give the same answers by construction and the shared test suite checks they do.

Writes go in batches: `put_many` turns up to `batch_articles` articles into Arrow
tables and stores them in one transaction (delete the articles' old rows, bulk-insert
the new ones), so an article is never half-written and re-storing one replaces it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from itertools import islice
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa

from dyadwatch.aggregate import (
    MENTION_TSV_SQL,
    aggregate_frame,
    aggregate_sql,
    parse_event_key,
    timeline_frame,
    timeline_sql,
)
from dyadwatch.errors import StoreError
from dyadwatch.model import Article, Event, Quote
from dyadwatch.store.base import EventFilter
from dyadwatch.store.filters import (
    ACTOR_RE,
    _code,
    check_filter,
    check_paging,
    having_clause,
    mention_clauses,
    where_clause,
)
from dyadwatch.store.rows import (
    ARTICLE_SCHEMA,
    MENTION_NAMES,
    MENTION_SCHEMA,
    QUOTE_SCHEMA,
    article_from_row,
    article_row,
    event_from_row,
    mention_row,
    quote_from_row,
    quote_row,
    to_arrow,
)
from dyadwatch.store.schema import SCHEMA_VERSION, migrate

if TYPE_CHECKING:
    from typing_extensions import Self

Rows = tuple[list[str], list[tuple]]
CUT_COLUMNS = ("date", "goldstein")  # narrow sort columns a page can be cut on
MENTION_SELECT = "SELECT seq, " + ", ".join(MENTION_NAMES) + " FROM mentions"


class SQLStore:
    """The Store protocol over SQL; subclasses bind it to one database."""

    url: str
    backend: str = ""
    batch_articles: int = 500
    flush_seconds: float = 1.0
    page_by_position: bool = False  # a column store reads a page faster in two steps
    text_chunk: int = 256  # a text search tests the sentences of this many candidates first
    text_chunk_max: int = 256_000  # ... 4 times more each step up to this, then scans

    # --- backend primitives -------------------------------------------------------

    def _execute(self, sql: str, params: list[Any] | tuple = ()) -> Rows:
        """Column names and all rows; `?` placeholders."""
        raise NotImplementedError

    def _execute_stream(self, sql: str, params: list[Any], size: int) -> Iterator[Rows]:
        """Column names and rows, `size` rows at a time."""
        raise NotImplementedError

    def _execute_arrow(self, sql: str, params: list[Any], size: int,
                       schema: pa.Schema) -> Iterator[pa.Table]:
        """Rows as Arrow tables of `schema` (a backend may do this without Python rows)."""
        for cols, rows in self._execute_stream(sql, params, size):
            yield pa.Table.from_pylist([dict(zip(cols, r)) for r in rows], schema)

    def _write(self, article_ids: pa.Array, tables: dict[str, pa.Table],
               before: int | None = None) -> None:
        """In one transaction: delete the mentions of `article_ids` (only those stored
        before position `before`, if given) and, when `tables` has articles, their article
        and quote rows; then insert `tables`, giving mentions the next positions."""
        raise NotImplementedError

    def _seq_mark(self) -> int:
        """A position at or above every stored mention's, below every later one's."""
        raise NotImplementedError

    def _run_in_transaction(self, statements: list[str]) -> None:
        raise NotImplementedError

    def _close(self) -> None:
        raise NotImplementedError

    # --- reads see every write: pending buffered articles are stored first ----------

    def _query(self, sql: str, params: list[Any] | tuple = ()) -> Rows:
        self.flush()
        return self._execute(sql, params)

    def _stream(self, sql: str, params: list[Any], size: int) -> Iterator[Rows]:
        self.flush()
        return self._execute_stream(sql, params, size)

    def _stream_arrow(self, sql: str, params: list[Any], size: int,
                      schema: pa.Schema) -> Iterator[pa.Table]:
        self.flush()
        return self._execute_arrow(sql, params, size, schema)

    def close(self) -> None:
        """Store what is pending, then close."""
        try:
            self.flush()
        finally:
            self._close()

    # --- write buffering ------------------------------------------------------------

    def _setup_buffer(self, buffered: bool) -> None:
        self._buffered = buffered
        self._pending: list[PreparedArticle] = []
        self._timer: threading.Timer | None = None
        self._flush_error: BaseException | None = None

    def flush(self) -> None:
        """Store the articles that buffered `put` calls are holding (one transaction)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            pending, self._pending = self._pending, []
            if pending:
                self._write_prepared(pending)
        if self._flush_error is not None:
            error, self._flush_error = self._flush_error, None
            raise StoreError(f"E037 storing a batch in the background failed: {error}")

    def _timed_flush(self) -> None:
        try:
            with self._lock:
                self._timer = None
                pending, self._pending = self._pending, []
                if pending:
                    self._write_prepared(pending)
        except Exception as exc:  # noqa: BLE001  (raised by the next flush or read)
            self._flush_error = exc

    # --- schema -------------------------------------------------------------------

    def _open_schema(self) -> None:
        """Create the schema or upgrade an older one in place."""
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"E033 store {self.url} has schema version {current}, newer than this "
                f"dyadwatch understands ({SCHEMA_VERSION}): upgrade dyadwatch"
            )
        migrate(current, self._run_in_transaction, postgres=self.backend == "postgresql")

    def _has_table(self, name: str) -> bool:
        _, rows = self._query(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
        )
        return rows[0][0] > 0

    def schema_version(self) -> int:
        """The store's schema version (0 for an empty database)."""
        if not self._has_table("schema_version"):
            return 0
        _, rows = self._query("SELECT max(version) FROM schema_version")
        return rows[0][0] or 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ------------------------------------------------------------------

    def put(self, article: Article, events: list[Event], quotes: Iterable[Quote] = ()) -> None:
        """Store one article and replace all its events and quotes, in one transaction.

        A store opened with `buffered=True` holds the article and stores it with others
        (up to `batch_articles`, at most `flush_seconds` later, or at the next read,
        `flush()` or `close()`), still whole or not at all: much faster for a stream of
        articles. A bad article is refused here either way.
        """
        prepared = _prepare(article, list(events), list(quotes))
        if not self._buffered:
            self._write_prepared([prepared])
            return
        with self._lock:
            self._pending.append(prepared)
            if len(self._pending) >= self.batch_articles:
                self.flush()
            elif self._timer is None:
                self._timer = threading.Timer(self.flush_seconds, self._timed_flush)
                self._timer.daemon = True
                self._timer.start()

    def put_many(self, items: Iterable[tuple[Article, list[Event], list[Quote]]]) -> int:
        """Store many articles, `batch_articles` per transaction; returns the count."""
        it = iter(items)
        total = 0
        while batch := list(islice(it, self.batch_articles)):
            self.flush()
            self._write_prepared([_prepare(a, list(e), list(q)) for a, e, q in batch])
            total += len(batch)
        return total

    def _write_prepared(self, batch: list[PreparedArticle]) -> None:
        latest = {p.article_id: p for p in batch}  # the last copy of an article wins
        self._write(pa.array(list(latest), pa.string()), {
            "articles": to_arrow([p.article for p in latest.values()], ARTICLE_SCHEMA),
            "mentions": to_arrow([m for p in latest.values() for m in p.mentions],
                                 MENTION_SCHEMA),
            "quotes": to_arrow([q for p in latest.values() for q in p.quotes], QUOTE_SCHEMA),
        })

    def import_mentions(self, batches: Iterable[pa.Table | pa.RecordBatch],
                        articles: Iterable[pa.Table] = ()) -> int:
        """Bulk-load mention rows (columns of the mentions table, e.g. a Parquet export),
        each batch in one transaction replacing the articles it names. Returns the count.

        This is the fast path for data already in columns (another store, Spark output):
        no Python object per row.
        """
        n = 0
        self.flush()
        mark = self._seq_mark()  # rows older than this are replaced, ours are kept
        for batch in articles:
            table = _conform(batch, ARTICLE_SCHEMA)
            self._write(table.column("id").unique(), {"articles": table}, before=mark)
        for batch in batches:
            table = _conform(batch, MENTION_SCHEMA)
            self._write(table.column("article_id").unique(), {"mentions": table}, before=mark)
            n += table.num_rows
        return n

    # --- reading mentions ---------------------------------------------------------

    def _events(self, sql: str, params: list[Any]) -> list[Event]:
        columns, rows = self._query(sql, params)
        return [event_from_row(dict(zip(columns, r))) for r in rows]

    def has_article(self, article_id: str) -> bool:
        _, rows = self._query("SELECT count(*) FROM articles WHERE id = ?", [article_id])
        return rows[0][0] > 0

    def stored_ids(self, article_ids: Iterable[str]) -> set[str]:
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return set()
        marks = ", ".join("?" for _ in ids)
        _, rows = self._query(f"SELECT id FROM articles WHERE id IN ({marks})", ids)
        return {row[0] for row in rows}

    def get_article(self, article_id: str) -> Article | None:
        columns, rows = self._query("SELECT * FROM articles WHERE id = ?", [article_id])
        return article_from_row(dict(zip(columns, rows[0]))) if rows else None

    def article_events(self, article_id: str) -> list[Event]:
        return self._events(f"{MENTION_SELECT} WHERE article_id = ? "
                            "ORDER BY sentence_index, event_index, id", [article_id])

    def events(self, flt: EventFilter | None = None, *, limit: int = 100, offset: int = 0,
               order: str = "date_desc") -> list[Event]:
        """Event mentions matching `flt`, newest first by default."""
        lim, off, order_by = check_paging(limit, offset, order)
        f = check_filter(flt)
        if f.text and self.page_by_position:
            return self._page_with_text(f, lim, off, order_by)
        return self._page(f, lim, off, order_by)

    def _page(self, f: EventFilter, lim: int, off: int, order_by: str) -> list[Event]:
        where, params = where_clause(f)
        if not self.page_by_position:
            return self._events(f"{MENTION_SELECT} {where} ORDER BY {order_by} LIMIT ? OFFSET ?",
                                [*params, lim, off])
        with self._lock:  # no write between the steps: row ids stay where they are
            rowids = self._page_rowids(where, params, lim, off, order_by, cut=not f.text)
            return self._rows_at(rowids, order_by)

    def _page_rowids(self, where: str, params: list[Any], lim: int, off: int, order_by: str,
                     cut: bool = True) -> list[int]:
        """The row ids of a page, found on the sort columns only; with `cut`, the rows
        beyond the page's last sort values are left out first (not worth it when the
        conditions hold a text test, which the cut would run once more)."""
        if cut:
            where, params = self._cut_below_page(where, params, lim, off, order_by)
        _, found = self._query(f"SELECT rowid FROM mentions {where} ORDER BY {order_by} "
                               "LIMIT ? OFFSET ?", [*params, lim, off])
        return [r[0] for r in found]

    def _rows_at(self, rowids: list[int], order_by: str) -> list[Event]:
        """Whole rows for the page's row ids only (DuckDB skips straight to their vectors)."""
        if not rowids:
            return []
        return self._events(f"{MENTION_SELECT} WHERE rowid = ANY(?) ORDER BY {order_by}",
                            [rowids])

    def _cut_below_page(self, where: str, params: list[Any], lim: int, off: int,
                        order_by: str) -> tuple[str, list[Any]]:
        """`where` narrowed to rows that can be on the page: the values of the narrow sort
        columns (Goldstein, date) at the page's last position are found by a sort on those
        alone, and rows beyond them are left out of the full sort (which also reads ids)."""
        keys = [k.split()[:2] for k in order_by.split(", ") if k.split()[0] in CUT_COLUMNS]
        if not keys or keys[0][0] != order_by.split()[0]:
            return where, params  # `seq` alone is already a narrow sort
        sort = ", ".join(f"{c} {d} NULLS LAST" for c, d in keys)
        _, rows = self._query(f"SELECT {', '.join(c for c, _ in keys)} FROM mentions {where} "
                              f"ORDER BY {sort} LIMIT 1 OFFSET ?", [*params, lim + off - 1])
        if not rows or rows[0][0] is None:
            return where, params  # a short set, or a page among undated rows
        (first, way), values = keys[0], rows[0]
        cut, cut_params = f"{first} {'>=' if way == 'DESC' else '<='} ?", [values[0]]
        if len(keys) > 1 and values[1] is not None:  # ties on the first: cut the second
            second, way2 = keys[1]
            cut += (f" AND ({first} {'>' if way == 'DESC' else '<'} ? OR "
                    f"{second} {'>=' if way2 == 'DESC' else '<='} ?)")
            cut_params += [values[0], values[1]]
        where = f"{where} AND {cut}" if where else f"WHERE {cut}"
        return where, [*params, *cut_params]

    def _page_with_text(self, f: EventFilter, lim: int, off: int,
                        order_by: str) -> list[Event]:
        """A page of a text search, read like a book: the mentions matching every other
        condition are taken in the page's order a chunk at a time (found on the sort
        columns only), and the sentence test runs on the chunk's rows only, until the
        page is full. Sentences are the widest column: this reads those of the first
        candidates, not those of every candidate. A rare text (chunks grown past
        `text_chunk_max` and still short of the page) ends in one scan with the test
        inside it, for the matches after those already found."""
        where, params = where_clause(replace(f, text=None))
        need, start, size = off + lim, 0, max(4 * (off + lim), self.text_chunk)
        hits: list[int] = []
        with self._lock:  # no write between the steps: row ids stay where they are
            while len(hits) < need:
                if size > self.text_chunk_max:
                    text_where, text_params = where_clause(f)
                    hits += self._page_rowids(text_where, text_params, need - len(hits),
                                              len(hits), order_by, cut=False)
                    break
                chunk = self._page_rowids(where, params, size, start, order_by)
                hits += self._with_text(chunk, f.text or "")
                if len(chunk) < size:
                    break
                start, size = start + size, size * 4
            return self._rows_at(hits[off:need], order_by)

    def _with_text(self, rowids: list[int], text: str) -> list[int]:
        """Those of `rowids` whose sentence holds `text` (any case), in their order."""
        if not rowids:
            return []
        # the CASE keeps the test after the row id condition (DuckDB would otherwise push
        # it into the scan and read every sentence)
        _, found = self._query("SELECT rowid FROM mentions WHERE rowid = ANY(?) AND CASE WHEN "
                               "rowid = ANY(?) THEN strpos(lower(sentence), ?) > 0 ELSE FALSE "
                               "END", [rowids, rowids, text.lower()])
        matched = {r[0] for r in found}
        return [r for r in rowids if r in matched]

    def count_events(self, flt: EventFilter | None = None, at_most: int | None = None) -> int:
        """How many mentions match; with `at_most`, counting stops there (a text search
        over a big store then answers "more than N" at once instead of reading every
        sentence)."""
        where, params = where_clause(flt)
        if at_most is None:
            return int(self._query(f"SELECT count(*) FROM mentions {where}", params)[1][0][0])
        limit = int(check_paging(at_most, 0)[0])
        return int(self._query(f"SELECT count(*) FROM (SELECT 1 FROM mentions {where} "
                               "LIMIT ?) t", [*params, limit])[1][0][0])

    def date_span(self, flt: EventFilter | None = None) -> tuple[str | None, str | None]:
        """The first and last event dates of the matching mentions (ISO), or Nones."""
        f = replace(check_filter(flt), text=None)  # the span of the rows the text is in
        where, params = where_clause(f)
        first, last = self._query(f"SELECT min(date), max(date) FROM mentions {where}",
                                  params)[1][0]
        return (first.isoformat() if first else None, last.isoformat() if last else None)

    def event_frame(self, flt: EventFilter | None = None, columns: list[str] | None = None,
                    *, limit: int = 5000, order: str = "stored_desc") -> pd.DataFrame:
        """Some columns of the matching mentions, as a DataFrame: summaries of many
        mentions without building an Event for each. `date` comes as ISO text."""
        lim, _, order_by = check_paging(limit, 0, order)
        names = columns or MENTION_NAMES
        unknown = sorted(set(names) - set(MENTION_NAMES) - {"seq"})
        if unknown:
            raise StoreError(f"E038 no mention column '{unknown[0]}'")
        where, params = where_clause(flt)
        cols, rows = self._query(f"SELECT {', '.join(names)} FROM mentions {where} "
                                 f"ORDER BY {order_by} LIMIT ?", [*params, lim])
        frame = pd.DataFrame.from_records(rows, columns=cols)
        if "date" in frame:
            frame["date"] = [d.isoformat() if d is not None else "" for d in frame["date"]]
        return frame

    def events_after(self, cursor: int, limit: int = 1000) -> tuple[list[Event], int]:
        """Mentions stored after `cursor`, oldest first, and the cursor to pass next time.

        A re-stored article's mentions come again (with a new position).
        """
        lim, _, _ = check_paging(limit, 0)
        columns, rows = self._query(f"{MENTION_SELECT} WHERE seq > ? ORDER BY seq LIMIT ?",
                                    [int(cursor), lim])
        events = [event_from_row(dict(zip(columns, r))) for r in rows]
        return events, (rows[-1][0] if rows else int(cursor))

    def iter_events(self, flt: EventFilter | None = None,
                    batch_size: int = 10_000) -> Iterator[list[Event]]:
        """Every matching mention, in batches, in the order they were stored."""
        where, params = where_clause(flt)
        for columns, rows in self._stream(f"{MENTION_SELECT} {where} ORDER BY seq", params,
                                          batch_size):
            yield [event_from_row(dict(zip(columns, r))) for r in rows]

    def iter_arrow(self, flt: EventFilter | None = None, columns: list[str] | None = None,
                   batch_size: int = 100_000) -> Iterator[pa.Table]:
        """Matching mention rows as Arrow tables (fast exports), in stored order."""
        where, params = where_clause(flt)
        names = columns or MENTION_NAMES
        schema = pa.schema([MENTION_SCHEMA.field(c) for c in names])
        sql = f"SELECT {', '.join(names)} FROM mentions {where} ORDER BY seq"
        yield from self._stream_arrow(sql, params, batch_size, schema)

    def quotes(self, speaker: str | None = None, *, limit: int = 100,
               offset: int = 0) -> list[Quote]:
        lim, off, _ = check_paging(limit, offset)
        params: list[Any] = []
        where = ""
        if speaker:
            params.append(_code("speaker", speaker, ACTOR_RE, "an actor code prefix") + "%")
            where = "WHERE speaker_code LIKE ?"
        columns, rows = self._query(
            f"SELECT * FROM quotes {where} ORDER BY article_id, quote_index LIMIT ? OFFSET ?",
            [*params, lim, off])
        return [quote_from_row(dict(zip(columns, r))) for r in rows]

    # --- aggregated events --------------------------------------------------------

    def _aggregate_parts(self, flt: EventFilter | None) -> tuple[str, str, list[Any]]:
        """WHERE, HAVING and the parameters of `aggregate_sql` (which reads WHERE twice)."""
        f = check_filter(flt)
        params: list[Any] = []
        clauses = mention_clauses(f, params)
        having_params: list[Any] = []
        having = having_clause(f, having_params)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return where, having, params + having_params + params

    def aggregated(self, flt: EventFilter | None = None, *, limit: int = 100,
                   offset: int = 0) -> pd.DataFrame:
        """GDELT-style events (see dyadwatch.aggregate), newest first."""
        lim, off, _ = check_paging(limit, offset)
        where, having, params = self._aggregate_parts(flt)
        columns, rows = self._query(aggregate_sql(where, having) + " LIMIT ? OFFSET ?",
                                    [*params, lim, off])
        return aggregate_frame(columns, rows)

    def count_aggregated(self, flt: EventFilter | None = None) -> int:
        where, having, params = self._aggregate_parts(flt)
        sql = aggregate_sql(where, having, order=False)
        return int(self._query(f"SELECT count(*) FROM ({sql}) t", params)[1][0][0])

    def iter_aggregated(self, flt: EventFilter | None = None,
                        batch_size: int = 10_000) -> Iterator[tuple[dict[str, Any], Event]]:
        """Every aggregated event with its first mention (for GDELT exports)."""
        where, having, params = self._aggregate_parts(flt)
        extra = "".join(f", m.{c} AS m_{c}" for c in MENTION_NAMES)
        for columns, rows in self._stream(aggregate_sql(where, having, extra=extra), params,
                                          batch_size):
            frame = aggregate_frame(columns, rows)
            mention_at = [(c[2:], i) for i, c in enumerate(columns) if c.startswith("m_")]
            for agg, row in zip(frame.to_dict("records"), rows):
                yield agg, event_from_row({c: row[i] for c, i in mention_at})

    def mentions(self, event_key: str, *, limit: int = 1000, offset: int = 0) -> list[Event]:
        """The mentions of one aggregated event (its key, `date:source:target:cameo`)."""
        lim, off, _ = check_paging(limit, offset)
        day, source, target, cameo = parse_event_key(event_key)
        sql = (f"{MENTION_SELECT} WHERE source_code = ? AND cameo = ? AND "
               f"coalesce(target_code, '') = ? AND "
               f"{'date = ?' if day else 'date IS NULL'} ORDER BY seq LIMIT ? OFFSET ?")
        params: list[Any] = [source, cameo, target or ""]
        if day:
            params.append(pd.Timestamp(day).date())
        return self._events(sql, [*params, lim, off])

    def iter_mention_rows(self, flt: EventFilter | None = None,
                          batch_size: int = 10_000) -> Iterator[list[tuple]]:
        """GDELT mentions-table source rows (see aggregate.MENTION_TSV_SQL), in batches."""
        where, params = where_clause(flt)
        for _, rows in self._stream(MENTION_TSV_SQL.format(where=where), params, batch_size):
            yield rows

    # --- timeline and stats ---------------------------------------------------------

    def timeline(self, a: str, b: str, *, by: str = "week", since: str | None = None,
                 until: str | None = None, flt: EventFilter | None = None) -> pd.DataFrame:
        """Per period and direction (a->b, b->a): events, Goldstein mean and sum, and the
        share of each QuadClass, every period present (zero-filled).

        Columns: period, direction, source, target, events, goldstein_mean, goldstein_sum,
        verbal_coop, material_coop, verbal_conflict, material_conflict.
        """
        base = check_filter(flt or EventFilter())
        f = check_filter(EventFilter(**{**base.__dict__, "dyad": (a, b),
                                        "either_direction": True, "since": since,
                                        "until": until}))
        assert f.dyad is not None
        a, b = f.dyad
        where, params = where_clause(f)
        _, rows = self._query(timeline_sql(by, where or "WHERE TRUE"),
                                    [a + "%", b + "%", *params])
        return timeline_frame(rows, a, b, by, f.since, f.until)

    def stats(self) -> dict[str, Any]:
        """{"articles", "events" (aggregated), "mentions", "quotes", "actors", dates, ...}"""
        counts = self._query(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions), "
            "(SELECT count(*) FROM quotes), (SELECT min(date) FROM mentions), "
            "(SELECT max(date) FROM mentions)")[1][0]
        events = self._query("SELECT count(*) FROM (SELECT DISTINCT date, source_code, "
                             "target_code, cameo FROM mentions) t")[1][0][0]
        actors = self._query("SELECT count(*) FROM (SELECT source_code FROM mentions UNION "
                             "SELECT target_code FROM mentions WHERE target_code IS NOT NULL"
                             ") t")[1][0][0]
        return {
            "articles": int(counts[0]), "events": int(events), "mentions": int(counts[1]),
            "quotes": int(counts[2]), "actors": int(actors),
            "first_date": counts[3].isoformat() if counts[3] else None,
            "last_date": counts[4].isoformat() if counts[4] else None,
            "backend": self.backend, "schema_version": self.schema_version(),
        }

    def actors(self, *, limit: int = 100, offset: int = 0) -> pd.DataFrame:
        """Actor codes seen in the store, most mentioned first: code, name, country,
        mentions (as source or target)."""
        lim, off, _ = check_paging(limit, offset)
        columns, rows = self._query(
            "SELECT code, min(name) AS name, min(country) AS country, count(*) AS mentions "
            "FROM (SELECT source_code AS code, source_name AS name, source_country AS country "
            "FROM mentions UNION ALL SELECT target_code, target_name, target_country "
            "FROM mentions WHERE target_code IS NOT NULL) t "
            "GROUP BY code ORDER BY mentions DESC, code LIMIT ? OFFSET ?", [lim, off])
        return pd.DataFrame.from_records(rows, columns=columns)


@dataclass
class PreparedArticle:
    """An article's rows, checked and ready to write."""

    article_id: str
    article: dict[str, Any]
    mentions: list[dict[str, Any]]
    quotes: list[dict[str, Any]]


def _prepare(article: Article, events: list[Event], quotes: list[Quote]) -> PreparedArticle:
    _check_article(article, events)
    unique = {e.id: e for e in events}.values()  # an event id given twice is stored once
    return PreparedArticle(
        article.id, article_row(article, datetime.now(timezone.utc)),
        [mention_row(e) for e in unique],
        [quote_row(q, article.id, i) for i, q in enumerate(quotes)],
    )


def _check_article(article: Article, events: list[Event]) -> None:
    if not article.id:
        raise StoreError("E031 article has no id: give it one, or build it with "
                         "Article.from_text")
    for e in events:
        if e.article_id != article.id:
            raise StoreError(f"E031 event '{e.id}' belongs to article '{e.article_id}', "
                             f"not '{article.id}'")


def _conform(batch: pa.Table | pa.RecordBatch, schema: pa.Schema) -> pa.Table:
    """A batch with exactly `schema`'s columns (missing ones null), cast to its types."""
    table = pa.Table.from_batches([batch]) if isinstance(batch, pa.RecordBatch) else batch
    missing = [f.name for f in schema if f.name not in table.column_names]
    if "id" in missing or ("article_id" in missing and "article_id" in schema.names):
        raise StoreError("E034 bulk rows need 'id' and 'article_id' columns")
    columns = [table.column(f.name).cast(f.type) if f.name in table.column_names
               else pa.nulls(table.num_rows, f.type) for f in schema]
    return pa.Table.from_arrays(columns, schema=schema)
