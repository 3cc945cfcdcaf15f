"""The Store interface: what every storage backend offers.

DuckDB (embedded, the default) and PostgreSQL implement it and pass one shared test
suite. Callers (CLI, REST API, dashboard, alerts, ingest) use only these methods.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from dyadwatch.model import Article, Event, Quote

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa


@dataclass
class EventFilter:
    """Filters over event mentions; every field is optional and they combine with AND.

    `dyad=("MEX", "USA")` matches source MEX... to target USA...; with
    `either_direction=True` also USA... to MEX.... Actor values match a code prefix
    (`MEX` matches `MEXGOV`), country values the ISO3 country, role values one role.
    """

    actor: str | None = None  # source or target
    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None
    either_direction: bool = False
    country: str | None = None  # source or target country
    role: str | None = None  # source or target role
    cameo: list[str] = field(default_factory=list)  # code prefixes: "12", "1212"
    cameo_root: list[str] = field(default_factory=list)
    plover: list[str] = field(default_factory=list)
    quad_class: list[int] = field(default_factory=list)
    goldstein_min: float | None = None
    goldstein_max: float | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    text: str | None = None  # substring of the evidence sentence, case-insensitive
    modality: list[str] = field(default_factory=list)
    article_id: str | None = None
    min_mentions: int | None = None  # of the mention's aggregated event
    min_sources: int | None = None
    # Strings from users (CLI options, URL parameters): dyadwatch.store.filters.parse_filter
    # builds a checked EventFilter from them, or raises FilterError naming the bad field.


class Store(Protocol):
    """Articles, their event mentions and quotes, aggregated events, and queries."""

    url: str

    def put(self, article: Article, events: list[Event], quotes: Iterable[Quote] = ()) -> None:
        """Store one article and replace all its events and quotes, in one transaction.

        On a store opened with `buffered=True` the article may wait (at most
        `flush_seconds`, or until a read, `flush()` or `close()`) to share a transaction
        with others: still whole or not at all, much faster for streams.
        """

    def flush(self) -> None:
        """Store the articles a buffered store is holding."""

    def put_many(self, items: Iterable[tuple[Article, list[Event], list[Quote]]]) -> int:
        """Store many articles in batches; each article is replaced whole. Returns the count."""

    def has_article(self, article_id: str) -> bool: ...

    def stored_ids(self, article_ids: Iterable[str]) -> set[str]:
        """Which of `article_ids` the store has: one query for a batch (ingest triage)."""

    def get_article(self, article_id: str) -> Article | None: ...

    def article_events(self, article_id: str) -> list[Event]: ...

    def events(
        self,
        flt: EventFilter | None = None,
        *,
        limit: int = 100,
        offset: int = 0,
        order: str = "date_desc",
    ) -> list[Event]:
        """Event mentions matching `flt`, newest first by default."""

    def count_events(self, flt: EventFilter | None = None, at_most: int | None = None) -> int:
        """How many mentions match; with `at_most`, counting stops there."""

    def date_span(self, flt: EventFilter | None = None) -> tuple[str | None, str | None]:
        """The first and last event dates (YYYY-MM-DD) of the matching mentions."""

    def event_frame(self, flt: EventFilter | None = None, columns: list[str] | None = None,
                    *, limit: int = 5000, order: str = "stored_desc") -> pd.DataFrame:
        """Some mention columns of up to `limit` matching mentions (newest stored first),
        as a DataFrame: for summaries that need no Event objects."""

    def events_after(self, cursor: int, limit: int = 1000) -> tuple[list[Event], int]:
        """Mentions stored after `cursor` (a monotonically growing sequence), and the new cursor.

        Alerts use this to see each newly stored mention exactly once.
        """

    def aggregated(
        self, flt: EventFilter | None = None, *, limit: int = 100, offset: int = 0
    ) -> pd.DataFrame:
        """GDELT-style events: mentions of one happening (source, target, CAMEO, day)
        grouped, with num_mentions, num_sources, num_articles, avg_tone.

        Columns: event_key, global_event_id, date, source_code, source_name,
        source_country, target_code, target_name, target_country, cameo, cameo_root,
        quad_class, goldstein, num_mentions, num_sources, num_articles, avg_tone, is_root,
        first_mention (a mention id), url. Newest first. See dyadwatch/aggregate.py.
        """

    def count_aggregated(self, flt: EventFilter | None = None) -> int:
        """How many aggregated events `aggregated(flt)` pages through."""

    def mentions(self, event_key: str, *, limit: int = 1000, offset: int = 0) -> list[Event]:
        """The mentions of one aggregated event, by its `event_key` column
        (`date:source:target:cameo`, e.g. `2025-02-22:MEXGOV:USAGOV:111`), oldest first."""

    def iter_aggregated(
        self, flt: EventFilter | None = None, batch_size: int = 10_000
    ) -> Iterator[tuple[dict[str, Any], Event]]:
        """Every aggregated event (a dict of the `aggregated` columns) with its first mention."""

    def timeline(
        self,
        a: str,
        b: str,
        *,
        by: str = "week",
        since: str | None = None,
        until: str | None = None,
        flt: EventFilter | None = None,
    ) -> pd.DataFrame:
        """Per period and direction (a->b, b->a): count, Goldstein mean and sum, and the
        share of each QuadClass.

        by: day | week (Monday) | month | quarter | year. One row per period and direction,
        every period from the first to the last (or since..until), zero-filled. Columns:
        period (Timestamp), direction ("MEX->USA"), source, target, events,
        goldstein_mean (NaN when no events), goldstein_sum, verbal_coop, material_coop,
        verbal_conflict, material_conflict (shares 0..1). `flt` narrows the mentions
        (e.g. modality=["asserted"]).
        """

    def quotes(self, speaker: str | None = None, *, limit: int = 100, offset: int = 0) -> list[Quote]: ...

    def stats(self) -> dict[str, Any]:
        """{"articles": N, "events": N, "mentions": N, "quotes": N, ...}"""

    def iter_events(self, flt: EventFilter | None = None, batch_size: int = 10_000) -> Iterator[list[Event]]:
        """Every matching mention, in batches (for exports)."""

    def iter_arrow(
        self, flt: EventFilter | None = None, columns: list[str] | None = None,
        batch_size: int = 100_000,
    ) -> Iterator[pa.Table]:
        """Matching mention rows as Arrow tables (the mentions table's columns)."""

    def import_mentions(
        self, batches: Iterable[pa.Table | pa.RecordBatch], articles: Iterable[pa.Table] = ()
    ) -> int:
        """Bulk-load mention rows already in columns (a Parquet export, Spark output),
        replacing what was stored before for the articles they name."""

    def actors(self, *, limit: int = 100, offset: int = 0) -> pd.DataFrame:
        """Actor codes in the store, most mentioned first: code, name, country, mentions."""

    def schema_version(self) -> int: ...

    def close(self) -> None: ...
