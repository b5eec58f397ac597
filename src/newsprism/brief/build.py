"""Building the briefing: a :class:`~newsprism.brief.records.Briefing` laid out story
by story.

Every output is made from this record: its JSON form (:func:`newsprism.codec.to_json`,
documented in ``docs/json.md``) and the terminal, Markdown and HTML renderers, so every
format shows the same content.
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Analysis, Corpus, Entity, Story
from .records import (
    BRIEFING_VERSION,
    Briefing,
    DateSpan,
    OutletDescriptor,
    QuoteSpeaker,
    StoryArticle,
    StoryBriefing,
    StoryEntity,
    StoryQuote,
)

__all__ = ["BRIEFING_VERSION", "build_briefing", "build_story"]

MAX_ENTITIES = 15


def _article(a: Analysis) -> StoryArticle:
    doc = a.article.document
    return StoryArticle(
        id=a.article.id,
        path=doc.source,
        outlet=a.article.outlet_name,
        title=a.article.title,
        published=a.article.published or doc.published,
        duplicate_of=a.duplicate_of,
        is_published_inferred=a.article.published_span is not None,
        notes=a.notes,
    )


def _entities(members: list[Analysis], entities: dict[str, Entity]) -> tuple[StoryEntity, ...]:
    outlets: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for a in members:
        for m in a.mentions:
            if m.entity and m.entity in entities:
                outlets[m.entity].add(a.article.outlet_name)
                counts[m.entity] += 1
    story_outlets = {a.article.outlet_name for a in members}
    ranked = sorted(counts, key=lambda e: (-counts[e], e))[:MAX_ENTITIES]
    return tuple(
        StoryEntity(
            id=entities[eid].id,
            name=entities[eid].name,
            label=entities[eid].label,
            aliases=entities[eid].aliases,
            mentions=counts[eid],
            outlets=tuple(sorted(outlets[eid])),
            outlet_descriptors=tuple(
                OutletDescriptor(o, t)
                for o, t in entities[eid].outlet_descriptors
                if o in story_outlets
            ),
        )
        for eid in ranked
    )


# Quotes under this confidence are left out of the briefing: unattributed lone
# quotations and objects of verbs whose subject is no source ("a poll shows ...").
MIN_QUOTE_CONFIDENCE = 0.4


def _quotes(members: list[Analysis], entities: dict[str, Entity]) -> tuple[StoryQuote, ...]:
    from ..pipeline.compare import group_quotes

    out = []
    for g in group_quotes(members, entities=entities.values()):
        q = g.quote
        if q.confidence < MIN_QUOTE_CONFIDENCE:
            continue
        speaker = q.speaker
        out.append(
            StoryQuote(
                text=q.text,
                kind=q.kind,
                confidence=q.confidence,
                speaker=QuoteSpeaker(
                    speaker.name, speaker.entity, speaker.text, speaker.description
                )
                if speaker
                else QuoteSpeaker(),
                cue=q.cue.text if q.cue else None,
                article_id=g.article_id,
                outlet=g.outlet,
                start=q.start,
                end=q.end,
                pieces=q.pieces,
                outlets=tuple(sorted({o for _, o in g.carried_by})),
            )
        )
    return tuple(out)


def build_story(
    story: Story, analyses: dict[str, Analysis], entities: dict[str, Entity]
) -> StoryBriefing:
    """The briefing of one story.

    Args:
        story: the story (its ``article_ids`` missing from ``analyses`` are skipped).
        analyses: the run's analyses by article id.
        entities: the run's entities by id.

    Returns:
        The :class:`StoryBriefing`: articles, entities, quotes and what the comparison
        (:func:`newsprism.pipeline.compare.compare_story`) found.
    """
    # The comparison's modules (and the models some of them load) are imported here,
    # not at the top: reading stored briefings imports this module and needs none.
    from ..pipeline.compare import compare_story
    from .comparison import (
        story_conflicts,
        story_facts,
        story_framing,
        story_naming,
        story_positions,
        story_quantities,
        story_timeline,
        story_voices,
    )

    members = [analyses[i] for i in story.article_ids if i in analyses]
    dates = sorted(d for a in members if (d := a.article.published or a.article.document.published))
    comparison = compare_story(members, entities=list(entities.values()))
    conflicts = story_conflicts(comparison)
    return StoryBriefing(
        id=story.id,
        title=story.title,
        span=DateSpan(dates[0] if dates else None, dates[-1] if dates else None),
        articles=tuple(_article(a) for a in members),
        entities=_entities(members, entities),
        quotes=_quotes(members, entities),
        facts=story_facts(comparison),
        quantities=story_quantities(members, conflicts),
        positions=story_positions(comparison),
        positions_note=comparison.positions_note,
        framing=story_framing(comparison),
        naming=story_naming(comparison),
        timeline=story_timeline(comparison),
        conflicts=conflicts,
        voices=story_voices(comparison),
    )


def build_briefing(corpus: Corpus) -> Briefing:
    """The briefing of ``corpus``: one record per story, plus the inputs that failed."""
    by_id = {a.article.id: a for a in corpus.analyses}
    entities = {e.id: e for e in corpus.entities}
    return Briefing(
        version=BRIEFING_VERSION,
        stories=tuple(build_story(s, by_id, entities) for s in corpus.stories),
        failures=corpus.failures,
    )
