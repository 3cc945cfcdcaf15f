"""Email notices through a real SMTP server on loopback (STARTTLS + login required)."""

from __future__ import annotations

import smtplib
import time

from dyadwatch.alerts import Alerter, Subscription
from dyadwatch.alerts.email import build_message, send_email
from dyadwatch.model import Actor


def _subscribe(db, **kw):
    rule = {"name": "mex-usa", "dyad": "MEX-USA", "either_direction": True,
                "plover": ["REJECT", "THREATEN"], "email": ["analyst@example.org"]}
    rule.update(kw)
    return db.add_subscription(Subscription(**rule))


def test_instant_email_carries_the_evidence(alert_db, smtp_server, make_event, loopback_settings):
    sub = _subscribe(alert_db)
    alerter = Alerter(alert_db, loopback_settings(smtp_server))
    assert alerter.process([make_event(1)]) == (1, 1)
    assert alerter.deliver_due().sent == 1

    (rcpts, msg), = smtp_server.inbox.messages
    assert rcpts == ["analyst@example.org"]
    assert msg["Subject"] == "[dyadwatch] mex-usa: MEXGOV -> USAGOV REJECT"
    assert msg["List-Unsubscribe"].strip() == f"<https://dyadwatch.example.org/alerts/unsubscribe/{sub.token}>"
    text = msg.get_body(("plain",)).get_content()
    page = msg.get_body(("html",)).get_content()
    for body in (text, page):
        assert "Mexico rejected the US proposal to deploy troops at the border." in body
        assert "MEXGOV" in body and "USAGOV" in body and "120" in body and "REJECT" in body
        assert "https://news.example.org/story/1" in body
        assert f"/alerts/unsubscribe/{sub.token}" in body
    assert f"dyadwatch subscribe unsubscribe {sub.token}" in text


def test_article_text_cannot_inject_headers(alert_db, smtp_server, make_event, loopback_settings):
    _subscribe(alert_db, plover=[])
    evil = make_event(2, sentence="Mexico rejected it.\r\nBcc: victim@evil.example\r\n\r\n<script>x</script>",
                      source=Actor("MEXGOV", "Mexico\r\nBcc: victim@evil.example", "MEX", ["GOV"]),
                      plover_type="REJECT\nX-Injected: 1", url="javascript:alert(1)")
    alerter = Alerter(alert_db, loopback_settings(smtp_server))
    alerter.process([evil])
    assert alerter.deliver_due().sent == 1
    (rcpts, msg), = smtp_server.inbox.messages
    assert rcpts == ["analyst@example.org"]
    assert msg["Bcc"] is None and msg["X-Injected"] is None
    assert "\n" not in msg["Subject"] and "\r" not in msg["Subject"]
    page = msg.get_body(("html",)).get_content()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert 'href="javascript:' not in page


def test_wrong_password_is_a_failure_to_retry(alert_db, smtp_server, make_event, loopback_settings):
    _subscribe(alert_db)
    settings = loopback_settings(smtp_server)
    settings.smtp.password = "wrong"
    settings.smtp.timeout = 1  # the test server stalls a client after a failed login
    alerter = Alerter(alert_db, settings)
    alerter.process([make_event(3)])
    turn = alerter.deliver_due()
    assert (turn.sent, turn.failed) == (0, 1)
    assert "SMTP" in turn.errors[0]
    assert smtp_server.inbox.messages == []
    assert alert_db.counts()["pending"] == 1


def test_plain_connection_is_refused_by_a_server_that_requires_starttls(smtp_server):
    settings = smtp_server.settings()
    settings.starttls = False
    msg = build_message({"subscription": "s", "token": "t", "items": []}, "a@example.org",
                        settings, uid="u1")
    try:
        send_email(msg, settings)
    except smtplib.SMTPException:
        pass
    else:
        raise AssertionError("login without STARTTLS should have been refused")
    assert smtp_server.inbox.messages == []


def test_server_down_then_back_delivers_once(alert_db, smtp_server, make_event, loopback_settings):
    _subscribe(alert_db)
    alerter = Alerter(alert_db, loopback_settings(smtp_server))
    events = [make_event(4), make_event(5)]
    smtp_server.stop()
    alerter.process(events)
    now = time.time()
    turn = alerter.deliver_due(now)
    assert (turn.sent, turn.failed) == (0, 2)
    assert alerter.deliver_due(now).sent == 0  # not due again before the backoff

    smtp_server.start()
    alerter.process(events)  # the same events seen again (a re-ingest): nothing new queued
    assert alerter.deliver_due(now + 5).sent == 2
    assert alerter.deliver_due(now + 3600).sent == 0
    subjects = sorted(m["Subject"] for _, m in smtp_server.inbox.messages)
    assert len(subjects) == 2
    assert all(n.attempts == 2 and n.status == "sent" for n in alert_db.notices("sent"))


def test_a_sentence_coded_by_the_engine_reaches_the_inbox(alert_db, smtp_server,
                                                          loopback_settings):
    import dyadwatch

    _subscribe(alert_db)
    events = dyadwatch.code_text("The United States threatened Mexico with new tariffs on Monday.",
                                 date="2025-02-24", url="https://news.example.org/tariffs")
    alerter = Alerter(alert_db, loopback_settings(smtp_server))
    assert alerter.process(events)[1] == 1
    assert alerter.deliver_due().sent == 1
    (_, msg), = smtp_server.inbox.messages
    text = msg.get_body(("plain",)).get_content()
    assert "The United States threatened Mexico with new tariffs on Monday." in text
    assert "USAGOV" in text and "MEXGOV" in text and "THREATEN" in text
    assert "https://news.example.org/tariffs" in text
