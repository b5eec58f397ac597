"""TimeML calendar values: build them, move them, and turn them into date ranges.

A TIMEX3 DATE value keeps the granularity the text gives (TimeML 1.2.1, section
2.2.1): ``2025-03-06`` a day, ``2025-W10`` an ISO week, ``2025-W10-WE`` its weekend,
``2025-03`` a month, ``2025-Q1`` a quarter, ``2025-H1`` a half year, ``2025-SU`` a
season (``SP``, ``SU``, ``FA``, ``WI``), ``2025`` a year, ``202`` a decade and ``20`` a
century. These helpers are pure functions over such strings and :class:`datetime.date`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

__all__ = ["date_range", "granularity_of", "shift", "value_of"]

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_VALUE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|W(?P<week>\d{2})(?P<we>-WE)?|"
    r"Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<season>SP|SU|FA|WI)))?$"
)


def value_of(day: date, granularity: str) -> str:
    """The TimeML value of the period of ``granularity`` that holds ``day``.

    Example:
        >>> value_of(date(2025, 3, 6), "week")
        '2025-W10'
    """
    if granularity == "day":
        return day.isoformat()
    if granularity in {"week", "weekend"}:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}" + ("-WE" if granularity == "weekend" else "")
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "half":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


def granularity_of(value: str) -> str | None:
    """The granularity of a TimeML value, or None when it is no calendar value."""
    if re.fullmatch(r"\d{2}", value):
        return "century"
    if re.fullmatch(r"\d{3}", value):
        return "decade"
    m = _VALUE.match(value)
    if m is None:
        return None
    for name in ("day", "we", "week", "month", "quarter", "half", "season"):
        if m.group(name):
            return {"we": "weekend"}.get(name, name)
    return "year"


def date_range(value: str) -> tuple[date, date] | None:
    """The first and last day a TimeML calendar value covers, or None.

    Example:
        >>> date_range("2025-Q1")
        (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))
    """
    if re.fullmatch(r"\d{2,3}", value):
        span = 100 if len(value) == 2 else 10
        first = int(value) * span
        return date(max(first, 1), 1, 1), date(first + span - 1, 12, 31)
    m = _VALUE.match(value)
    if m is None:
        return None
    year = int(m.group("year"))
    try:
        if m.group("day"):
            d = date(year, int(m.group("month")), int(m.group("day")))
            return d, d
        if m.group("month"):
            return _months(year, int(m.group("month")), int(m.group("month")))
        if m.group("week"):
            monday = date.fromisocalendar(year, int(m.group("week")), 1)
            if m.group("we"):
                return monday + timedelta(days=5), monday + timedelta(days=6)
            return monday, monday + timedelta(days=6)
        if m.group("quarter"):
            q = int(m.group("quarter"))
            return _months(year, 3 * q - 2, 3 * q)
        if m.group("half"):
            h = int(m.group("half"))
            return _months(year, 6 * h - 5, 6 * h)
        if m.group("season"):
            first, last = _SEASON_MONTHS[m.group("season")]
            return _months(year, first, last)
    except ValueError:
        return None
    return date(year, 1, 1), date(year, 12, 31)


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    start = date(year + (first - 1) // 12, (first - 1) % 12 + 1, 1)
    after = date(year + last // 12, last % 12 + 1, 1)
    return start, after - timedelta(days=1)


def shift(day: date, amount: int, unit: str) -> date:
    """``day`` moved by ``amount`` days, weeks, months, quarters or years (a month
    shift keeps the day of month where it exists, else the month's last day)."""
    if unit == "day":
        return day + timedelta(days=amount)
    if unit in {"week", "weekend"}:
        return day + timedelta(weeks=amount)
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120}.get(unit, 12)
    index = day.year * 12 + day.month - 1 + amount * months
    year, month = divmod(index, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, d)
        except ValueError:
            continue
    return date(year, month + 1, 28)
