"""The alert loop: new events -> matches -> ledger/outbox -> delivery, plus spikes and digests.

`Alerter.run_once(store)` is one turn of it (what `watch` calls after each poll): read the
mentions stored since the saved cursor, queue notices for new matches, test spike rules
for the dyads that moved, close digests whose period ended, and deliver what is due.
The cursor is saved only after the matches of a batch are in the ledger, so a crash
repeats a batch (which the ledger makes harmless) rather than skipping one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dyadwatch.alerts.config import AlertSettings
from dyadwatch.alerts.digest import flush_digests
from dyadwatch.alerts.email import build_message, send_email
from dyadwatch.alerts.matcher import Matcher, matches
from dyadwatch.alerts.outbox import AlertDB, Notice
from dyadwatch.alerts.rules import Subscription
from dyadwatch.alerts.spike import BASELINE_DAYS, latest_spike
from dyadwatch.alerts.webhook import make_client, post_webhook
from dyadwatch.errors import UnsafeURLError
from dyadwatch.model import Event

log = logging.getLogger("dyadwatch.alerts")
CURSOR_KEY = "store_cursor"


def event_item(e: Event) -> dict[str, Any]:
    """What a notice says about one event: evidence sentence, actors, codes, link."""
    from dyadwatch.code.cameo import cameo_table

    entry = cameo_table().get(e.cameo)

    def actor(a: Any) -> dict[str, Any] | None:
        return {"code": a.code, "name": a.name, "country": a.country} if a else None

    return {
        "kind": "event", "id": e.id, "article_id": e.article_id, "date": e.date,
        "sentence": e.sentence, "source": actor(e.source), "target": actor(e.target),
        "cameo": e.cameo, "cameo_name": entry.name if entry else None,
        "cameo_root": e.cameo_root, "plover_type": e.plover_type, "quad_class": e.quad_class,
        "goldstein": e.goldstein, "modality": e.modality, "negated": e.negated,
        "rule": e.evidence.rule if e.evidence else None, "url": e.url, "outlet": e.outlet,
    }


def happening_key(e: Event) -> str:
    """Mentions of one happening share source, target, CAMEO code and day (as GDELT)."""
    return f"{e.source.code}|{e.target.code if e.target else ''}|{e.cameo}|{e.date or ''}"


@dataclass
class Turn:
    """What one `run_once` did, for logs and `watch` output."""

    events: int = 0
    matched: int = 0
    queued: int = 0
    spikes: int = 0
    digests: int = 0
    sent: int = 0
    failed: int = 0
    dead: int = 0
    errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"{self.events} new events, {self.queued} notices queued "
                f"({self.spikes} spikes, {self.digests} digests), {self.sent} sent, "
                f"{self.failed} to retry, {self.dead} dead")


class Alerter:
    """Matching and delivery over one alert state file."""

    def __init__(self, db: AlertDB, settings: AlertSettings | None = None):
        self.db = db
        self.settings = settings or AlertSettings()
        self._matcher: Matcher | None = None
        self._matcher_key: tuple[Any, ...] = ()
        self._http: Any = None  # one webhook client, made on first use

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def matcher(self) -> Matcher:
        """The compiled matcher, rebuilt only when the subscriptions changed."""
        subs = self.db.subscriptions(include_paused=False)
        key = tuple((s.name, s.created_at) for s in subs)
        if self._matcher is None or key != self._matcher_key:
            self._matcher, self._matcher_key = Matcher(subs), key
        return self._matcher

    def process(self, events: Iterable[Event], now: float | None = None) -> tuple[int, int]:
        """Match events and queue notices for new (subscription, event) pairs.

        Returns (matches, newly queued). Rules with a minimum of mentions or sources fire
        once per happening, when the happening first reaches the minimum.
        """
        matcher = self.matcher()
        found: list[tuple[Subscription, str, dict[str, Any]]] = []
        counted: dict[str, tuple[int, int]] = {}
        for e in events:
            subs = matcher.match(e)
            item = event_item(e) if subs else {}
            for sub in subs:
                key = e.id
                if sub.needs_counts:
                    hkey = happening_key(e)
                    if e.id not in counted:
                        counted[e.id] = self.db.count_happening(hkey, e.id, e.outlet)
                    mentions, sources = counted[e.id]
                    if mentions < (sub.min_mentions or 1) or sources < (sub.min_sources or 1):
                        continue
                    key = "h:" + hkey
                found.append((sub, key, item))
        return len(found), self.db.record_many(found, now)

    def check_spikes(self, store: Any, events: list[Event], now: float | None = None) -> int:
        """Test spike rules whose dyad appears among `events`; one alert per rule and day."""
        queued = 0
        for sub in self.db.subscriptions(include_paused=False):
            if sub.spike is None or sub.dyad is None:
                continue
            probe = Subscription(name="probe", dyad=sub.dyad, either_direction=sub.either_direction)
            touched = [e for e in events if matches(probe, e) and e.date]
            if not touched:
                continue
            series = _dyad_events(store, sub, max(e.date or "" for e in touched))
            spike = latest_spike(series, sub.spike, "-".join(sub.dyad))
            if spike and self.db.record(sub, f"spike:{spike.dyad}:{spike.day}",
                                        spike.to_item(), now):
                queued += 1
        return queued

    def deliver_due(self, now: float | None = None, limit: int = 100, *,
                    ids: Iterable[int] = (), retry: bool = True) -> Turn:
        """Send every notice whose time has come (or those with `ids`); failures are
        rescheduled, or go to the dead-letter list after the last attempt (at once
        when `retry` is False)."""
        turn = Turn()
        now = time.time() if now is None else now
        for notice in self.db.claim_due(now, limit, ids):
            try:
                self.send(notice)
            except UnsafeURLError as exc:
                self._fail(notice, str(exc), now, turn, permanent=True)
            except Exception as exc:  # noqa: BLE001 - any channel failure means "retry later"
                self._fail(notice, f"{type(exc).__name__}: {exc}", now, turn, not retry)
            else:
                self.db.mark_sent(notice.id, time.time())
                turn.sent += 1
        return turn

    def _fail(self, notice: Notice, error: str, now: float, turn: Turn,
              permanent: bool = False) -> None:
        status = self.db.mark_failed(
            notice.id, error, now, base_delay=self.settings.retry_seconds,
            max_attempts=1 if permanent else self.settings.max_attempts)
        turn.dead += status == "dead"
        turn.failed += status != "dead"
        turn.errors.append(f"notice {notice.id} to {notice.target}: {error}")
        log.warning("dyadwatch: notice %s to %s failed (%s): %s", notice.id, notice.target,
                    status, error)

    def send(self, notice: Notice) -> None:
        """Hand one notice to its channel; raises when the channel did not accept it."""
        if notice.channel == "email":
            msg = build_message(notice.payload, notice.target, self.settings.smtp,
                                uid=notice.uid, public_url=self.settings.public_url)
            send_email(msg, self.settings.smtp)
        elif notice.channel == "webhook":
            if self._http is None:
                self._http = make_client(self.settings.webhook_timeout)
            post_webhook(notice.target, notice.payload, uid=notice.uid,
                         secret=self._secret(notice.subscription),
                         allow_private=self.settings.allow_private, client=self._http)
        else:
            raise ValueError(f"unknown channel {notice.channel}")

    def _secret(self, name: str) -> str | None:
        try:
            return self.db.get_subscription(name).webhook_secret
        except Exception:  # noqa: BLE001 - removed since queueing: send unsigned
            return None

    def run_once(self, store: Any, now: float | None = None, batch: int = 5000) -> Turn:
        """One turn: new events from the store, spikes, digests, deliveries."""
        turn = Turn()
        cursor = int(self.db.get_meta(CURSOR_KEY, "0") or 0)
        while True:
            events, new_cursor = store.events_after(cursor, limit=batch)
            if not events:
                break
            turn.events += len(events)
            matched, queued = self.process(events, now)
            turn.matched += matched
            turn.queued += queued
            turn.spikes += self.check_spikes(store, events, now)
            cursor = new_cursor
            self.db.set_meta(CURSOR_KEY, str(cursor))
        turn.digests = flush_digests(self.db, now)
        sent = self.deliver_due(now)
        turn.sent, turn.failed, turn.dead, turn.errors = sent.sent, sent.failed, sent.dead, sent.errors
        turn.queued += turn.spikes + turn.digests
        return turn


def _dyad_events(store: Any, sub: Subscription, day: str) -> list[Event]:
    from datetime import date, timedelta

    from dyadwatch.store.base import EventFilter

    assert sub.dyad is not None
    since = (date.fromisoformat(day[:10]) - timedelta(days=BASELINE_DAYS)).isoformat()
    flt = EventFilter(dyad=sub.dyad, either_direction=sub.either_direction, since=since,
                      until=day[:10])
    return [e for chunk in store.iter_events(flt) for e in chunk]
