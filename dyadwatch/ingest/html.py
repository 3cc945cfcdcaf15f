"""HTML pages to Articles: main text, title, date, author and canonical URL (trafilatura).

Menus, footers and other boilerplate are dropped by trafilatura's main-text extraction;
the page is parsed by lxml and never executed. Bytes are decoded with care because saved
pages and crawls often lie about their encoding: see `decode_html`.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from dyadwatch.ingest.files import MAX_ARTICLE_CHARS, Problem, skip
from dyadwatch.model import Article, article_id_for, parse_datetime

MAX_PAGE_BYTES = 8 * 1024 * 1024  # bigger pages are skipped, not parsed
MIN_TEXT_CHARS = 50  # less main text than this is a page without an article
MAX_TREE_SIZE = 200_000  # an extracted tree bigger than this is discarded (pathological page)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_DATE_PARAMS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "extensive_search": False,
                "original_date": True}
# every word trafilatura's byline XPaths look for in attribute values (lower case)
_BYLINE_WORDS = ("author", "byl", "bbl", "username", "screenname", "writer", "zuozhe", "bianji",
                 "xiaobian", "channel-name", "submitted-by", "posted-by", "journalist-name")


@dataclass
class RawPage:
    """A page not yet extracted: bytes plus what the container (HTTP, WARC, feed) knew."""

    where: str  # how messages name it: a path, path@offset, or URL
    content: bytes
    url: str | None = None  # where it was fetched from
    charset: str | None = None  # declared by the HTTP Content-Type header
    published: datetime | None = None  # fallback date: feed entry, WARC-Date
    title: str | None = None  # fallback title: feed entry
    author: str | None = None
    source: str | None = None
    fetched_from: str | None = None  # the URL asked for, remembered once it is ingested


def page_to_article(page: RawPage) -> Iterator[Article | Problem]:
    """The page's article, after any warnings about its encoding; or why there is none."""
    if len(page.content) > MAX_PAGE_BYTES:
        yield skip(page.where, "page too large",
                   f"{len(page.content):,} bytes, over the {MAX_PAGE_BYTES:,}-byte cap")
        return
    if _looks_binary(page.content):
        yield Problem(page.where, "not an HTML document (binary content): skipped")
        return
    html, warning = decode_html(page.content, page.charset)
    if warning:
        yield Problem(page.where, warning, fatal=False)
    yield _extract(html, page)


def _looks_binary(content: bytes) -> bool:
    head = content[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in head


def _extract(html: str, page: RawPage) -> Article | Problem:
    """Main text and metadata from one parse of the page (the tree is shared by both)."""
    import trafilatura

    try:
        options = _options(page.url)
        tree = trafilatura.load_html(html, options.max_file_size)
        if tree is None:
            return skip(page.where, "no article text", "the page has no HTML document tree")
        meta = _metadata(tree, page.url)
        options.url = page.url or meta.url
        doc = trafilatura.bare_extraction(tree, options=options)
    except Exception as exc:  # noqa: BLE001 (lxml and trafilatura raise many kinds on junk)
        return Problem(page.where, f"HTML could not be parsed ({type(exc).__name__}: {exc})")
    text = (doc.text or "").strip() if doc else ""
    if len(text) < MIN_TEXT_CHARS:
        return skip(page.where, "no article text",
                    f"{len(text)} characters of main text found (need {MIN_TEXT_CHARS})")
    text = text[:MAX_ARTICLE_CHARS]
    url = _canonical(meta.url, page.url)
    return Article(
        id=article_id_for(url, text), text=text, url=url,
        source=page.source or meta.sitename or meta.hostname or _host(url),
        title=meta.title or page.title, published=_date(meta.date) or page.published,
        author=meta.author or page.author)


def _options(url: str | None):
    """trafilatura's extraction options for one page: a copy of settings built once
    (building them parses the config values again each time)."""
    from copy import copy

    options = copy(_base_options())
    options.url = options.source = url
    return options


@lru_cache(maxsize=1)
def _base_options():
    from trafilatura.settings import Extractor

    return Extractor(config=_config(), output_format="python", fast=True, comments=False,
                     tables=False, with_metadata=False, date_params=_DATE_PARAMS)


def _metadata(tree: Any, url: str | None) -> Any:
    """Title, author, date, canonical URL and site name, as trafilatura's `extract_metadata`
    finds them and in its order, less what dyadwatch does not keep (categories, tags,
    licence). Its byline search (regex XPaths over every element, the costliest step of the
    whole extraction) runs only when some element could match it: see `_may_have_byline`."""
    from courlan import extract_domain
    from htmldate import find_date
    from trafilatura import metadata as tm

    meta = tm.examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None
    try:
        meta = tm.extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001, S110 (trafilatura guards this step the same way)
        pass
    meta.title = meta.title or tm.extract_title(tree)
    if not meta.author and _may_have_byline(tree):
        meta.author = tm.extract_author(tree)
    meta.url = meta.url or tm.extract_url(tree, url)
    if meta.url:
        meta.hostname = extract_domain(meta.url, fast=True)
    meta.date = find_date(tree, url=meta.url, **_DATE_PARAMS)
    meta.sitename = _sitename(tree, meta.sitename, meta.url)
    meta.clean_and_trim()
    return meta


def _sitename(tree: Any, found: str | None, url: str | None) -> str | None:
    """The site's name as trafilatura's `extract_metadata` settles it."""
    from trafilatura import metadata as tm

    found = found or tm.extract_sitename(tree)
    if found:
        found = found.lstrip("@")
        if found and "." not in found and not found[0].isupper():
            found = found.title()
        return found
    match = tm.META_URL.match(url) if url else None
    return match[1] if match else None


def _may_have_byline(tree: Any) -> bool:
    """Whether any element could match trafilatura's byline XPaths: they all test `class`,
    `id`, `rel`, `itemprop`, `data-testid` or `data-component` values for one of
    `_BYLINE_WORDS`, or an `<author>`/`<rel>` element. One pass over the attributes costs a
    fiftieth of the search itself, which most pages would run for nothing."""
    values = _byline_attributes()(tree)
    if any(not isinstance(v, str) for v in values):  # an <author> or <rel> element
        return True
    joined = " ".join(values).lower()
    return any(word in joined for word in _BYLINE_WORDS)


@lru_cache(maxsize=1)
def _byline_attributes():
    from lxml import etree

    return etree.XPath("//@class|//@id|//@rel|//@itemprop|//@data-testid|//@data-component"
                       "|//author|//rel", smart_strings=False)


@lru_cache(maxsize=1)
def _config():
    """trafilatura's settings, with a cap on the document tree (pathological pages) and
    no extraction timeout (it uses a signal, which only works in the main thread)."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def _canonical(found: str | None, fetched: str | None) -> str | None:
    """The page's canonical URL, unless it points at a site's front page while the page
    was fetched from a deeper path (a common misconfiguration that would merge articles)."""
    if not found or not found.startswith(("http://", "https://")):
        return fetched
    if fetched and urlsplit(found).path in ("", "/") and urlsplit(fetched).path not in ("", "/"):
        return fetched
    return found


def _host(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return parse_datetime(re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", value))
    except ValueError:
        return None


def decode_html(raw: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """The page as text, and a warning when its encoding was wrong or had to be guessed.

    Order: byte-order mark; the declared charset (HTTP header, else <meta>) if the bytes
    fit it; UTF-8; then detection (charset-normalizer). A page declared as a single-byte
    charset whose bytes are valid multi-byte UTF-8 is read as UTF-8: that mislabel is common.
    """
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                      (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(name, errors="replace"), None
    declared = _codec(declared) or _codec(_meta_charset(raw))
    utf8 = _try(raw, "utf-8")
    if declared and declared != "utf-8":
        text = _try(raw, declared)
        if utf8 is not None and not raw.isascii():
            return utf8, f"declared {declared} but the bytes are UTF-8: read as UTF-8"
        if text is not None:
            return text, None
    if utf8 is not None:
        return utf8, None
    guess = _detect(raw)
    why = f"declared {declared} but the bytes do not fit it" if declared else "no charset declared"
    return raw.decode(guess, errors="replace"), f"{why}: decoded as {guess} (detected)"


def _meta_charset(raw: bytes) -> str | None:
    m = _META_CHARSET.search(raw[:4096])
    return m.group(1).decode("ascii") if m else None


def _codec(name: str | None) -> str | None:
    """Python's codec name for a charset label; latin-1 is read as windows-1252, as
    browsers do."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def _try(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(raw: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000]).best()
    return best.encoding if best else "cp1252"
