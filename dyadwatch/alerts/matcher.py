"""Many subscriptions compiled once into an index, so each event meets only its matches.

    >>> matcher = Matcher([Subscription(name="mex-usa", dyad=("MEX", "USA"),
    ...                                 plover=["REJECT"], email=["a@example.org"])])
    >>> [s.name for s in matcher.match(event)]  # doctest: +SKIP
    ['mex-usa']

Why: a loop over 1,000 rules costs 1,000 checks per event. Instead every rule is filed
under the combination of its indexable fields (dyad, source, target, actor, country,
role, CAMEO root, PLOVER type, QuadClass), one table per combination ("schema"). An event
looks itself up once per schema, with its own values of those fields, and finds exactly
the rules whose indexed fields it satisfies; only what the index cannot decide (a longer
actor prefix, a Goldstein threshold, a modality) is then checked one rule at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import product
from typing import Any

from dyadwatch.alerts.rules import Subscription
from dyadwatch.model import Event

Check = Callable[[Event], bool]
MAX_KEYS = 64  # a rule is filed under at most this many keys (the product of its values)
_ORDER = ("dyad", "source", "target", "actor", "country", "plover", "root", "role", "quad")


def _any_prefix(prefixes: tuple[str, ...], *codes: str | None) -> bool:
    return any(c is not None and c.startswith(prefixes) for c in codes)


def _actor_conditions(sub: Subscription) -> list[tuple[str, Check]]:
    out: list[tuple[str, Check]] = []
    if sub.actors:
        p = tuple(sub.actors)
        out.append(("actor", lambda e: _any_prefix(p, e.source.code, e.target and e.target.code)))
    if sub.source:
        ps = tuple(sub.source)
        out.append(("source", lambda e: e.source.code.startswith(ps)))
    if sub.target:
        pt = tuple(sub.target)
        out.append(("target", lambda e: e.target is not None and e.target.code.startswith(pt)))
    if sub.dyad:
        out.append(("dyad", _dyad_check(sub.dyad, sub.either_direction)))
    if sub.country:
        cs = frozenset(sub.country)
        out.append(("country", lambda e: e.source.country in cs
                    or (e.target is not None and e.target.country in cs)))
    if sub.role:
        rs = frozenset(sub.role)
        out.append(("role", lambda e: not rs.isdisjoint(e.source.roles)
                    or (e.target is not None and not rs.isdisjoint(e.target.roles))))
    return out


def _dyad_check(dyad: tuple[str, str], either: bool) -> Check:
    a, b = dyad

    def check(e: Event) -> bool:
        if e.target is None:
            return False
        s, t = e.source.code, e.target.code
        return (s.startswith(a) and t.startswith(b)) or (
            either and s.startswith(b) and t.startswith(a))

    return check


def _code_conditions(sub: Subscription) -> list[tuple[str, Check]]:
    out: list[tuple[str, Check]] = []
    if sub.plover:
        pl = frozenset(sub.plover)
        out.append(("plover", lambda e: e.plover_type in pl))
    if sub.cameo:
        cp = tuple(sub.cameo)
        out.append(("cameo", lambda e: e.cameo.startswith(cp)))
    if sub.cameo_root:
        cr = frozenset(sub.cameo_root)
        out.append(("root", lambda e: e.cameo_root in cr))
    if sub.quad_class:
        qc = frozenset(sub.quad_class)
        out.append(("quad", lambda e: e.quad_class in qc))
    if sub.goldstein_max is not None:
        gmax = sub.goldstein_max
        out.append(("goldstein", lambda e: e.goldstein <= gmax))
    if sub.goldstein_min is not None:
        gmin = sub.goldstein_min
        out.append(("goldstein", lambda e: e.goldstein >= gmin))
    if sub.modality:
        md = frozenset(sub.modality)
        out.append(("modality", lambda e: e.modality in md))
    return out


def conditions(sub: Subscription) -> list[tuple[str, Check]]:
    """The rule as (field, test) pairs; an event matches when every test passes."""
    return _actor_conditions(sub) + _code_conditions(sub)


def matches(sub: Subscription, event: Event) -> bool:
    """Whether one rule holds for one event, without any index (the reference)."""
    return all(check(event) for _, check in conditions(sub))


def _prefixes3(values: list[str]) -> tuple[set[str], bool] | None:
    """Index values for actor prefixes: their first three letters (a country code), and
    whether the index alone decides the field (every prefix is exactly three letters)."""
    if not values or any(len(v) < 3 for v in values):
        return None
    return {v[:3] for v in values}, all(len(v) == 3 for v in values)


def _indexable(sub: Subscription) -> dict[str, tuple[set[Any], bool]]:
    """field -> (values the rule accepts, whether the index alone decides that field)."""
    out: dict[str, tuple[set[Any], bool]] = {}
    if sub.dyad and all(len(p) >= 3 for p in sub.dyad):
        a, b = sub.dyad[0][:3], sub.dyad[1][:3]
        pairs = {(a, b), (b, a)} if sub.either_direction else {(a, b)}
        out["dyad"] = (pairs, all(len(p) == 3 for p in sub.dyad))
    for name, values in (("actor", sub.actors), ("source", sub.source), ("target", sub.target)):
        found = _prefixes3(values)
        if found:
            out[name] = found
    for name, values in (("country", sub.country), ("plover", sub.plover), ("role", sub.role),
                         ("quad", sub.quad_class)):
        if values:
            out[name] = (set(values), True)
    if sub.cameo_root:
        out["root"] = (set(sub.cameo_root), not sub.cameo)
    elif sub.cameo and all(len(v) >= 2 for v in sub.cameo):
        out["root"] = ({v[:2] for v in sub.cameo}, False)
    return out


def _schema(sub: Subscription) -> tuple[tuple[str, ...], list[tuple[Any, ...]], set[str]]:
    """The fields `sub` is filed under, its keys there, and the fields the index decides."""
    fields = _indexable(sub)
    names = [f for f in _ORDER if f in fields]
    while len(names) > 1 and _size(fields, names) > MAX_KEYS:
        names.pop()
    keys = list(product(*(sorted(fields[f][0], key=repr) for f in names)))
    return tuple(names), keys, {f for f in names if fields[f][1]}


def _size(fields: dict[str, tuple[set[Any], bool]], names: list[str]) -> int:
    n = 1
    for f in names:
        n *= len(fields[f][0])
    return n


# How an event's own values of each indexable field are read, as Python expressions over
# the locals of the generated lookup function (see `_compile_lookup`).
_PREAMBLE = """\
    src = e.source
    tgt = e.target
    s3 = src.code[:3]
    t3 = tgt.code[:3] if tgt is not None else None
    V_actor = (s3,) if tgt is None or t3 == s3 else (s3, t3)
    V_country = (src.country,) if tgt is None or tgt.country == src.country else (src.country, tgt.country)
    V_role = src.roles if tgt is None else set(src.roles) | set(tgt.roles)
"""
_ONE_VALUE = {"dyad": "(s3, t3)", "target": "t3", "source": "s3", "root": "e.cameo_root",
              "plover": "e.plover_type", "quad": "e.quad_class"}
_NEEDS_TARGET = {"dyad", "target"}
_MANY_VALUES = {"actor": "V_actor", "country": "V_country", "role": "V_role"}


def _lookup_source(schemas: list[tuple[str, ...]]) -> str:
    """Python source for `candidates(e)`: one unrolled lookup per schema table. Only
    field names from `_ORDER` go into it, never a value from a subscription."""
    used = {f for names in schemas for f in names}
    lines = ["def make(ALWAYS, *TABLES):"]
    lines += [f"  T{j} = TABLES[{j}]" for j in range(len(schemas))]
    lines += ["  def candidates(e):"]
    lines += [line for line in _PREAMBLE.splitlines()
              if not line.strip().startswith("V_") or line.split("=")[0].strip()[2:] in used]
    lines.append("    found = ALWAYS[:]")
    for j, names in enumerate(schemas):
        indent = "    "
        if _NEEDS_TARGET & set(names):
            lines.append(f"{indent}if tgt is not None:")
            indent += "  "
        parts = []
        for f in names:
            if f in _MANY_VALUES:
                lines.append(f"{indent}for v_{f} in {_MANY_VALUES[f]}:")
                indent += "  "
                parts.append(f"v_{f}")
            else:
                parts.append(_ONE_VALUE[f])
        key = parts[0] if len(parts) == 1 else "(" + ", ".join(parts) + ")"
        lines += [f"{indent}h = T{j}.get({key})", f"{indent}if h:", f"{indent}  found += h"]
    lines += ["    return found", "  return candidates"]
    return "\n".join(lines) + "\n"


def _compile_lookup(always: list[int], tables: dict[tuple[str, ...], dict[Any, list[int]]]
                    ) -> Callable[[Event], list[int]]:
    """Generate and compile the candidate lookup for these tables (why: an unrolled
    function is about twice as fast as a generic loop over schemas and value tuples)."""
    schemas = list(tables)
    namespace: dict[str, Any] = {}
    code = compile(_lookup_source(schemas), "<dyadwatch.alerts.matcher>", "exec")
    exec(code, namespace)  # noqa: S102 - source built from fixed field names only
    bare = [t if len(names) > 1 else {k[0]: v for k, v in t.items()}
            for names, t in tables.items()]
    return namespace["make"](always, *bare)


class Matcher:
    """Many subscriptions compiled once; `match(event)` returns those the event satisfies.

    Paused subscriptions and spike rules (which watch a time series, not single events)
    are left out.
    """

    def __init__(self, subscriptions: Iterable[Subscription]):
        self.subscriptions = [s for s in subscriptions if not s.paused and s.spike is None]
        self._residual: list[tuple[Check, ...]] = []
        tables: dict[tuple[str, ...], dict[tuple[Any, ...], list[int]]] = {}
        for i, sub in enumerate(self.subscriptions):
            names, keys, decided = _schema(sub)
            self._residual.append(tuple(c for f, c in conditions(sub) if f not in decided))
            table = tables.setdefault(names, {})
            for key in keys:
                table.setdefault(key, []).append(i)
        always = tables.pop((), {}).get((), [])
        self._candidates = _compile_lookup(always, tables)

    def __len__(self) -> int:
        return len(self.subscriptions)

    def match(self, event: Event) -> list[Subscription]:
        """The subscriptions whose every condition holds for `event`, in creation order."""
        found = self._candidates(event)
        if not found:
            return []
        out = []
        residual, subs = self._residual, self.subscriptions
        for i in sorted(set(found)) if len(found) > 1 else found:
            checks = residual[i]
            if not checks:
                out.append(subs[i])
                continue
            for check in checks:
                if not check(event):
                    break
            else:
                out.append(subs[i])
        return out

    def match_many(self, events: Iterable[Event]) -> list[tuple[Subscription, Event]]:
        return [(sub, ev) for ev in events for sub in self.match(ev)]
