"""Cleaning: from a raw document to an article, removing boilerplate lines.

Plain text copied from a web page keeps the page's leftovers: share bars, comment
forms, previous/next links, newsletter invitations, captions, menus and footers.
:func:`clean` classifies whole lines -- with the rules of :mod:`.clean_text` for plain
text, or by the reader's main-content judgement for HTML (:mod:`.clean_html`) -- keeps
every other line, and reports each removal with offsets into the document text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..data import data_lines
from ..models import Article, Document, Removal, Segment, Span
from .clean_html import classify_html
from .clean_text import Line, classify_text, find_title, normal, split_lines
from .provenance import infer_published, outlet_from_footer, outlet_from_urls

__all__ = ["clean"]


@lru_cache(maxsize=1)
def _outlet_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in data_lines("outlet_patterns.txt"))


def _outlet_from(removals: list[Removal]) -> str | None:
    """The outlet a page names in its own boilerplate, if any."""
    for removal in removals:
        for pattern in _outlet_patterns():
            m = pattern.search(removal.text)
            if m:
                return m.group("outlet").strip()
    return None


def _derived_title(text: str) -> str:
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    words = first.split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "")


def _classify(document: Document, lines: list[Line]) -> tuple[dict[int, str], Line | None]:
    if document.format == "html" and document.main_content:
        removed, index = classify_html(lines, document.main_content, title=document.title)
        return removed, (lines[index] if index is not None else None)
    title_line = find_title(lines) if document.format != "html" else None
    if (
        title_line is not None
        and document.title
        and normal(title_line.text) != normal(document.title)
    ):
        title_line = None  # the record or feed named the title; this line is text
    return classify_text(lines, title_line), title_line


def clean(document: Document) -> Article:
    """Split ``document`` into title, body and removed boilerplate.

    The body is the kept lines joined by blank lines; each kept line is a
    :class:`~newsprism.models.Segment` pointing back into ``document.text``.

    Example:
        >>> doc = Document(id="1", source="a.txt", text="Title\\nHe said so.\\nShare this article")
        >>> article = clean(doc)
        >>> article.body, [r.reason for r in article.boilerplate]
        ('He said so.', ['share prompt'])
    """
    text = document.text
    lines = split_lines(text)
    removed, title_line = _classify(document, lines)
    pieces: list[str] = []
    segments: list[Segment] = []
    removals: list[Removal] = []
    body_len = 0
    for i, line in enumerate(lines):
        if line is title_line:
            continue
        if i in removed:
            removals.append(Removal(line.start, line.end, line.text, removed[i]))
            continue
        if pieces:
            body_len += 2
        segments.append(Segment(body_len, line.start, len(line.text)))
        pieces.append(line.text)
        body_len += len(line.text)
    body = "\n\n".join(pieces)
    if document.title:
        title = document.title
    elif title_line is not None:
        title = title_line.text
    else:
        title = _derived_title(body)
    title_span = (
        Span(title_line.start, title_line.end, title_line.text) if title_line is not None else None
    )
    inferred = None if document.published else infer_published(text)
    return Article(
        document=document,
        title=title,
        body=body,
        segments=tuple(segments),
        boilerplate=tuple(removals),
        title_span=title_span,
        outlet=document.outlet
        or _outlet_from(removals)
        or outlet_from_urls(removals)
        or outlet_from_footer(text, _outlet_patterns()),
        published=document.published or (inferred[0] if inferred else None),
        published_span=None if document.published or not inferred else inferred[1],
    )
