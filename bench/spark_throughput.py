"""Spark throughput: the same articles through `dyadwatch code`, `--workers 2` and Spark.

    python bench/spark_throughput.py [--articles 2000] [--master local[2]]

Prints articles/s for single-process `dyadwatch code`, `dyadwatch code --workers 2` and
`dyadwatch spark code --master local[2]` (with and without the JVM's start-up), the
ratios to single-process, and the peak memory of each run's whole process tree. The
event counts of the three runs are checked to be equal.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_corpus import articles

from dyadwatch.coding import CodeRun


def tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants (the JVM, Python workers)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, pp in parents.items() if pp == pid and p not in tree]
        tree.update(children)
        frontier.extend(children)
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def measured(run: Callable[[], int]) -> tuple[float, int, float]:
    """(seconds, events, peak MB of the process tree) for one run."""
    peak, done = [0.0], threading.Event()

    def sample() -> None:
        while not done.wait(0.5):
            peak[0] = max(peak[0], tree_rss_mb(os.getpid()))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    events = run()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return seconds, events, peak[0]


def code_run(corpus: Path, out: Path, workers: int) -> int:
    run = CodeRun(inputs=[str(corpus)], output=str(out), workers=workers,
                  on_problem=lambda p: print(p, file=sys.stderr))
    run.execute()
    return run.events


def _row(name: str, n: int, result: tuple[float, int, float], single_seconds: float) -> None:
    seconds, events, peak = result
    print(f"{name:30s}{n / seconds:8.1f} articles/s  {events} events  {seconds:7.1f} s  "
          f"peak {peak:6.0f} MB  ({single_seconds / seconds:.2f}x single)", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--master", default="local[2]")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="dyadwatch-bench-"))
    corpus = tmp / "corpus.jsonl"
    with corpus.open("w") as fh:
        for record in articles(args.articles):
            fh.write(json.dumps(record) + "\n")
    n = args.articles
    print(f"articles                      {n} ({corpus.stat().st_size / 1e6:.1f} MB of JSON Lines)")
    single = measured(lambda: code_run(corpus, tmp / "single.jsonl", 1))
    _row("dyadwatch code", n, single, single[0])
    two = measured(lambda: code_run(corpus, tmp / "two.jsonl", 2))
    _row("dyadwatch code --workers 2", n, two, single[0])
    from dyadwatch import spark as dws

    started = time.perf_counter()
    dws.session(args.master)
    startup = time.perf_counter() - started
    job = measured(lambda: dws.run_job([str(corpus)], str(tmp / "spark"), "parquet").events)
    _row(f"dyadwatch spark code {args.master}", n, job, single[0])
    with_start = startup + job[0]
    print(f"{'  spark incl. JVM start-up':30s}{n / with_start:8.1f} articles/s  "
          f"({startup:.1f} s start-up, {single[0] / with_start:.2f}x single)")
    print(f"load average (1, 5, 15 min)   {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores")
    shutil.rmtree(tmp, ignore_errors=True)
    if len({single[1], two[1], job[1]}) != 1:
        sys.exit("event counts differ between the runs")


if __name__ == "__main__":
    main()
