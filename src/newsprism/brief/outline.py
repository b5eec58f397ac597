"""What the plain-text briefings (terminal and Markdown) show of a story page.

The HTML page has room for every fact and folds the rest; a terminal or a Markdown
table does not. This module decides, once for both renderers, which facts a coverage
matrix shows, how its narrow outlet columns are labelled, and how long an excerpt is.
Pure functions over :class:`newsprism.brief.page.StoryPage` parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from string import ascii_uppercase

from .page import FactRow, StoryPage

__all__ = ["Matrix", "coverage_matrix", "missing_sections", "outlet_keys", "shorten"]


@dataclass(frozen=True, slots=True)
class Matrix:
    """A coverage matrix: the fact rows to show, the outlets as keyed columns, and how
    many single-source facts of each outlet were left out (``hidden``)."""

    keys: tuple[tuple[str, str], ...]  # (column key, outlet name)
    rows: tuple[FactRow, ...]
    hidden: tuple[tuple[str, int], ...]  # (outlet, single-source facts not shown)

    @property
    def hidden_total(self) -> int:
        return sum(n for _, n in self.hidden)


def outlet_keys(names: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """Short column keys for outlets: A, B, ... Z, then A2, B2, ...

    Example:
        >>> outlet_keys(["Reuters", "RT"])
        (('A', 'Reuters'), ('B', 'RT'))
    """
    keys = []
    for i, name in enumerate(names):
        letter, lap = ascii_uppercase[i % 26], i // 26
        keys.append((f"{letter}{lap + 1}" if lap else letter, name))
    return tuple(keys)


def coverage_matrix(page: StoryPage, *, limit: int | None) -> Matrix:
    """The facts a coverage matrix shows: every fact that is contested or carried by two
    or more outlets, then single-source facts in the page's order (which takes them in
    turn from each outlet) while fewer than ``limit`` rows are shown.

    Args:
        page: the story page.
        limit: the number of rows to fill with single-source facts; ``None`` shows all.

    Returns:
        A :class:`Matrix` in the page's fact order (contested, widely carried, single).
    """
    shared = [f for f in page.facts if f.status != "single-source" or f.outlets > 1]
    single = [f for f in page.facts if f.status == "single-source" and f.outlets <= 1]
    if limit is None:
        chosen = single
    else:
        room = max(0, limit - len(shared))
        chosen = single[:room]
    picked = {id(f) for f in (*shared, *chosen)}
    left: dict[str, int] = {}
    for fact in single:
        if id(fact) not in picked:
            outlet = _only_outlet(fact)
            left[outlet] = left.get(outlet, 0) + 1
    rows = tuple(f for f in page.facts if id(f) in picked)
    hidden = tuple((o, left[o]) for o in (*page.outlet_names, *left) if o in left)
    return Matrix(outlet_keys(page.outlet_names), rows, tuple(dict(hidden).items()))


def missing_sections(page: StoryPage) -> tuple[str, ...]:
    """The documented sections the story has nothing in yet ("facts", "quotes", ...),
    named once at the end of a story rather than shown as empty headings."""
    sections = (
        ("facts", page.facts),
        ("quotes", page.speakers),
        ("numbers", page.numbers),
        ("positions", page.positions),
        ("framing", page.framing),
        ("timeline", page.timeline),
    )
    return tuple(name for name, present in sections if not present)


def shorten(text: str, width: int) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, with an ellipsis.

    Example:
        >>> shorten("Russia rejects European troops in Ukraine", 24)
        'Russia rejects European…'
    """
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _only_outlet(fact: FactRow) -> str:
    return next((c.outlet for c in fact.cells if c.count and not c.is_copy), "")
