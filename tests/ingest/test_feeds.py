"""RSS and Atom feeds served from a local HTTP server."""

from __future__ import annotations

from ingest_fixtures import FAST_FETCH, news_page, news_text

from dyadwatch.ingest.files import Problem, read_inputs
from dyadwatch.ingest.state import IngestState
from dyadwatch.ingest.url import Fetcher
from dyadwatch.model import Article


def rss(base: str, entries: list[tuple[str, str | None]]) -> str:
    """An RSS 2.0 feed; each entry is (path, full content or None for a teaser)."""
    items = []
    for i, (path, content) in enumerate(entries):
        body = f"<content:encoded><![CDATA[<p>{content}</p>]]></content:encoded>" if content else ""
        items.append(f"<item><title>Entry {i}</title><link>{base}{path}</link>"
                     f"<pubDate>Sat, 0{i + 1} Mar 2025 09:00:00 GMT</pubDate>"
                     f"<description>Teaser {i}</description>{body}</item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Wire Service</title><link>{base}</link>{''.join(items)}</channel></rss>")


def atom(base: str, paths: list[str]) -> str:
    entries = "".join(
        f"<entry><title>Atom {i}</title><link href='{base}{p}'/><id>{base}{p}</id>"
        f"<updated>2025-03-0{i + 1}T12:00:00Z</updated><summary>short</summary></entry>"
        for i, p in enumerate(paths))
    return ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>Atom Wire</title><id>{base}/</id><updated>2025-03-01T00:00:00Z</updated>"
            f"{entries}</feed>")


def _fetcher(state=None):
    return Fetcher(allow_private=True, state=state, **FAST_FETCH)


def _split(items):
    return ([x for x in items if isinstance(x, Article)],
            [x for x in items if isinstance(x, Problem)])


def test_rss_with_full_content_needs_no_page_fetch(http_server):
    feed = rss(http_server.base, [("/a", news_text(1)), ("/b", news_text(2))])
    url = http_server.add("/feed.xml", feed, headers={"Content-Type": "application/rss+xml"})
    articles, problems = _split(list(read_inputs([url], fetcher=_fetcher())))
    assert not problems
    assert [a.url for a in articles] == [http_server.base + "/a", http_server.base + "/b"]
    assert articles[0].title == "Entry 0" and articles[0].source == "Wire Service"
    assert articles[1].published.isoformat() == "2025-03-02T09:00:00+00:00"
    assert http_server.hits("/a") == 0


def test_atom_teasers_are_followed_to_their_pages(http_server):
    for i in range(3):
        http_server.add(f"/story/{i}", news_page(10 + i, published=""),
                        headers={"Content-Type": "text/html; charset=utf-8"})
    url = http_server.add("/atom", atom(http_server.base, [f"/story/{i}" for i in range(3)]),
                          headers={"Content-Type": "application/atom+xml"})
    articles, problems = _split(list(read_inputs([url], fetcher=_fetcher())))
    assert not problems and len(articles) == 3
    assert "story 11 reported" in articles[1].text
    assert articles[1].published.isoformat() == "2025-03-02T12:00:00+00:00"  # from the feed


def test_malformed_feed_is_one_error_line(http_server):
    url = http_server.add("/broken.xml", "<?xml version='1.0'?><rss><channel><item><title>x",
                          headers={"Content-Type": "application/rss+xml"})
    articles, problems = _split(list(read_inputs([url], fetcher=_fetcher())))
    assert not articles
    assert [str(p).startswith(url) for p in problems if p.fatal] == [True]
    assert "malformed feed" in str(problems[0]) and "line 1" in str(problems[0])


def test_unreachable_entry_link_fails_alone(http_server):
    http_server.add("/ok", news_page(20), headers={"Content-Type": "text/html"})
    feed = rss(http_server.base, [("/ok", None), ("/missing", None)])
    url = http_server.add("/f", feed, headers={"Content-Type": "application/rss+xml"})
    articles, problems = _split(list(read_inputs([url], fetcher=_fetcher())))
    assert len(articles) == 1
    assert len(problems) == 1 and "entry 2" in str(problems[0]) and "HTTP 404" in str(problems[0])


def test_conditional_get_and_seen_links_on_the_next_poll(http_server, tmp_path):
    http_server.add("/p", news_page(30), headers={"Content-Type": "text/html"})
    feed = rss(http_server.base, [("/p", None)])
    url = http_server.add("/etag.xml", feed, headers={"Content-Type": "application/rss+xml",
                                                      "ETag": '"v1"'})
    state = IngestState(tmp_path / "state.sqlite")
    first, _ = _split(list(read_inputs([url], fetcher=_fetcher(state))))
    assert len(first) == 1
    state.mark_url(http_server.base + "/p", first[0].id)  # what the runner does once stored
    again = list(read_inputs([url], fetcher=_fetcher(state)))
    assert len(again) == 1 and again[0].skipped and again[0].reason == "not modified"
    assert http_server.requests[-1][1].get("If-None-Match") == '"v1"'
    http_server.routes["/etag.xml"].headers["ETag"] = '"v2"'  # feed changed, entry did not
    third = list(read_inputs([url], fetcher=_fetcher(state)))
    assert third[0].skipped and third[0].reason == "already ingested"
    assert http_server.hits("/p") == 1
    state.close()


def test_feed_file_on_disk(tmp_path):
    path = tmp_path / "saved.rss"
    path.write_text(rss("https://wire.example", [("/x", news_text(40))]))
    articles, problems = _split(list(read_inputs([str(path)])))
    assert len(articles) == 1 and articles[0].url == "https://wire.example/x" and not problems


def test_pages_from_one_host_are_spaced_by_the_host_interval(http_server):
    """Following a feed's links, each request to the feed's host waits its turn."""
    for i in range(3):
        http_server.add(f"/p/{i}", news_page(40 + i), headers={"Content-Type": "text/html"})
    url = http_server.add("/atom", atom(http_server.base, [f"/p/{i}" for i in range(3)]),
                          headers={"Content-Type": "application/atom+xml"})
    fetcher = Fetcher(allow_private=True, **{**FAST_FETCH, "host_interval": 0.3})
    articles, problems = _split(list(read_inputs([url], fetcher=fetcher)))
    assert len(articles) == 3 and not problems
    gaps = http_server.gaps()
    assert len(gaps) == 3 and min(gaps) > 0.25, gaps  # the feed, then its three pages
