"""Spark's Python daemon with the coder loaded once per executor, before workers fork.

Spark starts one daemon per executor and forks a Python worker from it for each task
slot. PySpark's own daemon holds nothing, so every worker loads spaCy and the
dictionaries and warms them up itself: seconds of CPU per core, and a copy of the model
per core. This daemon loads and warms the coder first, so workers fork with it ready and
share its memory pages (copy-on-write). Enable it with
`spark.python.daemon.module=dyadwatch.spark.daemon` (`dyadwatch.spark.session` does).

Loading failures are printed and the daemon serves anyway: workers then load (and
report the same error) themselves, so the daemon never hides a problem.
"""

from __future__ import annotations

import gc
import sys
import traceback

from pyspark import daemon

WARM_UP_TEXT = "Mexico rejected the US proposal on Monday, the foreign ministry said."


def preload() -> None:
    """Load the coder with the default dictionaries and code one sentence.

    The first article a fresh coder codes costs seconds of lazy set-up (caches, spaCy's
    first batch): paid here once rather than in every worker's first task. `gc.freeze`
    keeps the loaded objects out of the collector's way, so workers do not copy their
    pages by touching them.
    """
    from dyadwatch.model import Article
    from dyadwatch.pipeline import code_articles

    try:
        list(code_articles([Article.from_text(WARM_UP_TEXT)]))
    except Exception:  # noqa: BLE001 - reported, and each worker tries again on its own
        print("dyadwatch daemon: could not preload the coder:", file=sys.stderr)
        traceback.print_exc()
    gc.collect()
    gc.freeze()


if __name__ == "__main__":
    preload()
    daemon.manager()
