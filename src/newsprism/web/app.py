"""The app factory: routes, static files, security headers, background jobs."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache
from importlib.resources import files

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from .._version import __version__
from ..settings import Settings
from . import add, article, docs, entity, search, stories, story
from .jobs import JobRunner
from .library import Library
from .pages import render
from .security import SecurityMiddleware

__all__ = ["DEFAULT_MAX_UPLOAD_BYTES", "create_app"]

log = logging.getLogger(__name__)

# Enough for a few dozen long articles as HTML; larger batches go through `ingest`.
DEFAULT_MAX_UPLOAD_BYTES = 8 * 1024 * 1024
_STATIC_TYPES = {"app.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8"}


@lru_cache(maxsize=1)
def _static() -> dict[str, bytes]:
    """The app's stylesheet (the briefing's, then the web app's own) and script."""
    brief = files("newsprism.brief").joinpath("templates", "briefing.css").read_bytes()
    web = files("newsprism.web").joinpath("static")
    return {
        "app.css": brief + b"\n" + web.joinpath("web.css").read_bytes(),
        "app.js": web.joinpath("app.js").read_bytes(),
    }


def create_app(
    settings: Settings,
    *,
    analyse_pending: bool = True,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
) -> FastAPI:
    """The web app over the store at ``settings.db``.

    Args:
        settings: the settings (``settings.db`` is the store).
        analyse_pending: on start, analyse stored articles that have no analysis yet
            (in the background; the pages show them once done).
        max_upload_bytes: requests with a larger body are refused (413).

    Returns:
        A FastAPI (ASGI) app; run it with uvicorn, or test it with a test client.
    """
    library = Library(settings)
    jobs = JobRunner(library)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if analyse_pending:
            with library.store() as store:
                pending = store.pending_documents(pipeline=library.pipeline)
            if pending:
                log.info("analysing %d stored articles in the background", len(pending))
                jobs.submit_pending()
        # Build the first snapshot off the request path.
        threading.Thread(target=library.snapshot, name="newsprism-warm", daemon=True).start()
        yield
        jobs.shutdown()

    app = FastAPI(
        title="newsprism",
        version=__version__,
        summary="Stories, articles, entities and search over a newsprism store.",
        description="The JSON API behind every page of the web app. Offsets are character "
        "offsets into an article's `text`.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.library = library
    app.state.jobs = jobs
    for module in (stories, story, article, entity, search, add, docs):
        app.include_router(module.router)

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        # A fixed set of names: nothing here reads a path from the request.
        if name not in _STATIC_TYPES:
            return Response(status_code=404)
        return Response(
            _static()[name],
            media_type=_STATIC_TYPES[name],
            headers={"cache-control": "public, max-age=300"},
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") or exc.status_code not in (404, 405):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return render(
            request, "error.html.j2", status_code=exc.status_code, message=str(exc.detail)
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        return render(request, "error.html.j2", status_code=422, message="invalid request")

    app.add_middleware(SecurityMiddleware, max_body_bytes=max_upload_bytes)
    return app
