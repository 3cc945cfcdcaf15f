"""Alert subscriptions over REST (token required) and on the dashboard.

The same library calls as `dyadwatch subscribe ...` (dyadwatch.alerts). Listing on the
dashboard shows each rule and how it is delivered, never the addresses, webhook keys or
unsubscribe tokens. The unsubscribe link sent in every notice leads to
`/alerts/unsubscribe/{token}`: a page with a button, since mail scanners follow links.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from dyadwatch.errors import UnsafeURLError
from dyadwatch.web.api import _check

api = APIRouter(prefix="/api/subscriptions", tags=["subscriptions"])
pages = APIRouter()
STATUS = {"E061": 409, "E062": 404, "E063": 404}


def alerts_of(request: Request) -> Any:
    """The alert state beside the app's store (opened on first use)."""
    db = getattr(request.app.state, "alerts", None)
    if db is None:
        from dyadwatch.alerts import open_alerts

        db = request.app.state.alerts = open_alerts(request.app.state.store_url)
    return db


def _call(fn: Any, *args: Any, **kw: Any) -> Any:
    from dyadwatch.alerts import SubscriptionError

    try:
        return fn(*args, **kw)
    except SubscriptionError as exc:
        raise HTTPException(STATUS.get(str(exc)[:4], 400), str(exc)) from exc
    except UnsafeURLError as exc:
        raise HTTPException(400, str(exc)) from exc


class SubscriptionIn(BaseModel):
    """A subscription: what to watch for, and where to send notices."""

    name: str = Field(min_length=1, max_length=80)
    actors: list[str] = []
    source: list[str] = []
    target: list[str] = []
    dyad: tuple[str, str] | None = None
    either_direction: bool = False
    country: list[str] = []
    role: list[str] = []
    plover: list[str] = []
    cameo: list[str] = []
    cameo_root: list[str] = []
    quad_class: list[int] = []
    goldstein_max: float | None = None
    goldstein_min: float | None = None
    modality: list[str] = []
    min_mentions: int | None = Field(None, ge=1)
    min_sources: int | None = Field(None, ge=1)
    spike: float | None = Field(None, gt=0)
    email: list[str] = []
    webhook: str | None = Field(None, max_length=2000)
    digest: str = "instant"


@api.get("", summary="Subscriptions (needs the server's token)", dependencies=[Depends(_check)])
def list_all(request: Request) -> list[dict[str, Any]]:
    from dyadwatch.alerts import list_subscriptions

    return [s.public_dict() for s in list_subscriptions(alerts_of(request))]


@api.post("", status_code=201, summary="Add a subscription", dependencies=[Depends(_check)])
def add(request: Request, body: SubscriptionIn) -> dict[str, Any]:
    from dyadwatch.alerts import create_subscription

    fields = body.model_dump(exclude_none=True)
    return _call(create_subscription, alerts_of(request), **fields).public_dict()


@api.post("/{name}/pause", summary="Pause a subscription", dependencies=[Depends(_check)])
def pause(request: Request, name: str) -> dict[str, Any]:
    from dyadwatch.alerts import pause_subscription

    return _call(pause_subscription, alerts_of(request), name).public_dict()


@api.post("/{name}/resume", summary="Resume a subscription", dependencies=[Depends(_check)])
def resume(request: Request, name: str) -> dict[str, Any]:
    from dyadwatch.alerts import resume_subscription

    return _call(resume_subscription, alerts_of(request), name).public_dict()


@api.delete("/{name}", summary="Remove a subscription", dependencies=[Depends(_check)])
def remove(request: Request, name: str) -> dict[str, Any]:
    from dyadwatch.alerts import remove_subscription

    return _call(remove_subscription, alerts_of(request), name).public_dict()


def _rule(s: Any) -> dict[str, Any]:
    """What a subscription watches and how it is delivered, without addresses."""
    d = s.public_dict()
    delivery = (["email"] if d.pop("email", None) else []) + (["webhook"] if d.pop("webhook", None) else [])
    rule = {k: v for k, v in d.items() if v not in (None, [], False, "") and k not in ("name", "paused", "digest")}
    return {"name": s.name, "rule": rule, "delivery": ", ".join(delivery) or "none",
            "digest": s.digest, "paused": s.paused}


@pages.get("/subscriptions", response_class=HTMLResponse, include_in_schema=False)
def subscriptions_page(request: Request) -> HTMLResponse:
    from dyadwatch.alerts import list_subscriptions
    from dyadwatch.web.pages import render

    rows = [_rule(s) for s in list_subscriptions(alerts_of(request))]
    return render(request, "subscriptions.html", title="Subscriptions", rows=rows)


@pages.get("/alerts/unsubscribe/{token}", response_class=HTMLResponse, include_in_schema=False)
def unsubscribe_form(request: Request, token: str) -> HTMLResponse:
    from dyadwatch.web.pages import render

    return render(request, "unsubscribe.html", title="Unsubscribe", token=token, done=None)


@pages.post("/alerts/unsubscribe/{token}", response_class=HTMLResponse, include_in_schema=False)
def unsubscribe_now(request: Request, token: str) -> HTMLResponse:
    from dyadwatch.alerts import SubscriptionError, unsubscribe
    from dyadwatch.web.pages import error_page, render

    try:
        sub = unsubscribe(alerts_of(request), token)
    except SubscriptionError as exc:
        return error_page(request, 404, str(exc))
    return render(request, "unsubscribe.html", title="Unsubscribed", token=token, done=sub.name)
