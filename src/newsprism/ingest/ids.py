"""Content ids: the same text always gets the same id, whatever file it came from.

One exception keeps who ran a story: an exact copy of a document already read, under
another outlet it names (a wire story republished by a portal), is a document of its own,
keyed by its outlet and text (:func:`outlet_copy`); the same text under one outlet is
still read once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace

from ..models import Document

__all__ = ["content_id", "is_other_outlet", "keyed_document", "outlet_copy"]


def content_id(text: str) -> str:
    """A 16-hex-digit id derived from the SHA-256 of ``text`` (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:16]


def is_other_outlet(first: Document, second: Document) -> bool:
    """Whether ``second`` is ``first`` run by another outlet: ``second`` names an
    outlet (ignoring case) that ``first`` does not, ``first`` naming none or another.
    A document naming no outlet adds none: the same file read twice stays one
    document, and so does a copy of unknown outlet."""
    a, b = (first.outlet or "").strip().casefold(), (second.outlet or "").strip().casefold()
    return bool(b) and a != b


def outlet_copy(document: Document) -> Document:
    """``document`` keyed as its outlet's copy: the id hashes the outlet and the text,
    so the same copy read again gets the same id."""
    outlet = (document.outlet or "").strip().casefold()
    return replace(document, id=content_id(f"{outlet}\n{document.text}"))


def keyed_document(document: Document, known: Callable[[str], Document | None]) -> Document:
    """``document`` keyed against the documents already read (``known`` looks one up
    by id): as it is, unless the same text is known under another outlet, then as
    :func:`outlet_copy`. Either way, a document whose id is known is the same document
    read again."""
    first = known(document.id)
    if first is not None and is_other_outlet(first, document):
        return outlet_copy(document)
    return document
