"""Alerts: subscriptions over events, matching, email/webhook delivery, digests, `watch`."""

from dyadwatch.alerts.api import (
    create_subscription,
    list_subscriptions,
    open_alerts,
    outbox_list,
    outbox_replay,
    pause_subscription,
    remove_subscription,
    resume_subscription,
    test_subscription,
    unsubscribe,
)
from dyadwatch.alerts.config import AlertSettings, SMTPSettings, load_settings
from dyadwatch.alerts.matcher import Matcher
from dyadwatch.alerts.outbox import AlertDB, Notice
from dyadwatch.alerts.rules import Subscription, SubscriptionError
from dyadwatch.alerts.service import Alerter

__all__ = [
    "AlertDB", "AlertSettings", "Alerter", "Matcher", "Notice", "SMTPSettings", "Subscription",
    "SubscriptionError", "create_subscription", "list_subscriptions", "load_settings",
    "open_alerts", "outbox_list", "outbox_replay", "pause_subscription", "remove_subscription",
    "resume_subscription", "test_subscription", "unsubscribe",
]
