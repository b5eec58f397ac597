"""What every page module takes from the app: the library and the job runner."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request

from .jobs import JobRunner
from .library import Library

__all__ = ["NOT_FOUND", "jobs_of", "library_of"]

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such item in the store"}}


def library_of(request: Request) -> Library:
    library: Library = request.app.state.library
    return library


def jobs_of(request: Request) -> JobRunner:
    jobs: JobRunner = request.app.state.jobs
    return jobs


def not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no such {what}")
