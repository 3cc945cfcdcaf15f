"""Coding throughput against the bare spaCy parse, worker speed-up and memory.

    python bench/code_throughput.py [--sentences 3000] [--pairs 10] [--pair-sentences 300]
                                    [--rounds 5] [--worker-sentences 3000]

(`--pairs 0 --rounds 0`: section 1 alone, about 30 seconds.)

On a shared machine the speed of a virtual CPU drifts by a third within a minute, so two
runs timed one after the other (a parse, then a coding) measure the drift as much as the
cost. Every figure here is therefore taken from work done close together in time:

1. Coding cost, in one run: one streamed coding run of `--sentences` sentences, with the
   time spent inside spaCy (every `next()` on the generator `nlp.pipe` returns, timed from
   here; the library is not changed) set against the rest of the coding. Parse and coding
   alternate batch by batch, so drift cancels. The time spent generating the corpus is
   timed the same way and left out.
2. Coding cost, against a bare parse: `--pairs` short pairs of runs on the same paragraphs
   (a bare `nlp.pipe`, and a coding run), the order swapped every pair; the median of the
   per-pair ratios, and the ratio of their sums. spaCy is timed inside these coding runs
   too, to show whether it runs slower there than bare (section 1 counts that as parse).
3. `--workers 2` speed-up: `--rounds` rounds of a 1-process and a 2-process run, the order
   swapped every round; the median ratio. Start-up (forking the workers) and the last batch
   (when one worker may wait for the other) are counted in the "whole run" figure; the
   "steady state" figure times the same articles in both modes, from the first few back to
   the last few, which is what a long corpus sees. The cores each run got (CPU seconds
   over wall seconds) say whether the machine had two to give.

Peak RSS is measured at several points of the stream, to show it stays flat.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_corpus import articles

from dyadwatch.analyze import load_nlp
from dyadwatch.analyze.text import split_article
from dyadwatch.pipeline import code_articles, get_coder


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


class Clock:
    """Wall and CPU seconds spent inside the `next()` calls of the iterators it wraps."""

    def __init__(self) -> None:
        self.wall = 0.0
        self.cpu = 0.0

    def wrap(self, items: Iterable[Any]) -> Iterator[Any]:
        it = iter(items)
        while True:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                item = next(it)
            except StopIteration:
                return
            finally:
                self.wall += time.perf_counter() - wall
                self.cpu += time.process_time() - cpu
            yield item


class TimedPipe:
    """Times spaCy inside coding: `nlp.pipe` of the loaded pipeline is shadowed, for the
    `with` block only, by one whose generator is timed `next()` by `next()`."""

    def __init__(self) -> None:
        self.clock = Clock()
        self.nlp = load_nlp()

    def __enter__(self) -> Clock:
        pipe = self.nlp.pipe
        self.nlp.pipe = lambda *a, **k: self.clock.wrap(pipe(*a, **k))
        return self.clock

    def __exit__(self, *exc: object) -> None:
        del self.nlp.pipe  # the instance attribute: the class method shows again


def paragraphs(batch: list[Any]) -> list[str]:
    return [p.text for a in batch for p in split_article(a.text).paragraphs if p.kind == "body"]


def timed(run: Callable[[], int]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process, what `run` returned)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def bare(texts: list[str]) -> int:
    return sum(len(list(doc.sents)) for doc in load_nlp().pipe(texts, batch_size=64))


def coded(batch: Iterable[Any], workers: int = 1) -> int:
    return sum(len(c.events) for c in code_articles(batch, workers=workers))


def in_run(n: int) -> None:
    """Section 1: spaCy's share and the rest, interleaved in one streamed coding run."""
    corpus = Clock()
    checkpoints: list[float] = []
    events = 0
    every = max(1, n // 10 // 8)
    with TimedPipe() as spacy_clock:
        wall, cpu = time.perf_counter(), time.process_time()
        for i, c in enumerate(code_articles(corpus.wrap(articles(n, count="sentences"))), 1):
            events += len(c.events)
            if i % every == 0:
                checkpoints.append(rss_mb())
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rest_wall = wall - corpus.wall - spacy_clock.wall
    rest_cpu = cpu - corpus.cpu - spacy_clock.cpu
    coding_wall = wall - corpus.wall
    print(f"1. one coding run, spaCy timed inside it            ({load()})")
    print(f"   sentences {n}, events {events}")
    print(f"   dyadwatch coding, 1 proc  {n / coding_wall:8.1f} sentences/s")
    print(f"   of which inside spaCy     {spacy_clock.wall:8.2f} s "
          f"({n / spacy_clock.wall:.1f} sentences/s)")
    print(f"   the rest (dyadwatch)      {rest_wall:8.2f} s")
    print(f"   coding cost over parse    {100 * rest_wall / spacy_clock.wall:8.1f} %"
          f"   (CPU time: {100 * rest_cpu / spacy_clock.cpu:.1f} %)")
    print("   RSS along the stream (MB) " + " ".join(f"{x:.0f}" for x in checkpoints))


def pairs(count: int, size: int) -> None:
    """Section 2: bare parse and coding of the same paragraphs, many short alternations.

    spaCy is timed inside the coding run too: set against the bare parse of the same
    paragraphs a moment before or after, it shows how much slower spaCy runs when coding
    work comes between its batches (its model weights leave the CPU caches), a cost that
    section 1 counts as parse."""
    ratios, cpu_ratios, rates, inside = [], [], [], []
    pooled = [0.0, 0.0, 0.0, 0.0]  # wall and CPU seconds: bare, coding
    for k in range(count):
        batch = list(articles(size, seed=100 + k, count="sentences"))
        texts = paragraphs(batch)
        spacy_clock = Clock()

        def code(b: list[Any] = batch) -> int:
            nonlocal spacy_clock
            with TimedPipe() as spacy_clock:
                return coded(b)

        work = {"bare": lambda t=texts: bare(t), "coded": code}
        order = ("bare", "coded") if k % 2 == 0 else ("coded", "bare")
        runs = {name: timed(work[name]) for name in order}
        (t_bare, c_bare, sents), (t_code, c_code, _) = runs["bare"], runs["coded"]
        ratios.append(t_code / t_bare - 1)
        cpu_ratios.append(c_code / c_bare - 1)
        rates.append((sents / t_bare, sents / t_code))
        inside.append(spacy_clock.wall / t_bare - 1)
        for i, x in enumerate((t_bare, t_code, c_bare, c_code)):
            pooled[i] += x
    print(f"2. {count} pairs of {size} sentences, bare nlp.pipe vs coding ({load()})")
    print("   per pair (%)             " + " ".join(f"{100 * r:.0f}" for r in ratios))
    print("   same, in CPU time (%)    " + " ".join(f"{100 * r:.0f}" for r in cpu_ratios))
    print(f"   bare nlp.pipe             {statistics.median(b for b, _ in rates):8.1f} "
          "sentences/s (median)")
    print(f"   dyadwatch coding, 1 proc  {statistics.median(c for _, c in rates):8.1f} "
          "sentences/s (median)")
    print(f"   coding cost over parse    {100 * statistics.median(ratios):8.1f} % (median)"
          f"   (CPU time: {100 * statistics.median(cpu_ratios):.1f} %)")
    print(f"   all pairs pooled          {100 * (pooled[1] / pooled[0] - 1):8.1f} %"
          f"   (CPU time: {100 * (pooled[3] / pooled[2] - 1):.1f} %)")
    print(f"   spaCy inside coding       {100 * statistics.median(inside):+8.1f} % against "
          "the bare parse (median)")


STEADY_FROM = 32  # articles: one batch in one process, two (one per worker) across two


def stream_times(n: int, workers: int) -> tuple[float, float, float]:
    """(whole run seconds, steady-state seconds, CPU seconds of this process and the
    workers it ended during the run).

    The steady state runs from the moment the first STEADY_FROM articles are back to the
    moment the last whole multiple of them is: the same articles in both modes, without
    the start-up and the last batch, and with both workers at the start of a batch at
    either end (they take equal batches in turn)."""
    batch = list(articles(n, count="sentences"))
    last = len(batch) // STEADY_FROM * STEADY_FROM
    if last <= STEADY_FROM:
        raise SystemExit(f"--worker-sentences {n}: too few for a steady state, give 1000 or more")
    marks: dict[int, float] = {}
    start, cpu = time.perf_counter(), cpu_seconds()
    for i, _ in enumerate(code_articles(batch, workers=workers), 1):
        if i in (STEADY_FROM, last):
            marks[i] = time.perf_counter()
    end = time.perf_counter()
    return end - start, marks[last] - marks[STEADY_FROM], cpu_seconds() - cpu


def cpu_seconds() -> float:
    """CPU seconds of this process and of the worker processes it has ended."""
    own, workers = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                        resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def workers(rounds: int, n: int) -> None:
    """Section 3: 1 process against 2, alternating."""
    whole, steady, efficiency = [], [], []
    rates: list[tuple[float, float]] = []
    cores: list[tuple[float, float]] = []
    for k in range(rounds):
        runs = {w: stream_times(n, w) for w in ((1, 2) if k % 2 == 0 else (2, 1))}
        rates.append((n / runs[1][0], n / runs[2][0]))
        whole.append(runs[1][0] / runs[2][0])
        steady.append(runs[1][1] / runs[2][1])
        cores.append((runs[1][2] / runs[1][0], runs[2][2] / runs[2][0]))
        efficiency.append(runs[1][2] / runs[2][2])
    print(f"3. {rounds} rounds of {n} sentences, --workers 1 vs 2 ({load()})")
    print(f"   dyadwatch coding, 1 proc  {statistics.median(a for a, _ in rates):8.1f} "
          "sentences/s (median, whole run)")
    print(f"   dyadwatch coding, 2 procs {statistics.median(b for _, b in rates):8.1f} "
          "sentences/s (median, whole run)")
    print("   whole run, per round      " + " ".join(f"{r:.2f}x" for r in whole))
    print("   steady state, per round   " + " ".join(f"{r:.2f}x" for r in steady))
    print(f"   --workers 2 speed-up      {statistics.median(whole):8.2f}x whole run, "
          f"{statistics.median(steady):.2f}x steady state (median)")
    # Whether the machine had two cores to give: other work on it takes them first.
    print("   cores got, 1 / 2 procs    " + " ".join(f"{a:.2f}/{b:.2f}" for a, b in cores)
          + "  (CPU seconds / wall seconds)")
    print(f"   CPU of 1 proc / CPU of 2  {statistics.median(efficiency):8.2f}"
          "   (what two free cores would give, at most 2x this)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=int, default=3000, help="size of the one coding run")
    ap.add_argument("--pairs", type=int, default=10, help="bare/coding pairs (section 2)")
    ap.add_argument("--pair-sentences", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=5, help="1 vs 2 worker rounds (section 3)")
    ap.add_argument("--worker-sentences", type=int, default=3000)
    args = ap.parse_args()
    print(os.uname().nodename, f"{os.cpu_count()} cores, {load()}")
    get_coder()  # load pipeline and dictionaries before timing
    coded(articles(200, seed=99, count="sentences"))
    in_run(args.sentences)
    if args.pairs:
        pairs(args.pairs, args.pair_sentences)
    if args.rounds:
        workers(args.rounds, args.worker_sentences)
    print(f"peak RSS, main process    {rss_mb():8.0f} MB")
    print(f"peak RSS, a worker        {children_rss_mb():8.0f} MB")


if __name__ == "__main__":
    main()
