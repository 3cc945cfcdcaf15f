"""RSS and Atom feeds (feedparser): each entry becomes a page to extract.

An entry that carries its full article (`content:encoded`, Atom `content`) is used as is;
otherwise its link is fetched (with the same safety checks as any URL) and the page
extracted. The entry's date, title and author fill in what the page lacks. Entry links
already ingested are not fetched again, and the feed itself is fetched with a
conditional GET, so polling a feed costs little when nothing changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyadwatch.ingest.files import Item, Problem, skip
from dyadwatch.ingest.html import RawPage

if TYPE_CHECKING:
    from dyadwatch.ingest.url import Fetcher

FULL_CONTENT_CHARS = 500  # an entry with this much text is a full article, not a teaser
MAX_FEED_BYTES = 16 * 1024 * 1024
_TAG = re.compile(r"<[^>]+>")


def read_feed_list(path: str | Path) -> list[str]:
    """Feed URLs (or feed files), one a line; blank lines and '#' comments are ignored."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def read_feed_file(path: Path, fetcher: Fetcher | None = None) -> Iterator[Item]:
    """A feed saved to disk; entries without full content are fetched from their links."""
    try:
        if path.stat().st_size > MAX_FEED_BYTES:
            yield skip(str(path), "feed too large", f"over {MAX_FEED_BYTES:,} bytes")
            return
        content = path.read_bytes()
    except OSError as exc:
        yield Problem(str(path), f"cannot read: {exc.strerror or exc}")
        return
    yield from read_feed_bytes(content, str(path), fetcher)


def read_feed_bytes(content: bytes, where: str, fetcher: Fetcher | None = None,
                    base_url: str | None = None,
                    content_type: str = "application/xml") -> Iterator[Item]:
    """The entries of one feed document, in feed order. A feed that is not well-formed
    XML is an error (it is broken at its source), but the entries feedparser could still
    recover are read."""
    import feedparser

    headers = {"content-type": content_type or "application/xml"}
    if base_url:
        headers["content-location"] = base_url
    parsed = feedparser.parse(content, response_headers=headers)
    broken = parsed.bozo and not isinstance(
        parsed.get("bozo_exception"),
        (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType))
    if not parsed.entries:
        if broken:
            why = _describe(parsed.get("bozo_exception"))
            yield Problem(where, f"malformed feed ({why}): no entries read")
        elif not parsed.version:
            yield Problem(where, "not an RSS or Atom feed: no entries read")
        else:
            yield skip(where, "empty feed")
        return
    if broken:
        yield Problem(where, f"malformed feed ({_describe(parsed.get('bozo_exception'))}): "
                             f"read the {len(parsed.entries)} entries that could be recovered")
    outlet = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries, 1):
        yield from entry_items(entry, f"{where} entry {index}", fetcher, outlet)


def entry_items(entry: Any, where: str, fetcher: Fetcher | None,
                outlet: str | None) -> Iterator[Item]:
    """One entry: its own full content, else the page its link points to."""
    link = entry.get("link") or None
    meta = {"published": _entry_date(entry), "title": entry.get("title") or None,
            "author": entry.get("author") or None, "source": outlet}
    content = _entry_html(entry)
    if content and len(_TAG.sub(" ", content).strip()) >= FULL_CONTENT_CHARS:
        yield RawPage(where=link or where, content=_wrap(content, meta["title"]), url=link,
                      fetched_from=link, **meta)
        return
    if not link:
        yield skip(where, "entry without link or full content")
        return
    yield from _follow(link, where, fetcher, meta)


def _follow(link: str, where: str, fetcher: Fetcher | None,
            meta: dict[str, Any]) -> Iterator[Item]:
    from dyadwatch.ingest.url import fetch_items

    for item in fetch_items(link, fetcher):
        if isinstance(item, RawPage):
            item.published = meta["published"]
            item.title, item.author = meta["title"], meta["author"]
            item.source = item.source or meta["source"]
        elif isinstance(item, Problem) and not item.skipped:
            item.where = f"{where} ({link})"
        yield item


def _entry_html(entry: Any) -> str | None:
    for part in entry.get("content") or []:
        if part.get("value"):
            return part["value"]
    return entry.get("summary") or None


def _wrap(fragment: str, title: str | None) -> bytes:
    head = f"<title>{escape(title)}</title>" if title else ""
    return (f'<html><head><meta charset="utf-8">{head}</head><body><article>'
            f"{fragment}</article></body></html>").encode()


def _entry_date(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime(*parsed[:6], tzinfo=timezone.utc)  # feedparser normalises to UTC


def _describe(exc: object) -> str:
    if exc is None:
        return "unknown problem"
    message = getattr(exc, "getMessage", lambda: str(exc))()
    line = getattr(exc, "getLineNumber", lambda: None)()
    return f"{message} at line {line}" if line else str(message)
