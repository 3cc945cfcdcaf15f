"""Real parts on loopback for the alert tests: an SMTP server with STARTTLS and login
(aiosmtpd, certificates from trustme) and an HTTP server that checks webhook signatures.
Both can be stopped and started again on the same port to show retries."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import ssl
import threading
import time
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from dyadwatch.alerts import AlertDB, AlertSettings, SMTPSettings
from dyadwatch.model import Actor, Event, Evidence, Span

SMTP_USER, SMTP_PASSWORD = "alerts@example.org", "s3cret-pass"
WEBHOOK_SECRET = "hook-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_event(n: int = 0, **kw: Any) -> Event:
    """A coded event as the engine would produce it; keywords override fields."""
    source = kw.pop("source", Actor("MEXGOV", "Mexico (government)", "MEX", ["GOV"]))
    target = kw.pop("target", Actor("USAGOV", "United States (government)", "USA", ["GOV"]))
    fields: dict[str, Any] = {
        "id": f"a{n}-0-0", "article_id": f"a{n}", "sentence_index": 0,
        "sentence": "Mexico rejected the US proposal to deploy troops at the border.",
        "date": "2025-02-22", "source": source, "target": target, "cameo": "120", "cameo_root": "12",
        "quad_class": 3, "goldstein": -4.0, "plover_type": "REJECT", "plover_mode": None,
        "plover_context": None, "negated": False, "modality": "asserted",
        "evidence": Evidence(verb=Span("rejected", 7, 15), rule="v:reject"), "confidence": 0.9,
        "url": f"https://news.example.org/story/{n}", "outlet": "news.example.org",
    }
    fields.update(kw)
    return Event(**fields)


@pytest.fixture
def alert_db(tmp_path):
    db = AlertDB(tmp_path / "alerts.sqlite")
    yield db
    db.close()


# --- SMTP -----------------------------------------------------------------------------------


class Inbox:
    """What the SMTP server received: (envelope recipients, parsed message)."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Any]] = []

    async def handle_DATA(self, server, session, envelope):
        msg = message_from_bytes(envelope.original_content or envelope.content,
                                 policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), msg))
        return "250 Message accepted"


class SMTPServer:
    """aiosmtpd on 127.0.0.1 that requires STARTTLS, then LOGIN/PLAIN with one account."""

    def __init__(self, tmp_path) -> None:
        import trustme

        ca = trustme.CA()
        self.ca_file = str(tmp_path / "smtp-ca.pem")
        ca.cert_pem.write_to_path(self.ca_file)
        self.tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1", "localhost").configure_cert(self.tls)
        self.port = free_port()
        self.inbox = Inbox()
        self.controller = None

    def _auth(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        ok = auth_data.login == SMTP_USER.encode() and auth_data.password == SMTP_PASSWORD.encode()
        return AuthResult(success=ok)

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self.controller = Controller(
            self.inbox, hostname="127.0.0.1", port=self.port, tls_context=self.tls,
            require_starttls=True, auth_required=True, auth_require_tls=True,
            authenticator=self._auth)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def settings(self, **kw: Any) -> SMTPSettings:
        return SMTPSettings(host="127.0.0.1", port=self.port, user=SMTP_USER,
                            password=SMTP_PASSWORD, sender="dyadwatch <alerts@example.org>",
                            starttls=True, ca_file=self.ca_file, timeout=5, **kw)


@pytest.fixture
def smtp_server(tmp_path):
    server = SMTPServer(tmp_path)
    server.start()
    yield server
    server.stop()


# --- webhook receiver -----------------------------------------------------------------------


class HookServer:
    """An HTTP receiver that checks the HMAC signature the way a user's endpoint would."""

    def __init__(self) -> None:
        self.port = free_port()
        self.received: list[dict[str, Any]] = []
        self.fail_next = 0  # answer 500 to this many requests
        self.delay = 0.0
        self.httpd: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def _handler(self):
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                ts = self.headers.get("X-Dyadwatch-Timestamp", "")
                expected = "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), ts.encode() + b"." + body,
                                                hashlib.sha256).hexdigest()
                valid = hmac.compare_digest(expected, self.headers.get("X-Dyadwatch-Signature", ""))
                time.sleep(hook.delay)
                if hook.fail_next > 0:
                    hook.fail_next -= 1
                    status = 500
                else:
                    status = 200 if valid else 401
                hook.received.append({"status": status, "valid": valid, "body": json.loads(body),
                                      "delivery": self.headers.get("X-Dyadwatch-Delivery")})
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler

    def start(self) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    def accepted(self) -> list[dict[str, Any]]:
        return [r for r in self.received if r["status"] == 200]


@pytest.fixture
def hook_server():
    server = HookServer()
    server.start()
    yield server
    server.stop()


def loopback_settings(smtp: SMTPServer | None = None, **kw: Any) -> AlertSettings:
    """Settings for loopback test servers: private targets allowed, fast retries."""
    base: dict[str, Any] = {"allow_private": True, "retry_seconds": 1.0, "max_attempts": 3,
                                "public_url": "https://dyadwatch.example.org", "webhook_timeout": 2}
    base.update(kw)
    return AlertSettings(smtp=smtp.settings() if smtp else SMTPSettings(), **base)


@pytest.fixture(name="make_event")
def make_event_fixture():
    return make_event


@pytest.fixture(name="loopback_settings")
def loopback_settings_fixture():
    return loopback_settings
