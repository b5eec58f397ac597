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

Beyond the word list, a learned model scores every content word of the outlet's own
voice (:class:`LoadedModel`, ``data/loaded_model.tsv``): a logistic model over the
word, its lemma and part of speech, its neighbours, whether the word list holds it and
whether it sits in a named entity, fitted on the biased words of BABE (Spinde et al.,
2021) and the own-voice lexical spans of BASIL (Fan et al., 2019) by
``benchmarks/loaded_train.py``. A word scoring at least the model's threshold is
loaded (category ``learned``). In the outlet's voice a word-list hit counts only when
the model agrees (scores at least :data:`LEXICON_FLOOR` times the threshold): most
"controversial" and "scandal" are plain news words in context. In someone else's
words every word-list hit is listed, in the ``quoted`` voice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..data import data_lines, data_table
from ..models import Article, LoadedTerm, Quote, Voice
from .ranges import Cover, cover
from .sources import source_index
from .word_model import WordModel, read_word_model

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "LoadedModel",
    "extract_loaded_language",
    "has_label",
    "load_model",
    "outlet_words",
    "quotations",
    "word_features",
]

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


# The parts of speech whose words the model scores: judgement sits in content words.
_SCORED_POS = frozenset({"ADJ", "ADV", "VERB", "NOUN"})
# In the outlet's voice a word of the list counts when the model gives it at least
# this share of its threshold. 0.5, the one share tried, in a side run on the held-out
# folds of benchmarks/framing_cv.py (BENCHMARKS.md, issue 15): the list gated so scored
# 0.246-0.281 against 0.249 for the list alone; it keeps the list's strong words
# ("slammed", "lashed out") and drops many plain news words it also holds.
LEXICON_FLOOR = 0.5


# A logistic model of one word being loaded (the shared word model record).
LoadedModel = WordModel


@lru_cache(maxsize=1)
def load_model() -> LoadedModel:
    """The shipped model, ``data/loaded_model.tsv``: a ``bias`` row, a ``threshold``
    row, then one ``feature <TAB> weight`` row per feature."""
    return read_word_model("loaded_model.tsv")


@lru_cache(maxsize=1)
def _lexicon_words() -> dict[str, str]:
    return {w.lower(): c for w, c in data_table("loaded_words.tsv") if " " not in w}


def _neighbour(token: Token, step: int) -> Token | None:
    i = token.i + step
    doc = token.doc
    while 0 <= i < len(doc) and (doc[i].is_punct or doc[i].is_space):
        i += step
    return doc[i] if 0 <= i < len(doc) and doc[i].sent.start == token.sent.start else None


def word_features(token: Token, *, scare_quoted: bool = False) -> tuple[str, ...] | None:
    """The features the model reads for ``token``, or None when it scores no such
    word (punctuation, names, function words).

    Args:
        token: a spaCy token.
        scare_quoted: the word sits inside a short quotation that is no one's words.
    """
    if not token.is_alpha or token.pos_ not in _SCORED_POS or token.is_stop:
        return None
    lower, lemma, pos = token.lower_, token.lemma_.lower(), token.pos_
    found = [f"w:{lower}", f"l:{lemma}", f"p:{pos}", f"lp:{lemma}/{pos}", f"s:{lower[-3:]}"]
    found.append(f"d:{token.dep_}")
    found.append(f"h:{token.head.lemma_.lower()}")
    for step, name in ((-1, "prev"), (1, "next")):
        other = _neighbour(token, step)
        found.append(f"{name}:{other.lemma_.lower() if other is not None else '<edge>'}")
        found.append(f"{name}p:{other.pos_ if other is not None else '<edge>'}")
    category = _lexicon_words().get(lower) or _lexicon_words().get(lemma)
    if category:
        found.append(f"lex:{category}")
    if token.ent_type_:
        found.append("ent")
    if token.is_title and token.i != token.sent.start:
        found.append("cap")
    if scare_quoted:
        found.append("scare")
    return tuple(found)


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
    model: LoadedModel | None = None,
) -> tuple[LoadedTerm, ...]:
    """The loaded words, phrases and scare quotes of ``article``, in reading order.

    Args:
        article: the cleaned article.
        doc: spaCy's doc of ``article.body`` (parts of speech, neighbours).
        quotes: the article's quotes; words inside direct ones are in the ``quoted``
            voice.
        lexicon: word or phrase -> category, in place of ``data/loaded_words.tsv``
            (to measure another word list).
        model: the word model, in place of the shipped one (``benchmarks/framing_cv.py``
            passes one fitted without the held-out articles).

    Returns:
        :class:`LoadedTerm` records with offsets into the document text.
    """
    body = article.body
    model = load_model() if model is None else model
    in_quote, scare = _voices(article, doc, quotes)
    scores = {
        start: model.probability(features)
        for start, _, features in _outlet_words(doc, in_quote, scare)
    }
    pattern, categories = _lexicon() if lexicon is None else _compile(lexicon)
    found: list[LoadedTerm] = []
    covered: set[int] = set()
    for m in pattern.finditer(body):
        category = categories.get(" ".join(m.group(0).lower().split()), "loaded")
        gate = _POS_GATES.get(category)
        if gate and " " not in m.group(0):
            span = doc.char_span(m.start(), m.end())
            if span is None or span.root.pos_ not in gate:
                continue
        term = _term(article, m.start(), m.end(), category, in_quote)
        if term.voice == "outlet":
            inner = [p for i, p in scores.items() if m.start() <= i < m.end()]
            if max(inner, default=0.0) < LEXICON_FLOOR * model.threshold:
                continue
        covered.update(range(m.start(), m.end()))
        found.append(term)
    for token in doc:
        if token.idx in covered or scores.get(token.idx, 0.0) < model.threshold:
            continue
        where = article.span(token.idx, token.idx + len(token))
        found.append(LoadedTerm(where.start, where.end, where.text, "learned", "outlet"))
    for start, end in scare:
        where = article.span(start, end)
        found.append(LoadedTerm(where.start, where.end, where.text, "scare-quote", "outlet", True))
    return tuple(sorted(found, key=lambda t: (t.start, t.end)))


def _voices(
    article: Article, doc: Doc, quotes: Sequence[Quote]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Body ranges in someone else's words, and the scare quotes (the outlet's)."""
    body = article.body
    index = source_index(article, doc, quotes)
    quoted = [(s, e) for s, e, q in index.quotes if q.kind == "direct"]
    marks = quotations(body)
    long_marks = [(s, e) for s, e, n in marks if n >= MIN_QUOTATION_WORDS]
    attributed = [
        (s, e) for s, e, n in marks if n < MIN_QUOTATION_WORDS and _is_attributed(doc, s, e)
    ]
    others = cover([*quoted, *attributed])
    scare = [
        (s, e)
        for s, e, n in marks
        if n < MIN_QUOTATION_WORDS and not _inside(s, e, others) and not _is_title(body[s:e])
    ]
    return [*quoted, *long_marks, *attributed], scare


def _outlet_words(
    doc: Doc, in_quote: Sequence[tuple[int, int]], scare: Sequence[tuple[int, int]]
) -> list[tuple[int, int, tuple[str, ...]]]:
    found = []
    # Covers, not lists: one lookup per word of the article (linear, not quadratic).
    quoted, scared = cover(in_quote), cover(scare)
    for token in doc:
        end = token.idx + len(token)
        if _inside(token.idx, end, quoted):
            continue
        features = word_features(token, scare_quoted=_inside(token.idx, end, scared))
        if features is not None:
            found.append((token.idx, end, features))
    return found


def outlet_words(
    article: Article, doc: Doc, *, quotes: Sequence[Quote] = ()
) -> list[tuple[int, int, tuple[str, ...]]]:
    """``(body start, body end, features)`` of every word of ``article`` in its own
    voice that the model scores: what it is fitted on and what it reads."""
    return _outlet_words(doc, *_voices(article, doc, quotes))


def _is_title(text: str) -> bool:
    """Whether quoted words are a title or a name ("Face the Nation", "The
    Apprentice", "Homeland"): every word capitalised but the short joining ones. A
    title in quotation marks is the usual way to write it, not a term held at arm's
    length."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return bool(words) and all(
        w[0].isupper() or (i and w.lower() in _TITLE_JOINERS) for i, w in enumerate(words)
    )


def _inside(start: int, end: int, ranges: Sequence[tuple[int, int]] | Cover) -> bool:
    if isinstance(ranges, Cover):
        return ranges.contains(start, end)
    return any(s <= start and end <= e for s, e in ranges)


def _term(
    article: Article, start: int, end: int, category: str, in_quote: Sequence[tuple[int, int]]
) -> LoadedTerm:
    voice: Voice = "quoted" if _inside(start, end, in_quote) else "outlet"
    span = article.span(start, end)
    return LoadedTerm(span.start, span.end, span.text, category, voice)
