"""WARC archives (``.warc``, ``.warc.gz``; warcio), as in Common Crawl's CC-NEWS.

Each ``response`` (or ``resource``) record holding HTML is one page, read by the HTML
reader with the record's ``WARC-Target-URI`` as its URL. ``Document.source`` is
``PATH#N`` with N counting records from 1 (all record types). A truncated or corrupt
archive yields the pages read before the damage and then one failure.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from typing import IO

from ..errors import InputError
from ..models import Document, InputFailure
from ..settings import Settings
from .decode import decode_markup
from .html import document_from_html

__all__ = ["read_warc"]

log = logging.getLogger(__name__)


def read_warc(
    stream: IO[bytes], *, source: str, settings: Settings
) -> Iterator[Document | InputFailure]:
    """The HTML pages archived in a WARC stream (gzip-compressed or not)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    limit = settings.max_document_bytes
    n = 0
    pages = 0
    try:
        for record in ArchiveIterator(stream):
            n += 1
            if record.rec_type not in {"response", "resource"}:
                continue
            name = f"{source}#{n}"
            if record.rec_type == "response":
                headers = record.http_headers
                content_type = headers.get_header("Content-Type", "") if headers else ""
            else:
                content_type = record.rec_headers.get_header("Content-Type", "")
            if "html" not in content_type.lower():
                continue
            body = record.content_stream().read(limit + 1)
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
    if n == 0:
        yield InputFailure(source, f"{source}: no WARC records")
    elif pages == 0:
        log.info("%s: no HTML response records among %d", source, n)
