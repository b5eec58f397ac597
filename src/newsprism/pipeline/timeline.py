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
  (``is_contested``), and :func:`contest_dates` makes such a fact a contested fact
  (``differs_in`` "date"). A statement may name several dates (the event and an
  earlier one it recalls): two outlets disagree only when no date one gives overlaps
  any date the other gives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from ..models import Analysis, Claim, Evidence, Fact, TimeExpression
from .date_values import date_range

__all__ = ["TimelineEvent", "build_timeline", "contest_dates"]


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


def contest_dates(analyses: Sequence[Analysis], facts: Sequence[Fact]) -> tuple[Fact, ...]:
    """``facts`` with each fact whose outlets date it differently made contested.

    Args:
        analyses: the story's articles (their ``dates`` are read).
        facts: the story's facts; one already contested is kept as it is.

    Returns:
        The facts in the same order; a fact two outlets date at periods that do not
        overlap has status ``contested``, ``differs_in`` "date" and one side per date
        (the first resolved date of each outlet's statement, as the timeline shows it).
    """
    by_id = {a.article.id: a for a in analyses}
    out = []
    for fact in facts:
        if fact.status == "contested":
            out.append(fact)
            continue
        per_outlet: dict[str, tuple[list[str], list[Evidence]]] = {}
        for ev in fact.evidence:
            analysis = by_id.get(ev.article_id)
            if analysis is None:
                continue
            values = [
                d.value
                for d in analysis.dates
                if d.value and ev.start <= d.start and d.end <= ev.end
            ]
            if values:
                seen, evidence = per_outlet.setdefault(ev.outlet, ([], []))
                seen.extend(values)
                evidence.append(ev)
        if not _outlets_disagree([values for values, _ in per_outlet.values()]):
            out.append(fact)
            continue
        sides: dict[str, list[Evidence]] = {}
        for values, evidence in per_outlet.values():
            sides.setdefault(values[0], []).extend(evidence)
        out.append(
            replace(
                fact,
                status="contested",
                differs_in="date",
                sides=tuple((value, tuple(ev)) for value, ev in sorted(sides.items())),
            )
        )
    return tuple(out)


def _outlets_disagree(per_outlet: Sequence[Sequence[str]]) -> bool:
    """Whether two outlets give dates none of which overlaps any date of the other."""
    periods = [[p for v in values if (p := date_range(v)) is not None] for values in per_outlet]
    periods = [p for p in periods if p]
    return any(
        not any(a[0] <= b[1] and b[0] <= a[1] for a in mine for b in theirs)
        for i, mine in enumerate(periods)
        for theirs in periods[i + 1 :]
    )


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
        every: dict[str, list[str]] = {}
        for ev in fact.evidence:
            in_fact.add((ev.article_id, ev.start))
            found = by_id.get(ev.article_id)
            if found is None:
                continue
            index, analysis = found
            first = _first_date(analysis.dates, ev.start, ev.end)
            if first is not None:
                dated.append(_Dated(ev.outlet, first, (index, first.start)))
            values = [
                d.value
                for d in analysis.dates
                if d.value and ev.start <= d.start and d.end <= ev.end
            ]
            every.setdefault(ev.outlet, []).extend(values)
        if dated:
            contested = _outlets_disagree(list(every.values()))
            rows.append(_row(fact.text, fact.evidence, dated, fact.id, contested=contested))
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
    text: str,
    evidence: Sequence[Evidence],
    dated: list[_Dated],
    fact: str | None,
    *,
    contested: bool = False,
) -> tuple[TimelineEvent, tuple[int, int]]:
    # Each outlet counts once per date it gives; its shown date is the one that agrees
    # with the row's when it gives several (one statement on the event, one on the
    # reaction a day later), else its first.
    per_outlet: dict[str, list[_Dated]] = {}
    for d in dated:
        per_outlet.setdefault(d.outlet, []).append(d)
    counts = Counter(
        value
        for items in per_outlet.values()
        for value in {d.expression.value for d in items if d.expression.value}
    )
    reading = min(d.reading for d in dated)
    if counts:
        label = min(counts, key=lambda v: (-counts[v], _period(v), v))
        is_resolved = True
    else:
        label, is_resolved = dated[0].expression.text, False
    chosen = {
        outlet: next((d for d in items if _overlaps(d.expression.value, label)), items[0])
        for outlet, items in per_outlet.items()
    }
    shown = tuple(
        (outlet, d.expression.value or d.expression.text, d.expression.text)
        for outlet, d in chosen.items()
    )
    event = TimelineEvent(
        date=label,
        is_resolved=is_resolved,
        text=text,
        evidence=tuple(evidence),
        fact=fact,
        dates=shown,
        is_contested=contested,
    )
    return event, reading


def _overlaps(value: str | None, label: str) -> bool:
    a, b = date_range(value) if value else None, date_range(label)
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def _period(value: str) -> tuple[date, date]:
    return date_range(value) or (date.max, date.max)


def _order(event: TimelineEvent, reading: tuple[int, int]) -> tuple[object, ...]:
    if event.is_resolved:
        first, last = _period(event.date)
        return (0, first, last, reading)
    return (1, date.min, date.min, reading)
