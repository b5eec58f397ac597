"""Named days ("Christmas Eve", "Thanksgiving", "Good Friday") and the day each falls
on in a given year, from the rules in ``data/holidays.tsv``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib.resources import files

from ..errors import NewsprismError

__all__ = ["Holiday", "holiday_rule", "load_holidays"]

_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_RULE = re.compile(
    r"^(?:(?P<month>\d\d)-(?P<day>\d\d)(?: (?P<weekday>Mon|Tue|Wed|Thu|Fri|Sat|Sun))?|"
    r"easter(?P<offset>[+-]\d+))$"
)


@dataclass(frozen=True, slots=True)
class Holiday:
    """One line of ``data/holidays.tsv``: the names' pattern and the calendar rule."""

    pattern: str
    rule: str

    def on(self, year: int) -> date:
        """The day this holiday falls on in ``year``.

        Example:
            >>> Holiday("Thanksgiving", "11-22 Thu").on(1989)
            datetime.date(1989, 11, 23)
        """
        m = _RULE.match(self.rule)
        if m is None:  # checked when loading
            raise NewsprismError(f"holidays.tsv: bad rule {self.rule!r}")
        if m.group("offset"):
            from dateutil.easter import easter

            return easter(year) + timedelta(days=int(m.group("offset")))
        day = date(year, int(m.group("month")), int(m.group("day")))
        if m.group("weekday"):
            day += timedelta(days=(_WEEKDAYS.index(m.group("weekday")) - day.weekday()) % 7)
        return day


@lru_cache(maxsize=1)
def load_holidays() -> tuple[Holiday, ...]:
    """The holidays of ``data/holidays.tsv``, in file order.

    Raises:
        NewsprismError: a line without a tab or with a rule of no known shape.
    """
    text = files("newsprism.data").joinpath("holidays.tsv").read_text(encoding="utf-8")
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, rule = line.partition("\t")
        if not sep or _RULE.match(rule.strip()) is None:
            raise NewsprismError(f"holidays.tsv line {number}: expected 'name<TAB>rule'")
        out.append(Holiday(name.strip(), rule.strip()))
    return tuple(out)


def holiday_rule(name: str) -> Holiday | None:
    """The holiday whose pattern matches all of ``name``, or None."""
    return next((h for h in load_holidays() if re.fullmatch(h.pattern, name)), None)
