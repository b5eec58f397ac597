"""Which of many ``(start, end)`` ranges hold an offset or a span, in log time.

Long articles have thousands of quotation marks and quoted spans; asking "is this word
inside any of them?" by scanning them all for every word made those stages quadratic in
the article's length. A :class:`Cover` answers the same questions by bisection.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate


@dataclass(frozen=True, slots=True)
class Cover:
    """Ranges sorted by start, with the largest end among each prefix of them."""

    starts: tuple[int, ...]
    reach: tuple[int, ...]  # reach[i]: the largest end among the first i + 1 ranges

    def contains(self, start: int, end: int) -> bool:
        """Whether some range ``(s, e)`` has ``s <= start`` and ``end <= e``."""
        i = bisect.bisect_right(self.starts, start)
        return i > 0 and self.reach[i - 1] >= end

    def holds(self, offset: int) -> bool:
        """Whether some range ``(s, e)`` has ``s <= offset < e``."""
        i = bisect.bisect_right(self.starts, offset)
        return i > 0 and self.reach[i - 1] > offset

    def opened_before(self, limit: int, offset: int) -> bool:
        """Whether some range ``(s, e)`` has ``s < limit`` and ``offset < e``."""
        i = bisect.bisect_left(self.starts, limit)
        return i > 0 and self.reach[i - 1] > offset


def cover(ranges: Iterable[tuple[int, int]]) -> Cover:
    """The :class:`Cover` of ``ranges``, in any order, overlapping or not.

    Args:
        ranges: ``(start, end)`` pairs.

    Returns:
        The cover, built in n log n time.
    """
    ordered = sorted(ranges)
    return Cover(tuple(s for s, _ in ordered), tuple(accumulate((e for _, e in ordered), max)))
