"""Turning bytes into text: BOMs, UTF-8, then per line UTF-8 or Windows-1252 (Latin-1).

Invalid bytes never raise: the last resort (Latin-1) decodes every byte. Content that
is clearly binary (NUL bytes outside UTF-16) is refused with :class:`UnreadableInput`.
"""

from __future__ import annotations

import codecs
import logging
import re

from ..errors import UnreadableInput

log = logging.getLogger(__name__)

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


def decode_bytes(data: bytes, *, source: str, report: bool = True) -> str:
    """Decode ``data`` to text, detecting the encoding.

    Bytes that are not all valid UTF-8 are decoded line by line (:func:`decode_lines`),
    so that a stray bad byte in a UTF-8 file costs that character, not the file; how
    many bytes were replaced is logged as a warning (the CLI prints it as a note)
    unless ``report`` is False (a first chunk read only to refuse binary input).

    Raises:
        UnreadableInput: the bytes are binary, not text.
    """
    encoding = sniff_encoding(data)
    if encoding in {"utf-8", "cp1252", "latin-1"} and b"\x00" in data[:65536]:
        raise UnreadableInput(source, "not text (binary content)")
    if encoding in {"cp1252", "latin-1"}:
        text, replaced = decode_lines(data)
        if replaced and report:
            log.warning(
                "%s: %d %s not valid UTF-8 replaced by U+FFFD",
                source,
                replaced,
                "byte" if replaced == 1 else "bytes",
            )
    else:
        text = data.decode(encoding, errors="replace")
    control = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if control > max(8, len(text[:4096]) // 20):
        raise UnreadableInput(source, "not text (binary content)")
    return text


# A well-formed multi-byte UTF-8 sequence (no overlongs or surrogates checked: this
# only tells a UTF-8 line from a one-byte-encoding line).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def decode_lines(data: bytes) -> tuple[str, int]:
    """Decode bytes that are not all valid UTF-8, one line at a time.

    A valid UTF-8 line is UTF-8. A line with invalid bytes is UTF-8 with those bytes
    replaced (U+FFFD) when it also holds well-formed multi-byte UTF-8 sequences (a stray
    bad byte in a UTF-8 file), else Windows-1252 (Latin-1 for its five undefined bytes):
    a file of another encoding, or a part pasted from one. Line ends are kept, so the
    text has one line per line of ``data``.

    Returns:
        The text and the number of bytes replaced by U+FFFD.
    """
    parts: list[str] = []
    replaced = 0
    for line in data.splitlines(keepends=True):
        try:
            parts.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        if _UTF8_SEQUENCE.search(line):
            text = line.decode("utf-8", errors="replace")
            replaced += text.count("\ufffd") - line.count("\ufffd".encode())
            parts.append(text)
            continue
        try:
            parts.append(line.decode("cp1252"))
        except UnicodeDecodeError:
            parts.append(line.decode("latin-1"))
    return "".join(parts), replaced


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
