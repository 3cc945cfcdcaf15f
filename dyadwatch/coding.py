"""One `dyadwatch code` run: read inputs, code them, write events (and store them).

The CLI builds a `CodeRun` and calls `execute`; Python users can do the same.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from dyadwatch.export import write_events
from dyadwatch.ingest.files import Problem, read_inputs
from dyadwatch.model import Article, Event
from dyadwatch.pipeline import Coded, code_articles


@dataclass
class CodeRun:
    inputs: list[str]
    output: str | None = None
    fmt: str | None = None
    date: str | None = None
    workers: int = 1
    dictionaries: tuple[str, ...] = ()
    db: str | None = None
    on_problem: Callable[[Problem], None] = print
    articles: int = 0
    events: int = 0
    failures: int = 0
    warnings: int = 0
    seconds: float = 0.0
    _store: object = field(default=None, repr=False)

    def _articles(self) -> Iterator[Article]:
        for item in read_inputs(self.inputs, self.date):
            if isinstance(item, Problem):
                if item.fatal:
                    self.failures += 1
                else:
                    self.warnings += 1
                self.on_problem(item)
            else:
                yield item

    def _events(self, coded: Iterable[Coded]) -> Iterator[Event]:
        for c in coded:
            self.articles += 1
            if c.error:
                self.failures += 1
                self.on_problem(Problem(c.article.id, c.error))
                continue
            if self._store is not None:
                self._store.put(c.article, c.events, c.quotes)
            self.events += len(c.events)
            yield from c.events

    def execute(self, progress: bool = False) -> None:
        start = time.perf_counter()
        articles: Iterable[Article] = self._articles()
        if progress:
            from tqdm import tqdm

            articles = tqdm(articles, unit=" articles", desc="coding", leave=False)
        if self.db is not None:
            from dyadwatch.store import open_store

            self._store = open_store(self.db, buffered=True)
        try:
            coded = code_articles(articles, workers=self.workers, dictionaries=self.dictionaries)
            write_events(self._events(coded), self.output, self.fmt,
                         flush_every=1 if self.output in (None, "-") else 0)
        finally:
            if self._store is not None:
                self._store.close()
            self.seconds = time.perf_counter() - start

    def summary(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        return (f"{self.articles} articles, {self.events} events, {self.failures} failed, "
                f"{self.warnings} warnings in {self.seconds:.1f}s ({rate:.1f} articles/s)")
