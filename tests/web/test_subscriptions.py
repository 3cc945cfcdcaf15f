"""Subscriptions through the REST API (token required), on the dashboard, and the
unsubscribe link of every notice."""

from __future__ import annotations

import pytest

TOKEN = {"Authorization": "Bearer s3cret-token"}


@pytest.fixture()
def web(tmp_path):
    from fastapi.testclient import TestClient

    from dyadwatch.web import create_app

    app = create_app(str(tmp_path / "subs.duckdb"), token="s3cret-token")
    with TestClient(app) as c:
        yield c, tmp_path


def test_add_list_pause_and_remove_need_the_token(web):
    c, _ = web
    rule = {"name": "mex-usa", "dyad": ["MEX", "USA"], "either_direction": True,
            "plover": ["REJECT", "THREATEN"], "email": ["analyst@example.org"]}
    assert c.post("/api/subscriptions", json=rule).status_code == 401
    assert c.get("/api/subscriptions").status_code == 401
    made = c.post("/api/subscriptions", json=rule, headers=TOKEN)
    assert made.status_code == 201
    body = made.json()
    assert body["name"] == "mex-usa" and body["plover"] == ["REJECT", "THREATEN"]
    assert "token" not in body and "webhook_secret" not in body
    assert c.post("/api/subscriptions", json=rule, headers=TOKEN).status_code == 409
    assert [s["name"] for s in c.get("/api/subscriptions", headers=TOKEN).json()] == ["mex-usa"]
    paused = c.post("/api/subscriptions/mex-usa/pause", headers=TOKEN).json()
    assert paused["paused"] is True
    assert c.post("/api/subscriptions/mex-usa/resume", headers=TOKEN).json()["paused"] is False
    assert c.delete("/api/subscriptions/mex-usa", headers=TOKEN).status_code == 200
    assert c.delete("/api/subscriptions/mex-usa", headers=TOKEN).status_code == 404


def test_bad_rules_and_private_webhooks_are_refused(web):
    c, _ = web
    private = {"name": "hook", "country": ["MEX"], "webhook": "http://127.0.0.1:9/x"}
    refused = c.post("/api/subscriptions", json=private, headers=TOKEN)
    assert refused.status_code == 400 and "127.0.0.1" in refused.json()["detail"]
    bad = c.post("/api/subscriptions", json={"name": "x", "plover": ["NOPE"],
                                              "email": ["a@example.org"]}, headers=TOKEN)
    assert bad.status_code == 400


def test_dashboard_lists_rules_without_addresses(web):
    c, _ = web
    made = c.post("/api/subscriptions", headers=TOKEN,
                  json={"name": "weekly-mex", "country": ["MEX"], "digest": "weekly",
                        "email": ["secret.person@example.org"]})
    assert made.status_code == 201, made.text
    page = c.get("/subscriptions").text
    assert "weekly-mex" in page and "MEX" in page and "email" in page
    assert "secret.person" not in page


def test_unsubscribe_link_asks_then_removes(web):
    c, tmp_path = web
    from dyadwatch.alerts import AlertDB

    c.post("/api/subscriptions", headers=TOKEN,
           json={"name": "daily", "country": ["USA"], "email": ["a@example.org"]})
    token = AlertDB(tmp_path / "subs.duckdb.alerts.sqlite").get_subscription("daily").token
    form = c.get(f"/alerts/unsubscribe/{token}")
    assert form.status_code == 200 and 'method="post"' in form.text
    done = c.post(f"/alerts/unsubscribe/{token}")
    assert done.status_code == 200 and "daily" in done.text
    assert c.get("/api/subscriptions", headers=TOKEN).json() == []
    assert c.post(f"/alerts/unsubscribe/{token}").status_code == 404
