"""The alert state file: exactly once across restarts, digests, happenings, subscription life."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest

from dyadwatch.alerts import (
    AlertDB,
    Alerter,
    Subscription,
    SubscriptionError,
    pause_subscription,
    remove_subscription,
    resume_subscription,
    unsubscribe,
)
from dyadwatch.alerts.digest import flush_digests, period_of
from dyadwatch.alerts.outbox import backoff_seconds


def _sub(name="s", **kw):
    kw.setdefault("email", ["analyst@example.org"])
    return Subscription(name=name, **kw)


def test_an_event_never_queues_twice_even_after_a_restart(tmp_path, make_event):
    path = tmp_path / "alerts.sqlite"
    db = AlertDB(path)
    db.add_subscription(_sub(plover=["REJECT"], webhook="https://hooks.example.org/x"))
    assert Alerter(db).process([make_event(1), make_event(2)]) == (2, 2)
    assert db.counts()["pending"] == 4  # two events x (email + webhook)
    db.close()

    db = AlertDB(path)  # a new process: the ledger is on disk
    assert Alerter(db).process([make_event(1), make_event(2), make_event(3)]) == (3, 1)
    assert db.counts()["pending"] == 6
    db.close()


def test_two_processes_share_the_file(tmp_path, make_event):
    path = tmp_path / "alerts.sqlite"
    web, watcher = AlertDB(path), AlertDB(path)
    web.add_subscription(_sub("from-web", country=["MEX"]))
    assert [s.name for s in Alerter(watcher).matcher().subscriptions] == ["from-web"]
    pause_subscription(web, "from-web")
    assert len(Alerter(watcher).matcher()) == 0
    web.close()
    watcher.close()


def test_pause_resume_remove_and_unsubscribe(alert_db, make_event):
    alert_db.add_subscription(_sub("a", plover=["REJECT"]))
    alerter = Alerter(alert_db)
    pause_subscription(alert_db, "a")
    assert alerter.process([make_event(1)]) == (0, 0)
    resume_subscription(alert_db, "a")
    assert alerter.process([make_event(2)]) == (1, 1)
    token = alert_db.get_subscription("a").token
    assert unsubscribe(alert_db, token).name == "a"
    assert alert_db.subscriptions() == []
    assert alert_db.counts()["cancelled"] == 1  # its queued notice will not go out
    with pytest.raises(SubscriptionError, match="E063"):
        unsubscribe(alert_db, token)
    with pytest.raises(SubscriptionError, match="E062 no subscription named 'a'"):
        remove_subscription(alert_db, "a")


def test_duplicate_names_are_refused(alert_db):
    alert_db.add_subscription(_sub("a", plover=["REJECT"]))
    with pytest.raises(SubscriptionError, match="E061"):
        alert_db.add_subscription(_sub("a", plover=["THREATEN"]))


def test_minimum_sources_fires_once_per_happening(alert_db, make_event):
    alert_db.add_subscription(_sub("corroborated", dyad="MEX-USA", min_sources=2))
    alerter = Alerter(alert_db)
    first = make_event(1, outlet="a.example")
    same_outlet = make_event(2, outlet="a.example")
    other_outlet = make_event(3, outlet="b.example")
    third = make_event(4, outlet="c.example")
    other_day = make_event(5, outlet="d.example", date="2025-02-23")
    assert alerter.process([first, same_outlet]) == (0, 0)
    assert alerter.process([other_outlet]) == (1, 1)
    assert alerter.process([third, other_outlet, other_day]) == (2, 0)  # same happening again
    (notice,) = alert_db.notices()
    assert notice.payload["items"][0]["id"] == "a3-0-0"


def test_digest_collects_a_period_then_sends_one_notice(alert_db, make_event):
    alert_db.add_subscription(_sub("daily", country=["MEX"], digest="daily"))
    alerter = Alerter(alert_db)
    day1 = datetime(2025, 2, 22, 9, tzinfo=timezone.utc).timestamp()
    assert flush_digests(alert_db, day1) == 0  # starts the period
    alerter.process([make_event(1), make_event(2)], now=day1)
    alerter.process([make_event(2), make_event(3)], now=day1 + 60)
    assert flush_digests(alert_db, day1 + 3600) == 0  # same day: nothing yet
    assert alert_db.counts()["pending"] == 0
    assert flush_digests(alert_db, day1 + 86400) == 1
    (notice,) = alert_db.notices("pending")
    assert notice.payload["kind"] == "digest" and notice.payload["period"] == "2025-02-22"
    assert [i["id"] for i in notice.payload["items"]] == ["a1-0-0", "a2-0-0", "a3-0-0"]
    assert flush_digests(alert_db, day1 + 2 * 86400) == 0  # an empty day sends nothing


def test_periods():
    t = datetime(2025, 2, 22, 14, 30, tzinfo=timezone.utc).timestamp()
    assert period_of(t, "hourly") == "2025-02-22T14"
    assert period_of(t, "daily") == "2025-02-22"
    assert period_of(t, "weekly") == "2025-W08"


def test_backoff_grows_and_is_capped():
    delays = [backoff_seconds(n, base=30, cap=3600) for n in range(1, 10)]
    assert 24 <= delays[0] <= 36 and 48 <= delays[1] <= 72
    assert max(delays) <= 3600 * 1.2
    assert delays[3] > delays[1]


def test_stale_sending_notices_go_back_to_the_queue(alert_db, make_event):
    alert_db.add_subscription(_sub(plover=["REJECT"]))
    Alerter(alert_db).process([make_event(1)])
    claimed = alert_db.claim_due(time.time())
    assert len(claimed) == 1 and alert_db.claim_due(time.time()) == []  # nobody takes it twice
    assert alert_db.release_stale() == 1  # the process died mid-send; a restart frees it
    (again,) = alert_db.claim_due(time.time())
    assert again.uid == claimed[0].uid


def test_a_batch_with_repeats_queues_each_pair_once_in_order(alert_db, make_event):
    alert_db.add_subscription(_sub("a", country=["MEX"]))
    events = [make_event(1), make_event(2), make_event(1), make_event(3)]
    assert Alerter(alert_db).process(events) == (4, 3)
    ids = [n.payload["items"][0]["id"] for n in reversed(alert_db.notices())]
    assert ids == ["a1-0-0", "a2-0-0", "a3-0-0"]
