"""Email notices: a readable plain-text and HTML message, sent over SMTP.

Header injection is impossible by construction: every header value passes through
`header_safe` (control characters, CR and LF removed, length capped) and the message is
built with the standard library's strict SMTP policy, which refuses any header value that
still contains a line break. Article text only ever reaches the body, HTML-escaped.
"""

from __future__ import annotations

import html
import re
import smtplib
import ssl
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate
from functools import lru_cache
from typing import Any

from dyadwatch.alerts.config import SMTPSettings

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u0085]+")


def header_safe(value: str, limit: int = 150) -> str:
    """One line, no control characters: safe to put in a mail header."""
    text = _CONTROL.sub(" ", value or "")
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def unsubscribe_link(payload: dict[str, Any], public_url: str | None) -> str | None:
    token = payload.get("token")
    if not public_url or not token:
        return None
    return f"{public_url.rstrip('/')}/alerts/unsubscribe/{token}"


def subject_for(payload: dict[str, Any]) -> str:
    items = payload.get("items") or []
    kind = payload.get("kind", "event")
    name = payload.get("subscription", "")
    if kind == "digest":
        return f"[dyadwatch] {name}: {len(items)} events ({payload.get('period', '')})"
    if kind == "spike" and items:
        spike = items[0]
        return f"[dyadwatch] {name}: conflict spike {spike.get('dyad')} on {spike.get('day')}"
    if items:
        it = items[0]
        who = f"{it.get('source', {}).get('code')} -> {(it.get('target') or {}).get('code', '-')}"
        what = it.get("plover_type") or it.get("cameo_name") or it.get("cameo")
        return f"[dyadwatch] {name}: {who} {what}"
    return f"[dyadwatch] {name}"


def _item_lines(it: dict[str, Any]) -> list[str]:
    if it.get("kind") == "spike":
        return [(f"Conflict share of {it['dyad']} on {it['day']}: {it['share']:.0%} "
                 f"({it['conflict']} of {it['events']} events); 90-day baseline "
                 f"{it['baseline_mean']:.0%} +- {it['baseline_sd']:.0%} ({it['sigma']:.1f} sd).")]
    src, tgt = it.get("source") or {}, it.get("target") or {}
    return [
        (f"{it.get('date') or ''}  {src.get('name') or src.get('code')} ({src.get('code')}) -> "
         f"{tgt.get('name') or tgt.get('code') or '-'} ({tgt.get('code') or '-'})"),
        f'  "{it.get("sentence", "")}"',
        (f"  CAMEO {it.get('cameo')} {it.get('cameo_name') or ''} | PLOVER "
         f"{it.get('plover_type') or '-'} | QuadClass {it.get('quad_class')} | Goldstein "
         f"{it.get('goldstein')} | {it.get('modality')}"),
        f"  {it.get('url') or '(no link)'}  {it.get('outlet') or ''}".rstrip(),
    ]


def render_text(payload: dict[str, Any], public_url: str | None) -> str:
    lines = [f"dyadwatch alert: {payload.get('subscription')}", ""]
    for it in payload.get("items") or []:
        lines += _item_lines(it) + [""]
    link = unsubscribe_link(payload, public_url)
    lines.append(f"Unsubscribe: {link}" if link else "")
    lines.append(f"or run: dyadwatch subscribe unsubscribe {payload.get('token')}")
    return "\n".join(lines) + "\n"


def _item_html(it: dict[str, Any]) -> str:
    e = html.escape
    if it.get("kind") == "spike":
        return f"<li><p>{e(_item_lines(it)[0])}</p></li>"
    src, tgt = it.get("source") or {}, it.get("target") or {}
    link = it.get("url")
    if link and str(link).lower().startswith(("http://", "https://")):
        anchor = f'<a href="{e(link)}">{e(it.get("outlet") or link)}</a>'
    else:  # never a javascript: or data: link from a feed into an HTML mail
        anchor = e(str(link)) if link else "(no link)"
    return (
        f"<li><p><b>{e(str(src.get('name') or src.get('code')))}</b> ({e(str(src.get('code')))})"
        f" &rarr; <b>{e(str(tgt.get('name') or tgt.get('code') or '-'))}</b>"
        f" ({e(str(tgt.get('code') or '-'))}) &middot; {e(str(it.get('date') or ''))}</p>"
        f"<blockquote>{e(str(it.get('sentence', '')))}</blockquote>"
        f"<p>CAMEO {e(str(it.get('cameo')))} {e(str(it.get('cameo_name') or ''))} &middot; "
        f"PLOVER {e(str(it.get('plover_type') or '-'))} &middot; QuadClass "
        f"{e(str(it.get('quad_class')))} &middot; Goldstein {e(str(it.get('goldstein')))}"
        f" &middot; {e(str(it.get('modality')))}</p><p>{anchor}</p></li>"
    )


def render_html(payload: dict[str, Any], public_url: str | None) -> str:
    e = html.escape
    items = "".join(_item_html(it) for it in payload.get("items") or [])
    link = unsubscribe_link(payload, public_url)
    unsub = (f'<a href="{e(link)}">Unsubscribe</a>' if link else "Unsubscribe") + (
        f" or run <code>dyadwatch subscribe unsubscribe {e(str(payload.get('token')))}</code>")
    return (f"<html><body><h2>dyadwatch alert: {e(str(payload.get('subscription')))}</h2>"
            f"<ul>{items}</ul><hr><p><small>{unsub}</small></p></body></html>")


def build_message(payload: dict[str, Any], to: str, settings: SMTPSettings, *,
                  uid: str, public_url: str | None = None) -> EmailMessage:
    """The full message: headers from safe values only, text and HTML alternatives."""
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = header_safe(subject_for(payload))
    msg["From"] = header_safe(settings.sender)
    msg["To"] = header_safe(to)
    msg["Date"] = formatdate(usegmt=True)
    msg["Message-ID"] = f"<{header_safe(uid)}@dyadwatch>"
    link = unsubscribe_link(payload, public_url)
    if link:
        msg["List-Unsubscribe"] = f"<{header_safe(link, 500)}>"
    msg.set_content(render_text(payload, public_url))
    msg.add_alternative(render_html(payload, public_url), subtype="html")
    return msg


@lru_cache(maxsize=8)
def _tls_context(ca_file: str | None) -> ssl.SSLContext:
    """Loading the CA bundle takes a good part of a second: do it once per bundle."""
    return ssl.create_default_context(cafile=ca_file or None)


def send_email(msg: EmailMessage, settings: SMTPSettings) -> None:
    """Send over SMTP: implicit TLS or STARTTLS as configured, then login if a user is set."""
    context = _tls_context(settings.ca_file or None)
    if settings.ssl:
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port,
                                             timeout=settings.timeout, context=context)
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    with smtp:
        if settings.starttls and not settings.ssl:
            smtp.starttls(context=context)
        if settings.user:
            smtp.login(settings.user, settings.password or "")
        smtp.send_message(msg)
