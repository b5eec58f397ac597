"""Cleaning an HTML page's visible text: keep what the main-content extraction kept.

The HTML reader marks the stretches of ``Document.text`` that trafilatura found to be
the article (``Document.main_content``). A line is kept when most of it lies inside
those stretches; every other line is boilerplate with the reason "not main content",
except the line repeating the page's title at the top of the article, which becomes the
title, and the article's own paragraphs that resume right after an advertisement break
the extractor took for the article's end (:func:`_resumed`).
Lines inside the main content that match an anchored boilerplate pattern (a share bar
or a "Read more:" link the extractor let through) are removed with that pattern's
reason.
"""

from __future__ import annotations

import bisect

from .clean_lines import is_prose, line_size
from .clean_text import MIN_RESUMING_WORDS, Line, match_rule, normal

__all__ = ["classify_html"]

# Share of a line's characters that must lie in the main content for the line to be
# kept; lines are aligned whole, so any value in 0.3-0.7 gives the same result on
# zyte-dev.
MIN_COVERED = 0.5
NOT_MAIN = "not main content"
# The reason of the boilerplate pattern for an ad slot's label ("Advertisement", "Story
# continues below advertisement"): data/boilerplate.tsv.
AD_BREAK = "advertisement"


def _covered(line: Line, starts: list[int], spans: tuple[tuple[int, int], ...]) -> int:
    i = max(bisect.bisect_right(starts, line.start) - 1, 0)
    total = 0
    while i < len(spans) and spans[i][0] < line.end:
        start, end = spans[i]
        total += max(0, min(end, line.end) - max(start, line.start))
        i += 1
    return total


def _resumed(lines: list[Line], kept: list[bool]) -> list[bool]:
    """``kept`` plus the prose paragraphs that follow kept article text across nothing
    but advertisement labels.

    The extractor takes a page's article to end where an ad slot splits its container
    (on one zyte-dev page it kept a third of the article, trafilatura alone too); a
    paragraph of at least :data:`MIN_RESUMING_WORDS` words right after the label is the
    article going on, and so are the prose lines after it until anything else comes.

    Args:
        lines: the non-blank lines of the document text.
        kept: per line, whether most of it lies in the main content.

    Returns:
        ``kept`` with the resumed lines set.
    """
    out = list(kept)
    after_ad = resuming = False
    for i, line in enumerate(lines):
        if out[i]:
            after_ad = resuming = False
            continue
        rule = match_rule(line)
        if rule is not None and rule.reason == AD_BREAK:
            after_ad = after_ad or resuming or (i > 0 and out[i - 1])
            resuming = False
            continue
        prose = is_prose(line)
        if prose and (resuming or (after_ad and line_size(line) >= MIN_RESUMING_WORDS)):
            out[i] = resuming = True
            after_ad = False
            continue
        after_ad = resuming = False
    return out


def classify_html(
    lines: list[Line], main_content: tuple[tuple[int, int], ...], *, title: str | None
) -> tuple[dict[int, str], int | None]:
    """Index of each boilerplate line -> reason, and the index of the title line.

    Args:
        lines: the non-blank lines of the document text.
        main_content: the reader's main-content stretches (sorted, disjoint).
        title: the page's title from its metadata, if known.
    """
    starts = [s for s, _ in main_content]
    kept = _resumed(
        lines,
        [_covered(line, starts, main_content) >= MIN_COVERED * len(line.text) for line in lines],
    )
    first_kept = next((i for i, k in enumerate(kept) if k), len(lines))
    title_index = None
    if title:
        wanted = normal(title)
        title_index = next(
            (
                i
                for i in range(min(first_kept, len(lines) - 1), -1, -1)
                if normal(lines[i].text) == wanted
            ),
            None,
        )
    removed: dict[int, str] = {}
    for i, line in enumerate(lines):
        if i == title_index:
            continue
        if not kept[i]:
            removed[i] = NOT_MAIN
            continue
        rule = match_rule(line)
        if rule is not None and rule.kind != "tail":
            removed[i] = rule.reason
    return removed, title_index
