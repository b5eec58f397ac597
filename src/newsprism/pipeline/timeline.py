"""Timeline: the story's dated facts in time order, with every outlet and the date it gives.

:func:`build_timeline` makes one row per fact (the ``Fact`` records of the comparison)
whose statements carry a date phrase, and one per dated statement that is part of no
fact. Each row lists every outlet that reports the fact (all its evidence) and, for each
outlet that dates it, the date it gives (``dates``: the first date phrase of that
outlet's statement).

- The row's ``date`` is the value most outlets give (the earliest on a tie); a row
  whose phrases are all unresolved shows the first phrase as written.
- Rows are ordered by the period each date covers (:func:`~.date_values.date_range`):
  earlier start first, then the shorter period, so ``2025-03`` comes before
  ``2025-03-06`` and both after ``2025-02``; rows with no resolved date come last, in
  reading order (article order, then offset).
- Outlets whose dates cover periods that do not overlap ("Wednesday" against
  "Thursday"; not "March" against "March 6") make the row contested
  (``is_contested``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..models import Analysis, Claim, Evidence, Fact, TimeExpression
from .date_values import date_range

__all__ = ["TimelineEvent", "build_timeline"]


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One dated fact: ``date`` is the TimeML value when resolved, else the phrase as
    written; ``dates`` holds ``(outlet, value or phrase, phrase)`` for every outlet
    that dates it; ``evidence`` every statement of the fact, dated or not."""

    date: str
    is_resolved: bool
    text: str
    evidence: tuple[Evidence, ...]
    fact: str | None = None
    dates: tuple[tuple[str, str, str], ...] = ()
    is_contested: bool = False


@dataclass(frozen=True, slots=True)
class _Dated:
    outlet: str
    expression: TimeExpression
    reading: tuple[int, int]  # (article index, offset): where it is read


def build_timeline(
    analyses: Sequence[Analysis], facts: Sequence[Fact]
) -> tuple[TimelineEvent, ...]:
    """The story's dated facts in time order (see the module docstring).

    Args:
        analyses: the story's articles, in the order they are shown.
        facts: the story's facts; their evidence spans point into the articles' text.

    Returns:
        One :class:`TimelineEvent` per dated fact, and per dated statement outside
        every fact, in time order; undated phrases last.
    """
    by_id = {a.article.id: (i, a) for i, a in enumerate(analyses)}
    rows: list[tuple[TimelineEvent, tuple[int, int]]] = []
    in_fact: set[tuple[str, int]] = set()
    for fact in facts:
        dated = []
        for ev in fact.evidence:
            in_fact.add((ev.article_id, ev.start))
            found = by_id.get(ev.article_id)
            if found is None:
                continue
            index, analysis = found
            first = _first_date(analysis.dates, ev.start, ev.end)
            if first is not None:
                dated.append(_Dated(ev.outlet, first, (index, first.start)))
        if dated:
            rows.append(_row(fact.text, fact.evidence, dated, fact.id))
    for index, analysis in enumerate(analyses):
        article = analysis.article
        for claim in analysis.claims:
            if (article.id, claim.start) in in_fact:
                continue
            first = _first_date(analysis.dates, claim.start, claim.end)
            if first is None:
                continue
            ev = _evidence(analysis, claim)
            rows.append(
                _row(claim.text, (ev,), [_Dated(ev.outlet, first, (index, first.start))], None)
            )
    rows.sort(key=lambda r: _order(r[0], r[1]))
    return tuple(event for event, _ in rows)


def _first_date(dates: Sequence[TimeExpression], start: int, end: int) -> TimeExpression | None:
    inside = [d for d in dates if start <= d.start and d.end <= end]
    return next((d for d in inside if d.is_resolved), inside[0] if inside else None)


def _evidence(analysis: Analysis, claim: Claim) -> Evidence:
    article = analysis.article
    return Evidence(article.id, article.outlet_name, claim.start, claim.end, claim.text)


def _row(
    text: str, evidence: Sequence[Evidence], dated: list[_Dated], fact: str | None
) -> tuple[TimelineEvent, tuple[int, int]]:
    per_outlet: dict[str, _Dated] = {}
    for d in dated:
        per_outlet.setdefault(d.outlet, d)
    resolved = [d.expression.value for d in per_outlet.values() if d.expression.value]
    reading = min(d.reading for d in dated)
    if resolved:
        counts = Counter(resolved)
        value = min(counts, key=lambda v: (-counts[v], _period(v), v))
        label, is_resolved = value, True
    else:
        label, is_resolved = dated[0].expression.text, False
    shown = tuple(
        (outlet, d.expression.value or d.expression.text, d.expression.text)
        for outlet, d in per_outlet.items()
    )
    event = TimelineEvent(
        date=label,
        is_resolved=is_resolved,
        text=text,
        evidence=tuple(evidence),
        fact=fact,
        dates=shown,
        is_contested=_disagree(resolved),
    )
    return event, reading


def _period(value: str) -> tuple[date, date]:
    return date_range(value) or (date.max, date.max)


def _disagree(values: list[str]) -> bool:
    """Whether two of the values cover periods that do not overlap."""
    periods = [p for v in set(values) if (p := date_range(v)) is not None]
    return any(a[1] < b[0] or b[1] < a[0] for i, a in enumerate(periods) for b in periods[i + 1 :])


def _order(event: TimelineEvent, reading: tuple[int, int]) -> tuple[object, ...]:
    if event.is_resolved:
        first, last = _period(event.date)
        return (0, first, last, reading)
    return (1, date.min, date.min, reading)
