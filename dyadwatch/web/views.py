"""What the pages and the REST API show, computed from Store calls only.

Both doors (HTML and JSON) call these functions, so a number on the dashboard is the
number the API returns. Summaries of a period (top event types, partners, movers) are
computed from at most `SAMPLE` newest matching mentions and say so when they are.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from dyadwatch.code.cameo import cameo_table
from dyadwatch.model import Event
from dyadwatch.store.base import EventFilter, Store
from dyadwatch.web.filters import Query

SAMPLE = 5000
QUAD_NAMES = {1: "Verbal cooperation", 2: "Material cooperation",
              3: "Verbal conflict", 4: "Material conflict"}
PERIODS = ("day", "week", "month")


def cameo_name(code: str) -> str:
    entry = cameo_table().get(code)
    return entry.name.capitalize() if entry else code


def list_events(store: Store, q: Query) -> dict[str, Any]:
    """One page of mentions and the total, as the API and the explorer show them."""
    events = store.events(q.flt, limit=q.limit, offset=q.offset, order=q.sort)
    return {"total": store.count_events(q.flt), "limit": q.limit, "offset": q.offset,
            "sort": q.sort, "events": [e.to_dict() for e in events]}


def _num(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else round(number, 4)


QUAD_COLUMNS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict",
                4: "material_conflict"}


def timeline(store: Store, a: str, b: str, by: str = "week", since: str | None = None,
             until: str | None = None) -> dict[str, Any]:
    """The dyad's time series, one list per direction (`MEX->USA`), ready to chart.

    Each point: period start, mention count, Goldstein mean and sum, and the count of each
    QuadClass (count x share, rounded), so stacked bars add up to the count.
    The store fills every period between since and until; we ask for the dyad's own span
    and cut it here, so `since=0001-01-01&by=day` cannot ask for a million empty days.
    """
    frame = store.timeline(a, b, by=by)
    directions: dict[str, list[dict[str, Any]]] = {f"{a}->{b}": [], f"{b}->{a}": []}
    first = _period_start(since, by) if since else ""
    for row in frame.to_dict("records"):
        period = str(row["period"])[:10]
        if period < first or (until and period > until):
            continue
        count = int(row["events"])
        point = {"period": period, "count": count,
                 "goldstein_mean": _num(row["goldstein_mean"]),
                 "goldstein_sum": _num(row["goldstein_sum"])}
        for quad, column in QUAD_COLUMNS.items():
            point[f"quad{quad}"] = round((_num(row[column]) or 0.0) * count)
        directions.setdefault(str(row["direction"]), []).append(point)
    return {"a": a, "b": b, "by": by, "since": since, "until": until,
            "directions": directions, "quad_names": QUAD_NAMES}


def _period_start(day: str, by: str) -> str:
    """The first day of the period (day, ISO week from Monday, month) that holds `day`."""
    d = date.fromisoformat(day)
    if by == "week":
        d -= timedelta(days=d.weekday())
    elif by == "month":
        d = d.replace(day=1)
    return d.isoformat()


def _sample(store: Store, flt: EventFilter) -> tuple[list[Event], int]:
    total = store.count_events(flt)
    return store.events(flt, limit=SAMPLE, order="date_desc"), total


def summary(store: Store, flt: EventFilter, top: int = 8) -> dict[str, Any]:
    """Counts per QuadClass, the top event types (CAMEO root, PLOVER) and actors of a set."""
    events, total = _sample(store, flt)
    roots = Counter(e.cameo_root for e in events)
    plover = Counter(e.plover_type for e in events if e.plover_type)
    actors: Counter[str] = Counter()
    for e in events:
        actors[e.source.code] += 1
        if e.target is not None:
            actors[e.target.code] += 1
    quads = Counter(e.quad_class for e in events)
    golds = [e.goldstein for e in events]
    return {
        "total": total, "sampled": len(events), "is_sample": total > len(events),
        "goldstein_mean": round(sum(golds) / len(golds), 3) if golds else None,
        "quad_classes": [{"quad_class": q, "name": QUAD_NAMES[q], "count": quads.get(q, 0)}
                         for q in (1, 2, 3, 4)],
        "cameo_roots": [{"code": c, "name": cameo_name(c), "count": n}
                        for c, n in roots.most_common(top)],
        "plover_types": [{"type": t, "count": n} for t, n in plover.most_common(top)],
        "actors": [{"code": c, "count": n} for c, n in actors.most_common(top)],
    }


def other_mentions(store: Store, event: Event, limit: int = 20) -> list[Event]:
    """Other mentions of the same happening: same source, target, CAMEO code and day."""
    target = event.target.code if event.target else None
    flt = EventFilter(source=event.source.code, target=target, cameo=[event.cameo],
                      since=event.date, until=event.date)
    found = store.events(flt, limit=limit + 50)
    same = [e for e in found if e.id != event.id and e.source.code == event.source.code
            and (e.target.code if e.target else None) == target and e.cameo == event.cameo]
    return same[:limit]


def _partner(event: Event, code: str) -> tuple[str, str | None] | None:
    """The other side of an event for actor `code`: (partner code, partner country)."""
    if event.source.code.startswith(code) and event.target is not None:
        other = event.target
    elif event.target is not None and event.target.code.startswith(code):
        other = event.source
    else:
        return None
    return other.code, other.country


def partners(store: Store, code: str, since: str | None = None, until: str | None = None,
             top: int = 25) -> dict[str, Any]:
    """An actor's partners: mentions, Goldstein mean, conflict share, and the trend
    (Goldstein mean of the newer half of the period against the older half); plus the
    Goldstein balance per partner country for the world map."""
    flt = EventFilter(actor=code, since=since, until=until)
    events, total = _sample(store, flt)
    dates = sorted(e.date for e in events if e.date)
    middle = dates[len(dates) // 2] if dates else None
    rows: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"count": 0, "gold": 0.0, "conflict": 0, "new": [], "old": [], "country": None})
    countries: dict[str, list[float]] = defaultdict(list)
    for e in events:
        found = _partner(e, code)
        if found is None:
            continue
        other, country = found
        row = rows[other]
        row["country"] = country
        row["count"] += 1
        row["gold"] += e.goldstein
        row["conflict"] += e.quad_class >= 3
        (row["new"] if middle and e.date and e.date >= middle else row["old"]).append(e.goldstein)
        if country:
            countries[country].append(e.goldstein)
    ranked = sorted(rows.items(), key=lambda kv: -kv[1]["count"])[:top]
    return {
        "actor": code, "since": since, "until": until, "total": total,
        "sampled": len(events), "is_sample": total > len(events),
        "partners": [_partner_row(other, row) for other, row in ranked],
        "countries": [{"country": c, "count": len(g), "goldstein_mean": round(sum(g) / len(g), 3)}
                      for c, g in sorted(countries.items())],
    }


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def _partner_row(other: str, row: dict[str, Any]) -> dict[str, Any]:
    new, old = _mean(row["new"]), _mean(row["old"])
    return {"code": other, "country": row["country"], "count": row["count"],
            "goldstein_mean": round(row["gold"] / row["count"], 3),
            "conflict_share": round(row["conflict"] / row["count"], 3),
            "trend": round(new - old, 3) if new is not None and old is not None else None}


def latest_date(store: Store) -> str | None:
    """The newest event date in the store."""
    newest = store.events(EventFilter(), limit=1, order="date_desc")
    return newest[0].date if newest else None


def movers(store: Store, days: int = 30, baseline_days: int = 180, top: int = 15,
           min_count: int = 3) -> dict[str, Any]:
    """The dyads whose conflict share moved most in the last `days` against the
    `baseline_days` before them (country to country, either direction folded)."""
    end = latest_date(store)
    if end is None:
        return {"until": None, "dyads": []}
    last_start = date.fromisoformat(end) - timedelta(days=days - 1)
    base_start = last_start - timedelta(days=baseline_days)
    recent, _ = _sample(store, EventFilter(since=last_start.isoformat(), until=end))
    base, _ = _sample(store, EventFilter(since=base_start.isoformat(),
                                         until=(last_start - timedelta(days=1)).isoformat()))
    now_share, then_share = _conflict_shares(recent), _conflict_shares(base)
    rows = []
    for dyad, (n, share) in now_share.items():
        if n < min_count:
            continue
        base_n, base_share = then_share.get(dyad, (0, None))
        change = share - base_share if base_share is not None else None
        rows.append({"a": dyad[0], "b": dyad[1], "count": n, "conflict_share": round(share, 3),
                     "baseline_count": base_n,
                     "baseline_share": None if base_share is None else round(base_share, 3),
                     "change": None if change is None else round(change, 3)})
    rows.sort(key=lambda r: (-(abs(r["change"]) if r["change"] is not None else -1), -r["count"]))
    return {"since": last_start.isoformat(), "until": end,
            "baseline_since": base_start.isoformat(), "dyads": rows[:top]}


def _conflict_shares(events: list[Event]) -> dict[tuple[str, str], tuple[int, float]]:
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for e in events:
        a = e.source.country
        b = e.target.country if e.target else None
        if not a or not b or a == b:
            continue
        pair = (a, b) if a < b else (b, a)
        counts[pair][0] += 1
        counts[pair][1] += e.quad_class >= 3
    return {pair: (n, c / n) for pair, (n, c) in counts.items()}


def dyads(store: Store, since: str | None = None, until: str | None = None,
          top: int = 50) -> dict[str, Any]:
    """The busiest country dyads of a period (either direction folded)."""
    events, total = _sample(store, EventFilter(since=since, until=until))
    shares = _conflict_shares(events)
    ranked = sorted(shares.items(), key=lambda kv: -kv[1][0])[:top]
    return {"since": since, "until": until, "total": total, "is_sample": total > len(events),
            "dyads": [{"a": a, "b": b, "count": n, "conflict_share": round(s, 3)}
                      for (a, b), (n, s) in ranked]}


def narrow(flt: EventFilter, since: str | None, until: str | None) -> EventFilter:
    """A copy of `flt` limited to a period (brushing on a chart)."""
    return replace(flt, since=since or flt.since, until=until or flt.until)
