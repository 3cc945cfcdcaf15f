"""Coding throughput against the bare spaCy parse, worker speed-up and memory.

    python bench/code_throughput.py [--sentences 3000]

Prints: bare `nlp.pipe` sentences/s on the same paragraphs, dyadwatch coding sentences/s,
their ratio (the cost of coding on top of parsing), the `--workers 2` speed-up, and peak
RSS measured at several points of a stream, to show it stays flat.
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


def bare(n: int) -> tuple[float, int]:
    nlp = load_nlp()
    paragraphs = (p.text for a in articles(n, count="sentences")
                  for p in split_article(a.text).paragraphs if p.kind == "body")
    start = time.perf_counter()
    count = sum(len(list(doc.sents)) for doc in nlp.pipe(paragraphs, batch_size=64))
    return time.perf_counter() - start, count


def coded(n: int, workers: int) -> tuple[float, int, list[float]]:
    start = time.perf_counter()
    events = 0
    checkpoints = []
    for i, c in enumerate(code_articles(articles(n, count="sentences"), workers=workers), 1):
        events += len(c.events)
        if i % max(1, n // 8 // 4) == 0:
            checkpoints.append(rss_mb())
    return time.perf_counter() - start, events, checkpoints


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sentences", type=int, default=3000)
    n = ap.parse_args().sentences
    get_coder()  # load pipeline and dictionaries before timing
    bare(200)
    coded(200, 1)
    t_bare, sents = bare(n)
    t_one, events, checkpoints = coded(n, 1)
    t_two, _, _ = coded(n, 2)
    print(f"sentences                 {sents}")
    print(f"events                    {events}")
    print(f"bare nlp.pipe             {sents / t_bare:8.1f} sentences/s")
    print(f"dyadwatch coding, 1 proc  {sents / t_one:8.1f} sentences/s")
    print(f"coding cost over parse    {100 * (t_one / t_bare - 1):8.1f} %")
    print(f"dyadwatch coding, 2 procs {sents / t_two:8.1f} sentences/s "
          f"(speed-up {t_one / t_two:.2f}x)")
    print(f"peak RSS, main process    {rss_mb():8.0f} MB")
    print(f"peak RSS, a worker        {children_rss_mb():8.0f} MB")
    print("RSS along the stream (MB) " + " ".join(f"{x:.0f}" for x in checkpoints))


if __name__ == "__main__":
    main()
