"""Spark throughput: the same articles through `dyadwatch code`, `--workers 2` and Spark.

    python bench/spark_throughput.py [--articles 2000] [--warm-up 100] [--master local[2]]

Each way of coding runs in its own fresh process (so none inherits another's loaded
model), codes a small warm-up corpus, then the measured corpus:

- steady state: articles/s of the measured corpus alone, once everything is loaded (the
  JVM and Spark session, spaCy and the dictionaries, the worker processes);
- incl. start-up: all the articles (warm-up + measured) over the wall time of the whole
  process, from its start (Python, JVM and session start-up, model loading) to its end;
- CPU ms/article: CPU time of the whole process tree (JVM, Python workers included) per
  measured article: on a machine shared with other work this moves far less than wall
  time, and it shows what the JVM and Arrow trips cost beside the coding itself (the
  CPU seconds of the whole process, start-up included, are printed below the table);
- peak MB: the proportional set size (PSS) of the process tree, so pages that forked
  workers share with their parent count once.

The ratios are to single-process `dyadwatch code`; the event counts of the three runs are
checked to be equal.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_corpus import records

MODES = {"single": "dyadwatch code", "workers": "dyadwatch code --workers 2",
         "spark": "dyadwatch spark code"}


def _proc_table() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, CPU seconds of the process and of its reaped children)."""
    tick = os.sysconf("SC_CLK_TCK")
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            table[int(entry)] = (int(fields[1]), sum(int(f) for f in fields[11:15]) / tick)
    return table


def tree(root: int) -> dict[int, float]:
    """The process and all its descendants (the JVM, Python workers): pid -> CPU seconds."""
    table = _proc_table()
    found, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, (pp, _) in table.items() if pp == pid and p not in found]
        found.update(children)
        frontier.extend(children)
    return {pid: table[pid][1] for pid in found if pid in table}


def tree_pss_mb(root: int) -> float:
    total = 0
    for pid in tree(root):
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


# ---------------------------------------------------------------- one way of coding


def _code(corpus: Path, out: Path, workers: int) -> int:
    from dyadwatch.coding import CodeRun

    run = CodeRun(inputs=[str(corpus)], output=str(out), workers=workers,
                  on_problem=lambda p: print(p, file=sys.stderr))
    run.execute()
    return run.events


def _spark(corpus: Path, out: Path, master: str) -> int:
    from dyadwatch import spark as dws

    dws.session(master).sparkContext.setLogLevel("ERROR")
    return dws.run_job([str(corpus)], str(out), "parquet").events


def run_one(mode: str, warm: Path, corpus: Path, out: Path, master: str) -> None:
    """Code the warm-up corpus, then the measured one; print the figures as JSON."""
    if mode == "spark":
        _spark(warm, out / "warm", master)
    else:
        # --workers 2 forks its workers from this process: warming this process's coder
        # (single-process) lets them start warm, as Spark's workers do.
        _code(warm, out / "warm.jsonl", 1)
    cpu = sum(tree(os.getpid()).values())
    start = time.perf_counter()
    if mode == "spark":
        events = _spark(corpus, out / "main", master)
    else:
        events = _code(corpus, out / "main.jsonl", 2 if mode == "workers" else 1)
    seconds = time.perf_counter() - start
    total_cpu = sum(tree(os.getpid()).values())
    print(json.dumps({"seconds": seconds, "events": events, "cpu": total_cpu - cpu,
                      "total_cpu": total_cpu}), flush=True)


# ---------------------------------------------------------------- the bench


def measure(mode: str, args: argparse.Namespace, tmp: Path) -> dict:
    """Run one mode in a fresh process; add its total wall time and peak PSS."""
    cmd = [sys.executable, __file__, "--run", mode, "--master", args.master, "--tmp", str(tmp)]
    peak, done = [0.0], threading.Event()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)

    def sample() -> None:
        while not done.wait(0.5):
            peak[0] = max(peak[0], tree_pss_mb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = proc.communicate()
    total = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode:
        sys.exit(f"{MODES[mode]} failed (exit code {proc.returncode})")
    result = json.loads(stdout.strip().splitlines()[-1])
    return {**result, "total": total, "peak": peak[0]}


def report(n: int, warm: int, results: dict[str, dict], master: str) -> None:
    single = results["single"]
    print(f"{'':31s}{'steady state':>22s}{'incl. start-up':>22s}{'CPU ms':>9s}{'peak':>9s}")
    print(f"{'':31s}{'articles/s  x single':>22s}{'articles/s  x single':>22s}"
          f"{'/article':>9s}{'PSS MB':>9s}")
    for mode, r in results.items():
        name = MODES[mode] + (f" {master}" if mode == "spark" else "")
        steady, whole = n / r["seconds"], (n + warm) / r["total"]
        print(f"{name:31s}{steady:10.1f}{single['seconds'] / r['seconds']:11.2f}x"
              f"{whole:10.1f}{single['total'] / r['total']:11.2f}x"
              f"{1000 * r['cpu'] / n:9.0f}{r['peak']:9.0f}")
    for mode, r in results.items():
        print(f"  {MODES[mode]}: {n} articles in {r['seconds']:.1f} s steady; whole process "
              f"{r['total']:.1f} s ({r['total'] - r['seconds']:.1f} s start-up and warm-up), "
              f"{r['total_cpu']:.0f} CPU s in all")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--warm-up", type=int, default=100, help="articles coded before measuring")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--run", choices=list(MODES), help=argparse.SUPPRESS)
    ap.add_argument("--tmp", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.run:
        out = args.tmp / args.run
        out.mkdir()
        run_one(args.run, args.tmp / "warm.jsonl", args.tmp / "corpus.jsonl", out, args.master)
        return
    tmp = Path(tempfile.mkdtemp(prefix="dyadwatch-bench-"))
    for name, n, seed in (("corpus", args.articles, 7), ("warm", args.warm_up, 99)):
        with (tmp / f"{name}.jsonl").open("w") as fh:
            fh.writelines(json.dumps(r) + "\n" for r in records(n, seed))
    size = (tmp / "corpus.jsonl").stat().st_size / 1e6
    print(f"articles: {args.articles} measured ({size:.1f} MB of JSON Lines) after "
          f"{args.warm_up} warm-up, on {os.cpu_count()} cores", flush=True)
    results = {}
    for mode, name in MODES.items():
        results[mode] = measure(mode, args, tmp)
        print(f"  {name} done: {json.dumps(results[mode])}", flush=True)
    report(args.articles, args.warm_up, results, args.master)
    print(f"load average (1, 5, 15 min): {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    shutil.rmtree(tmp, ignore_errors=True)
    if len({r["events"] for r in results.values()}) != 1:
        sys.exit("event counts differ between the runs")


if __name__ == "__main__":
    main()
