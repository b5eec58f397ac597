"""Cleaning: from a raw document to an article, removing boilerplate lines.

Plain text copied from a web page keeps the page's leftovers: share bars, comment
forms, previous/next links, newsletter invitations, captions. :func:`clean` classifies
whole lines with the patterns in ``data/boilerplate.tsv`` and a few context rules (the
link after "Next Post", the URL after an invitation, the related-article headlines after
"Read next", a headline repeated under itself), keeps every other line, and reports
each removal with offsets into the document text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import data_lines, data_table
from ..models import Article, Document, Removal, Segment, Span

__all__ = ["clean"]

# A title is a short first line; longer first lines are the lede of a wire report.
# Set from the seeds and zyte-dev pages: headlines there run 4-18 words.
MAX_TITLE_WORDS = 22
# A "headline-like" line (a link title in a related list) has few words and no
# sentence-final punctuation.
MAX_LINK_WORDS = 20
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_URL_LINE = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Rule:
    kind: str
    reason: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str  # stripped

    @property
    def words(self) -> int:
        return len(self.text.split())


@lru_cache(maxsize=1)
def _rules() -> tuple[_Rule, ...]:
    return tuple(
        _Rule(kind, reason, re.compile(pattern, re.IGNORECASE))
        for kind, reason, pattern in data_table("boilerplate.tsv")
    )


def _lines(text: str) -> list[_Line]:
    """Non-blank lines with offsets of their stripped content."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        start = m.start() + lead
        out.append(_Line(start, start + len(stripped), stripped))
    return out


def _match(line: _Line) -> _Rule | None:
    for rule in _rules():
        if rule.pattern.match(line.text):
            return rule
    return None


def _is_headline_like(line: _Line) -> bool:
    return line.words <= MAX_LINK_WORDS and not _SENTENCE_END.search(line.text)


def _normal(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def _find_title(lines: list[_Line]) -> _Line | None:
    if not lines:
        return None
    first = lines[0]
    if first.words <= MAX_TITLE_WORDS and not _SENTENCE_END.search(first.text.rstrip('”"')):
        return first
    return None


def _classify(lines: list[_Line], title: _Line | None) -> dict[int, str]:
    """Index of each boilerplate line -> reason."""
    removed: dict[int, str] = {}
    in_tail = False
    pending: tuple[str, str] | None = None  # (kind, reason) of a rule that claims the next line
    for i, line in enumerate(lines):
        if title is not None and line is title:
            continue
        if title is not None and i <= 3 and _normal(line.text) == _normal(title.text):
            removed[i] = "repeated headline"
            continue
        rule = _match(line)
        if rule is not None:
            removed[i] = rule.reason
            pending = (rule.kind, rule.reason) if rule.kind in {"nav", "invite"} else None
            if rule.kind == "tail":
                in_tail = True
            continue
        if pending is not None:
            kind, reason = pending
            pending = None
            if kind == "nav" and _is_headline_like(line):
                removed[i] = reason
                continue
            if kind == "invite" and _URL_LINE.match(line.text):
                removed[i] = reason
                continue
        if in_tail and _is_headline_like(line):
            removed[i] = "related articles"
    _absorb_trailing_fragments(lines, removed)
    return removed


def _absorb_trailing_fragments(lines: list[_Line], removed: dict[int, str]) -> None:
    """After the last article paragraph, headline-like lines that sit among
    boilerplate lines (link titles of a page footer) are boilerplate too."""
    i = len(lines) - 1
    last_reason = None
    while i >= 0:
        if i in removed:
            last_reason = removed[i]
        elif last_reason is not None and _is_headline_like(lines[i]) and (i - 1) in removed:
            removed[i] = "page footer"
        else:
            break
        i -= 1


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
    lines = _lines(text)
    title_line = _find_title(lines) if document.format == "text" else None
    removed = _classify(lines, title_line)
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
    return Article(
        document=document,
        title=title,
        body=body,
        segments=tuple(segments),
        boilerplate=tuple(removals),
        title_span=title_span,
        outlet=document.outlet or _outlet_from(removals),
    )
