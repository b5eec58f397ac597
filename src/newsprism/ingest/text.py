"""Plain text and Markdown: the decoded content is the document text, unchanged."""

from __future__ import annotations

from ..models import Document
from ..settings import Settings
from .decode import decode_bytes
from .ids import content_id


def read_text(data: bytes, *, source: str, settings: Settings) -> Document:
    """Read a plain-text or Markdown document.

    The title, outlet and date are left to the clean stage, which finds them in the
    text; only ``--outlet`` is applied here.
    """
    text = decode_bytes(data, source=source)
    return Document(
        id=content_id(text),
        source=source,
        text=text,
        format="text",
        outlet=settings.outlet,
    )
