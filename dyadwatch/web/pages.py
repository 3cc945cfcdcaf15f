"""The dashboard's HTML pages: server-rendered, escaped by Jinja2, charts drawn by
/static/dashboard.js from the JSON API (no inline scripts, so a strict CSP holds)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from dyadwatch.model import MODALITIES
from dyadwatch.web import views
from dyadwatch.web.api import find_event, upper
from dyadwatch.web.evidence import article_segments, sentence_segments
from dyadwatch.web.filters import FILTER_FIELDS, SORTS, parse_query

TEMPLATES = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
router = APIRouter(include_in_schema=False)


def link(path: str, params: dict[str, Any], **changes: Any) -> str:
    """`path` with `params` updated by `changes` (None removes a parameter)."""
    merged = {**params, **changes}
    query = urlencode({k: v for k, v in merged.items() if v not in (None, "")})
    return f"{path}?{query}" if query else path


def web_url(url: str | None) -> str | None:
    """An article's own URL if it is http(s); anything else (javascript:, data:) is dropped."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


TEMPLATES.env.globals.update(link=link, quad_names=views.QUAD_NAMES, cameo_name=views.cameo_name,
                             web_url=web_url)


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, message=message, title="Problem")


def _store(request: Request) -> Any:
    return request.app.state.store


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    store = _store(request)
    return render(request, "overview.html", title="Overview", stats=views.overview_counts(store),
                  movers=views.movers(store))


@router.get("/dyad", response_class=HTMLResponse)
def dyad_form(a: str = "", b: str = "") -> Response:
    return RedirectResponse(f"/dyad/{upper(a.strip())}/{upper(b.strip())}", status_code=303)


@router.get("/dyad/{a}/{b}", response_class=HTMLResponse)
def dyad(request: Request, a: str, b: str, by: str = "week", since: str = "",
         until: str = "") -> HTMLResponse:
    a, b = upper(a), upper(b)
    if by not in views.PERIODS:
        return error_page(request, 400, f"by: '{by[:20]}' is not one of day, week, month")
    q = parse_query({"dyad": f"{a}-{b}", "either_direction": "true", "since": since,
                     "until": until})
    store = _store(request)
    page = views.list_events(store, q)
    return render(request, "dyad.html", title=f"{a} and {b}", a=a, b=b, by=by, q=q,
                  summary=views.summary(store, q.flt, total=page["total"]), page=page,
                  events=page["events"])


@router.get("/events", response_class=HTMLResponse)
def explorer(request: Request) -> HTMLResponse:
    q = parse_query(dict(request.query_params))
    page = views.list_events(_store(request), q)
    state = {**q.params, "sort": q.sort, "limit": q.limit}
    return render(request, "events.html", title="Events", q=q, page=page, state=state,
                  sorts=SORTS, modalities=MODALITIES, fields=FILTER_FIELDS)


@router.get("/event/{event_id:path}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    store = _store(request)
    try:
        event = find_event(store, event_id)
    except HTTPException as exc:
        return error_page(request, exc.status_code, str(exc.detail))
    return render(request, "event.html", title=f"Event {event.cameo}", event=event,
                  segments=sentence_segments(event), article=store.get_article(event.article_id),
                  others=views.other_mentions(store, event))


@router.get("/article/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    store = _store(request)
    article = store.get_article(article_id)
    if article is None:
        return error_page(request, 404, f"no article '{article_id[:80]}'")
    events = store.article_events(article_id)
    segments, missing = article_segments(article.text, events)
    return render(request, "article.html", title=article.title or "Article", article=article,
                  events=events, segments=segments, missing=missing)


@router.get("/actor/{code}", response_class=HTMLResponse)
def actor_page(request: Request, code: str, since: str = "", until: str = "") -> HTMLResponse:
    code = upper(code)
    q = parse_query({"actor": code, "since": since, "until": until})
    data = views.partners(_store(request), code, q.flt.since, q.flt.until)
    return render(request, "actor.html", title=code, code=code, data=data, q=q)
