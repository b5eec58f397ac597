"""Publication dates from records and feeds, as ISO 8601 strings."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

__all__ = ["iso_date"]

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_date(value: object) -> str | None:
    """``value`` (ISO 8601, RFC 822 as in RSS, a Unix timestamp, a ``time.struct_time``
    or free text such as "March 6, 2025") as ISO 8601, or None when it is no date.

    A date without a time stays a date (``2025-03-06``); a time without a zone is kept
    as given.

    Example:
        >>> iso_date("Thu, 06 Mar 2025 14:02:00 GMT")
        '2025-03-06T14:02:00+00:00'
    """
    if value is None or value == "":
        return None
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC).isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, tz=UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if _DATE_ONLY.match(text):
        return text
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return _free_text(text)


def _free_text(text: str) -> str | None:
    if len(text) > 80 or not re.search(r"\d", text):
        return None
    import dateparser  # heavy: only for dates in no standard form

    parsed = dateparser.parse(text, settings={"STRICT_PARSING": True})
    if parsed is None:
        return None
    return parsed.isoformat() if ":" in text else parsed.date().isoformat()
