"""The Spark session, and the counters and problem lines executors send back."""

from __future__ import annotations

import dataclasses
import os
import sys
import warnings
from typing import Any

from pyspark import AccumulatorParam, SparkConf
from pyspark.sql import SparkSession

from dyadwatch.ingest.files import Problem

# The JVM of a local session is the driver and the executor, and it shares the cores
# with the Python workers that do the coding. Its own work (reading, Arrow, shuffles,
# Parquet) is small, but by default it spends more CPU compiling itself (the C2 JIT) and
# on a concurrent collector than on that work: C1 alone and the serial collector halve
# its CPU time without slowing its part of the job (docs/decisions/011).
LOCAL_DRIVER_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# Hadoop's default local filesystem writes a `.crc` file beside every file, and without
# Hadoop's native library each file it creates costs a `chmod` process: the raw one
# writes no checksum files, so half the processes (docs/decisions/011).
LOCAL_FILESYSTEM = "org.apache.hadoop.fs.RawLocalFileSystem"


def session(master: str | None = None, app_name: str = "dyadwatch") -> SparkSession:
    """The active Spark session, or a new one (`local[*]` unless a master is configured).

    Under spark-submit the master and resources come from spark-submit. Started from a
    plain Python, the workers run this same interpreter so they see the same packages.
    Settings from spark-submit or spark-defaults.conf win over `tuned_conf`.
    """
    # PySpark warns about pandas 3 on every session; dyadwatch's Spark path uses Arrow only.
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    active = SparkSession.getActiveSession()
    if active is not None and master is None:
        return active
    builder = SparkSession.builder.appName(app_name)
    conf = dict(SparkConf().getAll())
    if master or "spark.master" not in conf:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = (builder.master(master or "local[*]").config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false"))
    tuned = tuned_conf(master or conf.get("spark.master", "local[*]"), conf)
    return builder.config(map=tuned).getOrCreate()


def tuned_conf(master: str, given: dict[str, str]) -> dict[str, str]:
    """The settings dyadwatch's sessions use, less those already `given`.

    Workers are reused across tasks and forked from a daemon that has already loaded
    the coder (`dyadwatch.spark.daemon`), so spaCy and the dictionaries load once per
    executor. Input batches of 256 articles keep a worker's memory small and steady.
    """
    conf = {
        "spark.python.worker.reuse": "true",
        "spark.python.daemon.module": "dyadwatch.spark.daemon",
        "spark.sql.execution.arrow.maxRecordsPerBatch": "256",
    }
    if master.startswith("local"):
        conf["spark.driver.extraJavaOptions"] = LOCAL_DRIVER_JAVA_OPTIONS
        conf["spark.hadoop.fs.file.impl"] = LOCAL_FILESYSTEM
    conf = {k: v for k, v in conf.items() if k not in given}
    # Dates of partition folders stay strings ("2025-02-22"), as `dyadwatch code` wrote them.
    conf["spark.sql.sources.partitionColumnTypeInference.enabled"] = "false"
    return conf


class _ListParam(AccumulatorParam):
    """Problem lines from the executors: the first `cap` are kept, the rest only counted."""

    cap = 1000

    def zero(self, value: list[str]) -> list[str]:
        return []

    def addInPlace(self, a: list[str], b: list[str]) -> list[str]:
        return (a + b)[: self.cap]


@dataclasses.dataclass
class Tally:
    """Counters the executors fill in while a job runs (Spark accumulators).

    Read them after an action; a task that Spark retries is counted again.
    """

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


def report_problem(tally: Tally | None, p: Problem) -> None:
    """Into the tally (back to the driver) when there is one, else the executor's stderr."""
    if tally is not None:
        tally.problem(p)
    else:
        print(p, file=sys.stderr)
