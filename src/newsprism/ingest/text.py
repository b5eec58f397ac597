"""Plain text and Markdown: the decoded content is the document text, unchanged for
plain text, with its markup blanked out (offsets kept) for Markdown."""

from __future__ import annotations

import dataclasses
from urllib.parse import urlsplit

from ..models import Document
from ..settings import Settings
from .decode import decode_bytes
from .ids import content_id
from .language import guess_language
from .markdown import blank_markdown, heading


def read_markdown(
    data: bytes, *, source: str, settings: Settings, url: str | None = None
) -> Document:
    """Read a Markdown document: as :func:`read_text`, with the markup replaced by
    spaces (:func:`~.markdown.blank_markdown`), so offsets are those of the file."""
    original = decode_bytes(data, source=source)
    text = blank_markdown(original)
    document = _document(text, source=source, settings=settings, url=url)
    title = heading(original, text)
    return dataclasses.replace(document, title=title) if title else document


def read_text(data: bytes, *, source: str, settings: Settings, url: str | None = None) -> Document:
    """Read a plain-text document.

    The title, outlet and date are left to the clean stage, which finds them in the
    text; only ``--outlet`` (or, for a fetched URL, its site) is applied here.
    """
    text = decode_bytes(data, source=source)
    return _document(text, source=source, settings=settings, url=url)


def _document(text: str, *, source: str, settings: Settings, url: str | None) -> Document:
    host = urlsplit(url).hostname if url else None
    return Document(
        id=content_id(text),
        source=source,
        text=text,
        format="text",
        outlet=settings.outlet or (host.removeprefix("www.") if host else None),
        url=url,
        language=guess_language(text),
    )
