"""Webhook notices to a real HTTP receiver on loopback that checks the HMAC signature."""

from __future__ import annotations

import time

import pytest

from dyadwatch.alerts import Alerter, Subscription, create_subscription
from dyadwatch.alerts.urls import public_address
from dyadwatch.alerts.webhook import sign, verify
from dyadwatch.errors import UnsafeURLError


def _subscribe(db, url, **kw):
    return db.add_subscription(Subscription(name="hook", country=["MEX"], webhook=url,
                                            webhook_secret="hook-secret", **kw))


def test_signed_json_reaches_the_receiver(alert_db, hook_server, make_event, loopback_settings):
    _subscribe(alert_db, hook_server.url)
    alerter = Alerter(alert_db, loopback_settings())
    alerter.process([make_event(1)])
    assert alerter.deliver_due().sent == 1
    (got,) = hook_server.received
    assert got["valid"] and got["status"] == 200
    body = got["body"]
    assert body["subscription"] == "hook" and body["kind"] == "event"
    item = body["items"][0]
    assert item["sentence"].startswith("Mexico rejected the US proposal")
    assert (item["source"]["code"], item["target"]["code"], item["cameo"]) == ("MEXGOV", "USAGOV", "120")
    assert item["url"] == "https://news.example.org/story/1"


def test_wrong_secret_is_rejected_by_receiver_and_retried(alert_db, hook_server, make_event,
                                                          loopback_settings):
    alert_db.add_subscription(Subscription(name="hook", country=["MEX"], webhook=hook_server.url,
                                           webhook_secret="not-the-secret"))
    alerter = Alerter(alert_db, loopback_settings())
    alerter.process([make_event(1)])
    turn = alerter.deliver_due()
    assert (turn.sent, turn.failed) == (0, 1) and "HTTP 401" in turn.errors[0]
    assert hook_server.received[0]["valid"] is False


def test_receiver_down_then_back_gets_each_notice_once(alert_db, hook_server, make_event,
                                                       loopback_settings):
    _subscribe(alert_db, hook_server.url)
    alerter = Alerter(alert_db, loopback_settings())
    hook_server.stop()
    alerter.process([make_event(1), make_event(2)])
    now = time.time()
    assert alerter.deliver_due(now).failed == 2
    hook_server.start()
    hook_server.fail_next = 1  # back, but the first answer is an error
    first = alerter.deliver_due(now + 5)
    assert (first.sent, first.failed) == (1, 1)
    assert alerter.deliver_due(now + 60).sent == 1
    assert alerter.deliver_due(now + 3600).sent == 0
    accepted = hook_server.accepted()
    assert sorted(r["body"]["items"][0]["id"] for r in accepted) == ["a1-0-0", "a2-0-0"]
    # the retried notice kept its delivery id, so a receiver can drop repeats
    failed_then_ok = [r["delivery"] for r in hook_server.received]
    assert len(failed_then_ok) == 3 and len(set(failed_then_ok)) == 2


def test_slow_receiver_times_out(alert_db, hook_server, make_event, loopback_settings):
    _subscribe(alert_db, hook_server.url)
    hook_server.delay = 1.5
    alerter = Alerter(alert_db, loopback_settings(webhook_timeout=0.3))
    alerter.process([make_event(1)])
    started = time.monotonic()
    turn = alerter.deliver_due()
    assert turn.failed == 1 and "Timeout" in turn.errors[0]
    assert time.monotonic() - started < 1.4


def test_after_the_last_attempt_a_notice_is_dead_until_replayed(alert_db, hook_server, make_event,
                                                                  loopback_settings):
    _subscribe(alert_db, hook_server.url)
    alerter = Alerter(alert_db, loopback_settings(max_attempts=3))
    hook_server.stop()
    alerter.process([make_event(1)])
    now = time.time()
    for step in range(3):
        alerter.deliver_due(now + step * 100)
    (dead,) = alert_db.notices("dead")
    assert dead.attempts == 3 and "ConnectError" in dead.last_error
    hook_server.start()
    assert alerter.deliver_due(now + 10_000).sent == 0  # dead notices are not retried alone
    assert alert_db.replay([dead.id]) == 1
    assert alerter.deliver_due(now + 10_000).sent == 1
    assert len(hook_server.accepted()) == 1


def test_loopback_webhook_is_refused_unless_allowed(alert_db, hook_server, make_event,
                                                    loopback_settings):
    with pytest.raises(UnsafeURLError, match="E050"):
        create_subscription(alert_db, loopback_settings(allow_private=False), name="h",
                            country=["MEX"], webhook=hook_server.url)
    _subscribe(alert_db, hook_server.url)  # stored directly, e.g. before the setting changed
    alerter = Alerter(alert_db, loopback_settings(allow_private=False))
    alerter.process([make_event(1)])
    turn = alerter.deliver_due()
    assert turn.dead == 1 and "E050" in turn.errors[0]
    assert hook_server.received == []


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/x", "http://10.1.2.3/x", "http://192.168.0.1/", "http://169.254.169.254/",
    "http://[::1]:8080/", "http://[::ffff:127.0.0.1]/", "ftp://93.184.216.34/", "http:///nohost",
])
def test_unsafe_urls(url):
    with pytest.raises(UnsafeURLError):
        public_address(url)


def test_public_address_passes():
    assert public_address("https://93.184.216.34/hook") == "93.184.216.34"


def test_signature_verification_rejects_tampering_and_old_timestamps():
    body, ts = b'{"a": 1}', str(int(time.time()))
    sig = sign("k", ts, body)
    assert verify("k", ts, body, sig)
    assert not verify("k", ts, b'{"a": 2}', sig)
    assert not verify("other", ts, body, sig)
    assert not verify("k", str(int(time.time()) - 3600), body, sign("k", str(int(time.time()) - 3600), body))


def test_delivery_connects_to_the_checked_address_not_a_second_lookup():
    from dyadwatch.alerts.urls import pinned

    url, headers, ext = pinned("https://hooks.example.org:8443/x?y=1", "93.184.216.34")
    assert url == "https://93.184.216.34:8443/x?y=1"
    assert headers == {"Host": "hooks.example.org:8443"}
    assert ext == {"sni_hostname": "hooks.example.org"}  # the certificate is checked for the name
    assert pinned("http://[::1]/x", "2606:2800:220:1::1")[0] == "http://[2606:2800:220:1::1]/x"
