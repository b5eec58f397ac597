"""JSON and JSON Lines: one article per record, as exported by scrapers and other tools.

A ``.json`` file holds one record, a list of records, or an object whose ``articles``,
``items``, ``records``, ``data`` or ``results`` is that list. A ``.jsonl``/``.ndjson``
file holds one record per line; a broken line is one failure and the other lines are
still read. A JSON Lines file is read line by line (:func:`read_jsonl_stream`), so it
may be larger than ``Settings.max_document_bytes``; each line may not. Each record's
``Document.source`` is ``PATH#N``: N counts records from 1 (the line number in JSON
Lines, the position in the list in JSON).

Field names: the ``*_KEYS`` tuples below, the first one present winning; a text may
be a list of paragraphs (each a string or, as in BASIL, a list of strings). A record
with HTML goes through the HTML reader (its text is the page's visible text), its other
fields winning over the page's. docs/inputs.md lists every name.
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from typing import IO, Any
from urllib.parse import urlsplit

from ..errors import InputError, UnreadableInput
from ..models import Document, InputFailure
from ..settings import Settings
from .dates import iso_date
from .decode import decode_bytes, sniff_encoding
from .html import document_from_html
from .ids import content_id
from .language import guess_language

__all__ = ["document_from_record", "read_json", "read_jsonl", "read_jsonl_stream"]

# The field names of the common article layouts: generic scrapers, schema.org
# NewsArticle, news-please, trafilatura, BASIL (``body-paragraphs``), NewsAPI, the
# Guardian and New York Times APIs (``fields.bodyText``, ``headline.main``), Webhose
# (``thread.site``). A dotted name is a field of a nested object. docs/inputs.md lists
# them all (tests/ingest/test_json_layouts.py checks it does); to accept another
# layout, add its names here and there.
TEXT_KEYS = (
    "text",
    "body",
    "content",
    "articleBody",
    "article",
    "maintext",
    "body-paragraphs",
    "paragraphs",
    "body_text",
    "bodyText",
    "fields.bodyText",
    "raw_text",
    "full_text",
)
HTML_KEYS = ("html", "raw_html", "content_html", "fields.body")
TITLE_KEYS = ("title", "headline", "webTitle", "fields.headline", "thread.title")
URL_KEYS = ("url", "link", "webUrl", "web_url", "canonical_url", "thread.url")
OUTLET_KEYS = (
    "outlet",
    "source",
    "site",
    "sitename",
    "source_domain",
    "publisher",
    "thread.site",
    "hostname",
)
DATE_KEYS = (
    "published",
    "date",
    "datePublished",
    "published_at",
    "pubDate",
    "date_publish",
    "publishedAt",
    "webPublicationDate",
    "pub_date",
    "publish_date",
    "thread.published",
)
AUTHOR_KEYS = ("author", "authors", "byline", "creator", "fields.byline")
LIST_KEYS = ("articles", "items", "records", "data", "results", "response.results", "response.docs")


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = _field(record, key)
        if value not in (None, "", [], {}):
            return value
    return None


def _field(record: dict[str, Any], key: str) -> Any:
    """``record[key]``; a dotted key (``fields.bodyText``) looks into nested objects."""
    if key in record:
        return record[key]
    value: Any = record
    for part in key.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _paragraphs(value: list[Any]) -> str:
    """Text from a list of paragraphs, each a string or (BASIL) a list of strings."""
    paragraphs = (" ".join(str(s) for s in p) if isinstance(p, list) else str(p) for p in value)
    return "\n\n".join(p for p in paragraphs if p.strip())


def _name(value: Any) -> str | None:
    """A display string from a string, a list of names or an object with a name."""
    if value is None:
        return None
    if isinstance(value, dict):
        return _name(value.get("name") or value.get("title") or value.get("main"))
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) or None
    text = str(value).strip()
    return text or None


def _site(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def document_from_record(record: Any, *, source: str, settings: Settings) -> Document:
    """A :class:`Document` from one JSON record (see the module docstring for fields).

    Raises:
        UnreadableInput: the record is not an object or has neither text nor HTML.
    """
    if not isinstance(record, dict):
        raise UnreadableInput(
            source, f"a record must be a JSON object, not {type(record).__name__}"
        )
    url = _name(_first(record, URL_KEYS))
    fields = {
        "title": _name(_first(record, TITLE_KEYS)),
        "url": url,
        "outlet": _name(_first(record, OUTLET_KEYS)),
        "published": iso_date(_first(record, DATE_KEYS)),
        "author": _name(_first(record, AUTHOR_KEYS)),
    }
    html = _first(record, HTML_KEYS)
    if isinstance(html, str) and html.strip():
        return document_from_html(html, source=source, settings=settings, url=url, fields=fields)
    text = _first(record, TEXT_KEYS)
    if isinstance(text, list):  # a list of paragraphs
        text = _paragraphs(text)
    if not isinstance(text, str) or not text.strip():
        raise UnreadableInput(
            source, "record has no text (" + "/".join(TEXT_KEYS[:3]) + ") or html"
        )
    return Document(
        id=content_id(text),
        source=source,
        text=text,
        format="text",
        title=fields["title"],
        outlet=settings.outlet or fields["outlet"] or _site(url),
        published=fields["published"],
        author=fields["author"],
        url=url,
        language=guess_language(text),
    )


def _records(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        for key in LIST_KEYS:
            items = _field(value, key)
            if isinstance(items, list) and not _first(value, TEXT_KEYS + HTML_KEYS):
                return list(items)
    return [value]


def read_json(data: bytes, *, source: str, settings: Settings) -> Iterator[Document | InputFailure]:
    """The records of a JSON file: one, a list, or a list under a common key.

    Raises:
        UnreadableInput: the file is not valid JSON.
    """
    try:
        value = json.loads(decode_bytes(data, source=source))
    except json.JSONDecodeError as err:
        raise UnreadableInput(source, f"invalid JSON ({err})") from err
    records = _records(value)
    for n, record in enumerate(records, 1):
        name = f"{source}#{n}" if len(records) > 1 or isinstance(value, list) else source
        try:
            yield document_from_record(record, source=name, settings=settings)
        except InputError as err:
            yield InputFailure(name, str(err))


def read_jsonl(
    data: bytes, *, source: str, settings: Settings
) -> Iterator[Document | InputFailure]:
    """One record per line; blank lines are skipped, a broken line is one failure."""
    yield from read_jsonl_stream(io.BytesIO(data), source=source, settings=settings)


_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-32 BOMs start alike


def read_jsonl_stream(
    stream: IO[bytes], *, source: str, settings: Settings
) -> Iterator[Document | InputFailure]:
    """The records of a JSON Lines stream, read line by line (lines end at ``\\n``;
    Unicode line separators inside a record are JSON, not line ends). A line longer
    than ``settings.max_document_bytes`` is one failure, skipped without being held in
    memory. A UTF-16 or UTF-32 file (with its BOM) is decoded whole, within the same cap.

    Raises:
        UnreadableInput: the file is UTF-16/32 and larger than the cap, or binary.
    """
    limit = settings.max_document_bytes
    first = stream.read(65536)
    if first.startswith(_WIDE_BOMS):
        data = first + stream.read(limit + 1 - len(first))
        if len(data) > limit:
            raise UnreadableInput(
                source, f"larger than the {limit:,}-byte limit (max_document_bytes)"
            )
        text = data.decode(sniff_encoding(data), errors="replace")
        lines: Iterator[tuple[bytes | str, bool]] = ((line, False) for line in text.split("\n"))
    else:
        # A binary file is one failure, not one a line (the chunk may end mid-character).
        decode_bytes(first, source=source, report=False)
        lines = _lines(first, stream, limit=limit)
    for n, (line, too_long) in enumerate(lines, 1):
        name = f"{source}#{n}"
        if too_long:
            yield InputFailure(
                name, f"{name}: line longer than the {limit:,}-byte limit (max_document_bytes)"
            )
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line if isinstance(line, str) else decode_bytes(line, source=name))
        except json.JSONDecodeError as err:
            yield InputFailure(name, f"{name}: invalid JSON ({err.msg} at column {err.colno})")
            continue
        except InputError as err:
            yield InputFailure(name, str(err))
            continue
        try:
            yield document_from_record(record, source=name, settings=settings)
        except InputError as err:
            yield InputFailure(name, str(err))


def _lines(head: bytes, stream: IO[bytes], *, limit: int) -> Iterator[tuple[bytes, bool]]:
    """``(line, too_long)`` for each ``\\n``-separated line of ``head`` + ``stream``;
    a line over ``limit`` bytes comes as ``(b"", True)`` and is never held whole."""
    buffered = io.BufferedReader(_Prefixed(head, stream))
    while True:
        line = buffered.readline(limit + 2)  # the line, its newline, one byte more
        if not line:
            return
        if len(line.rstrip(b"\r\n")) <= limit:
            yield line, False
            continue
        while line and not line.endswith(b"\n"):  # skip the rest of the long line
            line = buffered.readline(1 << 20)
        yield b"", True


class _Prefixed(io.RawIOBase):
    """``head`` then the rest of ``stream``: bytes already read put back in front."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = head
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
