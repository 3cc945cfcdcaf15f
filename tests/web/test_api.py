"""The REST API over a real DuckDB store of coded test articles: what a user gets back."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import date

import pytest

from dyadwatch.model import Event
from tests.web.articles import STORIES


def all_events(coded) -> list[Event]:
    return [e for c in coded for e in c.events]


def in_dyad(e: Event, a: str, b: str) -> bool:
    t = e.target.code if e.target else ""
    return ((e.source.code.startswith(a) and t.startswith(b))
            or (e.source.code.startswith(b) and t.startswith(a)))


def test_stats_count_what_was_stored(client, coded):
    stats = client.get("/api/stats").json()
    assert stats["articles"] == len(STORIES)
    assert stats["mentions"] == len(all_events(coded))


def test_events_filtered_by_dyad_in_both_directions(client, coded):
    expected = {e.id for e in all_events(coded) if in_dyad(e, "MEX", "USA")}
    body = client.get("/api/events", params={"dyad": "MEX-USA", "either_direction": "true",
                                             "limit": 500}).json()
    assert body["total"] == len(expected)
    assert {e["id"] for e in body["events"]} == expected


def test_pages_cover_the_set_once_and_sorts_hold(client, coded):
    total = len(all_events(coded))
    seen: list[str] = []
    for offset in range(0, total, 4):
        page = client.get("/api/events", params={"limit": 4, "offset": offset,
                                                 "sort": "goldstein_asc"}).json()
        seen += [e["id"] for e in page["events"]]
        golds = [e["goldstein"] for e in page["events"]]
        assert golds == sorted(golds)
    assert len(seen) == len(set(seen)) == total
    dates = [e["date"] for e in client.get("/api/events", params={"sort": "date_asc",
                                                                  "limit": 500}).json()["events"]]
    assert dates == sorted(dates)


def test_plover_quad_goldstein_and_text_filters(client, coded):
    events = all_events(coded)
    rejects = client.get("/api/events", params={"plover": "REJECT", "limit": 500}).json()
    assert rejects["total"] == sum(e.plover_type == "REJECT" for e in events) > 0
    conflict = client.get("/api/events", params={"quad_class": "3,4", "goldstein_max": "-2",
                                                 "limit": 500}).json()
    assert conflict["total"] == sum(e.quad_class >= 3 and e.goldstein <= -2 for e in events)
    tariffs = client.get("/api/events", params={"text": "TARIFFS", "limit": 500}).json()
    assert tariffs["total"] == sum("tariffs" in e.sentence.lower() for e in events) > 0


@pytest.mark.parametrize("params, named", [
    ({"quad_class": "7"}, "quad_class"), ({"since": "last tuesday"}, "since"),
    ({"dyad": "MEX"}, "dyad"), ({"cameo_root": "x1"}, "cameo_root"),
    ({"goldstein_min": "11"}, "goldstein_min"), ({"modality": "maybe"}, "modality"),
    ({"sort": "random"}, "sort"), ({"limit": "0"}, "limit"),
])
def test_a_bad_filter_is_a_clear_422(client, params, named):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert named in response.text


def test_event_detail_lists_other_mentions_of_the_same_happening(client, coded):
    events = all_events(coded)
    key = Counter((e.source.code, e.target.code if e.target else None, e.cameo, e.date)
                  for e in events)
    repeated = next(e for e in events if key[(e.source.code, e.target.code if e.target else None,
                                               e.cameo, e.date)] > 1)
    body = client.get(f"/api/events/{repeated.id}").json()
    assert body["event"]["id"] == repeated.id
    assert body["article"]["title"]
    others = body["other_mentions"]
    assert others and all(o["id"] != repeated.id and o["cameo"] == repeated.cameo
                          and o["date"] == repeated.date for o in others)
    assert client.get("/api/events/nope-0-0").status_code == 404


def month_counts(coded, a: str, b: str) -> dict[str, Counter]:
    counts: dict[str, Counter] = {f"{a}->{b}": Counter(), f"{b}->{a}": Counter()}
    for e in all_events(coded):
        if e.target is None:
            continue
        for src, tgt in ((a, b), (b, a)):
            if e.source.code.startswith(src) and e.target.code.startswith(tgt):
                counts[f"{src}->{tgt}"][e.date[:7] + "-01"] += 1
    return counts


def test_timeline_counts_per_month_and_direction(client, coded):
    body = client.get("/api/dyads/MEX/USA/timeline", params={"by": "month"}).json()
    expected = month_counts(coded, "MEX", "USA")
    for direction, points in body["directions"].items():
        got = {p["period"]: p["count"] for p in points if p["count"]}
        assert got == dict(expected[direction])
        for p in points:
            assert sum(p[f"quad{q}"] for q in (1, 2, 3, 4)) == p["count"]


def test_summary_and_actor_partners(client, coded):
    summary = client.get("/api/dyads/MEX/USA/summary",
                         params={"since": "2025-02-01", "until": "2025-02-28"}).json()
    feb = [e for e in all_events(coded) if in_dyad(e, "MEX", "USA") and e.date[:7] == "2025-02"]
    assert summary["total"] == len(feb)
    assert summary["cameo_roots"][0]["count"] == Counter(e.cameo_root for e in feb).most_common(1)[0][1]
    actor = client.get("/api/actors/MEX").json()
    assert actor["partners"][0]["code"].startswith("USA")
    assert {c["country"] for c in actor["countries"]} == {"USA"}


def test_movers_rank_dyads_by_change_in_conflict_share(client):
    body = client.get("/api/movers", params={"days": 30, "baseline_days": 90}).json()
    assert body["until"] == max(s[0] for s in STORIES)
    changes = [abs(d["change"]) for d in body["dyads"] if d["change"] is not None]
    assert changes == sorted(changes, reverse=True) and changes


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "gdelt"])
def test_export_is_exactly_the_filtered_set(client, fmt):
    filters = {"dyad": "MEX-USA", "either_direction": "true", "quad_class": "3,4"}
    shown = client.get("/api/events", params={**filters, "limit": 500}).json()
    response = client.get("/api/export", params={**filters, "format": fmt})
    assert response.status_code == 200
    text = response.text
    if fmt == "csv":
        ids = [row["id"] for row in csv.DictReader(io.StringIO(text))]
    elif fmt == "jsonl":
        ids = [json.loads(line)["id"] for line in text.splitlines()]
    else:
        rows = [line.split("\t") for line in text.splitlines()]
        assert all(len(r) == 61 for r in rows)
        assert len(rows) == shown["total"]
        return
    assert sorted(ids) == sorted(e["id"] for e in shown["events"])


def test_article_with_its_events(client, coded):
    first = coded[0]
    body = client.get(f"/api/articles/{first.article.id}").json()
    assert body["article"]["text"] == first.article.text
    assert [e["id"] for e in body["events"]] == [e.id for e in first.events]
    assert client.get("/api/articles/missing").status_code == 404


def test_read_only_without_a_token(client):
    response = client.post("/api/articles", json={"text": "Mexico rejected the US proposal."})
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


def test_writes_need_the_token(tmp_path):
    from fastapi.testclient import TestClient

    from dyadwatch.web import create_app

    app = create_app(str(tmp_path / "w.duckdb"), token="s3cret-token")
    with TestClient(app) as c:
        story = {"text": "Mexico rejected the US proposal.", "title": "No",
                 "published": date(2025, 4, 1).isoformat()}
        assert c.post("/api/articles", json=story).status_code == 401
        wrong = {"Authorization": "Bearer guess"}
        assert c.post("/api/articles", json=story, headers=wrong).status_code == 401
        ok = c.post("/api/articles", json=story, headers={"Authorization": "Bearer s3cret-token"})
        assert ok.status_code == 201 and ok.json()["events"] >= 1
        listed = c.get("/api/events", params={"article_id": ok.json()["article_id"]}).json()
        assert listed["total"] == ok.json()["events"]
        assert listed["events"][0]["date"] == "2025-04-01"


def test_openapi_schema_lists_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/dyads/{a}/{b}/timeline", "/api/actors/{code}",
                 "/api/articles/{article_id}", "/api/export", "/api/movers"):
        assert path in paths
    params = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {"dyad", "plover", "quad_class", "since", "text", "limit", "offset", "sort"} <= params
