"""The comparison parts of a story's briefing: facts, figures, positions, framing per
article, naming variants, the timeline, conflicts and copies, as
:mod:`newsprism.brief.records` records made from :func:`pipeline.compare.compare_story`'s
:class:`~newsprism.pipeline.compare.StoryComparison`."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Analysis, Evidence
from ..pipeline.compare import StoryComparison
from .records import (
    CopyRef,
    FactSide,
    NamedForm,
    NamingForm,
    OutletDate,
    PersonDescriptor,
    QuotedSource,
    StoryConflict,
    StoryConflictSide,
    StoryFact,
    StoryFraming,
    StoryNaming,
    StoryPosition,
    StoryQuantity,
    StoryVoice,
    TimelineRow,
)

__all__ = [
    "story_conflicts",
    "story_facts",
    "story_framing",
    "story_naming",
    "story_positions",
    "story_quantities",
    "story_timeline",
    "story_voices",
]


def _outlets(evidence: Sequence[Evidence]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(e.outlet for e in evidence))


def story_facts(comparison: StoryComparison) -> tuple[StoryFact, ...]:
    """The story's facts, each with the outlets carrying it and, for a contested one,
    its sides."""
    out = []
    for f in comparison.facts:
        outlets = _outlets(f.evidence)
        out.append(
            StoryFact(
                id=f.id,
                text=f.text,
                status=f.status,
                outlets=outlets,
                articles=f.articles,
                differs_in=f.differs_in,
                sides=tuple(FactSide(v, _outlets(ev), ev) for v, ev in f.sides),
                evidence=f.evidence,
                copied_by=tuple(o for o in _outlets(f.copies) if o not in outlets),
                copies=f.copies,
            )
        )
    return tuple(out)


def story_conflicts(comparison: StoryComparison) -> tuple[StoryConflict, ...]:
    """Where outlets contradict each other, as the comparison found it."""
    return tuple(
        StoryConflict(
            what=c.what,
            kind=c.kind,
            differs_in=c.differs_in,
            fact=c.fact,
            sides=tuple(
                StoryConflictSide(s.value, s.low, s.high, s.outlets, s.evidence) for s in c.sides
            ),
        )
        for c in comparison.conflicts
    )


def story_quantities(
    members: Sequence[Analysis], conflicts: Sequence[StoryConflict]
) -> tuple[StoryQuantity, ...]:
    """Every figure of the story's articles, in reading order; a figure whose sentence
    is a side of a figure conflict is marked ``is_in_conflict``."""
    sentences = [
        (e.article_id, e.start, e.end)
        for c in conflicts
        if c.kind == "number"
        for side in c.sides
        for e in side.evidence
    ]
    out = []
    for a in members:
        aid = a.article.id
        for q in a.quantities:
            out.append(
                StoryQuantity(
                    what=q.counts,
                    text=q.text,
                    asserter=q.asserter,
                    outlet=a.article.outlet_name,
                    value=q.value,
                    low=q.low,
                    high=q.high,
                    unit=q.unit,
                    kind=q.kind,
                    asserter_entity=q.asserter_entity,
                    article_id=aid,
                    start=q.start,
                    end=q.end,
                    scope=q.scope,
                    holder=q.holder,
                    is_in_conflict=any(i == aid and s <= q.start < e for i, s, e in sentences),
                )
            )
    return tuple(out)


def story_positions(comparison: StoryComparison) -> tuple[StoryPosition, ...]:
    """Who stands where on the story's central question."""
    return tuple(
        StoryPosition(
            actor=p.name,
            stance=p.stance,
            evidence=p.evidence,
            entity=p.actor,
            cue=p.cue,
            is_own_forces=p.is_own_forces,
            confidence=p.confidence,
        )
        for p in comparison.positions
    )


def story_framing(comparison: StoryComparison) -> dict[str, StoryFraming]:
    """Each independent article's framing, by article id."""
    return {
        f.article_id: StoryFraming(
            outlet=f.outlet,
            naming=tuple(NamedForm(name, form) for name, form in f.naming),
            loaded_language=f.loaded,
            sources=tuple(QuotedSource(n, q, w) for n, q, w in f.sources),
            person_descriptors=tuple(PersonDescriptor(p, d) for p, d in f.person_descriptors),
            omits=f.omits,
        )
        for f in comparison.framing
    }


def story_naming(comparison: StoryComparison) -> tuple[StoryNaming, ...]:
    """Things outlets name differently, each form with the articles using it."""
    return tuple(
        StoryNaming(v.entity, v.name, tuple(NamingForm(form, ids) for form, ids in v.forms))
        for v in comparison.variants
    )


def story_timeline(comparison: StoryComparison) -> tuple[TimelineRow, ...]:
    """The story's dated events, in the comparison's order."""
    return tuple(
        TimelineRow(
            date=t.date,
            text=t.text,
            articles=tuple(dict.fromkeys(e.article_id for e in t.evidence)),
            is_resolved=t.is_resolved,
            fact=t.fact,
            evidence=t.evidence,
            dates=tuple(OutletDate(o, v, x) for o, v, x in t.dates),
            is_contested=t.is_contested,
        )
        for t in comparison.timeline
    )


def story_voices(comparison: StoryComparison) -> tuple[StoryVoice, ...]:
    """One entry per independent article, with the outlets running copies of it."""
    return tuple(
        StoryVoice(
            article_id=v.article_id,
            outlet=v.outlet,
            also_run_by=v.also_run_by,
            copies=tuple(CopyRef(i, o) for i, o in v.copies),
        )
        for v in comparison.voices
    )
