"""Data model <-> table rows: how an Event, Article or Quote is laid out in the store.

Both backends share this, so an event stored in DuckDB or PostgreSQL comes back the
same. Mentions travel to the database as Arrow tables (one bulk insert a batch, never
row by row); the columns are those of `schema.MENTION_COLUMNS`.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime, timezone
from typing import Any

import pyarrow as pa

from dyadwatch.errors import StoreError
from dyadwatch.export import flat_row
from dyadwatch.model import Actor, Article, Event, Evidence, Place, Quote, Span
from dyadwatch.store.schema import ARTICLE_COLUMNS, MENTION_COLUMNS, QUOTE_COLUMNS

ARROW_TYPES = {
    "TEXT": pa.string(), "{code}": pa.string(), "{key}": pa.string(), "{wide}": pa.string(),
    "INTEGER": pa.int32(), "SMALLINT": pa.int16(),
    "BIGINT": pa.int64(), "FLOAT8": pa.float64(), "BOOLEAN": pa.bool_(), "DATE": pa.date32(),
    "TIMESTAMPTZ": pa.timestamp("us", tz="UTC"),
}
MENTION_NAMES = [name for name, _ in MENTION_COLUMNS]
ARTICLE_NAMES = [name for name, _ in ARTICLE_COLUMNS]
QUOTE_NAMES = [name for name, _ in QUOTE_COLUMNS]


def arrow_schema(columns: list[tuple[str, str]]) -> pa.Schema:
    return pa.schema([(name, ARROW_TYPES[sql_type]) for name, sql_type in columns])


MENTION_SCHEMA = arrow_schema(MENTION_COLUMNS)
ARTICLE_SCHEMA = arrow_schema(ARTICLE_COLUMNS)
QUOTE_SCHEMA = arrow_schema(QUOTE_COLUMNS)


def _clean(value: Any) -> Any:
    # PostgreSQL text cannot hold NUL; strip it in both stores so they agree.
    return value.replace("\x00", "") if isinstance(value, str) else value


def _date(event: Event) -> date | None:
    if not event.date:
        return None
    try:
        return date.fromisoformat(event.date)
    except ValueError:
        raise StoreError(
            f"E032 event '{event.id}': date must be YYYY-MM-DD, not '{event.date}'"
        ) from None


def _detail(e: Event) -> str | None:
    detail = {
        key: asdict(value)
        for key, value in (
            ("location", e.location), ("source_place", e.source_place),
            ("target_place", e.target_place), ("evidence_source", e.evidence.source),
            ("evidence_target", e.evidence.target),
        )
        if value is not None
    }
    return json.dumps(detail, ensure_ascii=False) if detail else None


def mention_row(e: Event) -> dict[str, Any]:
    """The stored row of one mention: the flat export row plus spans and detail."""
    row = flat_row(e)
    row["date"] = _date(e)
    row["source_start"], row["source_end"] = e.source.start, e.source.end
    row["target_start"] = e.target.start if e.target else None
    row["target_end"] = e.target.end if e.target else None
    row["detail"] = _detail(e)
    return {k: _clean(row[k]) for k in MENTION_NAMES}


def article_row(a: Article, stored_at: datetime) -> dict[str, Any]:
    row = {
        "id": a.id, "url": a.url, "outlet": a.source, "title": a.title,
        "published": a.published, "language": a.language, "ingested_at": a.ingested_at,
        "author": a.author, "duplicate_of": a.duplicate_of, "tone": a.tone, "text": a.text,
        "stored_at": stored_at,
    }
    return {k: _clean(v) for k, v in row.items()}


def quote_row(q: Quote, article_id: str, index: int) -> dict[str, Any]:
    row = {
        "article_id": article_id, "quote_index": index, "sentence_index": q.sentence_index,
        "speaker_code": q.speaker.code if q.speaker else None,
        "speaker": json.dumps(asdict(q.speaker), ensure_ascii=False) if q.speaker else None,
        "text": q.text, "verb": q.verb, "start_char": q.start, "end_char": q.end,
        "direct": q.direct,
    }
    return {k: _clean(v) for k, v in row.items()}


def to_arrow(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema)


def _roles(text: str | None) -> list[str]:
    return [r for r in (text or "").split(",") if r]


def _span(d: dict[str, Any] | None) -> Span | None:
    return Span(**d) if d else None


def event_from_row(r: dict[str, Any]) -> Event:
    """An Event from a stored mention row (a dict keyed by column name)."""
    detail = json.loads(r["detail"]) if r.get("detail") else {}
    target = None
    if r["target_code"] is not None:
        target = Actor(r["target_code"], r["target_name"], r["target_country"],
                       _roles(r["target_roles"]), r["target_text"], r.get("target_start"),
                       r.get("target_end"))
    verb = None
    if r["verb_text"] is not None:
        verb = Span(r["verb_text"], r["verb_start"], r["verb_end"])
    location = Place.from_dict(detail.get("location"))
    if location is None and r["location_name"] is not None:  # rows bulk-loaded without detail
        location = Place(r["location_name"], r["location_geonames_id"], r["location_country"],
                         lat=r["location_lat"], lon=r["location_lon"])
    day = r["date"]
    return Event(
        id=r["id"], article_id=r["article_id"], sentence_index=r["sentence_index"],
        event_index=r["event_index"], sentence=r["sentence"] or "",
        date=day.isoformat() if isinstance(day, (date, datetime)) else day,
        source=Actor(r["source_code"], r["source_name"], r["source_country"],
                     _roles(r["source_roles"]), r["source_text"], r.get("source_start"),
                     r.get("source_end")),
        target=target, cameo=r["cameo"], cameo_root=r["cameo_root"],
        quad_class=r["quad_class"], goldstein=r["goldstein"], plover_type=r["plover_type"],
        plover_mode=r["plover_mode"], plover_context=r["plover_context"],
        negated=bool(r["negated"]), modality=r["modality"] or "asserted",
        evidence=Evidence(verb=verb, rule=r["rule"] or "",
                          source=_span(detail.get("evidence_source")),
                          target=_span(detail.get("evidence_target")), quote=r["quote"]),
        confidence=r["confidence"] if r["confidence"] is not None else 0.0,
        location=location, source_place=Place.from_dict(detail.get("source_place")),
        target_place=Place.from_dict(detail.get("target_place")), tone=r["tone"],
        is_root=bool(r["is_root"]), url=r["url"], outlet=r["outlet"],
    )


def article_from_row(r: dict[str, Any]) -> Article:
    def utc(t: datetime | None) -> datetime | None:
        return t.astimezone(timezone.utc) if t is not None else None

    return Article(
        id=r["id"], text=r["text"] or "", url=r["url"], source=r["outlet"], title=r["title"],
        published=utc(r["published"]), language=r["language"],
        ingested_at=utc(r["ingested_at"]), author=r["author"],
        duplicate_of=r["duplicate_of"], tone=r["tone"],
    )


def quote_from_row(r: dict[str, Any]) -> Quote:
    speaker = Actor.from_dict(json.loads(r["speaker"])) if r["speaker"] else None
    return Quote(speaker=speaker, text=r["text"], verb=r["verb"], start=r["start_char"],
                 end=r["end_char"], direct=bool(r["direct"]), article_id=r["article_id"],
                 sentence_index=r["sentence_index"])
