"""Events out: JSON Lines, GDELT 2.0 event TSV, PLOVER JSON, CSV and Parquet, streamed.

    >>> write_events(events, "events.parquet")            # doctest: +SKIP
    >>> write_events(events, sys.stdout, fmt="gdelt")      # doctest: +SKIP

Every writer takes an iterable and writes as it goes, so a corpus of any size passes
through in constant memory.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from dyadwatch.errors import DyadwatchError
from dyadwatch.model import Actor, Event, Place

FORMATS = ("jsonl", "gdelt", "plover", "csv", "parquet")
EXTENSIONS = {".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl", ".tsv": "gdelt",
              ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor{n}{c}" for n in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
       "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"{g}Geo_{c}" for g in ("Actor1", "Actor2", "Action") for c in (
        "Type", "Fullname", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")]
    + ["DATEADDED", "SOURCEURL"]
)
assert len(GDELT_COLUMNS) == 61
# Flat columns for CSV and Parquet: one row per event mention.
FLAT_COLUMNS = [
    "id", "article_id", "sentence_index", "event_index", "date", "source_code", "source_name",
    "source_country", "source_roles", "source_text", "target_code", "target_name",
    "target_country", "target_roles", "target_text", "cameo", "cameo_root", "quad_class",
    "goldstein", "plover_type", "plover_mode", "plover_context", "negated", "modality",
    "confidence", "verb_text", "verb_start", "verb_end", "rule", "quote", "location_name",
    "location_country", "location_lat", "location_lon", "location_geonames_id", "tone",
    "is_root", "url", "outlet", "sentence",
]


def format_for(path: str | None, fmt: str | None) -> str:
    """The output format: `fmt` if given, else from the file extension, else JSON Lines."""
    if fmt:
        if fmt not in FORMATS:
            raise DyadwatchError(f"unknown format '{fmt}': choose one of {', '.join(FORMATS)}")
        return fmt
    if path and path != "-":
        return EXTENSIONS.get(Path(path).suffix.lower(), "jsonl")
    return "jsonl"


def gdelt_event_id(event_id: str) -> int:
    """A stable positive 63-bit integer for GDELT's numeric GLOBALEVENTID."""
    return int(hashlib.sha1(event_id.encode()).hexdigest()[:15], 16)


def _actor_cols(actor: Actor | None) -> list[str]:
    if actor is None:
        return [""] * 10
    roles = [r for r in actor.roles if r not in ("IGO", "NGO", "MNC")][:3]
    group = actor.code if actor.country is None and actor.code[:3] in ("IGO", "NGO", "MNC") else ""
    return [actor.code, (actor.name or "").upper(), actor.country or "", group, "", "", "",
            *(roles + ["", "", ""])[:3]]


GEO_TYPES = {"country": "1", "admin1": "5", "city": "4"}


def _geo_cols(place: Place | None) -> list[str]:
    if place is None:
        return [""] * 8
    geo_type = GEO_TYPES.get(place.feature_type or "", "")
    if place.country == "USA" and place.feature_type in ("admin1", "city"):
        geo_type = "2" if place.feature_type == "admin1" else "3"
    return [geo_type, place.name, place.country or "", place.admin1 or "", "",
            _num(place.lat), _num(place.lon), str(place.geonames_id or "")]


def _num(x: float | None) -> str:
    return "" if x is None else f"{x:.4f}"


def gdelt_row(e: Event, mentions: int = 1, sources: int = 1, articles: int = 1,
              added: datetime | None = None) -> list[str]:
    """One GDELT 2.0 event row (61 fields). Geo country codes are ISO 3166-1 alpha-3."""
    date = e.date or ""
    ymd = date.replace("-", "")
    if date:
        d = datetime.fromisoformat(date)
        fraction = f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"
    else:
        fraction = ""
    added = added or datetime.now(timezone.utc)
    return [
        str(gdelt_event_id(e.id)), ymd, ymd[:6], ymd[:4], fraction,
        *_actor_cols(e.source), *_actor_cols(e.target),
        "1" if e.is_root else "0", e.cameo, e.cameo[:3], e.cameo_root, str(e.quad_class),
        f"{e.goldstein:g}", str(mentions), str(sources), str(articles),
        "" if e.tone is None else f"{e.tone:.4f}",
        *_geo_cols(e.source_place), *_geo_cols(e.target_place), *_geo_cols(e.location),
        added.strftime("%Y%m%d%H%M%S"), e.url or "",
    ]


def plover_record(e: Event) -> dict[str, Any]:
    """A PLOVER-style record: actor and recipient, type, mode, context, the text."""
    return {
        "id": e.id,
        "event_date": e.date,
        "event_type": e.plover_type,
        "event_mode": [e.plover_mode] if e.plover_mode else [],
        "event_context": [e.plover_context] if e.plover_context else [],
        "actor": e.source.code,
        "actor_country": e.source.country,
        "actor_text": e.source.text,
        "recipient": e.target.code if e.target else None,
        "recipient_country": e.target.country if e.target else None,
        "recipient_text": e.target.text if e.target else None,
        "negated": e.negated,
        "modality": e.modality,
        "cameo": e.cameo,
        "event_text": e.sentence,
        "location": e.location.name if e.location else None,
        "article_id": e.article_id,
        "url": e.url,
    }


def flat_row(e: Event) -> dict[str, Any]:
    s, t, v, loc = e.source, e.target, e.evidence.verb, e.location
    return {
        "id": e.id, "article_id": e.article_id, "sentence_index": e.sentence_index,
        "event_index": e.event_index, "date": e.date, "source_code": s.code,
        "source_name": s.name, "source_country": s.country, "source_roles": ",".join(s.roles),
        "source_text": s.text, "target_code": t.code if t else None,
        "target_name": t.name if t else None, "target_country": t.country if t else None,
        "target_roles": ",".join(t.roles) if t else None, "target_text": t.text if t else None,
        "cameo": e.cameo, "cameo_root": e.cameo_root, "quad_class": e.quad_class,
        "goldstein": e.goldstein, "plover_type": e.plover_type, "plover_mode": e.plover_mode,
        "plover_context": e.plover_context, "negated": e.negated, "modality": e.modality,
        "confidence": e.confidence, "verb_text": v.text if v else None,
        "verb_start": v.start if v else None, "verb_end": v.end if v else None,
        "rule": e.evidence.rule, "quote": e.evidence.quote,
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "location_lat": loc.lat if loc else None, "location_lon": loc.lon if loc else None,
        "location_geonames_id": loc.geonames_id if loc else None, "tone": e.tone,
        "is_root": e.is_root, "url": e.url, "outlet": e.outlet, "sentence": e.sentence,
    }


@contextmanager
def _text_out(out: str | Path | IO[str] | None) -> Iterator[IO[str]]:
    if out is None or out == "-":
        yield sys.stdout
    elif isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            yield fh
    else:
        yield out


def write_events(events: Iterable[Event], out: str | Path | IO[str] | None = None,
                 fmt: str | None = None, flush_every: int = 0) -> int:
    """Write events to a path, a text stream or stdout; returns how many were written."""
    path = str(out) if isinstance(out, (str, Path)) else None
    fmt = format_for(path, fmt)
    if fmt == "parquet":
        if path is None or path == "-":
            raise DyadwatchError("Parquet needs an output file: use -o events.parquet")
        return _write_parquet(events, path)
    n = 0
    with _text_out(out) as fh:
        if fmt == "csv":
            writer = csv.DictWriter(fh, FLAT_COLUMNS)
            writer.writeheader()
        elif fmt == "gdelt":
            writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                                escapechar="\\")
        for e in events:
            if fmt == "jsonl":
                fh.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
            elif fmt == "plover":
                fh.write(json.dumps(plover_record(e), ensure_ascii=False) + "\n")
            elif fmt == "csv":
                writer.writerow(flat_row(e))
            else:
                writer.writerow([c.replace("\t", " ").replace("\n", " ") for c in gdelt_row(e)])
            n += 1
            if flush_every and n % flush_every == 0:
                fh.flush()
    return n


def parquet_schema():  # -> pyarrow.Schema
    import pyarrow as pa

    types = {"sentence_index": pa.int32(), "event_index": pa.int32(), "quad_class": pa.int8(),
             "goldstein": pa.float64(), "negated": pa.bool_(), "confidence": pa.float64(),
             "verb_start": pa.int32(), "verb_end": pa.int32(), "location_lat": pa.float64(),
             "location_lon": pa.float64(), "location_geonames_id": pa.int64(),
             "tone": pa.float64(), "is_root": pa.bool_()}
    return pa.schema([(c, types.get(c, pa.string())) for c in FLAT_COLUMNS])


def _write_parquet(events: Iterable[Event], path: str, batch: int = 10_000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    rows: list[dict[str, Any]] = []
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for e in events:
            rows.append(flat_row(e))
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema))
                n += len(rows)
                rows = []
        if rows or n == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema))
            n += len(rows)
    return n
