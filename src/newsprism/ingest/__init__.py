"""Reading inputs into :class:`~newsprism.models.Document` records.

This package is the only place that reads files and URLs. :func:`read_inputs` walks
paths (directories recursively, following symlinks once), reads stdin for ``-``,
fetches ``http(s)://`` URLs, picks a reader by file suffix (or by the Content-Type of a
fetched URL) and yields a ``Document`` per article -- or an
:class:`~newsprism.models.InputFailure` naming the input and the reason, so that one
bad file, record or line never stops a batch.

One input may hold several articles: a JSON list, a JSON Lines file, a feed, a WARC
archive. Their documents are named ``PATH#N`` (see each reader's module). Any input
may be gzip-compressed (``.gz``).

=================================  ==========================================
suffix                             reader
=================================  ==========================================
.txt .text .md .markdown, stdin    :mod:`.text` (plain text, unchanged)
.html .htm .xhtml                  :mod:`.html` (visible text + main content)
.json / .jsonl .ndjson             :mod:`.records` (one article per record)
.rss .atom .xml                    :mod:`.feed` (one article per entry)
.warc .warc.gz                     :mod:`.warc` (one article per HTML response)
http:// https://                   :mod:`.url`, then a reader by Content-Type
=================================  ==========================================
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError, UnreadableInput, UnsupportedFormat
from ..models import Document, InputFailure
from ..settings import Settings
from .decode import decode_markup
from .feed import looks_like_feed, read_feed
from .html import document_from_html, read_html
from .records import read_json, read_jsonl
from .text import read_text

__all__ = ["expand_inputs", "read_document", "read_inputs", "read_source"]

log = logging.getLogger(__name__)

Result = Document | InputFailure
Reader = Callable[..., Document | Iterable[Result]]

_READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".markdown": read_text,
    "": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
}
_WARC = ".warc"
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}


def _suffix(name: str) -> str:
    name = name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def expand_inputs(paths: Iterable[str]) -> Iterator[str | InputFailure]:
    """Each input named by ``paths``: files as given, directories walked recursively
    in sorted order (hidden files and unknown suffixes skipped), ``-`` for stdin, URLs
    as given.

    A path that does not exist yields an :class:`InputFailure`. Symlinked directories
    are followed once: a loop is not walked twice.
    """
    for path in paths:
        if path == "-" or "://" in path:
            yield path
            continue
        p = Path(path)
        if p.is_dir():
            yield from _walk(p)
        elif p.exists():
            yield path
        else:
            yield InputFailure(path, f"{path}: no such file or directory")


def _walk(root: Path) -> Iterator[str | InputFailure]:
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=None):
        try:
            st = os.stat(dirpath)
        except OSError as err:
            yield InputFailure(dirpath, f"{dirpath}: cannot read directory ({err.strerror})")
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            dirnames[:] = []
            continue
        seen.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name in _SKIP_NAMES:
                continue
            suffix = _suffix(name)
            if suffix == "" or (suffix not in _READERS and suffix != _WARC):
                log.debug("skipping %s: unknown suffix", name)
                continue
            yield os.path.join(dirpath, name)


def _read_bytes(source: str, *, settings: Settings) -> bytes:
    limit = settings.max_document_bytes
    try:
        if source == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(source, "rb") as fh:
                data = fh.read(limit + 1)
    except OSError as err:
        raise UnreadableInput(source, f"cannot read ({err.strerror or err})") from err
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, source=source, limit=limit)
    if len(data) > limit:
        raise UnreadableInput(source, f"larger than the {limit:,}-byte limit (max_document_bytes)")
    return data


def _gunzip(data: bytes, *, source: str, limit: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            out = gz.read(limit + 1)
    except (OSError, EOFError) as err:
        raise UnreadableInput(source, f"broken gzip data ({err})") from err
    return out


def _results(value: Document | Iterable[Result]) -> Iterator[Result]:
    if isinstance(value, Document):
        yield value
    else:
        yield from value


def _read_url(url: str, *, settings: Settings) -> Iterator[Result]:
    from .url import fetch  # imported only when a URL is read

    fetched = fetch(url, settings=settings)
    data = fetched.body
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, source=url, limit=settings.max_fetch_bytes)
    if not data.strip():
        raise UnreadableInput(url, "empty response")
    mime = fetched.content_type.split(";", 1)[0].strip().lower()
    if "html" in mime:
        html = decode_markup(data, source=url, content_type=fetched.content_type)
        yield document_from_html(html, source=url, settings=settings, url=fetched.url)
    elif "rss" in mime or "atom" in mime or "xml" in mime or looks_like_feed(data):
        yield from read_feed(data, source=url, settings=settings, url=fetched.url)
    elif "ndjson" in mime or "jsonl" in mime:
        yield from read_jsonl(data, source=url, settings=settings)
    elif "json" in mime:
        yield from read_json(data, source=url, settings=settings)
    elif mime.startswith("text/") or not mime:
        yield read_text(data, source=url, settings=settings, url=fetched.url)
    else:
        raise UnsupportedFormat(url, f"unsupported content type {mime!r}")


def _read_warc(source: str, *, settings: Settings) -> Iterator[Result]:
    from .warc import read_warc  # imported only when an archive is read

    try:
        fh = open(source, "rb")  # noqa: SIM115 (closed below, after the generator is done)
    except OSError as err:
        raise UnreadableInput(source, f"cannot read ({err.strerror or err})") from err
    with fh:
        yield from read_warc(fh, source=source, settings=settings)


def read_source(source: str, *, settings: Settings) -> Iterator[Result]:
    """Every article in one input (a file path, ``-`` or a URL).

    Inputs that hold several articles yield a Document or an InputFailure for each
    (``PATH#N``); a failure of the whole input raises.

    Raises:
        InputError: the input is missing, unreadable, binary, of an unknown format,
            or (for a URL) refused or failed.
    """
    if _is_url(source):
        yield from _read_url(source, settings=settings)
        return
    if "://" in source:
        raise UnsupportedFormat(source, "only http:// and https:// URLs are read")
    suffix = ".txt" if source == "-" else _suffix(source)
    if suffix == _WARC:
        yield from _read_warc(source, settings=settings)
        return
    reader = _READERS.get(suffix)
    if reader is None:
        raise UnsupportedFormat(source, f"unsupported file type {suffix!r}")
    data = _read_bytes(source, settings=settings)
    if not data.strip():
        raise UnreadableInput(source, "empty input")
    if source == "-" and looks_like_feed(data):
        reader = read_feed
    yield from _results(reader(data, source=source, settings=settings))


def read_document(source: str, *, settings: Settings) -> Document:
    """Read one input into a :class:`Document`: the first article of inputs that hold
    several (use :func:`read_source` for all of them).

    Raises:
        InputError: as :func:`read_source`, or the input holds no readable article.
    """
    first_failure: InputFailure | None = None
    for result in read_source(source, settings=settings):
        if isinstance(result, Document):
            return result
        first_failure = first_failure or result
    if first_failure is not None:
        prefix = f"{first_failure.source}: "
        raise UnreadableInput(first_failure.source, first_failure.error.removeprefix(prefix))
    raise UnreadableInput(source, "no article found")


def read_inputs(paths: Iterable[str], *, settings: Settings) -> Iterator[Result]:
    """Read every input named by ``paths``, yielding a Document or an InputFailure for
    each article (or each input that could not be read at all)."""
    for item in expand_inputs(paths):
        if isinstance(item, InputFailure):
            yield item
            continue
        try:
            yield from read_source(item, settings=settings)
        except InputError as err:
            yield InputFailure(item, str(err))
