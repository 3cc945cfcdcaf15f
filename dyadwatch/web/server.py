"""Run the dashboard with uvicorn, refusing to be quietly open to the network."""

from __future__ import annotations

import ipaddress
import socket
import sys
from typing import TextIO

NO_TOKEN_WARNING = (
    "warning: serving on {host}:{port}, reachable from other machines, without a token; "
    "anyone who can reach it can read the store. Use --token (or DYADWATCH_TOKEN), or "
    "--host 127.0.0.1."
)


def is_loopback(host: str) -> bool:
    """True when `host` only accepts connections from this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None)
        except OSError:
            return False
        return all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos)


def warn_if_open(host: str, port: int, token: str | None, err: TextIO = sys.stderr) -> bool:
    """Print the open-to-the-network warning when it applies; True if it did."""
    if token or is_loopback(host):
        return False
    print(NO_TOKEN_WARNING.format(host=host, port=port), file=err)
    return True


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Serve the REST API and dashboard for the store `db` until interrupted."""
    import uvicorn

    from dyadwatch.web.app import create_app

    warn_if_open(host, port, token)
    app = create_app(db, token=token)
    print(f"dyadwatch: serving {db} on http://{_url_host(host)}:{port}/ "
          f"({'changes allowed with the token' if token else 'read-only'})", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
