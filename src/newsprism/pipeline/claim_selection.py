"""Which sentences of an article are claims: the tests :mod:`newsprism.pipeline.claims`
applies beyond "a sentence that states something".

:func:`is_quote_line`: a quote's own lines are quotes, which the briefing lists as
such, not facts. :func:`is_commentary`: the outlet interpreting rather than reporting
("This divergence highlights a growing split"), with the interpretive verbs of
``data/commentary_verbs.txt``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..data import data_lines
from .loaded import has_label
from .ranges import Cover, cover

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = [
    "MIN_QUOTED_WORDS",
    "MOSTLY_QUOTED",
    "is_commentary",
    "is_question",
    "is_quote_line",
    "is_quoted_statement",
    "same_sentence",
]

# A sentence with at least this share of its words inside quotation marks is a quote.
# Half, not tuned: a sentence that reports ("X dismissed the notion, stating that
# "..."") has most of its words outside the marks in the seeds; a quote's own line
# has none.
MOSTLY_QUOTED = 0.5
# A quoted sentence states something when it holds at least this many words: "That
# means war with NATO." (5) does, "Who are you!" (3) is an exclamation. The claim
# stage's own floor for any sentence, not tuned.
MIN_QUOTED_WORDS = 5
# Quoted words in the first or second person are the speaker addressing someone.
_PERSONAL = {"i", "me", "my", "we", "us", "our", "you", "your"}
_DEMONSTRATIVES = {"this", "that", "it", "these", "those"}
_THIRD_PERSON = {"he", "she", "they"}
_LINKING_VERBS = {"be", "remain", "seem", "appear", "look", "become", "stay"}
_COMPLEMENTS = {"xcomp", "ccomp", "prep"}


@lru_cache(maxsize=1)
def _commentary_verbs() -> frozenset[str]:
    return frozenset(v.strip().lower() for v in data_lines("commentary_verbs.txt"))


def is_quote_line(
    sent: SpacySpan, marks: Sequence[tuple[int, int]] | Cover, speech_verbs: Collection[str]
) -> bool:
    """Whether ``sent`` goes on with a quotation opened in an earlier sentence, or is
    mostly a direct quotation (``marks``: body offsets of the words inside quotation
    marks) that is not a reported statement: no speech verb (of ``speech_verbs``,
    lemmas) outside the marks; quoted words in the first or second person, or opening
    with a pronoun (the rest of an earlier statement: "They are not hiding what they
    need it for," Lavrov said); or a pejorative label among them ("The ruling European
    dimwits want a war")."""
    words = [t for t in sent if t.is_alpha]
    if not words:
        return False
    held = marks if isinstance(marks, Cover) else cover(marks)
    inside = [t for t in words if held.holds(t.idx)]
    if held.opened_before(sent.start_char, words[0].idx):
        return True  # it goes on with a quotation opened in an earlier sentence
    if len(inside) < MOSTLY_QUOTED * len(words):
        return False
    attributed = any(
        t.pos_ == "VERB" and t.lemma_.lower() in speech_verbs for t in words if t not in inside
    )
    return (
        not attributed
        or any(t.lower_ in _PERSONAL for t in inside)
        or inside[0].lower_ in _DEMONSTRATIVES | _THIRD_PERSON
        or has_label(" ".join(t.text for t in inside))
    )


def is_quoted_statement(sent: SpacySpan, marks: Cover, *, has_speaker: bool) -> bool:
    """Whether ``sent``, a quote's own line (:func:`is_quote_line`), states what its
    speaker said: the quote has a known speaker (``has_speaker``), the sentence is no
    question, its quoted words number at least :data:`MIN_QUOTED_WORDS`, and they carry
    no pejorative label ("Talk to Trump first, scumbags.": rhetoric, listed with the
    quotes, not a fact). "We see no room for compromise." and "That means war with
    NATO." are statements of the speaker's position; the claim's asserter is the
    speaker."""
    if not has_speaker or is_question(sent.text):
        return False
    words = [t for t in sent if t.is_alpha]
    quoted = [t for t in words if marks.holds(t.idx)] or words
    return len(quoted) >= MIN_QUOTED_WORDS and not has_label(" ".join(t.text for t in quoted))


def is_question(text: str) -> bool:
    """Whether ``text`` asks rather than states: it ends with a question mark, inside
    closing quotation marks or not ("Do you fully support the Obama agenda?”")."""
    return text.rstrip().rstrip("”\"’')").rstrip().endswith("?")


def same_sentence(a: str, b: str) -> bool:
    """Whether two sentences are the same words (case, punctuation and quotation marks
    aside): a pull-quote set again in the body, a headline repeated as the lead."""
    return _normal(a) == _normal(b)


def _normal(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def is_commentary(sent: SpacySpan, verb: Token, *, outlet_voice: bool) -> bool:
    """Whether ``sent``, whose main verb is ``verb``, is the outlet interpreting rather
    than reporting (``outlet_voice``: no source asserts it): a thing (no name, no
    person) as subject of a commentary verb, or of a linking verb with an adjective
    when no number is given."""
    if not outlet_voice:
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i < sent.start or subject.ent_type_:
        return False
    if not (subject.pos_ == "NOUN" or subject.lower_ in _DEMONSTRATIVES):
        return False
    if verb.lemma_.lower() in _commentary_verbs():
        return True
    # "remains high", "is dire": a bare adjective of a linking verb. One with a
    # complement states something checkable ("have been able to do so", "is
    # responsible for the attack").
    adjective = next((c for c in verb.children if c.dep_ == "acomp"), None)
    return (
        adjective is not None
        and adjective.pos_ == "ADJ"
        and not any(c.dep_ in _COMPLEMENTS for c in adjective.children)
        and verb.lemma_.lower() in _LINKING_VERBS
        and not any(t.like_num for t in sent)
    )
