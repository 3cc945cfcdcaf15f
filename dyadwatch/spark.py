"""The same coding, inside Apache Spark: for archives of millions of articles.

    >>> from dyadwatch import spark as dws                      # doctest: +SKIP
    >>> events_df = dws.code(articles_df)                       # doctest: +SKIP
    >>> daily = dws.aggregate(events_df)                        # doctest: +SKIP

`code` runs `dyadwatch.pipeline.code_articles` in the executors through `mapInArrow`, so a
result never depends on whether it was coded by `dyadwatch code` or by Spark. The spaCy
pipeline and the dictionaries load once per Python worker process (Spark reuses workers
across tasks) and Arrow batches stream through it.

The events DataFrame has the schema of `Event.to_dict` (the JSON Lines contract: nested
`source`, `target`, `plover`, `evidence`, places), so nothing is lost and every row turns
back into an `Event` with `Event.from_dict`. Written Parquet uses the flat columns of
`dyadwatch code -o events.parquet` (`export.FLAT_COLUMNS`), partitioned by `date`.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import os
import sys
import time
import types
import typing
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa

from dyadwatch.errors import DyadwatchError
from dyadwatch.export import flat_row, gdelt_row, parquet_schema
from dyadwatch.ingest.files import Problem, article_from_record
from dyadwatch.model import Event, parse_datetime

try:
    from pyspark import AccumulatorParam
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema
except ImportError as exc:  # pragma: no cover - depends on the install
    raise DyadwatchError(
        "E060 PySpark is not installed: pip install 'dyadwatch[spark]' (it also needs Java 17)"
    ) from exc

# ---------------------------------------------------------------- schemas

_SCALARS = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}


def _arrow_type(hint: Any) -> pa.DataType:
    """The Arrow type for a model type hint, so the schema follows the model by itself."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return _arrow_type(inner)
    if typing.get_origin(hint) is list:
        return pa.list_(_arrow_type(typing.get_args(hint)[0]))
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        return pa.struct([(f.name, _arrow_type(hints[f.name])) for f in dataclasses.fields(hint)])
    return _SCALARS[hint]


def event_arrow_schema() -> pa.Schema:
    """The nested events schema: the keys and types of `Event.to_dict`."""
    hints = typing.get_type_hints(Event)
    fields: list[tuple[str, pa.DataType]] = []
    for f in dataclasses.fields(Event):
        if f.name == "plover_type":
            fields.append(("plover", pa.struct([(k, pa.string())
                                                for k in ("type", "mode", "context")])))
        elif not f.name.startswith("plover_"):
            fields.append((f.name, _arrow_type(hints[f.name])))
    return pa.schema(fields)


EVENT_SCHEMA = event_arrow_schema()
FLAT_SCHEMA = parquet_schema()
GDELT_SCHEMA = pa.schema([("date", pa.string()), ("value", pa.string())])
ARTICLE_SCHEMA = pa.schema([(c, pa.string()) for c in (
    "id", "text", "url", "source", "title", "published", "language")])


def spark_schema(schema: pa.Schema):  # -> pyspark.sql.types.StructType
    return from_arrow_schema(schema)


# ---------------------------------------------------------------- session and reporting


def session(master: str | None = None, app_name: str = "dyadwatch") -> SparkSession:
    """The active Spark session, or a new one (`local[*]` unless a master is configured).

    Under spark-submit the master and resources come from spark-submit; started from a
    plain Python the workers run this interpreter, so they see the same installed packages.
    """
    active = SparkSession.getActiveSession()
    if active is not None and master is None:
        return active
    builder = SparkSession.builder.appName(app_name)
    if master or "spark.master" not in _submitted_conf():
        builder = builder.master(master or "local[*]")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.config("spark.ui.enabled", "false")
    return (builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", "512")
            .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
            .getOrCreate())


def _submitted_conf() -> dict[str, str]:
    from pyspark import SparkConf

    return dict(SparkConf().getAll())


class _ListParam(AccumulatorParam):
    """Problem lines gathered from the executors (at most `cap`, the rest only counted)."""

    cap = 1000

    def zero(self, value: list[str]) -> list[str]:
        return []

    def addInPlace(self, a: list[str], b: list[str]) -> list[str]:
        return (a + b)[: self.cap]


@dataclasses.dataclass
class Tally:
    """Counters filled in by the executors while a job runs (Spark accumulators)."""

    articles: Any
    events: Any
    failures: Any
    problems: Any

    @classmethod
    def create(cls, spark: SparkSession) -> Tally:
        sc = spark.sparkContext
        return cls(sc.accumulator(0), sc.accumulator(0), sc.accumulator(0),
                   sc.accumulator([], _ListParam()))

    def problem(self, p: Problem) -> None:
        if p.fatal:
            self.failures.add(1)
        self.problems.add([str(p)])
        print(p, file=sys.stderr)


# ---------------------------------------------------------------- coding


def code(articles_df: DataFrame, dictionaries: Iterable[str] = (),
         tally: Tally | None = None) -> DataFrame:
    """Code a DataFrame of articles into a DataFrame of events (the `Event.to_dict` schema).

    `articles_df` needs a `text` column; `id`, `url`, `title`, `source`, `date` or
    `published`, and `language` are used when present, exactly as `dyadwatch code` reads
    them from JSON Lines, so article and event ids are the same. Articles that cannot be
    coded are reported (executor stderr and `tally`) and skipped.
    """
    dicts = _ship_dictionaries(articles_df.sparkSession, dictionaries)
    return articles_df.mapInArrow(_CodeBatches(dicts, tally), spark_schema(EVENT_SCHEMA))


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


class _CodeBatches:
    """The function `mapInArrow` runs: Arrow batches of articles in, of events out."""

    def __init__(self, dictionaries: tuple[str, ...], tally: Tally | None,
                 rows_per_batch: int = 1024):
        self.dictionaries = dictionaries
        self.tally = tally
        self.rows_per_batch = rows_per_batch

    def __call__(self, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from dyadwatch.pipeline import code_articles

        dicts = tuple(_executor_path(d) for d in self.dictionaries)
        rows: list[dict[str, Any]] = []
        for coded in code_articles(self._articles(batches), dictionaries=dicts):
            if self.tally is not None:
                self.tally.articles.add(1)
            if coded.error:
                self._problem(Problem(coded.article.id, coded.error))
                continue
            rows.extend(e.to_dict() for e in coded.events)
            if self.tally is not None:
                self.tally.events.add(len(coded.events))
            if len(rows) >= self.rows_per_batch:
                yield pa.RecordBatch.from_pylist(rows, EVENT_SCHEMA)
                rows = []
        if rows:
            yield pa.RecordBatch.from_pylist(rows, EVENT_SCHEMA)

    def _articles(self, batches: Iterator[pa.RecordBatch]):
        for batch in batches:
            for record in batch.to_pylist():
                article = article_from_record(record, _where(record))
                if isinstance(article, Problem):
                    self._problem(article)
                else:
                    yield article

    def _problem(self, p: Problem) -> None:
        if self.tally is not None:
            self.tally.problem(p)
        else:
            print(p, file=sys.stderr)


def _where(record: dict[str, Any]) -> str:
    return f"article {record.get('id') or record.get('url') or '(no id)'}"


# ---------------------------------------------------------------- aggregation


def aggregate(events_df: DataFrame) -> DataFrame:
    """GDELT-style events: one row per day, source, target and CAMEO code.

    NumMentions counts event mentions, NumArticles distinct articles, NumSources distinct
    outlets (an unknown outlet counts as one), AvgTone the mean tone of the mentions.
    `mention_ids` keeps every mention traceable to its sentence. Takes the nested
    DataFrame from `code` or the flat Parquet that `write_events` wrote.
    """
    flat = "source_code" in events_df.columns
    source = F.col("source_code" if flat else "source.code")
    target = F.col("target_code" if flat else "target.code")
    keyed = events_df.select(
        F.col("date"), source.alias("source_code"), target.alias("target_code"), "cameo",
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


# ---------------------------------------------------------------- writers


def write_events(events_df: DataFrame, output: str, fmt: str = "parquet",
                 mode: str = "errorifexists") -> None:
    """Write the events of `code` to a folder partitioned by date (`date=YYYY-MM-DD/`).

    `parquet` writes the flat columns of `dyadwatch code -o x.parquet`; `gdelt` writes
    GDELT 2.0 event rows (61 tab-separated fields, one per mention) as text files.
    """
    if fmt == "parquet":
        flat = events_df.mapInArrow(_to_flat, spark_schema(FLAT_SCHEMA))
        flat.write.mode(mode).partitionBy("date").option("compression", "zstd").parquet(output)
    elif fmt == "gdelt":
        rows = events_df.mapInArrow(_to_gdelt, spark_schema(GDELT_SCHEMA))
        rows.write.mode(mode).partitionBy("date").text(output)
    else:
        raise DyadwatchError(f"E061 unknown Spark output format '{fmt}': choose parquet or gdelt")


def _events(batch: pa.RecordBatch) -> Iterator[Event]:
    return (Event.from_dict(d) for d in batch.to_pylist())


def _to_flat(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        yield pa.RecordBatch.from_pylist([flat_row(e) for e in _events(batch)], FLAT_SCHEMA)


def _to_gdelt(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        rows = [{"date": e.date, "value": _gdelt_line(e)} for e in _events(batch)]
        yield pa.RecordBatch.from_pylist(rows, GDELT_SCHEMA)


def _gdelt_line(e: Event) -> str:
    """The line `dyadwatch code --format gdelt` writes for this event (same csv dialect)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", lineterminator="", quoting=csv.QUOTE_NONE,
                        escapechar="\\")
    writer.writerow([c.replace("\t", " ").replace("\n", " ") for c in gdelt_row(e)])
    return buf.getvalue()


# ---------------------------------------------------------------- readers

JSONL_NAMES = (".jsonl", ".ndjson", ".json")
COMPRESSED = (".gz", ".bz2", ".deflate", ".zst", ".lz4", ".snappy")
INPUT_FORMATS = ("jsonl", "parquet", "warc")


def input_format_for(path: str) -> str | None:
    """`jsonl`, `parquet` or `warc` from a file name (compression suffixes allowed)."""
    name = path.lower()
    for suffix in COMPRESSED:
        name = name.removesuffix(suffix)
    if name.endswith(JSONL_NAMES):
        return "jsonl"
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    if name.endswith((".warc", ".arc")):
        return "warc"
    return None


def read_articles(spark: SparkSession, paths: list[str], fmt: str, date: str | None = None,
                  tally: Tally | None = None) -> DataFrame:
    """Articles from JSON Lines (compressed too), Parquet or WARC files on any Spark filesystem.

    JSON Lines records are read as `dyadwatch code` reads them; `date` is the publication
    date for records that carry none. A Parquet file needs a `text` column.
    """
    if fmt == "jsonl":
        lines = spark.read.text(paths).select("value", F.col("_metadata.file_path").alias("path"))
        return lines.mapInArrow(_ParseJsonl(date, tally), spark_schema(ARTICLE_SCHEMA))
    if fmt == "parquet":
        df = spark.read.parquet(*paths)
        if date and "date" not in df.columns and "published" not in df.columns:
            df = df.withColumn("date", F.lit(date))
        return df
    if fmt == "warc":
        files = spark.read.format("binaryFile").load(paths).select("path", "content")
        return files.mapInArrow(_ParseWarc(date, tally), spark_schema(ARTICLE_SCHEMA))
    raise DyadwatchError(f"E062 unknown input format '{fmt}': choose {', '.join(INPUT_FORMATS)}")


def _article_row(record: Any, where: str, date: str | None,
                 tally: Tally | None) -> dict[str, Any] | None:
    article = article_from_record(record, where, date)
    if isinstance(article, Problem):
        if tally is not None:
            tally.problem(article)
        return None
    d = article.to_dict()
    return {k: d[k] for k in ARTICLE_SCHEMA.names}


class _ParseJsonl:
    """JSON Lines text lines to article rows; a bad line is reported with its file."""

    def __init__(self, date: str | None, tally: Tally | None):
        self.date = date
        self.tally = tally

    def __call__(self, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            rows = []
            for line, path in zip(*batch.to_pydict().values()):
                if not line.strip():
                    continue
                where = f"{path}: line {line.strip()[:40]!r}"
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    if self.tally is not None:
                        self.tally.problem(Problem(where, f"malformed JSON ({exc.msg} at column "
                                                          f"{exc.colno}): line skipped"))
                    continue
                row = _article_row(record, where, self.date, self.tally)
                if row is not None:
                    rows.append(row)
            yield pa.RecordBatch.from_pylist(rows, ARTICLE_SCHEMA)


class _ParseWarc:
    """WARC files (whole, as bytes) to article rows: one per HTML response with text."""

    def __init__(self, date: str | None, tally: Tally | None):
        self.date = date
        self.tally = tally

    def __call__(self, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            for path, content in zip(*batch.to_pydict().values()):
                rows = [r for r in (_article_row(rec, f"{path}: {rec.get('url')}", self.date,
                                                 self.tally)
                                    for rec in warc_records(content, path, self.tally))
                        if r is not None]
                yield pa.RecordBatch.from_pylist(rows, ARTICLE_SCHEMA)


def warc_records(content: bytes, where: str, tally: Tally | None = None) -> Iterator[dict]:
    """Article records ({url, title, text, date}) from the HTML responses in a WARC file."""
    import trafilatura
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for rec in ArchiveIterator(io.BytesIO(content)):
            if rec.rec_type != "response" or not rec.http_headers:
                continue
            if "html" not in (rec.http_headers.get_header("Content-Type") or ""):
                continue
            html = rec.content_stream().read().decode("utf-8", errors="replace")
            doc = trafilatura.bare_extraction(html, with_metadata=True)
            doc = doc.as_dict() if doc is not None and not isinstance(doc, dict) else doc
            if not doc or not doc.get("text"):
                continue
            yield {"url": rec.rec_headers.get_header("WARC-Target-URI"), "text": doc["text"],
                   "title": doc.get("title"),
                   "date": doc.get("date") or rec.rec_headers.get_header("WARC-Date")}
    except ArchiveLoadFailed as exc:
        if tally is not None:
            tally.problem(Problem(where, f"not a readable WARC file: {exc}"))


# ---------------------------------------------------------------- the resumable job


class _Fs:
    """The Hadoop filesystem API (through the JVM), so every Spark filesystem works."""

    def __init__(self, spark: SparkSession):
        self.jvm = spark._jvm
        self.conf = spark._jsc.hadoopConfiguration()

    def _fs_path(self, path: str) -> tuple[Any, Any]:
        p = self.jvm.org.apache.hadoop.fs.Path(path)
        return p.getFileSystem(self.conf), p

    def glob(self, pattern: str) -> list[str]:
        """Files matching a path or glob; folders are listed recursively (hidden names skipped)."""
        fs, p = self._fs_path(pattern)
        found: list[str] = []
        for status in fs.globStatus(p) or []:
            if status.isDirectory():
                found.extend(self.files_under(status.getPath().toString()))
            else:
                found.append(status.getPath().toString())
        return found

    def files_under(self, folder: str) -> list[str]:
        fs, p = self._fs_path(folder)
        if not fs.exists(p):
            return []
        files, it = [], fs.listFiles(p, True)
        while it.hasNext():
            path = it.next().getPath()
            if not path.getName().startswith(("_", ".")):
                files.append(path.toString())
        return sorted(files)

    def qualified(self, path: str) -> str:
        fs, p = self._fs_path(path)
        return fs.makeQualified(p).toString()

    def exists(self, path: str) -> bool:
        fs, p = self._fs_path(path)
        return bool(fs.exists(p))

    def delete(self, path: str) -> None:
        fs, p = self._fs_path(path)
        fs.delete(p, True)

    def move(self, src: str, dst: str) -> None:
        fs, p = self._fs_path(dst)
        fs.mkdirs(p.getParent())
        if not fs.rename(self._fs_path(src)[1], p):
            raise DyadwatchError(f"E063 could not move {src} to {dst}")

    def write_text(self, path: str, text: str) -> None:
        fs, p = self._fs_path(path)
        out = fs.create(p, True)
        out.write(bytearray(text.encode("utf-8")))
        out.close()


@dataclasses.dataclass
class JobReport:
    """What a `run_job` did: units coded and skipped (done before), counts, problems."""

    output: str
    files: int = 0
    units: int = 0
    skipped: int = 0
    articles: int = 0
    events: int = 0
    failures: int = 0
    problems: list[str] = dataclasses.field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        return (f"{self.files} files in {self.units} units ({self.skipped} done before, skipped):"
                f" {self.articles} articles, {self.events} events, {self.failures} failed"
                f" in {self.seconds:.1f}s ({rate:.1f} articles/s) -> {self.output}")


def plan_units(files: list[str], files_per_unit: int) -> list[tuple[str, str, list[str]]]:
    """(unit id, input format, files): the pieces a job codes, writes and marks done."""
    by_format: dict[str, list[str]] = {}
    for f in sorted(set(files)):
        by_format.setdefault(input_format_for(f) or "", []).append(f)
    units = []
    for fmt, group in sorted(by_format.items()):
        for i in range(0, len(group), files_per_unit):
            chunk = group[i:i + files_per_unit]
            unit_id = "u" + hashlib.sha1("\n".join(chunk).encode()).hexdigest()[:12]
            units.append((unit_id, fmt, chunk))
    return units


def run_job(inputs: list[str], output: str, fmt: str = "parquet", *,
            master: str | None = None, input_format: str | None = None, date: str | None = None,
            dictionaries: Iterable[str] = (), files_per_unit: int = 64) -> JobReport:
    """Code input files into a date-partitioned folder, resumably (`dyadwatch spark code`).

    Inputs are split into units of up to `files_per_unit` files. Each unit is written to
    a staging folder, its files are moved into `output/date=YYYY-MM-DD/` (named after the
    unit), then the unit is marked done in `output/_dyadwatch/done/`. Run again after a
    failure and done units are skipped, while a half-moved unit is cleaned and redone.
    """
    start = time.perf_counter()
    if fmt not in ("parquet", "gdelt"):
        raise DyadwatchError(f"E061 unknown Spark output format '{fmt}': choose parquet or gdelt")
    if date:
        try:
            parse_datetime(date)
        except ValueError:
            raise DyadwatchError(f"E065 --date must be YYYY-MM-DD, not '{date}'") from None
    spark = session(master)
    fs = _Fs(spark)
    output = fs.qualified(output)
    report = JobReport(output)
    files = []
    for pattern in inputs:
        matched = fs.glob(pattern)
        if not matched:
            report.problems.append(f"{pattern}: error: no such file or folder")
            report.failures += 1
        files.extend(matched)
    if not files:
        raise DyadwatchError(f"E064 no input files match {' '.join(inputs)}")
    report.files = len(files)
    for unit_id, unit_fmt, chunk in plan_units(files, files_per_unit):
        report.units += 1
        unit_fmt = input_format or unit_fmt
        if not unit_fmt:
            report.problems.extend(f"{f}: error: unknown input type (expected .jsonl[.gz], "
                                   ".parquet or .warc[.gz]): skipped" for f in chunk)
            report.failures += len(chunk)
            continue
        if fs.exists(f"{output}/_dyadwatch/done/{unit_id}.json"):
            report.skipped += 1
            continue
        _run_unit(spark, fs, report, unit_id, unit_fmt, chunk, fmt, date, tuple(dictionaries))
    report.seconds = time.perf_counter() - start
    return report


def _run_unit(spark: SparkSession, fs: _Fs, report: JobReport, unit_id: str, input_fmt: str,
              files: list[str], fmt: str, date: str | None, dictionaries: tuple[str, ...]) -> None:
    staging = f"{report.output}/_dyadwatch/staging/{unit_id}"
    fs.delete(staging)
    for stale in fs.glob(f"{report.output}/*/{unit_id}-*"):
        fs.delete(stale)
    tally = Tally.create(spark)
    articles = _spread(read_articles(spark, files, input_fmt, date, tally))
    write_events(code(articles, dictionaries, tally), staging, fmt, mode="overwrite")
    prefix = fs.qualified(staging) + "/"
    for part in fs.files_under(staging):
        folder, name = part.removeprefix(prefix).rsplit("/", 1)
        fs.move(part, f"{report.output}/{folder}/{unit_id}-{name.replace('.txt', '.tsv')}")
    done = {"files": files, "articles": tally.articles.value, "events": tally.events.value}
    fs.write_text(f"{report.output}/_dyadwatch/done/{unit_id}.json", json.dumps(done, indent=1))
    fs.delete(staging)
    report.articles += tally.articles.value
    report.events += tally.events.value
    report.failures += tally.failures.value
    report.problems.extend(tally.problems.value)


def _spread(df: DataFrame) -> DataFrame:
    """Enough partitions to keep every core busy (one big file is one partition)."""
    cores = df.sparkSession.sparkContext.defaultParallelism
    if df.rdd.getNumPartitions() < 2 * cores:
        return df.repartition(2 * cores)
    return df
