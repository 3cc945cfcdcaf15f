"""Pairing predicted with gold events, and comparing actor codes."""

from __future__ import annotations

from dataclasses import dataclass, field

from dyadwatch.code.dictionary import KNOWN_ROLES
from dyadwatch.evaluate.gold import GoldEvent, GoldItem, event_key
from dyadwatch.model import Event

# Codes whose first three letters are not a country: the group and its body form the
# "country" part (IGOUNO, IMGMUS), so the UN and the EU are told apart.
GROUP_PREFIXES = ("IGO", "IMG", "NGO", "NGM", "MNC")


def actor_parts(code: str | None) -> tuple[str | None, str | None]:
    """(country, primary role) of an actor code: MEXGOV -> (MEX, GOV), IGOUNO -> (IGOUNO, None),
    OPP -> (None, OPP).

    A group code keeps its body as the "country" (IGOIAEA, IGOUNOSCR) unless a known role
    follows it (IMGMUSREB -> IMGMUS, REB).
    """
    if not code:
        return None, None
    code = code.upper()
    if code[:3] in KNOWN_ROLES and code[:3] not in GROUP_PREFIXES:
        return None, code[:3]  # a role with no country found: "OPP"
    if code[:3] in GROUP_PREFIXES:
        tail = code[6:]
        if not (tail[:3] in KNOWN_ROLES and len(tail) % 3 == 0):
            return code, None
        return code[:6], tail[:3]
    return code[:3], code[3:6] or None


def same_country(gold: str | None, pred: str | None) -> bool:
    """Equal country parts; an actor found never equals an actor absent (even "OPP")."""
    return bool(gold) == bool(pred) and actor_parts(gold)[0] == actor_parts(pred)[0]


def same_actor(gold: str | None, pred: str | None) -> bool:
    return bool(gold) == bool(pred) and actor_parts(gold) == actor_parts(pred)


def pred_key(event: Event) -> str:
    return event_key(event.plover_type, event.cameo_root)


def target_code(event: Event) -> str | None:
    return event.target.code if event.target else None


def _pair_score(gold: GoldEvent, pred: Event) -> float:
    """Among same-type candidates, prefer the pair whose actors and code agree most."""
    tgt = target_code(pred)
    return (8 * same_actor(gold.source, pred.source.code) + 4 * same_actor(gold.target, tgt)
            + 2 * same_country(gold.source, pred.source.code) + same_country(gold.target, tgt)
            + 0.1 * _common_prefix(gold.cameo or "", pred.cameo))


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


@dataclass
class ItemResult:
    item: GoldItem
    predicted: list[Event]
    pairs: list[tuple[GoldEvent, Event]] = field(default_factory=list)
    missed: list[GoldEvent] = field(default_factory=list)
    spurious: list[Event] = field(default_factory=list)
    error: str | None = None  # the item could not be coded

    @property
    def mistakes(self) -> int:
        wrong_actor = sum(not (same_actor(g.source, p.source.code)
                               and same_actor(g.target, target_code(p))) for g, p in self.pairs)
        return 2 * (len(self.missed) + len(self.spurious)) + wrong_actor


def match_item(item: GoldItem, predicted: list[Event]) -> ItemResult:
    """Pair gold and predicted events of one item, one-to-one, same PLOVER type only."""
    candidates = [
        (_pair_score(g, p), -gi, -pi, gi, pi)
        for gi, g in enumerate(item.events)
        for pi, p in enumerate(predicted)
        if g.key == pred_key(p)
    ]
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    result = ItemResult(item, predicted)
    for *_, gi, pi in sorted(candidates, reverse=True):
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        result.pairs.append((item.events[gi], predicted[pi]))
    result.missed = [g for i, g in enumerate(item.events) if i not in used_gold]
    result.spurious = [p for i, p in enumerate(predicted) if i not in used_pred]
    return result
