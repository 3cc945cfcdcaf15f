"""WARC and ARC archives (warcio): each HTML response becomes a page to extract.

Only successful (HTTP 200) responses and resource records with HTML are read; requests,
metadata, redirects and images are passed over silently, as they are not articles. A
corrupt record does not end the archive: its position is reported in one line and
reading resumes at the next record boundary (the next gzip member in a .warc.gz, the
next `WARC/1.x` header line in a plain .warc).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from dyadwatch.ingest.files import Item, Problem, skip
from dyadwatch.ingest.html import MAX_PAGE_BYTES, RawPage
from dyadwatch.model import parse_datetime

_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MARKERS = (b"\nWARC/1.", b"\nWARC/0.")
_SCAN_CHUNK = 1 << 20


def read_warc(path: Path) -> Iterator[Item]:
    """Pages from one archive, resuming after corrupt records."""
    try:
        with open(path, "rb") as fh:
            gzipped = fh.read(2) == _GZIP_MAGIC[:2]
            offset: int | None = 0
            while offset is not None:
                offset = yield from _read_from(fh, offset, path, gzipped)
    except OSError as exc:
        yield Problem(str(path), f"cannot read: {exc.strerror or exc}")


def _read_from(fh: IO[bytes], offset: int, path: Path,
               gzipped: bool) -> Iterator[Item]:
    """Records from `offset` on; returns where to resume after a corrupt one, or None."""
    from warcio.archiveiterator import ArchiveIterator

    fh.seek(offset)
    records = ArchiveIterator(fh, arc2warc=True)
    current = offset
    try:
        for record in records:
            current = records.offset  # get_record_offset() would consume the record
            if record.rec_headers.get_header("Content-Length") is None:
                yield Problem(f"{path}@{current}", "record has no Content-Length (the archive "
                                                   "is truncated or corrupt here): skipped")
                continue
            item = _record_item(record, f"{path}@{current}")
            if item is not None:
                yield item
        end = records.offset
        if end < os.fstat(fh.fileno()).st_size - 4:  # a little slack for trailing newlines
            yield Problem(f"{path}@{end}", "archive ends inside a record (truncated?): "
                                           "the last record was not read")
        return None
    except Exception as exc:  # noqa: BLE001 (warcio, zlib, header parsers raise many kinds)
        bad = max(current, getattr(records, "offset", current))
        resume = _next_record(fh, bad + 1, gzipped)
        then = f"resumed at byte {resume}" if resume is not None else "no records after it"
        yield Problem(f"{path}@{bad}", f"corrupt WARC record ({_short(exc)}): skipped, {then}")
        return resume


def _record_item(record: Any, where: str) -> Item | None:
    """A page for an HTML response (or resource) record; None for any other record."""
    content_type, status = _content_type_and_status(record)
    if record.rec_type not in ("response", "resource") or status != "200":
        return None
    if content_type and "html" not in content_type:
        return None
    content = _read_capped(record.content_stream(), MAX_PAGE_BYTES + 1)
    if len(content) > MAX_PAGE_BYTES:
        return skip(where, "page too large", f"over the {MAX_PAGE_BYTES:,}-byte cap")
    if getattr(record.raw_stream, "limit", 0) > 0:
        return Problem(where, "record is truncated (the archive ends inside it): skipped")
    if not content_type and b"<html" not in content[:2048].lower():
        return None
    headers = record.rec_headers
    return RawPage(where=where, content=content, url=headers.get_header("WARC-Target-URI"),
                   charset=_charset(content_type), published=_warc_date(headers))


def _read_capped(stream: Any, cap: int) -> bytes:
    """Up to `cap` bytes (warcio's reader returns short reads; decoded bodies may be bombs)."""
    chunks, size = [], 0
    while size < cap and (chunk := stream.read(min(1 << 16, cap - size))):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _content_type_and_status(record: Any) -> tuple[str, str]:
    if record.rec_type == "resource" or record.http_headers is None:
        return (record.rec_headers.get_header("Content-Type") or "").lower(), "200"
    return ((record.http_headers.get_header("Content-Type") or "").lower(),
            record.http_headers.get_statuscode())


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key == "charset" and value:
            return value.strip("\"' ")
    return None


def _warc_date(headers: Any):
    value = headers.get_header("WARC-Date")
    try:
        return parse_datetime(value) if value else None
    except ValueError:
        return None


def _next_record(fh: IO[bytes], start: int, gzipped: bool) -> int | None:
    """The byte offset of the next record boundary at or after `start`, if any."""
    markers = (_GZIP_MAGIC,) if gzipped else _WARC_MARKERS
    skew = 0 if gzipped else 1  # a WARC marker includes the newline before the record
    fh.seek(max(start - skew, 0))
    position = max(start - skew, 0)
    tail = b""
    while chunk := fh.read(_SCAN_CHUNK):
        window = tail + chunk
        hits = [i for i in (window.find(m) for m in markers) if i >= 0]
        if hits:
            return position - len(tail) + min(hits) + skew
        tail = window[-8:]
        position += len(chunk)
    return None


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    text = text if text.isprintable() else text.encode("ascii", "replace").decode()
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__
