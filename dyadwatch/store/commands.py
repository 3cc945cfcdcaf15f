"""The store's command-line work: query, timeline, export and stats, each one function.

`dyadwatch.cli` only parses options and calls these; Python users can call them too.
Output is a table on a terminal, JSON Lines when piped, or what `fmt` asks for.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import IO, Any

import pandas as pd

from dyadwatch.aggregate import batched, write_gdelt, write_mentions_tsv
from dyadwatch.errors import DyadwatchError, StoreError
from dyadwatch.export import FLAT_COLUMNS, flat_row, format_for, parquet_schema, write_events
from dyadwatch.store import DEFAULT_DB, open_store
from dyadwatch.store.base import EventFilter
from dyadwatch.store.filters import parse_filter
from dyadwatch.store.sqlstore import SQLStore

OUTPUTS = ("table", "json", "jsonl", "csv")
TABLE_COLUMNS = ["date", "source_code", "target_code", "cameo", "plover_type", "goldstein",
                 "modality", "sentence", "id"]
AGG_TABLE_COLUMNS = ["date", "source_code", "target_code", "cameo", "num_mentions",
                     "num_sources", "num_articles", "avg_tone", "event_key"]


def open_existing(db: str | None, read_only: bool = True) -> SQLStore:
    """Open a store that must already exist (a query never creates an empty file)."""
    url = db or os.environ.get("DYADWATCH_DB") or DEFAULT_DB
    if not url.startswith(("postgresql://", "postgres://")) and not Path(url).exists():
        raise StoreError(f"E030 no store at '{url}': store events first with "
                         f"`dyadwatch code corpus/ --db {url}`, or pass --db")
    return open_store(url, read_only=read_only)  # type: ignore[return-value]


def output_format(fmt: str | None, out: IO[str]) -> str:
    if fmt is None:
        return "table" if out.isatty() else "jsonl"
    if fmt not in OUTPUTS:
        raise DyadwatchError(f"unknown output '{fmt}': choose one of {', '.join(OUTPUTS)}")
    return fmt


def _jsonable(value: Any) -> Any:
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def write_frame(frame: pd.DataFrame, fmt: str, out: IO[str],
                table_columns: list[str] | None = None) -> None:
    """A DataFrame as a terminal table, JSON (one array), JSON Lines or CSV."""
    records = [{k: _jsonable(v) for k, v in r.items()} for r in frame.to_dict("records")]
    if fmt == "json":
        out.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "jsonl":
        out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    elif fmt == "csv":
        frame.to_csv(out, index=False)
    elif frame.empty:
        out.write("(no rows)\n")
    else:
        shown = frame[table_columns] if table_columns else frame
        if "sentence" in shown:
            shown = shown.assign(sentence=shown["sentence"].str.slice(0, 70))
        out.write(shown.to_string(index=False, na_rep="") + "\n")


def run_query(db: str | None, filters: dict[str, Any], *, aggregated: bool = False, limit: int = 20,
              page: int = 1, order: str = "date_desc", fmt: str | None = None,
              out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    """Print one page of matching mentions (or aggregated events); returns the total.

    `filters` are user strings for `parse_filter` (dyad="MEX-USA", plover="REJECT,...").
    """
    flt = parse_filter(**filters)
    out, err = out or sys.stdout, err or sys.stderr
    if page < 1:
        raise DyadwatchError(f"--page must be 1 or more, not {page}")
    fmt = output_format(fmt, out)
    offset = (page - 1) * limit
    with open_existing(db) as store:
        if aggregated:
            frame = store.aggregated(flt, limit=limit, offset=offset)
            total = store.count_aggregated(flt)
            columns = AGG_TABLE_COLUMNS
        else:
            events = store.events(flt, limit=limit, offset=offset, order=order)
            total = store.count_events(flt)
            frame = pd.DataFrame([flat_row(e) for e in events], columns=FLAT_COLUMNS)
            columns = TABLE_COLUMNS
    if fmt in ("json", "jsonl") and not aggregated:
        rows = [e.to_dict() for e in events]
        text = json.dumps(rows, ensure_ascii=False, indent=1) + "\n" if fmt == "json" else \
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        out.write(text)
    else:
        write_frame(frame, fmt, out, columns)
    shown = len(frame)
    if shown:
        more = f"; next page: --page {page + 1}" if offset + shown < total else ""
        err.write(f"{offset + 1}-{offset + shown} of {total}{more}\n")
    else:
        err.write(f"0 of {total}\n")
    return total


def run_timeline(db: str | None, a: str, b: str, *, by: str = "week",
                 filters: dict[str, Any] | None = None, fmt: str | None = None,
                 out: IO[str] | None = None) -> pd.DataFrame:
    """Print the dyad's timeline (see Store.timeline); `filters` narrow the mentions."""
    flt = parse_filter(**(filters or {}))
    out = out or sys.stdout
    fmt = output_format(fmt, out)
    with open_existing(db) as store:
        frame = store.timeline(a, b, by=by, since=flt.since, until=flt.until, flt=flt)
    if fmt == "table":
        shown = frame.assign(period=frame["period"].dt.date).round(2)
        write_frame(shown, fmt, out)
    else:
        write_frame(frame, fmt, out)
    return frame


def run_export(db: str | None, filters: dict[str, Any], output: str | None, fmt: str | None = None, *,
               mentions: bool = False, aggregated: bool = False) -> int:
    """Export from a store; returns rows written.

    gdelt: one GDELT 2.0 event row per aggregated event. --mentions: the GDELT 2.0
    mentions table (one row per mention, linked by GLOBALEVENTID). csv, jsonl, parquet,
    plover: one row per mention (with --aggregated: one per aggregated event).
    """
    flt = parse_filter(**filters)
    fmt = "gdelt" if mentions else format_for(output, fmt)
    with open_existing(db) as store:
        if mentions:
            return write_mentions_tsv(batched(store.iter_mention_rows(flt)), output)
        if fmt == "gdelt":
            return write_gdelt(store.iter_aggregated(flt), output)
        if aggregated:
            return _export_aggregated(store, flt, output, fmt)
        if fmt in ("parquet", "csv"):
            if output in (None, "-") and fmt == "parquet":
                raise DyadwatchError("Parquet needs an output file: use -o events.parquet")
            return _export_columns(store, flt, output, fmt)
        return write_events(chain.from_iterable(store.iter_events(flt)), output, fmt)


def _export_columns(store: SQLStore, flt: EventFilter, output: str | None, fmt: str) -> int:
    """Parquet/CSV straight from the database's columns (no Python object per row)."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    schema = parquet_schema()
    tables = (t.cast(schema) for t in store.iter_arrow(flt, FLAT_COLUMNS))
    n = 0
    if fmt == "parquet":
        with pq.ParquetWriter(output, schema, compression="zstd") as writer:
            for table in _nonempty(tables, schema):
                writer.write_table(table)
                n += table.num_rows
        return n
    sink: Any = sys.stdout.buffer if output in (None, "-") else output
    with pacsv.CSVWriter(sink, schema) as writer:
        for table in tables:
            writer.write_table(table)
            n += table.num_rows
    return n


def _nonempty(tables: Iterator[Any], schema: Any) -> Iterator[Any]:
    empty = True
    for t in tables:
        empty = False
        yield t
    if empty:
        yield schema.empty_table()


def _export_aggregated(store: SQLStore, flt: EventFilter, output: str | None, fmt: str) -> int:
    pages = []
    offset = 0
    while not (page := store.aggregated(flt, limit=100_000, offset=offset)).empty:
        pages.append(page)
        offset += len(page)
    frame = pd.concat(pages) if pages else store.aggregated(flt, limit=1)
    if fmt == "parquet":
        frame.to_parquet(output, index=False)
    elif fmt == "csv":
        frame.to_csv(output if output not in (None, "-") else sys.stdout, index=False)
    else:
        text = frame.to_json(orient="records", lines=True, force_ascii=False)
        if output in (None, "-"):
            sys.stdout.write(text)
        else:
            Path(output).write_text(text, encoding="utf-8")
    return offset


def run_stats(db: str | None, as_json: bool = False,
              out: IO[str] | None = None) -> dict[str, Any]:
    out = out or sys.stdout
    with open_existing(db) as store:
        stats = store.stats()
    if as_json:
        out.write(json.dumps(stats) + "\n")
    else:
        out.writelines(f"{k:15} {v}\n" for k, v in stats.items())
    return stats
