"""Subscriptions and the compiled matcher that tests each new event against all of them.

A `Subscription` is a rule over event fields (every set field must hold: they combine
with AND; values inside one field are alternatives: OR) plus where and how often to
deliver. `dyadwatch.alerts.matcher` compiles many of them into one fast matcher.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from email.utils import parseaddr
from typing import Any

from dyadwatch.errors import DyadwatchError
from dyadwatch.model import MODALITIES

DIGESTS = ("instant", "hourly", "daily", "weekly")
QUAD_CLASSES = (1, 2, 3, 4)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_CODE = re.compile(r"^[A-Z0-9]{1,15}$")
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")


class SubscriptionError(DyadwatchError):
    """A subscription field is malformed (E060-E069)."""


def new_token() -> str:
    """An unsubscribe token; hex, so it never starts with "-" and reads as a CLI option."""
    return secrets.token_hex(18)


@dataclass
class Subscription:
    """One alert rule and its delivery: what to watch for, whom to tell, how often.

    Actor values (`actors`, `source`, `target`, `dyad`) are CAMEO code prefixes: `MEX`
    matches `MEXGOV` and `MEXMIL`. `spike` turns the rule into a spike rule over the
    dyad's daily conflict share instead of a rule over single events.
    """

    name: str
    actors: list[str] = field(default_factory=list)  # source or target
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    dyad: tuple[str, str] | None = None
    either_direction: bool = False
    country: list[str] = field(default_factory=list)  # ISO3 of source or target
    role: list[str] = field(default_factory=list)  # a role of source or target
    plover: list[str] = field(default_factory=list)
    cameo: list[str] = field(default_factory=list)  # code prefixes
    cameo_root: list[str] = field(default_factory=list)
    quad_class: list[int] = field(default_factory=list)
    goldstein_max: float | None = None  # at most (conflict: -5 means -5 or worse)
    goldstein_min: float | None = None
    modality: list[str] = field(default_factory=list)
    min_mentions: int | None = None  # mentions of the same happening (source, target, CAMEO, day)
    min_sources: int | None = None  # distinct outlets reporting it
    spike: float | None = None  # standard deviations above the 90-day baseline
    email: list[str] = field(default_factory=list)
    webhook: str | None = None
    webhook_secret: str | None = None
    digest: str = "instant"
    paused: bool = False
    token: str = field(default_factory=lambda: new_token())
    created_at: str = field(
        default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds")
    )

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["dyad"] = list(self.dyad) if self.dyad else None
        return d

    def public_dict(self) -> dict[str, Any]:
        """`to_dict` without the secrets (webhook key, unsubscribe token): for API answers."""
        d = self.to_dict()
        d.pop("webhook_secret")
        d.pop("token")
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Subscription:
        d = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        if d.get("dyad"):
            d["dyad"] = tuple(d["dyad"])
        return cls(**d)

    @property
    def needs_counts(self) -> bool:
        """Whether matching needs mention/source counts of the event's happening."""
        return bool(self.min_mentions or self.min_sources)

    def describe(self) -> str:
        """One line for `subscribe list`: the rule's set fields."""
        parts = []
        for key, value in self.to_dict().items():
            if key in ("name", "token", "created_at", "paused", "webhook_secret", "email",
                       "webhook", "digest", "either_direction") or value in (None, [], False):
                continue
            shown = "-".join(value) if key == "dyad" else value
            if isinstance(shown, list):
                shown = ",".join(map(str, shown))
            parts.append(f"{key}={shown}")
        if self.either_direction:
            parts.append("either-direction")
        return " ".join(parts) or "(every event)"

    def validate(self) -> Subscription:
        """Normalise case and check every field; raises SubscriptionError naming the field."""
        if not _NAME.match(self.name or ""):
            _bad("name", self.name, "letters, digits, '_', '.', '-' (at most 64)")
        for key in ("actors", "source", "target", "country", "role", "plover", "modality"):
            setattr(self, key, [str(v).strip().upper() for v in getattr(self, key) if str(v).strip()])
        self.modality = [m.lower() for m in self.modality]
        for key in ("actors", "source", "target", "role"):
            for v in getattr(self, key):
                _CODE.match(v) or _bad(key, v, "a CAMEO code or prefix such as MEX or MEXGOV")
        if self.dyad:
            self.dyad = _parse_dyad(self.dyad)
        for v in self.country:
            re.fullmatch(r"[A-Z]{3}", v) or _bad("country", v, "an ISO 3166-1 alpha-3 code")
        _check_codes(self)
        for v in self.modality:
            v in MODALITIES or _bad("modality", v, "one of " + ", ".join(MODALITIES))
        self.quad_class = [_quad(v) for v in self.quad_class]
        self.digest = (self.digest or "instant").lower()
        self.digest in DIGESTS or _bad("digest", self.digest, "one of " + ", ".join(DIGESTS))
        self._check_delivery()
        if self.spike is not None and (not self.dyad or self.spike <= 0):
            _bad("spike", self.spike, "a positive number of standard deviations, with --dyad")
        for key in ("min_mentions", "min_sources"):
            v = getattr(self, key)
            if v is not None and v < 1:
                _bad(key, v, "a whole number of at least 1")
        return self

    def _check_delivery(self) -> None:
        for addr in self.email:
            if parseaddr(addr)[1] != addr or not _EMAIL.match(addr):
                _bad("email", addr, "one plain address such as analyst@example.org")
        if self.webhook and not self.webhook.startswith(("https://", "http://")):
            _bad("webhook", self.webhook, "an http:// or https:// URL")
        if not self.email and not self.webhook:
            _bad("delivery", "none", "at least one --email or --webhook")


def _bad(what: str, value: Any, expected: str) -> None:
    raise SubscriptionError(f"E060 subscription {what} '{value}' is not valid: expected {expected}")


def _quad(value: Any) -> int:
    try:
        quad = int(value)
    except (TypeError, ValueError):
        quad = 0
    if quad not in QUAD_CLASSES:
        _bad("quad_class", value, "1, 2, 3 or 4")
    return quad


def _parse_dyad(value: Any) -> tuple[str, str]:
    parts = value.split("-") if isinstance(value, str) else list(value)
    parts = [str(p).strip().upper() for p in parts]
    if len(parts) != 2 or not all(_CODE.match(p) for p in parts):
        _bad("dyad", value, "two actor codes or prefixes such as MEX-USA")
    return parts[0], parts[1]


def _check_codes(sub: Subscription) -> None:
    from dyadwatch.code.cameo import cameo_table

    table = cameo_table()
    plovers = {c.plover_type for c in table.values() if c.plover_type}
    for v in sub.plover:
        v in plovers or _bad("plover", v, "one of " + ", ".join(sorted(plovers)))
    sub.cameo = [str(v).strip() for v in sub.cameo]
    for v in sub.cameo:
        any(code.startswith(v) for code in table) or _bad("cameo", v, "a CAMEO code or prefix")
    sub.cameo_root = [str(v).strip().zfill(2) for v in sub.cameo_root]
    roots = {c.root for c in table.values()}
    for v in sub.cameo_root:
        v in roots or _bad("cameo_root", v, "a CAMEO root 01-20")
