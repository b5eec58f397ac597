"""A cheap language guess: function-word counts, then the writing system.

Good enough to flag non-English input (``Document.language != "en"``) so that later
stages can skip or mark it; not a general language identifier. The word lists are in
``data/stopwords.tsv``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from ..data import data_table

__all__ = ["guess_language", "stopwords"]

_WORD = re.compile(r"[^\W\d_]+")
# Fewer words than this give no guess. Share of function words above which a language
# is taken: English news prose runs 0.35-0.5 on its own list, other languages under
# 0.1 on it (checked on the seeds and the zyte-dev pages).
MIN_WORDS = 12
MIN_SHARE = 0.15
# Chinese and Japanese run words together (a "word" here is a whole clause): a text
# with fewer words but this many letters is still judged by its writing system.
MIN_SCRIPT_LETTERS = 20
_SCRIPTS = (
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
    ("HANGUL", "ko"),
    ("CJK", "zh"),
    ("ARABIC", "ar"),
    ("HEBREW", "he"),
    ("GREEK", "el"),
    ("DEVANAGARI", "hi"),
    ("THAI", "th"),
    ("CYRILLIC", "ru"),
)


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    return {row[0]: frozenset(row[1].split()) for row in data_table("stopwords.tsv")}


def stopwords(language: str = "en") -> frozenset[str]:
    """The function words of ``language`` (an ISO 639-1 code), empty when unknown."""
    return _lists().get(language, frozenset())


def guess_language(text: str) -> str | None:
    """An ISO 639-1 code for ``text``, or None when it is too short to tell.

    Example:
        >>> guess_language("The minister said that the talks would go on for a week.")
        'en'
    """
    words = _WORD.findall(text[:20000].lower())
    if len(words) < MIN_WORDS:
        letters = sum(len(w) for w in words)
        return _by_script(text[:5000]) if letters >= MIN_SCRIPT_LETTERS else None
    counts = {code: sum(1 for w in words if w in words_) for code, words_ in _lists().items()}
    best = max(counts, key=lambda code: counts[code])
    if counts[best] / len(words) >= MIN_SHARE:
        return best
    return _by_script(text[:5000])


def _by_script(text: str) -> str | None:
    scripts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha() and ord(ch) > 0x24F:
            name = unicodedata.name(ch, "")
            for prefix, code in _SCRIPTS:
                if name.startswith(prefix):
                    scripts[code] += 1
                    break
    letters = sum(1 for ch in text if ch.isalpha())
    if not scripts or not letters:
        return None
    code, count = scripts.most_common(1)[0]
    if "ja" in scripts and code == "zh":
        code = "ja"
    return code if count / letters > 0.3 else None
