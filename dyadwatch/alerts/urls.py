"""URL safety for webhooks: the same address check as every fetch (`ingest.url.resolve`).

A webhook URL is typed by a user of a shared server; without this check it could point
the server at its own admin ports or a cloud metadata address (169.254.169.254).
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from dyadwatch.errors import UnsafeURLError
from dyadwatch.ingest.url import resolve


def public_address(url: str, *, allow_private: bool = False) -> str | None:
    """The checked address to connect to for `url` (None when private ones are allowed).

    Every address the host resolves to must be public, else UnsafeURLError (E050); a host
    that cannot be resolved now is a FetchError (E051), worth retrying later. Connecting
    to the returned address, rather than resolving the name again, keeps a DNS answer
    that changes between check and connect from reaching an internal service.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeURLError(f"E050 '{url}' is not an http:// or https:// URL with a host")
    if allow_private:
        return None
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return resolve(parts.hostname, port, url, allow_private=False)


def pinned(url: str, address: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """`url` rewritten to connect to `address`, with the Host header and (for https) the
    TLS server name that keep the original host for the server and the certificate check."""
    parts = urlsplit(url)
    host = f"[{address}]" if ":" in address else address
    userinfo = parts.netloc.rsplit("@", 1)[0] + "@" if "@" in parts.netloc else ""
    netloc = userinfo + host + (f":{parts.port}" if parts.port else "")
    target = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    headers = {"Host": parts.netloc.rsplit("@", 1)[-1]}
    extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
    return target, headers, extensions
