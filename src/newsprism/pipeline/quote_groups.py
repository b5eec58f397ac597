"""Quotes across the articles of one story: the same quote carried by several outlets
recognised as one, and speakers one outlet names where another leaves them vague.

:func:`group_quotes` works in two passes over a story's quotes:

1. Speakers. A quote whose speaker has no entity ("the Kremlin spokesman", "a senior
   Russian official", or no speaker at all) takes the named speaker of the same quote
   in another article of the story; failing that, a speaker mention whose role word
   ("spokesman") and qualifiers ("Kremlin", "Russian" -> Russia) all occur in the
   descriptors outlets give one -- and only one -- person quoted in the story becomes
   that person.
2. Groups. Two quotes are the same when their words match closely (rapidfuzz
   ``token_set_ratio``, or ``partial_ratio`` for a long quote one outlet shortened) and
   their speakers do not disagree (the same entity, else a name word in common); or
   their speakers agree and they quote the same words in quotation marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ..models import Analysis, Entity, Quote, Speaker
from .entities import country_of, normalise_name

__all__ = ["QuoteGroup", "group_quotes"]

# Set against the seeds, whose quotes are all distinct although about one subject:
# distinct quote pairs there score up to 88 (token_set, with a much shorter quote,
# which _comparable rejects) and 90 (partial, on a 4-word quote); the same words
# re-punctuated, re-cased or cut short score 95-100.
_SAME_WORDS = 88.0
_SAME_PART = 92.0  # one outlet quotes a part of what another quotes whole
_MIN_PART_WORDS = 6  # shorter quotes match too many longer ones in part
_BORROWED_PENALTY = 0.1  # a speaker taken from another outlet's report
_WORD = re.compile(r"[^\W_][\w’'-]*")
_QUOTED = re.compile(r"[“\"«]([^”\"»]+)[”\"»]")
_MIN_FRAGMENT_WORDS = 2  # "very close": a one-word fragment ("unacceptable") is too common


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """The same reported words carried by one or more articles."""

    quote: Quote
    article_id: str
    outlet: str
    carried_by: tuple[tuple[str, str], ...]  # (article id, outlet) of every carrier


def group_quotes(
    analyses: Sequence[Analysis], *, entities: Iterable[Entity] = ()
) -> tuple[QuoteGroup, ...]:
    """Quotes of a story in reading order (article by article), the same quote carried
    by several articles grouped as one with every carrier listed.

    Args:
        analyses: the articles of one story.
        entities: the run's canonical entities; their per-outlet descriptors name the
            person behind a vague speaker ("the Kremlin spokesman").

    Returns:
        One group per distinct quote; a group's quote is its first carrier's, with the
        speaker resolved as well as the story allows.
    """
    items = [(a, q) for a in analyses for q in a.quotes]
    items = _resolve_speakers(items, tuple(entities))
    groups: list[QuoteGroup] = []
    for analysis, quote in items:
        article = analysis.article
        carrier = (article.id, article.outlet_name)
        same = next((i for i, g in enumerate(groups) if _is_same(g.quote, quote)), None)
        if same is None:
            groups.append(QuoteGroup(quote, article.id, article.outlet_name, (carrier,)))
            continue
        g = groups[same]
        if carrier not in g.carried_by:
            quote_ = g.quote
            if _speaker_entity(quote_) is None and _speaker_entity(quote) is not None:
                quote_ = replace(quote_, speaker=quote.speaker)
            groups[same] = QuoteGroup(quote_, g.article_id, g.outlet, (*g.carried_by, carrier))
    return tuple(groups)


def _speaker_entity(quote: Quote) -> str | None:
    return quote.speaker.entity if quote.speaker is not None else None


def _words(quote: Quote) -> str:
    """The quoted words without the attribution that interrupts them."""
    text = " ".join(p.text for p in quote.pieces) if quote.pieces else quote.text
    return " ".join(_WORD.findall(text.lower()))


def _is_same(a: Quote, b: Quote) -> bool:
    """Whether two quotes report the same words of the same speaker: their speakers do
    not disagree (entity, else name) and their words match closely; or both speakers
    are known to be one and the words in quotation marks are the same ("very close"
    quoted in three outlets' own sentences)."""
    agree = _speakers_agree(a, b)
    if agree is False:
        return False
    from rapidfuzz import fuzz

    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    if wa == wb or (fuzz.token_set_ratio(wa, wb) >= _SAME_WORDS and _comparable(wa, wb)):
        return True
    shorter = min(wa, wb, key=len)
    if len(shorter.split()) >= _MIN_PART_WORDS and fuzz.partial_ratio(wa, wb) >= _SAME_PART:
        return True
    return agree is True and bool(_fragments(a) & _fragments(b))


def _speakers_agree(a: Quote, b: Quote) -> bool | None:
    """``True`` when both speakers are known to be one (same entity, or a name word in
    common), ``False`` when they are known to differ ("Romney" and "McCain"), ``None``
    when either is unknown."""
    sa, sb = a.speaker, b.speaker
    if sa is None or sb is None:
        return None
    if sa.entity and sb.entity:
        return sa.entity == sb.entity
    na, nb = _name_words(sa), _name_words(sb)
    if not na or not nb:
        return None
    return bool(na & nb)


def _name_words(speaker: Speaker) -> set[str]:
    """The words of a speaker's name ("Mitt Romney" -> mitt, romney); none for a speaker
    known only by a description or a pronoun."""
    if not speaker.name:
        return set()
    return {w.lower() for w in _WORD.findall(normalise_name(speaker.name)) if w[:1].isupper()}


def _fragments(quote: Quote) -> set[str]:
    """What a quote gives word for word: the whole of a direct quote, the quoted
    stretches of a mixed one (of two or more words each)."""
    if quote.kind == "direct":
        parts = [_words(quote)]
    elif quote.kind == "mixed":
        parts = [" ".join(_WORD.findall(m.lower())) for m in _QUOTED.findall(quote.text)]
    else:
        return set()
    return {p for p in parts if len(p.split()) >= _MIN_FRAGMENT_WORDS}


def _comparable(a: str, b: str) -> bool:
    """token_set_ratio is 100 when one word set holds the other: require the shorter
    quote to be a real part (half) of the longer one."""
    na, nb = len(a.split()), len(b.split())
    return min(na, nb) * 2 >= max(na, nb)


# -- speakers across the story ------------------------------------------------------------


def _resolve_speakers(
    items: list[tuple[Analysis, Quote]], entities: tuple[Entity, ...]
) -> list[tuple[Analysis, Quote]]:
    named = [(a, q) for a, q in items if _speaker_entity(q) is not None]
    quoted = {q.speaker.entity for _, q in named if q.speaker is not None}
    people = [e for e in entities if e.id in quoted and e.label == "PERSON"]
    out = []
    for analysis, quote in items:
        if _speaker_entity(quote) is None:
            quote = _from_same_quote(analysis, quote, named) or _from_descriptors(quote, people)
        out.append((analysis, quote))
    return out


def _from_same_quote(
    analysis: Analysis, quote: Quote, named: list[tuple[Analysis, Quote]]
) -> Quote | None:
    for other_analysis, other in named:
        if other_analysis.article.id != analysis.article.id and _is_same(quote, other):
            return _borrow(quote, other.speaker)
    return None


def _from_descriptors(quote: Quote, people: list[Entity]) -> Quote:
    if quote.speaker is None:
        return quote
    words = _WORD.findall(quote.speaker.description or quote.speaker.text)
    if not words or words[-1][:1].isupper():  # a name, not a description
        return quote
    role = words[-1].lower()
    qualifiers = {_canonical(w) for w in words[:-1] if w[:1].isupper()}
    matches = [
        person
        for person in people
        if any(_describes(desc, role, qualifiers) for _, desc in person.outlet_descriptors)
    ]
    if len(matches) != 1:
        return quote
    person = matches[0]
    speaker = replace(quote.speaker, name=person.name, entity=person.id)
    return replace(quote, speaker=speaker, confidence=_lowered(quote.confidence))


def _describes(descriptor: str, role: str, qualifiers: set[str]) -> bool:
    words = _WORD.findall(descriptor)
    lowered = {w.lower() for w in words}
    return role in lowered and qualifiers <= {_canonical(w) for w in words}


def _canonical(word: str) -> str:
    """A qualifier's country or name: "Russian" and "Russia’s" -> "Russia"."""
    base = normalise_name(word)
    return country_of(base) or base


def _borrow(quote: Quote, speaker: Speaker | None) -> Quote | None:
    if speaker is None:
        return None
    if quote.speaker is None:
        return replace(quote, speaker=speaker, confidence=_lowered(quote.confidence))
    borrowed = replace(quote.speaker, name=speaker.name, entity=speaker.entity)
    return replace(quote, speaker=borrowed, confidence=_lowered(quote.confidence))


def _lowered(confidence: float) -> float:
    return round(max(confidence - _BORROWED_PENALTY, 0.0), 2)
