"""`dyadwatch spark code`: input files to date-partitioned events, resumable by unit.

Inputs are split into units of a few files. Each unit is coded and written to a staging
folder, its files are moved into `output/date=YYYY-MM-DD/` under names that start with
the unit id, and then the unit is marked done in `output/_dyadwatch/done/`. A rerun skips
done units; a unit that was cut off is cleaned (its files removed by name) and redone, so
no event is written twice. Spark, DuckDB and pyarrow all ignore the `_dyadwatch` folder.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from pyspark.sql import DataFrame, SparkSession

from dyadwatch.errors import DyadwatchError
from dyadwatch.model import parse_datetime
from dyadwatch.spark.coding import check_format, code_as, write_form
from dyadwatch.spark.readers import input_format_for, read_articles, read_raw
from dyadwatch.spark.runtime import Tally, session

TASKS_PER_CORE = 4  # see _spread


class _Fs:
    """The Hadoop filesystem API (through the JVM), so every Spark filesystem works.

    Every call is a round trip to the JVM, so filesystems are looked up once per scheme
    and authority, and listings ask for names only: on the local filesystem without
    Hadoop's native library, the permissions of a listed file cost a `ls -ld` process
    each (`FileSystem.listFiles` asks for them), and so does every `chmod` of a file or
    folder Hadoop creates.
    """

    def __init__(self, spark: SparkSession):
        self.jvm = spark._jvm
        self.conf = spark._jsc.hadoopConfiguration()
        self._filesystems: dict[tuple[str, str], Any] = {}

    def _fs_path(self, path: str) -> tuple[Any, Any]:
        p = self.jvm.org.apache.hadoop.fs.Path(path)
        parts = urlsplit(path)
        key = (parts.scheme, parts.netloc)
        if key not in self._filesystems:
            self._filesystems[key] = p.getFileSystem(self.conf)
        return self._filesystems[key], p

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
        files, folders = [], [p]
        while folders:
            for status in fs.listStatus(folders.pop()):
                path = status.getPath()
                if path.getName().startswith(("_", ".")):
                    continue
                if status.isDirectory():
                    folders.append(path)
                else:
                    files.append(path.toString())
        return sorted(files)

    def names_in(self, folder: str) -> set[str]:
        """The names of the entries of a folder (none if it does not exist)."""
        fs, p = self._fs_path(folder)
        if not fs.exists(p):
            return set()
        return {status.getPath().getName() for status in fs.listStatus(p)}

    def qualified(self, path: str) -> str:
        fs, p = self._fs_path(path)
        return fs.makeQualified(p).toString()

    def exists(self, path: str) -> bool:
        fs, p = self._fs_path(path)
        return bool(fs.exists(p))

    def delete(self, path: str) -> None:
        fs, p = self._fs_path(path)
        fs.delete(p, True)

    def move(self, src: str, dst: str, *, make_parent: bool = True) -> None:
        fs, p = self._fs_path(dst)
        if make_parent:
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
    """What `run_job` did: units coded and skipped (done before), counts, problem lines."""

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
        return (f"{self.files} files in {self.units} units ({self.skipped} done before, "
                f"skipped): {self.articles} articles, {self.events} events, {self.failures} "
                f"failed in {self.seconds:.1f}s ({rate:.1f} articles/s) -> {self.output}")

    def add(self, tally: Tally) -> None:
        self.articles += tally.articles.value
        self.events += tally.events.value
        self.failures += tally.failures.value
        self.problems.extend(tally.problems.value)


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
    """Code input files (paths, folders or globs) into `output`, by date, resumably."""
    start = time.perf_counter()
    check_format(fmt)
    if date:
        try:
            parse_datetime(date)
        except ValueError:
            raise DyadwatchError(f"E065 --date must be YYYY-MM-DD, not '{date}'") from None
    spark = session(master)
    fs = _Fs(spark)
    report = JobReport(fs.qualified(output))
    files = _input_files(fs, inputs, report)
    for unit_id, unit_fmt, chunk in plan_units(files, files_per_unit):
        report.units += 1
        unit_fmt = input_format or unit_fmt
        if not unit_fmt:
            report.problems.extend(f"{f}: error: unknown input type (expected .jsonl[.gz], "
                                   ".parquet or .warc[.gz]): skipped" for f in chunk)
            report.failures += len(chunk)
        elif fs.exists(f"{report.output}/_dyadwatch/done/{unit_id}.json"):
            report.skipped += 1
        else:
            _run_unit(spark, fs, report, unit_id, unit_fmt, chunk, fmt, date, tuple(dictionaries))
    report.seconds = time.perf_counter() - start
    return report


def _input_files(fs: _Fs, inputs: list[str], report: JobReport) -> list[str]:
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
    return files


def _run_unit(spark: SparkSession, fs: _Fs, report: JobReport, unit_id: str, input_fmt: str,
              files: list[str], fmt: str, date: str | None, dictionaries: tuple[str, ...]) -> None:
    staging = f"{report.output}/_dyadwatch/staging/{unit_id}"
    fs.delete(staging)
    for stale in fs.glob(f"{report.output}/*/{unit_id}-*"):
        fs.delete(stale)
    tally = Tally.create(spark)
    if input_fmt == "warc":  # a WARC file is one row: extract before spreading the work
        raw, kind = read_articles(spark, files, "warc", date, tally), "articles"
    else:
        raw, kind = read_raw(spark, files, input_fmt), input_fmt.replace("parquet", "articles")
    events = code_as(_spread(raw), kind, fmt, dictionaries, date=date, tally=tally)
    write_form(events, staging, fmt, mode="overwrite")
    _move_into_place(fs, staging, report.output, unit_id)
    done = {"files": files, "articles": tally.articles.value, "events": tally.events.value}
    fs.write_text(f"{report.output}/_dyadwatch/done/{unit_id}.json", json.dumps(done, indent=1))
    fs.delete(staging)
    report.add(tally)


def _move_into_place(fs: _Fs, staging: str, output: str, unit_id: str) -> None:
    """Move a unit's files from staging into the date folders, named after the unit.

    A date folder the output does not have yet moves whole (one rename, after its files
    are renamed in place), so no folder is created: fewer calls to the filesystem, and on
    the local one no `chmod` process per folder.
    """
    prefix = fs.qualified(staging) + "/"
    by_folder: dict[str, list[str]] = {}
    for part in fs.files_under(staging):
        folder, name = part.removeprefix(prefix).rsplit("/", 1)
        by_folder.setdefault(folder, []).append(name)
    existing = fs.names_in(output)
    for folder, names in by_folder.items():
        here = folder not in existing and "/" not in folder
        target = f"{staging}/{folder}" if here else f"{output}/{folder}"
        for name in names:
            fs.move(f"{staging}/{folder}/{name}",
                    f"{target}/{unit_id}-{name.replace('.txt', '.tsv')}", make_parent=not here)
        if here:
            fs.move(f"{staging}/{folder}", f"{output}/{folder}", make_parent=False)


def _spread(df: DataFrame) -> DataFrame:
    """Partitions of equal size, a multiple of the cores in number, several per core.

    Too few partitions (one big file is one) leave cores idle; a number that is not a
    multiple of the cores, or partitions of unequal size (files of different sizes),
    leave cores idle in the last wave while the others finish. Round-robin repartitioning
    gives partitions equal in rows, to within one row per input partition (a shuffle of
    article text, small beside parsing it), and several tasks per core let a core that
    finishes early take the next.
    """
    cores = df.sparkSession.sparkContext.defaultParallelism
    waves = max(TASKS_PER_CORE, -(-df.rdd.getNumPartitions() // cores))
    return df.repartition(cores * waves)
