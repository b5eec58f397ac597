"""Cleaning plain text: which lines of a page copied as text are boilerplate.

Lines are classified with the anchored patterns of ``data/boilerplate.tsv`` and a few
context rules (the link after "Next Post", the URL after an invitation, the
related-article headlines after "Read next", a headline repeated under itself).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import data_table

__all__ = ["Line", "classify_text", "find_title", "match_rule", "normal", "split_lines"]

# A title is a short first line; longer first lines are the lede of a wire report.
# Set from the seeds and zyte-dev pages: headlines there run 4-18 words.
MAX_TITLE_WORDS = 22
# A "headline-like" line (a link title in a related list) has few words and no
# sentence-final punctuation.
MAX_LINK_WORDS = 20
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_URL_LINE = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str
    reason: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank line: offsets of its stripped content in the document text."""

    start: int
    end: int
    text: str  # stripped

    @property
    def words(self) -> int:
        return len(self.text.split())


@lru_cache(maxsize=1)
def _rules() -> tuple[Rule, ...]:
    return tuple(
        Rule(kind, reason, re.compile(pattern, re.IGNORECASE))
        for kind, reason, pattern in data_table("boilerplate.tsv")
    )


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with offsets of their stripped content."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        start = m.start() + lead
        out.append(Line(start, start + len(stripped), stripped))
    return out


def match_rule(line: Line) -> Rule | None:
    """The first boilerplate pattern matching the whole line, if any."""
    for rule in _rules():
        if rule.pattern.match(line.text):
            return rule
    return None


def is_headline_like(line: Line) -> bool:
    return line.words <= MAX_LINK_WORDS and not SENTENCE_END.search(line.text)


def normal(s: str) -> str:
    """Lower-case words separated by single spaces: for comparing headlines."""
    return re.sub(r"\W+", " ", s).strip().lower()


def find_title(lines: list[Line]) -> Line | None:
    """The first line when it reads as a headline (short, no final full stop)."""
    if not lines:
        return None
    first = lines[0]
    if first.words <= MAX_TITLE_WORDS and not SENTENCE_END.search(first.text.rstrip('”"')):
        return first
    return None


def classify_text(lines: list[Line], title: Line | None) -> dict[int, str]:
    """Index of each boilerplate line -> reason."""
    removed: dict[int, str] = {}
    in_tail = False
    pending: tuple[str, str] | None = None  # (kind, reason) of a rule that claims the next line
    for i, line in enumerate(lines):
        if title is not None and line is title:
            continue
        if title is not None and i <= 3 and normal(line.text) == normal(title.text):
            removed[i] = "repeated headline"
            continue
        rule = match_rule(line)
        if rule is not None:
            removed[i] = rule.reason
            pending = (rule.kind, rule.reason) if rule.kind in {"nav", "invite"} else None
            if rule.kind == "tail":
                in_tail = True
            continue
        if pending is not None:
            kind, reason = pending
            pending = None
            if kind == "nav" and is_headline_like(line):
                removed[i] = reason
                continue
            if kind == "invite" and _URL_LINE.match(line.text):
                removed[i] = reason
                continue
        if in_tail and is_headline_like(line):
            removed[i] = "related articles"
    _absorb_trailing_fragments(lines, removed)
    return removed


def _absorb_trailing_fragments(lines: list[Line], removed: dict[int, str]) -> None:
    """After the last article paragraph, headline-like lines that sit among
    boilerplate lines (link titles of a page footer) are boilerplate too."""
    i = len(lines) - 1
    last_reason = None
    while i >= 0:
        if i in removed:
            last_reason = removed[i]
        elif last_reason is not None and is_headline_like(lines[i]) and (i - 1) in removed:
            removed[i] = "page footer"
        else:
            break
        i -= 1
