"""The dashboard in real headless Chromium (Debian's package, driven by Playwright).

Each test loads a page from a real uvicorn server over a real DuckDB store of coded test
articles, acts like a user, and checks what is on screen. Screenshots of each page are
kept under docs/screenshots/ for the README.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.web.articles import SCRIPT_TITLE

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def dyad_events(coded, a="MEX", b="USA"):
    def side(code, prefix):
        return code is not None and code.startswith(prefix)
    return [e for c in coded for e in c.events
            if (side(e.source.code, a) and side(e.target and e.target.code, b))
            or (side(e.source.code, b) and side(e.target and e.target.code, a))]


def test_overview_lists_the_dyads_that_moved(page, server):
    page.goto(server + "/")
    rows = page.locator("#movers tbody tr")
    movers = page.request.get(server + "/api/movers").json()["dyads"]
    assert rows.count() == len(movers) >= 1
    assert "MEX – USA" in page.locator("#movers").inner_text()
    first = movers[0]
    assert rows.first.inner_text().startswith(f"{first['a']} – {first['b']}")
    shot(page, "overview")
    assert page.problems == []


def test_dyad_timeline_has_the_expected_points_and_brushing_zooms(page, server, coded):
    page.goto(server + "/dyad/MEX/USA?by=month")
    page.wait_for_selector("#timeline[data-rendered='true']")
    traces = page.evaluate("""() => document.getElementById('timeline').data.map(
        t => ({name: t.name, type: t.type, yaxis: t.yaxis, x: t.x, y: t.y}))""")
    bars = [t for t in traces if t["type"] == "bar"]
    months: dict[str, Counter] = {"y": Counter(), "y2": Counter()}
    for t in bars:
        for x, y in zip(t["x"], t["y"]):
            months[t["yaxis"]][x] += y
    expected = {"y": Counter(), "y2": Counter()}
    for e in dyad_events(coded):
        expected["y" if e.source.code.startswith("MEX") else "y2"][e.date[:7] + "-01"] += 1
    assert {k: +v for k, v in months.items()} == {k: +v for k, v in expected.items()}
    lines = [t for t in traces if t["type"] == "scatter"]
    assert len(lines) == 2 and all(len(t["x"]) == 3 for t in lines)
    shot(page, "dyad")

    # Brush: drag across the middle of the chart to zoom into part of the period.
    box = page.locator("#timeline .nsewdrag").first.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.4, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=8)
    page.mouse.up()
    page.wait_for_function("() => document.getElementById('timeline').dataset.period")
    since, until = page.evaluate("() => document.getElementById('timeline').dataset.period").split(
        "..")
    assert "2025-01-01" < since < until < "2025-03-31"
    assert f"since={since}" in page.url
    page.wait_for_function(
        "([a, b]) => [...document.querySelectorAll('#events-table td.date')].every("
        "td => td.textContent >= a && td.textContent <= b)", arg=[since, until])
    inside = [e for e in dyad_events(coded) if since <= e.date <= until]
    assert page.locator("#summary-note").inner_text().startswith(f"{len(inside)} events")
    assert page.problems == []


def test_explorer_filters_live_in_the_url_and_export_matches(page, server, coded):
    page.goto(server + "/events")
    page.fill("input[name=dyad]", "MEX-USA")
    page.check("input[name=either_direction]")
    page.fill("input[name=plover]", "REJECT")
    page.click("#filters button[type=submit]")
    page.wait_for_load_state()
    assert "plover=REJECT" in page.url and "dyad=MEX-USA" in page.url
    expected = [e for e in dyad_events(coded) if e.plover_type == "REJECT"]
    assert page.locator("#total").inner_text() == str(len(expected))
    rows = page.locator("#events-table tbody tr")
    assert rows.count() == len(expected)
    assert all("REJECT" in rows.nth(i).inner_text() for i in range(rows.count()))
    href = page.get_attribute("#export-csv", "href")
    csv_text = page.request.get(server + href).text()
    assert len(csv_text.strip().splitlines()) == len(expected) + 1
    shot(page, "events")
    page.goto(page.url)  # the link alone restores the view
    assert page.input_value("input[name=plover]") == "REJECT"
    assert page.problems == []


def test_open_an_event_and_see_its_evidence_highlighted(page, server, coded):
    page.goto(server + "/events?dyad=MEX-USA&plover=REJECT")
    page.locator("#events-table a.event-link").first.click()
    page.wait_for_selector("#evidence")
    event_id = page.url.rsplit("/", 1)[1]
    event = next(e for c in coded for e in c.events if e.id == event_id)
    marks = {m.get_attribute("data-role"): m.inner_text()
             for m in page.locator("#evidence mark").all()}
    assert marks == {"source": event.evidence.source.text, "verb": event.evidence.verb.text,
                     "target": event.evidence.target.text}
    colour = page.eval_on_selector("#evidence mark.verb", "m => getComputedStyle(m).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator("#rule").inner_text() == event.evidence.rule
    assert page.locator("#modality").inner_text() == event.modality
    assert page.locator("#other-mentions li").count() >= 1  # the same rejection, another outlet
    shot(page, "event")
    page.click("#article-link")
    page.wait_for_selector("#article-text a.coded")
    assert page.locator("#article-text a.coded").count() >= 1
    assert page.problems == []


def test_a_script_title_stays_inert(page, server, coded):
    story = next(c for c in coded if c.article.title == SCRIPT_TITLE)
    page.goto(server + f"/article/{story.article.id}")
    assert page.locator("#article-title").inner_text() == SCRIPT_TITLE
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#article-text img").count() == 0
    shot(page, "article")
    page.goto(server + f"/event/{story.events[-1].id}")
    assert page.evaluate("() => window.__pwned") is None
    assert page.problems == []


def test_actor_page_draws_the_world_map_offline(page, server):
    page.goto(server + "/actor/MEX")
    page.wait_for_selector("#map[data-rendered='true']")
    assert page.get_attribute("#map", "data-countries") == "1"
    assert page.locator("#map path.choroplethlocation").count() > 150
    assert "USA" in page.locator("#partners").inner_text()
    shot(page, "actor")
    assert page.problems == []  # no request left the server: no CDN, no topojson


def test_phone_width_has_no_sideways_page_scroll(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = context.new_page()
    pg.goto(server + "/dyad/MEX/USA")
    pg.wait_for_selector("#timeline[data-rendered='true']")
    width = pg.evaluate("() => document.documentElement.scrollWidth")
    shot(pg, "dyad-phone")
    context.close()
    assert width <= 390
