"""Comparison: what the articles of one story share and where they differ.

:func:`group_quotes` lays quotes side by side and marks the same words carried by
several outlets as one quote. :func:`compare_story` gathers the rest: facts
(``pipeline.facts``), positions (``pipeline.positions``), naming variants and framing
per article (``pipeline.framing``) and the timeline (``pipeline.timeline``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Analysis, Entity, Fact, Position
from .facts import group_claims
from .framing import ArticleFraming, NamingVariant, frame_articles, naming_variants
from .positions import find_positions, why_no_positions
from .quote_groups import QuoteGroup, group_quotes
from .timeline import TimelineEvent, build_timeline

__all__ = ["QuoteGroup", "StoryComparison", "compare_story", "group_quotes"]


@dataclass(frozen=True, slots=True)
class StoryComparison:
    """What the articles of one story share and where they differ."""

    facts: tuple[Fact, ...]
    positions: tuple[Position, ...]
    variants: tuple[NamingVariant, ...]
    framing: tuple[ArticleFraming, ...]
    timeline: tuple[TimelineEvent, ...]
    # Why no position was found, when none was ("" otherwise).
    positions_note: str = ""


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
        positions_note=why_no_positions(analyses, facts),
    )
