"""Articles from JSON Lines (compressed too), Parquet and WARC on any Spark filesystem.

JSON Lines records become articles through `ingest.files.article_from_record`, the very
function `dyadwatch code` uses, so ids, dates and skipped records are the same.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from dyadwatch.errors import DyadwatchError
from dyadwatch.ingest.files import Problem, article_from_record
from dyadwatch.model import Article
from dyadwatch.spark.runtime import Tally, report_problem
from dyadwatch.spark.schema import ARTICLE_SCHEMA, spark_schema

INPUT_FORMATS = ("jsonl", "parquet", "warc")
COMPRESSED = (".gz", ".bz2", ".deflate", ".zst", ".lz4", ".snappy")
Batches = Iterator[pa.RecordBatch]
# What `article_from_record` reads from a record: other columns are not sent to Python.
ARTICLE_COLUMNS = ("id", "text", "url", "source", "title", "date", "published", "language")


def input_format_for(path: str) -> str | None:
    """`jsonl`, `parquet` or `warc` from a file name (compression suffixes allowed)."""
    name = path.lower()
    for suffix in COMPRESSED:
        name = name.removesuffix(suffix)
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    if name.endswith((".warc", ".arc")):
        return "warc"
    return None


def read_raw(spark: SparkSession, paths: list[str], fmt: str) -> DataFrame:
    """The input rows before parsing: JSON Lines text lines, Parquet rows or WARC bytes."""
    if fmt == "jsonl":
        return spark.read.text(paths).select("value", F.col("_metadata.file_path").alias("path"))
    if fmt == "parquet":
        df = spark.read.parquet(*paths)
        if "text" not in df.columns:
            raise DyadwatchError(f"E066 {paths[0]}: Parquet articles need a 'text' column "
                                 f"(found: {', '.join(df.columns)})")
        return df.select([c for c in df.columns if c in ARTICLE_COLUMNS])
    if fmt == "warc":
        return spark.read.format("binaryFile").load(paths).select("path", "content")
    raise DyadwatchError(f"E062 unknown input format '{fmt}': choose {', '.join(INPUT_FORMATS)}")


def read_articles(spark: SparkSession, paths: list[str], fmt: str, date: str | None = None,
                  tally: Tally | None = None) -> DataFrame:
    """Articles (`id`, `text`, `url`, `source`, `title`, `published`, `language`).

    `date` is the publication date for records that carry none; a Parquet input needs a
    `text` column and is returned as it is (`code` reads the same columns from it).
    """
    raw = read_raw(spark, paths, fmt)
    if fmt == "parquet":
        return raw
    return raw.mapInArrow(_ToArticles(fmt, date, tally), spark_schema(ARTICLE_SCHEMA))


def articles_from(kind: str, batches: Batches, date: str | None,
                  tally: Tally | None) -> Iterator[Article]:
    """Articles from Arrow batches of one input kind (`articles`, `jsonl` or `warc`)."""
    records = {"articles": _row_records, "jsonl": _jsonl_records, "warc": _warc_records}[kind]
    for record, where in records(batches, tally):
        if isinstance(record, Article):  # WARC pages come out of ingest as articles
            yield record
            continue
        article = article_from_record(record, where, date)
        if isinstance(article, Problem):
            report_problem(tally, article)
        else:
            yield article


class _ToArticles:
    """mapInArrow: raw input rows in, article rows out."""

    def __init__(self, kind: str, date: str | None, tally: Tally | None):
        self.kind, self.date, self.tally = kind, date, tally

    def __call__(self, batches: Batches) -> Batches:
        rows: list[dict[str, Any]] = []
        for article in articles_from(self.kind, batches, self.date, self.tally):
            d = article.to_dict()
            rows.append({k: d[k] for k in ARTICLE_SCHEMA.names})
            if len(rows) >= 256:
                yield pa.RecordBatch.from_pylist(rows, ARTICLE_SCHEMA)
                rows = []
        yield pa.RecordBatch.from_pylist(rows, ARTICLE_SCHEMA)


def _row_records(batches: Batches, tally: Tally | None) -> Iterator[tuple[Any, str]]:
    for batch in batches:
        for row in batch.to_pylist():
            yield row, f"article {row.get('id') or row.get('url') or '(no id)'}"


def _jsonl_records(batches: Batches, tally: Tally | None) -> Iterator[tuple[Any, str]]:
    for batch in batches:
        for line, path in zip(*batch.to_pydict().values()):
            if not line.strip():
                continue
            where = f"{path}: line {line.strip()[:40]!r}"
            try:
                yield json.loads(line), where
            except json.JSONDecodeError as exc:
                report_problem(tally, Problem(where, f"malformed JSON ({exc.msg} at column "
                                                     f"{exc.colno}): line skipped"))


def _warc_records(batches: Batches, tally: Tally | None) -> Iterator[tuple[Any, str]]:
    for batch in batches:
        for path, content in zip(*batch.to_pydict().values()):
            for item in warc_articles(content, path):
                if isinstance(item, Problem):
                    report_problem(tally, item)
                else:
                    yield item, path


def warc_articles(content: bytes, path: str) -> Iterator[Article | Problem]:
    """The articles of a WARC file's bytes, extracted exactly as `dyadwatch code` does.

    `ingest.warc` reads from a local file (it seeks to resume after corrupt records), so
    the bytes go to a temporary file; messages name the original path.
    """
    from dyadwatch.ingest.html import RawPage, page_to_article
    from dyadwatch.ingest.warc import read_warc

    name = path.rsplit("/", 1)[-1]
    with tempfile.TemporaryDirectory(prefix="dyadwatch-warc-") as tmp:
        local = Path(tmp) / name
        local.write_bytes(content)
        for item in read_warc(local):
            for result in page_to_article(item) if isinstance(item, RawPage) else [item]:
                if isinstance(result, Problem):
                    result.where = result.where.replace(str(local), path)
                yield result
