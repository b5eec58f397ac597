"""Figures: what a quantity measures and the range it allows, read alike by every stage
that compares figures across outlets (:mod:`.conflicts`, :mod:`.contested`).

Two figures measure the same thing when :func:`measure` gives one key: the same kind
and unit, the same scope class (killed / wounded, ``data/number_scopes.tsv``) and the
same holder (whose poll share). :func:`bounds` is the range a figure allows ("at least
12" is open above; "tens of thousands" 20,000-90,000), :func:`counted` what it counts.
"""

from __future__ import annotations

from functools import cache

from ..data import data_table
from ..models import Quantity

__all__ = ["bounds", "counted", "measure", "scope_class"]


@cache
def _scope_classes() -> dict[str, str]:
    return {row[0]: row[1] for row in data_table("number_scopes.tsv") if len(row) >= 2}


def scope_class(q: Quantity) -> str | None:
    """The class of the figure's scope ("dead", "injured"; ``data/number_scopes.tsv``
    puts "killed" and "dead" in one), None when it has none."""
    if not q.scope:
        return None
    cls = _scope_classes().get(q.scope, q.scope)
    return None if cls == "-" else cls


_PERCENT_WORDS = {"percent", "per", "cent", "%", "percentage", "points", "point"}


def counted(q: Quantity) -> str:
    """What a figure counts, lower case, without its unit words ("percent support" is
    "support" for a percentage); empty when the sentence does not say."""
    words = (q.counts or "").lower().split()
    if q.kind == "percent":
        words = [w for w in words if w not in _PERCENT_WORDS]
    return " ".join(words)


def measure(q: Quantity) -> tuple[str, str, str, str] | None:
    """The key of what ``q`` measures (kind and unit, scope class, holder, kind): two
    figures with one key measure the same thing. None when too little is known to
    compare it with anything (a bare count, a percentage of nothing named)."""
    if q.low is None and q.high is None and q.value is None:
        return None
    unit = (q.unit or "").lower()
    scope = scope_class(q) or ""
    holder = (q.holder or "").casefold()
    if q.kind in {"count", "money", "measure"} and not unit:
        return None
    if q.kind == "percent" and not (counted(q) or holder or scope):
        return None
    return (q.kind + ":" + unit, scope, holder, q.kind)


def bounds(q: Quantity) -> tuple[float, float]:
    """The range a figure allows, ``(low, high)``: its own bounds for a vague or
    "at least" figure ("at least 12": 12 to infinity), else its value at both ends."""
    low = q.low if q.low is not None else q.value
    high = q.high if q.high is not None else q.value
    if q.low is not None and q.high is None and q.value is not None and q.value == q.low:
        high = None  # "at least 12": open above
    return (
        low if low is not None else float("-inf"),
        high if high is not None else float("inf"),
    )
