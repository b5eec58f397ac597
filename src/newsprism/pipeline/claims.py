"""Claims: the factual statements of one article and who asserts them.

:func:`extract_claims` makes one claim per sentence that states something (headings,
questions and fragments are left out). Its asserted content is the clause under a
speech verb when the sentence reports speech ("Russia will not tolerate ..., a Kremlin
official said"), else the sentence's main clause; ``predicate`` is that clause's verb
(or the adjective of a copula: "would be unacceptable"), ``agent`` its subject.
``asserter`` is the outlet, or the source found by
:func:`newsprism.pipeline.sources.find_source`. Hedges come from ``data/hedges.txt``.

:func:`link_claims` fills in the entity ids once entities are resolved across a run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..data import data_lines, data_table
from ..models import Analysis, Article, Claim, Mention, Quantity, Quote, Span
from .sources import SourceIndex, find_source, name_of, source_index

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["extract_claims", "link_claims", "term_class"]

_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}
_MIN_WORDS = 5
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A negated verb of acceptance states opposition: "will not tolerate" = "reject".
_NEGATED_OPPOSE = {"accept", "tolerate", "allow", "permit", "support", "consider", "want"}
_COPULA_COMPLEMENTS = {"acomp", "attr", "oprd"}


@lru_cache(maxsize=1)
def _hedges() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"\b{re.escape(h.lower())}\b") for h in data_lines("hedges.txt"))


@lru_cache(maxsize=1)
def _classes() -> dict[str, str]:
    return {lemma.lower(): cls for lemma, cls in data_table("term_classes.tsv")}


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    return frozenset(v.strip().lower() for v in data_lines("speech_verbs.txt"))


def term_class(lemma: str) -> str:
    """The paraphrase class of a lemma (``"condemn"`` -> ``"oppose"``), or the lemma."""
    return _classes().get(lemma.lower(), lemma.lower())


def extract_claims(
    article: Article,
    doc: Doc,
    *,
    quotes: Sequence[Quote] = (),
    quantities: Sequence[Quantity] = (),
) -> tuple[Claim, ...]:
    """The claims of ``article``, one per stating sentence, in reading order.

    Args:
        article: the cleaned article.
        doc: spaCy's doc of ``article.body``.
        quotes: the article's quotes, which name the asserter of reported speech.
        quantities: the article's quantities, whose values each claim keeps.

    Returns:
        The claims, with offsets into the document text.
    """
    index = source_index(article, doc, quotes)
    claims = []
    for sent in _sentences(doc):
        if not _is_statement(sent):
            continue
        claims.append(_claim(article, sent, index, quantities))
    return tuple(claims)


def _sentences(doc: Doc) -> Iterator[SpacySpan]:
    """spaCy's sentences, split again at blank lines: a heading the parser ran into
    the next paragraph is a sentence of its own."""
    for sent in doc.sents:
        start = sent.start_char
        for m in _PARAGRAPH_BREAK.finditer(sent.text):
            piece = doc.char_span(start, sent.start_char + m.start(), alignment_mode="contract")
            if piece is not None and len(piece):
                yield piece
            start = sent.start_char + m.end()
        piece = doc.char_span(start, sent.end_char, alignment_mode="contract")
        if piece is not None and len(piece):
            yield piece


def _is_statement(sent: SpacySpan) -> bool:
    words = [t for t in sent if t.is_alpha]
    if len(words) < _MIN_WORDS or sent.text.rstrip().endswith("?"):
        return False
    if not any(t.pos_ in {"VERB", "AUX"} for t in sent):
        return False
    last = sent.text.rstrip().rstrip("”\"’'")
    titled = sum(1 for t in words if t.is_title) / len(words)
    # A heading: no closing punctuation and mostly capitalised words.
    return last.endswith((".", "!", ":", ";")) or titled < 0.5


def _content_head(sent: SpacySpan) -> Token:
    root = sent.root
    verbs = _speech_verbs()
    if root.lemma_.lower() in verbs:
        clause = [c for c in root.children if c.dep_ in {"ccomp", "xcomp"}]
        if clause:
            root = clause[0]
    if root.lemma_ == "be":
        complement = [c for c in root.children if c.dep_ in _COPULA_COMPLEMENTS]
        if complement:
            return complement[0]
    return root


def _predicate(head: Token) -> tuple[str, bool]:
    particle = next((c.lower_ for c in head.children if c.dep_ == "prt"), "")
    lemma = f"{head.lemma_.lower()} {particle}".strip()
    negated = any(c.dep_ == "neg" or c.lower_ == "never" for c in head.children)
    if head.dep_ in _COPULA_COMPLEMENTS:
        negated = negated or any(c.dep_ == "neg" for c in head.head.children)
    if negated and lemma in _NEGATED_OPPOSE:
        return "oppose", False
    return term_class(lemma), negated


def _agent(head: Token, index: SourceIndex) -> Span | None:
    verb = head.head if head.dep_ in _COPULA_COMPLEMENTS else head
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                source = name_of(objects[0], index)
                return source.span if source else None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        # The parse of a sentence run together with a heading can lose the link from
        # the verb; the sentence's first subject is then the best guess.
        sent = head.sent
        subject = next((t for t in sent if t.dep_ == "nsubj" and t.i >= verb.i - 12), None)
    if subject is None or subject.i > verb.i:
        return None
    source = name_of(subject, index)
    return source.span if source else None


def _claim(
    article: Article, sent: SpacySpan, index: SourceIndex, quantities: Sequence[Quantity]
) -> Claim:
    span = article.span(sent.start_char, sent.end_char)
    head = _content_head(sent)
    predicate, negated = _predicate(head)
    source = find_source(head, index)
    lower = sent.text.lower()
    hedges = tuple(dict.fromkeys(m.group(0) for p in _hedges() for m in p.finditer(lower)))
    speech = _speech_verbs()
    terms = tuple(
        term_class(t.lemma_)
        for t in sent
        if t.pos_ in _CONTENT_POS
        and not t.is_stop
        and t.is_alpha
        and not (t.pos_ == "PROPN" and t.ent_type_)  # named entities are matched by id
        and not (t.pos_ == "VERB" and t.lemma_.lower() in speech and t is not head)
    )
    numbers = tuple(
        q.value
        for q in quantities
        if q.value is not None and span.start <= q.start and q.end <= span.end
    )
    return Claim(
        start=span.start,
        end=span.end,
        text=span.text,
        asserter=source.name if source else "outlet",
        asserter_entity=source.entity if source else None,
        asserter_span=source.span if source else None,
        hedges=hedges,
        predicate=predicate,
        is_negated=negated,
        agent=_agent(head, index),
        terms=terms,
        numbers=numbers,
    )


def _entity_at(
    span: Span | None, mentions: Sequence[Mention], speakers: dict[tuple[int, int], str]
) -> str | None:
    if span is None:
        return None
    if (span.start, span.end) in speakers:
        return speakers[(span.start, span.end)]
    best, overlap = None, 0
    for m in mentions:
        shared = min(m.end, span.end) - max(m.start, span.start)
        if shared > overlap and m.entity:
            best, overlap = m.entity, shared
    return best


def link_claims(analysis: Analysis) -> Analysis:
    """``analysis`` with its claims' and quantities' entity ids filled in from its
    resolved mentions (matched by offsets)."""
    mentions = analysis.mentions
    # A source found through a quote is its speaker, resolved with the quotes.
    speakers = {
        (q.speaker.start, q.speaker.end): q.speaker.entity
        for q in analysis.quotes
        if q.speaker is not None and q.speaker.entity
    }
    claims = []
    for c in analysis.claims:
        inside = tuple(
            dict.fromkeys(
                m.entity for m in mentions if m.entity and c.start <= m.start and m.end <= c.end
            )
        )
        claims.append(
            replace(
                c,
                entities=inside,
                agent_entity=_entity_at(c.agent, mentions, speakers),
                asserter_entity=c.asserter_entity
                or _entity_at(c.asserter_span, mentions, speakers),
            )
        )
    quantities = [
        replace(q, source_entity=q.source_entity or _entity_at(q.source_span, mentions, speakers))
        for q in analysis.quantities
    ]
    return replace(analysis, claims=tuple(claims), quantities=tuple(quantities))
