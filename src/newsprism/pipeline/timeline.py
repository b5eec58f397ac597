"""Timeline: the dated events of a story in order, with their sources.

:func:`build_timeline` takes every time expression of the story's articles, the claim
(sentence) it sits in as the event, and orders them: resolved dates first, oldest
first; then unresolved ones (relative phrases without a publication date) in reading
order. The same fact dated by several articles is one entry listing them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Analysis, Evidence, Fact

__all__ = ["TimelineEvent", "build_timeline"]


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One dated event: ``date`` is ISO when resolved, else the phrase as written."""

    date: str
    is_resolved: bool
    text: str
    evidence: tuple[Evidence, ...]
    fact: str | None = None


def build_timeline(
    analyses: Sequence[Analysis], facts: Sequence[Fact]
) -> tuple[TimelineEvent, ...]:
    """The story's dated events in time order (see the module docstring)."""
    fact_of = {(e.article_id, e.start): f.id for f in facts for e in f.evidence}
    events: dict[tuple[str, str], TimelineEvent] = {}
    order: list[tuple[str, str]] = []
    for analysis in analyses:
        article = analysis.article
        for date in analysis.dates:
            claim = next(
                (c for c in analysis.claims if c.start <= date.start and date.end <= c.end), None
            )
            if claim is None:
                continue
            fact = fact_of.get((article.id, claim.start))
            ev = Evidence(article.id, article.outlet_name, claim.start, claim.end, claim.text)
            label = date.value if date.is_resolved and date.value else date.text
            key = (label, fact or f"{article.id}:{claim.start}")
            if key in events:
                old = events[key]
                events[key] = TimelineEvent(
                    old.date, old.is_resolved, old.text, (*old.evidence, ev), fact
                )
                continue
            events[key] = TimelineEvent(label, date.is_resolved, claim.text, (ev,), fact)
            order.append(key)
    reading = {key: i for i, key in enumerate(order)}
    ranked = sorted(
        order,
        key=lambda k: (
            not events[k].is_resolved,
            events[k].date if events[k].is_resolved else "",
            reading[k],
        ),
    )
    return tuple(events[k] for k in ranked)
