"""Comparison: what the articles of one story share and where they differ.

This first version lays quotes side by side and marks the same words carried by
several outlets as one quote; facts, quantities, positions, framing and the timeline
are filled by later stages and stay empty here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Analysis, Quote

__all__ = ["QuoteGroup", "group_quotes"]


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """The same reported words carried by one or more articles."""

    quote: Quote
    article_id: str
    outlet: str
    carried_by: tuple[tuple[str, str], ...]  # (article id, outlet) of every carrier


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def group_quotes(analyses: Sequence[Analysis]) -> tuple[QuoteGroup, ...]:
    """Quotes of a story in reading order (article by article), the same words
    carried by several articles grouped as one with every carrier listed."""
    groups: list[QuoteGroup] = []
    by_key: dict[tuple[str | None, str], int] = {}
    for analysis in analyses:
        article = analysis.article
        for quote in analysis.quotes:
            speaker = quote.speaker.entity if quote.speaker else None
            key = (speaker, _key(quote.text))
            carrier = (article.id, article.outlet_name)
            if key in by_key:
                g = groups[by_key[key]]
                if carrier not in g.carried_by:
                    groups[by_key[key]] = QuoteGroup(
                        g.quote, g.article_id, g.outlet, (*g.carried_by, carrier)
                    )
                continue
            by_key[key] = len(groups)
            groups.append(QuoteGroup(quote, article.id, article.outlet_name, (carrier,)))
    return tuple(groups)
