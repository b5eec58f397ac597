"""Building the briefing: a plain, JSON-ready dict laid out story by story.

The shape is documented in ``docs/json.md``; renderers (terminal, Markdown, HTML)
read only this dict, so every format shows the same content.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..models import Analysis, Corpus, Entity, Story
from ..pipeline.compare import group_quotes
from .comparison import comparison_records

__all__ = ["BRIEFING_VERSION", "build_briefing"]

BRIEFING_VERSION = 1
MAX_ENTITIES = 15


def _article_record(a: Analysis) -> dict[str, Any]:
    doc = a.article.document
    return {
        "id": a.article.id,
        "source": doc.source,
        "outlet": a.article.outlet_name,
        "title": a.article.title,
        "published": a.article.published or doc.published,
        "duplicate_of": a.duplicate_of,
        "published_inferred": a.article.published_span is not None,
        "notes": list(a.notes),
    }


def _entity_records(members: list[Analysis], entities: dict[str, Entity]) -> list[dict[str, Any]]:
    outlets: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for a in members:
        for m in a.mentions:
            if m.entity and m.entity in entities:
                outlets[m.entity].add(a.article.outlet_name)
                counts[m.entity] += 1
    story_outlets = {a.article.outlet_name for a in members}
    ranked = sorted(counts, key=lambda e: (-counts[e], e))[:MAX_ENTITIES]
    out = []
    for eid in ranked:
        e = entities[eid]
        out.append(
            {
                "id": e.id,
                "name": e.name,
                "label": e.label,
                "aliases": list(e.aliases),
                "mentions": counts[eid],
                "outlets": sorted(outlets[eid]),
                "descriptors": [
                    {"outlet": o, "text": t} for o, t in e.descriptors if o in story_outlets
                ],
            }
        )
    return out


# Quotes under this confidence are left out of the briefing: unattributed lone
# quotations and objects of verbs whose subject is no source ("a poll shows ...").
MIN_QUOTE_CONFIDENCE = 0.4


def _quote_records(members: list[Analysis], entities: dict[str, Entity]) -> list[dict[str, Any]]:
    out = []
    for g in group_quotes(members, entities=entities.values()):
        q = g.quote
        if q.confidence < MIN_QUOTE_CONFIDENCE:
            continue
        speaker = q.speaker
        out.append(
            {
                "text": q.text,
                "kind": q.kind,
                "confidence": round(q.confidence, 3),
                "speaker": {
                    "name": speaker.name if speaker else None,
                    "entity": speaker.entity if speaker else None,
                    "text": speaker.text if speaker else None,
                    "description": speaker.description if speaker else None,
                },
                "cue": q.cue.text if q.cue else None,
                "article": g.article_id,
                "outlet": g.outlet,
                "start": q.start,
                "end": q.end,
                "pieces": [{"start": p.start, "end": p.end, "text": p.text} for p in q.pieces],
                "outlets": sorted({o for _, o in g.carried_by}),
            }
        )
    return out


def _story_record(
    story: Story, by_id: dict[str, Analysis], entities: dict[str, Entity]
) -> dict[str, Any]:
    members = [by_id[i] for i in story.article_ids if i in by_id]
    dates = sorted(d for a in members if (d := a.article.document.published))
    return {
        "id": story.id,
        "title": story.title,
        "span": {"first": dates[0] if dates else None, "last": dates[-1] if dates else None},
        "articles": [_article_record(a) for a in members],
        "entities": _entity_records(members, entities),
        "quotes": _quote_records(members, entities),
        **comparison_records(members, list(entities.values())),
    }


def build_briefing(corpus: Corpus) -> dict[str, Any]:
    """The briefing of ``corpus``: one record per story, plus the inputs that failed."""
    by_id = {a.article.id: a for a in corpus.analyses}
    entities = {e.id: e for e in corpus.entities}
    return {
        "version": BRIEFING_VERSION,
        "stories": [_story_record(s, by_id, entities) for s in corpus.stories],
        "failures": [{"source": f.source, "error": f.error} for f in corpus.failures],
    }
