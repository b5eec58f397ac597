"""RSS and Atom feeds (feedparser): one document per entry with content or a summary.

An entry's full content (``content:encoded``, Atom ``content``) is preferred to its
summary. HTML content becomes its visible text (:func:`.html.html_to_text`), read as a
plain-text document: a feed entry has no page around it, only the odd "The post ...
appeared first on ..." line that cleaning removes. ``Document.source`` is ``PATH#N``
with N counting entries from 1.

feedparser never fetches external entities or DTDs, and it drops entity declarations
from the document type before parsing, so entity-expansion bombs ("billion laughs")
stay unexpanded text; the tests check both. A numeric character reference to no
character (``&#x110000;``, a surrogate, ``&#0;``) would make feedparser raise: each
becomes U+FFFD before parsing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from ..errors import UnreadableInput
from ..models import Document, InputFailure
from ..settings import Settings
from .dates import iso_date
from .html import html_to_text
from .ids import content_id
from .language import guess_language

__all__ = ["looks_like_feed", "read_feed"]


_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,20}));")


def _valid_char_refs(data: bytes) -> bytes:
    """``data`` with every character reference to no valid character as U+FFFD."""

    def fix(m: re.Match[bytes]) -> bytes:
        code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        return m.group() if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else b"&#xFFFD;"

    return _CHAR_REF.sub(fix, data)


def looks_like_feed(data: bytes) -> bool:
    """Whether ``data`` starts like an RSS, RDF or Atom document."""
    head = data[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return _as_text(value, content.get("type", ""))
    detail = entry.get("summary_detail") or {}
    summary = entry.get("summary") or ""
    return _as_text(summary, detail.get("type", "text/html")) if summary.strip() else ""


def _as_text(value: str, mime: str) -> str:
    return value.strip() if mime == "text/plain" else html_to_text(value)


def read_feed(
    data: bytes, *, source: str, settings: Settings, url: str | None = None
) -> Iterator[Document | InputFailure]:
    """The entries of an RSS or Atom feed.

    Raises:
        UnreadableInput: the data is not a feed, or the feed has no entries.
    """
    import feedparser  # imported only when a feed is read

    try:
        parsed = feedparser.parse(
            _valid_char_refs(data), sanitize_html=True, resolve_relative_uris=False
        )
    except (ValueError, TypeError, LookupError) as err:  # odd markup feedparser trips on
        raise UnreadableInput(source, f"broken feed ({type(err).__name__}: {err})") from err
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a feed or no entries ({problem})" if problem else "feed has no entries"
        raise UnreadableInput(source, reason)
    feed = parsed.get("feed", {})
    feed_title = (feed.get("title") or "").strip() or None
    feed_link = feed.get("link") or url
    for n, entry in enumerate(parsed.entries, 1):
        name = f"{source}#{n}"
        text = _entry_text(entry)
        if not text.strip():
            yield InputFailure(name, f"{name}: feed entry has no content or summary")
            continue
        link = entry.get("link") or None
        host = urlsplit(link or feed_link or "").hostname
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        yield Document(
            id=content_id(text),
            source=name,
            text=text,
            format="text",
            title=(entry.get("title") or "").strip() or None,
            outlet=settings.outlet or feed_title or (host.removeprefix("www.") if host else None),
            published=iso_date(published) or iso_date(entry.get("published")),
            author=(entry.get("author") or "").strip() or None,
            url=link,
            language=guess_language(text),
        )
