"""Spike rules: the dyad's daily conflict share, compared with its own 90-day baseline.

Conflict share of a day = events with QuadClass 3 or 4 (verbal or material conflict) /
all events of the dyad that day. A day is a spike when its share is at least `sigma`
standard deviations above the mean share of the 90 days before it. Days without events
have no share and are left out of the baseline. Two guards keep noise out: the baseline
needs `MIN_BASELINE_DAYS` days with events, and its standard deviation is floored at
`SD_FLOOR`, so that a quiet, flat relationship does not call one event a spike.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from dyadwatch.model import Event

BASELINE_DAYS = 90
MIN_BASELINE_DAYS = 7
MIN_DAY_EVENTS = 3
SD_FLOOR = 0.05


@dataclass
class DayCount:
    events: int = 0
    conflict: int = 0

    @property
    def share(self) -> float:
        return self.conflict / self.events if self.events else 0.0


@dataclass
class Spike:
    dyad: str
    day: str
    events: int
    conflict: int
    share: float
    baseline_mean: float
    baseline_sd: float
    sigma: float  # how many baseline sd the day's share is above the mean

    def to_item(self) -> dict[str, object]:
        return {"kind": "spike", **self.__dict__}


def daily_counts(events: Iterable[Event]) -> dict[str, DayCount]:
    """Events and conflict events per day (YYYY-MM-DD); events without a date are skipped."""
    days: dict[str, DayCount] = {}
    for e in events:
        if not e.date:
            continue
        day = days.setdefault(e.date[:10], DayCount())
        day.events += 1
        day.conflict += e.quad_class in (3, 4)
    return days


def spike_on(days: dict[str, DayCount], day: str, sigma: float, dyad: str) -> Spike | None:
    """The spike on `day` if its conflict share clears the baseline by `sigma` sd."""
    today = days.get(day)
    if today is None or today.events < MIN_DAY_EVENTS:
        return None
    first = (date.fromisoformat(day) - timedelta(days=BASELINE_DAYS)).isoformat()
    shares = [c.share for d, c in days.items() if first <= d < day]
    if len(shares) < MIN_BASELINE_DAYS:
        return None
    mean = statistics.fmean(shares)
    sd = max(statistics.pstdev(shares), SD_FLOOR)
    score = (today.share - mean) / sd
    if score < sigma:
        return None
    return Spike(dyad=dyad, day=day, events=today.events, conflict=today.conflict,
                 share=today.share, baseline_mean=mean, baseline_sd=sd, sigma=score)


def latest_spike(events: Iterable[Event], sigma: float, dyad: str) -> Spike | None:
    """Test the most recent day that has events (the day new events arrive on)."""
    days = daily_counts(events)
    return spike_on(days, max(days), sigma, dyad) if days else None
