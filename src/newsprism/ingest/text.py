"""Plain text and Markdown: the decoded content is the document text, unchanged."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..models import Document
from ..settings import Settings
from .decode import decode_bytes
from .ids import content_id
from .language import guess_language


def read_text(data: bytes, *, source: str, settings: Settings, url: str | None = None) -> Document:
    """Read a plain-text or Markdown document.

    The title, outlet and date are left to the clean stage, which finds them in the
    text; only ``--outlet`` (or, for a fetched URL, its site) is applied here.
    """
    text = decode_bytes(data, source=source)
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
