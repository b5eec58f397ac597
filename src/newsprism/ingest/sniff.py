"""Telling an input's format from its first bytes, for stdin (which has no suffix).

``sniff_format`` looks at the start of the data only: a feed or an HTML page by its
first tags, JSON by its first character, JSON Lines when the first line is a whole JSON
value and another line follows. Anything else is plain text.
"""

from __future__ import annotations

import codecs
import json
import re

from .feed import looks_like_feed

#: The formats an input can be read as (``--input-format``), each a reader.
FORMATS = ("text", "html", "json", "jsonl", "feed")

# Tags that only an HTML page (or fragment) starts with; plain text rarely opens with one.
_HTML_START = re.compile(
    rb"<(!doctype\s+html|html|head|body|meta|title|article|div|p|section|main|!--)[\s>/]",
    re.IGNORECASE,
)


def sniff_format(data: bytes) -> str:
    """The format of ``data``, one of :data:`FORMATS`, from its first bytes.

    Args:
        data: the input's bytes (decompressed).

    Returns:
        ``"feed"``, ``"html"``, ``"json"``, ``"jsonl"`` or ``"text"``.
    """
    head = data[:4096]
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    head = head.lstrip()
    if looks_like_feed(head):
        return "feed"
    if head.startswith(b"<?xml"):
        return "html" if _HTML_START.search(head) else "feed"
    if _HTML_START.match(head):
        return "html"
    if head[:1] in (b"{", b"["):
        return _json_kind(data)
    return "text"


def _json_kind(data: bytes) -> str:
    """``"jsonl"`` when the first line is a whole JSON value and more lines follow,
    ``"json"`` when the whole is one JSON value, else ``"text"``."""
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    first, _, rest = text.partition("\n")
    if rest.strip():
        try:
            json.loads(first)
        except ValueError:
            pass
        else:
            return "jsonl"
    try:
        json.loads(text)
    except ValueError:
        return "text"
    return "json"
