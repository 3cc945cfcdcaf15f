"""Exports read back by pandas and DuckDB as they are; both stores give the same answers."""

from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest
from conftest import corpus

from dyadwatch.aggregate import aggregate_events
from dyadwatch.export import FLAT_COLUMNS, GDELT_COLUMNS, gdelt_event_id
from dyadwatch.store import open_store
from dyadwatch.store.base import EventFilter
from dyadwatch.store.commands import run_export


@pytest.fixture
def db(filled, store_url):
    filled.close()
    return store_url


def test_gdelt_export_has_one_61_column_row_per_aggregated_event(db, tmp_path):
    out = tmp_path / "events.tsv"
    assert run_export(db, {}, str(out), "gdelt") == 7
    frame = pd.read_csv(out, sep="\t", header=None, names=GDELT_COLUMNS, quoting=3,
                        dtype=str, keep_default_na=False)
    assert frame.shape == (7, 61)
    big = frame[frame.NumMentions == "3"].iloc[0]
    key = "2025-02-22:MEXGOV:USAGOV:111"
    assert big.GLOBALEVENTID == str(gdelt_event_id(key))
    assert (big.SQLDATE, big.Actor1Code, big.Actor2Code, big.EventCode) == \
        ("20250222", "MEXGOV", "USAGOV", "111")
    assert (big.NumSources, big.NumArticles, big.AvgTone) == ("3", "3", "-1.5000")
    assert big.SOURCEURL == "https://news.example/a1"
    assert duckdb.sql(f"SELECT count(*) FROM read_csv('{out}', delim='\t', header=false)"
                      ).fetchall()[0][0] == 7


def test_mentions_export_links_every_mention_to_its_event(db, tmp_path):
    events, mentions = tmp_path / "events.tsv", tmp_path / "mentions.tsv"
    run_export(db, {}, str(events), "gdelt")
    assert run_export(db, {}, str(mentions), mentions=True) == 9
    ev = pd.read_csv(events, sep="\t", header=None, dtype=str, quoting=3)
    men = pd.read_csv(mentions, sep="\t", header=None, dtype=str, quoting=3,
                      keep_default_na=False)
    assert men.shape == (9, 16)
    assert set(men[0]) == set(ev[0])  # GLOBALEVENTID
    row = men[men[15] == "a2-2-0"].iloc[0]  # Extras: the dyadwatch mention id
    assert (row[1], row[2], row[4], row[5], row[6]) == \
        ("20250222000000", "20250222103000", "AP", "https://news.example/a2", "3")
    assert men.groupby(0).size().max() == 3


@pytest.mark.parametrize("suffix", ["parquet", "csv", "jsonl"])
def test_mention_exports_read_back_in_pandas_and_duckdb(db, tmp_path, suffix):
    out = tmp_path / f"mex.{suffix}"
    assert run_export(db, {"dyad": "MEX-USA", "either_direction": True}, str(out)) == 7
    reader = {"parquet": pd.read_parquet, "csv": pd.read_csv,
              "jsonl": lambda p: pd.read_json(p, lines=True)}[suffix]
    frame = reader(out)
    assert len(frame) == 7
    if suffix != "jsonl":
        assert list(frame.columns) == FLAT_COLUMNS
        assert set(frame.source_code) == {"MEXGOV", "USAGOV", "MEXMIL"}
    else:
        assert {s["code"] for s in frame.source} == {"MEXGOV", "USAGOV", "MEXMIL"}
    assert duckdb.sql(f"SELECT count(*) FROM '{out}'").fetchall()[0][0] == 7


def test_aggregated_export(db, tmp_path):
    out = tmp_path / "agg.csv"
    assert run_export(db, {"min_mentions": 2}, str(out), aggregated=True) == 1
    frame = pd.read_csv(out)
    assert frame.loc[0, "event_key"] == "2025-02-22:MEXGOV:USAGOV:111"
    assert frame.loc[0, "num_mentions"] == 3


def test_an_empty_parquet_export_is_still_a_readable_file(db, tmp_path):
    out = tmp_path / "none.parquet"
    assert run_export(db, {"actor": "ZZZ"}, str(out)) == 0
    assert list(pd.read_parquet(out).columns) == FLAT_COLUMNS


def test_both_stores_give_the_same_answers(tmp_path, postgres_url):
    answers = []
    for url in (str(tmp_path / "same.duckdb"), postgres_url):
        with open_store(url) as s:
            s.put_many(corpus())
            flt = EventFilter(dyad=("MEX", "USA"), either_direction=True)
            answers.append({
                "events": [e.to_dict() for e in s.events(limit=100)],
                "filtered": [e.id for e in s.events(flt, order="goldstein_asc")],
                "aggregated": s.aggregated().to_dict("records"),
                "timeline": s.timeline("MEX", "USA", by="day").fillna(0).to_dict("records"),
                "stats": {k: v for k, v in s.stats().items() if k != "backend"},
                "quotes": s.quotes(),
                "actors": s.actors().to_dict("records"),
                "after": [e.id for e in s.events_after(3)[0]],
            })
            out = tmp_path / f"{s.backend}.jsonl"
            run_export(url, {}, str(out))
            answers[-1]["export"] = [json.loads(line) for line in out.read_text().splitlines()]
    duck, pg = answers
    for key in duck:
        assert duck[key] == pg[key], key


def test_store_aggregation_matches_aggregating_in_memory(filled):
    events = [e for _, evs, _ in corpus() for e in evs]
    expected = aggregate_events(events)
    got = filled.aggregated()
    pd.testing.assert_frame_equal(got, expected, check_like=False)
