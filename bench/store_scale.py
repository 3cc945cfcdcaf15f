"""Store at scale: load N synthetic events, then time a dyad timeline, a filtered query and
exports, on DuckDB and on PostgreSQL. Prints each figure; asserts nothing.

    python bench/store_scale.py                       # 10 million events, both stores
    python bench/store_scale.py --events 1000000      # smaller
    python bench/store_scale.py --pg-url postgresql://me@host/db   # an existing server
    python bench/store_scale.py --only duckdb

Events are spread over 200 countries (a few big ones, a long tail, as in real news) and 5
years, 5 mentions per article, generated in Arrow batches (never one Python object per
event) and loaded through `Store.import_mentions` in batches, so memory stays flat.
Without --pg-url a throwaway PostgreSQL server is started (tests/pg.py) with durable
settings (fsync on) and stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from dyadwatch.code.cameo import cameo_table
from dyadwatch.store import open_store
from dyadwatch.store.base import EventFilter
from dyadwatch.store.commands import run_export

ROLES = ["GOV", "MIL", "POL", "BUS", "MED", "COP", ""]
ROLE_WEIGHTS = [0.35, 0.15, 0.1, 0.1, 0.1, 0.1, 0.1]
ROLE_WORDS = {"GOV": "government", "MIL": "military", "POL": "politicians", "BUS": "business",
              "MED": "media", "COP": "police", "": "people"}
START = np.datetime64("2021-01-01")
DAYS = 5 * 365
EVENTS_PER_ARTICLE = 5


def load_average() -> str:
    """The machine's 1/5/15-minute load averages: figures from a busy machine are slower."""
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Synthetic:
    """Vectorised synthetic mentions with CAMEO-consistent fields."""

    def __init__(self, seed: int = 7):
        self.rng = np.random.default_rng(seed)
        big = ["USA", "CHN", "RUS", "GBR", "ISR", "MEX", "UKR", "IRN", "FRA", "DEU"]
        rest = sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in big)
        self.countries = big + rest[: 200 - len(big)]
        names = {c.alpha_3: c.name for c in pycountry.countries}
        weights = 1 / np.arange(1, 201) ** 0.9
        self.country_p = weights / weights.sum()
        codes, actor_names = [], []
        for country in self.countries:
            for role in ROLES:
                codes.append(country + role)
                actor_names.append(f"{names[country]} {ROLE_WORDS[role]}")
        self.actor_codes = pa.array(codes)
        self.actor_names = pa.array(actor_names)
        self.actor_country = pa.array([c for c in self.countries for _ in ROLES])
        self.actor_roles = pa.array([r for _ in self.countries for r in ROLES])
        table = [c for c in cameo_table().values() if len(c.code) >= 3]
        self.cameo = pa.array([c.code for c in table])
        self.cameo_root = pa.array([c.root for c in table])
        self.goldstein = pa.array([c.goldstein for c in table], pa.float64())
        self.quad = pa.array([c.quad_class for c in table], pa.int16())
        self.plover = pa.array([c.plover_type for c in table])
        self.verb = pa.array([c.name.lower().split(",")[0] for c in table])
        self.outlets = pa.array([f"outlet{i:03d}" for i in range(500)])

    def _actors(self, n: int) -> np.ndarray:
        country = self.rng.choice(len(self.countries), n, p=self.country_p)
        role = self.rng.choice(len(ROLES), n, p=ROLE_WEIGHTS)
        return country * len(ROLES) + role

    def batch(self, first_row: int, n: int) -> tuple[pa.Table, pa.Table]:
        """Mentions rows [first_row, first_row + n) and their articles."""
        rng = self.rng
        rows = np.arange(first_row, first_row + n)
        article = rows // EVENTS_PER_ARTICLE
        article_ids = pc.binary_join_element_wise(
            "b", pa.array(article).cast(pa.string()), "")
        sentence = (rows % EVENTS_PER_ARTICLE).astype(np.int32)
        src, tgt = pa.array(self._actors(n)), pa.array(self._actors(n))
        cam = pa.array(rng.integers(0, len(self.cameo), n))
        # one date and outlet per article: the same for its five mentions
        article_day = START + (article * 7919 % DAYS).astype("timedelta64[D]")
        outlet = pa.array(article * 31 % len(self.outlets))
        outlets = self.outlets.take(outlet)
        sentences = pc.binary_join_element_wise(
            self.actor_names.take(src), self.verb.take(cam), self.actor_names.take(tgt), " ")
        mentions = pa.table({
            "id": pc.binary_join_element_wise(article_ids, pa.array(sentence).cast(pa.string()),
                                              "0", "-"),
            "article_id": article_ids, "sentence_index": sentence,
            "event_index": np.zeros(n, np.int32), "date": pa.array(article_day, pa.date32()),
            "source_code": self.actor_codes.take(src), "source_name": self.actor_names.take(src),
            "source_country": self.actor_country.take(src),
            "source_roles": self.actor_roles.take(src),
            "target_code": self.actor_codes.take(tgt), "target_name": self.actor_names.take(tgt),
            "target_country": self.actor_country.take(tgt),
            "target_roles": self.actor_roles.take(tgt),
            "cameo": self.cameo.take(cam), "cameo_root": self.cameo_root.take(cam),
            "quad_class": self.quad.take(cam), "goldstein": self.goldstein.take(cam),
            "plover_type": self.plover.take(cam),
            "negated": rng.random(n) < 0.05, "modality": pa.array(["asserted"] * n),
            "confidence": rng.random(n).round(3), "rule": pa.array(["synthetic"] * n),
            "tone": rng.normal(-1.0, 3.0, n).round(3), "is_root": sentence == 0,
            "url": pc.binary_join_element_wise("https://news.example/", article_ids, ""),
            "outlet": outlets, "sentence": sentences,
        })
        first = np.flatnonzero(sentence == 0)
        articles = pa.table({
            "id": article_ids.take(pa.array(first)),
            "outlet": outlets.take(pa.array(first)),
            "published": pa.array(article_day[first].astype("datetime64[us]"),
                                  pa.timestamp("us", tz="UTC")),
            "text": sentences.take(pa.array(first)),
        })
        return mentions, articles


def timed(label: str, fn: Callable[[], object], repeat: int = 5) -> object:
    """Run `fn` `repeat` times (the first warms caches); print the median of the rest, and
    the CPU time this process used (all its threads): on a shared machine the wall time
    grows with the load average, the CPU time much less."""
    times, cpu, result = [], [], None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    warm, warm_cpu = times[1:] or times, cpu[1:] or cpu
    print(f"  {label:44} {statistics.median(warm) * 1000:9.1f} ms"
          f"   (first run {times[0] * 1000:.1f} ms; CPU {statistics.median(warm_cpu) * 1000:.0f}"
          " ms)", flush=True)
    return result


def load(store, gen: Synthetic, total: int, batch: int) -> float:
    """Load `total` mentions in batches; prints progress and memory; returns events/s."""
    start = time.perf_counter()
    loaded = 0
    mentions_seconds = 0.0
    # articles are loaded first, then mentions (each batch one transaction)
    t = time.perf_counter()
    for first in range(0, total, batch * 4):
        _, articles = gen.batch(first, min(batch * 4, total - first))
        store.import_mentions([], articles=[articles])
    articles_seconds = time.perf_counter() - t
    gen_seconds = cpu_seconds = 0.0
    for i, first in enumerate(range(0, total, batch)):
        g = time.perf_counter()
        mentions, _ = gen.batch(first, min(batch, total - first))
        gen_seconds += time.perf_counter() - g
        t, c = time.perf_counter(), time.process_time()
        store.import_mentions([mentions])
        mentions_seconds += time.perf_counter() - t
        cpu_seconds += time.process_time() - c
        loaded += mentions.num_rows
        if i % max(1, (total // batch) // 5) == 0:
            print(f"    {loaded:>11,} loaded, peak RSS {rss_mb():7.0f} MB", flush=True)
    rate = loaded / mentions_seconds
    print(f"  articles: {total // EVENTS_PER_ARTICLE:,} in {articles_seconds:.1f} s "
          "(with generating them)")
    print(f"  mentions: {loaded:,} in {mentions_seconds:.1f} s of loading "
          f"(+{gen_seconds:.1f} s generating) = {rate:,.0f} events/s; "
          f"peak RSS {rss_mb():.0f} MB; total {time.perf_counter() - start:.1f} s", flush=True)
    print(f"  this process used {cpu_seconds:.1f} CPU s loading mentions "
          f"({loaded / max(cpu_seconds, 1e-9):,.0f} events per CPU second; for DuckDB that is "
          "all the work, for PostgreSQL only the client side)", flush=True)
    return rate


def queries(store, url: str, out_dir: Path, full_export: bool) -> None:
    tl = timed("timeline MEX USA by week (5 years)",
               lambda: store.timeline("MEX", "USA", by="week"))
    print(f"    -> {len(tl)} rows, {int(tl.events.sum()):,} events in the dyad")
    flt = EventFilter(dyad=("MEX", "USA"), since="2025-01-01", plover=["REJECT", "THREATEN"])
    rows = timed("query --dyad MEX-USA --since 2025-01-01 --plover REJECT,THREATEN (100)",
                 lambda: store.events(flt, limit=100))
    print(f"    -> {len(rows)} rows")
    timed("count of that query", lambda: store.count_events(flt))
    timed("query --actor ISR --text military (20)",
          lambda: store.events(EventFilter(actor="ISR", text="military"), limit=20))
    timed("aggregated --country MEX --min-mentions 2 (100)",
          lambda: store.aggregated(EventFilter(country="MEX", min_mentions=2), limit=100))
    store.close()
    dyad = {"dyad": "MEX-USA", "either_direction": True}
    n = timed("export --dyad MEX-USA --either -o x.parquet",
              lambda: run_export(url, dyad, str(out_dir / "dyad.parquet")), repeat=2)
    print(f"    -> {n:,} rows")
    n = timed("export --dyad MEX-USA --either --format gdelt",
              lambda: run_export(url, dyad, str(out_dir / "dyad.tsv"), "gdelt"), repeat=2)
    print(f"    -> {n:,} aggregated events")
    if full_export:
        t = time.perf_counter()
        n = run_export(url, {}, str(out_dir / "all.parquet"))
        s = time.perf_counter() - t
        print(f"  export everything -o all.parquet: {n:,} rows in {s:.1f} s "
              f"({n / s:,.0f} rows/s)", flush=True)


def run_backend(name: str, url: str, gen_seed: int, args: argparse.Namespace,
                out_dir: Path) -> None:
    print(f"\n== {name}: {url}", flush=True)
    store = open_store(url)
    load(store, Synthetic(gen_seed), args.events, args.batch)
    queries(store, url, out_dir, full_export=name == "duckdb" or args.full_pg_export)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--batch", type=int, default=500_000)
    parser.add_argument("--only", choices=["duckdb", "postgres"])
    parser.add_argument("--pg-url", help="an existing PostgreSQL database to load into")
    parser.add_argument("--dir", help="where the DuckDB file and exports go (default: temp)")
    parser.add_argument("--full-pg-export", action="store_true",
                        help="also export every event from PostgreSQL (slow: row by row)")
    args = parser.parse_args()
    out_dir = Path(args.dir or tempfile.mkdtemp(prefix="dyadwatch-bench-"))
    print(f"{args.events:,} synthetic events, 200 countries, 5 years, batches of "
          f"{args.batch:,}; files in {out_dir}; load average {load_average()}")
    if args.only != "postgres":
        db = out_dir / "bench.duckdb"
        db.unlink(missing_ok=True)
        run_backend("duckdb", str(db), 7, args, out_dir)
        print(f"  DuckDB file: {db.stat().st_size / 1e9:.2f} GB; load average {load_average()}")
    if args.only != "duckdb":
        if args.pg_url:
            run_backend("postgresql", args.pg_url, 7, args, out_dir)
            return
        from pg import TempPostgres

        settings = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on",
                    "shared_buffers": "2GB", "max_wal_size": "8GB", "work_mem": "256MB",
                    "maintenance_work_mem": "1GB", "checkpoint_timeout": "30min"}
        with TempPostgres(settings) as server:
            run_backend("postgresql", server.create_database("bench"), 7, args, out_dir)
    print(f"\nload average at the end {load_average()}")


if __name__ == "__main__":
    main()
