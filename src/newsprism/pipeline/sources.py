"""Sources: who asserts a statement or gives a figure, shared by the claim and
quantity stages.

For a token of the article, :func:`find_source` answers in this order: the speaker of
the quote it sits in; the "according to X" of its sentence; the subject of the nearest
speech or estimate verb above it in the parse ("the SVR estimated that ... 100,000
troops", "he proposed ... 200,000 troops"), a pronoun standing for the last person
named before it; otherwise the outlet itself (``None``).

:func:`actor_id` maps entity ids of seats of power to what they stand for ("the
Kremlin" -> Russia) with ``data/metonyms.tsv``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..data import data_lines, data_table
from ..models import Article, Quote, Span
from .annotate import entity_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "Source",
    "SourceIndex",
    "actor_id",
    "find_source",
    "name_of",
    "quote_at",
    "source_index",
]

_PRONOUNS = {"he", "she", "him", "her"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_CLAUSE_DEPS = {"advcl", "xcomp", "conj", "pcomp", "acl"}
_MAX_PRONOUN_GAP = 1500  # characters back a pronoun looks for the person it stands for


@dataclass(frozen=True, slots=True)
class Source:
    """Who gives a statement: a display name and, when found, the mention's span."""

    name: str
    span: Span | None = None
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class SourceIndex:
    """What :func:`find_source` needs from one article, computed once."""

    article: Article
    quotes: tuple[tuple[int, int, Quote], ...]  # body offsets of each quote
    person_starts: tuple[int, ...]
    persons: tuple[tuple[int, int], ...]  # body offsets of PERSON entities


@lru_cache(maxsize=1)
def _attribution_verbs() -> frozenset[str]:
    speech = {line.strip().lower() for line in data_lines("speech_verbs.txt")}
    return frozenset(speech | {v.strip().lower() for v in data_lines("attribution_verbs.txt")})


@lru_cache(maxsize=1)
def _metonyms() -> dict[str, str]:
    return {name.lower(): canonical for name, canonical in data_table("metonyms.tsv")}


def _slug(name: str) -> str:
    return re.sub(r"[^\w]+", "-", name.lower()).strip("-") or "x"


def actor_id(entity: str, names: Mapping[str, str] | None = None) -> str:
    """The actor an entity id stands for: ``org:kremlin`` -> ``place:russia``.

    Args:
        entity: an entity id such as ``place:moscow``.
        names: canonical name (lower case) -> entity id of the run's entities, used
            to find the id of the country or body; ``place:<slug>`` otherwise.
    """
    _, _, slug = entity.partition(":")
    canonical = _metonyms().get(slug.replace("-", " "))
    if canonical is None:
        return entity
    if names and canonical.lower() in names:
        return names[canonical.lower()]
    return f"place:{_slug(canonical)}"


def source_index(article: Article, doc: Doc, quotes: Sequence[Quote]) -> SourceIndex:
    """Precompute the quote and person positions of one article (body offsets)."""
    body_quotes = []
    for q in quotes:
        start, end = _body_range(article, q.start, q.end)
        body_quotes.append((start, end, q))
    persons = tuple((e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON")
    return SourceIndex(article, tuple(body_quotes), tuple(p[0] for p in persons), persons)


def _body_range(article: Article, start: int, end: int) -> tuple[int, int]:
    """Body offsets of a document-text span (inverse of :meth:`Article.span`)."""
    for seg in article.segments:
        if seg.text_start <= start <= seg.text_start + seg.length:
            b = seg.body_start + start - seg.text_start
            return b, b + (end - start)
    return start, end


def quote_at(index: SourceIndex, offset: int) -> Quote | None:
    """The quote whose words cover body ``offset``, if any."""
    for start, end, q in index.quotes:
        if start <= offset < end:
            return q
    return None


def find_source(token: Token, index: SourceIndex) -> Source | None:
    """Who gives what ``token`` says or counts, or ``None`` for the outlet's own voice."""
    quote = quote_at(index, token.idx)
    if quote is not None and quote.speaker is not None:
        sp = quote.speaker
        span = Span(sp.start, sp.end, sp.text)
        return Source(sp.name or sp.text, span, sp.entity)
    according = _according_to(token, index.article)
    if according is not None:
        return according
    verbs = _attribution_verbs()
    for verb in token.ancestors:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        lemma = verb.lemma_.lower()
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")
        if lemma not in verbs and f"{lemma} {particle}" not in verbs:
            continue
        subject = _subject(verb)
        if subject is not None:
            return name_of(subject, index)
    return None


def _subject(verb: Token) -> Token | None:
    while True:
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None or verb.dep_ not in _CLAUSE_DEPS or verb.head is verb:
            return subject
        verb = verb.head


def _according_to(token: Token, article: Article) -> Source | None:
    sent = token.sent
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            objects = [c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"]
            if objects:
                return _noun_phrase(objects[0], article)
    return None


def name_of(subject: Token, index: SourceIndex) -> Source | None:
    """Who a subject token names: a pronoun stands for the last person named before
    it; other pronouns name no one."""
    if subject.lower_ in _PRONOUNS:
        i = bisect.bisect_right(index.person_starts, subject.idx) - 1
        if i < 0 or subject.idx - index.persons[i][0] > _MAX_PRONOUN_GAP:
            return None
        start, end = index.persons[i]
        body = index.article.body
        return Source(body[start:end], index.article.span(start, end))
    if subject.pos_ == "PRON":
        return None
    return _noun_phrase(subject, index.article)


def _noun_phrase(head: Token, article: Article) -> Source:
    """The name of a subject: its entity when it is one, else the head with the words
    before it ("Russia's Foreign Intelligence Service")."""
    doc = head.doc
    ent = entity_of(head)
    if ent is not None:
        first, last = ent.start, ent.end - 1
        owner = [c for c in ent.root.lefts if c.dep_ == "poss" and c.i < first]
        if owner:
            first = owner[0].left_edge.i
    else:
        left = [t for t in head.subtree if t.i <= head.i]
        first, last = left[0].i, head.i
    while first <= last and doc[first].lower_ in {"the", "a", "an"}:
        first += 1
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    # Names are reported without the possessive the parse may leave attached.
    text = re.sub(r"[’']s$", "", article.body[start:end])
    return Source(text, article.span(start, start + len(text)))
