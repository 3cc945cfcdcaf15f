"""One `dyadwatch ingest` run: read sources, extract, dedup, code, store, and count.

Articles stream through: read (main process: files, archives, fetches) -> extract text,
detect language, compute the MinHash signature (worker processes) -> triage against the
store and the near-duplicate index (main process, in input order) -> code new English
articles (worker processes, `pipeline.code_articles`) -> store (main process). Work in
flight is bounded, so memory stays flat however large the input.

Nothing is doubled: an article the store already has is skipped, a near-duplicate is
stored linked to its first copy and not coded, and the index survives in the state file.
Interrupting and re-running resumes: what was stored is skipped, the rest is done.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from dyadwatch.ingest.dedup import THRESHOLD, Deduper, signature
from dyadwatch.ingest.files import Item, Problem, iter_items
from dyadwatch.ingest.html import RawPage, page_to_article
from dyadwatch.ingest.language import detect_language, is_coded
from dyadwatch.ingest.state import IngestState, default_state_path
from dyadwatch.model import Article

BATCH = 16  # articles per task sent to a worker
IN_FLIGHT = 3  # tasks per worker queued at once: bounds memory, keeps workers busy
STORE_BATCH = 64  # articles written to the store in one transaction


@dataclass
class Prepared:
    """An item after extraction: its article (if any), signature and problems."""

    article: Article | None
    signature: bytes | None = None
    problems: list[Problem] = field(default_factory=list)
    fetched_from: str | None = None


def prepare(item: Article | RawPage) -> Prepared:
    """Extract (pages), detect the language and compute the near-duplicate signature."""
    problems: list[Problem] = []
    article: Article | None = item if isinstance(item, Article) else None
    if isinstance(item, RawPage):
        for out in page_to_article(item):
            if isinstance(out, Problem):
                problems.append(out)
            else:
                article = out
    if article is None:
        return Prepared(None, None, problems)
    if not article.language:
        article.language = detect_language(article.text)
    fetched = item.fetched_from if isinstance(item, RawPage) else None
    return Prepared(article, signature(article.text), problems, fetched)


def _prepare_batch(items: list[Article | RawPage]) -> list[Prepared]:
    return [prepare(item) for item in items]


def _code_batch(job: tuple[list[Article], tuple[str, ...]]) -> list[Any]:
    from dyadwatch.pipeline import code_articles

    articles, dictionaries = job
    return list(code_articles(articles, workers=1, dictionaries=dictionaries))


@dataclass
class Tally:
    """What happened to every input, for the end summary."""

    read: int = 0
    new: int = 0
    coded: int = 0
    events: int = 0
    not_coded: Counter = field(default_factory=Counter)  # reason -> count
    duplicate: int = 0
    already: int = 0  # stored by an earlier run, or twice in this one
    skipped: Counter = field(default_factory=Counter)  # reason -> count
    failed: int = 0
    warnings: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        rate = self.read / self.seconds if self.seconds else 0.0
        return (f"read {self.read}: {self.new} new ({self.coded} coded, {self.events} events"
                f"{_reasons(self.not_coded, ', not coded: ')}), {self.duplicate} near-duplicate, "
                f"{self.already} already stored, {sum(self.skipped.values())} skipped"
                f"{_reasons(self.skipped, ': ')}, {self.failed} failed "
                f"in {self.seconds:.1f}s ({rate:.1f}/s)")


def _reasons(counts: Counter, prefix: str) -> str:
    if not counts:
        return ""
    return prefix + ", ".join(f"{reason} {n}" for reason, n in counts.most_common())


class _Inline:
    """The pool interface, run in this process (one worker: no process overhead)."""

    class _Done:
        def __init__(self, value: Any):
            self.value = value

        def get(self) -> Any:
            return self.value

    def apply_async(self, fn: Callable, args: tuple) -> _Inline._Done:
        return self._Done(fn(*args))


@dataclass
class IngestRun:
    """`dyadwatch ingest` as a library call: build, `execute()`, read `tally`."""

    inputs: list[str]
    feeds: str | None = None  # a file of feed URLs (or feed files), one a line
    db: str | None = None
    workers: int = 1
    allow_private: bool = False
    code: bool = True
    dictionaries: tuple[str, ...] = ()
    date: str | None = None
    state_path: str | None = None
    threshold: float = THRESHOLD
    fetch_options: dict[str, Any] = field(default_factory=dict)  # Fetcher keyword args
    on_problem: Callable[[Problem], None] = print
    tally: Tally = field(default_factory=Tally)

    def execute(self, progress: bool = False) -> Tally:
        from dyadwatch.ingest.url import Fetcher
        from dyadwatch.store import DEFAULT_DB, open_store

        start = time.perf_counter()
        db = self.db or DEFAULT_DB
        self._state = IngestState(self.state_path or default_state_path(db))
        self._store = None
        self._fetcher = None
        try:
            self._dedup = Deduper(self._state, self.threshold)
            self._store = open_store(db)
            self._fetcher = Fetcher(allow_private=self.allow_private, state=self._state,
                                    **self.fetch_options)
            self._bar = _progress_bar() if progress else None
            self._seen: set[str] = set()
            self._fetched: dict[str, str | None] = {}  # article id -> URL it was asked as
            self._pending: list[tuple[Article, list, list, str | None]] = []
            self._run(self._items())
            self._flush()
        finally:
            self._close()
            self.tally.seconds = time.perf_counter() - start
        return self.tally

    def _close(self) -> None:
        for thing in (getattr(self, "_bar", None), self._fetcher, self._store):
            if thing is not None:
                thing.close()
        self._state.close()

    def _items(self) -> Iterator[Item]:
        yield from iter_items(self.inputs, self.date, fetcher=self._fetcher)
        if self.feeds:
            from dyadwatch.ingest.feeds import read_feed_list

            try:
                feeds = read_feed_list(self.feeds)
            except (OSError, UnicodeDecodeError) as exc:
                yield Problem(self.feeds, f"cannot read the feed list: {exc}")
                return
            yield from iter_items(feeds, self.date, fetcher=self._fetcher)

    def _run(self, items: Iterable[Item]) -> None:
        workers = max(1, self.workers)
        limit = workers * IN_FLIGHT if workers > 1 else 0  # in-process: no reason to lag
        if workers > 1:
            self._warm()
        with (nullcontext(_Inline()) if workers == 1 else _pool(workers)) as pool:
            self._pool, self._limit = pool, limit
            self._prepping: deque = deque()
            self._coding: deque = deque()
            self._to_code: list[Article] = []
            for batch in _batches(self._readable(items), BATCH):
                self._prepping.append(pool.apply_async(_prepare_batch, (batch,)))
                while len(self._prepping) > limit:
                    self._triage_all(self._prepping.popleft().get())
            while self._prepping:
                self._triage_all(self._prepping.popleft().get())
            self._submit_coding(force=True)
            while self._coding:
                self._store_coded(self._coding.popleft().get())

    def _warm(self) -> None:
        """Load what workers need before forking them, so they share it copy-on-write."""
        import trafilatura  # noqa: F401

        detect_language("Loaded once, before the workers start.")
        if self.code:
            from dyadwatch.pipeline import get_coder

            get_coder(self.dictionaries)

    def _readable(self, items: Iterable[Item]) -> Iterator[Article | RawPage]:
        """Items to extract; problems met while reading are reported here, in order."""
        for item in items:
            if isinstance(item, Problem):
                self._problem(item)
            else:
                yield item

    def _problem(self, problem: Problem) -> None:
        if problem.fatal:
            self.tally.failed += 1
            self.tally.read += 1
        elif problem.skipped:
            self.tally.skipped[problem.reason] += 1
            self.tally.read += 1
        else:
            self.tally.warnings += 1
        self.on_problem(problem)
        self._tick()

    def _triage_all(self, prepared: list[Prepared]) -> None:
        # one store query for the batch: a query per article cost a tenth of the ingest
        stored = self._store.stored_ids(
            p.article.id for p in prepared if p.article and p.article.id not in self._seen)
        for p in prepared:
            for problem in p.problems:
                self._problem(problem)
            if p.article is not None:
                self._triage(p, p.article.id in stored)

    def _triage(self, p: Prepared, stored: bool) -> None:
        """Already stored, a near-duplicate, stored without coding, or sent to coding."""
        article = p.article
        assert article is not None
        self.tally.read += 1
        if article.id in self._seen or stored:
            self._already(article, p)
            return
        self._seen.add(article.id)
        first = self._dedup.first_copy(article.id, p.signature)
        self._dedup.add(article.id, p.signature, first)
        if first is not None:
            article.duplicate_of = first
            self.tally.duplicate += 1
            self._put(article, [], [], p.fetched_from)
        elif not self.code or not is_coded(article.language):
            reason = "--no-code" if not self.code else f"language {article.language}"
            self.tally.not_coded[reason] += 1
            self.tally.new += 1
            self._put(article, [], [], p.fetched_from)
        else:
            self._to_code.append(article)
            self._fetched[article.id] = p.fetched_from
            self._submit_coding()
        self._tick()

    def _already(self, article: Article, p: Prepared) -> None:
        self.tally.already += 1
        known, _ = self._state.known(article.id)
        if not known:  # stored before its signature was saved (an interrupted run)
            stored = self._store.get_article(article.id)
            self._dedup.add(article.id, p.signature, stored.duplicate_of if stored else None)
        if p.fetched_from:
            self._state.mark_url(p.fetched_from, article.id)
        self._tick()

    def _submit_coding(self, force: bool = False) -> None:
        if self._to_code and (force or len(self._to_code) >= BATCH):
            job = (self._to_code, self.dictionaries)
            self._coding.append(self._pool.apply_async(_code_batch, (job,)))
            self._to_code = []
        while len(self._coding) > (0 if force else self._limit):
            self._store_coded(self._coding.popleft().get())

    def _store_coded(self, coded: list[Any]) -> None:
        for c in coded:
            fetched = self._fetched.pop(c.article.id, None)
            if c.error:
                self._seen.discard(c.article.id)
                self._problem(Problem(c.article.url or c.article.id, f"not coded: {c.error}"))
                self.tally.read -= 1  # it was counted when read
                continue
            self.tally.new += 1
            self.tally.coded += 1
            self.tally.events += len(c.events)
            self._put(c.article, c.events, c.quotes, fetched)

    def _put(self, article: Article, events: list, quotes: list, fetched: str | None) -> None:
        """Queue one article for the store; written in batches (one transaction each)."""
        self._pending.append((article, events, quotes, fetched))
        if len(self._pending) >= STORE_BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        self._store.put_many((a, e, q) for a, e, q, _ in self._pending)
        for article, _, _, fetched in self._pending:
            if fetched:
                self._state.mark_url(fetched, article.id)
        self._pending = []
        self._state.commit()  # the state file keeps pace with the store

    def _tick(self) -> None:
        if self._bar is not None and self.tally.read > self._bar.n:
            self._bar.set_postfix(new=self.tally.new, dup=self.tally.duplicate,
                                  failed=self.tally.failed, refresh=False)
            self._bar.update(self.tally.read - self._bar.n)


def _pool(workers: int):
    """Forked workers inherit the loaded extraction modules (as `code_articles` does);
    the main process's store and state connections are never used in them."""
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    return mp.get_context(method).Pool(workers)


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _progress_bar():
    from tqdm import tqdm

    return tqdm(unit=" articles", desc="ingest", leave=False, mininterval=0.5)
