"""HTML pages: main text and metadata, and the pages that lie about their encoding."""

from __future__ import annotations

import pytest
from ingest_fixtures import news_page

from dyadwatch.ingest.files import Problem
from dyadwatch.ingest.html import RawPage, decode_html, page_to_article
from dyadwatch.model import Article, article_id_for

SPANISH = ("El gobierno de México rechazó la propuesta de Estados Unidos sobre la seguridad "
           "en la frontera, según un comunicado publicado el sábado por la cancillería. "
           "Los funcionarios señalaron que la decisión no cambiará la cooperación económica.")


def _one(content: bytes, **kw) -> tuple[Article | None, list[Problem]]:
    out = list(page_to_article(RawPage(where="page.html", content=content, **kw)))
    articles = [x for x in out if isinstance(x, Article)]
    return (articles[0] if articles else None), [x for x in out if isinstance(x, Problem)]


def test_main_text_and_metadata_without_boilerplate():
    url = "https://news.example.org/2025/02/story-3"
    article, problems = _one(news_page(3, canonical=url).encode())
    assert not problems
    assert article.title == "Story 3"
    assert article.author == "Ana Lopez"
    assert article.published.isoformat() == "2025-02-22T10:30:00+00:00"
    assert article.url == url and article.id == article_id_for(url)
    assert "story 3 reported" in article.text
    for boilerplate in ("Home", "Subscribe", "All rights reserved", "executed"):
        assert boilerplate not in article.text


def test_without_canonical_the_fetched_url_names_the_article():
    article, _ = _one(news_page(4).encode(), url="https://a.example/x/4")
    assert article.url == "https://a.example/x/4"


def test_a_front_page_canonical_does_not_merge_articles():
    page = news_page(5, canonical="https://a.example/").encode()
    article, _ = _one(page, url="https://a.example/news/5")
    assert article.url == "https://a.example/news/5"


def test_without_any_url_the_id_is_the_text_hash():
    article, _ = _one(news_page(6).encode())
    assert article.url is None and article.id == article_id_for(None, article.text)


def test_broken_markup_still_yields_the_text():
    broken = news_page(8).replace("</p>", "").replace("</article>", "<div><span><b>")
    article, problems = _one(broken[: len(broken) - 40].encode())
    assert article is not None and "story 8 reported" in article.text
    assert not [p for p in problems if p.fatal]


def test_page_without_article_text_is_skipped_with_a_reason():
    article, problems = _one(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert article is None
    assert problems[0].skipped and problems[0].reason == "no article text"


def test_binary_junk_is_an_error_naming_the_page():
    article, problems = _one(b"\x00\x01\x02GIF89a" * 100)
    assert article is None and problems[0].fatal and str(problems[0]).startswith("page.html:")


def test_declared_utf8_but_latin1_bytes_is_decoded_and_warned():
    page = news_page(9, title="Canciller", text=SPANISH, charset="utf-8").encode("latin-1")
    article, problems = _one(page)
    assert "México rechazó" in article.text
    assert problems and not problems[0].fatal and "declared utf-8" in problems[0].message


def test_missing_charset_with_cp1252_bytes_is_detected():
    text, warning = decode_html(("<html><body><p>" + SPANISH + "</p></body></html>")
                                .encode("cp1252"))
    assert "México rechazó" in text and "no charset declared" in warning


def test_declared_latin1_but_utf8_bytes_is_read_as_utf8():
    page = news_page(10, text=SPANISH, charset="iso-8859-1").encode("utf-8")
    article, problems = _one(page)
    assert "México rechazó" in article.text and "Ã" not in article.text
    assert "bytes are UTF-8" in problems[0].message


def test_http_header_charset_wins_over_nothing():
    page = news_page(11, text=SPANISH, charset=None).encode("cp1252")
    article, problems = _one(page, charset="windows-1252")
    assert "México rechazó" in article.text and not problems


def test_oversized_page_is_skipped_not_parsed():
    from dyadwatch.ingest.html import MAX_PAGE_BYTES

    article, problems = _one(b"<html>" + b" " * (MAX_PAGE_BYTES + 1))
    assert article is None and problems[0].reason == "page too large"


BYLINE_PAGES = {
    "byline class": '<div class="byline">By Maria Gomez</div>',
    "author-name span": '<span class="author-name">John Smith</span>',
    "rel=author link": '<p>By <a rel="author" href="/people/kim">Kim Park</a></p>',
    "itemprop": '<span itemprop="author">Lee Wong</span>',
    "no byline": '<div class="share">Share this story</div>',
}


@pytest.mark.parametrize("byline", BYLINE_PAGES.values(), ids=BYLINE_PAGES.keys())
def test_metadata_agrees_with_trafilatura_extract_metadata(byline):
    """Our one-pass metadata (which skips the byline search when no element could match it)
    finds what trafilatura's own `extract_metadata` finds, field for field."""
    from trafilatura import load_html
    from trafilatura.metadata import extract_metadata

    from dyadwatch.ingest.html import _DATE_PARAMS, _metadata

    url = "https://news.example.org/2024/03/05/story"
    page = news_page(12).replace("<h1>", f"{byline}<h1>").replace(
        '<meta name="author" content="Ana Lopez">', "")
    ours = _metadata(load_html(page), url)
    theirs = extract_metadata(load_html(page), url, _DATE_PARAMS)
    for name in ("title", "author", "url", "hostname", "date", "sitename"):
        assert getattr(ours, name) == getattr(theirs, name), name
    assert (ours.author is None) == (byline == BYLINE_PAGES["no byline"])
