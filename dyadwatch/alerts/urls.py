"""URL safety for outgoing requests: refuse private, loopback and link-local targets.

A webhook URL is typed by a user of a shared server; without this check it could point
the server at its own admin ports or a cloud metadata address (169.254.169.254).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit, urlunsplit

from dyadwatch.errors import UnsafeURLError


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:  # may be passing (DNS down): a failure to retry later
        raise ConnectionError(f"cannot resolve host '{host}': {exc.strerror}") from None
    out = []
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        out.append(ip)
    return out


def check_public_url(url: str, *, allow_private: bool = False) -> str:
    """Return `url` if it is http(s) and every address its host resolves to is public.

    Raises UnsafeURLError (E050) naming the URL and the address otherwise, and
    ConnectionError when the host cannot be resolved now.
    """
    public_address(url, allow_private=allow_private)
    return url


def public_address(url: str, *, allow_private: bool = False) -> str | None:
    """The checked address to connect to for `url` (None when private ones are allowed).

    Connecting to this address, rather than resolving the name again, keeps a DNS answer
    that changes between check and connect from reaching an internal service.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeURLError(f"E050 '{url}' is not an http:// or https:// URL with a host")
    if allow_private:
        return None
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = _addresses(parts.hostname, port)
    for ip in addresses:
        if not ip.is_global or ip.is_multicast:
            where = "" if parts.hostname.strip("[]") == str(ip) else f"{parts.hostname} is "
            raise UnsafeURLError(
                f"E050 refusing '{url}': {where}{ip} is a private, loopback or link-local "
                "address (allow_private = true in [alerts], or watch --allow-private, permits it)")
    return str(addresses[0])


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
