"""A local Spark session (`local[2]`) and a small corpus coded once on a single machine."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

ARTICLES = [
    {"id": "a1", "date": "2025-02-22", "source": "Daily Ledger", "url": "https://example.org/a1",
     "title": "Border talks",
     "text": "Mexico rejected the US proposal. The Mexican government accused Washington of "
             "interference on Monday. Russia will not permit inspections."},
    {"id": "a2", "date": "2025-02-22", "source": "Evening Post",
     "text": "Mexico rejected the US proposal. The president of France met the German "
             "chancellor in Paris."},
    {"date": "2025-02-23", "source": "Daily Ledger",
     "text": "Chinese troops attacked Indian soldiers near the border. India condemned the "
             "attack and demanded an apology from Beijing."},
    {"id": "a4", "date": "2025-02-23",
     "text": "The United Nations praised Kenya for its aid to refugees. Kenya thanked the "
             "United Nations."},
    {"id": "a5", "text": "Brazil and Argentina signed a trade agreement. Argentina plans to "
                         "impose tariffs on Chinese steel."},
]


@pytest.fixture(scope="session")
def articles() -> list[dict]:
    return ARTICLES


@pytest.fixture(scope="session")
def spark():
    """A small local Spark session, set up as `dyadwatch.spark.session` sets up its own.

    Skipped when PySpark or Java is missing.
    """
    pytest.importorskip("pyspark", reason="PySpark is not installed: "
                                          "pip install 'dyadwatch[spark]'")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        pytest.skip("Java 17 is not installed: apt-get install openjdk-17-jre-headless")
    from pyspark.sql import SparkSession

    from dyadwatch.spark.runtime import tuned_conf

    # Python workers are started by the JVM: give them this interpreter and this checkout.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    session = (SparkSession.builder.master("local[2]").appName("dyadwatch-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.default.parallelism", "2")
               .config("spark.driver.memory", "1g")
               .config(map=tuned_conf("local[2]", {}))
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """The articles as JSON Lines (plus one malformed line and one without text)."""
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    lines = [json.dumps(a) for a in ARTICLES[:3]] + ["{not json", json.dumps({"id": "x"})]
    lines += [json.dumps(a) for a in ARTICLES[3:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def gz_corpus(corpus: Path) -> Path:
    """The same articles, split over a plain and a gzip-compressed file in one folder."""
    folder = corpus.parent / "folder"
    folder.mkdir()
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "part1.jsonl").write_text("".join(lines[:3]), encoding="utf-8")
    with gzip.open(folder / "part2.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("".join(lines[3:]))
    return folder


@pytest.fixture(scope="session")
def single_machine(corpus: Path, tmp_path_factory) -> list[dict]:
    """What `dyadwatch code news.jsonl` writes (JSON Lines), as dicts."""
    from dyadwatch.coding import CodeRun

    out = tmp_path_factory.mktemp("single") / "events.jsonl"
    CodeRun(inputs=[str(corpus)], output=str(out), on_problem=lambda p: None).execute()
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert events, "the corpus must produce events"
    return events
