"""Loaded language: words that carry judgement, and whose voice they are in.

:func:`extract_loaded_language` finds the words and phrases of
``data/loaded_words.tsv`` (loaded verbs only where spaCy tags a verb, so "a gas rig"
is not "rigged") and the scare quotes of the article. Each gets a ``voice``:

* ``quoted`` inside someone's words: a quotation of four or more words, or a direct
  quote found by the quote stage;
* ``outlet`` otherwise, reported speech included: "Medvedev lashed out at the plan,
  saying Europe wanted war" is the outlet's wording of what he said, and only its
  words in quotation marks are his (BASIL's annotators draw the same line; counting
  reported and mixed quotes as ``quoted`` lost a fifth of the own-voice recall).
  A word or short phrase in quotation marks that is no one's quote ("forming a
  "Coalition of the Willing"") is the outlet's own device: a scare quote, in the
  outlet's voice. A short quotation in a sentence with a speech or naming verb
  (``data/naming_verbs.txt``: "called the plan "a huge mistake"") is the speaker's
  words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..data import data_lines, data_table
from ..models import Article, LoadedTerm, Quote, Voice
from .sources import source_index

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract_loaded_language", "has_label", "quotations"]

# A quotation this long is someone's words; shorter is a term held at arm's length.
# Four words is the line the framing benchmark draws (issue 5).
MIN_QUOTATION_WORDS = 4
_QUOTATION = re.compile(
    r"“[^“”\n]{1,600}”|\"[^\"\n]{1,600}\"|«[^«»\n]{1,600}»|(?<![\w])‘[^‘’\n]{1,80}’(?![\w])"
)


# Categories whose single words count only in one part of speech: a loaded verb only
# as a verb ("a gas rig" is not "rigged", "the demands" is no verb of saying).
_POS_GATES = {"loaded-verb": {"VERB"}}


@lru_cache(maxsize=1)
def _lexicon() -> tuple[re.Pattern[str], dict[str, str]]:
    return _compile({word: category for word, category in data_table("loaded_words.tsv")})


def _compile(lexicon: Mapping[str, str]) -> tuple[re.Pattern[str], dict[str, str]]:
    rows = {word.lower(): category for word, category in lexicon.items()}
    words = sorted(rows, key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE), rows


def has_label(text: str) -> bool:
    """Whether ``text`` holds a pejorative label of ``data/loaded_words.tsv``
    ("dimwits", "regime"): the claim stage takes a quotation holding one for rhetoric."""
    pattern, categories = _lexicon()
    return any(
        categories.get(" ".join(m.group(0).lower().split())) == "label"
        for m in pattern.finditer(text)
    )


_TITLE_JOINERS = {"a", "an", "the", "of", "for", "and", "or", "in", "on", "at", "to", "with"}


@lru_cache(maxsize=1)
def _attributing_verbs() -> frozenset[str]:
    speech = {line.split(" ")[0].lower() for line in data_lines("speech_verbs.txt")}
    return frozenset(speech | {v.lower() for v in data_lines("naming_verbs.txt")})


def _is_attributed(doc: Doc, start: int, end: int) -> bool:
    """Whether the sentence around ``start`` reports someone's words (a speech or
    naming verb outside the quotation), making a short quotation theirs."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    verbs = _attributing_verbs()
    return any(
        t.pos_ == "VERB" and t.lemma_.lower() in verbs and not start <= t.idx < end
        for t in span.sent
    )


def quotations(text: str) -> tuple[tuple[int, int, int], ...]:
    """``(start, end, words)`` of every stretch in quotation marks in ``text``; the
    offsets are of the words inside the marks."""
    found = []
    for m in _QUOTATION.finditer(text):
        inner = m.group(0)[1:-1]
        found.append((m.start() + 1, m.end() - 1, len(re.findall(r"\w+", inner))))
    return tuple(found)


def extract_loaded_language(
    article: Article,
    doc: Doc,
    *,
    quotes: Sequence[Quote] = (),
    lexicon: Mapping[str, str] | None = None,
) -> tuple[LoadedTerm, ...]:
    """The loaded words, phrases and scare quotes of ``article``, in reading order.

    Args:
        article: the cleaned article.
        doc: spaCy's doc of ``article.body`` (for the part of speech of loaded verbs).
        quotes: the article's quotes; words inside direct ones are in the ``quoted``
            voice.
        lexicon: word or phrase -> category, in place of ``data/loaded_words.tsv``
            (to measure another word list, as ``benchmarks/framing_cv.py`` does).

    Returns:
        :class:`LoadedTerm` records with offsets into the document text.
    """
    body = article.body
    index = source_index(article, doc, quotes)
    quoted = [(s, e) for s, e, q in index.quotes if q.kind == "direct"]
    marks = quotations(body)
    long_marks = [(s, e) for s, e, n in marks if n >= MIN_QUOTATION_WORDS]
    attributed = [
        (s, e) for s, e, n in marks if n < MIN_QUOTATION_WORDS and _is_attributed(doc, s, e)
    ]
    in_quote = [*quoted, *long_marks, *attributed]
    pattern, categories = _lexicon() if lexicon is None else _compile(lexicon)
    found: list[LoadedTerm] = []
    for m in pattern.finditer(body):
        category = categories.get(" ".join(m.group(0).lower().split()), "loaded")
        gate = _POS_GATES.get(category)
        if gate and " " not in m.group(0):
            span = doc.char_span(m.start(), m.end())
            if span is None or span.root.pos_ not in gate:
                continue
        found.append(_term(article, m.start(), m.end(), category, in_quote))
    for start, end, words in marks:
        if words >= MIN_QUOTATION_WORDS or _inside(start, end, [*quoted, *attributed]):
            continue
        if _is_title(body[start:end]):
            continue
        where = article.span(start, end)
        found.append(LoadedTerm(where.start, where.end, where.text, "scare-quote", "outlet", True))
    return tuple(sorted(found, key=lambda t: (t.start, t.end)))


def _is_title(text: str) -> bool:
    """Whether quoted words are a title or a name ("Face the Nation", "The
    Apprentice", "Homeland"): every word capitalised but the short joining ones. A
    title in quotation marks is the usual way to write it, not a term held at arm's
    length."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return bool(words) and all(
        w[0].isupper() or (i and w.lower() in _TITLE_JOINERS) for i, w in enumerate(words)
    )


def _inside(start: int, end: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in ranges)


def _term(
    article: Article, start: int, end: int, category: str, in_quote: Sequence[tuple[int, int]]
) -> LoadedTerm:
    voice: Voice = "quoted" if _inside(start, end, in_quote) else "outlet"
    span = article.span(start, end)
    return LoadedTerm(span.start, span.end, span.text, category, voice)
