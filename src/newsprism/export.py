"""JSON records for programs: the stable, documented output of ``extract --json``
(see ``docs/json.md``). Keys are only ever added, never renamed or removed.

Each part of a line is its record's :func:`newsprism.codec.to_json` form; only the
line itself, which lays an article and its document out as one object, is made here.
"""

from __future__ import annotations

from typing import Any

from .codec import to_json
from .models import Analysis, InputFailure

__all__ = ["analysis_record", "failure_record"]


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
        "boilerplate": to_json(article.boilerplate),
        "entities": to_json(analysis.mentions),
        "quotes": to_json(analysis.quotes),
        "claims": to_json(analysis.claims),
        "quantities": to_json(analysis.quantities),
        "dates": to_json(analysis.dates),
        "loaded_language": to_json(analysis.loaded_language),
        "published_inferred": to_json(article.published_span),
        "leaning": doc.leaning,
        "country": doc.country,
        "notes": list(analysis.notes),
    }


def failure_record(failure: InputFailure) -> dict[str, Any]:
    """The line ``extract --json`` writes for an input it could not read."""
    record: dict[str, Any] = to_json(failure)
    return record
