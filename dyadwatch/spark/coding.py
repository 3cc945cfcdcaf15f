"""Coding in the executors (`code`), GDELT-style aggregation, and the date-partitioned writer."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from dyadwatch.errors import DyadwatchError
from dyadwatch.ingest.files import Problem
from dyadwatch.model import Event
from dyadwatch.spark.readers import Batches, articles_from
from dyadwatch.spark.runtime import Tally, report_problem, session
from dyadwatch.spark.schema import FORMS, spark_schema

__all__ = ["aggregate", "code", "code_as", "session", "write_events", "write_form"]
OUTPUT_FORMATS = ("parquet", "gdelt")


def code(articles_df: DataFrame, dictionaries: Iterable[str] = (), *, date: str | None = None,
         tally: Tally | None = None) -> DataFrame:
    """Code a DataFrame of articles into a DataFrame of events (the `Event.to_dict` schema).

    `articles_df` needs a `text` column; `id`, `url`, `title`, `source`, `date` or
    `published` and `language` are used when present, exactly as `dyadwatch code` reads
    them from JSON Lines, so article and event ids are the same. `date` is the publication
    date for articles that carry none. Articles that cannot be coded are reported (the
    executor's stderr, and `tally`) and skipped.
    """
    return code_as(articles_df, "articles", "nested", dictionaries, date=date, tally=tally)


def code_as(df: DataFrame, kind: str, form: str, dictionaries: Iterable[str] = (), *,
            date: str | None = None, tally: Tally | None = None) -> DataFrame:
    """Parse (`kind`: articles, jsonl, warc), code and shape (`form`) in one Python pass.

    One pass, not three chained `mapInArrow`s, because every Python stage costs a trip
    of the data between the JVM and Python.
    """
    dicts = _ship_dictionaries(df.sparkSession, dictionaries)
    coder = _Code(kind, form, dicts, date, tally)
    return df.mapInArrow(coder, spark_schema(FORMS[form][0]))


def _ship_dictionaries(spark: SparkSession, dictionaries: Iterable[str]) -> tuple[str, ...]:
    """Send dictionary files to every executor (they are read where the coder loads)."""
    paths = tuple(str(d) for d in dictionaries)
    for path in paths:
        spark.sparkContext.addFile(path)
    return paths


def _executor_path(path: str) -> str:
    if os.path.exists(path):
        return path
    from pyspark import SparkFiles

    return SparkFiles.get(os.path.basename(path))


class _Code:
    """The function `mapInArrow` runs: Arrow batches of input in, batches of events out.

    `code_articles` keeps one coder per process (`pipeline.get_coder`), and Spark reuses
    Python workers, so the spaCy pipeline and dictionaries load once per worker.
    """

    def __init__(self, kind: str, form: str, dictionaries: tuple[str, ...], date: str | None,
                 tally: Tally | None, rows_per_batch: int = 1024):
        self.kind, self.form, self.dictionaries = kind, form, dictionaries
        self.date, self.tally, self.rows_per_batch = date, tally, rows_per_batch

    def __call__(self, batches: Batches) -> Batches:
        from dyadwatch.pipeline import code_articles

        schema, shape = FORMS[self.form]
        dicts = tuple(_executor_path(d) for d in self.dictionaries)
        articles = articles_from(self.kind, batches, self.date, self.tally)
        rows: list[dict[str, Any]] = []
        for coded in code_articles(articles, dictionaries=dicts):
            self._count(coded.events)
            if coded.error:
                report_problem(self.tally, Problem(f"article {coded.article.id}", coded.error))
                continue
            rows.extend(shape(e) for e in coded.events)
            if len(rows) >= self.rows_per_batch:
                yield pa.RecordBatch.from_pylist(rows, schema)
                rows = []
        if rows:
            yield pa.RecordBatch.from_pylist(rows, schema)

    def _count(self, events: list[Event]) -> None:
        if self.tally is not None:
            self.tally.articles.add(1)
            self.tally.events.add(len(events))


# ---------------------------------------------------------------- writers


def write_events(events_df: DataFrame, output: str, fmt: str = "parquet",
                 mode: str = "errorifexists") -> None:
    """Write the events of `code` into folders by date (`output/date=YYYY-MM-DD/`).

    `parquet` writes the flat columns of `dyadwatch code -o x.parquet`; `gdelt` writes
    GDELT 2.0 event rows (61 tab-separated fields, one row per mention) as text files.
    """
    check_format(fmt)
    write_form(events_df.mapInArrow(_Reshape(fmt), spark_schema(FORMS[fmt][0])), output, fmt,
               mode)


def write_form(df: DataFrame, output: str, fmt: str, mode: str) -> None:
    """Write rows already in an output form (see `schema.FORMS`), partitioned by date.

    Rows are first grouped by date (a shuffle of events, small beside the articles), so
    each date folder gets one file per write, not one per task. The dates go to as many
    writing tasks as there are cores, so that the writing is spread over them all.
    """
    cores = df.sparkSession.sparkContext.defaultParallelism
    writer = df.repartition(cores, "date").write.mode(mode).partitionBy("date")
    if fmt == "parquet":
        writer.option("compression", "zstd").parquet(output)
    else:
        writer.text(output)


def check_format(fmt: str) -> None:
    if fmt not in OUTPUT_FORMATS:
        raise DyadwatchError(f"E061 unknown Spark output format '{fmt}': choose parquet or gdelt")


class _Reshape:
    """mapInArrow: nested events (the `Event.to_dict` schema) in, another form out."""

    def __init__(self, form: str):
        self.form = form

    def __call__(self, batches: Batches) -> Batches:
        schema, shape = FORMS[self.form]
        for batch in batches:
            rows = [shape(Event.from_dict(d)) for d in batch.to_pylist()]
            yield pa.RecordBatch.from_pylist(rows, schema)


# ---------------------------------------------------------------- aggregation


def aggregate(events_df: DataFrame) -> DataFrame:
    """GDELT-style events: one row per day, source actor, target actor and CAMEO code.

    NumMentions counts event mentions, NumArticles distinct articles, NumSources distinct
    outlets (an unknown outlet counts as one), AvgTone the mean tone of the mentions, and
    `mention_ids` keeps every mention traceable to its sentence. Takes the nested events
    of `code`, or the flat Parquet that `write_events` wrote.
    """
    flat = "source_code" in events_df.columns
    keyed = events_df.select(
        "date", F.col("source_code" if flat else "source.code").alias("source_code"),
        F.col("target_code" if flat else "target.code").alias("target_code"), "cameo",
        "cameo_root", "quad_class", "goldstein", "tone", "article_id", "outlet", "id")
    return (keyed.groupBy("date", "source_code", "target_code", "cameo")
            .agg(F.first("cameo_root").alias("cameo_root"),
                 F.first("quad_class").alias("quad_class"),
                 F.first("goldstein").alias("goldstein"),
                 F.count(F.lit(1)).alias("NumMentions"),
                 F.countDistinct(F.coalesce("outlet", F.lit(""))).alias("NumSources"),
                 F.countDistinct("article_id").alias("NumArticles"),
                 F.avg("tone").alias("AvgTone"),
                 F.sort_array(F.collect_list("id")).alias("mention_ids")))
