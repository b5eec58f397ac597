"""Provenance: who published an article and when, read from its own text when the input
did not say.

:func:`infer_published` reads the publication date from the top of the text, in this
order of trust:

1. a stamp: "Updated March 6, 2025", "Published: 2025-03-06", "Posted on 6 March 2025";
2. a dated line: a caption, byline or dateline line that ends with a full date
   ("... in Moscow, Russia, Thursday, March 6, 2025." or with a photo credit after
   it), or a short line (at most ``SHORT_LINE_WORDS`` words) that starts with one or
   has it after a separator ("By Jo Smith | March 6, 2025");
and among several of the same rank the latest, since a page's own date is the newest
one near its top (an earlier one is usually an event it reports). Only dates that give
day, month and year count, only in the first ``TOP_LINES`` lines and ``TOP_CHARS``
characters, and never in an embedded post ("— Apple Music (@AppleMusic) September 27,
2016"). A caption's date is when the photo was taken: usually the day of the story,
sometimes a day or two before it.

:func:`outlet_from_urls` names the outlet from a URL of its own site in the removed
boilerplate ("Read more at https://www.example-news.com/..."), skipping the hosts of
social networks and link shorteners, which name the platform, not the publisher.
:func:`outlet_from_footer` reads it from a copyright notice among the last lines of a
plain text ("© 2025 Example Media. All rights reserved."), which cleaning keeps when it
cannot tell the line from the body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from ..models import Removal, Span
from .dates import full_dates

__all__ = ["infer_published", "outlet_from_footer", "outlet_from_urls"]

# The top of a page: headline, standfirst, byline, caption and the first paragraphs.
# Chosen by reading the seeds and BASIL-like pages: the page's date sits in its first ten
# lines or not at all.
TOP_LINES = 15
TOP_CHARS = 2000
# A photo caption is one sentence; the seeds' and PolNeAR's run to about 35 words, while a
# body paragraph that ends with an old date ("... since Sept. 11, 2001.") runs longer.
CAPTION_WORDS = 40
# A byline or caption line is short; a body sentence that names a date is an event.
SHORT_LINE_WORDS = 14
_STAMP = re.compile(
    r"\b(?:(?:last\s+)?updated|published|posted|first published)\b\s*(?:on|:)?\s*$",
    re.IGNORECASE,
)
# After the date a line may end with a clock time or a photo credit "(AP Photo/...)".
_LINE_END = re.compile(
    r"^[\s.,;]*(?:\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?)?[\s.]*"
    r"(?:\([^()]{0,80}\)[\s.]*)?$"
)
# Hosts that appear in share and follow links: they are platforms, not the publisher.
_PLATFORMS = frozenset(
    [
        "whatsapp.com",
        "facebook.com",
        "fb.com",
        "twitter.com",
        "x.com",
        "t.co",
        "t.me",
        "telegram.me",
        "instagram.com",
        "youtube.com",
        "youtu.be",
        "linkedin.com",
        "tiktok.com",
        "google.com",
        "goo.gl",
        "bit.ly",
        "tinyurl.com",
        "pinterest.com",
        "reddit.com",
        "apple.com",
        "play.google.com",
        "flipboard.com",
        "threads.net",
        "bsky.app",
        "wa.me",
    ]
)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')]+", re.IGNORECASE)


def infer_published(text: str) -> tuple[str, Span] | None:
    """The publication date the top of ``text`` gives, as an ISO date and the span of
    the date it was read from, or None.

    Example:
        >>> infer_published("Title\\nLavrov in Moscow, Thursday, March 6, 2025.\\nBody.")
        ('2025-03-06', Span(start=24, end=47, text='Thursday, March 6, 2025'))
    """
    best: tuple[int, str, Span] | None = None
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True)):
        if number >= TOP_LINES or offset >= TOP_CHARS:
            break
        words = len(line.split())
        for start, end, value in full_dates(line):
            rank = _rank(line, start, end, words=words)
            if rank and (best is None or (rank, value) > (best[0], best[1])):
                best = (rank, value, Span(offset + start, offset + end, line[start:end]))
        offset += len(line)
    return (best[1], best[2]) if best else None


def _rank(line: str, start: int, end: int, *, words: int) -> int:
    """2 for a stamp, 1 for a dated caption, byline or dateline line, else 0."""
    if _STAMP.search(line[:start]):
        return 2
    if _EMBED.search(line):
        return 0  # an embedded post ends with its own date, not the page's
    if (
        _LINE_END.match(line[end:])
        and words <= CAPTION_WORDS
        and not re.search(r"[.!?][\"'”’]?\s+[A-Z]", line[:start])
    ):
        return 1  # a caption or dateline: one sentence ending with the date
    if (
        words <= SHORT_LINE_WORDS
        and _SEPARATED.search(line[:start])
        and not line[:start].strip().lower().endswith(("on", "in", "since", "until", "by"))
    ):
        return 1
    return 0


# A short byline or dateline line puts the date first or after a separator
# ("By Jo Smith | March 6, 2025", "MOSCOW, March 6, 2025 -"); "On July 6, 2015, Sanders
# said" is a sentence.
_SEPARATED = re.compile(r"(?:^\s*|[|•·—–:-]\s*|[A-Z]{2,}[A-Z ,]*,\s*)$")
_EMBED = re.compile(r"@\w|pic\.twitter|<tweet|\(@", re.IGNORECASE)


def outlet_from_urls(removals: Sequence[Removal]) -> str | None:
    """The site a URL in the removed boilerplate names ("example-news.com"), or None
    when every URL points at a platform (WhatsApp, X, Facebook...)."""
    for removal in removals:
        for m in _URL.finditer(removal.text):
            raw = m.group(0)
            host = urlsplit(raw if "://" in raw else f"http://{raw}").hostname or ""
            host = host.removeprefix("www.").rstrip(".")
            if "." in host and not _is_platform(host):
                return host
    return None


def _is_platform(host: str) -> bool:
    parts = host.split(".")
    return any(".".join(parts[i:]) in _PLATFORMS for i in range(len(parts) - 1))


# A page's footer: its last lines. A copyright notice is one short line with a year;
# a photo credit ("© Reuters") has none, and names the agency, not the publisher.
FOOTER_LINES = 8
FOOTER_WORDS = 15
_NOTICE = re.compile(r"^\s*(?:©|\(c\)|Copyright\b)(?=.*\b(?:19|20)\d\d\b)", re.IGNORECASE)
_TRAILING_YEAR = re.compile(r"[\s,]+(?:19|20)\d\d$")


def outlet_from_footer(text: str, patterns: Sequence[re.Pattern[str]]) -> str | None:
    """The outlet a copyright notice among the last lines of ``text`` names, or None.

    Args:
        text: the document text.
        patterns: the outlet patterns (a named group ``outlet`` each) tried on a
            notice line, first match wins.

    Example:
        >>> notice = re.compile(r"©\\s*\\d{4}\\s*(?P<outlet>[A-Z][\\w ]+?)\\.")
        >>> outlet_from_footer("Body.\\n© 2025 Example Media. All rights reserved.", [notice])
        'Example Media'
    """
    lines = [line for line in text.splitlines() if line.strip()][-FOOTER_LINES:]
    for line in reversed(lines):
        if len(line.split()) > FOOTER_WORDS or not _NOTICE.match(line):
            continue
        for pattern in patterns:
            m = pattern.search(line)
            if m:
                name = _TRAILING_YEAR.sub("", m.group("outlet").strip())
                if name:
                    return name
    return None
