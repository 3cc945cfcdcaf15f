"""The same coding, inside Apache Spark: for archives of millions of articles.

    >>> from dyadwatch import spark as dws                      # doctest: +SKIP
    >>> events_df = dws.code(articles_df)                       # doctest: +SKIP
    >>> daily = dws.aggregate(events_df)                        # doctest: +SKIP
    >>> dws.write_events(events_df, "s3a://bucket/events/")     # doctest: +SKIP

`code` runs `dyadwatch.pipeline.code_articles` in the executors through `mapInArrow`, so a
result never depends on whether `dyadwatch code` or Spark coded it. The spaCy pipeline and
the dictionaries load once per Python worker process (Spark reuses its workers across
tasks) and Arrow batches stream through.

Events have the schema of `Event.to_dict` (the JSON Lines contract: nested `source`,
`target`, `plover`, `evidence` and places), so nothing is lost and every row turns back
into an `Event` with `Event.from_dict`. Written Parquet has the flat columns of
`dyadwatch code -o events.parquet` (`export.FLAT_COLUMNS`), partitioned by `date`.
"""

import importlib
from typing import TYPE_CHECKING, Any

from dyadwatch.errors import DyadwatchError

try:
    import pyspark  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the install
    raise DyadwatchError(
        "E060 PySpark is not installed: pip install 'dyadwatch[spark]' (it also needs Java 17)"
    ) from exc

# The public names load on first use (PEP 562), so that `dyadwatch.spark.daemon` can be
# imported by Spark's Python daemon without pyarrow and pyspark.sql: the daemon forks a
# worker per task, and libraries that start threads must not be loaded before a fork.
_PUBLIC = {
    "EVENT_SCHEMA": "schema", "JobReport": "job", "Tally": "runtime", "aggregate": "coding",
    "code": "coding", "read_articles": "readers", "run_job": "job", "session": "runtime",
    "spark_schema": "schema", "write_events": "coding",
}
__all__ = [
    "EVENT_SCHEMA", "JobReport", "Tally", "aggregate", "code", "read_articles", "run_job",
    "session", "spark_schema", "write_events",
]

if TYPE_CHECKING:
    from dyadwatch.spark.coding import aggregate, code, write_events
    from dyadwatch.spark.job import JobReport, run_job
    from dyadwatch.spark.readers import read_articles
    from dyadwatch.spark.runtime import Tally, session
    from dyadwatch.spark.schema import EVENT_SCHEMA, spark_schema


def __getattr__(name: str) -> Any:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'dyadwatch.spark' has no attribute '{name}'")
    module = importlib.import_module(f"dyadwatch.spark.{_PUBLIC[name]}")
    return getattr(module, name)
