"""JSON records for programs: the stable, documented output of ``extract --json``
(see ``docs/json.md``). Keys are only ever added, never renamed or removed."""

from __future__ import annotations

from typing import Any

from .models import Analysis, InputFailure, Mention, Quote, Removal

__all__ = ["analysis_record", "failure_record", "mention_record", "quote_record"]


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
        "published": doc.published,
        "author": doc.author,
        "url": doc.url,
        "language": doc.language,
        "text": doc.text,
        "body": article.body,
        "boilerplate": [_removal_record(r) for r in article.boilerplate],
        "entities": [mention_record(m) for m in analysis.mentions],
        "quotes": [quote_record(q) for q in analysis.quotes],
    }


def failure_record(failure: InputFailure) -> dict[str, Any]:
    """The line ``extract --json`` writes for an input it could not read."""
    return {"source": failure.source, "error": failure.error}
