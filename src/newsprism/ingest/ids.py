"""Content ids: the same text always gets the same id, whatever file it came from."""

from __future__ import annotations

import hashlib


def content_id(text: str) -> str:
    """A 16-hex-digit id derived from the SHA-256 of ``text`` (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:16]
