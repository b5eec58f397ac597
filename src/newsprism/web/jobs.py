"""Adding articles from the web: read, store, analyse, in a background thread.

A job reads its inputs (uploaded files, pasted text, URLs) through
:func:`newsprism.api.read` -- URLs are fetched by ``ingest/url.py`` with its safety
rules -- stores the documents, runs the per-article analysis on those not analysed yet,
stores the analyses and places the articles in the stored stories (the plan's stages,
as ``newsprism ingest`` runs them), reporting progress as it goes. Jobs run one at a time on one
worker thread: analysis is CPU-bound and the store takes one writer at a time. The
status of the last jobs is kept in memory for the polling endpoint.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import tempfile
import threading
import time
import uuid
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..errors import NewsprismError
from ..models import Document, InputFailure
from .library import Library

__all__ = ["Job", "JobRunner", "Upload"]

log = logging.getLogger(__name__)

State = Literal["queued", "reading", "analysing", "done", "failed"]
_KEEP_JOBS = 200
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class Upload:
    """One input of a job: a file's (or pasted text's) name and bytes, or a URL."""

    name: str
    data: bytes = b""
    url: str | None = None


@dataclass(slots=True)
class Job:
    """What one job is doing; read by the status endpoint."""

    id: str
    state: State = "queued"
    phase: str = "queued"
    done: int = 0
    total: int = 0
    message: str = "Waiting to start"
    added: int = 0
    unchanged: int = 0
    articles: list[dict[str, str]] = field(default_factory=list)
    failures: list[dict[str, str]] = field(default_factory=list)
    started: float = field(default_factory=time.time)
    finished: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


class JobRunner:
    """Runs jobs on one background thread and keeps their status."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsprism-job")
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()

    def submit_inputs(self, uploads: list[Upload], *, outlet: str | None = None) -> Job:
        """Start a job reading, storing and analysing ``uploads``."""
        job = self._new()
        self._pool.submit(self._run_inputs, job, uploads, outlet)
        return job

    def submit_pending(self) -> Job:
        """Start a job analysing the stored documents that have no analysis yet."""
        job = self._new()
        self._pool.submit(self._run_pending, job)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def latest(self) -> Job | None:
        with self._lock:
            return next(reversed(self._jobs.values()), None)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    # -- work ---------------------------------------------------------------------

    def _new(self) -> Job:
        job = Job(id=uuid.uuid4().hex[:16])
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > _KEEP_JOBS:
                self._jobs.popitem(last=False)
        return job

    def _run_inputs(self, job: Job, uploads: list[Upload], outlet: str | None) -> None:
        try:
            job.state, job.phase, job.message = "reading", "read", "Reading"
            job.total = len(uploads)
            documents, failures = self._read(uploads, outlet=outlet, job=job)
            job.failures = [{"source": f.source, "error": f.error} for f in failures]
            with self.library.store() as store:
                counts = store.add_documents(documents)
            job.added, job.unchanged = counts.added, counts.unchanged
            self._analyse(job, documents)
            job.articles = [
                {"id": d.id, "title": d.title or d.source, "outlet": d.outlet or ""}
                for d in documents
            ]
            self._finish(job, failed=not documents)
        except NewsprismError as err:
            self._fail(job, str(err))
        except Exception as err:  # a job must end with a status, whatever went wrong
            log.exception("job %s failed", job.id)
            self._fail(job, f"unexpected error: {type(err).__name__}")

    def _run_pending(self, job: Job) -> None:
        try:
            with self.library.store() as store:
                documents = store.pending_documents(pipeline=self.library.pipeline)
            self._analyse(job, documents)
            self._finish(job, failed=False)
        except NewsprismError as err:
            self._fail(job, str(err))
        except Exception as err:
            log.exception("job %s failed", job.id)
            self._fail(job, f"unexpected error: {type(err).__name__}")

    def _read(
        self, uploads: list[Upload], *, outlet: str | None, job: Job
    ) -> tuple[list[Document], list[InputFailure]]:
        from ..api import read

        settings = self.library.settings.replace(outlet=outlet or None)
        documents: list[Document] = []
        failures: list[InputFailure] = []
        with tempfile.TemporaryDirectory(prefix="newsprism-upload-") as tmp:
            for n, upload in enumerate(uploads, 1):
                if upload.url:
                    docs, failed = read([upload.url], settings=settings)
                else:
                    # A fresh folder per input, named after the upload (no path parts):
                    # the reader picks its format by suffix.
                    folder = Path(tmp) / str(n)
                    folder.mkdir()
                    name = _SAFE_NAME.sub("_", Path(upload.name).name).strip("._") or "pasted"
                    if "." not in name:
                        name += ".txt"
                    path = folder / name
                    path.write_bytes(upload.data)
                    docs, failed = read([str(path)], settings=settings)
                    docs = [
                        dataclasses.replace(d, source=_source(d.source, path, upload)) for d in docs
                    ]
                    failed = [
                        InputFailure(upload.name, f.error.replace(str(path), upload.name))
                        for f in failed
                    ]
                documents.extend(docs)
                failures.extend(failed)
                job.done = n
        return list({d.id: d for d in documents}.values()), failures

    def _analyse(self, job: Job, documents: list[Document]) -> None:
        from ..engines import analyse_documents, place

        pending: set[str] = set()
        if documents:
            with self.library.store() as store:
                pending = {d.id for d in store.pending_documents(pipeline=self.library.pipeline)}
        todo = [d for d in documents if d.id in pending]
        job.state, job.phase = "analysing", "analyse"
        job.done, job.total = 0, len(todo)
        job.message = f"Analysing {len(todo)} article{'' if len(todo) == 1 else 's'}"
        if not todo:
            return
        settings = self.library.settings

        done = 0.0

        def step(n: float) -> None:
            nonlocal done  # a long article reports fractions of itself
            done += n
            job.done = int(round(done, 6))

        analyses = list(analyse_documents(todo, settings=settings, on_progress=step))
        with self.library.store() as store:
            store.put_analyses(analyses, pipeline=self.library.pipeline)
            place(store, analyses, settings=settings)
        self.library.invalidate()

    def _finish(self, job: Job, *, failed: bool) -> None:
        job.state = "failed" if failed else "done"
        job.phase = job.state
        job.message = "Nothing could be read" if failed else "Done"
        job.finished = time.time()

    def _fail(self, job: Job, message: str) -> None:
        job.state, job.phase, job.message = "failed", "failed", message
        job.finished = time.time()


def _source(source: str, path: Path, upload: Upload) -> str:
    """The document's source as the user knows it: ``upload:NAME`` (``#N`` kept for
    files holding several articles)."""
    suffix = source[len(str(path)) :] if source.startswith(str(path)) else ""
    return f"upload:{upload.name}{suffix}"
