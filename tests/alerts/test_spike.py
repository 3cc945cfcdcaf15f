"""Spike rules over a dyad's daily conflict share."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dyadwatch.alerts.spike import daily_counts, latest_spike


def _days(make_event, shares: list[tuple[int, int]], start: str = "2025-01-01"):
    """Events for consecutive days: (events, conflict events) a day."""
    out, first, n = [], date.fromisoformat(start), 0
    for offset, (total, conflict) in enumerate(shares):
        day = (first + timedelta(days=offset)).isoformat()
        for k in range(total):
            hostile = k < conflict
            out.append(make_event(n, date=day, quad_class=3 if hostile else 1,
                                  cameo="120" if hostile else "042"))
            n += 1
    return out


def test_a_jump_in_conflict_share_is_a_spike(make_event):
    baseline = [(10, 1), (10, 2), (10, 1), (10, 0), (10, 2)] * 4  # about 12% conflict
    events = _days(make_event, baseline + [(10, 8)])
    spike = latest_spike(events, 3.0, "MEX-USA")
    assert spike is not None and spike.day == "2025-01-21"
    assert spike.conflict == 8 and spike.events == 10 and spike.sigma > 3.0


def test_ordinary_days_and_noisy_baselines_are_not_spikes(make_event):
    baseline = [(10, 1), (10, 2), (10, 1), (10, 0), (10, 2)] * 4
    assert latest_spike(_days(make_event, baseline + [(10, 2)]), 3.0, "MEX-USA") is None
    noisy = [(10, 0), (10, 9), (10, 1), (10, 8)] * 5
    assert latest_spike(_days(make_event, noisy + [(10, 8)]), 3.0, "MEX-USA") is None


def test_too_little_history_or_too_few_events_is_no_spike(make_event):
    assert latest_spike(_days(make_event, [(10, 0)] * 3 + [(10, 9)]), 2.0, "MEX-USA") is None
    flat = [(10, 0)] * 20
    assert latest_spike(_days(make_event, flat + [(2, 2)]), 2.0, "MEX-USA") is None  # 2 events
    assert latest_spike(_days(make_event, flat + [(5, 5)]), 2.0, "MEX-USA") is not None


def test_baseline_is_the_90_days_before(make_event):
    old_noise = _days(make_event, [(10, 0), (10, 10)] * 10, start="2024-06-01")  # > 90 days ago
    recent = _days(make_event, [(10, 1)] * 10 + [(10, 9)], start="2025-01-01")
    assert latest_spike(old_noise + recent, 3.0, "MEX-USA") is not None
    assert daily_counts(recent)["2025-01-11"].share == 0.9


def test_spike_rule_over_a_real_store_alerts_once_a_day(tmp_path, make_event, hook_server,
                                                        loopback_settings):
    pytest.importorskip("dyadwatch.store.duckdb", reason="needs the DuckDB store")
    from dyadwatch.alerts import AlertDB, Alerter, Subscription
    from dyadwatch.model import Article
    from dyadwatch.store import open_store

    store = open_store(str(tmp_path / "events.duckdb"))
    db = AlertDB(tmp_path / "alerts.sqlite")
    db.add_subscription(Subscription(name="spike", dyad=("MEX", "USA"), either_direction=True,
                                     spike=3.0, webhook=hook_server.url,
                                     webhook_secret="hook-secret"))
    alerter = Alerter(db, loopback_settings())
    quiet = _days(make_event, [(5, 0), (5, 1)] * 10)  # 20 days of about 10% conflict
    store.put_many((Article(id=e.article_id, text=e.sentence, url=e.url), [e], [])
                   for e in quiet)
    assert alerter.run_once(store).spikes == 0
    hot = _days(make_event, [(5, 5)], start="2025-01-21")
    for k, e in enumerate(hot):
        e.id, e.article_id = f"hot{k}-0-0", f"hot{k}"
    store.put_many((Article(id=e.article_id, text=e.sentence, url=e.url), [e], []) for e in hot)
    assert alerter.run_once(store).spikes == 1
    (got,) = hook_server.accepted()
    item = got["body"]["items"][0]
    assert got["body"]["kind"] == "spike" and item["day"] == "2025-01-21" and item["share"] == 1.0
    extra = make_event(99, date="2025-01-21", article_id="late", id="late-0-0")
    store.put(Article(id="late", text=extra.sentence, url=extra.url), [extra])
    assert alerter.run_once(store).spikes == 0  # that day already alerted
    store.close()
    db.close()
    alerter.close()
