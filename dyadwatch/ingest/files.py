"""Plain-text and JSON Lines inputs for `dyadwatch code`: files, folders and stdin.

`read_inputs` yields Articles and, for anything it cannot read, a `Problem` that names
the input (and line); it never stops at a bad input.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from dyadwatch.model import Article, article_id_for, parse_datetime

TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_ARTICLE_CHARS = 100_000  # news articles are far shorter; longer texts are cut, with a warning


@dataclass
class Problem:
    """An input that could not be read (fatal) or was read with a caveat (warning)."""

    where: str
    message: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.where}: {'error' if self.fatal else 'warning'}: {self.message}"


def read_inputs(inputs: Iterable[str], date: str | None = None,
                stdin: IO[str] | None = None) -> Iterator[Article | Problem]:
    """Articles from files, folders (recursed, sorted) and '-' (JSON Lines on stdin)."""
    for name in inputs:
        if name == "-":
            yield from read_jsonl_lines(stdin or sys.stdin, "<stdin>", date)
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES)
            for p in files:
                yield from read_file(p, date)
        elif path.is_file():
            yield from read_file(path, date)
        else:
            yield Problem(name, "no such file or folder")


def read_file(path: Path, date: str | None = None) -> Iterator[Article | Problem]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                yield from read_jsonl_lines(fh, str(path), date)
        except OSError as exc:
            yield Problem(str(path), f"cannot read: {exc.strerror or exc}")
        return
    yield from read_text_file(path, date)


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


def read_jsonl_lines(lines: Iterable[str], where: str,
                     date: str | None = None) -> Iterator[Article | Problem]:
    """One article a line: {"id", "text", "date"?, "title"?, "url"?, "source"?}."""
    for lineno, line in enumerate(lines, 1):
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
                   language=record.get("language") or None)
