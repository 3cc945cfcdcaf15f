"""Fetching URLs from a real local HTTP server: safety checks, retries, caps, redirects."""

from __future__ import annotations

import gzip
import socket

import pytest
from ingest_fixtures import FAST_FETCH, news_page

from dyadwatch.errors import UnsafeURLError
from dyadwatch.ingest.files import Problem, read_inputs
from dyadwatch.ingest.url import USER_AGENT, Fetcher, FetchError
from dyadwatch.model import Article

LOCAL_ONLY = {"allow_networks": ("127.0.0.1/32",)}


def test_page_is_fetched_extracted_and_named_by_its_url(http_server):
    url = http_server.add("/news/1", news_page(1), headers={"Content-Type": "text/html"})
    fetcher = Fetcher(allow_private=True, **FAST_FETCH)
    items = list(read_inputs([url], fetcher=fetcher))
    assert len(items) == 1 and isinstance(items[0], Article)
    assert items[0].url == url and items[0].title == "Story 1"
    assert http_server.requests[0][1]["User-Agent"] == USER_AGENT


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/x", "http://localhost:9/x",
                                 "http://10.1.2.3/x", "http://169.254.169.254/latest/meta-data",
                                 "http://[::1]:9/x", "http://192.168.0.1/"])
def test_private_loopback_and_link_local_addresses_are_refused(url):
    with pytest.raises(UnsafeURLError, match="E050 refused"):
        Fetcher(**FAST_FETCH).get(url)


def test_refusal_is_one_error_line_and_nothing_is_sent(http_server):
    url = http_server.add("/secret", news_page(2))
    items = list(read_inputs([url], fetcher=Fetcher(**FAST_FETCH)))
    assert len(items) == 1 and isinstance(items[0], Problem) and items[0].fatal
    assert "--allow-private" in str(items[0]) and url in str(items[0])
    assert http_server.requests == []


def test_redirect_to_a_private_address_is_refused(http_server):
    url = http_server.add("/moved", status=302, headers={"Location": "http://10.9.8.7/admin"})
    with pytest.raises(UnsafeURLError, match="10.9.8.7 resolves to 10.9.8.7"):
        Fetcher(**FAST_FETCH, **LOCAL_ONLY).get(url)
    assert http_server.hits("/moved") == 1


def test_redirects_are_followed_up_to_the_limit(http_server):
    http_server.add("/final", news_page(3), headers={"Content-Type": "text/html"})
    http_server.add("/r1", status=301, headers={"Location": "/final"})
    assert Fetcher(**FAST_FETCH, **LOCAL_ONLY).get(http_server.base + "/r1").url.endswith("/final")
    for i in range(4):
        http_server.add(f"/loop{i}", status=302, headers={"Location": f"/loop{i + 1}"})
    with pytest.raises(FetchError, match="more than 2 redirects"):
        Fetcher(max_redirects=2, **FAST_FETCH, **LOCAL_ONLY).get(http_server.base + "/loop0")


def test_server_errors_are_retried_with_backoff(http_server):
    url = http_server.add("/flaky", news_page(4), fail_first=2)
    result = Fetcher(**FAST_FETCH, **LOCAL_ONLY).get(url)
    assert result.status == 200 and http_server.hits("/flaky") == 3


def test_persistent_error_gives_up_after_the_retries(http_server):
    url = http_server.add("/down", fail_first=100)
    with pytest.raises(FetchError, match="HTTP 503"):
        Fetcher(**FAST_FETCH, **LOCAL_ONLY).get(url)
    assert http_server.hits("/down") == 3


def test_unreachable_host_is_one_error_line():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens once closed
    url = f"http://127.0.0.1:{port}/gone"
    items = list(read_inputs([url], fetcher=Fetcher(**FAST_FETCH, **LOCAL_ONLY)))
    assert len(items) == 1 and items[0].fatal and "unreachable" in str(items[0])


def test_body_over_the_cap_is_refused_also_when_compressed(http_server):
    bomb = gzip.compress(b"<p>" + b"a" * 5_000_000)
    url = http_server.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="cap"):
        Fetcher(max_bytes=1_000_000, **FAST_FETCH, **LOCAL_ONLY).get(url)
    big = http_server.add("/big", b"x" * 2_000_000)
    with pytest.raises(FetchError, match="2,000,000 bytes"):
        Fetcher(max_bytes=1_000_000, **FAST_FETCH, **LOCAL_ONLY).get(big)


def test_non_html_is_skipped(http_server):
    url = http_server.add("/doc.pdf", b"%PDF-1.4", headers={"Content-Type": "application/pdf"})
    items = list(read_inputs([url], fetcher=Fetcher(**FAST_FETCH, **LOCAL_ONLY)))
    assert items[0].skipped and items[0].reason == "not HTML"


def test_only_http_and_https():
    with pytest.raises(FetchError, match="not an http"):
        Fetcher(**FAST_FETCH).get("file:///etc/passwd")
