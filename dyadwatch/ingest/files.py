"""Inputs from files, folders, stdin and URLs: what `dyadwatch code` and `dyadwatch ingest` read.

`read_inputs` yields Articles and, for anything it cannot read, a `Problem` that names
the input (and line or byte offset); it never stops at a bad input. `iter_items` is the
same walk without the HTML extraction step, so that `dyadwatch ingest` can extract pages
in worker processes.

Kinds, by file name: .txt/.text/.md (one article a file), .jsonl/.ndjson (one article a
line, also compressed as .gz or .zst), .html/.htm, .warc/.arc (also .gz), .rss/.atom
(feeds), and http(s):// URLs.
"""

from __future__ import annotations

import json
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Union

from dyadwatch.model import Article, article_id_for, parse_datetime

if TYPE_CHECKING:
    from dyadwatch.ingest.html import RawPage
    from dyadwatch.ingest.url import Fetcher

TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
WARC_SUFFIXES = {".warc", ".arc"}
FEED_SUFFIXES = {".rss", ".atom"}
COMPRESSED_SUFFIXES = {".gz", ".zst"}
MAX_ARTICLE_CHARS = 100_000  # news articles are far shorter; longer texts are cut, with a warning
MAX_LINE_BYTES = 32 * 1024 * 1024  # a longer JSON line is skipped: guards against bombs
_CHUNK = 1 << 16


@dataclass
class Problem:
    """An input that could not be read (fatal), was skipped on purpose (skipped, with a
    short `reason` for the summary), or was read with a caveat (warning)."""

    where: str
    message: str
    fatal: bool = True
    skipped: bool = False
    reason: str = ""

    def __str__(self) -> str:
        kind = "error" if self.fatal else "skipped" if self.skipped else "warning"
        return f"{self.where}: {kind}: {self.message}"


def skip(where: str, reason: str, detail: str = "") -> Problem:
    """A deliberate skip: counted under `reason` in the summary, not a failure."""
    return Problem(where, f"{reason}{': ' + detail if detail else ''}", fatal=False,
                   skipped=True, reason=reason)


Item = Union[Article, "RawPage", Problem]


def read_inputs(inputs: Iterable[str], date: str | None = None,
                stdin: IO[str] | None = None,
                fetcher: Fetcher | None = None) -> Iterator[Article | Problem]:
    """Articles from files, folders (recursed, sorted), URLs and '-' (JSON Lines on stdin)."""
    from dyadwatch.ingest.html import RawPage, page_to_article

    for item in iter_items(inputs, date, stdin, fetcher):
        if isinstance(item, RawPage):
            yield from page_to_article(item)
        else:
            yield item


def iter_items(inputs: Iterable[str], date: str | None = None,
               stdin: IO[str] | None = None,
               fetcher: Fetcher | None = None) -> Iterator[Item]:
    """Articles, raw HTML pages (not yet extracted) and problems, in input order."""
    for name in inputs:
        if name == "-":
            yield from read_jsonl_lines(stdin or sys.stdin, "<stdin>", date)
        elif name.startswith(("http://", "https://")):
            from dyadwatch.ingest.url import fetch_items

            yield from fetch_items(name, fetcher)
        else:
            yield from _read_path(Path(name), date, fetcher)


def _read_path(path: Path, date: str | None, fetcher: Fetcher | None) -> Iterator[Item]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and kind_of(p) is not None)
        for p in files:
            yield from read_file(p, date, fetcher)
    elif path.exists():  # a file, or a named pipe
        yield from read_file(path, date, fetcher)
    else:
        yield Problem(str(path), "no such file or folder")


def kind_of(path: Path) -> str | None:
    """'text', 'jsonl', 'html', 'warc' or 'feed' from the file name, None if unknown."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] in COMPRESSED_SUFFIXES:
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    for kind, known in (("text", TEXT_SUFFIXES), ("jsonl", JSONL_SUFFIXES),
                        ("html", HTML_SUFFIXES), ("warc", WARC_SUFFIXES),
                        ("feed", FEED_SUFFIXES)):
        if last in known:
            return kind
    return None


def read_file(path: Path, date: str | None = None,
              fetcher: Fetcher | None = None) -> Iterator[Item]:
    """Everything in one file, by its kind (an unknown suffix is read as plain text)."""
    kind = kind_of(path)
    if kind == "warc":
        from dyadwatch.ingest.warc import read_warc

        yield from read_warc(path)
    elif kind == "html":
        yield from read_html_file(path)
    elif kind == "feed":
        from dyadwatch.ingest.feeds import read_feed_file

        yield from read_feed_file(path, fetcher)
    elif kind == "jsonl":
        yield from read_jsonl_file(path, date)
    else:
        yield from read_text_file(path, date)


def read_html_file(path: Path) -> Iterator[Item]:
    """One saved page; its URL (for the id) comes from the page's canonical link if any."""
    from dyadwatch.ingest.html import MAX_PAGE_BYTES, RawPage

    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            yield skip(str(path), "page too large",
                       f"{size:,} bytes, over the {MAX_PAGE_BYTES:,}-byte cap")
            return
        yield RawPage(where=str(path), content=path.read_bytes())
    except OSError as exc:
        yield Problem(str(path), f"cannot read: {exc.strerror or exc}")


def read_jsonl_file(path: Path, date: str | None = None) -> Iterator[Article | Problem]:
    """JSON Lines, plain or compressed (.gz, .zst); a truncated archive keeps what came
    before the cut and reports it."""
    where = str(path)
    try:
        with open(path, "rb") as fh:
            chunks = _decompressed(fh, path.suffix.lower())
            lines = _lines(chunks, where)
            for item in lines:
                if isinstance(item, Problem):
                    yield item
                else:
                    yield from read_jsonl_lines([item[1]], where, date, start=item[0])
    except OSError as exc:
        yield Problem(where, f"cannot read: {exc.strerror or exc}")
    except _Truncated as exc:
        yield Problem(where, str(exc))


class _Truncated(Exception):
    """A compressed stream ended early or is corrupt."""


def _decompressed(fh: IO[bytes], suffix: str) -> Iterator[bytes]:
    if suffix == ".gz":
        yield from _inflate(fh, lambda: zlib.decompressobj(zlib.MAX_WBITS | 16), "gzip")
    elif suffix == ".zst":
        import zstandard

        yield from _inflate(fh, lambda: zstandard.ZstdDecompressor().decompressobj(), "zstd")
    else:
        while chunk := fh.read(_CHUNK):
            yield chunk


def _inflate(fh: IO[bytes], make, name: str) -> Iterator[bytes]:
    """Decompress member after member (multi-member gzip, multi-frame zstd); raise
    `_Truncated` if the data stops inside a member or is corrupt."""
    decomp = make()
    done = True
    while chunk := fh.read(_CHUNK):
        while chunk:
            done = False
            try:
                out = decomp.decompress(chunk)
            except Exception as exc:  # zlib.error, zstandard.ZstdError
                raise _Truncated(f"corrupt {name} data ({exc}): rest of file skipped") from exc
            if out:
                yield out
            if not decomp.eof:
                break
            chunk, decomp, done = decomp.unused_data, make(), True
    if not done:
        raise _Truncated(f"truncated {name} file (it ends inside compressed data): "
                         "lines after the cut are missing")


def _lines(chunks: Iterable[bytes], where: str) -> Iterator[tuple[int, str] | Problem]:
    """(line number, decoded line) from byte chunks; a line over the cap is skipped
    without being held in memory."""
    pending: list[bytes] = []
    size = 0
    lineno = 0
    for chunk in chunks:
        *complete, rest = chunk.split(b"\n")
        for piece in complete:
            lineno += 1
            yield _line(lineno, pending, piece, size, where)
            pending, size = [], 0
        if size <= MAX_LINE_BYTES:
            pending.append(rest)
        size += len(rest)
    if size:
        lineno += 1
        yield _line(lineno, pending, b"", size, where)


def _line(lineno: int, pending: list[bytes], last: bytes, size: int,
          where: str) -> tuple[int, str] | Problem:
    if size + len(last) > MAX_LINE_BYTES:
        return skip(f"{where}:{lineno}", "line too long", f"over the {MAX_LINE_BYTES:,}-byte cap")
    return lineno, (b"".join(pending) + last).decode("utf-8", errors="replace")


def read_text_file(path: Path, date: str | None = None) -> Iterator[Article | Problem]:
    """One article per text file; its id is a hash of the text."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield Problem(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if b"\x00" in raw[:8192]:
        yield Problem(str(path), "binary file (contains NUL bytes), not text: skipped")
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = raw.decode("utf-8", errors="replace")
        yield Problem(str(path), f"invalid UTF-8 at byte {exc.start}: decoded with "
                                 "replacement characters", fatal=False)
    if not text.strip():
        yield Problem(str(path), "empty file: nothing to code")
        return
    if len(text) > MAX_ARTICLE_CHARS:
        yield Problem(str(path), f"{len(text):,} characters: only the first "
                                 f"{MAX_ARTICLE_CHARS:,} are coded", fatal=False)
        text = text[:MAX_ARTICLE_CHARS]
    published = parse_datetime(date) if date else None
    yield Article(id=article_id_for(None, text), text=text, published=published,
                  title=None, source=None, url=None)


def read_jsonl_lines(lines: Iterable[str], where: str, date: str | None = None,
                     start: int = 1) -> Iterator[Article | Problem]:
    """One article a line: {"id", "text", "date"?, "title"?, "url"?, "source"?}."""
    for lineno, line in enumerate(lines, start):
        if not line.strip():
            continue
        loc = f"{where}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(loc, f"malformed JSON ({exc.msg} at column {exc.colno}): line skipped")
            continue
        article = article_from_record(record, loc, date)
        if isinstance(article, Problem):
            yield article
            continue
        if len(article.text) == MAX_ARTICLE_CHARS:
            yield Problem(loc, f"text longer than {MAX_ARTICLE_CHARS:,} characters: only the "
                               "first part is coded", fatal=False)
        if "\ufffd" in line:
            yield Problem(loc, "invalid UTF-8: decoded with replacement characters", fatal=False)
        yield article


def article_from_record(record: object, where: str, date: str | None = None) -> Article | Problem:
    if not isinstance(record, dict):
        return Problem(where, "expected a JSON object with a 'text' key")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Problem(where, "no 'text' (or it is empty): line skipped")
    if len(text) > MAX_ARTICLE_CHARS:
        text = text[:MAX_ARTICLE_CHARS]
    when = record.get("date") or record.get("published") or date
    try:
        published = parse_datetime(str(when)) if when else None
    except ValueError:
        return Problem(where, f"'date' is not an ISO date: {when!r}")
    url = record.get("url") or None
    article_id = str(record.get("id") or article_id_for(url, text))
    return Article(id=article_id, text=text, url=url, title=record.get("title") or None,
                   source=record.get("source") or None, published=published,
                   language=record.get("language") or None,
                   author=record.get("author") or None)
