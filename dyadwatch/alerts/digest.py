"""Digests: matches collected over an hour, a day or a week, sent as one notice.

Periods are calendar periods in UTC (hour, day, ISO week). When `flush_digests` sees that
a subscription's period has changed, it queues one notice with every item collected so
far and starts the new period, in one transaction: an item is in exactly one digest.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone

from dyadwatch.alerts.outbox import AlertDB


def period_of(when: float, digest: str) -> str:
    """The period label a moment falls in: `2025-02-22T14`, `2025-02-22` or `2025-W08`."""
    t = datetime.fromtimestamp(when, tz=timezone.utc)
    if digest == "hourly":
        return t.strftime("%Y-%m-%dT%H")
    if digest == "daily":
        return t.strftime("%Y-%m-%d")
    if digest == "weekly":
        year, week, _ = t.isocalendar()
        return f"{year}-W{week:02d}"
    raise ValueError(f"not a digest period: {digest}")


def flush_digests(db: AlertDB, now: float | None = None) -> int:
    """Queue the digest of every subscription whose period has ended; returns how many."""
    now = time.time() if now is None else now
    queued = 0
    for sub in db.subscriptions(include_paused=False):
        if sub.digest == "instant":
            continue
        current = period_of(now, sub.digest)
        started = db.digest_period(sub.name)
        if started == current:
            continue
        items = db.digest_items(sub.name) if started else []
        payload = None
        if items:
            payload = {"kind": "digest", "period": started, "items": [it for _, it in items]}
            queued += 1
        db.close_digest(sub, current, payload, [key for key, _ in items], now)
    return queued
