"""Turning bytes into text: BOMs, UTF-8, then Windows-1252, then Latin-1.

Invalid bytes never raise: the last resort (Latin-1) decodes every byte. Content that
is clearly binary (NUL bytes outside UTF-16) is refused with :class:`UnreadableInput`.
"""

from __future__ import annotations

import codecs
import re

from ..errors import UnreadableInput

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def sniff_encoding(data: bytes) -> str:
    """The encoding :func:`decode_bytes` would use for ``data``."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"
    return "cp1252"


def decode_bytes(data: bytes, *, source: str) -> str:
    """Decode ``data`` to text, detecting the encoding.

    Raises:
        UnreadableInput: the bytes are binary, not text.
    """
    encoding = sniff_encoding(data)
    if encoding in {"utf-8", "cp1252", "latin-1"} and b"\x00" in data[:65536]:
        raise UnreadableInput(source, "not text (binary content)")
    text = data.decode(encoding, errors="replace")
    control = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if control > max(8, len(text[:4096]) // 20):
        raise UnreadableInput(source, "not text (binary content)")
    return text


_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_markup(data: bytes, *, source: str, content_type: str = "") -> str:
    """Decode an HTML page: a BOM wins, then the charset of ``content_type`` (an HTTP
    header), then valid UTF-8, then a ``<meta charset>`` in the first 4 KB, then
    :func:`decode_bytes`'s fallbacks. Invalid bytes become U+FFFD.

    Raises:
        UnreadableInput: the bytes are binary, not text.
    """
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return decode_bytes(data, source=source)
    declared = [m.group(1) for m in _CHARSET.finditer(content_type.encode("latin-1", "replace"))]
    if sniff_encoding(data) != "utf-8":
        declared += [m.group(1) for m in _CHARSET.finditer(data[:4096])]
    for name in declared:
        try:
            codec = codecs.lookup(name.decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            continue
        if b"\x00" in data[:65536] and not codec.startswith("utf-16"):
            break
        return data.decode(codec, errors="replace")
    return decode_bytes(data, source=source)
