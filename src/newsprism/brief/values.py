"""Display text for the briefing's layouts (:mod:`newsprism.brief.story_view`)."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["PRONOUNS", "QUOTE_MARKS", "UNATTRIBUTED", "clean_text"]

UNATTRIBUTED = "Unattributed"
# A speaker known only as a pronoun says nothing on its own; such quotes go under
# UNATTRIBUTED rather than under a heading "he".
PRONOUNS = frozenset(
    {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "who", "which", "that"}
)
QUOTE_MARKS = '"“”„«»'

# C0/C1 control characters and bidirectional overrides: hostile text could use them to
# drive a terminal (ANSI escapes) or to reorder what a reader sees.
_UNSAFE_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")


def clean_text(value: str | None) -> str:
    """Display text: whitespace collapsed, unsafe characters dropped; "" for None."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", _UNSAFE_CHARS.sub("", value))
    return _SPACES.sub(" ", text).strip()
