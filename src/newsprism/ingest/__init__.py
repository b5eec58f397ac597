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

Limits, so that hostile input cannot exhaust memory or time (see SECURITY.md):

* ``Settings.max_document_bytes`` caps what is held in memory at once: a file read
  whole (text, HTML, JSON, feed), one JSON Lines line, one WARC record. A larger plain
  file is refused before it is read; compressed data is decompressed as a stream that
  stops at the cap, so a gzip bomb never inflates past it. JSON Lines and WARC files
  are streamed record by record and may be of any size.
* ``Settings.max_document_chars`` caps the text of one document (an HTML page is
  refused before its main content is extracted): the NLP stages cost time and memory
  in proportion to it.
* :func:`read_input` is the boundary of one input: whatever goes wrong reading it
  becomes an :class:`~newsprism.models.InputFailure` (an unexpected exception too,
  logged with its traceback at debug level), so one input never stops a batch.

=================================  ==========================================
suffix                             reader
=================================  ==========================================
.txt .text                        :mod:`.text` (plain text, unchanged)
.md .markdown                      :mod:`.text` (markup blanked, offsets kept)
stdin (``-``)                      sniffed (:mod:`.sniff`): HTML, JSON, JSON Lines,
                                   feed or text; ``--input-format`` forces one
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
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ..errors import InputError, UnreadableInput, UnsupportedFormat
from ..models import Document, InputFailure
from ..settings import Settings
from .decode import decode_markup
from .feed import looks_like_feed, read_feed
from .html import document_from_html, read_html
from .records import read_json, read_jsonl, read_jsonl_stream
from .sidecar import apply_outlets_file
from .sniff import FORMATS, sniff_format
from .text import read_markdown, read_text

__all__ = ["expand_inputs", "read_document", "read_input", "read_inputs", "read_source"]

log = logging.getLogger(__name__)

Result = Document | InputFailure
Reader = Callable[..., Document | Iterable[Result]]

_READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
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
_JSONL = {".jsonl", ".ndjson"}
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}
_GZIP_MAGIC = b"\x1f\x8b"


def _suffix(name: str) -> str:
    name = name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def expand_inputs(paths: Iterable[str]) -> Iterator[str | InputFailure]:
    """Each input named by ``paths``: files as given, directories walked recursively
    in sorted order (hidden files skipped; files of unknown suffixes skipped with one
    warning per directory argument, which the CLI prints), ``-`` for stdin, URLs
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
    skipped: list[str] = []  # suffixes (or names) of files left out for their type
    errors: list[OSError] = []  # directories os.walk could not list
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=errors.append):
        yield from _walk_errors(errors)
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
                skipped.append(suffix or name)
                continue
            path = os.path.join(dirpath, name)
            try:
                mode = os.stat(path).st_mode
            except OSError as err:  # a dangling symlink, a file gone since the listing
                yield InputFailure(path, f"{path}: cannot read ({err.strerror or err})")
                continue
            if not stat.S_ISREG(mode):  # a FIFO or device would block or never end
                yield InputFailure(path, f"{path}: not a regular file")
                continue
            yield path
    yield from _walk_errors(errors)
    if skipped:
        log.warning("%s", skipped_note(root, skipped))


def skipped_note(root: Path | str, skipped: Sequence[str]) -> str:
    """The note for files of a folder left out for their type, e.g. ``skipped 3 files
    of unsupported types in news/: .pdf, .docx``."""
    kinds = ", ".join(sorted(set(skipped)))
    files = "1 file" if len(skipped) == 1 else f"{len(skipped):,} files"
    plural = "type" if len(set(skipped)) == 1 else "types"
    return f"skipped {files} of unsupported {plural} in {root}: {kinds}"


def _walk_errors(errors: list[OSError]) -> Iterator[InputFailure]:
    for err in errors:
        name = str(err.filename)
        yield InputFailure(name, f"{name}: cannot read directory ({err.strerror or err})")
    errors.clear()


def _too_large(source: str, limit: int, *, what: str = "larger than") -> UnreadableInput:
    return UnreadableInput(source, f"{what} the {limit:,}-byte limit (max_document_bytes)")


@contextmanager
def _opened(source: str) -> Iterator[IO[bytes]]:
    """The input's bytes as a stream: stdin or the file, gzip-decompressed when the
    data starts like gzip (a stream that decompresses only as it is read)."""
    if source == "-":
        raw: IO[bytes] = sys.stdin.buffer
    else:
        try:
            raw = open(source, "rb")  # noqa: SIM115 (closed below)
        except OSError as err:
            raise UnreadableInput(source, f"cannot read ({err.strerror or err})") from err
    try:
        peek = getattr(raw, "peek", None)
        head = peek(2)[:2] if peek is not None else b""
        if head == _GZIP_MAGIC:
            with gzip.GzipFile(fileobj=raw, mode="rb") as gz:
                yield gz  # type: ignore[misc]
        else:
            yield raw
    finally:
        if source != "-":
            raw.close()


def _read_capped(stream: IO[bytes], *, source: str, limit: int) -> bytes:
    """At most ``limit`` bytes of ``stream``; more raises (the stream is not read on)."""
    try:
        data = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as err:
        if isinstance(stream, gzip.GzipFile):
            raise UnreadableInput(source, f"broken gzip data ({err})") from err
        reason = getattr(err, "strerror", None) or err
        raise UnreadableInput(source, f"cannot read ({reason})") from err
    if len(data) > limit:
        gz = isinstance(stream, gzip.GzipFile)
        raise _too_large(source, limit, what="decompresses to more than" if gz else "larger than")
    return data


def _read_bytes(source: str, *, settings: Settings) -> bytes:
    limit = settings.max_document_bytes
    if source != "-":
        try:
            st = os.stat(source)
        except OSError as err:
            raise UnreadableInput(source, f"cannot read ({err.strerror or err})") from err
        # A plain file over the cap is refused unread (a compressed one may be smaller).
        if stat.S_ISREG(st.st_mode) and st.st_size > limit and not _is_gzip_file(source):
            raise _too_large(source, limit)
    with _opened(source) as stream:
        return _read_capped(stream, source=source, limit=limit)


def _is_gzip_file(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(2) == _GZIP_MAGIC
    except OSError:
        return False


def _gunzip(data: bytes, *, source: str, limit: int) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
        return _read_capped(gz, source=source, limit=limit)  # type: ignore[arg-type]


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
    (``PATH#N``); a failure of the whole input raises. A document whose text is longer
    than ``settings.max_document_chars`` is an InputFailure.

    What an ``outlets.csv`` beside a file says about it is applied (see
    :mod:`newsprism.ingest.sidecar`).

    Raises:
        InputError: the input is missing, unreadable, binary, of an unknown format,
            or (for a URL) refused or failed; or the outlets file beside it is malformed.
    """
    limit = settings.max_document_chars
    for result in _read_source(source, settings=settings):
        if isinstance(result, Document):
            result = apply_outlets_file(result, source=source, settings=settings)
        if isinstance(result, Document) and len(result.text) > limit:
            yield InputFailure(
                result.source,
                f"{result.source}: text of {len(result.text):,} characters is longer than "
                f"the {limit:,}-character limit (max_document_chars)",
            )
        else:
            yield result


def _read_source(source: str, *, settings: Settings) -> Iterator[Result]:
    if _is_url(source):
        yield from _read_url(source, settings=settings)
        return
    if "://" in source:
        raise UnsupportedFormat(source, "only http:// and https:// URLs are read")
    forced = settings.input_format
    if source == "-" or forced:
        yield from _read_sniffed(source, settings=settings)
        return
    suffix = _suffix(source)
    if suffix == _WARC:
        yield from _read_warc(source, settings=settings)
        return
    if suffix in _JSONL:
        with _opened(source) as stream:
            yield from read_jsonl_stream(stream, source=source, settings=settings)
        return
    reader = _READERS.get(suffix)
    if reader is None:
        raise UnsupportedFormat(source, f"unsupported file type {suffix!r}")
    data = _read_bytes(source, settings=settings)
    if not data.strip():
        raise UnreadableInput(source, "empty input")
    yield from _results(reader(data, source=source, settings=settings))


_SNIFFED: dict[str, Reader] = {
    "text": read_text,
    "html": read_html,
    "json": read_json,
    "jsonl": read_jsonl,
    "feed": read_feed,
}


def _read_sniffed(source: str, *, settings: Settings) -> Iterator[Result]:
    """Read stdin (or any input when ``settings.input_format`` forces one) in the
    format its first bytes show, as :func:`~.sniff.sniff_format` tells it."""
    data = _read_bytes(source, settings=settings)
    if not data.strip():
        raise UnreadableInput(source, "empty input")
    kind = settings.input_format or sniff_format(data)
    reader = _SNIFFED.get(kind)
    if reader is None:
        raise UnsupportedFormat(source, f"unknown input format {kind!r} ({', '.join(FORMATS)})")
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
    each article (or each input that could not be read at all). Never raises for a bad
    input (see :func:`read_input`)."""
    for item in expand_inputs(paths):
        yield from read_input(item, settings=settings)


def read_input(item: str | InputFailure, *, settings: Settings) -> Iterator[Result]:
    """Every article of one input named by :func:`expand_inputs`, as
    :func:`read_source` reads them, but never raising: a failure of the whole input, or
    of what is left of it after some articles were read, is an InputFailure.

    An exception that is not an :class:`~newsprism.errors.InputError` is a bug met on
    odd input: it is reported as a failure of that input, with its traceback logged at
    debug level (the CLI's ``--debug``).
    """
    if isinstance(item, InputFailure):
        yield item
        return
    try:
        yield from read_source(item, settings=settings)
    except InputError as err:
        log.debug("cannot read %s", item, exc_info=True)
        yield InputFailure(item, str(err))
    except Exception as err:  # the per-input boundary: one odd file never stops a batch
        log.debug("unexpected error reading %s", item, exc_info=True)
        yield InputFailure(
            item,
            f"{item}: cannot be read (unexpected {type(err).__name__}: {err}; "
            "run with --debug for the traceback)",
        )
