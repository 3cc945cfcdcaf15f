"""Webhook notices: a JSON body signed with HMAC-SHA256, posted with timeouts.

The receiver checks `X-Dyadwatch-Signature: sha256=<hex>`, the HMAC-SHA256 of
`<timestamp>.<body>` under the subscription's secret, and may reject timestamps older
than a few minutes (replay). `X-Dyadwatch-Delivery` stays the same across retries of one
notice, so a receiver can drop a repeat. Targets are checked like any URL: private,
loopback and link-local addresses are refused unless explicitly allowed, and redirects
are not followed (a redirect could lead past that check).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import httpx

from dyadwatch.alerts.urls import pinned, public_address

SIGNATURE_HEADER = "X-Dyadwatch-Signature"
TIMESTAMP_HEADER = "X-Dyadwatch-Timestamp"
DELIVERY_HEADER = "X-Dyadwatch-Delivery"


class WebhookError(Exception):
    """The receiver could not be reached or did not accept the notice."""


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body,
                      hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, timestamp: str, body: bytes, signature: str,
           max_age: float | None = 300.0, now: float | None = None) -> bool:
    """What a receiver runs: the signature matches and the timestamp is recent."""
    if max_age is not None:
        try:
            age = (time.time() if now is None else now) - float(timestamp)
        except ValueError:
            return False
        if abs(age) > max_age:
            return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature or "")


def make_client(timeout: float = 10.0) -> httpx.Client:
    """One client for many deliveries: building its TLS context costs far more than a POST."""
    return httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False)


def post_webhook(url: str, payload: dict[str, Any], *, secret: str | None, uid: str,
                 timeout: float = 10.0, allow_private: bool = False,
                 client: httpx.Client | None = None) -> int:
    """POST the notice; returns the HTTP status, raises WebhookError unless it is 2xx."""
    address = public_address(url, allow_private=allow_private)
    target, host_header, extensions = pinned(url, address) if address else (url, {}, {})
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    ts = str(int(time.time()))
    headers = {"Content-Type": "application/json", "User-Agent": "dyadwatch-alerts",
               TIMESTAMP_HEADER: ts, DELIVERY_HEADER: uid, **host_header}
    if secret:
        headers[SIGNATURE_HEADER] = sign(secret, ts, body)
    own = client is None
    http = make_client(timeout) if client is None else client
    try:
        response = http.post(target, content=body, headers=headers, extensions=extensions)
    except httpx.HTTPError as exc:
        raise WebhookError(f"{type(exc).__name__}: {exc}") from None
    finally:
        if own:
            http.close()
    if not 200 <= response.status_code < 300:
        raise WebhookError(f"HTTP {response.status_code} from {url}")
    return response.status_code
