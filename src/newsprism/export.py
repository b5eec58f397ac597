"""JSON records for programs: the stable, documented output of ``extract --json``
(see ``docs/json.md``). Keys are only ever added, never renamed or removed."""

from __future__ import annotations

from typing import Any

from .models import (
    Analysis,
    Claim,
    InputFailure,
    LoadedTerm,
    Mention,
    Quantity,
    Quote,
    Removal,
    Span,
    TimeExpression,
)

__all__ = [
    "analysis_record",
    "claim_record",
    "date_record",
    "failure_record",
    "loaded_term_record",
    "mention_record",
    "quantity_record",
    "quote_record",
]


def mention_record(m: Mention) -> dict[str, Any]:
    return {"start": m.start, "end": m.end, "text": m.text, "label": m.label, "entity": m.entity}


def quote_record(q: Quote) -> dict[str, Any]:
    speaker = None
    if q.speaker is not None:
        speaker = {
            "name": q.speaker.name,
            "entity": q.speaker.entity,
            "start": q.speaker.start,
            "end": q.speaker.end,
            "text": q.speaker.text,
            "description": q.speaker.description,
        }
    cue = {"start": q.cue.start, "end": q.cue.end, "text": q.cue.text} if q.cue else None
    return {
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "kind": q.kind,
        "confidence": round(q.confidence, 3),
        "speaker": speaker,
        "cue": cue,
    }


def _span_record(span: Span | None) -> dict[str, Any] | None:
    return {"start": span.start, "end": span.end, "text": span.text} if span else None


def claim_record(c: Claim) -> dict[str, Any]:
    return {
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "asserter": c.asserter,
        "asserter_entity": c.asserter_entity,
        "hedges": list(c.hedges),
        "predicate": c.predicate,
        "negated": c.is_negated,
        "agent": _span_record(c.agent),
        "agent_entity": c.agent_entity,
        "entities": list(c.entities),
        "numbers": list(c.numbers),
    }


def quantity_record(q: Quantity) -> dict[str, Any]:
    return {
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "kind": q.kind,
        "value": q.value,
        "low": q.low,
        "high": q.high,
        "unit": q.unit,
        "counts": q.counts,
        "vague": q.is_vague,
        "source": q.source,
        "source_entity": q.source_entity,
        "source_span": _span_record(q.source_span),
        "scope": q.scope,
        "holder": q.holder,
    }


def date_record(d: TimeExpression) -> dict[str, Any]:
    return {
        "start": d.start,
        "end": d.end,
        "text": d.text,
        "value": d.value,
        "granularity": d.granularity,
        "resolved": d.is_resolved,
        "relative": d.is_relative,
    }


def loaded_term_record(t: LoadedTerm) -> dict[str, Any]:
    return {
        "start": t.start,
        "end": t.end,
        "text": t.text,
        "category": t.category,
        "voice": t.voice,
        "scare_quote": t.is_scare_quote,
    }


def _removal_record(r: Removal) -> dict[str, Any]:
    return {"start": r.start, "end": r.end, "text": r.text, "reason": r.reason}


def analysis_record(analysis: Analysis) -> dict[str, Any]:
    """One line of ``extract --json``."""
    article = analysis.article
    doc = article.document
    return {
        "source": doc.source,
        "id": doc.id,
        "format": doc.format,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published or doc.published,
        "author": doc.author,
        "url": doc.url,
        "language": doc.language,
        "text": doc.text,
        "body": article.body,
        "boilerplate": [_removal_record(r) for r in article.boilerplate],
        "entities": [mention_record(m) for m in analysis.mentions],
        "quotes": [quote_record(q) for q in analysis.quotes],
        "claims": [claim_record(c) for c in analysis.claims],
        "quantities": [quantity_record(q) for q in analysis.quantities],
        "dates": [date_record(d) for d in analysis.dates],
        "loaded_language": [loaded_term_record(t) for t in analysis.loaded_language],
        "published_inferred": _span_record(article.published_span),
        "leaning": doc.leaning,
        "country": doc.country,
        "notes": list(analysis.notes),
    }


def failure_record(failure: InputFailure) -> dict[str, Any]:
    """The line ``extract --json`` writes for an input it could not read."""
    return {"source": failure.source, "error": failure.error}
