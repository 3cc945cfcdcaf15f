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

from dyadwatch.errors import DyadwatchError

try:
    import pyspark  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the install
    raise DyadwatchError(
        "E060 PySpark is not installed: pip install 'dyadwatch[spark]' (it also needs Java 17)"
    ) from exc

from dyadwatch.spark.coding import Tally, aggregate, code, session, write_events
from dyadwatch.spark.job import JobReport, run_job
from dyadwatch.spark.readers import read_articles
from dyadwatch.spark.schema import EVENT_SCHEMA, spark_schema

__all__ = [
    "EVENT_SCHEMA", "JobReport", "Tally", "aggregate", "code", "read_articles", "run_job",
    "session", "spark_schema", "write_events",
]
