"""Coding throughput against the bare spaCy parse, worker speed-up and memory.

    python bench/code_throughput.py [--sentences 3000] [--repeat 1]

Prints: bare `nlp.pipe` sentences/s on the same paragraphs, dyadwatch coding sentences/s,
their ratio (the cost of coding on top of parsing; also in CPU time, which other work on
the machine disturbs less), the `--workers 2` speed-up, and peak RSS measured at several
points of a stream, to show it stays flat.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_corpus import articles

from dyadwatch.analyze import load_nlp
from dyadwatch.analyze.text import split_article
from dyadwatch.pipeline import code_articles, get_coder


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def bare(n: int) -> tuple[float, int, float]:
    nlp = load_nlp()
    paragraphs = (p.text for a in articles(n, count="sentences")
                  for p in split_article(a.text).paragraphs if p.kind == "body")
    start, cpu = time.perf_counter(), time.process_time()
    count = sum(len(list(doc.sents)) for doc in nlp.pipe(paragraphs, batch_size=64))
    return time.perf_counter() - start, count, time.process_time() - cpu


def coded(n: int, workers: int) -> tuple[float, int, list[float], float]:
    start, cpu = time.perf_counter(), time.process_time()
    events = 0
    checkpoints = []
    for i, c in enumerate(code_articles(articles(n, count="sentences"), workers=workers), 1):
        events += len(c.events)
        if i % max(1, n // 8 // 4) == 0:
            checkpoints.append(rss_mb())
    return time.perf_counter() - start, events, checkpoints, time.process_time() - cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sentences", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=1,
                    help="time the parse and the coding this many times each, alternating, "
                         "and keep the best (steadier on a busy machine)")
    args = ap.parse_args()
    n = args.sentences
    get_coder()  # load pipeline and dictionaries before timing
    bare(200)
    coded(200, 1)
    runs = [(bare(n), coded(n, 1)) for _ in range(max(1, args.repeat))]
    t_bare, sents, cpu_bare = min((b for b, _ in runs), key=lambda b: b[0])
    t_one, events, checkpoints, cpu_one = min((c for _, c in runs), key=lambda c: c[0])
    cpu_bare, cpu_one = min(b[2] for b, _ in runs), min(c[3] for _, c in runs)
    t_two, _, _, _ = coded(n, 2)
    print(f"sentences                 {sents}")
    print(f"events                    {events}")
    print(f"bare nlp.pipe             {sents / t_bare:8.1f} sentences/s")
    print(f"dyadwatch coding, 1 proc  {sents / t_one:8.1f} sentences/s")
    print(f"coding cost over parse    {100 * (t_one / t_bare - 1):8.1f} %")
    # CPU seconds of this process: what the parse and the coding cost, whatever else
    # the machine runs at the time
    print(f"same, in CPU time         {100 * (cpu_one / cpu_bare - 1):8.1f} %")
    print(f"dyadwatch coding, 2 procs {sents / t_two:8.1f} sentences/s "
          f"(speed-up {t_one / t_two:.2f}x)")
    print(f"peak RSS, main process    {rss_mb():8.0f} MB")
    print(f"peak RSS, a worker        {children_rss_mb():8.0f} MB")
    print("RSS along the stream (MB) " + " ".join(f"{x:.0f}" for x in checkpoints))


if __name__ == "__main__":
    main()
