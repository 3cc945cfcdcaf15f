"""`dyadwatch.spark.code` and `aggregate` give what the single-machine pipeline gives."""

from __future__ import annotations

from collections import defaultdict

import pytest

from dyadwatch.model import Article, Event, parse_datetime
from dyadwatch.pipeline import code_articles

pytestmark = pytest.mark.spark


def test_events_schema_has_every_key_of_the_json_lines_record(single_machine):
    from dyadwatch.spark import EVENT_SCHEMA

    assert set(EVENT_SCHEMA.names) == set(Event.from_dict(single_machine[0]).to_dict())


def test_spark_codes_a_dataframe_event_for_event_like_code_articles(spark, articles):
    from dyadwatch import spark as dws

    rows = [(a.get("id"), a["text"], a.get("date"), a.get("source")) for a in articles]
    df = spark.createDataFrame(rows, "id string, text string, date string, source string")
    got = [Event.from_dict(r.asDict(recursive=True)) for r in dws.code(df).collect()]
    objects = [
        Article.from_text(a["text"], id=a.get("id"), source=a.get("source"),
                          published=parse_datetime(a["date"]) if a.get("date") else None)
        for a in articles
    ]
    want = [e for c in code_articles(objects) for e in c.events]
    assert [e.id for e in sorted(got, key=lambda e: e.id)] == sorted(e.id for e in want)
    assert sorted(got, key=lambda e: e.id) == sorted(want, key=lambda e: e.id)


def test_aggregate_counts_mentions_articles_and_sources_per_dyad_day(spark, corpus,
                                                                    single_machine):
    from dyadwatch import spark as dws

    events_df = dws.code(dws.read_articles(spark, [str(corpus)], "jsonl"))
    got = {(r.date, r.source_code, r.target_code, r.cameo): r
           for r in dws.aggregate(events_df).collect()}
    groups = defaultdict(list)
    for e in single_machine:  # what `dyadwatch code` wrote for the same file
        groups[(e["date"], e["source"]["code"], (e["target"] or {}).get("code"),
                e["cameo"])].append(e)
    assert set(got) == set(groups)
    for key, mentions in groups.items():
        row = got[key]
        assert row.NumMentions == len(mentions)
        assert row.NumArticles == len({e["article_id"] for e in mentions})
        assert row.NumSources == len({e["outlet"] or "" for e in mentions})
        assert row.mention_ids == sorted(e["id"] for e in mentions)
    # The same sentence in two outlets' articles is one event with two mentions.
    rejected = got[("2025-02-22", "MEXGOV", "USAGOV", "127")]
    assert (rejected.NumMentions, rejected.NumArticles, rejected.NumSources) == (2, 2, 2)
