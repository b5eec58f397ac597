"""Dates: the time expressions of one article, resolved against its publication date.

:func:`extract_dates` reads spaCy's DATE entities and weekday names it missed, and
resolves each with dateparser. A phrase that names its year ("Feb. 2022", "March 6,
2025") resolves on its own; a relative one ("last month", "on Thursday", "In
January") needs the publication date as ``RELATIVE_BASE`` and stays unresolved
(``is_resolved`` false) without one. Durations ("for months", "two years") are not
points in time and are left out.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..models import Article, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract_dates", "parse_published"]

log = logging.getLogger(__name__)

_WEEKDAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTHS = (
    r"Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?"
)
_WEEKDAY = re.compile(rf"\b(?:{_WEEKDAYS})\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY_OF_MONTH = re.compile(rf"\b(?:{_MONTHS})\s+\d{{1,2}}\b|\b\d{{1,2}}\s+(?:{_MONTHS})\b")
_MONTH = re.compile(rf"\b(?:{_MONTHS})\b")
# Words around a date that dateparser does not read and that do not move the date.
_NOISE = re.compile(
    r"\b(?:since|back|in|on|at|by|until|of|the|earlier|later|early|late|mid|recent|"
    r"recently|from|during|as|until|around|about)\b|[-–,]",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"^(?:for\s+|over\s+|the\s+(?:past|last|next)\s+)?(?:\d+|a|an|two|three|four|five|six|"
    r"seven|eight|nine|ten|several|many|some|few|a few|recent)?\s*"
    r"(?:days?|weeks?|months?|years?|decades?|centuries|hours?)(?:\s+(?:ago|long|old))?$",
    re.IGNORECASE,
)


def parse_published(published: str | None) -> datetime | None:
    """The publication date of a document as a datetime, or ``None``."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.strip().replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        parsed = _parse(published, {})
        return parsed


def extract_dates(article: Article, doc: Doc) -> tuple[TimeExpression, ...]:
    """The time expressions of ``article`` in reading order.

    Args:
        article: the cleaned article; ``article.document.published`` is the base for
            relative phrases.
        doc: spaCy's doc of ``article.body``.

    Returns:
        One :class:`TimeExpression` per date phrase, offsets into the document text.
    """
    base = parse_published(article.document.published)
    spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
    body = doc.text  # Doc.text joins every token: once, not per expression
    for m in _WEEKDAY.finditer(body):
        if not any(s <= m.start() < e for s, e in spans):
            spans.append((m.start(), m.end()))
    found = []
    for start, end in sorted(spans):
        text = body[start:end]
        if _DURATION.match(text.strip()):
            continue
        found.append(_expression(article, start, end, text, base))
    return tuple(found)


def _expression(
    article: Article, start: int, end: int, text: str, base: datetime | None
) -> TimeExpression:
    span = article.span(start, end)
    granularity = _granularity(text)
    is_relative = not _YEAR.search(text)
    value = None
    if not is_relative or base is not None:
        settings: dict[str, Any] = {
            "PREFER_DATES_FROM": "past",
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["year"] if not is_relative else [],
        }
        if base is not None:
            settings["RELATIVE_BASE"] = base
        parsed = _parse(_NOISE.sub(" ", text), settings)
        if parsed is not None:
            value = _iso(parsed, granularity)
    return TimeExpression(
        start=span.start,
        end=span.end,
        text=span.text,
        value=value,
        granularity=granularity,
        is_resolved=value is not None,
        is_relative=is_relative,
    )


@lru_cache(maxsize=4096)
def _parse_cached(text: str, settings: tuple[tuple[str, Any], ...]) -> datetime | None:
    import dateparser

    try:
        options = {k: list(v) if isinstance(v, tuple) else v for k, v in settings}
        return dateparser.parse(text, languages=["en"], settings=options)
    except (ValueError, OverflowError) as err:
        log.debug("cannot read the date %r: %s", text, err)
        return None


def _parse(text: str, settings: dict[str, Any]) -> datetime | None:
    frozen = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in settings.items())
    text = " ".join(text.split())
    if not text:
        return None
    return _parse_cached(text, frozen)


def _granularity(text: str) -> str:
    lower = text.lower()
    if _DAY_OF_MONTH.search(text) or _WEEKDAY.search(text):
        return "day"
    if re.search(r"\b(?:yesterday|today|tomorrow|tonight|day)\b", lower):
        return "day"
    if "week" in lower:
        return "week"
    if _MONTH.search(text) or "month" in lower:
        return "month"
    return "year"


def _iso(value: datetime, granularity: str) -> str:
    if granularity in {"day", "week"}:
        return value.strftime("%Y-%m-%d")
    if granularity == "month":
        return value.strftime("%Y-%m")
    return value.strftime("%Y")
