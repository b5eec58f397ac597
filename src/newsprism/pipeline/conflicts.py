"""Conflicts: where the outlets of one story contradict each other.

:func:`find_conflicts` lists each contested fact (``pipeline.facts`` decides those)
and each figure the outlets give differently. Two figures are compared only when they
measure the same thing: the same kind and unit, the same thing counted, the same
scope and the same holder (``Quantity.scope`` and ``Quantity.holder``, read from the
parse), so 12 killed and 40 wounded, or one candidate's 45 percent and another's 38,
are no conflict. Two figures disagree when their ranges do not overlap ("at least 12"
and "12" agree; "dozens" and 30 agree; 40 and 35 do not). A figure an outlet gives
twice differently is no conflict between outlets: the sides must come from two
outlets.

The contested facts of :mod:`.contested` (sentences of one fact that differ in a
figure, polarity, qualifier, person, place or date) are listed first.

Every view (terminal, Markdown, HTML, web, JSON) shows these records as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ..models import Analysis, Evidence, Fact, Quantity
from .figures import bounds, counted, measure, scope_class

__all__ = ["Conflict", "ConflictSide", "find_conflicts"]

ConflictKind = Literal["fact", "number"]


@dataclass(frozen=True, slots=True)
class ConflictSide:
    """One version of a contested fact or figure: its value and where it is given.

    ``low``/``high`` bound a figure's value (None for a fact's side, or an open end:
    "at least 12" has no ``high``)."""

    value: str
    evidence: tuple[Evidence, ...]
    low: float | None = None
    high: float | None = None

    @property
    def outlets(self) -> tuple[str, ...]:
        """The outlets giving this version, in order of first evidence."""
        return tuple(dict.fromkeys(e.outlet for e in self.evidence))


@dataclass(frozen=True, slots=True)
class Conflict:
    """Outlets that disagree: a contested fact (``kind`` "fact", ``fact`` its id) or a
    figure given differently (``kind`` "number"), with two or more sides.

    ``what`` names what they disagree on: the fact's text, or for a figure what it
    counts with its scope and holder ("people injured"). ``differs_in`` is the
    contested fact's ``differs_in``, "number" for a figure."""

    what: str
    kind: ConflictKind
    differs_in: str
    sides: tuple[ConflictSide, ...]
    fact: str | None = None


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s)|\n")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence of ``text`` holding ``start``..``end``."""
    begin = 0
    for before in _SENTENCE_END.finditer(text, 0, start):
        begin = before.end()
    after = _SENTENCE_END.search(text, end)
    stop = len(text) if after is None else after.end()
    if after is not None and after.group() == "\n":
        stop = after.start()
    while begin < start and text[begin].isspace():
        begin += 1
    return begin, max(stop, end)


def _evidence(a: Analysis, q: Quantity) -> Evidence:
    text = a.article.document.text
    start, end = _sentence(text, q.start, q.end)
    return Evidence(a.article.id, a.article.outlet_name, start, end, text[start:end])


@dataclass(frozen=True, slots=True)
class _Figure:
    quantity: Quantity
    evidence: Evidence
    voice: str
    low: float
    high: float


def _label(q: Quantity) -> str:
    what = q.counts or q.unit or q.kind
    scope = scope_class(q)
    if scope and scope not in what.lower():
        what = f"{what} {scope}"
    return f"{q.holder}: {what}" if q.holder else what


def _sides(figures: Sequence[_Figure]) -> list[tuple[float, float, list[_Figure]]]:
    """Figures merged into sides: a figure joins the side whose range it overlaps."""
    sides: list[tuple[float, float, list[_Figure]]] = []
    for f in sorted(figures, key=lambda f: (f.low, f.high)):
        if sides and f.low <= sides[-1][1]:
            low, high, members = sides[-1]
            sides[-1] = (max(low, f.low), min(high, f.high), [*members, f])
        else:
            sides.append((f.low, f.high, [f]))
    return sides


def _number_conflicts(analyses: Sequence[Analysis], voice_of: Mapping[str, str]) -> list[Conflict]:
    buckets: dict[tuple[str, str, str, str], list[_Figure]] = {}
    for a in analyses:
        voice = voice_of.get(a.article.id, a.article.outlet_name)
        for q in a.quantities:
            key = measure(q)
            if key is None:
                continue
            low, high = bounds(q)
            buckets.setdefault(key, []).append(_Figure(q, _evidence(a, q), voice, low, high))
    out = []
    for figures in buckets.values():
        things = {counted(f.quantity) for f in figures} - {""}
        # A figure that does not say what it counts is compared with each kind of thing
        # counted under the same unit, scope and holder.
        groups = [
            [f for f in figures if counted(f.quantity) in {c, ""}] for c in sorted(things)
        ] or [figures]
        for group in groups:
            if len({f.voice for f in group}) < 2:
                continue
            sides = _sides(group)
            voices = [{f.voice for f in members} for _, _, members in sides]
            if len(sides) < 2 or not any(
                a != b for i, x in enumerate(voices) for y in voices[i + 1 :] for a in x for b in y
            ):
                continue
            out.append(
                Conflict(
                    what=_label(group[0].quantity),
                    kind="number",
                    differs_in="number",
                    sides=tuple(
                        ConflictSide(
                            value=members[0].quantity.text,
                            evidence=tuple(dict.fromkeys(f.evidence for f in members)),
                            low=None if low == float("-inf") else low,
                            high=None if high == float("inf") else high,
                        )
                        for low, high, members in sides
                    ),
                )
            )
    return out


def find_conflicts(
    analyses: Sequence[Analysis],
    facts: Sequence[Fact],
    *,
    voices: Mapping[str, str] | None = None,
) -> tuple[Conflict, ...]:
    """The conflicts of one story: its contested facts, then the figures its outlets
    give differently.

    Args:
        analyses: the story's analysed articles.
        facts: the story's facts (``pipeline.facts``); each contested one with two or
            more sides is a conflict.
        voices: article id to the outlet whose reporting it is (a copy's original
            outlet); two copies of one report never disagree with each other. By
            default each article is its own outlet's.

    Returns:
        Contested facts in the order given, then figure conflicts in reading order.
    """
    out = [
        Conflict(
            what=f.text,
            kind="fact",
            differs_in=f.differs_in or "",
            sides=tuple(ConflictSide(value or "(unstated)", ev) for value, ev in f.sides),
            fact=f.id,
        )
        for f in facts
        if f.status == "contested" and len(f.sides) > 1
    ]
    return (*out, *_number_conflicts(analyses, voices or {}))
