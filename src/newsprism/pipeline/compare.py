"""Comparison: what the articles of one story share and where they differ.

:func:`group_quotes` lays quotes side by side and marks the same words carried by
several outlets as one quote. :func:`compare_story` gathers the rest: facts
(``pipeline.facts``), positions (``pipeline.positions``), naming variants and framing
per article (``pipeline.framing``), the timeline (``pipeline.timeline``), the
conflicts (``pipeline.conflicts``) and which articles are copies of which
(``pipeline.voices``). Facts are grouped over the independent articles only; copies
are then added as carrying them, so a republished story corroborates nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Analysis, Entity, Fact, Position
from .conflicts import Conflict, find_conflicts
from .contested import contest_facts
from .facts import group_claims, pair_probabilities
from .framing import (
    ArticleFraming,
    NamingVariant,
    frame_articles,
    naming_variants,
    wording_variants,
)
from .positions import find_positions, why_no_positions
from .quote_groups import QuoteGroup, group_quotes
from .timeline import TimelineEvent, build_timeline, contest_dates
from .voices import CopyGroup, add_copies, find_voices, independent_articles, voice_outlets

__all__ = ["QuoteGroup", "StoryComparison", "compare_story", "group_quotes"]


@dataclass(frozen=True, slots=True)
class StoryComparison:
    """What the articles of one story share and where they differ."""

    facts: tuple[Fact, ...]
    positions: tuple[Position, ...]
    variants: tuple[NamingVariant, ...]
    framing: tuple[ArticleFraming, ...]
    timeline: tuple[TimelineEvent, ...]
    conflicts: tuple[Conflict, ...] = ()
    # One per independent article, with the copies of it among the story's articles.
    voices: tuple[CopyGroup, ...] = ()
    # Why no position was found, when none was ("" otherwise).
    positions_note: str = ""


def compare_story(
    analyses: Sequence[Analysis], *, entities: Sequence[Entity] = ()
) -> StoryComparison:
    """Facts, positions, naming variants, framing per article and the timeline of one
    story's analysed articles (claims linked to the run's ``entities``), with its
    conflicts and copies."""
    # A copy says nothing its original does not: facts, positions, framing and the
    # timeline are read from the originals, and the copies are then named as carrying
    # each fact.
    originals = independent_articles(analyses)
    # Every claim pair of the story scored once, for the grouping and the contests.
    scored = pair_probabilities(originals)
    facts = contest_dates(
        originals,
        contest_facts(
            group_claims(originals, entities=entities, scored=scored), originals, scored=scored
        ),
    )
    variants = naming_variants(originals, entities) + wording_variants(originals)
    return StoryComparison(
        facts=add_copies(facts, analyses),
        positions=find_positions(originals, facts, entities=entities),
        variants=variants,
        framing=frame_articles(originals, entities=entities, facts=facts, variants=variants),
        timeline=build_timeline(originals, facts),
        conflicts=find_conflicts(analyses, facts, voices=voice_outlets(analyses)),
        voices=find_voices(analyses),
        positions_note=why_no_positions(originals, facts),
    )
