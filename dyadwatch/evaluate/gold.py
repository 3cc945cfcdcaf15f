"""GOLD files: one labelled item a line, validated field by field (E060-E066)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyadwatch.code.cameo import cameo_table
from dyadwatch.errors import DyadwatchError
from dyadwatch.model import parse_datetime

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
)


class GoldError(DyadwatchError):
    """A GOLD file does not fit the documented format (E060-E069)."""


@dataclass(frozen=True)
class GoldEvent:
    source: str
    target: str | None
    cameo: str | None
    plover: str | None

    @property
    def key(self) -> str:
        """What a prediction must share to match: the PLOVER type (CAMEO 01/02 have none)."""
        return event_key(self.plover, self.cameo[:2] if self.cameo else None)


@dataclass
class GoldItem:
    id: str
    text: str
    date: str | None
    events: list[GoldEvent]
    line: int = 0


def event_key(plover: str | None, root: str | None) -> str:
    return plover or f"CAMEO {root}"


def load_gold(path: str | Path) -> list[GoldItem]:
    """Read and validate a GOLD file; the first malformed line is a GoldError naming it."""
    items: list[GoldItem] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path} line {number}"
            item = parse_gold_line(line, where)
            if item.id in seen:
                raise GoldError(f"E061 {where}: duplicate id '{item.id}'")
            seen.add(item.id)
            item.line = number
            items.append(item)
    if not items:
        raise GoldError(f"E060 {path}: no items (expected one JSON object a line)")
    return items


def parse_gold_line(line: str, where: str) -> GoldItem:
    """One GOLD line, checked field by field so the error says exactly what is wrong."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise GoldError(f"E062 {where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise GoldError(f"E062 {where}: expected a JSON object, got {type(record).__name__}")
    for key in ("id", "text"):
        if not isinstance(record.get(key), str) or not record[key].strip():
            raise GoldError(f"E063 {where}: '{key}' must be a non-empty string")
    date = record.get("date")
    if date is not None:
        try:
            parse_datetime(str(date))
        except ValueError:
            raise GoldError(f"E063 {where}: 'date' must be YYYY-MM-DD, not '{date}'") from None
    events = record.get("events")
    if not isinstance(events, list):
        raise GoldError(f"E063 {where}: 'events' must be a list (empty: nothing to code)")
    parsed = [_gold_event(e, f"{where} event {i + 1}") for i, e in enumerate(events)]
    return GoldItem(record["id"], record["text"], date, parsed)


def _gold_event(raw: Any, where: str) -> GoldEvent:
    if not isinstance(raw, dict):
        raise GoldError(f"E064 {where}: expected an object with source, target, cameo, plover")
    source, target = raw.get("source"), raw.get("target")
    if not isinstance(source, str) or not source:
        raise GoldError(f"E064 {where}: 'source' must be an actor code such as MEXGOV")
    if target is not None and (not isinstance(target, str) or not target):
        raise GoldError(f"E064 {where}: 'target' must be an actor code or null")
    cameo, plover = raw.get("cameo"), raw.get("plover")
    if cameo is None and plover is None:
        raise GoldError(f"E065 {where}: give 'cameo', 'plover' or both")
    if cameo is not None:
        entry = cameo_table().get(str(cameo))
        if entry is None:
            raise GoldError(f"E065 {where}: unknown CAMEO code '{cameo}' (keep leading zeros)")
        if "plover" not in raw:
            plover = entry.plover_type
        elif plover != entry.plover_type:
            raise GoldError(f"E066 {where}: CAMEO {cameo} is PLOVER {entry.plover_type}, "
                            f"not {plover} (see dyadwatch/data/cameo.tsv)")
    elif plover not in PLOVER_TYPES:
        raise GoldError(f"E066 {where}: unknown PLOVER type '{plover}'")
    return GoldEvent(source.upper(), target.upper() if target else None,
                     str(cameo) if cameo is not None else None, plover)
