"""Comparison: what the articles of one story share and where they differ.

:func:`group_quotes` lays quotes side by side and marks the same words carried by
several outlets as one quote. :func:`compare_story` gathers the rest: facts
(``pipeline.facts``), positions (``pipeline.positions``), naming variants and framing
per article (``pipeline.framing``) and the timeline (``pipeline.timeline``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Analysis, Entity, Fact, Position, Quote
from .facts import group_claims
from .framing import ArticleFraming, NamingVariant, frame_articles, naming_variants
from .positions import find_positions
from .timeline import TimelineEvent, build_timeline

__all__ = ["QuoteGroup", "StoryComparison", "compare_story", "group_quotes"]


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


@dataclass(frozen=True, slots=True)
class StoryComparison:
    """What the articles of one story share and where they differ."""

    facts: tuple[Fact, ...]
    positions: tuple[Position, ...]
    variants: tuple[NamingVariant, ...]
    framing: tuple[ArticleFraming, ...]
    timeline: tuple[TimelineEvent, ...]


def compare_story(
    analyses: Sequence[Analysis], *, entities: Sequence[Entity] = ()
) -> StoryComparison:
    """Facts, positions, naming variants, framing per article and the timeline of one
    story's analysed articles (claims linked to the run's ``entities``)."""
    facts = group_claims(analyses, entities=entities)
    variants = naming_variants(analyses, entities)
    return StoryComparison(
        facts=facts,
        positions=find_positions(analyses, facts, entities=entities),
        variants=variants,
        framing=frame_articles(analyses, entities=entities, facts=facts, variants=variants),
        timeline=build_timeline(analyses, facts),
    )
