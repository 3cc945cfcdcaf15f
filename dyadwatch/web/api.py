"""REST endpoints under /api: events, dyads, timelines, actors, articles, exports.

The pages call the same functions (dyadwatch.web.views), so the dashboard and the
API never disagree. Every list is paged; every filter is a query parameter.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi import Query as Param
from fastapi.encoders import jsonable_encoder
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from dyadwatch.model import Article, Event, parse_datetime
from dyadwatch.web import views
from dyadwatch.web.filters import ACTOR_RE, FilterProblem, Query, parse_query

router = APIRouter(prefix="/api", tags=["api"])
Code = Annotated[str, Path(pattern=ACTOR_RE.pattern.replace("A-Z", "A-Za-z"),
                          description="Actor code (prefix): MEX, USAGOV")]
Period = Literal["day", "week", "month"]


def event_query(
    actor: Annotated[str | None, Param(description="Source or target code prefix: MEX")] = None,
    source: Annotated[str | None, Param(description="Source actor code prefix")] = None,
    target: Annotated[str | None, Param(description="Target actor code prefix")] = None,
    dyad: Annotated[str | None, Param(description="Directed dyad: MEX-USA")] = None,
    either_direction: Annotated[bool, Param(description="Dyad in both directions")] = False,
    country: Annotated[str | None, Param(description="Source or target ISO3 country")] = None,
    role: Annotated[str | None, Param(description="Source or target role: GOV, MIL")] = None,
    cameo: Annotated[str | None, Param(description="CAMEO code prefixes, comma-separated")] = None,
    cameo_root: Annotated[str | None, Param(description="CAMEO roots, comma-separated")] = None,
    plover: Annotated[str | None, Param(description="PLOVER types, comma-separated")] = None,
    quad_class: Annotated[str | None, Param(description="QuadClasses 1-4, comma-separated")] = None,
    goldstein_min: Annotated[float | None, Param(ge=-10, le=10)] = None,
    goldstein_max: Annotated[float | None, Param(ge=-10, le=10)] = None,
    since: Annotated[date | None, Param(description="First day, inclusive")] = None,
    until: Annotated[date | None, Param(description="Last day, inclusive")] = None,
    text: Annotated[str | None, Param(description="Words in the evidence sentence")] = None,
    modality: Annotated[str | None, Param(description="Modalities, comma-separated")] = None,
    article_id: Annotated[str | None, Param()] = None,
    min_mentions: Annotated[int | None, Param(ge=1, le=1_000_000)] = None,
    min_sources: Annotated[int | None, Param(ge=1, le=1_000_000)] = None,
    sort: Annotated[Literal["date_desc", "date_asc", "goldstein_asc", "goldstein_desc"],
                    Param()] = "date_desc",
    limit: Annotated[int, Param(ge=1, le=500)] = 50,
    offset: Annotated[int, Param(ge=0, le=10_000_000)] = 0,
) -> Query:
    """Event filters, order and paging from the query string (one parser for all doors)."""
    params = {k: v for k, v in locals().items() if v is not None}
    strings = {k: (str(v).lower() if isinstance(v, bool) else str(v)) for k, v in params.items()}
    return parse_query(strings)


EventQuery = Annotated[Query, Depends(event_query)]


def store_of(request: Request) -> Any:
    return request.app.state.store


def find_event(store: Any, event_id: str) -> Event:
    """An event by id (`<article id>-<sentence>-<index>`), or 404."""
    article_id, _, rest = event_id.rpartition("-")
    article_id = article_id.rpartition("-")[0]
    if not article_id or not rest.isdigit():
        raise HTTPException(404, f"no event '{event_id[:80]}'")
    for event in store.article_events(article_id):
        if event.id == event_id:
            return event
    raise HTTPException(404, f"no event '{event_id[:80]}'")


def upper(code: str) -> str:
    code = code.upper()
    if not ACTOR_RE.match(code):
        raise FilterProblem(f"actor code '{code[:40]}' is not valid")
    return code


@router.get("/stats", summary="Counts of articles, events, mentions and quotes")
def stats(request: Request) -> dict[str, Any]:
    return jsonable_encoder(store_of(request).stats())


@router.get("/events", summary="Event mentions matching the filters, one page")
def events(request: Request, q: EventQuery) -> dict[str, Any]:
    return views.list_events(store_of(request), q)


@router.get("/events/{event_id:path}", summary="One event with its other mentions")
def event(request: Request, event_id: str) -> dict[str, Any]:
    store = store_of(request)
    found = find_event(store, event_id)
    article = store.get_article(found.article_id)
    return {"event": found.to_dict(),
            "article": _article_meta(article) if article else None,
            "other_mentions": [e.to_dict() for e in views.other_mentions(store, found)]}


def _article_meta(article: Article) -> dict[str, Any]:
    meta = article.to_dict()
    meta.pop("text", None)
    return meta


@router.get("/dyads", summary="The busiest country dyads of a period")
def dyads(request: Request, since: date | None = None, until: date | None = None,
          limit: Annotated[int, Param(ge=1, le=500)] = 50) -> dict[str, Any]:
    return views.dyads(store_of(request), _iso(since), _iso(until), top=limit)


@router.get("/dyads/{a}/{b}/timeline", summary="A dyad's time series, both directions")
def timeline(request: Request, a: Code, b: Code, by: Period = "week",
             since: date | None = None, until: date | None = None) -> dict[str, Any]:
    return views.timeline(store_of(request), upper(a), upper(b), by, _iso(since), _iso(until))


@router.get("/dyads/{a}/{b}/summary",
            summary="Counts per QuadClass, top event types and actors of a dyad's period")
def dyad_summary(request: Request, a: Code, b: Code, since: date | None = None,
                 until: date | None = None) -> dict[str, Any]:
    flt = parse_query({"dyad": f"{a}-{b}", "either_direction": "true",
                       "since": _iso(since) or "", "until": _iso(until) or ""}).flt
    return views.summary(store_of(request), flt)


@router.get("/actors/{code}", summary="An actor's partners and Goldstein balance per country")
def actor(request: Request, code: Code, since: date | None = None,
          until: date | None = None) -> dict[str, Any]:
    return views.partners(store_of(request), upper(code), _iso(since), _iso(until))


@router.get("/movers", summary="Dyads whose conflict share moved most against their baseline")
def movers(request: Request, days: Annotated[int, Param(ge=1, le=366)] = 30,
           baseline_days: Annotated[int, Param(ge=1, le=3660)] = 180) -> dict[str, Any]:
    return views.movers(store_of(request), days=days, baseline_days=baseline_days)


@router.get("/articles/{article_id:path}", summary="An article, its events and quotes")
def article(request: Request, article_id: str) -> dict[str, Any]:
    store = store_of(request)
    found = store.get_article(article_id)
    if found is None:
        raise HTTPException(404, f"no article '{article_id[:80]}'")
    return {"article": found.to_dict(),
            "events": [e.to_dict() for e in store.article_events(article_id)]}


def _check(request: Request) -> None:
    """Writes need the server's token (see dyadwatch.web.app.check_token)."""
    from dyadwatch.web.app import check_token

    check_token(request)


class ArticleIn(BaseModel):
    """An article to code and store (needs the server's token)."""

    text: str = Field(min_length=1, max_length=1_000_000)
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=4000)
    source: str | None = Field(None, max_length=400)
    published: date | None = None


@router.post("/articles", status_code=201, summary="Code an article and store its events",
             dependencies=[Depends(_check)])
def add_article(request: Request, body: ArticleIn) -> dict[str, Any]:
    from dyadwatch.pipeline import code_articles

    published = parse_datetime(body.published.isoformat()) if body.published else None
    new = Article.from_text(body.text, title=body.title, url=body.url, source=body.source,
                            published=published)
    coded = next(code_articles([new]))
    if coded.error:
        raise HTTPException(422, f"could not code the article: {coded.error}")
    store_of(request).put(coded.article, coded.events, coded.quotes)
    return {"article_id": coded.article.id, "events": len(coded.events)}


EXPORTS = {"csv": ("text/csv", "csv"), "jsonl": ("application/x-ndjson", "jsonl"),
           "gdelt": ("text/tab-separated-values", "tsv"), "plover": ("application/x-ndjson",
                                                                     "plover.jsonl")}


@router.get("/export", summary="Every event matching the filters, as CSV, JSON Lines or GDELT")
def export(request: Request, q: EventQuery,
           format: Literal["csv", "jsonl", "gdelt", "plover"] = "csv") -> StreamingResponse:
    media, ext = EXPORTS[format]
    store = store_of(request)
    total = store.count_events(q.flt)  # checks the filter before the 200 goes out
    return StreamingResponse(_stream_export(store, q, format), media_type=media, headers={
        "Content-Disposition": f'attachment; filename="dyadwatch-events.{ext}"',
        "X-Total-Count": str(total)})


class _QueueWriter:
    """A text stream whose writes go to a bounded queue (constant memory while streaming)."""

    def __init__(self, chunks: queue.Queue[str | None], cancelled: threading.Event):
        self.chunks, self.cancelled, self.buffer = chunks, cancelled, []

    def write(self, text: str) -> int:
        self.buffer.append(text)
        if sum(map(len, self.buffer)) > 65536:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self.buffer:
            while not self.cancelled.is_set():
                try:
                    self.chunks.put("".join(self.buffer), timeout=0.5)
                    break
                except queue.Full:
                    continue
            self.buffer = []
        if self.cancelled.is_set():
            raise RuntimeError("export cancelled by the client")


def _stream_export(store: Any, q: Query, fmt: str) -> Iterator[str]:
    """Run dyadwatch.export.write_events in a thread and yield what it writes."""
    from dyadwatch.export import write_events

    chunks: queue.Queue[str | None] = queue.Queue(maxsize=8)
    cancelled = threading.Event()

    def produce() -> None:
        out = _QueueWriter(chunks, cancelled)
        try:
            write_events((e for batch in store.iter_events(q.flt) for e in batch), out, fmt=fmt)
            out.flush()
        except RuntimeError:
            pass
        finally:
            while not cancelled.is_set():
                try:
                    chunks.put(None, timeout=0.5)
                    break
                except queue.Full:
                    continue

    worker = threading.Thread(target=produce, name="dyadwatch-export", daemon=True)
    worker.start()
    try:
        while (chunk := chunks.get()) is not None:
            yield chunk
    finally:
        cancelled.set()


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
