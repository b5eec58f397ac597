"""The comparison parts of a story's briefing record: facts, quantities, positions,
framing per article, naming variants, the timeline, conflicts and copies (shapes in
``docs/json.md``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..models import Analysis, Entity, Evidence
from ..pipeline.compare import compare_story

__all__ = ["comparison_records"]


def _evidence(e: Evidence) -> dict[str, Any]:
    return {
        "article": e.article_id,
        "outlet": e.outlet,
        "start": e.start,
        "end": e.end,
        "text": e.text,
    }


def _outlets(evidence: Sequence[Evidence]) -> list[str]:
    return list(dict.fromkeys(e.outlet for e in evidence))


def _quantities(members: Sequence[Analysis]) -> list[dict[str, Any]]:
    out = []
    for a in members:
        for q in a.quantities:
            out.append(
                {
                    "what": q.counts,
                    "text": q.text,
                    "source": q.source,
                    "outlet": a.article.outlet_name,
                    "value": q.value,
                    "low": q.low,
                    "high": q.high,
                    "unit": q.unit,
                    "kind": q.kind,
                    "source_entity": q.source_entity,
                    "article": a.article.id,
                    "start": q.start,
                    "end": q.end,
                    "scope": q.scope,
                    "holder": q.holder,
                }
            )
    return out


def comparison_records(members: Sequence[Analysis], entities: Sequence[Entity]) -> dict[str, Any]:
    """The ``facts``, ``quantities``, ``positions``, ``framing``, ``naming``,
    ``timeline``, ``conflicts`` and ``voices`` keys of one story's briefing record."""
    comparison = compare_story(members, entities=entities)
    facts = [
        {
            "id": f.id,
            "text": f.text,
            "status": f.status,
            "outlets": _outlets(f.evidence),
            "articles": list(f.articles),
            "differs_in": f.differs_in,
            "sides": [
                {"value": value, "outlets": _outlets(ev), "evidence": [_evidence(e) for e in ev]}
                for value, ev in f.sides
            ],
            "evidence": [_evidence(e) for e in f.evidence],
            "copied_by": [o for o in _outlets(f.copies) if o not in _outlets(f.evidence)],
            "copies": [_evidence(e) for e in f.copies],
        }
        for f in comparison.facts
    ]
    conflicts = [
        {
            "what": c.what,
            "kind": c.kind,
            "differs_in": c.differs_in,
            "fact": c.fact,
            "sides": [
                {
                    "value": side.value,
                    "low": side.low,
                    "high": side.high,
                    "outlets": list(side.outlets),
                    "evidence": [_evidence(e) for e in side.evidence],
                }
                for side in c.sides
            ],
        }
        for c in comparison.conflicts
    ]
    voices = [
        {
            "article": v.article_id,
            "outlet": v.outlet,
            "also_run_by": list(v.also_run_by),
            "copies": [{"article": i, "outlet": o} for i, o in v.copies],
        }
        for v in comparison.voices
    ]
    positions = [
        {
            "actor": p.name,
            "stance": p.stance,
            "evidence": [_evidence(e) for e in p.evidence],
            "entity": p.actor,
            "cue": p.cue,
            "own_forces": p.is_own_forces,
            "confidence": p.confidence,
        }
        for p in comparison.positions
    ]
    framing = {
        f.article_id: {
            "outlet": f.outlet,
            "naming": [{"entity": name, "form": form} for name, form in f.naming],
            "loaded_language": list(f.loaded),
            "sources": [{"name": n, "quotes": q, "words": w} for n, q, w in f.sources],
            "descriptors": [{"person": p, "text": d} for p, d in f.descriptors],
            "omits": list(f.omits),
        }
        for f in comparison.framing
    }
    naming = [
        {
            "entity": v.entity,
            "name": v.name,
            "forms": [{"form": form, "articles": list(ids)} for form, ids in v.forms],
        }
        for v in comparison.variants
    ]
    timeline = [
        {
            "date": t.date,
            "text": t.text,
            "articles": list(dict.fromkeys(e.article_id for e in t.evidence)),
            "resolved": t.is_resolved,
            "fact": t.fact,
            "evidence": [_evidence(e) for e in t.evidence],
            "dates": [{"outlet": o, "value": v, "text": x} for o, v, x in t.dates],
            "contested": t.is_contested,
        }
        for t in comparison.timeline
    ]
    return {
        "facts": facts,
        "quantities": _quantities(members),
        "positions": positions,
        "positions_note": comparison.positions_note,
        "framing": framing,
        "naming": naming,
        "timeline": timeline,
        "conflicts": conflicts,
        "voices": voices,
    }
