"""Spark's set-up: the coder loads once per executor, and the work is spread evenly."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.spark


def test_workers_start_with_the_coder_the_daemon_loaded(spark):
    def coder_at_task_start(rows):  # defined here so that it is shipped by value
        """Per task: the worker's pid, and whether the coder was loaded before the task."""
        import os

        from dyadwatch import pipeline

        yield (os.getpid(), pipeline._CODER is not None, sum(1 for _ in rows))

    got = spark.sparkContext.parallelize(range(40), 4).mapPartitions(coder_at_task_start)
    tasks = got.collect()
    assert len(tasks) == 4
    assert all(loaded for _, loaded, _ in tasks), tasks
    assert len({pid for pid, _, _ in tasks}) <= 2  # two cores: workers are reused


def test_spread_gives_equal_partitions_a_multiple_of_the_cores(spark):
    from dyadwatch.spark.job import TASKS_PER_CORE, _spread

    sizes = (1, 2, 3, 40, 100)  # five unequal input partitions, as from files of any size
    rows = spark.sparkContext.parallelize(range(5), 5).flatMap(lambda i: [(i,)] * sizes[i])
    df = spark.createDataFrame(rows, "part int")
    assert df.rdd.getNumPartitions() == 5
    spread = _spread(df).rdd.glom().map(len).collect()
    assert len(spread) == 2 * TASKS_PER_CORE
    # Each input partition deals its rows round-robin: at most one more row from each.
    assert sum(spread) == sum(sizes) and max(spread) - min(spread) <= len(sizes)


def test_settings_given_by_the_user_win():
    from dyadwatch.spark.runtime import LOCAL_DRIVER_JAVA_OPTIONS, LOCAL_FILESYSTEM, tuned_conf

    local = tuned_conf("local[2]", {})
    assert local["spark.python.daemon.module"] == "dyadwatch.spark.daemon"
    assert local["spark.driver.extraJavaOptions"] == LOCAL_DRIVER_JAVA_OPTIONS
    assert local["spark.hadoop.fs.file.impl"] == LOCAL_FILESYSTEM
    assert not {"spark.driver.extraJavaOptions", "spark.hadoop.fs.file.impl"} & set(
        tuned_conf("yarn", {}))
    given = {"spark.python.daemon.module": "pyspark.daemon",
             "spark.driver.extraJavaOptions": "-Xss4m"}
    assert not set(given) & set(tuned_conf("local[*]", given))
