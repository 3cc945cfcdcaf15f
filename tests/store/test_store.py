"""The one Store test suite: every test runs on a DuckDB file and on PostgreSQL."""

from __future__ import annotations

import pytest
from conftest import corpus, make_article, make_event, make_quote

from dyadwatch.errors import FilterError, StoreError
from dyadwatch.store import open_store
from dyadwatch.store.base import EventFilter
from dyadwatch.store.schema import SCHEMA_VERSION


def ids(events) -> set[str]:
    return {e.id for e in events}


def test_an_article_comes_back_exactly_as_stored(store):
    article, events, quotes = corpus()[0]
    store.put(article, events, quotes)
    assert store.has_article("a1") and not store.has_article("zz")
    assert store.get_article("a1") == article
    assert store.article_events("a1") == events
    assert store.quotes() == quotes


def test_storing_an_article_again_replaces_it_and_never_duplicates(store):
    article, events, quotes = corpus()[0]
    store.put(article, events, quotes)
    store.put(article, events, quotes)
    assert store.stats()["mentions"] == 2 and store.stats()["articles"] == 1
    retitled = make_article("a1")
    retitled.title = "Corrected story"
    store.put(retitled, events[:1], [])  # re-coded: one event left, no quote
    assert store.get_article("a1").title == "Corrected story"
    assert store.article_events("a1") == events[:1]
    assert store.quotes() == []
    assert store.count_events() == 1


def test_the_last_copy_of_an_article_in_one_batch_wins(store):
    article, events, quotes = corpus()[0]
    store.put_many([(article, events, quotes), (article, events[1:], [])])
    assert store.article_events("a1") == events[1:]


def test_a_bad_event_is_refused_and_nothing_of_its_batch_is_stored(store):
    good = corpus()[1]
    bad_event = make_event("a9", day="2025-02-30")
    with pytest.raises(StoreError, match="E032 event 'a9-0-0': date must be YYYY-MM-DD"):
        store.put_many([good, (make_article("a9"), [bad_event], [])])
    with pytest.raises(StoreError, match="belongs to article 'a1', not 'a9'"):
        store.put(make_article("a9"), [make_event("a1")])
    assert store.stats()["articles"] == 0


FILTERS = [
    (EventFilter(), {"a1-0-0", "a1-1-0", "a2-0-0", "a2-2-0", "a3-0-0", "a3-1-0", "a4-0-0",
                     "a5-0-0", "a5-3-1"}),
    (EventFilter(actor="CHN"), {"a5-3-1"}),
    (EventFilter(source="MEXMIL"), {"a2-2-0"}),
    (EventFilter(target="MEX"), {"a1-1-0", "a5-0-0"}),
    (EventFilter(dyad=("MEX", "USA")), {"a1-0-0", "a2-0-0", "a2-2-0", "a3-0-0", "a4-0-0"}),
    (EventFilter(dyad=("USA", "MEX"), either_direction=True, since="2025-01-01"),
     {"a1-0-0", "a1-1-0", "a2-0-0", "a2-2-0", "a3-0-0", "a4-0-0"}),
    (EventFilter(country="CAN"), {"a3-1-0"}),
    (EventFilter(role="MIL"), {"a2-2-0"}),
    (EventFilter(cameo=["12", "13"]), {"a1-1-0", "a5-0-0"}),
    (EventFilter(cameo_root=["19"]), {"a2-2-0"}),
    (EventFilter(plover=["REJECT", "THREATEN"]), {"a1-1-0", "a5-0-0"}),
    (EventFilter(quad_class=[1, 4]), {"a2-2-0", "a3-1-0", "a5-3-1"}),
    (EventFilter(goldstein_min=-7, goldstein_max=-4), {"a1-1-0", "a5-0-0"}),
    (EventFilter(until="2024-12-31"), {"a5-0-0", "a5-3-1"}),
    (EventFilter(text="BORDER WALL"), {"a1-1-0"}),
    (EventFilter(modality=["future"]), {"a3-1-0"}),
    (EventFilter(article_id="a2", plover=["ACCUSE"]), {"a2-0-0"}),
    (EventFilter(min_mentions=3), {"a1-0-0", "a2-0-0", "a4-0-0"}),
    (EventFilter(min_sources=3, dyad=("MEX", "USA")), {"a1-0-0", "a2-0-0", "a4-0-0"}),
    (EventFilter(min_sources=4), set()),
]


def test_each_filter_finds_exactly_its_mentions(filled):
    for flt, expected in FILTERS:  # one store for all: filling it is the slow part
        assert ids(filled.events(flt, limit=100)) == expected, flt
        assert filled.count_events(flt) == len(expected), flt


def test_pages_cover_every_mention_once_newest_first(filled):
    pages = [filled.events(limit=4, offset=o) for o in (0, 4, 8)]
    seen = [e for page in pages for e in page]
    assert [len(p) for p in pages] == [4, 4, 1]
    assert len(ids(seen)) == 9
    assert [e.date for e in seen] == sorted((e.date for e in seen), reverse=True)
    oldest = filled.events(limit=1, order="date_asc")[0]
    assert oldest.date == "2024-12-30"


BAD_FILTERS = [
    (EventFilter(actor="MEX'; DROP TABLE mentions; --"), "filter 'actor'"),
    (EventFilter(since="2025-13-01"), "filter 'since': expected a date YYYY-MM-DD"),
    (EventFilter(since="2025-03-01", until="2025-01-01"), "on or before until"),
    (EventFilter(plover=["REJECTS"]), "filter 'plover': expected PLOVER types"),
    (EventFilter(quad_class=[5]), "filter 'quad_class'"),
    (EventFilter(goldstein_min=-11), "filter 'goldstein_min'"),
    (EventFilter(cameo=["1a"]), "filter 'cameo'"),
    (EventFilter(dyad=("MEX",)), "filter 'dyad'"),
    (EventFilter(modality=["maybe"]), "filter 'modality'"),
    (EventFilter(country="Mexico"), "filter 'country'"),
]


def test_a_bad_filter_value_is_a_clear_error(filled):
    for flt, message in BAD_FILTERS:
        with pytest.raises(FilterError, match=message):
            filled.events(flt)
    assert filled.count_events() == 9


def test_search_text_is_a_value_never_sql(filled):
    tricky = "x' OR '1'='1"
    assert filled.events(EventFilter(text=tricky)) == []
    assert filled.events(EventFilter(text="%")) == []
    assert filled.count_events() == 9


def test_paging_values_are_checked(filled):
    with pytest.raises(FilterError, match="filter 'limit'"):
        filled.events(limit=0)
    with pytest.raises(FilterError, match="filter 'order'"):
        filled.events(order="id; DROP TABLE mentions")


def test_mentions_of_one_happening_are_aggregated_gdelt_style(filled):
    agg = filled.aggregated(EventFilter(dyad=("MEX", "USA")))
    assert list(agg["event_key"]) == ["2025-03-05:MEXGOV:USAGOV:111",
                                      "2025-02-22:MEXGOV:USAGOV:111",
                                      "2025-02-22:MEXMIL:USAMIL:190"]
    big = agg.iloc[1].to_dict()
    assert (big["num_mentions"], big["num_sources"], big["num_articles"]) == (3, 3, 3)
    assert big["avg_tone"] == pytest.approx(-1.5)  # a4's mention has no tone
    assert big["first_mention"] == "a1-0-0" and big["url"] == "https://news.example/a1"
    mentions = filled.mentions(big["event_key"])
    assert [m.id for m in mentions] == ["a1-0-0", "a2-0-0", "a4-0-0"]
    assert mentions[1].sentence and mentions[1].evidence.rule == "verb:111"
    assert filled.count_aggregated() == 7
    assert filled.aggregated(EventFilter(min_mentions=2))["event_key"].tolist() == \
        ["2025-02-22:MEXGOV:USAGOV:111"]


def test_an_event_without_target_is_aggregated_and_reachable(filled):
    agg = filled.aggregated(EventFilter(actor="CHN"))
    assert agg["event_key"].tolist() == ["2024-12-30:CHNGOV::010"]
    assert [m.id for m in filled.mentions("2024-12-30:CHNGOV::010")] == ["a5-3-1"]
    with pytest.raises(FilterError, match="E042"):
        filled.mentions("not-a-key")


def test_timeline_counts_both_directions_per_week(filled):
    tl = filled.timeline("MEX", "USA", by="week")
    assert list(tl.columns) == ["period", "direction", "source", "target", "events",
                                "goldstein_mean", "goldstein_sum", "verbal_coop",
                                "material_coop", "verbal_conflict", "material_conflict"]
    rows = {(str(r.period.date()), r.direction): r for r in tl.itertuples()}
    # weeks from 2024-12-30 (a Monday) to 2025-03-03, every one present
    assert len(tl) == 2 * 10
    feb = rows[("2025-02-17", "MEX->USA")]
    assert (feb.events, feb.goldstein_sum) == (4, -16.0)
    assert feb.goldstein_mean == pytest.approx(-4.0)
    assert (feb.verbal_conflict, feb.material_conflict) == (0.75, 0.25)
    assert rows[("2025-02-17", "USA->MEX")].events == 1
    assert rows[("2024-12-30", "USA->MEX")].events == 1
    assert rows[("2025-01-06", "MEX->USA")].events == 0
    monthly = filled.timeline("MEXGOV", "USAGOV", by="month", since="2025-01-01",
                              until="2025-03-31")
    assert monthly[monthly.direction == "MEXGOV->USAGOV"]["events"].tolist() == [0, 3, 1]
    with pytest.raises(FilterError, match="E043"):
        filled.timeline("MEX", "USA", by="fortnight")


def test_events_after_sees_each_new_mention_once(filled):
    first, cursor = filled.events_after(0, limit=5)
    rest, cursor = filled.events_after(cursor)
    assert len(first) == 5 and len(rest) == 4 and not ids(first) & ids(rest)
    assert filled.events_after(cursor) == ([], cursor)
    filled.put(make_article("a6"), [make_event("a6")])
    new, _ = filled.events_after(cursor)
    assert ids(new) == {"a6-0-0"}


def test_stats_and_actors(filled):
    stats = filled.stats()
    assert {k: stats[k] for k in ("articles", "events", "mentions", "quotes", "actors")} == \
        {"articles": 5, "events": 7, "mentions": 9, "quotes": 2, "actors": 6}
    assert (stats["first_date"], stats["last_date"]) == ("2024-12-30", "2025-03-05")
    assert stats["schema_version"] == SCHEMA_VERSION
    top = filled.actors(limit=2)
    assert top.iloc[0].to_dict() == {"code": "USAGOV", "name": "United States government",
                                     "country": "USA", "mentions": 7}


def test_quotes_by_speaker(filled):
    assert [q.text for q in filled.quotes("CAN")] == ["We will sign"]
    assert filled.quotes(limit=1, offset=1)[0].article_id == "a3"


def test_iter_events_streams_everything_in_stored_order(filled):
    batches = list(filled.iter_events(batch_size=4))
    assert [len(b) for b in batches] == [4, 4, 1]
    assert [e.id for b in batches for e in b][:3] == ["a1-0-0", "a1-1-0", "a2-0-0"]


def test_bulk_import_round_trips_arrow_rows(filled, tmp_path):
    tables = list(filled.iter_arrow())
    copy = open_store(str(tmp_path / "copy.duckdb"))
    assert copy.import_mentions(tables) == 9
    assert copy.import_mentions(tables) == 9  # again: replaced, not doubled
    assert copy.count_events() == 9
    assert copy.article_events("a1") == filled.article_events("a1")
    copy.close()


def test_a_reopened_store_keeps_everything(store_url):
    with open_store(store_url) as s:
        s.put_many(corpus())
    with open_store(store_url, read_only=True) as s:
        assert s.count_events() == 9 and s.schema_version() == SCHEMA_VERSION
        assert s.quotes("MEX")[0] == make_quote("a1")


def test_a_buffered_store_writes_whole_articles_in_batches(store_url):
    items = corpus()
    with open_store(store_url, buffered=True) as s:
        s.flush_seconds = 60.0
        for item in items[:3]:
            s.put(*item)
        assert s.count_events() == 6  # a read stores what is pending first
        s.put(*items[3])
        with pytest.raises(StoreError, match="E032"):
            s.put(make_article("a9"), [make_event("a9", day="yesterday")])
        s.put(*items[4])
    with open_store(store_url, read_only=True) as s:  # close stored the rest
        assert s.count_events() == 9 and not s.has_article("a9")


def test_a_buffered_store_stores_held_articles_within_flush_seconds(store_url):
    import time

    with open_store(store_url, buffered=True) as s:
        s.flush_seconds = 0.2
        s.put(*corpus()[0])
        time.sleep(1.0)
        with open_store(store_url, read_only=True) if "postgres" in store_url else s as other:
            assert other._execute("SELECT count(*) FROM mentions")[1][0][0] == 2


def test_stored_ids_answers_for_a_batch_in_one_call(filled):
    assert filled.stored_ids(["a1", "zz", "a3", "a1"]) == {"a1", "a3"}
    assert filled.stored_ids([]) == set()
