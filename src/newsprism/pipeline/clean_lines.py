"""Line features for plain-text cleaning, and the learnt line score over them.

A page copied as text has lost its markup, but not all of its shape: the article is a
run of long lines ending like sentences, under a repeated headline, inside a block
structure (blank lines between blocks); menus, link lists and footers are runs of
short lines without sentence punctuation, often title-cased, dated or repeated.
:func:`line_features` turns each line and its neighbourhood into numbers, and
:func:`article_probabilities` weighs them with the logistic-regression weights of
``data/cleaning_weights.tsv`` (fitted by ``benchmarks/cleaning_train.py``).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..data import data_table

__all__ = [
    "FEATURES",
    "Line",
    "article_probabilities",
    "contained_repeats",
    "is_prose",
    "line_features",
    "line_size",
    "normal",
    "repeats_title",
    "split_lines",
]

# A line of LONG_LINE_WORDS or more with two clause marks inside is a paragraph whose
# last sentence lost its full stop, not a menu (set on the zyte-dev html-text pages).
LONG_LINE_WORDS = 25
_CLAUSE_MARK = re.compile(r"[,;:.!?。、，](\s|$)")
# A line of MIN_REPEAT_GRAMS word 4-grams or more, REPEAT_SHARE of which occur in
# MIN_REPEATED_LINES shorter lines or more, repeats the article (a summary or a
# structured-data dump).
MIN_REPEAT_GRAMS = 12
REPEAT_SHARE = 0.6
MIN_REPEATED_LINES = 3
# Site words (copyright, comments, subscribe) mark a line as a page label only when it
# is short: sentences say "declined to comment" too.
MAX_LABEL_WORDS = 15
SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]」』]*$")


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank line: offsets of its stripped content in the document text, and
    whether a blank line separates it from the line before (a new block)."""

    start: int
    end: int
    text: str  # stripped
    blank_before: bool = False

    @property
    def words(self) -> int:
        return len(self.text.split())


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with offsets of their stripped content."""
    out: list[Line] = []
    blank = False
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + len(raw) - len(raw.lstrip())
            out.append(Line(start, start + len(stripped), stripped, blank))
            blank = False
        else:
            blank = bool(out)
        pos += len(raw) + 1
    return out


def normal(s: str) -> str:
    """Lower-case words separated by single spaces: for comparing headlines."""
    return re.sub(r"\W+", " ", s).strip().lower()


def line_size(line: Line) -> float:
    """Words, counting about two characters as a word in scripts written without
    spaces (Chinese, Japanese)."""
    dense = sum(1 for ch in line.text if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")
    return line.words + dense / 2


def is_prose(line: Line) -> bool:
    """Ends like a sentence, or is long with sentence punctuation inside (a paragraph
    whose last sentence lost its full stop); a long run of bare words is a menu."""
    if SENTENCE_END.search(line.text):
        return True
    return line_size(line) >= LONG_LINE_WORDS and len(_CLAUSE_MARK.findall(line.text)) >= 2


def repeats_title(line: Line, title: Line | None) -> bool:
    """The line says the title again (perhaps without the site name after it)."""
    if title is None or line is title or line.words < 3:
        return False
    wanted, got = normal(title.text), normal(line.text)
    return wanted == got or wanted.startswith(got + " ")


_CLAUSE = re.compile(r"[,;:](\s|$)")
_SENTENCE_INSIDE = re.compile(r"[.!?。！？][\"'”’)]*\s+[\"'“‘(]?[A-Z0-9]")
_DATE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\b\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b\d{1,2}:\d{2}\b|"
    r"\b\d+\s+(minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(by|von|par|por|di|door|av)\s+\S", re.IGNORECASE)
_LEGAL = re.compile(
    r"©|\bcopyright\b|all rights reserved|\bprivacy\b|\bcookies?\b|terms of (use|service)|"
    r"\bsubscri(be|ption)\b|\bnewsletter\b|\bsign (up|in)\b|\blog ?in\b|\bcomments?\b|"
    r"\breply\b|\badvertis",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^([-*•·▪►>]|\d{1,2}[.)])\s")
_URLISH = re.compile(r"https?://|www\.|\.(com|org|net|co\.uk)\b|@\w", re.IGNORECASE)
_PIPE = re.compile(r"\s[|/•·]\s")

FEATURES: tuple[str, ...] = (
    "bias",
    "log_size",
    "sentence_end",
    "prose",
    "clauses",
    "inner_sentences",
    "title_case",
    "digits",
    "all_caps",
    "pattern",
    "pattern_tail",
    "repeats_title",
    "exact_repeat",
    "contained_repeat",
    "date",
    "byline",
    "legal",
    "bullet",
    "urlish",
    "pipes",
    "prose_near2",
    "prose_near6",
    "short_run",
    "block_lines",
    "block_prose",
    "position",
    "prose_before",
    "prose_after",
    "before_headline",
    "after_tail",
    "region",
    "region_edge",
)


def _share(count: float, total: float) -> float:
    return count / total if total else 0.0


def _prefix_sums(values: Sequence[float]) -> list[float]:
    out = [0.0]
    for v in values:
        out.append(out[-1] + v)
    return out


def _window_share(part: list[float], whole: list[float], i: int, radius: int) -> float:
    """Share of prose words among the words of the lines within ``radius`` of line i."""
    lo, hi = max(0, i - radius), min(len(part) - 1, i + radius + 1)
    return _share(part[hi] - part[lo], whole[hi] - whole[lo])


def _blocks(lines: Sequence[Line]) -> list[int]:
    """Block number of each line: html-text and copy-paste keep a blank line between
    blocks (paragraphs, menus, lists)."""
    out, block = [], 0
    for line in lines:
        block += line.blank_before
        out.append(block)
    return out


def contained_repeats(lines: Sequence[Line]) -> list[bool]:
    """A long line most of whose word 4-grams occur in several shorter lines of the
    page: a second copy of the article (a summary or a structured-data dump printed
    as text). A paragraph and its pull quote are one shorter line, not several."""
    grams: list[set[tuple[str, ...]]] = []
    for line in lines:
        words = normal(line.text).split()
        grams.append({tuple(words[j : j + 4]) for j in range(len(words) - 3)})
    holder: dict[tuple[str, ...], int] = {}  # gram -> the line with fewest grams holding it
    for i, mine in enumerate(grams):
        for g in mine:
            if g not in holder or len(grams[holder[g]]) > len(mine):
                holder[g] = i
    out = []
    for mine in grams:
        if len(mine) < MIN_REPEAT_GRAMS:
            out.append(False)
            continue
        held = [holder[g] for g in mine if len(grams[holder[g]]) < len(mine)]
        out.append(len(held) >= REPEAT_SHARE * len(mine) and len(set(held)) >= MIN_REPEATED_LINES)
    return out


def line_features(
    lines: Sequence[Line],
    *,
    pattern_reasons: dict[int, str],
    tail_rules: set[int],
    tail_zone: set[int],
    title: Line | None,
    region: tuple[int, int],
) -> list[list[float]]:
    """One feature vector (in the order of :data:`FEATURES`) per line.

    Args:
        lines: the non-blank lines of a document.
        pattern_reasons: lines matched by an anchored boilerplate pattern.
        tail_rules: lines matching an "article is over" pattern ("Related posts").
        tail_zone: such lines and the lines under them until prose resumes.
        title: the line taken as the title, if any.
        region: first and last index of the highest-value run of lines.
    """
    n = len(lines)
    sizes = [line_size(line) for line in lines]
    prose = [is_prose(line) for line in lines]
    prose_words = [s if p else 0.0 for s, p in zip(sizes, prose, strict=True)]
    total_prose = sum(prose_words) or 1.0
    blocks = _blocks(lines)
    block_lines = Counter(blocks)
    block_prose: defaultdict[int, float] = defaultdict(float)
    block_words: defaultdict[int, float] = defaultdict(float)
    for b, pw, s in zip(blocks, prose_words, sizes, strict=True):
        block_prose[b] += pw
        block_words[b] += s
    normals = [normal(line.text) for line in lines]
    counts = Counter(normals)
    headlines = [repeats_title(line, title) for line in lines]
    prose_sums, size_sums = _prefix_sums(prose_words), _prefix_sums(sizes)
    contained = contained_repeats(lines)
    # Runs of consecutive short (non-prose) lines: menus and link lists.
    run = [0] * n
    i = 0
    while i < n:
        j = i
        while j < n and not prose[j]:
            j += 1
        for k in range(i, j):
            run[k] = j - i
        i = max(j, i + 1)
    headline_at = next((k for k, yes in enumerate(headlines) if yes), None)
    before = 0.0
    first, last = region
    out = []
    for i, line in enumerate(lines):
        words = line.text.split()
        letters = [w for w in words if w[:1].isalpha()]
        reason = pattern_reasons.get(i)
        inside = first <= i <= last
        edge = min(abs(i - first), abs(i - last)) if inside else -min(abs(i - first), abs(i - last))
        row = [
            1.0,
            math.log1p(sizes[i]),
            1.0 if SENTENCE_END.search(line.text) else 0.0,
            1.0 if prose[i] else 0.0,
            min(len(_CLAUSE.findall(line.text)), 5) / 5,
            min(len(_SENTENCE_INSIDE.findall(line.text)), 5) / 5,
            _share(sum(1 for w in letters if w[0].isupper()), len(letters)),
            _share(sum(ch.isdigit() for ch in line.text), len(line.text)),
            1.0 if line.text.isupper() and len(letters) >= 1 else 0.0,
            1.0 if reason is not None else 0.0,
            1.0 if i in tail_rules else 0.0,
            1.0 if headlines[i] else 0.0,
            1.0 if counts[normals[i]] > 1 else 0.0,
            1.0 if contained[i] else 0.0,
            1.0 if _DATE.search(line.text) and len(words) <= 12 else 0.0,
            1.0 if _BYLINE.match(line.text) and len(words) <= 8 else 0.0,
            1.0 if _LEGAL.search(line.text) and len(words) <= MAX_LABEL_WORDS else 0.0,
            1.0 if _BULLET.match(line.text) else 0.0,
            1.0 if _URLISH.search(line.text) else 0.0,
            min(len(_PIPE.findall(line.text)), 3) / 3,
            _window_share(prose_sums, size_sums, i, 2),
            _window_share(prose_sums, size_sums, i, 6),
            math.log1p(run[i]),
            math.log1p(block_lines[blocks[i]]),
            _share(block_prose[blocks[i]], block_words[blocks[i]]),
            i / n,
            before / total_prose,
            (total_prose - before - prose_words[i]) / total_prose,
            1.0 if headline_at is not None and i < headline_at else 0.0,
            1.0 if i in tail_zone else 0.0,
            1.0 if inside else 0.0,
            math.tanh(edge / 5),
        ]
        before += prose_words[i]
        out.append(row)
    return out


@lru_cache(maxsize=1)
def _weights() -> tuple[float, ...]:
    table = dict((name, float(value)) for name, value in data_table("cleaning_weights.tsv"))
    return tuple(table.get(name, 0.0) for name in FEATURES)


def article_probabilities(
    features: list[list[float]], weights: Sequence[float] | None = None
) -> list[float]:
    """Probability that each line belongs to the article (logistic model)."""
    w = _weights() if weights is None else weights
    out = []
    for row in features:
        z = sum(a * b for a, b in zip(row, w, strict=True))
        out.append(1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0))))
    return out
