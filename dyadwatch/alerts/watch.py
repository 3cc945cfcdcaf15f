"""`dyadwatch watch`: poll feeds on a schedule, then ingest, code, store and alert.

Each cycle reads the feed list again (edit it while `watch` runs), ingests every feed in
turn through the same pipeline as `dyadwatch ingest` (conditional GET, URL safety,
extraction, near-duplicate detection, coding, storing), then runs one alert turn: new
stored mentions are matched, notices queued and due notices delivered.

Politeness: feed requests to one host are spaced by `host_interval` seconds (article
pages come through ingest's fetcher, with its retries and backoff), and the pause between
cycles is `every` +-10% so that many watchers do not hit a site in lockstep.
Robustness: a feed that is down or malformed is reported in one line and the cycle goes
on. Stopping: the first SIGINT/SIGTERM lets the feed in progress finish, runs the alert
turn for what was stored, and exits 0; a second signal stops at once (a half-stored
article is rolled back by the store, and the next start resumes from the saved cursor).
"""

from __future__ import annotations

import os
import random
import re
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from dyadwatch.alerts.config import alerts_db_path, load_settings
from dyadwatch.alerts.outbox import AlertDB
from dyadwatch.alerts.service import Alerter
from dyadwatch.errors import DyadwatchError
from dyadwatch.ingest.url import HostThrottle

# the next poll is itself a retry: one quick retry here keeps a down feed from stalling a cycle
FETCH_OPTIONS = {"retries": 1, "backoff": 0.5}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class WatchError(DyadwatchError):
    """`watch` was given something it cannot use (E080-E089)."""


def parse_duration(text: str) -> float:
    """'90s', '10m', '1.5h', '1d', or plain seconds -> seconds."""
    m = _DURATION.match(str(text))
    if not m or float(m.group(1)) <= 0:
        raise WatchError(f"E080 '--every {text}' is not a duration: use e.g. 90s, 10m, 1h")
    return float(m.group(1)) * _UNITS[(m.group(2) or "s").lower()]


@dataclass
class WatchOptions:
    feeds: str
    every: float = 600.0  # seconds between cycles
    once: bool = False
    db: str | None = None
    alerts_db: str | None = None
    allow_private: bool = False
    host_interval: float = 2.0
    jitter: float = 0.1
    dictionaries: tuple[str, ...] = ()
    config: str | None = None

    @classmethod
    def from_cli(cls, *, every: str, **kw: Any) -> WatchOptions:
        return cls(every=parse_duration(every), **kw)

    @property
    def store_url(self) -> str:
        from dyadwatch.store import DEFAULT_DB

        return self.db or os.environ.get("DYADWATCH_DB") or DEFAULT_DB


class StopSignal:
    """SIGINT/SIGTERM: the first asks for a clean stop, the second stops at once."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self._old: dict[int, Any] = {}

    def _handle(self, signum: int, frame: Any) -> None:
        if self.event.is_set():
            raise KeyboardInterrupt
        self.event.set()

    def install(self) -> None:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._old[sig] = signal.signal(sig, self._handle)

    def restore(self) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)

    def is_set(self) -> bool:
        return self.event.is_set()

    def sleep(self, seconds: float) -> None:
        self.event.wait(seconds)


@dataclass
class Cycle:
    feeds: int = 0
    articles: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)


def _read_feeds(path: str) -> list[str]:
    from dyadwatch.ingest.feeds import read_feed_list

    try:
        return read_feed_list(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise WatchError(f"E081 cannot read the feed list '{path}': {exc}") from None


def poll_feeds(opts: WatchOptions, throttle: HostThrottle, stop: StopSignal,
               echo: Callable[[str], Any]) -> Cycle:
    """Ingest each feed once (one `IngestRun` a feed, so one bad feed spoils nothing)."""
    from dyadwatch.ingest.runner import IngestRun

    cycle = Cycle()
    for feed in _read_feeds(opts.feeds):
        if stop.is_set():
            break
        throttle.wait(feed)
        run = IngestRun(inputs=[feed], db=opts.store_url, allow_private=opts.allow_private,
                        dictionaries=opts.dictionaries, fetch_options=FETCH_OPTIONS,
                        on_problem=lambda p: cycle.problems.append(str(p)))
        try:
            tally = run.execute()
        except Exception as exc:  # noqa: BLE001 - one feed (or a busy store) must not stop watch
            cycle.problems.append(f"{feed}: {type(exc).__name__}: {exc}")
            continue
        cycle.feeds += 1
        cycle.articles += tally.new
        cycle.events += tally.events
    for line in cycle.problems:
        echo(line)
    return cycle


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _alert_turn(alerter: Alerter, store_url: str) -> str:
    """One alert turn; a failure (say, the store is busy) is reported and tried next cycle."""
    from dyadwatch.store import open_store

    try:
        store = open_store(store_url)
        try:
            return str(alerter.run_once(store))
        finally:
            store.close()
    except Exception as exc:  # noqa: BLE001 - the next cycle tries again
        return f"not run this cycle ({type(exc).__name__}: {exc})"


def _lock(alerts_path: str) -> Any:
    """One `watch` per alert state file: a second would re-send the first one's notices."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX: no lock
        return None
    Path(alerts_path).parent.mkdir(parents=True, exist_ok=True)
    handle = open(alerts_path + ".watch.lock", "w")  # noqa: SIM115 - held until exit
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise WatchError(f"E082 another `dyadwatch watch` is already running on "
                         f"{alerts_path}; stop it first") from None
    return handle


def run_watch(opts: WatchOptions, echo: Callable[[str], Any] = print) -> int:
    """Poll, ingest, code, store and alert until stopped (or once); returns the exit status."""
    settings = load_settings(opts.config)
    settings.allow_private = settings.allow_private or opts.allow_private
    path = alerts_db_path(opts.store_url, opts.alerts_db)
    _read_feeds(opts.feeds)  # a missing list is a usage error before anything starts
    lock = _lock(path)
    alerts = AlertDB(path)
    alerter = Alerter(alerts, settings)
    alerts.release_stale()
    throttle = HostThrottle(opts.host_interval)
    echo(f"{_now()} watching {opts.feeds} every {opts.every:g}s; store {opts.store_url}")
    stop = StopSignal()
    stop.install()
    try:
        while True:
            cycle = poll_feeds(opts, throttle, stop, echo)
            echo(f"{_now()} polled {cycle.feeds} feeds: {cycle.articles} new articles, "
                 f"{cycle.events} events; alerts: {_alert_turn(alerter, opts.store_url)}")
            if opts.once or stop.is_set():
                break
            stop.sleep(opts.every * random.uniform(1 - opts.jitter, 1 + opts.jitter))
            if stop.is_set():
                break
    finally:
        stop.restore()
        alerter.close()
        alerts.close()
        if lock is not None:
            lock.close()
    echo(f"{_now()} stopped cleanly")
    return 0
