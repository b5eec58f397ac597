"""The add page: articles by upload, pasted text or URL, analysed in the background
while the page shows progress (it polls the job's status)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

from .deps import NOT_FOUND, jobs_of, not_found
from .jobs import Job, JobRunner, Upload
from .pages import render

__all__ = ["router"]

router = APIRouter()

MAX_FILES = 20
MAX_URLS = 20


class ArticleInput(BaseModel):
    """Articles to add: pasted text (its first line is the headline), URLs, or both."""

    text: str | None = Field(default=None, description="An article as plain text")
    urls: list[str] = Field(default_factory=list, max_length=MAX_URLS)
    outlet: str | None = Field(default=None, max_length=200, description="Outlet of every input")


class JobStatus(BaseModel):
    id: str
    state: str
    phase: str
    done: int
    total: int
    message: str
    added: int
    unchanged: int
    articles: list[dict[str, str]]
    failures: list[dict[str, str]]
    started: float
    finished: float | None


def _urls(text: str) -> list[Upload]:
    urls = [u.strip() for u in text.split() if u.strip()]
    if len(urls) > MAX_URLS:
        raise HTTPException(status_code=422, detail=f"at most {MAX_URLS} URLs at once")
    for url in urls:
        if not url.lower().startswith(("http://", "https://")):
            raise HTTPException(status_code=422, detail="URLs must start with http:// or https://")
    return [Upload(name=u, url=u) for u in urls]


async def _uploads(files: list[UploadFile] | None, text: str, urls: str) -> list[Upload]:
    inputs: list[Upload] = []
    for f in (files or [])[: MAX_FILES + 1]:
        if not f.filename:
            continue
        inputs.append(Upload(name=f.filename, data=await f.read()))
    if len(inputs) > MAX_FILES:
        raise HTTPException(status_code=422, detail=f"at most {MAX_FILES} files at once")
    if text.strip():
        inputs.append(Upload(name="pasted.txt", data=text.encode("utf-8")))
    inputs += _urls(urls)
    if not inputs:
        raise HTTPException(status_code=422, detail="nothing to add: give a file, text or a URL")
    return inputs


@router.get("/add", response_class=HTMLResponse, include_in_schema=False)
def add_page(request: Request) -> HTMLResponse:
    return render(request, "add.html.j2", nav="add", job=None, error="")


@router.post("/add", include_in_schema=False, response_model=None)
async def add_form(
    request: Request,
    jobs: Annotated[JobRunner, Depends(jobs_of)],
    files: Annotated[list[UploadFile] | None, File()] = None,
    text: Annotated[str, Form(max_length=2_000_000)] = "",
    urls: Annotated[str, Form(max_length=20_000)] = "",
    outlet: Annotated[str, Form(max_length=200)] = "",
) -> HTMLResponse | RedirectResponse:
    try:
        inputs = await _uploads(files, text, urls)
    except HTTPException as err:
        return render(
            request, "add.html.j2", nav="add", job=None, error=str(err.detail), status_code=422
        )
    job = jobs.submit_inputs(inputs, outlet=outlet.strip() or None)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
def job_page(
    request: Request, job_id: str, jobs: Annotated[JobRunner, Depends(jobs_of)]
) -> HTMLResponse:
    job = jobs.get(job_id)
    if job is None:
        raise not_found("job")
    return render(request, "job.html.j2", nav="add", job=job)


def _status(job: Job) -> JobStatus:
    return JobStatus(**job.as_dict())


@router.post("/api/articles", tags=["add"], summary="Add articles (JSON)", status_code=202)
def add_articles(body: ArticleInput, jobs: Annotated[JobRunner, Depends(jobs_of)]) -> JobStatus:
    """Start a job that reads the pasted text and fetches the URLs, stores them and
    analyses them. Poll `/api/jobs/{id}` for progress."""
    inputs = _urls(" ".join(body.urls))
    if body.text and body.text.strip():
        inputs.insert(0, Upload(name="pasted.txt", data=body.text.encode("utf-8")))
    if not inputs:
        raise HTTPException(status_code=422, detail="nothing to add: give text or URLs")
    return _status(jobs.submit_inputs(inputs, outlet=body.outlet))


@router.post(
    "/api/articles/upload", tags=["add"], summary="Add articles (file upload)", status_code=202
)
async def upload_articles(
    jobs: Annotated[JobRunner, Depends(jobs_of)],
    files: Annotated[
        list[UploadFile], File(description="Article files (.txt, .html, .jsonl, ...)")
    ],
    outlet: Annotated[str, Form(max_length=200)] = "",
) -> JobStatus:
    """Start a job that reads the uploaded files (any format `newsprism ingest` reads),
    stores and analyses them. The whole request is capped in size (413 beyond)."""
    inputs = await _uploads(files, "", "")
    return _status(jobs.submit_inputs(inputs, outlet=outlet.strip() or None))


@router.get("/api/jobs/{job_id}", tags=["add"], summary="A job's progress", responses=NOT_FOUND)
def job_status(job_id: str, jobs: Annotated[JobRunner, Depends(jobs_of)]) -> JobStatus:
    """The job's state (`queued`, `reading`, `analysing`, `done`, `failed`), its
    progress (`done` of `total` in the current phase), the articles it added and the
    inputs it could not read."""
    job = jobs.get(job_id)
    if job is None:
        raise not_found("job")
    return _status(job)
