"""HTML pages: trafilatura finds the main content and the page's metadata.

The document text is the text trafilatura extracts (with its paragraph breaks), so
offsets point into that text; the raw markup is not kept.
"""

from __future__ import annotations

from typing import Any

from ..errors import UnreadableInput
from ..models import Document
from ..settings import Settings
from .decode import decode_bytes
from .ids import content_id


def read_html(data: bytes, *, source: str, settings: Settings) -> Document:
    """Read an HTML page into a :class:`Document`.

    Raises:
        UnreadableInput: no article text could be found in the page.
    """
    import trafilatura  # heavy: imported only when an HTML page is read

    html = decode_bytes(data, source=source)
    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, as_dict=True
    )
    meta: dict[str, Any] = extracted if isinstance(extracted, dict) else {}
    text = meta.get("text") or ""
    if not text.strip():
        raise UnreadableInput(source, "no article text found in the HTML page")
    return Document(
        id=content_id(text),
        source=source,
        text=text,
        format="html",
        title=meta.get("title") or None,
        outlet=settings.outlet or meta.get("sitename") or meta.get("hostname") or None,
        published=meta.get("date") or None,
        author=meta.get("author") or None,
        url=meta.get("url") or None,
        language=meta.get("language") or None,
    )
