"""The paths a big store takes (text search in date windows, capped counts, narrow frames)
give the same answers as the plain ones; every test runs on DuckDB and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from conftest import make_article, make_event

from dyadwatch.errors import StoreError
from dyadwatch.store.base import EventFilter


def spread_corpus():
    """60 articles over four years; every third sentence mentions the border."""
    items = []
    start = date(2021, 1, 4)
    for i in range(60):
        day = (start + timedelta(days=i * 23)).isoformat()
        aid = f"s{i:02d}"
        words = "the Border wall" if i % 3 == 0 else "trade talks"
        events = [make_event(aid, "MEXGOV" if i % 2 else "USAGOV",
                             "USAGOV" if i % 2 else "MEXGOV", "111", day=day,
                             text=f"Officials discussed {words} on day {i}.")]
        if i % 5 == 0:  # a second mention on the same day
            events.append(make_event(aid, "CANGOV", "USAGOV", "036", day=day, sentence=1,
                                     text=f"Canada spoke of the border too ({i})."))
        items.append((make_article(aid, day=day), events, []))
    return items


@pytest.fixture
def spread(store):
    store.put_many(spread_corpus())
    return store


def test_a_text_search_pages_newest_first_like_a_full_sort(spread):
    every = [e for _, events, _ in spread_corpus() for e in events]
    border = sorted((e for e in every if "border" in e.sentence.lower()), key=lambda e: e.id)
    expected = sorted(border, key=lambda e: e.date, reverse=True)  # ties by id, as stored
    flt = EventFilter(text="border")
    pages = [spread.events(flt, limit=4, offset=o) for o in range(0, len(expected) + 4, 4)]
    assert [e.id for page in pages for e in page] == [e.id for e in expected]
    assert spread.count_events(flt) == len(expected) == 32
    narrowed = spread.events(EventFilter(text="BORDER", source="CAN"), limit=2, offset=1)
    assert [e.id for e in narrowed] == [e.id for e in expected if e.source.code == "CANGOV"][1:3]


def test_a_count_can_stop_early(spread):
    assert spread.count_events(EventFilter(text="border"), at_most=5) == 5
    assert spread.count_events(EventFilter(text="canada"), at_most=100) == 12
    assert spread.count_events(at_most=1000) == spread.count_events() == 72


def test_date_span_of_a_filter(spread):
    assert spread.date_span() == ("2021-01-04", (date(2021, 1, 4)
                                                  + timedelta(days=59 * 23)).isoformat())
    assert spread.date_span(EventFilter(source="CAN", until="2022-01-01")) == \
        ("2021-01-04", "2021-12-15")
    assert spread.date_span(EventFilter(actor="CHN")) == (None, None)


def test_an_event_frame_has_the_asked_columns_newest_stored_first(spread):
    frame = spread.event_frame(EventFilter(source="CAN"), ["source_code", "date", "quad_class"],
                               limit=3)
    assert list(frame.columns) == ["source_code", "date", "quad_class"]
    assert frame["date"].tolist() == ["2024-06-22", "2024-02-28", "2023-11-05"]
    assert set(frame["source_code"]) == {"CANGOV"} and frame["quad_class"].tolist() == [1] * 3
    with pytest.raises(StoreError, match="E038 no mention column 'password'"):
        spread.event_frame(columns=["date", "password"])


@pytest.mark.parametrize("order", ["goldstein_asc", "goldstein_desc", "date_asc", "date_desc"])
def test_pages_in_every_order_match_a_full_sort(spread, order):
    every = sorted((e for _, events, _ in spread_corpus() for e in events), key=lambda e: e.id)
    newest = sorted(every, key=lambda e: e.date, reverse=True)
    expected = {
        "goldstein_asc": sorted(newest, key=lambda e: e.goldstein),
        "goldstein_desc": sorted(newest, key=lambda e: e.goldstein, reverse=True),
        "date_asc": sorted(every, key=lambda e: e.date),
        "date_desc": newest,
    }[order]
    got = [e.id for o in range(0, 80, 7) for e in spread.events(limit=7, offset=o, order=order)]
    assert got == [e.id for e in expected]


@pytest.mark.parametrize("order", ["date_desc", "date_asc", "goldstein_asc", "stored_desc"])
@pytest.mark.parametrize("text", ["border", "Canada", "day 4", "nowhere"])
@pytest.mark.parametrize("chunk_max", [40, 400])
def test_text_pages_read_chunk_by_chunk_match_a_full_sort(spread, order, text, chunk_max):
    """Small chunks make a text search take several steps (and, with a low ceiling, end
    in one scan) on DuckDB; every page in every order is the page of a plain full sort."""
    spread.text_chunk, spread.text_chunk_max = 2, chunk_max
    stored = [e for _, events, _ in spread_corpus() for e in events]
    every = sorted(stored, key=lambda e: e.id)
    newest = sorted(every, key=lambda e: e.date, reverse=True)
    ordered = {"date_desc": newest, "date_asc": sorted(every, key=lambda e: e.date),
               "goldstein_asc": sorted(newest, key=lambda e: e.goldstein),
               "stored_desc": stored[::-1]}[order]
    expected = [e.id for e in ordered if text.lower() in e.sentence.lower()]
    got = [e.id for o in range(0, len(expected) + 5, 5)
           for e in spread.events(EventFilter(text=text), limit=5, offset=o, order=order)]
    assert got == expected
    if expected:
        assert len(expected) > 2  # more than one chunk's worth


def test_an_articles_events_are_found_after_every_kind_of_write(store):
    """`article_events` (DuckDB: through the article positions table) returns exactly the
    rows a full scan finds, after puts, re-puts, bulk imports and an import that splits
    one article over two batches."""
    store.put_many(spread_corpus()[:10])
    store.put(make_article("s03"), [make_event("s03", cameo="036", sentence=4)])  # re-coded
    rows = store.iter_arrow(EventFilter(article_id="s05")).__next__()
    store.import_mentions([rows])  # the same rows again: replaced, not doubled
    split = [make_event("z1", cameo="111", sentence=i) for i in range(4)]
    store.put(make_article("z0"), [])  # an article without events
    tables = [t for t in store.iter_arrow() if t.num_rows]
    assert sum(t.num_rows for t in tables) == 12
    store.put_many([(make_article("z1"), split, [])])
    first, second = (store.iter_arrow(EventFilter(article_id="z1")).__next__().slice(i, 2)
                     for i in (0, 2))
    store.import_mentions([first, second])  # one import, two batches: both kept
    for aid in [f"s{i:02d}" for i in range(12)] + ["z0", "z1", "nope"]:
        scan = sorted(e.id for e in store.events(EventFilter(article_id=aid), limit=100))
        assert sorted(e.id for e in store.article_events(aid)) == scan, aid
    assert [e.sentence_index for e in store.article_events("s03")] == [4]
    assert len(store.article_events("z1")) == 4 and len(store.article_events("s05")) == 2
    assert store.article_events("s11") == []
