"""EventFilter -> a checked filter -> a parameterised SQL condition.

Every value a user gives goes through `check_filter`, which either normalises it
(`"mex"` -> `"MEX"`, `"12"` -> `["12"]`) or raises a FilterError that names the field
and says what was expected. The SQL it then builds holds only `?` placeholders: values
travel as parameters and never as SQL text.

    >>> flt = parse_filter(dyad="MEX-USA", plover="REJECT,THREATEN", since="2025-01-01")
    >>> flt.dyad, flt.plover
    (('MEX', 'USA'), ['REJECT', 'THREATEN'])
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from dyadwatch.errors import FilterError
from dyadwatch.model import MODALITIES
from dyadwatch.store.base import EventFilter

PLOVER_TYPES = (
    "ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",
    "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
)
ORDERS = {
    "date_desc": "date DESC NULLS LAST, id",
    "date_asc": "date ASC NULLS LAST, id",
    "stored_desc": "seq DESC",
    "stored_asc": "seq ASC",
    "goldstein_asc": "goldstein ASC, date DESC NULLS LAST, id",
    "goldstein_desc": "goldstein DESC, date DESC NULLS LAST, id",
}
MAX_LIMIT = 100_000
# Shapes of filter values, shared with the web layer's query parsing.
ACTOR_RE = re.compile(r"^[A-Z0-9]{1,40}$")
THREE_RE = re.compile(r"^[A-Z]{3}$")  # ISO3 countries and roles (GOV, MIL)
CAMEO_RE = re.compile(r"^[0-9]{2,4}$")
ROOT_RE = re.compile(r"^(0[1-9]|1[0-9]|20)$")
ID_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,200}$")


def _bad(field: str, expected: str, value: Any) -> FilterError:
    return FilterError(f"E041 filter '{field}': expected {expected}, got {value!r}")


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value)


def _code(field: str, value: Any, pattern: re.Pattern[str], expected: str) -> str:
    text = str(value).strip().upper() if isinstance(value, str) else value
    if not isinstance(text, str) or not pattern.match(text):
        raise _bad(field, expected, value)
    return text


def _codes(field: str, values: Any, pattern: re.Pattern[str], expected: str) -> list[str]:
    return [_code(field, v, pattern, expected) for v in _listed(values)]


def _day(field: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise _bad(field, "a date YYYY-MM-DD", value) from None


def _number(field: str, value: Any, low: float, high: float) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise _bad(field, f"a number from {low:g} to {high:g}", value) from None
    if not low <= number <= high:
        raise _bad(field, f"a number from {low:g} to {high:g}", value)
    return number


def _count(field: str, value: Any) -> int | None:
    number = _number(field, value, 1, 1e12)
    return None if number is None else int(number)


def _dyad(value: Any) -> tuple[str, str] | None:
    if value is None or value == "":
        return None
    parts = re.split(r"[-,/>]", value) if isinstance(value, str) else list(value)
    if len(parts) != 2:
        raise _bad("dyad", "two actor codes like MEX-USA", value)
    expected = "two actor codes like MEX-USA"
    return (_code("dyad", parts[0], ACTOR_RE, expected), _code("dyad", parts[1], ACTOR_RE, expected))


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > 500:
        raise _bad("text", "a search text of at most 500 characters", value)
    return value


def check_filter(flt: EventFilter | None) -> EventFilter:
    """A normalised copy of `flt`, or a FilterError naming the first bad field."""
    f = flt or EventFilter()
    actor_expected = "an actor code prefix like MEX or MEXGOV"
    out = replace(
        f,
        actor=_code("actor", f.actor, ACTOR_RE, actor_expected) if f.actor else None,
        source=_code("source", f.source, ACTOR_RE, actor_expected) if f.source else None,
        target=_code("target", f.target, ACTOR_RE, actor_expected) if f.target else None,
        dyad=_dyad(f.dyad),
        either_direction=bool(f.either_direction),
        country=_code("country", f.country, THREE_RE, "an ISO3 country code like MEX")
        if f.country else None,
        role=_code("role", f.role, THREE_RE, "a role code like GOV or MIL") if f.role else None,
        cameo=_codes("cameo", f.cameo, CAMEO_RE, "CAMEO codes like 12 or 1212"),
        cameo_root=_codes("cameo_root", f.cameo_root, ROOT_RE, "CAMEO roots 01 to 20"),
        plover=_codes("plover", f.plover, re.compile("^(" + "|".join(PLOVER_TYPES) + ")$"),
                      "PLOVER types among " + ", ".join(PLOVER_TYPES)),
        quad_class=[_quad(q) for q in _listed(f.quad_class)],
        goldstein_min=_number("goldstein_min", f.goldstein_min, -10, 10),
        goldstein_max=_number("goldstein_max", f.goldstein_max, -10, 10),
        since=_day("since", f.since),
        until=_day("until", f.until),
        text=_text(f.text),
        modality=[_modality(m) for m in _listed(f.modality)],
        article_id=_article(f.article_id),
        min_mentions=_count("min_mentions", f.min_mentions),
        min_sources=_count("min_sources", f.min_sources),
    )
    if out.since and out.until and out.since > out.until:
        raise _bad("since", f"a date on or before until ({out.until})", out.since)
    if out.goldstein_min is not None and out.goldstein_max is not None \
            and out.goldstein_min > out.goldstein_max:
        raise _bad("goldstein_min", f"at most goldstein_max ({out.goldstein_max:g})",
                   out.goldstein_min)
    return out


def _quad(value: Any) -> int:
    number = _number("quad_class", value, 1, 4)
    if number is None or number != int(number):
        raise _bad("quad_class", "whole numbers 1 to 4", value)
    return int(number)


def _modality(value: Any) -> str:
    text = str(value).strip().lower()
    if text not in MODALITIES:
        raise _bad("modality", "one of " + ", ".join(MODALITIES), value)
    return text


def _article(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not ID_RE.match(value):
        raise _bad("article_id", "an article id like u3f2a9c0d1e2b3a4f", value)
    return value


def check_paging(limit: Any, offset: Any, order: str = "date_desc") -> tuple[int, int, str]:
    """Checked limit, offset and ORDER BY clause."""
    lim = _number("limit", limit, 1, MAX_LIMIT)
    off = _number("offset", offset, 0, 1e15)
    if lim is None or lim != int(lim):
        raise _bad("limit", f"a whole number from 1 to {MAX_LIMIT}", limit)
    if off is None or off != int(off):
        raise _bad("offset", "a whole number from 0", offset)
    if order not in ORDERS:
        raise _bad("order", "one of " + ", ".join(ORDERS), order)
    return int(lim), int(off), ORDERS[order]


def parse_filter(**values: Any) -> EventFilter:
    """An EventFilter from user strings (CLI options, URL query parameters), checked.

    Lists are comma-separated; `dyad` is `MEX-USA`; empty values are ignored.
    """
    known = EventFilter.__dataclass_fields__
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise FilterError(f"E040 unknown filter '{unknown[0]}': choose from {', '.join(known)}")
    clean = {k: v for k, v in values.items() if v not in (None, "", (), [])}
    return check_filter(EventFilter(**clean))


def prefix_range(column: str, prefix: str, params: list[Any]) -> str:
    """`column` starts with `prefix`, as a range: both databases push a range into the
    scan (DuckDB zone maps, PostgreSQL B-tree on byte-ordered text) where LIKE they may not.

    Codes are upper-case ASCII letters and digits, so the bound is the last one plus one.
    """
    params.extend([prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)])
    return f"({column} >= ? AND {column} < ?)"


def _prefix_any(column: str, prefixes: list[str], params: list[Any]) -> str:
    return "(" + " OR ".join(prefix_range(column, p, params) for p in prefixes) + ")"


def _in(column: str, values: list[Any], params: list[Any]) -> str:
    params.extend(values)
    return f"{column} IN ({', '.join('?' for _ in values)})"


def _actor_clauses(f: EventFilter, params: list[Any]) -> list[str]:
    clauses = []
    if f.actor:
        # a condition on either of two columns is not pushed into a DuckDB scan anyway,
        # and there two prefix LIKEs cost a third less than two ranges (PostgreSQL reads
        # a prefix LIKE on its byte-ordered codes as a range, index and all)
        params.extend([f.actor + "%", f.actor + "%"])
        clauses.append("(source_code LIKE ? OR target_code LIKE ?)")
    if f.source:
        clauses.append(_prefix_any("source_code", [f.source], params))
    if f.target:
        clauses.append(_prefix_any("target_code", [f.target], params))
    if f.dyad:
        a, b = f.dyad
        pairs = [(a, b), (b, a)] if f.either_direction else [(a, b)]
        if f.either_direction:
            # implied by the pairs below, but each on one column: the databases push a
            # one-column condition into the scan (zone maps, index) and an OR of pairs not
            clauses.append(_prefix_any("source_code", [a, b], params))
            clauses.append(_prefix_any("target_code", [a, b], params))
        parts = []
        for s, t in pairs:
            parts.append(f"({prefix_range('source_code', s, params)} AND "
                         f"{prefix_range('target_code', t, params)})")
        clauses.append("(" + " OR ".join(parts) + ")")
    if f.country:
        params.extend([f.country, f.country])
        clauses.append("(source_country = ? OR target_country = ?)")
    if f.role:
        params.extend([f"%,{f.role},%", f"%,{f.role},%"])
        clauses.append("(',' || coalesce(source_roles, '') || ',' LIKE ? OR "
                       "',' || coalesce(target_roles, '') || ',' LIKE ?)")
    return clauses


def _event_clauses(f: EventFilter, params: list[Any]) -> list[str]:
    clauses = []
    if f.cameo:
        clauses.append(_prefix_any("cameo", f.cameo, params))
    for column, values in (("cameo_root", f.cameo_root), ("plover_type", f.plover),
                           ("quad_class", f.quad_class), ("modality", f.modality)):
        if values:
            clauses.append(_in(column, values, params))
    for clause, value in (("goldstein >= ?", f.goldstein_min), ("goldstein <= ?", f.goldstein_max),
                          ("date >= ?", f.since and date.fromisoformat(f.since)),
                          ("date <= ?", f.until and date.fromisoformat(f.until)),
                          ("article_id = ?", f.article_id)):
        if value is not None:
            params.append(value)
            clauses.append(clause)
    return clauses


AGGREGATE_KEY = "date, source_code, coalesce(target_code, ''), cameo"


def where_clause(flt: EventFilter | None) -> tuple[str, list[Any]]:
    """`WHERE ...` (or an empty string) over the mentions table, and its parameters.

    `min_mentions` / `min_sources` keep mentions whose aggregated event is that big.
    """
    f = check_filter(flt)
    params: list[Any] = []
    clauses = mention_clauses(f, params)
    having_params: list[Any] = []
    having = having_clause(f, having_params)
    if having:
        inner = " AND ".join(clauses) or "TRUE"
        clauses.append(f"({AGGREGATE_KEY}) IN (SELECT {AGGREGATE_KEY} FROM mentions "
                       f"WHERE {inner} GROUP BY {AGGREGATE_KEY} {having})")
        params = params + params + having_params
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def mention_clauses(f: EventFilter, params: list[Any]) -> list[str]:
    """The conditions on single mentions (no aggregate thresholds); appends parameters.

    The text test reads the widest column, so it is guarded by the others in a CASE: a
    database may evaluate a plain AND in any order (DuckDB has run it first, on every
    sentence), but a CASE branch only runs for the rows its condition lets through."""
    own: list[Any] = []
    clauses = _actor_clauses(f, own) + _event_clauses(f, own)
    params.extend(own)
    if f.text:
        guard = " AND ".join(clauses) or "TRUE"
        params.extend([*own, f.text.lower()])
        clauses.append(f"(CASE WHEN {guard} THEN strpos(lower(sentence), ?) > 0 "
                       "ELSE FALSE END)")
    return clauses


def having_clause(f: EventFilter, params: list[Any]) -> str:
    """`HAVING ...` for the aggregated-event thresholds (appends its parameters)."""
    clauses = []
    if f.min_mentions is not None:
        params.append(f.min_mentions)
        clauses.append("count(*) >= ?")
    if f.min_sources is not None:
        params.append(f.min_sources)
        clauses.append("count(DISTINCT coalesce(outlet, article_id)) >= ?")
    return ("HAVING " + " AND ".join(clauses)) if clauses else ""
