"""Ingest throughput: a WARC of generated news pages through extraction, dedup, coding, store.

    python bench/ingest_throughput.py                  # 5,000 pages, every configuration
    python bench/ingest_throughput.py --pages 1000 --code-pages 300

Prints pages/s (wall clock, and per CPU-second of the main process where all the work
runs in it, which stays meaningful on a busy machine), peak RSS (main process and
largest worker) and the load average before and after, for:
  extract+dedup   extraction, language, MinHash and LSH only, one core, no store
  ingest          the full `dyadwatch ingest` run into DuckDB, coding off and on,
                  with 1 and 2 workers
Every configuration runs in a fresh process, so peak RSS is its own. One page in ten is a
rewritten copy of an earlier one (another outlet running the same wire story).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_WORDS = ["government", "minister", "border", "security", "talks", "agreement", "sanctions", "troops", "election", "protest", "trade", "tariff", "summit", "ceasefire", "aid", "refugees", "police", "court", "parliament", "president", "spokesman", "embassy", "delegation", "negotiations", "economy", "inflation", "oil", "gas", "drought", "flood", "vaccine", "hospital", "school", "market", "bank", "currency", "investment"]
_ACTORS = ["Mexico", "the United States", "Canada", "Brazil", "France", "Germany", "Japan",
           "India", "Nigeria", "Egypt", "Turkey", "Indonesia", "Kenya", "Chile", "Poland",
           "the European Union", "the United Nations", "Russia", "China", "Ukraine"]
_VERBS = ["criticised", "praised", "met with", "accused", "signed an agreement with",
          "threatened", "rejected a proposal from", "welcomed", "condemned", "hosted",
          "imposed sanctions on", "promised aid to", "demanded talks with"]


def story(rng: random.Random, sentences: int = 18) -> list[str]:
    out = []
    for _ in range(sentences):
        a, b = rng.sample(_ACTORS, 2)
        tail = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(6, 14)))
        out.append(f"{a} {rng.choice(_VERBS)} {b} on {rng.choice(['Monday', 'Tuesday', 'Friday'])}"
                   f" over {tail}.")
    return out


def page(i: int, sentences: list[str]) -> bytes:
    body = "".join(f"<p>{s}</p>" for s in sentences)
    nav = "".join(f'<li><a href="/s/{k}">Section {k}</a></li>' for k in range(25))
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Story {i}</title>'
            f'<link rel="canonical" href="https://news{i % 40}.example.org/story/{i}">'
            '<meta property="article:published_time" content="2025-03-01T08:00:00Z">'
            '<script src="/app.js"></script><style>body{font-family:serif}</style></head>'
            f"<body><header><ul>{nav}</ul></header><main><article><h1>Story {i}</h1>{body}"
            "</article><aside>Most read: one, two, three</aside></main>"
            "<footer>Copyright 2025. All rights reserved. Terms. Privacy. Cookies.</footer>"
            "</body></html>").encode()


def write_corpus(path: Path, pages: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(7)
    stories: list[list[str]] = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(pages):
            if stories and i % 10 == 9:  # a wire copy with its own byline
                sentences = ["By a staff correspondent."] + rng.choice(stories)
            else:
                sentences = story(rng)
                stories.append(sentences)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news{i % 40}.example.org/story/{i}", "response",
                payload=io.BytesIO(page(i, sentences)), http_headers=headers))


def run_extract_dedup(warc: Path, workdir: Path) -> dict:
    """Extraction + dedup only (no store, no coding), in this process, on one core."""
    from dyadwatch.ingest.dedup import Deduper
    from dyadwatch.ingest.files import iter_items
    from dyadwatch.ingest.html import RawPage
    from dyadwatch.ingest.runner import prepare
    from dyadwatch.ingest.state import IngestState

    state = IngestState(workdir / "bench-state.sqlite")
    dedup = Deduper(state)
    start = time.perf_counter()
    pages = dups = 0
    for item in iter_items([str(warc)]):
        if not isinstance(item, RawPage):
            continue
        prepared = prepare(item)
        if prepared.article is None:
            continue
        pages += 1
        first = dedup.first_copy(prepared.article.id, prepared.signature)
        dedup.add(prepared.article.id, prepared.signature, first)
        dups += first is not None
    seconds = time.perf_counter() - start
    state.close()
    return {"pages": pages, "duplicates": dups, "seconds": seconds}


def run_ingest(warc: Path, workdir: Path, workers: int, code: bool) -> dict:
    from dyadwatch.ingest.runner import IngestRun

    db = workdir / f"bench-{workers}-{int(code)}.duckdb"
    run = IngestRun(inputs=[str(warc)], db=str(db), workers=workers, code=code,
                    on_problem=lambda p: None)
    tally = run.execute()
    return {"pages": tally.read, "duplicates": tally.duplicate, "events": tally.events,
            "failed": tally.failed, "seconds": tally.seconds}


def one(args: argparse.Namespace) -> None:
    """Child mode: run one configuration and print its figures as JSON."""
    warc, workdir = Path(args.warc), Path(args.workdir)
    cpu = time.process_time()
    if args.mode == "extract":
        result = run_extract_dedup(warc, workdir)
    else:
        result = run_ingest(warc, workdir, args.workers, args.mode == "code")
    result["cpu_seconds"] = time.process_time() - cpu  # this process only
    # pool workers are forked children of this process, reaped when the pool closes; a
    # thread sampling /proc instead cost this process several per cent of its CPU time
    result["rss_worker_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result["rss_main_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--code-pages", type=int, default=None,
                        help="pages for the coding-on runs (default: --pages)")
    parser.add_argument("--mode", choices=["extract", "nocode", "code"], help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--warc", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        one(args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpora = {}
        for n in sorted({args.pages, args.code_pages or args.pages}):
            corpora[n] = work / f"pages-{n}.warc.gz"
            write_corpus(corpora[n], n)
        print(f"load average (1 min) at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        print(f"{'configuration':<30}{'pages':>6}{'dups':>6}{'seconds':>9}{'pages/s':>9}"
              f"{'pages/cpu-s':>12}{'RSS main MB':>13}{'RSS worker MB':>15}")
        plan = [("extract+dedup, 1 core", "extract", 1, args.pages)]
        for mode in ("nocode", "code"):
            n = args.pages if mode == "nocode" else args.code_pages or args.pages
            for workers in (1, 2):
                label = f"ingest, coding {'on' if mode == 'code' else 'off'}, {workers} worker" + (
                    "s" if workers > 1 else "")
                plan.append((label, mode, workers, n))
        for label, mode, workers, n in plan:
            out = subprocess.run(
                [sys.executable, __file__, "--mode", mode, "--workers", str(workers),
                 "--warc", str(corpora[n]), "--workdir", tmp],
                capture_output=True, text=True, check=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            per_cpu = f"{r['pages'] / r['cpu_seconds']:.1f}" if workers == 1 else "-"
            print(f"{label:<30}{r['pages']:>6}{r['duplicates']:>6}{r['seconds']:>9.1f}"
                  f"{r['pages'] / r['seconds']:>9.1f}{per_cpu:>12}{r['rss_main_mb']:>13.0f}"
                  f"{r['rss_worker_mb']:>15.0f}", flush=True)
        print(f"load average (1 min) at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
