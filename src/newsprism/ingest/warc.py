"""WARC archives (``.warc``, ``.warc.gz``; warcio), as in Common Crawl's CC-NEWS.

Each ``response`` record with status 200 (or ``resource`` record) holding HTML is one
page, read by the HTML reader with the record's ``WARC-Target-URI`` as its URL; other
statuses (error pages, redirects) are skipped with one note per archive. ``Document.source`` is
``PATH#N`` with N counting records from 1 (all record types). A truncated or corrupt
archive yields the pages read before the damage and then one failure.

warcio writes its warnings about damaged records straight to ``sys.stderr`` (and, on
a gzip member cut short, just stops); they are captured while warcio runs, logged at
debug level, and the archive gets one failure line after the pages read before the
damage.
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import zlib
from collections.abc import Callable, Iterator
from typing import IO, Any, TypeVar

from ..errors import InputError
from ..models import Document, InputFailure
from ..settings import Settings
from .decode import decode_markup
from .html import document_from_html

__all__ = ["read_warc"]

log = logging.getLogger(__name__)

T = TypeVar("T")


def _quietly(call: Callable[[], T], *, source: str, warnings: list[str]) -> T:
    """``call()`` with what it writes to stderr logged at debug level and added to
    ``warnings`` instead."""
    captured = io.StringIO()
    try:
        with contextlib.redirect_stderr(captured):
            return call()
    finally:
        text = captured.getvalue().strip()
        if text:
            log.debug("%s: warcio: %s", source, text)
            warnings.append(" ".join(text.split()))


class _GzipCheck(io.RawIOBase):
    """Passes ``stream`` through, checking as it goes that its gzip members end
    properly: warcio takes a member cut short for the end of the archive."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._member = zlib.decompressobj(wbits=31)
        self._fed = False  # bytes of the current member seen
        self.is_gzip: bool | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        if self.is_gzip is None and data:
            self.is_gzip = data[:2] == b"\x1f\x8b"
        if self.is_gzip:
            self._check(data)
        return len(data)

    def _check(self, data: bytes) -> None:
        while data:
            self._fed = True
            try:
                # Output is thrown away, a bounded piece at a time (bombs stay small).
                self._member.decompress(data, 1 << 20)
                while self._member.unconsumed_tail and not self._member.eof:
                    self._member.decompress(self._member.unconsumed_tail, 1 << 20)
            except zlib.error:
                self.is_gzip = False  # not gzip after all: warcio reports it
                return
            if not self._member.eof:
                return
            data = self._member.unused_data
            self._member = zlib.decompressobj(wbits=31)
            self._fed = False

    @property
    def is_cut_short(self) -> bool:
        """Whether the data ended inside a gzip member."""
        return bool(self.is_gzip) and self._fed and not self._member.eof


def skipped_responses_note(source: str, not_ok: dict[str, int]) -> str:
    """The note for responses left out for their HTTP status, e.g. ``crawl.warc:
    skipped 3 responses that were not 200 OK (404 x2, 301 x1)``."""
    total = sum(not_ok.values())
    counts = ", ".join(f"{status} x{n}" for status, n in sorted(not_ok.items()))
    what = "response that was" if total == 1 else "responses that were"
    return f"{source}: skipped {total} {what} not 200 OK ({counts})"


def _records(stream: IO[bytes], *, source: str, warnings: list[str]) -> Iterator[Any]:
    from warcio.archiveiterator import ArchiveIterator

    records = _quietly(lambda: iter(ArchiveIterator(stream)), source=source, warnings=warnings)
    done = object()
    while True:
        record = _quietly(lambda: next(records, done), source=source, warnings=warnings)
        if record is done:
            return
        yield record


def read_warc(
    stream: IO[bytes], *, source: str, settings: Settings
) -> Iterator[Document | InputFailure]:
    """The HTML pages archived in a WARC stream (gzip-compressed or not)."""
    from warcio.exceptions import ArchiveLoadFailed

    limit = settings.max_document_bytes
    n = 0
    pages = 0
    warnings: list[str] = []
    not_ok: dict[str, int] = {}  # HTTP status -> responses skipped for it
    checked = _GzipCheck(stream)
    try:
        for record in _records(io.BufferedReader(checked), source=source, warnings=warnings):
            n += 1
            if record.rec_type not in {"response", "resource"}:
                continue
            name = f"{source}#{n}"
            if record.rec_type == "response":
                headers = record.http_headers
                content_type = headers.get_header("Content-Type", "") if headers else ""
                status = (headers.get_statuscode() if headers else None) or "?"
                if status != "200":  # an error page or a redirect, not the article
                    not_ok[status] = not_ok.get(status, 0) + 1
                    continue
            else:
                content_type = record.rec_headers.get_header("Content-Type", "")
            if "html" not in content_type.lower():
                continue
            read_body = functools.partial(record.content_stream().read, limit + 1)
            body = _quietly(read_body, source=name, warnings=warnings)
            if len(body) > limit:
                yield InputFailure(name, f"{name}: larger than the {limit:,}-byte limit")
                continue
            if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than announced
                yield InputFailure(source, f"{source}: truncated WARC: record {n} is cut short")
                return
            url = record.rec_headers.get_header("WARC-Target-URI")
            try:
                html = decode_markup(body, source=name, content_type=content_type)
                yield document_from_html(html, source=name, settings=settings, url=url)
                pages += 1
            except InputError as err:
                yield InputFailure(name, str(err))
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as err:
        yield InputFailure(source, f"{source}: broken or truncated WARC after {n} records ({err})")
        return
    if not_ok:
        log.warning("%s", skipped_responses_note(source, not_ok))
    if checked.is_cut_short:
        warnings.insert(0, "the last gzip member is cut short")
    if warnings:
        yield InputFailure(
            source, f"{source}: truncated or damaged WARC after {n} records ({warnings[0]})"
        )
    elif n == 0:
        yield InputFailure(source, f"{source}: no WARC records")
    elif pages == 0:
        log.info("%s: no HTML response records among %d", source, n)
