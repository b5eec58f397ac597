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
# main_region's line values: a prose line is worth its words minus PROSE_OFFSET; a line
# that is not prose costs SHORT_LINE_COST, a boilerplate line BOILERPLATE_COST; a line
# repeating the page title (the headline above the article) is worth TITLE_BONUS.
# A header or footer is trimmed when it has MIN_TRIMMED_LINES lines or more.
# Calibrated together on the zyte-dev html-text pages and the seeds.
PROSE_OFFSET = 2
LONG_LINE_WORDS = 25
SHORT_LINE_COST = 4
BOILERPLATE_COST = 8
TITLE_BONUS = 30
MIN_TRIMMED_LINES = 3
_CLAUSE_MARK = re.compile(r"[,;:.!?。、，](\s|$)")
SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]」』]*$")
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
    _trim_to_main_region(lines, removed, title)
    return removed


def _size(line: Line) -> float:
    """Words, counting about two characters as a word in scripts written without
    spaces (Chinese, Japanese)."""
    dense = sum(1 for ch in line.text if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")
    return line.words + dense / 2


def _is_prose(line: Line) -> bool:
    """Ends like a sentence, or is long with sentence punctuation inside (a paragraph
    whose last sentence lost its full stop); a long run of bare words is a menu."""
    if SENTENCE_END.search(line.text):
        return True
    return _size(line) >= LONG_LINE_WORDS and len(_CLAUSE_MARK.findall(line.text)) >= 2


def _line_value(line: Line, *, is_boilerplate: bool, is_title: bool) -> float:
    """How much a line says "article here": prose counts its words, a line without
    sentence punctuation (menu item, link title, label) costs a little, a boilerplate
    line costs more, a line repeating the page title marks where the article starts."""
    if is_title:
        return TITLE_BONUS
    if is_boilerplate:
        return -BOILERPLATE_COST
    if _is_prose(line):
        return _size(line) - PROSE_OFFSET
    return -SHORT_LINE_COST


def _repeats_title(line: Line, title: Line | None) -> bool:
    if title is None or line.words < 3:
        return False
    wanted, got = normal(title.text), normal(line.text)
    return wanted == got or wanted.startswith(got + " ")


def main_region(lines: list[Line], removed: dict[int, str], title: Line | None) -> tuple[int, int]:
    """The run of lines with the highest total value (maximum-sum subarray): the
    article body between a page's header (menus, breadcrumbs) and its footer (related
    lists, comment prompts, copyright). Returns (first, last) indexes, or the whole
    range when no line has a positive value."""
    best, best_range = 0.0, (0, len(lines) - 1)
    total, start = 0.0, 0
    for i, line in enumerate(lines):
        if line is title:
            continue
        value = _line_value(line, is_boilerplate=i in removed, is_title=_repeats_title(line, title))
        if total <= 0:
            total, start = value, i
        else:
            total += value
        if total > best:
            best, best_range = total, (start, i)
    return best_range


def _trim_to_main_region(lines: list[Line], removed: dict[int, str], title: Line | None) -> None:
    """Remove the page header and footer around :func:`main_region` -- when they are
    several lines: a deck or a byline above a copied article is not a page header."""
    if not lines:
        return
    first, last = main_region(lines, removed, title)
    outside = {"page header": range(first), "page footer": range(last + 1, len(lines))}
    for reason, indexes in outside.items():
        left = [i for i in indexes if i not in removed and lines[i] is not title]
        if len(left) >= MIN_TRIMMED_LINES:
            for i in left:
                removed[i] = reason
    if first in removed or lines[first] is title:
        return
    if _repeats_title(lines[first], title):
        removed[first] = "repeated headline"


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
