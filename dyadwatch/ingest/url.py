"""Fetching URLs safely and politely (httpx).

Every hop (the first request and each redirect) is checked: the host name is resolved
once, every address it resolves to must be public (not private, loopback, link-local,
multicast, reserved or unspecified), and the connection then goes to that checked
address, with the original name used for the Host header and for TLS (SNI and
certificate check). A DNS answer that changes between check and connect therefore cannot
smuggle a request to an internal service. `allow_private=True` lifts the address check
(for testing against local servers, or an intranet the user trusts).

Also: timeouts, retries with exponential backoff on connection errors and 429/5xx,
a cap on the (decompressed) body size, a limit on redirects, a clear User-Agent,
conditional GET (ETag / Last-Modified) for feeds when an `IngestState` is given, and
politeness: two requests to the same host (a feed's entry pages usually share one) are at
least `host_interval` seconds apart.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from dyadwatch.errors import DyadwatchError, UnsafeURLError
from dyadwatch.ingest.files import Item, Problem, skip

if TYPE_CHECKING:
    from dyadwatch.ingest.state import IngestState

try:
    _VERSION = version("dyadwatch")
except PackageNotFoundError:  # running from a source checkout
    _VERSION = "dev"
USER_AGENT = f"dyadwatch/{_VERSION} (news event coder; polite fetcher)"
MAX_BYTES = 8 * 1024 * 1024
HOST_INTERVAL = 1.0  # seconds between two requests to one host
RETRY_STATUS = {429, 500, 502, 503, 504}
REDIRECT_STATUS = {301, 302, 303, 307, 308}
_FEED_TYPES = ("rss", "atom", "xml")


class FetchError(DyadwatchError):
    """A URL could not be fetched (E051): unreachable, bad status, too large, ..."""


@dataclass
class FetchResult:
    url: str  # the final URL, after redirects
    status: int
    content: bytes
    content_type: str = ""
    charset: str | None = None
    not_modified: bool = False  # a conditional GET answered 304
    validators: tuple[str | None, str | None] = (None, None)  # ETag, Last-Modified


def check_address(address: str, where: str, allow_networks: tuple[str, ...] = ()) -> None:
    """Refuse an address that is not on the public internet (E050), unless it lies in
    one of `allow_networks` (CIDR strings the user trusts)."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if any(ip in ipaddress.ip_network(net, strict=False) for net in allow_networks):
        return
    if (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
            or ip.is_reserved or ip.is_unspecified):
        raise UnsafeURLError(
            f"E050 refused: {where} resolves to {ip}, a private, loopback or link-local "
            "address (pass --allow-private to fetch from it)")


def resolve(host: str, port: int, where: str, allow_private: bool,
            allow_networks: tuple[str, ...] = ()) -> str:
    """One checked address for `host`: every address it resolves to must be public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"E051 cannot resolve host {host!r} ({exc.strerror})") from exc
    addresses = [info[4][0] for info in infos]
    if not allow_private:
        for address in addresses:
            check_address(address, host, allow_networks)
    return addresses[0]


class HostThrottle:
    """At most one request per host every `interval` seconds (host names compared without
    case or port: one server, however many sites or ports it answers on)."""

    def __init__(self, interval: float, sleep: Callable[[float], Any] = time.sleep):
        self.interval = interval
        self.sleep = sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, url: str) -> None:
        if self.interval <= 0:
            return
        host = (urlsplit(url).hostname or url).lower()
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, 0.0))
            self._next[host] = slot + self.interval
        if slot > now:
            self.sleep(slot - now)


class Fetcher:
    """One HTTP client for a whole ingest: connection reuse, shared limits, and one
    throttle, so requests to a host are spaced across feeds, pages, redirects and retries."""

    def __init__(self, *, allow_private: bool = False, timeout: float = 20.0,
                 retries: int = 2, backoff: float = 1.0, max_bytes: int = MAX_BYTES,
                 max_redirects: int = 5, user_agent: str = USER_AGENT,
                 state: IngestState | None = None, allow_networks: tuple[str, ...] = (),
                 host_interval: float = HOST_INTERVAL, throttle: HostThrottle | None = None):
        self.throttle = throttle or HostThrottle(host_interval)
        self.allow_private = allow_private
        self.allow_networks = tuple(allow_networks)
        self.retries = retries
        self.backoff = backoff
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.state = state
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            follow_redirects=False, trust_env=False)

    def get(self, url: str, *, conditional: bool = False) -> FetchResult:
        """GET `url`, following at most `max_redirects` redirects, each one checked."""
        headers = self._validators(url) if conditional else {}
        current = url
        for _ in range(self.max_redirects + 1):
            response, content = self._with_retries(current, headers)
            if response.status_code in REDIRECT_STATUS and "location" in response.headers:
                current = urljoin(current, response.headers["location"])
                continue
            return self._result(current, response, content, conditional)
        raise FetchError(f"E051 more than {self.max_redirects} redirects")

    def _validators(self, url: str) -> dict[str, str]:
        if self.state is None:
            return {}
        etag, modified = self.state.validators(url)
        headers = {"If-None-Match": etag} if etag else {}
        return headers | ({"If-Modified-Since": modified} if modified else {})

    def _result(self, final: str, response: httpx.Response, content: bytes,
                conditional: bool) -> FetchResult:
        status = response.status_code
        if status == 304 and conditional:
            return FetchResult(final, status, b"", not_modified=True)
        if status >= 400:
            raise FetchError(f"E051 HTTP {status} {response.reason_phrase}")
        content_type = response.headers.get("content-type", "")
        return FetchResult(final, status, content, content_type.split(";")[0].strip().lower(),
                           response.charset_encoding,
                           validators=(response.headers.get("etag"),
                                       response.headers.get("last-modified")))

    def remember(self, url: str, result: FetchResult) -> None:
        """Keep a response's validators for the next conditional GET of `url`; called
        once its content was used, so an interrupted run fetches it again in full."""
        if self.state is not None and result.validators != (None, None):
            self.state.set_validators(url, *result.validators)

    def _with_retries(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        for attempt in range(self.retries + 1):
            try:
                response, content = self._once(url, headers)
            except (httpx.TransportError, FetchError) as exc:
                if attempt == self.retries or not _transient(exc):
                    raise _as_fetch_error(exc) from exc
                time.sleep(self.backoff * 2 ** attempt)
                continue
            if response.status_code in RETRY_STATUS and attempt < self.retries:
                time.sleep(_retry_after(response, self.backoff * 2 ** attempt))
                continue
            return response, content
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"E051 not an http(s) URL: {url}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = resolve(parts.hostname, port, url, self.allow_private, self.allow_networks)
        self.throttle.wait(url)
        host_ip = f"[{address}]" if ":" in address else address
        target = urlunsplit(parts._replace(netloc=f"{host_ip}:{port}"))
        request = self.client.build_request(
            "GET", target, headers={**headers, "Host": parts.netloc.rsplit("@", 1)[-1]},
            extensions={"sni_hostname": parts.hostname})
        response = self.client.send(request, stream=True)
        try:
            return response, self._read_capped(response)
        finally:
            response.close()

    def _read_capped(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"E051 response of {int(declared):,} bytes is over the "
                             f"{self.max_bytes:,}-byte cap")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"E051 response is over the {self.max_bytes:,}-byte cap "
                                 "(after decompression): stopped reading")
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        self.client.close()


def _transient(exc: Exception) -> bool:
    return isinstance(exc, (httpx.ConnectError, httpx.TimeoutException,
                            httpx.RemoteProtocolError, httpx.ReadError))


def _as_fetch_error(exc: Exception) -> DyadwatchError:
    if isinstance(exc, DyadwatchError):
        return exc
    kind = type(exc).__name__
    return FetchError(f"E051 {'timed out' if 'Timeout' in kind else 'unreachable'} "
                      f"({kind}: {exc or 'no detail'})")


def _retry_after(response: httpx.Response, default: float) -> float:
    value = response.headers.get("retry-after", "")
    return min(float(value), 30.0) if value.isdigit() else default


def fetch_items(url: str, fetcher: Fetcher | None = None) -> Iterator[Item]:
    """What one URL holds: a page (to extract) or a feed's entries; or why not."""
    from dyadwatch.ingest.html import RawPage

    fetcher = fetcher or Fetcher()
    if fetcher.state is not None and fetcher.state.seen_url(url):
        yield skip(url, "already ingested")
        return
    try:
        result = fetcher.get(url, conditional=True)
    except (DyadwatchError, httpx.HTTPError) as exc:
        yield Problem(url, str(exc))
        return
    if result.not_modified:
        yield skip(url, "not modified", "the server says nothing changed since the last fetch")
        return
    if _is_feed(result):
        from dyadwatch.ingest.feeds import read_feed_bytes

        yield from read_feed_bytes(result.content, url, fetcher, base_url=result.url,
                                   content_type=result.content_type)
        fetcher.remember(url, result)
        return
    if result.content_type and "html" not in result.content_type:
        yield skip(url, "not HTML", f"content type {result.content_type}")
        return
    yield RawPage(where=url, content=result.content, url=result.url, charset=result.charset,
                  fetched_from=url)


def _is_feed(result: FetchResult) -> bool:
    if any(t in result.content_type for t in _FEED_TYPES):
        return True
    head = result.content[:1024].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head)
