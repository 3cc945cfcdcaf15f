"""GDELT-style aggregation: many mentions of one happening become one event.

Mentions with the same date, source actor, target actor and CAMEO code (from any
article or sentence) form one aggregated event, with NumMentions (mentions),
NumSources (distinct outlets; an article of unknown outlet counts as its own source),
NumArticles and AvgTone. Each aggregated event has a readable key,
`2025-02-22:MEXGOV:USA:111`, from which its mentions stay reachable
(`store.mentions(key)`); GDELT's numeric GLOBALEVENTID is a hash of that key.

The SQL here runs unchanged on DuckDB and PostgreSQL; `aggregate_events` does the same
in memory, for events that were never stored.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import IO, Any

import pandas as pd

from dyadwatch.errors import FilterError
from dyadwatch.export import _text_out, gdelt_event_id, gdelt_row
from dyadwatch.model import Event

AGGREGATE_COLUMNS = [
    "event_key", "global_event_id", "date", "source_code", "source_name", "source_country",
    "target_code", "target_name", "target_country", "cameo", "cameo_root", "quad_class",
    "goldstein", "num_mentions", "num_sources", "num_articles", "avg_tone", "is_root",
    "first_mention", "url",
]
QUADS = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]
TIMELINE_COLUMNS = ["period", "direction", "source", "target", "events", "goldstein_mean",
                    "goldstein_sum", *QUADS]
PERIODS = {"day": "1D", "week": "7D", "month": "MS", "quarter": "QS-JAN", "year": "YS"}
MENTION_TSV_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
]


def event_key(day: Any, source: str, target: str | None, cameo: str) -> str:
    """The aggregated event a mention belongs to: `date:source:target:cameo`."""
    day = day.isoformat() if isinstance(day, (date, datetime)) else (day or "")
    return f"{day}:{source}:{target or ''}:{cameo}"


def parse_event_key(key: str) -> tuple[str | None, str, str | None, str]:
    """(date, source, target, cameo) from an event key; a malformed key is a FilterError."""
    parts = key.split(":")
    if len(parts) != 4 or not parts[1] or not parts[3]:
        raise FilterError(f"E042 event key must be date:source:target:cameo, not {key!r}")
    day, source, target, cameo = parts
    if day:
        try:
            date.fromisoformat(day)
        except ValueError:
            raise FilterError(f"E042 event key {key!r}: bad date {day!r}") from None
    return day or None, source, target or None, cameo


def aggregate_sql(where: str, having: str, order: bool = True, extra: str = "") -> str:
    """Aggregated events over the mentions matching `where`, thresholds in `having`;
    `extra` adds columns of the first mention (`m`). `where` appears twice (so that the
    first mentions are looked up among matching rows only): pass its parameters twice,
    around the HAVING ones."""
    sql = f"""
    SELECT g.*, m.id AS first_mention, m.url AS url{extra} FROM (
      SELECT date, source_code, min(source_name) AS source_name,
             min(source_country) AS source_country, target_code,
             min(target_name) AS target_name, min(target_country) AS target_country,
             cameo, min(cameo_root) AS cameo_root, min(quad_class) AS quad_class,
             avg(goldstein) AS goldstein, count(*) AS num_mentions,
             count(DISTINCT coalesce(outlet, article_id)) AS num_sources,
             count(DISTINCT article_id) AS num_articles, avg(tone) AS avg_tone,
             bool_or(is_root) AS is_root, min(seq) AS first_seq
      FROM mentions {where}
      GROUP BY date, source_code, target_code, cameo {having}
    ) g JOIN (SELECT * FROM mentions {where}) m ON m.seq = g.first_seq"""
    if order:
        sql += ("\n    ORDER BY g.date DESC NULLS LAST, g.num_mentions DESC, g.source_code,"
                " g.target_code NULLS FIRST, g.cameo")
    return sql


def aggregate_frame(columns: list[str], rows: list[tuple]) -> pd.DataFrame:
    """The DataFrame of aggregated events from query rows (either backend)."""
    records = [dict(zip(columns, row)) for row in rows]
    for r in records:
        r["event_key"] = event_key(r["date"], r["source_code"], r["target_code"], r["cameo"])
        r["global_event_id"] = gdelt_event_id(r["event_key"])
        r["date"] = r["date"].isoformat() if r["date"] is not None else None
    frame = pd.DataFrame.from_records(records, columns=AGGREGATE_COLUMNS)
    return frame.astype({"num_mentions": "int64", "num_sources": "int64",
                         "num_articles": "int64", "quad_class": "int64",
                         "goldstein": "float64", "avg_tone": "float64", "is_root": "bool"})


def aggregate_events(events: Iterable[Event]) -> pd.DataFrame:
    """Aggregate events in memory, exactly as a store would (first mention = first seen)."""
    groups: dict[str, list[Event]] = {}
    for e in events:
        groups.setdefault(event_key(e.date, e.source.code, e.target and e.target.code,
                                    e.cameo), []).append(e)
    rows = []
    for mentions in groups.values():
        first = mentions[0]
        tones = [m.tone for m in mentions if m.tone is not None]
        rows.append((
            date.fromisoformat(first.date) if first.date else None, first.source.code,
            min((m.source.name for m in mentions if m.source.name), default=None),
            min((m.source.country for m in mentions if m.source.country), default=None),
            first.target.code if first.target else None,
            min((m.target.name for m in mentions if m.target and m.target.name), default=None),
            min((m.target.country for m in mentions if m.target and m.target.country),
                default=None),
            first.cameo, min(m.cameo_root for m in mentions),
            min(m.quad_class for m in mentions),
            sum(m.goldstein for m in mentions) / len(mentions), len(mentions),
            len({m.outlet or m.article_id for m in mentions}),
            len({m.article_id for m in mentions}),
            sum(tones) / len(tones) if tones else None, any(m.is_root for m in mentions),
            first.id, first.url,
        ))
    columns = ["date", "source_code", "source_name", "source_country", "target_code",
               "target_name", "target_country", "cameo", "cameo_root", "quad_class",
               "goldstein", "num_mentions", "num_sources", "num_articles", "avg_tone",
               "is_root", "first_mention", "url"]
    frame = aggregate_frame(columns, rows)
    return frame.sort_values(
        ["date", "num_mentions", "source_code", "target_code", "cameo"],
        ascending=[False, False, True, True, True], na_position="first", kind="stable",
    ).reset_index(drop=True)


def check_period(by: str) -> str:
    if by not in PERIODS:
        raise FilterError(f"E043 timeline period must be one of {', '.join(PERIODS)}, not {by!r}")
    return by


def timeline_sql(by: str, where: str) -> str:
    """Per period and direction counts; direction 0 is a->b (first two parameters)."""
    quads = ", ".join(f"sum(CASE WHEN quad_class = {q} THEN 1 ELSE 0 END) AS q{q}"
                      for q in range(1, 5))
    return f"""
    SELECT CAST(date_trunc('{check_period(by)}', CAST(date AS TIMESTAMP)) AS DATE) AS period,
           CASE WHEN source_code LIKE ? AND target_code LIKE ? THEN 0 ELSE 1 END AS dir,
           count(*) AS events, avg(goldstein) AS goldstein_mean,
           sum(goldstein) AS goldstein_sum, {quads}
    FROM mentions {where} AND date IS NOT NULL
    GROUP BY 1, 2 ORDER BY 1, 2"""


def _periods(first: date, last: date, by: str) -> list[date]:
    return [d.date() for d in pd.date_range(first, last, freq=PERIODS[by])]


def _trunc(day: date, by: str) -> date:
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    if by == "year":
        return day.replace(month=1, day=1)
    return day


def timeline_frame(rows: list[tuple], a: str, b: str, by: str,
                   since: str | None, until: str | None) -> pd.DataFrame:
    """A dense timeline: every period from the first to the last (or since/until), both
    directions, zero where nothing happened (Goldstein mean NaN there)."""
    found = {(r[0], r[1]): r for r in rows}
    days = [r[0] for r in rows]
    first = _trunc(date.fromisoformat(since), by) if since else min(days, default=None)
    last = _trunc(date.fromisoformat(until), by) if until else max(days, default=None)
    records = []
    directions = [(a, b)] if a == b else [(a, b), (b, a)]
    for period in _periods(first, last, by) if first and last else []:
        for d, (src, tgt) in enumerate(directions):
            r = found.get((period, d))
            n = int(r[2]) if r else 0
            shares = [int(r[5 + q]) / n if r else 0.0 for q in range(4)]
            records.append((pd.Timestamp(period), f"{src}->{tgt}", src, tgt, n,
                            float(r[3]) if r else float("nan"), float(r[4]) if r else 0.0,
                            *shares))
    frame = pd.DataFrame.from_records(records, columns=TIMELINE_COLUMNS)
    return frame.astype({"events": "int64", "goldstein_mean": "float64",
                         "goldstein_sum": "float64", **{q: "float64" for q in QUADS}})


def write_gdelt(aggregated: Iterable[tuple[dict[str, Any], Event]],
                out: str | IO[str] | None) -> int:
    """GDELT 2.0 event rows, one per aggregated event, from (aggregate, first mention)."""
    n = 0
    with _text_out(out) as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                            escapechar="\\")
        for agg, first in aggregated:
            first.id = agg["event_key"]
            first.tone = agg["avg_tone"]
            first.is_root = bool(agg["is_root"])
            row = gdelt_row(first, int(agg["num_mentions"]), int(agg["num_sources"]),
                            int(agg["num_articles"]))
            writer.writerow([c.replace("\t", " ").replace("\n", " ") for c in row])
            n += 1
    return n


MENTION_TSV_SQL = """
    SELECT m.date, m.source_code, m.target_code, m.cameo, a.published, a.ingested_at,
           m.outlet, coalesce(m.url, m.article_id), m.sentence_index, m.source_start,
           m.target_start, m.verb_start, m.confidence, length(a.text), m.tone, m.id
    FROM (SELECT * FROM mentions {where}) m LEFT JOIN articles a ON a.id = m.article_id
    ORDER BY m.seq"""


def _stamp(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y%m%d%H%M%S")
    if isinstance(value, date):
        return value.strftime("%Y%m%d") + "000000"
    return ""


def _offset(value: int | None) -> str:
    return "-1" if value is None else str(value)


def mention_tsv_row(r: tuple) -> list[str]:
    """One GDELT 2.0 mentions row. Character offsets are into the sentence (SentenceID is
    1-based); Extras holds the dyadwatch mention id, so every row leads to its evidence."""
    (day, source, target, cameo, published, ingested, outlet, ident, sentence, s_off, t_off,
     v_off, confidence, doc_len, tone, mention_id) = r
    key = event_key(day, source, target, cameo)
    return [
        str(gdelt_event_id(key)), _stamp(day), _stamp(published or ingested or day), "1",
        outlet or "", ident, str(sentence + 1), _offset(s_off), _offset(t_off), _offset(v_off),
        "1", str(round((confidence or 0.0) * 100)), "" if doc_len is None else str(doc_len),
        "" if tone is None else f"{tone:.4f}", "", mention_id,
    ]


def write_mentions_tsv(rows: Iterable[tuple], out: str | IO[str] | None) -> int:
    """Write GDELT 2.0 mentions rows (tuples from MENTION_TSV_SQL); returns the count."""
    n = 0
    with _text_out(out) as fh:
        for r in rows:
            fh.write("\t".join(c.replace("\t", " ").replace("\n", " ")
                               for c in mention_tsv_row(r)) + "\n")
            n += 1
    return n


def batched(rows: Iterator[list[tuple]]) -> Iterator[tuple]:
    for batch in rows:
        yield from batch
