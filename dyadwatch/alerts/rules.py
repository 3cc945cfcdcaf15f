"""Subscriptions and the compiled matcher that tests each new event against all of them.

A `Subscription` is a rule over event fields (every set field must hold: they combine
with AND; values inside one field are alternatives: OR) plus where and how often to
deliver. `Matcher` compiles many subscriptions once into an index so that an event is
only checked against the few subscriptions that could possibly match it:

    >>> sub = Subscription(name="mex-usa", dyad=("MEX", "USA"), plover=["REJECT"])
    >>> matcher = Matcher([sub])
    >>> [s.name for s in matcher.match(event)]  # doctest: +SKIP
    ['mex-usa']

Why an index: with 1,000 subscriptions a naive loop costs 1,000 checks per event; keyed
on the most selective field of each rule (dyad, then actor, country, CAMEO root, PLOVER
type, QuadClass) an event touches a handful of candidates.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from email.utils import parseaddr
from typing import Any

from dyadwatch.errors import DyadwatchError
from dyadwatch.model import MODALITIES, Event

DIGESTS = ("instant", "hourly", "daily", "weekly")
QUAD_CLASSES = (1, 2, 3, 4)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_CODE = re.compile(r"^[A-Z0-9]{1,15}$")
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")


class SubscriptionError(DyadwatchError):
    """A subscription field is malformed (E060-E069)."""


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
    token: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    created_at: str = field(
        default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds")
    )

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["dyad"] = list(self.dyad) if self.dyad else None
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


# --- compiling ---------------------------------------------------------------------------

Check = Callable[[Event], bool]


def _any_prefix(prefixes: tuple[str, ...], *codes: str | None) -> bool:
    return any(c is not None and c.startswith(prefixes) for c in codes)


def _predicates(sub: Subscription) -> list[Check]:
    """The rule as a list of small tests; an event matches when all pass."""
    checks: list[Check] = []
    if sub.actors:
        p = tuple(sub.actors)
        checks.append(lambda e: _any_prefix(p, e.source.code, e.target and e.target.code))
    if sub.source:
        ps = tuple(sub.source)
        checks.append(lambda e: e.source.code.startswith(ps))
    if sub.target:
        pt = tuple(sub.target)
        checks.append(lambda e: e.target is not None and e.target.code.startswith(pt))
    if sub.dyad:
        checks.append(_dyad_check(sub.dyad, sub.either_direction))
    checks.extend(_actor_attr_checks(sub))
    checks.extend(_code_checks(sub))
    return checks


def _dyad_check(dyad: tuple[str, str], either: bool) -> Check:
    a, b = dyad

    def check(e: Event) -> bool:
        if e.target is None:
            return False
        s, t = e.source.code, e.target.code
        return (s.startswith(a) and t.startswith(b)) or (
            either and s.startswith(b) and t.startswith(a)
        )

    return check


def _actor_attr_checks(sub: Subscription) -> list[Check]:
    checks: list[Check] = []
    if sub.country:
        cs = frozenset(sub.country)
        checks.append(
            lambda e: e.source.country in cs or (e.target is not None and e.target.country in cs)
        )
    if sub.role:
        rs = frozenset(sub.role)
        checks.append(
            lambda e: not rs.isdisjoint(e.source.roles)
            or (e.target is not None and not rs.isdisjoint(e.target.roles))
        )
    return checks


def _code_checks(sub: Subscription) -> list[Check]:
    checks: list[Check] = []
    if sub.plover:
        pl = frozenset(sub.plover)
        checks.append(lambda e: e.plover_type in pl)
    if sub.cameo:
        cp = tuple(sub.cameo)
        checks.append(lambda e: e.cameo.startswith(cp))
    if sub.cameo_root:
        cr = frozenset(sub.cameo_root)
        checks.append(lambda e: e.cameo_root in cr)
    if sub.quad_class:
        qc = frozenset(sub.quad_class)
        checks.append(lambda e: e.quad_class in qc)
    if sub.goldstein_max is not None:
        gmax = sub.goldstein_max
        checks.append(lambda e: e.goldstein <= gmax)
    if sub.goldstein_min is not None:
        gmin = sub.goldstein_min
        checks.append(lambda e: e.goldstein >= gmin)
    if sub.modality:
        md = frozenset(sub.modality)
        checks.append(lambda e: e.modality in md)
    return checks


def _index_keys(sub: Subscription) -> list[tuple[Any, ...]] | None:
    """The keys to file `sub` under: its most selective field, or None (check always)."""
    if sub.dyad and all(len(p) >= 3 for p in sub.dyad):
        a, b = sub.dyad[0][:3], sub.dyad[1][:3]
        return [("dyad", a, b)] + ([("dyad", b, a)] if sub.either_direction and a != b else [])
    for values in (sub.actors, sub.source, sub.target):
        if values and all(len(v) >= 3 for v in values):
            return [("actor", v[:3]) for v in dict.fromkeys(values)]
    if sub.country:
        return [("country", c) for c in sub.country]
    if sub.cameo and all(len(v) >= 2 for v in sub.cameo):
        return [("root", v[:2]) for v in dict.fromkeys(sub.cameo)]
    if sub.cameo_root:
        return [("root", v) for v in sub.cameo_root]
    if sub.plover:
        return [("plover", v) for v in sub.plover]
    if sub.quad_class:
        return [("quad", q) for q in sub.quad_class]
    return None


def _event_keys(e: Event) -> list[tuple[Any, ...]]:
    s3 = e.source.code[:3]
    keys: list[tuple[Any, ...]] = [
        ("actor", s3), ("country", e.source.country), ("root", e.cameo_root),
        ("plover", e.plover_type), ("quad", e.quad_class),
    ]
    if e.target is not None:
        t3 = e.target.code[:3]
        keys += [("dyad", s3, t3), ("country", e.target.country)]
        if t3 != s3:
            keys.append(("actor", t3))
    return keys


class Matcher:
    """Many subscriptions compiled once; `match(event)` returns those the event satisfies.

    Paused subscriptions and spike rules (which watch a time series, not single events)
    are left out.
    """

    def __init__(self, subscriptions: Iterable[Subscription]):
        self.subscriptions = [s for s in subscriptions if not s.paused and s.spike is None]
        self._checks = [tuple(_predicates(s)) for s in self.subscriptions]
        self._index: dict[tuple[Any, ...], list[int]] = {}
        self._always: list[int] = []
        for i, sub in enumerate(self.subscriptions):
            keys = _index_keys(sub)
            if keys is None:
                self._always.append(i)
            for key in keys or ():
                self._index.setdefault(key, []).append(i)

    def __len__(self) -> int:
        return len(self.subscriptions)

    def _candidates(self, event: Event) -> set[int]:
        found = set(self._always)
        index = self._index
        for key in _event_keys(event):
            hit = index.get(key)
            if hit:
                found.update(hit)
        return found

    def match(self, event: Event) -> list[Subscription]:
        """The subscriptions whose every condition holds for `event`, in creation order."""
        out = []
        checks = self._checks
        for i in sorted(self._candidates(event)):
            for check in checks[i]:
                if not check(event):
                    break
            else:
                out.append(self.subscriptions[i])
        return out

    def match_many(self, events: Iterable[Event]) -> list[tuple[Subscription, Event]]:
        return [(sub, ev) for ev in events for sub in self.match(ev)]


def matches(sub: Subscription, event: Event) -> bool:
    """Whether one subscription's rule holds for one event (without the index)."""
    return all(check(event) for check in _predicates(sub))
