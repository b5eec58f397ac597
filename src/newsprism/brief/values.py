"""Display values read leniently from a briefing record (``docs/json.md``).

Shared by :mod:`newsprism.brief.render` and :mod:`newsprism.brief.story_view`: a
partial or hand-edited record still renders, so every reader here turns a missing key,
``None`` or a value of the wrong type into an empty value instead of raising.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

__all__ = [
    "PRONOUNS",
    "QUOTE_MARKS",
    "UNATTRIBUTED",
    "clean_text",
    "dates_text",
    "dicts",
    "label_of",
    "speaker_key",
    "strings",
]

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


def clean_text(value: object) -> str:
    """Display text for any value: whitespace collapsed, unsafe characters dropped."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = unicodedata.normalize("NFC", _UNSAFE_CHARS.sub("", text))
    return _SPACES.sub(" ", text).strip()


def dates_text(span: object) -> str:
    """A story's ``span`` as "first – last", or the one date known, or ""."""
    if not isinstance(span, Mapping):
        return ""
    first, last = clean_text(span.get("first")), clean_text(span.get("last"))
    if first and last and first != last:
        return f"{first} – {last}"
    return first or last


def dicts(value: object) -> list[Mapping[str, Any]]:
    """The mappings of a list; anything else gives an empty list."""
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def strings(value: object) -> tuple[str, ...]:
    """The non-empty display texts of a list or tuple, each once, in order."""
    if not isinstance(value, list | tuple):
        return ()
    return tuple(dict.fromkeys(t for v in value if v is not None and (t := clean_text(v))))


def label_of(key: str) -> str:
    """A record key as a heading: ``loaded_language`` -> "Loaded language"."""
    return key.replace("_", " ").strip().capitalize()


def speaker_key(speaker: object) -> tuple[str, str, str]:
    """The grouping key, display name and entity id of a quote's speaker; key "" (and
    name UNATTRIBUTED) when the speaker is missing or only a pronoun."""
    if not isinstance(speaker, Mapping):
        return "", UNATTRIBUTED, ""
    name = clean_text(speaker.get("name"))
    text = clean_text(speaker.get("description")) or clean_text(speaker.get("text"))
    entity = clean_text(speaker.get("entity"))
    shown = name or text
    if entity:
        return f"entity:{entity}", shown or entity, entity
    if not shown or shown.casefold() in PRONOUNS:
        return "", UNATTRIBUTED, ""
    return f"name:{shown.casefold()}", shown, ""
