from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from ..data import data_table
from .clean_lines import (
    SENTENCE_END,
    Line,
    article_probabilities,
    contained_repeats,
    is_prose,
    line_features,
    line_size,
    normal,
    repeats_title,
    split_lines,
)

__all__ = [
    "Line",
    "TextLines",
    "classify_text",
    "decide",
    "find_title",
    "match_rule",
    "normal",
    "split_lines",
    "text_lines",
]

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
SHORT_LINE_COST = 4
BOILERPLATE_COST = 8
TITLE_BONUS = 30
MIN_TRIMMED_LINES = 3
# Under a "Related posts" marker, a prose line of MIN_RESUMING_WORDS or more means the
# article goes on (the marker labelled a box inside it).
MIN_RESUMING_WORDS = 12
_URL_LINE = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str
    reason: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def _rules() -> tuple[Rule, ...]:
    return tuple(
        Rule(kind, reason, re.compile(pattern, re.IGNORECASE))
        for kind, reason, pattern in data_table("boilerplate.tsv")
    )


def match_rule(line: Line) -> Rule | None:
    """Cleaning plain text: which lines of a page copied as text are boilerplate.

    Lines are first classified with the anchored patterns of ``data/boilerplate.tsv`` and a
    few context rules (the link after "Next Post", the URL after an invitation, the
    related-article headlines after "Read next" until prose resumes, a headline repeated
    under itself, a long line repeating the article). Every other line is then scored by
    the learnt line model of :mod:`.clean_lines`, and a two-state Viterbi pass labels runs
    of lines article or boilerplate (page header, page footer, clutter in between); when it
    keeps no prose, the highest-value run of lines (:func:`main_region`) decides instead.
    """
    for rule in _rules():
        if rule.pattern.match(line.text):
            return rule
    return None


def is_headline_like(line: Line) -> bool:
    return line.words <= MAX_LINK_WORDS and not SENTENCE_END.search(line.text)


def find_title(lines: list[Line]) -> Line | None:
    """The first line when it reads as a headline (short, no final full stop)."""
    if not lines:
        return None
    first = lines[0]
    if first.words <= MAX_TITLE_WORDS and not SENTENCE_END.search(first.text.rstrip('”"')):
        return first
    return None


@dataclass(frozen=True, slots=True)
class TextLines:
    """What the rules say about a page's lines, before the learnt score decides.

    ``removed`` maps a line index to the reason of the anchored pattern or context rule
    that removed it; ``tails`` are the lines saying the article is over ("Related
    posts"); ``region`` is the first and last index of :func:`main_region`;
    ``features`` one row per line for :mod:`.clean_lines`' model.
    """

    removed: dict[int, str]
    tails: frozenset[int]
    region: tuple[int, int]
    features: list[list[float]]


def _match_patterns(
    lines: list[Line], title: Line | None
) -> tuple[dict[int, str], set[int], set[int]]:
    """Lines removed by patterns and context rules, the "article is over" markers, and
    the lines under such a marker until prose resumes."""
    removed: dict[int, str] = {}
    tails: set[int] = set()
    zone: set[int] = set()
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
                tails.add(i)
                zone.add(i)
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
        if in_tail and is_prose(line) and line_size(line) >= MIN_RESUMING_WORDS:
            in_tail = False  # the article goes on: the marker was a box inside or above it
        if in_tail:
            zone.add(i)
            if is_headline_like(line):
                removed[i] = "related articles"
    _absorb_trailing_fragments(lines, removed)
    return removed, tails, zone


def text_lines(lines: list[Line], title: Line | None) -> TextLines:
    """Apply the rules to a page's lines and describe each line for the model."""
    removed, tails, zone = _match_patterns(lines, title)
    for i, is_copy in enumerate(contained_repeats(lines)):
        if is_copy and i not in removed:
            removed[i] = "copy of the article"
    region = main_region(lines, removed, title) if lines else (0, -1)
    features = line_features(
        lines,
        pattern_reasons=removed,
        tail_rules=tails,
        tail_zone=zone,
        title=title,
        region=region,
    )
    return TextLines(removed, frozenset(tails), region, features)


# A line the model gives less than MIN_ARTICLE_PROBABILITY leans to boilerplate; a
# change between article and boilerplate costs SWITCH_COST (in log-odds), so that a
# lone line is judged with its neighbours; PROSE_SWITCH_FACTOR times more between two
# prose lines (an article rarely ends mid-prose without a heading or a label; this
# also keeps the last sentences of clean article texts). Set by cross-validation in
# benchmarks/cleaning_train.py (F1 flat for factors 1-3; 2 loses fewest sentences of
# PolNeAR article texts).
MIN_ARTICLE_PROBABILITY = 0.5
SWITCH_COST = 3.0
PROSE_SWITCH_FACTOR = 2.0


def _log_odds(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def smooth(evidence: list[float], *, switch_costs: list[float]) -> list[bool]:
    """The article/boilerplate labelling that best fits each line's evidence (log-odds
    of article, 0 for no opinion) when a change of label between line i and line i+1
    costs ``switch_costs[i]`` (Viterbi over two states)."""
    if not evidence:
        return []
    # score[s]: best total ending in state s (1 = article); back[i][s]: previous state
    score = [0.0, evidence[0]]
    back: list[tuple[int, int]] = []
    for e, cost in zip(evidence[1:], switch_costs, strict=False):
        stay0, move0 = score[0], score[1] - cost
        stay1, move1 = score[1], score[0] - cost
        back.append((0 if stay0 >= move0 else 1, 1 if stay1 >= move1 else 0))
        score = [max(stay0, move0), max(stay1, move1) + e]
    state = 1 if score[1] > score[0] else 0
    out = [state == 1]
    for b in reversed(back):
        state = b[state]
        out.append(state == 1)
    return out[::-1]


def decide(
    lines: list[Line],
    title: Line | None,
    removed: dict[int, str],
    region: tuple[int, int],
    probabilities: list[float],
) -> dict[int, str]:
    """The rules' removals plus the lines the model scores as not article."""
    out = dict(removed)
    threshold = _log_odds(MIN_ARTICLE_PROBABILITY)
    evidence = [
        0.0 if i in removed or line is title else _log_odds(p) - threshold
        for i, (line, p) in enumerate(zip(lines, probabilities, strict=True))
    ]
    prose = [is_prose(line) for line in lines]
    switch_costs = [
        SWITCH_COST * (PROSE_SWITCH_FACTOR if a and b else 1.0) for a, b in pairwise(prose)
    ]
    is_article = smooth(evidence, switch_costs=switch_costs)
    if not any(is_prose(lines[i]) for i, yes in enumerate(is_article) if yes and i not in removed):
        # The model sees no article (a very short page): fall back on the best run.
        _trim_to_main_region(lines, out, title, region)
        return out
    kept = [
        i for i, yes in enumerate(is_article) if yes and i not in removed and lines[i] is not title
    ]
    first, last = (kept[0], kept[-1]) if kept else (len(lines), -1)
    for i, yes in enumerate(is_article):
        if i in out or lines[i] is title or yes:
            continue
        if repeats_title(lines[i], title):
            out[i] = "repeated headline"
        else:
            out[i] = "page header" if i < first else "page footer" if i > last else "page clutter"
    return out


def classify_text(lines: list[Line], title: Line | None) -> dict[int, str]:
    """Index of each boilerplate line -> reason."""
    analysed = text_lines(lines, title)
    probabilities = article_probabilities(analysed.features)
    return decide(lines, title, analysed.removed, analysed.region, probabilities)


def _line_value(line: Line, *, is_boilerplate: bool, is_title: bool) -> float:
    """How much a line says "article here": prose counts its words, a line without
    sentence punctuation (menu item, link title, label) costs a little, a boilerplate
    line costs more, a line repeating the page title marks where the article starts."""
    if is_title:
        return TITLE_BONUS
    if is_boilerplate:
        return -BOILERPLATE_COST
    if is_prose(line):
        return line_size(line) - PROSE_OFFSET
    return -SHORT_LINE_COST


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
        value = _line_value(line, is_boilerplate=i in removed, is_title=repeats_title(line, title))
        if total <= 0:
            total, start = value, i
        else:
            total += value
        if total > best:
            best, best_range = total, (start, i)
    return best_range


def _trim_to_main_region(
    lines: list[Line], removed: dict[int, str], title: Line | None, region: tuple[int, int]
) -> None:
    """Remove the page header and footer around :func:`main_region` -- when they are
    several lines: a deck or a byline above a copied article is not a page header."""
    if not lines:
        return
    first, last = region
    outside = {"page header": range(first), "page footer": range(last + 1, len(lines))}
    for reason, indexes in outside.items():
        left = [i for i in indexes if i not in removed and lines[i] is not title]
        if len(left) >= MIN_TRIMMED_LINES:
            for i in left:
                removed[i] = reason
    if first in removed or lines[first] is title:
        return
    if repeats_title(lines[first], title):
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
