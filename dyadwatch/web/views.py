"""What the pages and the REST API show, computed from Store calls only.

Both doors (HTML and JSON) call these functions, so a number on the dashboard is the
number the API returns. Summaries of a period (top event types, partners, movers) are
computed from at most `SAMPLE` newest stored matching mentions and say so when they are
a sample.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pandas as pd

from dyadwatch.code.cameo import cameo_table
from dyadwatch.model import Event
from dyadwatch.store.base import EventFilter, Store
from dyadwatch.web.filters import Query

SAMPLE = 5000
COUNT_CAP = 10_000
CACHE_SECONDS = 60.0
QUAD_NAMES = {1: "Verbal cooperation", 2: "Material cooperation",
              3: "Verbal conflict", 4: "Material conflict"}
PERIODS = ("day", "week", "month")


def cameo_name(code: str) -> str:
    entry = cameo_table().get(code)
    return entry.name.capitalize() if entry else code


def list_events(store: Store, q: Query) -> dict[str, Any]:
    """One page of mentions and the total, as the API and the explorer show them.

    A text search counts at most COUNT_CAP matches (`total_capped` then says the total is
    a floor): on a big store an exact count would read every sentence."""
    events = store.events(q.flt, limit=q.limit, offset=q.offset, order=q.sort)
    if q.flt.text:
        total = store.count_events(q.flt, at_most=COUNT_CAP)
        capped = total >= COUNT_CAP
    else:
        total, capped = store.count_events(q.flt), False
    return {"total": total, "total_capped": capped, "limit": q.limit, "offset": q.offset,
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


COLUMNS = ["source_code", "target_code", "source_country", "target_country", "goldstein",
           "quad_class", "cameo_root", "plover_type", "date"]


def _frame(store: Store, flt: EventFilter,
           total: int | None = None) -> tuple[pd.DataFrame, int]:
    """The newest stored SAMPLE matching mentions as a small table, and how many match
    (`total` when the caller has counted them already).

    `stored_desc` is a top-N on the store's sequence: no sort of every matching mention,
    and only the columns a summary needs are read (no Event objects), so a summary of a
    busy actor on a 10-million-event store stays quick.
    """
    if total is None:
        total = store.count_events(flt)
    if not total:
        return pd.DataFrame(columns=COLUMNS), 0
    return store.event_frame(flt, COLUMNS, limit=SAMPLE, order="stored_desc"), total


def _sampled(frame: pd.DataFrame, total: int) -> dict[str, Any]:
    return {"total": total, "sampled": len(frame), "is_sample": total > len(frame)}


def _top(series: pd.Series, top: int) -> list[tuple[Any, int]]:
    counts = series.dropna().value_counts()
    counts = counts[counts.index != ""]
    return [(k, int(n)) for k, n in counts.sort_index().sort_values(
        ascending=False, kind="stable").head(top).items()]


def summary(store: Store, flt: EventFilter, top: int = 8,
            total: int | None = None) -> dict[str, Any]:
    """Counts per QuadClass, the top event types (CAMEO root, PLOVER) and actors of a set
    (`total`: its size, when the caller knows it)."""
    frame, total = _frame(store, flt, total)
    quads = frame["quad_class"].value_counts()
    actors = pd.concat([frame["source_code"], frame["target_code"]])
    return {
        **_sampled(frame, total),
        "goldstein_mean": round(float(frame["goldstein"].mean()), 3) if len(frame) else None,
        "quad_classes": [{"quad_class": q, "name": QUAD_NAMES[q], "count": int(quads.get(q, 0))}
                         for q in (1, 2, 3, 4)],
        "cameo_roots": [{"code": c, "name": cameo_name(c), "count": n}
                        for c, n in _top(frame["cameo_root"], top)],
        "plover_types": [{"type": t, "count": n} for t, n in _top(frame["plover_type"], top)],
        "actors": [{"code": c, "count": n} for c, n in _top(actors, top)],
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


def partners(store: Store, code: str, since: str | None = None, until: str | None = None,
             top: int = 25) -> dict[str, Any]:
    """An actor's partners: mentions, Goldstein mean, conflict share, and the trend
    (Goldstein mean of the newer half of the period minus the older half); plus the
    Goldstein mean per partner country for the world map."""
    frame, total = _frame(store, EventFilter(actor=code, since=since, until=until))
    frame = frame[frame["target_code"].notna()]
    as_source = frame["source_code"].str.startswith(code)
    pairs = pd.DataFrame({
        "code": frame["target_code"].where(as_source, frame["source_code"]),
        "country": frame["target_country"].where(as_source, frame["source_country"]),
        "goldstein": frame["goldstein"], "conflict": frame["quad_class"] >= 3,
        "date": frame["date"]})
    middle = pairs["date"].sort_values().iloc[len(pairs) // 2] if len(pairs) else ""
    pairs["newer"] = pairs["date"] >= middle
    grouped = pairs.groupby("code", sort=True)
    table = pd.DataFrame({"country": grouped["country"].first(), "count": grouped.size(),
                          "gold": grouped["goldstein"].mean(),
                          "conflict": grouped["conflict"].mean()})
    halves = pairs.groupby(["code", "newer"])["goldstein"].mean().unstack()
    table["trend"] = halves.get(True) - halves.get(False) if len(halves.columns) == 2 else None
    table = table.sort_values("count", ascending=False, kind="stable").head(top)
    rows = [{"code": other, "country": None if pd.isna(r["country"]) else r["country"],
             "count": int(r["count"]),
             "goldstein_mean": round(float(r["gold"]), 3),
             "conflict_share": round(float(r["conflict"]), 3),
             "trend": None if pd.isna(r["trend"]) else round(float(r["trend"]), 3)}
            for other, r in table.iterrows()]
    by_country = pairs.dropna(subset=["country"]).groupby("country")["goldstein"]
    return {
        "actor": code, "since": since, "until": until, **_sampled(frame, total),
        "partners": rows,
        "countries": [{"country": c, "count": int(n), "goldstein_mean": round(float(m), 3)}
                      for (c, n), m in zip(by_country.size().items(), by_country.mean())],
    }


def cached(function: Callable[..., Any]) -> Callable[..., Any]:
    """Keep a store-wide figure for CACHE_SECONDS: the overview asks for the same movers
    on every visit, and on a big store they take a scan to compute."""
    memo: dict[tuple[Any, ...], tuple[float, Any]] = {}

    def wrapper(store: Store, *args: Any, **kwargs: Any) -> Any:
        key = (id(store), args, tuple(sorted(kwargs.items())))
        hit = memo.get(key)
        if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
            return hit[1]
        value = function(store, *args, **kwargs)
        if len(memo) > 64:
            memo.clear()
        memo[key] = (time.monotonic(), value)
        return value

    wrapper.__doc__ = function.__doc__
    return wrapper


@cached
def overview_counts(store: Store) -> dict[str, Any]:
    """What the overview shows at the top: cheap counts only (no distinct counts over a
    big store on every visit; `dyadwatch stats` has the full figures)."""
    return {"mentions": store.count_events(), "latest date": latest_date(store)}


def latest_date(store: Store) -> str | None:
    """The newest event date in the store."""
    return store.date_span()[1]


@cached
def movers(store: Store, days: int = 30, baseline_days: int = 180, top: int = 15,
           min_count: int = 3) -> dict[str, Any]:
    """The country dyads whose conflict share moved most in the last `days` against the
    `baseline_days` before them (either direction folded). Cached for CACHE_SECONDS."""
    end = latest_date(store)
    if end is None:
        return {"until": None, "dyads": []}
    last_start = date.fromisoformat(end) - timedelta(days=days - 1)
    base_start = last_start - timedelta(days=baseline_days)
    recent, _ = _frame(store, EventFilter(since=last_start.isoformat(), until=end))
    base, _ = _frame(store, EventFilter(since=base_start.isoformat(),
                                        until=(last_start - timedelta(days=1)).isoformat()))
    now, then = _conflict_shares(recent), _conflict_shares(base)
    table = now.merge(then, how="left", left_index=True, right_index=True,
                      suffixes=("", "_base"))
    table = table[table["count"] >= min_count]
    table["change"] = table["share"] - table["share_base"]
    table = table.assign(order=table["change"].abs().fillna(-1)).sort_values(
        ["order", "count"], ascending=False)
    rows = [{"a": a, "b": b, "count": int(r["count"]), "conflict_share": round(r["share"], 3),
             "baseline_count": 0 if pd.isna(r["count_base"]) else int(r["count_base"]),
             "baseline_share": None if pd.isna(r["share_base"]) else round(r["share_base"], 3),
             "change": None if pd.isna(r["change"]) else round(r["change"], 3)}
            for (a, b), r in table.head(top).iterrows()]
    return {"since": last_start.isoformat(), "until": end,
            "baseline_since": base_start.isoformat(), "dyads": rows}


def _conflict_shares(frame: pd.DataFrame) -> pd.DataFrame:
    """Per country pair (alphabetical, either direction): mentions and conflict share."""
    both = frame.dropna(subset=["source_country", "target_country"])
    both = both[both["source_country"] != both["target_country"]]
    a = both[["source_country", "target_country"]].min(axis=1)
    b = both[["source_country", "target_country"]].max(axis=1)
    grouped = (both["quad_class"] >= 3).groupby([a.rename("a"), b.rename("b")])
    return pd.DataFrame({"count": grouped.size(), "share": grouped.mean()})


def dyads(store: Store, since: str | None = None, until: str | None = None,
          top: int = 50) -> dict[str, Any]:
    """The busiest country dyads of a period (either direction folded)."""
    frame, total = _frame(store, EventFilter(since=since, until=until))
    shares = _conflict_shares(frame).sort_values("count", ascending=False, kind="stable")
    return {"since": since, "until": until, **_sampled(frame, total),
            "dyads": [{"a": a, "b": b, "count": int(r["count"]),
                       "conflict_share": round(r["share"], 3)}
                      for (a, b), r in shares.head(top).iterrows()]}
