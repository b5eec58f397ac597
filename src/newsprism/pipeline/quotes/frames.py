"""Cues given by layout rather than by a verb.

* A speaker label opening a paragraph: ``PENCE: Well, look, ...`` in a transcript, or
  ``Pat Caddell: Democrat Voters Worried ...`` in a headline. The rest of the paragraph
  is what the labelled speaker said, word for word.
* A sign-off closing a paragraph: ``“... How did we get this low?” ― Jacklyn Ashley``.
  The dash is the cue; the quotation before it is the named person's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .layout import _Cue, _Layout
from .lexicon import word_set

if TYPE_CHECKING:
    from spacy.tokens import Token

_MAX_LABEL_WORDS = 4  # "Pat Caddell", "SEN. ELIZABETH WARREN", "Poll"
# A closing quotation mark, a dash, and up to four words ending the paragraph.
_SIGN_OFF = re.compile(r"[”\"’»]\s*([―—–-]+)\s*((?:[^\W\d][\w.’'-]*\s*){1,4})$")


def frame_cues(layout: _Layout) -> Iterator[_Cue]:
    """Speaker labels and sign-offs of every paragraph."""
    for start, end in layout.paragraphs:
        tokens = [t for t in layout.tokens(start, end) if not t.is_space]
        if not tokens:
            continue
        label = _label_cue(layout, tokens, end)
        if label is not None:
            yield label
        sign_off = _sign_off_cue(layout, tokens)
        if sign_off is not None:
            yield sign_off


def _is_name_word(token: Token) -> bool:
    return token.is_title or token.is_upper or token.text in (".", "&")


def _label_cue(layout: _Layout, tokens: list[Token], end: int) -> _Cue | None:
    while tokens and tokens[0].is_quote:  # a transcript set in quotation marks
        tokens = tokens[1:]
    head = tokens[: _MAX_LABEL_WORDS + 1]
    colon = next((i for i, t in enumerate(head) if t.text == ":"), None)
    if not colon or not all(_is_name_word(t) for t in tokens[:colon]):
        return None
    if not any(t.pos_ in ("PROPN", "NOUN") for t in tokens[:colon]) or colon + 1 >= len(tokens):
        return None
    if colon == 1 and tokens[0].lower_ in word_set("page_note_labels.txt"):
        return None  # "UPDATE:", "CORRECTION:" -- a page's note, not a speaker ("PENCE:")
    sign = tokens[colon]
    content = (tokens[colon + 1].idx, end)
    while content[1] > content[0] and layout.body[content[1] - 1].isspace():
        content = (content[0], content[1] - 1)
    return _Cue(sign.idx, sign.idx + 1, sign, tokens[colon - 1], content, True, True)


def _sign_off_cue(layout: _Layout, tokens: list[Token]) -> _Cue | None:
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    found = _SIGN_OFF.search(layout.body, start, end)
    if found is None or found.end() != end:
        return None
    name = [t for t in tokens if t.idx >= found.start(2)]
    if not name or not all(_is_name_word(t) or t.is_punct for t in name):
        return None
    dash = found.start(1)
    sign = next(t for t in reversed(tokens) if t.idx <= dash)
    speaker = next((t for t in reversed(name) if not t.is_punct), None)
    return _Cue(dash, found.end(1), sign, speaker, None, False)
