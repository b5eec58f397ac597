"""Quantities: the numbers of one article, what they count and who gives them.

:func:`extract_quantities` reads spaCy's CARDINAL, MONEY, PERCENT and QUANTITY
entities and the vague amounts of ``data/vague_amounts.tsv`` ("tens of thousands").
What a number counts is the noun it modifies, with its modifiers ("980,000 military
personnel"); who gives it comes from :func:`newsprism.pipeline.sources.find_source`.
Approximators ("around", "at least") turn a value into a range.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..data import data_table
from ..models import Article, Quantity, QuantityKind, Quote
from .sources import SourceIndex, find_source, source_index

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["extract_quantities", "parse_number"]

_LABELS = {"CARDINAL": "count", "MONEY": "money", "PERCENT": "percent", "QUANTITY": "measure"}
_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozen": 12,
    "a": 1,
}
_CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH"}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "rouble": "RUB",
    "ruble": "RUB",
    "hryvnia": "UAH",
    "yen": "JPY",
    "yuan": "CNY",
}
# Approximators and the range they make around a value v: (low factor, high factor);
# None leaves that side open. The 10% around "around" is a convention, not a measure.
_APPROXIMATORS: dict[str, tuple[float | None, float | None]] = {
    "around": (0.9, 1.1),
    "about": (0.9, 1.1),
    "roughly": (0.9, 1.1),
    "approximately": (0.9, 1.1),
    "some": (0.9, 1.1),
    "nearly": (0.9, 1.0),
    "almost": (0.9, 1.0),
    "at least": (1.0, None),
    "more than": (1.0, None),
    "over": (1.0, None),
    "upwards of": (1.0, None),
    "up to": (None, 1.0),
    "fewer than": (None, 1.0),
    "less than": (None, 1.0),
    "under": (None, 1.0),
}
_NOUN_MODS = {"amod", "compound", "nmod"}


@lru_cache(maxsize=1)
def _vague() -> tuple[tuple[re.Pattern[str], float, float], ...]:
    rows = []
    for phrase, low, high in data_table("vague_amounts.tsv"):
        pattern = re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE)
        rows.append((pattern, float(low), float(high)))
    # Longest first, so "hundreds of thousands" wins over "thousands".
    return tuple(sorted(rows, key=lambda r: -len(r[0].pattern)))


def parse_number(text: str) -> float | None:
    """The value of a number as written: ``"1.5 million"`` -> 1500000.0.

    Returns ``None`` when ``text`` holds no number.

    Example:
        >>> parse_number("100,000"), parse_number("$2.3bn"), parse_number("two dozen")
        (100000.0, 2300000000.0, 24.0)
    """
    value: float | None = None
    for word in re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+", text.lower()):
        if word[0].isdigit():
            number = float(word.replace(",", ""))
            value = number if value is None else value * number
        elif word in _SCALES and value is not None:
            value *= _SCALES[word]
        elif word in _WORDS:
            number = float(_WORDS[word])
            value = number if value is None else value * number
    return value


def extract_quantities(
    article: Article, doc: Doc, *, quotes: Sequence[Quote] = ()
) -> tuple[Quantity, ...]:
    """The quantities of ``article``, in reading order.

    Args:
        article: the cleaned article.
        doc: spaCy's doc of ``article.body``.
        quotes: the article's quotes, to tell who gives a figure.

    Returns:
        One :class:`Quantity` per number, money amount, percentage or vague amount,
        with offsets into the document text.
    """
    index = source_index(article, doc, quotes)
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    body = doc.text  # Doc.text joins every token: once, not per pattern
    for pattern, v_low, v_high in _vague():
        for m in pattern.finditer(body):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(_quantity(article, span, index, "count", None, v_low, v_high, True))
    for ent in doc.ents:
        kind = _LABELS.get(ent.label_)
        if kind is None or any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        value = parse_number(ent.text)
        if value is None or _is_year(ent) or ent.text.lower() in {"one", "a", "an"}:
            continue
        low, high = _range(ent, value)
        vague = low != value or high != value
        found.append(_quantity(article, ent, index, kind, value, low, high, vague))  # type: ignore[arg-type]
    return tuple(sorted(found, key=lambda q: q.start))


def _quantity(
    article: Article,
    span: Span,
    index: SourceIndex,
    kind: QuantityKind,
    value: float | None,
    low: float | None,
    high: float | None,
    is_vague: bool,
) -> Quantity:
    start, end = span.start_char, span.end_char
    text = span.text
    # spaCy keeps approximators inside the entity; the figure's span keeps them too.
    head = _counted(span)
    unit = _unit(span, kind, head)
    source = find_source(span.root, index)
    counts = _noun_phrase(head) if head is not None else None
    scope, holder = _scope_and_holder(span, head)
    doc_span = article.span(start, end)
    return Quantity(
        start=doc_span.start,
        end=doc_span.end,
        text=doc_span.text,
        kind=kind,
        value=value,
        low=low,
        high=high,
        unit=unit,
        counts=counts,
        asserter=source.name if source else "outlet",
        asserter_span=source.span if source else None,
        asserter_entity=source.entity if source else None,
        is_vague=is_vague or text.lower() != text.lower().strip(),
        scope=scope,
        holder=holder,
    )


def _range(ent: Span, value: float) -> tuple[float | None, float | None]:
    before = ent.doc[max(ent.start - 2, 0) : ent.start].text.lower()
    inside = ent.text.lower()
    for phrase, (low, high) in _APPROXIMATORS.items():
        if inside.startswith(phrase + " ") or before.endswith(phrase):
            return (
                _round(value * low) if low is not None else None,
                _round(value * high) if high is not None else None,
            )
    return value, value


def _round(value: float) -> float:
    return float(f"{value:.6g}")


def _is_year(ent: Span) -> bool:
    text = ent.text.strip()
    return bool(re.fullmatch(r"(19|20)\d\d", text)) or (ent.label_ == "CARDINAL" and "%" in text)


def _counted(span: Span) -> Token | None:
    """The noun a number counts: the head it modifies, or the noun after "of"."""
    doc = span.doc
    root = span.root
    head = root
    while head.dep_ in {"nummod", "quantmod", "compound"} and head.head is not head:
        head = head.head
        if head.i >= span.end or head.i < span.start:
            break
    if head.pos_ in {"NOUN", "PROPN"} and not (span.start <= head.i < span.end):
        return head
    after = span.end
    if after + 1 < len(doc) and doc[after].lower_ == "of" and doc[after + 1].pos_ != "DET":
        nxt = doc[after + 1]
        while nxt.i + 1 < len(doc) and nxt.dep_ in _NOUN_MODS and nxt.head.i > nxt.i:
            nxt = nxt.head
        if nxt.pos_ in {"NOUN", "PROPN"}:
            return nxt
    if after < len(doc) and doc[after].pos_ == "NOUN" and doc[after].head.i != root.i:
        return doc[after]
    return None


# Dependencies by which a counted noun is what a verb or adjective is about: its
# subject ("12 people were killed"), object ("killing 12 people") or complement.
_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd", "dative", "npadvmod"}


def _scope_and_holder(span: Span, head: Token | None) -> tuple[str | None, str | None]:
    """What a figure is a figure of, read from the parse: the lemma of the verb or
    adjective its phrase is an argument of ("kill" for "killing 12 people", "injure"
    for "35 people were injured"), and the proper name whose figure it is: the
    subject of that verb ("Smith had 45 percent") or the name a preposition ties it to
    ("Jones at 38 percent"). Either is None when the parse does not say."""
    node = head if head is not None and not (span.start <= head.i < span.end) else span.root
    while node.dep_ in _NOUN_MODS and node.head is not node:
        node = node.head
    governor: Token | None = None
    holder: Token | None = None
    if node.dep_ in _ARGUMENTS and node.head.pos_ in {"VERB", "AUX", "ADJ"}:
        governor = node.head
    elif node.dep_ == "pobj" and node.head.head is not node.head:
        prep = node.head
        attached = prep.head
        before = prep.doc[prep.i - 1] if prep.i > 0 else None
        if attached.pos_ == "PROPN":
            holder = attached
        elif before is not None and before.pos_ == "PROPN":
            # "found Jones at 38 percent": the parser hangs "at" on the verb, but the
            # figure is the name's just before it.
            holder = before
        if attached.pos_ in {"VERB", "AUX"}:
            governor = attached
    if governor is not None and holder is None and node.dep_ not in {"nsubj", "nsubjpass"}:
        holder = next((c for c in governor.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if holder is not None and holder.pos_ != "PROPN":
            holder = None
    scope = governor.lemma_.lower() if governor is not None else None
    return scope, holder.text if holder is not None else None


def _noun_phrase(head: Token) -> str:
    mods = [c for c in head.lefts if c.dep_ in _NOUN_MODS and c.pos_ != "NUM"]
    words = [*(m.text for m in mods), head.text]
    return " ".join(words)


def _unit(span: Span, kind: str, head: Token | None) -> str | None:
    if kind == "percent":
        return "%"
    if kind == "money":
        for symbol, code in _CURRENCIES.items():
            if symbol in span.text:
                return code
        for token in [*span, *([head] if head is not None else [])]:
            word = _CURRENCY_WORDS.get(token.lemma_.lower())
            if word:
                return word
        return None
    return head.lemma_.lower() if head is not None else None
