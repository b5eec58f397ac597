"""Date words and date patterns: the vocabulary the date stage reads, with public names.

Months, weekdays, seasons, number and ordinal words, as Python sets and maps and as
regular-expression pieces, and the table of date-phrase patterns that
:func:`~newsprism.pipeline.dates.extract_dates` runs (:func:`date_patterns`). Other
stages that need to know whether a word names a month or a weekday import them from
here (``MONTH_WORDS``, ``WEEKDAY_NAMES``) rather than keep their own lists.

To add a phrase shape, add a ``(kind, pattern, flags)`` line to :func:`_pattern_sources`
(earlier lines win a tie between matches of the same length) and teach
``dates._resolve`` the new kind; to add a holiday, add a line to ``data/holidays.tsv``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .holidays import load_holidays

__all__ = [
    "DAY_PATTERN",
    "MONTH_NAMES",
    "MONTH_PATTERN",
    "MONTH_WORDS",
    "NUMBER_PATTERN",
    "NUMBER_WORDS",
    "ORDINAL_WORDS",
    "QUARTER_ORDINALS",
    "SEASONS",
    "WEEKDAY_NAMES",
    "WEEKDAY_PATTERN",
    "WEEKDAY_WORDS",
    "YEAR_PATTERN",
    "date_patterns",
    "decade_of_word",
    "month_number",
    "number_value",
    "ordinal_day",
    "spelled_year",
]

MONTH_NAMES: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_ABBR = {m[:3]: i for i, m in enumerate(MONTH_NAMES, 1)} | {"sept": 9}
# Every lower-case word that names a month: full names and the abbreviations news style
# uses ("Jan.", "Sept."), without the full stop.
MONTH_WORDS: frozenset[str] = frozenset(MONTH_NAMES) | frozenset(_MONTH_ABBR)
MONTH_PATTERN = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
WEEKDAY_NAMES: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
WEEKDAY_WORDS: frozenset[str] = frozenset(WEEKDAY_NAMES)
WEEKDAY_PATTERN = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY_PATTERN = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR_PATTERN = r"(?:1[5-9]\d\d|20\d\d)"
SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}
QUARTER_ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}

_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# The decades spelled out ("the sixties"), in order from the twenties.
_DECADES = tuple(t[:-1] + "ies" for t in _TENS)
NUMBER_WORDS: dict[str, int] = (
    {"zero": 0}
    | {w: i for i, w in enumerate(_UNITS, 1)}
    | {w: i for i, w in enumerate(_TEENS, 10)}
    | {w: 10 * i for i, w in enumerate(_TENS, 2)}
    | {"a": 1, "an": 1, "a couple of": 2}
)
# A count of units as a phrase of "N days ago" may write it: digits, a number word or a
# compound ("seventy-four"), so that "Seventy-four years ago" is not read as "four years
# ago".
NUMBER_PATTERN = (
    r"(?:\d{1,3}|a couple of|an?|(?:"
    + "|".join(_TENS)
    + r")(?:[- ](?:"
    + "|".join(_UNITS)
    + r"))?|"
    + "|".join(_TEENS + _UNITS + ("zero",))
    + r")"
)
ORDINAL_WORDS: tuple[str, ...] = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
)
# Years and days as broadcast transcripts spell them ("January nineteen ninety-seven",
# "March third"): TimeBank's CNN, PRI and VOA documents write numbers out.
_SPELLED_YEAR = (
    r"(?:nineteen|twenty)[- ](?:ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"
)
_ORDINAL_DAY = (
    r"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
    r"thirtieth|" + "|".join(reversed(ORDINAL_WORDS)) + r")"
)
_UNIT = r"(?:day|week|month|quarter|year|decade)s?"


def month_number(name: str) -> int:
    """The number of a month from its name, abbreviation or digits ("Sept." is 9).

    Raises:
        KeyError: ``name`` names no month.
    """
    name = name.lower().rstrip(".")
    if name.isdigit():
        return int(name)
    return _MONTH_ABBR[name[:4] if name.startswith("sept") else name[:3]]


def number_value(text: str) -> int:
    """The count a number phrase gives: "3" is 3, "seventy-four" 74, "a" 1; a phrase
    not in the vocabulary counts 1."""
    text = text.lower().strip()
    if text.isdigit():
        return int(text)
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    words = re.split(r"[- ]+", text)
    return sum(NUMBER_WORDS.get(w, 0) for w in words) or 1


def ordinal_day(text: str) -> int:
    """ "third" as 3, "twenty-first" as 21."""
    words = re.split(r"[- ]+", text.lower())
    tens = {"twenty": 20, "thirty": 30}.get(words[0], 0) if len(words) > 1 else 0
    last = words[-1]
    if last == "thirtieth":
        return 30
    return tens + ORDINAL_WORDS.index(last) + 1


def spelled_year(text: str) -> str | None:
    """ "nineteen ninety-six" as 1996, "the year two thousand" as 2000."""
    if "thousand" in text:
        return "2000"
    words = re.split(r"[- ]+", text)
    century = {"nineteen": 19, "twenty": 20}.get(words[0])
    if century is None or len(words) < 2:
        return None
    if words[1] in _TEENS:
        rest = 10 + _TEENS.index(words[1])
    else:
        if words[1] not in _TENS:
            return None
        rest = 10 * (_TENS.index(words[1]) + 2)
        if len(words) > 2 and words[2] in _UNITS:
            rest += _UNITS.index(words[2]) + 1
    return f"{century * 100 + rest:04d}"


def decade_of_word(word: str) -> int:
    """The decade a spelled decade names within its century: "sixties" is 6."""
    return _DECADES.index(word.lower()) + 2


# Each pattern names the kind of phrase; earlier and longer matches win an overlap. A
# pattern with a group named ``span`` takes only that group as the phrase (the words
# around it are context: "in the summer" is the date "the summer").
@lru_cache(maxsize=1)
def date_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Every date-phrase pattern as ``(kind, compiled pattern)``, in order of preference.

    A pattern with a group named ``span`` takes only that group as the phrase.
    """
    return tuple((kind, re.compile(p, flags)) for kind, p, flags in _pattern_sources())


def _pattern_sources() -> tuple[tuple[str, str, int], ...]:
    return (
        (
            "mdy",
            rf"\b(?:{WEEKDAY_PATTERN},?\s+)?(?P<month>{MONTH_PATTERN})\s+(?P<day>{DAY_PATTERN}),?\s+(?P<year>{YEAR_PATTERN})\b",
            0,
        ),
        (
            "dmy",
            rf"\b(?:{WEEKDAY_PATTERN},?\s+)?(?P<day>{DAY_PATTERN})\s+(?:of\s+)?(?P<month>{MONTH_PATTERN}),?\s+(?P<year>{YEAR_PATTERN})\b",
            0,
        ),
        ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b", 0),
        (
            "slash",
            r"(?<![\d/])(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)(?![\d/])",
            0,
        ),
        (
            "md",
            rf"\b(?:{WEEKDAY_PATTERN},?\s+)?(?P<month>{MONTH_PATTERN})\s+(?P<day>{DAY_PATTERN})\b(?!\s*[:\d])",
            0,
        ),
        ("dm", rf"\b(?P<day>{DAY_PATTERN})\s+(?:of\s+)?(?P<month>{MONTH_PATTERN})\b", 0),
        (
            "my",
            rf"\b(?:(?i:early|mid|late)[- ]?)?(?P<month>{MONTH_PATTERN}),?\s+"
            rf"(?:of\s+)?(?P<year>{YEAR_PATTERN})\b",
            0,
        ),
        (
            "month_year",
            rf"\b(?:(?i:early|mid|late)[- ]?)?(?P<month>{MONTH_PATTERN})"
            rf"(?:\s+(?P<day>{DAY_PATTERN}))?,?\s+"
            r"(?:of\s+)?(?P<which>(?i:last|next|this))\s+year\b",
            0,
        ),
        (
            "quarter",
            r"\b(?:(?P<which>this|last|next|(?:this|last|next) year's|the)\s+)?(?:fiscal\s+)?"
            r"(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?quarter\b"
            r"(?:\s+of\s+(?:fiscal\s+)?(?P<year>(?:19|20)\d\d)|"
            r"\s+of\s+(?P<which2>this|last|next)\s+(?:fiscal\s+)?year)?",
            re.IGNORECASE,
        ),
        (
            "year_quarter",
            r"\bthe\s+(?P<year>(?:19|20)\d\d)\s+(?:(?P<ordinal>first|second|third|fourth)\s+)?"
            r"(?:fiscal\s+)?(?:quarter|period)\b",
            re.IGNORECASE,
        ),
        # "the fiscal year" alone names no year ("the fiscal year ended Jan. 31" is
        # dated by its end, "throughout the fiscal year" is a duration: TimeBank's dev
        # half, 0 of 2 a date of this year), "the current fiscal year" does.
        (
            "this_year",
            r"\b(?:the\s+)?(?:(?:full|current|current fiscal|this fiscal)\s+year\b|"
            r"year(?:'s)?[- ]end\b|"
            r"end of the year\b)|\bearlier in the year\b",
            re.IGNORECASE,
        ),
        (
            "spelled_year",
            rf"\b{_SPELLED_YEAR}\b|\b(?:the\s+)?year two thousand\b",
            re.IGNORECASE,
        ),
        (
            "spelled_date",
            rf"\b(?P<month>{MONTH_PATTERN})(?:\s+(?:the\s+)?(?P<ordinal>(?i:{_ORDINAL_DAY})))?,?\s+"
            rf"(?:of\s+)?(?P<spelled>(?i:{_SPELLED_YEAR}))\b|"
            rf"\b(?P<month2>{MONTH_PATTERN})\s+(?:the\s+)?(?P<ordinal2>(?i:{_ORDINAL_DAY}))\b"
            r"(?![- ](?i:quarter|half))|"
            rf"\b(?i:the)\s+(?P<ordinal3>(?i:{_ORDINAL_DAY}))\s+of\s+(?P<month3>{MONTH_PATTERN})\b",
            0,
        ),
        (
            "spelled_decade",
            r"\bthe\s+(?:(?:early|mid|late)[- ])?(?:nineteen[- ])?"
            r"(?P<tens>twenties|thirties|forties|fifties|sixties|"
            r"seventies|eighties|nineties)\b|"
            r"\b(?:the\s+)?(?P<century>1[5-9]|2[01])(?:th|st)[- ]century\b",
            re.IGNORECASE,
        ),
        (
            "half",
            r"\b(?:the\s+)?(?P<ordinal>first|second)[- ]half(?:\s+of\s+(?P<year>(?:19|20)\d\d)|"
            r"\s+of\s+(?P<which2>this|last|next)\s+year)?",
            re.IGNORECASE,
        ),
        (
            "year_ref",
            r"\b(?:the\s+)?(?:year[- ](?:earlier|ago)|prior[- ]year|previous[- ]year)"
            r"(?:\s+(?:first|second|third|fourth))?(?:\s+(?:quarter|period))?\b|"
            r"\b(?:the\s+)?(?:(?:same|corresponding|comparable|year-earlier)\s+)?(?:quarter|period)\s+"
            r"(?:a year (?:ago|earlier)|(?:of\s+)?last year)\b|"
            r"\blast year's\s+(?:quarter|period)\b",
            re.IGNORECASE,
        ),
        (
            "this_ref",
            r"\b(?:the\s+)?(?:latest|current|same|most recent)\s+(?:quarter|period)\b|"
            rf"\b(?P<span>(?:the|its)\s+quarter)\s+ended\s+(?P<month>{MONTH_PATTERN})\s+"
            rf"(?P<day>{DAY_PATTERN})\b|"
            r"\bthe\s+quarter\b",
            re.IGNORECASE,
        ),
        (
            "season",
            r"\b(?:(?P<which>this|last|next|this past|early|late|"
            r"(?:early|late)\s+(?:this|last|next))\s+)"
            r"(?P<season>spring|summer|fall|autumn|winter)\b|"
            r"\b(?P<season2>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b",
            re.IGNORECASE,
        ),
        (
            "ago",
            rf"\b(?P<num>{NUMBER_PATTERN})\s+(?P<unit>{_UNIT})\s+"
            r"(?P<dir>ago|earlier|later|from now|hence|previously)\b",
            re.IGNORECASE,
        ),
        (
            "next_day",
            r"\b(?:(?P<the>the)\s+)?(?P<dir>next|following|previous|preceding|prior)\s+"
            r"(?P<unit>day|week|month|year)\b|"
            r"\bthe\s+(?P<unit2>day|week|month|year)\s+(?P<dir2>before|after)\b|"
            r"\b(?P<that>that|the same)\s+(?P<unit3>day|week|month|year)\b",
            re.IGNORECASE,
        ),
        # "over the past year": TimeML annotators give the calendar year before
        # (TimeBank dev half, 2 of 2), not a duration
        ("past_year", r"\bthe\s+past\s+year\b", re.IGNORECASE),
        (
            "rel_unit",
            r"\b(?:(?P<mod>earlier|later|early|late|mid|the end of|the beginning of|the start of)"
            r"[- ](?:in\s+)?)?"
            r"(?P<which>this|last|next|this coming|this past|the coming)\s+"
            r"(?P<unit>week(?:end)?|month|year|quarter|decade)\b",
            re.IGNORECASE,
        ),
        (
            "rel_day",
            r"\b(?:the day (?P<dir>before|after)\s+)?(?P<word>today|yesterday|tomorrow)\b",
            re.IGNORECASE,
        ),
        ("weekend", r"\bthe\s+weekend\b", re.IGNORECASE),
        *(("holiday", rf"\b(?P<holiday>{h.pattern})(?!\w)", 0) for h in load_holidays()),
        # "by the end of the month": that month (TimeML marks the part with a mod)
        (
            "part_of",
            r"\b(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+the\s+(?P<unit>week|month)\b",
            re.IGNORECASE,
        ),
        # "in the summer", "during the winter": the season the tense points to; "the
        # fall of Rome", "the fall in prices" are no seasons
        (
            "bare_season",
            r"\b(?i:in|during|over|through|throughout|until|till|since|by|into|for)\s+"
            r"(?P<span>(?i:the)\s+(?P<season>spring|summer|fall|autumn|winter))\b"
            r"(?!\s+(?:of|in|from|to|off|on|was|is|has|had|and)\b)",
            0,
        ),
        (
            "weekday",
            rf"\b(?:(?i:the\s+day)\s+(?P<dayoff>before|after)\s+)?"
            rf"(?:(?P<which>last|next|this|this coming|this past|coming|past)\s+)?"
            rf"(?P<weekday>{WEEKDAY_PATTERN})\b(?!,?\s+{MONTH_PATTERN})",
            0,
        ),
        (
            "month",
            r"\b(?:(?P<which>(?i:last|next|this|early|mid|late|early last|late last|"
            rf"early next|late next))[- ])?(?P<month>{MONTH_PATTERN})\b(?!\s*\d)",
            0,
        ),
        (
            "decade",
            r"\b(?:the\s+)?(?:(?i:early|mid|late)[- ])?(?P<decade>1[5-9]\d|20\d)0s\b|"
            r"\b(?i:the)\s+(?:(?i:early|mid|late)[- ])?(?:(?P<decade2>1[5-9]\d|20\d)0|"
            r"'?(?P<short2>\d)0)['’]s\b|"
            r"\b(?i:the)\s+(?:(?i:early|mid|late)[- ])?(?P<short3>[2-9])0s\b|"
            r"['’](?P<short>\d)0s\b",
            0,
        ),
        # "the '88 election", "since '85": a year of two digits after an apostrophe
        (
            "short_year",
            r"['’](?P<yy>\d\d)\b(?!['’]?s\b)",
            0,
        ),
        ("year", rf"\b(?P<year>{YEAR_PATTERN})\b(?![-,.]?\d)", 0),
    )
