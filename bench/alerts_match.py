"""Alert matching throughput and ingest-to-delivery latency.

    python bench/alerts_match.py                      # 1,000 subscriptions x 100,000 events
    python bench/alerts_match.py --subs 5000 --events 200000

Prints: compile time; matching throughput (events/s) for the compiled index and, for
scale, for checking every rule one by one on a sample; the full `process` step (matching,
ledger and outbox writes in SQLite); peak memory; and the latency from an event being
stored to its webhook notice arriving at a receiver on loopback.

Events are synthetic but shaped like news: actor countries follow a Zipf-like skew,
CAMEO codes are drawn from the real table, and most events are cooperative.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

from dyadwatch.alerts import AlertDB, Alerter, AlertSettings, Matcher, Subscription
from dyadwatch.alerts.matcher import conditions
from dyadwatch.code.cameo import cameo_table
from dyadwatch.model import Actor, Event, Evidence

COUNTRIES = ["USA", "CHN", "RUS", "UKR", "MEX", "GBR", "FRA", "DEU", "ISR", "IRN", "IND", "PAK",
             "TUR", "SYR", "JPN", "KOR", "PRK", "BRA", "CAN", "SAU", "EGY", "NGA", "ZAF", "AFG",
             "IRQ", "VEN", "COL", "CUB", "ITA", "ESP", "POL", "AUS", "IDN", "PHL", "VNM", "TWN",
             "ETH", "SDN", "KEN", "LBY", "YEM", "LBN", "JOR", "QAT", "ARE", "ARG", "CHL", "PER"]
ROLES = ["GOV", "MIL", "COP", "LEG", "OPP", "BUS", "MED", "CVL", "REB", "JUD"]
PLOVERS = ["REJECT", "THREATEN", "COERCE", "MOBILIZE", "ASSAULT", "ACCUSE", "PROTEST",
           "SANCTION", "AGREE", "CONSULT", "COOPERATE", "SUPPORT", "REQUEST", "AID"]


_WEIGHTS = [1 / rank for rank in range(1, len(COUNTRIES) + 1)]  # Zipf: USA about 22%


def _country(rng: random.Random) -> str:
    return rng.choices(COUNTRIES, _WEIGHTS)[0]


def make_events(n: int, seed: int = 1) -> list[Event]:
    rng = random.Random(seed)
    codes = list(cameo_table().values())
    weights = [6.0 if c.quad_class == 1 else 2.0 if c.quad_class in (2, 3) else 1.0 for c in codes]
    picks = rng.choices(codes, weights, k=n)
    events = []
    for i, code in enumerate(picks):
        src, tgt = _country(rng), _country(rng)
        srole, trole = rng.choice(ROLES), rng.choice(ROLES)
        events.append(Event(
            id=f"b{i}-0-0", article_id=f"b{i}", sentence_index=0, sentence="(synthetic)",
            date="2025-02-22", source=Actor(src + srole, country=src, roles=[srole]),
            target=None if rng.random() < 0.15 else Actor(tgt + trole, country=tgt, roles=[trole]),
            cameo=code.code, cameo_root=code.root, quad_class=code.quad_class,
            goldstein=code.goldstein, plover_type=code.plover_type, plover_mode=None,
            plover_context=None, negated=False,
            modality=rng.choice(["asserted"] * 6 + ["reported", "future", "proposed"]),
            evidence=Evidence(verb=None, rule="bench"), confidence=0.8,
            url=f"https://news.example.org/{i}", outlet=f"outlet{rng.randrange(50)}"))
    return events


def make_subscriptions(n: int, seed: int = 2) -> list[Subscription]:
    """A mix like real users': mostly dyads and countries with event types, some broad."""
    rng = random.Random(seed)
    subs = []
    for i in range(n):
        kind = rng.random()
        kw: dict = {}
        if kind < 0.45:
            kw["dyad"] = f"{_country(rng)}-{_country(rng)}"
            kw["either_direction"] = rng.random() < 0.6
            kw["plover"] = rng.sample(PLOVERS, rng.randint(1, 4))
        elif kind < 0.65:
            kw["country"] = [_country(rng)]
            kw["plover"] = rng.sample(PLOVERS[:8], 2)
            kw["goldstein_max"] = -4.0
        elif kind < 0.80:
            kw["actors"] = [_country(rng) + rng.choice(ROLES)]
            kw["cameo_root"] = [f"{rng.randint(10, 20):02d}"]
        elif kind < 0.99:
            kw["plover"] = [rng.choice(PLOVERS)]
            kw["goldstein_max"] = -5.0
            kw["role"] = [rng.choice(ROLES)]
        else:  # a few broad rules: every asserted material conflict
            kw["quad_class"] = [4]
            kw["modality"] = ["asserted"]
        if rng.random() < 0.1:
            kw["min_sources"] = 2
        subs.append(Subscription(name=f"s{i}", email=[f"user{i}@example.org"], **kw).validate())
    return subs


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _rate(label: str, n: int, start: tuple[float, float], extra: str = "") -> None:
    wall, cpu = time.perf_counter() - start[0], time.process_time() - start[1]
    print(f"{label:<12} {n:>9,} events in {wall:.2f} s wall, {cpu:.2f} s CPU = "
          f"{n / cpu:>9,.0f} events/s per CPU core{extra}")


def bench_matching(subs: list[Subscription], events: list[Event]) -> None:
    start = _clock()
    matcher = Matcher(subs)
    print(f"compile      {len(subs):>9,} subscriptions in {time.perf_counter() - start[0]:.3f} s")
    start = _clock()
    hits = sum(len(matcher.match(e)) for e in events)
    _rate("match", len(events), start, f" ({hits:,} matches, {hits / len(events):.2f} per event)")
    sample = events[:1000]
    compiled = [[c for _, c in conditions(s)] for s in subs]
    start = _clock()
    naive = sum(1 for e in sample for checks in compiled if all(c(e) for c in checks))
    _rate("naive loop", len(sample), start, f" (every rule checked; {naive:,} matches)")


def bench_process(subs: list[Subscription], events: list[Event], tmp: Path) -> None:
    db = AlertDB(tmp / "process.sqlite")
    for sub in subs:
        db.add_subscription(sub)
    alerter = Alerter(db)
    start = _clock()
    queued = 0
    for i in range(0, len(events), 5000):
        queued += alerter.process(events[i:i + 5000])[1]
    _rate("process", len(events), start, f" (match + ledger + outbox: {queued:,} queued)")
    db.close()


class _Receiver(BaseHTTPRequestHandler):
    arrivals: ClassVar[dict[str, float]] = {}

    def do_POST(self):
        import json

        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        for item in body["items"]:
            _Receiver.arrivals[item["id"]] = time.perf_counter()
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def bench_latency(tmp: Path, n: int = 300) -> None:
    """Store events a small batch at a time (as `watch` does after a poll), run one alert
    turn per batch, and time each event from the end of its batch's store writes to its
    webhook notice arriving (the alert path: cursor read, match, queue, deliver)."""
    try:
        from dyadwatch.store import open_store

        store = open_store(str(tmp / "latency.duckdb"))
    except ImportError as exc:
        print(f"latency      skipped: no store ({exc})")
        return
    from dyadwatch.model import Article

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    db = AlertDB(tmp / "latency.sqlite")
    db.add_subscription(Subscription(name="all-conflict", quad_class=[3, 4], webhook=(
        f"http://127.0.0.1:{httpd.server_port}/hook"), webhook_secret="k"))
    alerter = Alerter(db, AlertSettings(allow_private=True))
    events = [e for e in make_events(n * 4, seed=3) if e.quad_class in (3, 4)][:n]
    stored: dict[str, float] = {}
    put_seconds = 0.0
    for i in range(0, len(events), 10):
        batch = events[i:i + 10]
        start = time.perf_counter()
        for e in batch:
            store.put(Article(id=e.article_id, text="(synthetic)", url=e.url), [e])
        put_seconds += time.perf_counter() - start
        stored.update({e.id: time.perf_counter() for e in batch})
        alerter.run_once(store)
    httpd.shutdown()
    lat = sorted((_Receiver.arrivals[k] - t) * 1000 for k, t in stored.items()
                 if k in _Receiver.arrivals)
    print(f"latency      {len(lat)} of {len(stored)} notices delivered; stored -> webhook "
          f"received: median {statistics.median(lat):.0f} ms, p95 "
          f"{lat[int(len(lat) * 0.95) - 1]:.0f} ms, max {lat[-1]:.0f} ms (batches of 10; "
          f"storing took {put_seconds / len(events) * 1000:.0f} ms an article before that)")
    store.close()
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subs", type=int, default=1000)
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    events = make_events(args.events)
    subs = make_subscriptions(args.subs)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"memory       max RSS {rss:.0f} MiB with {len(events):,} events in memory")
    bench_matching(subs, events)
    with tempfile.TemporaryDirectory() as tmp:
        bench_process(subs, events, Path(tmp))
        bench_latency(Path(tmp))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"memory       process max RSS {rss:.0f} MiB")


if __name__ == "__main__":
    main()
