"""The learned attribution cue: which words report speech or belief beyond the word lists.

The word lists (``data/speech_verbs.txt``, ``data/attribution_frames.tsv``) reach the
common cues ("said", "according to", "wants to"). News attributes with a long tail of
words no list holds ("reserved his most eloquent passion for", "mocked", "figures
that"): on PolNeAR train the 19,832 gold cues are 7,460 different strings. A logistic
model over a word's parse -- its lemma, part of speech, dependency, what hangs on it
(a "that" clause, an infinitive, a subject that names someone) and what it hangs on --
gives the probability that the word is the cue of an attribution. It is fitted on
PolNeAR train by ``benchmarks/quotes_cues.py`` (``data/attribution_cue_model.tsv``);
the source and the content of a learned cue come from the parse around it, as for the
listed cues (:mod:`.cues`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..word_model import WordModel, read_word_model
from .layout import _Layout
from .lexicon import attribution_frames, pronouns, source_nouns, speech_verbs

if TYPE_CHECKING:
    from spacy.tokens import Token

# Parts of speech a cue can be: "said", "claim", "likely (to)", "according (to)".
CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX", "ADP"})
_NAMED_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
_CLAUSE_MARKS = {"that", "whether", "if"}
_SPACE = re.compile(r"\s")


# A logistic model of one word being an attribution cue (the shared word model record).
CueModel = WordModel


@lru_cache(maxsize=1)
def load_cue_model() -> CueModel:
    """The shipped model, ``data/attribution_cue_model.tsv``: a ``__bias__`` row, a
    ``__threshold__`` row, then one ``feature <TAB> weight`` row per feature."""
    return read_word_model("attribution_cue_model.tsv")


def is_candidate(layout: _Layout, token: Token) -> bool:
    """Whether ``token`` may be a cue: a verb, noun, adjective or preposition of the
    outlet's own text (not inside quotation marks)."""
    return token.pos_ in CANDIDATE_POS and not layout.is_quoted(token.idx)


def _kind(token: Token | None) -> str:
    """What a subject or object is, coarsely: a name's label, a pronoun, a source noun."""
    if token is None:
        return "none"
    if token.ent_type_:
        return token.ent_type_ if token.ent_type_ in _NAMED_LABELS else "other"
    if token.lower_ in pronouns():
        return "pron"
    if token.pos_ == "PROPN":
        return "propn"
    if token.lemma_.lower() in source_nouns():
        return "source"
    return token.pos_.lower()


def cue_features(layout: _Layout, token: Token) -> tuple[str, ...]:
    """The features of ``token`` as a possible cue: its words, its parse and its frame.

    Args:
        layout: the article's layout (quotation marks, paragraphs).
        token: a candidate word (:func:`is_candidate`).

    Returns:
        Feature names for :class:`CueModel`.
    """
    lemma = token.lemma_.lower()
    verbs, phrasal = speech_verbs()
    frames = attribution_frames()
    head = token.head
    feats = [
        f"l:{lemma}",
        f"p:{token.pos_}",
        f"t:{token.tag_}",
        f"d:{token.dep_}",
        f"ld:{lemma}|{token.dep_}",
        f"h:{head.lemma_.lower()}" if head.i != token.i else "h:ROOT",
        f"hp:{head.pos_}|{token.dep_}",
    ]
    if lemma in verbs:
        feats.append("lex:speech")
    if lemma in phrasal:
        feats.append("lex:phrasal")
    for frame in frames.get(lemma, ()):
        feats.append(f"lex:{frame}")
    subject = None
    for child in token.children:
        dep = child.dep_
        feats.append(f"c:{dep}")
        feats.append(f"lc:{lemma}|{dep}")
        if dep in ("nsubj", "nsubjpass") and subject is None:
            subject = child
        elif dep in ("ccomp", "acl", "advcl") and any(
            m.dep_ == "mark" and m.lower_ in _CLAUSE_MARKS for m in child.children
        ):
            feats.append("that")
            feats.append(f"lthat:{lemma}")
        elif dep == "xcomp" or (
            dep in ("acl", "advcl")
            and any(a.lower_ == "to" for a in child.children if a.dep_ == "aux")
        ):
            feats.append("to")
            feats.append(f"lto:{lemma}")
        elif dep in ("prep", "agent"):
            feats.append(f"prep:{child.lower_}")
            feats.append(f"lprep:{lemma}|{child.lower_}")
        elif dep == "poss":
            feats.append(f"poss:{_kind(child)}")
        elif dep == "neg":
            feats.append("neg")
    kind = _kind(subject)
    feats.append(f"s:{kind}")
    feats.append(f"ls:{lemma}|{kind}")
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    feats.append(f"w-1:{before.lower_ if before is not None else '<s>'}")
    feats.append(f"w+1:{after.lower_ if after is not None else '</s>'}")
    near = doc[max(token.i - 3, 0) : token.i + 4]
    if any(t.is_quote and t.i < token.i for t in near):
        feats.append("quote<")
    if any(t.is_quote and t.i > token.i for t in near):
        feats.append("quote>")
    sent = token.sent
    if layout.has_quotation(sent.start_char, sent.end_char):
        feats.append("sent:quoted")
    # a word of whitespace (a line break the parser kept as a token) as one sign
    return tuple(_SPACE.sub("_", f) for f in feats)
