"""The FastAPI app: REST API under /api, dashboard pages, bundled static assets.

    >>> app = create_app("events.duckdb")                      # doctest: +SKIP
    >>> uvicorn.run(app, host="127.0.0.1", port=8000)          # doctest: +SKIP

Read-only unless a token is configured; every response carries a strict
Content-Security-Policy (scripts and styles from this server only, no inline code).
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from dyadwatch.errors import FilterError
from dyadwatch.web.filters import FilterProblem

STATIC = Path(__file__).resolve().parent / "static"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class LockedStore:
    """Serialises calls into one store connection from the server's worker threads.

    Embedded DuckDB connections must not be used by two threads at once; a lock per
    call is enough for a dashboard and keeps every backend behind the same protocol.
    """

    def __init__(self, store: Any):
        self._store = store
        self._lock = threading.RLock()

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._store, name)
        if not callable(attr):
            return attr
        if name == "iter_events":
            return self._locked_iter(attr)

        def call(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                return attr(*args, **kwargs)

        return call

    def _locked_iter(self, method: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        def iterate(*args: Any, **kwargs: Any) -> Iterator[Any]:
            with self._lock:
                batches = method(*args, **kwargs)
            while True:
                with self._lock:
                    batch = next(batches, None)
                if batch is None:
                    return
                yield batch

        return iterate


def plotly_js() -> Path:
    """plotly.min.js from the installed `plotly` package (bundled, never a CDN)."""
    import plotly

    return Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


def create_app(store_url: str, token: str | None = None, *, store: Any = None) -> FastAPI:
    """The dashboard and REST API over the store at `store_url`.

    `token` enables the endpoints that change data (sent as `Authorization: Bearer ...`);
    without it the app is read-only. `store` passes an already open store instead.
    """
    from dyadwatch.store import open_store
    from dyadwatch.web import api, pages, subscriptions

    app = FastAPI(
        title="dyadwatch",
        summary="Political event data from news: who did what to whom, with the evidence.",
        version="0.1.0",
        docs_url=None,  # Swagger UI loads from a CDN; the schema is at /openapi.json
        redoc_url=None,
    )
    if store is None:  # read-only unless changes are allowed: never creates or migrates
        store = open_store(store_url, read_only=not token)
    app.state.store = LockedStore(store)
    app.state.token = token or None
    app.state.store_url = store_url
    app.state.plotly_js = plotly_js()

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[..., Any]) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(FilterProblem)
    @app.exception_handler(FilterError)
    async def bad_filter(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=422)
        return pages.error_page(request, 400, str(exc))

    @app.get("/static/vendor/plotly.min.js", include_in_schema=False)
    def plotly_bundle() -> FileResponse:
        return FileResponse(app.state.plotly_js, media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(subscriptions.api)
    app.include_router(pages.router)
    app.include_router(subscriptions.pages)
    return app


def check_token(request: Request) -> None:
    """Allow a change only with the configured token (constant-time comparison)."""
    expected = request.app.state.token
    if not expected:
        raise HTTPException(403, "read-only: start the server with --token to allow changes")
    sent = request.headers.get("authorization", "")
    scheme, _, value = sent.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.encode(), expected.encode()):
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is required",
                            headers={"WWW-Authenticate": "Bearer"})
