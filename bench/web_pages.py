"""Dashboard and API page timings on a big store. Prints each figure; asserts nothing.

    python bench/web_pages.py                          # 10 million events (built once)
    python bench/web_pages.py --events 1000000         # smaller
    python bench/web_pages.py --db /data/bench.duckdb  # reuse a store (built if missing)

The store is the synthetic one of bench/store_scale.py (200 countries, 5 years, loaded in
Arrow batches). Each page is requested in-process through the ASGI app (no network), once
to warm up and then `--repeat` times; the median is printed against the 500 ms target.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from fastapi.testclient import TestClient
from store_scale import load_average

from dyadwatch.store import open_store
from dyadwatch.store.base import EventFilter
from dyadwatch.web import create_app
from dyadwatch.web.views import latest_date

TARGET_MS = 500


def build(db: Path, events: int, batch: int) -> None:
    """Load the store bench's synthetic events into `db` unless it already holds some."""
    from store_scale import Synthetic, load

    store = open_store(str(db))
    try:
        if store.count_events() >= events:
            print(f"reusing {db} ({store.count_events():,} mentions)")
            return
        print(f"building {db}: {events:,} synthetic events")
        load(store, Synthetic(7), events, batch)
    finally:
        store.close()


def urls(db: Path) -> list[tuple[str, str]]:
    store = open_store(str(db), read_only=True)
    try:
        newest = store.events(EventFilter(dyad=("MEX", "USA")), limit=1)[0]
        last = latest_date(store)
    finally:
        store.close()
    year = last[:4]
    return [
        ("overview", "/"),
        ("dyad page MEX/USA", "/dyad/MEX/USA"),
        ("dyad page, one month", f"/dyad/MEX/USA?since={year}-03-01&until={year}-03-31"),
        ("timeline JSON by week", "/api/dyads/MEX/USA/timeline?by=week"),
        ("timeline JSON by day", "/api/dyads/MEX/USA/timeline?by=day"),
        ("dyad summary JSON, one month",
         f"/api/dyads/MEX/USA/summary?since={year}-03-01&until={year}-03-31"),
        ("explorer, no filter", "/events"),
        ("explorer, dyad + PLOVER", "/events?dyad=MEX-USA&either_direction=true&plover=REJECT"),
        ("explorer, text search", "/events?actor=ISR&text=military"),
        ("explorer, page 50", "/events?country=CHN&offset=2450"),
        ("events JSON, goldstein sort", "/api/events?quad_class=4&sort=goldstein_asc&limit=100"),
        ("event page", f"/event/{newest.id}"),
        ("article page", f"/article/{newest.article_id}"),
        ("actor page USA", "/actor/USA"),
        ("actor JSON USA", "/api/actors/USA"),
        ("actor JSON MEX, one year", f"/api/actors/MEX?since={year}-01-01"),
        ("movers JSON", "/api/movers"),
        ("busiest dyads JSON", "/api/dyads"),
    ]


def time_pages(db: Path, repeat: int) -> None:
    client = TestClient(create_app(str(db)))
    print(f"\n{'page':36} {'median':>9} {'first':>9} {'CPU':>9}  (target {TARGET_MS} ms; CPU: "
          "median CPU time of this process, all threads)")
    slow = 0
    for label, url in urls(db):
        times, cpu = [], []
        for _ in range(repeat + 1):
            t, c = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
            if response.status_code != 200:
                print(f"  {label}: HTTP {response.status_code} {response.text[:200]}")
                break
        median = statistics.median(times[1:] or times)
        slow += median > TARGET_MS
        mark = "ok" if median <= TARGET_MS else "SLOW"
        print(f"{label:36} {median:7.0f} ms {times[0]:7.0f} ms "
              f"{statistics.median(cpu[1:] or cpu):7.0f} ms  {mark}", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{slow} of {len(urls(db))} pages over {TARGET_MS} ms; peak RSS {peak:.0f} MB; "
          f"load average {load_average()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--batch", type=int, default=500_000)
    parser.add_argument("--db", help="the DuckDB store (default: a temporary file)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    db = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="dyadwatch-web-")) / "w.duckdb"
    build(db, args.events, args.batch)
    time_pages(db, args.repeat)


if __name__ == "__main__":
    main()
