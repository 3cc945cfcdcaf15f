"""Query parameters -> EventFilter: one parser for the REST API, the pages and the exports.

Every filter the explorer shows lives in the URL, so a filtered view is a link that can
be shared, and an export link downloads exactly the set the page shows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from dyadwatch.model import MODALITIES
from dyadwatch.store.base import EventFilter
from dyadwatch.store.filters import ACTOR_RE, CAMEO_RE, ID_RE, ROOT_RE, THREE_RE

SORTS = {
    "date_desc": "newest first",
    "date_asc": "oldest first",
    "goldstein_asc": "most conflictual first",
    "goldstein_desc": "most cooperative first",
}
MAX_LIMIT = 500
PLOVER_RE = re.compile(r"^[A-Z_]{2,40}$")
# Field name -> what the explorer form calls it (and the query parameter name).
FILTER_FIELDS = (
    "actor", "source", "target", "dyad", "either_direction", "country", "role", "cameo",
    "cameo_root", "plover", "quad_class", "goldstein_min", "goldstein_max", "since", "until",
    "text", "modality", "article_id", "min_mentions", "min_sources",
)


class FilterProblem(ValueError):
    """A query parameter that cannot become a filter; the message names the parameter."""


@dataclass
class Query:
    """A parsed events query: the filter, paging and order, and the parameters it came from."""

    flt: EventFilter
    limit: int = 50
    offset: int = 0
    sort: str = "date_desc"
    params: dict[str, str] = field(default_factory=dict)  # the non-empty filter parameters


def _code(name: str, value: str, pattern: re.Pattern[str] = ACTOR_RE) -> str:
    value = value.strip().upper()
    if not pattern.match(value):
        raise FilterProblem(f"{name}: '{value[:40]}' is not a valid code")
    return value


def _items(name: str, value: str, pattern: re.Pattern[str]) -> list[str]:
    return [_code(name, v, pattern) for v in value.split(",") if v.strip()]


def _date(name: str, value: str) -> str:
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise FilterProblem(f"{name}: '{value[:40]}' is not a date (YYYY-MM-DD)") from None


def _float(name: str, value: str, low: float, high: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise FilterProblem(f"{name}: '{value[:40]}' is not a number") from None
    if not low <= number <= high:  # also rejects NaN
        raise FilterProblem(f"{name}: {value[:40]} is outside {low:g}..{high:g}")
    return number


def _int(name: str, value: str, low: int, high: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise FilterProblem(f"{name}: '{value[:40]}' is not a whole number") from None
    if not low <= number <= high:
        raise FilterProblem(f"{name}: {number} is outside {low}..{high}")
    return number


def _text(value: str) -> str:
    if len(value) > 200 or any(ord(c) < 32 for c in value):
        raise FilterProblem("text: at most 200 printable characters")
    return value


def _bool(name: str, value: str) -> bool:
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("", "0", "false", "no", "off"):
        return False
    raise FilterProblem(f"{name}: '{value[:40]}' is not true or false")


def _dyad(value: str) -> tuple[str, str]:
    parts = re.split(r"[-/ ]", value.strip().upper())
    if len(parts) != 2:
        raise FilterProblem(f"dyad: '{value[:40]}' is not two actors like MEX-USA")
    return _code("dyad", parts[0]), _code("dyad", parts[1])


def parse_filter(params: Mapping[str, str]) -> EventFilter:
    """Build an EventFilter from string parameters; raises FilterProblem naming the bad one.

    >>> parse_filter({"dyad": "mex-usa", "quad_class": "3,4"}).quad_class
    [3, 4]
    """
    p = {k: v for k, v in params.items() if k in FILTER_FIELDS and v is not None and v != ""}
    flt = EventFilter()
    for name in ("actor", "source", "target"):
        if name in p:
            setattr(flt, name, _code(name, p[name]))
    for name in ("country", "role"):
        if name in p:
            setattr(flt, name, _code(name, p[name], THREE_RE))
    if "dyad" in p:
        flt.dyad = _dyad(p["dyad"])
    flt.either_direction = _bool("either_direction", p.get("either_direction", ""))
    flt.cameo = _items("cameo", p.get("cameo", ""), CAMEO_RE)
    flt.cameo_root = _items("cameo_root", p.get("cameo_root", ""), ROOT_RE)
    flt.plover = _items("plover", p.get("plover", ""), PLOVER_RE)
    flt.quad_class = [_int("quad_class", v, 1, 4) for v in p.get("quad_class", "").split(",")
                      if v.strip()]
    flt.modality = [m.strip().lower() for m in p.get("modality", "").split(",") if m.strip()]
    for m in flt.modality:
        if m not in MODALITIES:
            raise FilterProblem(f"modality: '{m[:40]}' is not one of {', '.join(MODALITIES)}")
    if "goldstein_min" in p:
        flt.goldstein_min = _float("goldstein_min", p["goldstein_min"], -10, 10)
    if "goldstein_max" in p:
        flt.goldstein_max = _float("goldstein_max", p["goldstein_max"], -10, 10)
    for name in ("since", "until"):
        if name in p:
            setattr(flt, name, _date(name, p[name]))
    if flt.since and flt.until and flt.since > flt.until:
        raise FilterProblem(f"since: {flt.since} is after until ({flt.until})")
    if "text" in p:
        flt.text = _text(p["text"])
    if "article_id" in p:
        if not ID_RE.match(p["article_id"]):
            raise FilterProblem("article_id: letters, digits and - _ . : only")
        flt.article_id = p["article_id"]
    for name in ("min_mentions", "min_sources"):
        if name in p:
            setattr(flt, name, _int(name, p[name], 1, 1_000_000))
    return flt


def parse_query(params: Mapping[str, str], default_limit: int = 50) -> Query:
    """Filter plus paging and order from string parameters (an URL's query string)."""
    flt = parse_filter(params)
    sort = params.get("sort") or "date_desc"
    if sort not in SORTS:
        raise FilterProblem(f"sort: '{sort[:40]}' is not one of {', '.join(SORTS)}")
    limit = _int("limit", params.get("limit") or str(default_limit), 1, MAX_LIMIT)
    offset = _int("offset", params.get("offset") or "0", 0, 10_000_000)
    kept = {k: str(v) for k, v in params.items() if k in FILTER_FIELDS and v not in (None, "")}
    return Query(flt=flt, limit=limit, offset=offset, sort=sort, params=kept)
