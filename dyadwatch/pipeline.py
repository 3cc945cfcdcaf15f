"""Articles in, coded articles out: batching, streaming and worker processes.

`code_articles` is the one coding entry point that the CLI, ingest, the REST API and
the Spark job all call, so a result never depends on which door it came in by.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from dyadwatch.model import Article, Event, Place, Quote


@dataclass
class Coded:
    """One article with what coding found in it."""

    article: Article
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)  # place names found, article offsets
    error: str | None = None  # why the article could not be coded, if it could not


_CODER = None
_DICTIONARIES: tuple[str, ...] = ()


def get_coder(dictionaries: tuple[str, ...] = ()):  # -> Coder
    """The process-wide coder (pipeline and dictionaries load once per process)."""
    global _CODER, _DICTIONARIES
    if _CODER is None or dictionaries != _DICTIONARIES:
        from dyadwatch.code.engine import Coder

        _CODER = Coder(dictionaries=dictionaries)
        _DICTIONARIES = dictionaries
    return _CODER


def _preload() -> None:
    """Build what coding builds lazily (gazetteer, tone lexicon) once, before forking, so
    the workers share it instead of each spending seconds building its own copy."""
    from dyadwatch.analyze.tone import preload as preload_tone
    from dyadwatch.code.places import preload as preload_places

    preload_places()
    preload_tone()


def _code_batch(batch: list[Article]) -> list[Coded]:
    return get_coder(_DICTIONARIES).code_batch(batch)


def _init_worker(dictionaries: tuple[str, ...]) -> None:
    get_coder(dictionaries)


def code_articles(
    articles: Iterable[Article],
    *,
    workers: int = 1,
    dictionaries: Iterable[str] = (),
    batch_size: int | None = None,
) -> Iterator[Coded]:
    """Code a stream of articles, in order, in constant memory.

    With `workers > 1` batches go to worker processes (each loads the pipeline once);
    at most a few batches per worker are in flight at any time. Batches are 32 articles
    in one process and 16 across workers (about one spaCy batch of paragraphs each), so
    that no worker waits long for the other to finish the last one.
    """
    dicts = tuple(dictionaries)
    batches = _batches(articles, batch_size or (32 if workers <= 1 else 16))
    if workers <= 1:
        coder = get_coder(dicts)
        for batch in batches:
            yield from coder.code_batch(batch)
        return
    # Fork where the platform has it: workers inherit the loaded pipeline (copy-on-write)
    # instead of each loading it again.
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    if method == "fork":
        get_coder(dicts)
        _preload()
    ctx = mp.get_context(method)
    with ctx.Pool(workers, initializer=_init_worker, initargs=(dicts,)) as pool:
        global _DICTIONARIES
        _DICTIONARIES = dicts
        for coded in pool.imap(_code_batch_with(dicts), batches, chunksize=1):
            yield from coded


class _code_batch_with:
    """A picklable callable carrying the dictionary list into worker processes."""

    def __init__(self, dictionaries: tuple[str, ...]):
        self.dictionaries = dictionaries

    def __call__(self, batch: list[Article]) -> list[Coded]:
        return get_coder(self.dictionaries).code_batch(batch)


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def code_text(
    text: str,
    date: str | None = None,
    *,
    id: str | None = None,
    url: str | None = None,
    title: str | None = None,
    dictionaries: Iterable[str] = (),
) -> list[Event]:
    """Code one article's text into events.

    >>> events = code_text("Mexico rejected the US proposal.", date="2025-02-22")  # doctest: +SKIP
    """
    from dyadwatch.model import parse_datetime

    article = Article.from_text(
        text, id=id, url=url, title=title, published=parse_datetime(date) if date else None
    )
    coded = next(code_articles([article], dictionaries=dictionaries))
    if coded.error:
        raise ValueError(coded.error)
    return coded.events
