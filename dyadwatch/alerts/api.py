"""The library calls behind `dyadwatch subscribe`, `dyadwatch outbox` and the REST API.

    >>> from dyadwatch.alerts import open_alerts, create_subscription
    >>> db = open_alerts("events.duckdb")        # state in events.duckdb.alerts.sqlite
    >>> create_subscription(db, name="mex-usa", dyad="MEX-USA", either_direction=True,
    ...                     plover=["REJECT", "THREATEN"], email=["analyst@example.org"])
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from dyadwatch.alerts.config import AlertSettings, alerts_db_path, load_settings
from dyadwatch.alerts.matcher import matches
from dyadwatch.alerts.outbox import AlertDB, Notice
from dyadwatch.alerts.rules import Subscription, SubscriptionError
from dyadwatch.alerts.service import Alerter, event_item
from dyadwatch.alerts.urls import public_address
from dyadwatch.ingest.url import FetchError


def open_alerts(store_url: str | None = None, path: str | None = None) -> AlertDB:
    """The alert state belonging to a store (see `config.alerts_db_path`)."""
    return AlertDB(alerts_db_path(store_url, path))


def create_subscription(db: AlertDB, settings: AlertSettings | None = None, *,
                        allow_private: bool = False, **fields: Any) -> Subscription:
    """Validate and save a new subscription; webhook URLs are checked for safety now
    (and again at each delivery, since DNS can change)."""
    settings = settings or load_settings()
    allow_private = allow_private or settings.allow_private
    sub = Subscription(**fields).validate()
    if sub.webhook and not sub.webhook_secret:
        sub.webhook_secret = secrets.token_hex(16)
    if sub.webhook:
        try:
            public_address(sub.webhook, allow_private=allow_private)
        except FetchError:
            pass  # not resolvable from here now; checked again before every delivery
    return db.add_subscription(sub)


def list_subscriptions(db: AlertDB) -> list[Subscription]:
    return db.subscriptions()


def pause_subscription(db: AlertDB, name: str) -> Subscription:
    return db.set_paused(name, True)


def resume_subscription(db: AlertDB, name: str) -> Subscription:
    return db.set_paused(name, False)


def remove_subscription(db: AlertDB, name: str) -> Subscription:
    return db.remove_subscription(name)


def unsubscribe(db: AlertDB, token: str) -> Subscription:
    """What the unsubscribe link does: remove the subscription that owns `token`."""
    sub = db.by_token(token)
    if sub is None:
        raise SubscriptionError("E063 this unsubscribe link is unknown or was already used")
    return db.remove_subscription(sub.name)


def test_subscription(db: AlertDB, name: str, store: Any = None,
                      settings: AlertSettings | None = None) -> list[Notice]:
    """Send a test notice to every target of `name` now, with the newest stored event the
    rule matches (or a clearly marked sample); returns the notices with their outcome.
    A test is tried once: if it fails it goes to the dead-letter list, not to retries."""
    settings = settings or load_settings()
    sub = db.get_subscription(name)
    items = [_newest_match(sub, store) or _sample_item()]
    ids = db.enqueue(sub, {"kind": "test", "items": items})
    alerter = Alerter(db, settings)
    alerter.deliver_due(time.time(), ids=ids, retry=False)
    alerter.close()
    return [db.notice(i) for i in ids]


def _newest_match(sub: Subscription, store: Any) -> dict[str, Any] | None:
    if store is None:
        return None
    for e in store.events(limit=1000):
        if matches(sub, e):
            return event_item(e)
    return None


def _sample_item() -> dict[str, Any]:
    return {
        "kind": "event", "id": "test", "date": time.strftime("%Y-%m-%d"),
        "sentence": "(test notice) Mexico rejected the US proposal on border security.",
        "source": {"code": "MEXGOV", "name": "Mexico (government)", "country": "MEX"},
        "target": {"code": "USAGOV", "name": "United States (government)", "country": "USA"},
        "cameo": "120", "cameo_name": "REJECT", "cameo_root": "12", "plover_type": "REJECT",
        "quad_class": 3, "goldstein": -4.0, "modality": "asserted", "url": None, "outlet": None,
    }


def outbox_list(db: AlertDB, status: str | None = None, limit: int = 50) -> list[Notice]:
    return db.notices(status, limit)


def outbox_replay(db: AlertDB, ids: list[int] | None = None,
                  settings: AlertSettings | None = None) -> tuple[int, Any]:
    """Put dead notices back in the queue and try them at once; returns (replayed, Turn)."""
    count = db.replay(ids or [])
    alerter = Alerter(db, settings or load_settings())
    turn = alerter.deliver_due()
    alerter.close()
    return count, turn


def split_values(values: tuple[str, ...] | list[str]) -> list[str]:
    """`--plover REJECT,THREATEN --plover COERCE` -> ['REJECT', 'THREATEN', 'COERCE']."""
    return [v.strip() for value in values for v in str(value).split(",") if v.strip()]


def format_subscription(sub: Subscription) -> str:
    """One line for `subscribe list`: name, state, how often, rule, where it goes."""
    targets = ", ".join(sub.email + ([sub.webhook] if sub.webhook else []))
    state = "paused" if sub.paused else "active"
    return f"{sub.name}\t{state}\t{sub.digest}\t{sub.describe()}\t-> {targets}"


def format_notice(n: Notice) -> str:
    """One line for `outbox list`."""
    when = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(n.created_at))
    error = f"\t{n.last_error}" if n.last_error else ""
    return (f"{n.id}\t{n.status}\t{n.subscription}\t{n.channel}:{n.target}\t"
            f"{n.payload.get('kind')}\tattempts={n.attempts}\t{when}{error}")


def open_store_if_present(url: str | None) -> Any:
    """The event store, if it exists already (a test notice does not create one)."""
    import os

    from dyadwatch.store import DEFAULT_DB, open_store

    url = url or os.environ.get("DYADWATCH_DB") or DEFAULT_DB
    if not url.startswith(("postgresql://", "postgres://")) and not os.path.exists(url):
        return None
    return open_store(url)
