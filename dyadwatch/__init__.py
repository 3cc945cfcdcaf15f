"""dyadwatch: political event data from news text, with the evidence for every event.

    >>> import dyadwatch
    >>> events = dyadwatch.code_text("Mexico rejected the US proposal.", date="2025-02-22")  # doctest: +SKIP
"""

from dyadwatch.model import Actor, Article, Event, Evidence, Place, Quote, Span
from dyadwatch.pipeline import Coded, code_articles, code_text

__version__ = "0.1.0"


def open_store(url: str | None = None, **options):  # -> dyadwatch.store.Store
    """Open (and create or migrate) a store: a DuckDB file path, or a postgresql:// URL.

    Without `url`, $DYADWATCH_DB, else ./dyadwatch.duckdb. Options: `read_only`, `buffered`
    (see dyadwatch.store.open_store).
    """
    from dyadwatch.store import open_store as _open

    return _open(url, **options)


__all__ = [
    "Actor", "Article", "Coded", "Event", "Evidence", "Place", "Quote", "Span",
    "code_articles", "code_text", "open_store",
]
