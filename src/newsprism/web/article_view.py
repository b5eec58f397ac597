"""The article page's view: the document's text cut into pieces, each piece knowing
which highlights cover it (quotes, entity mentions, claims, loaded language), and the
boilerplate cleaning removed shown apart so the page can strike it through and fold it.

Highlights may overlap (a quote inside a claim, a name inside a quote), so the text is
cut at every span boundary and each piece carries the set of spans over it: the page
nests nothing and shows every overlap. Offsets are into ``Document.text``, as everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from ..models import Analysis

__all__ = ["ArticlePage", "Block", "Mark", "Piece", "article_page"]


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlight: ``kind`` is ``quote``, ``entity``, ``claim`` or ``loaded``."""

    kind: str
    start: int
    end: int
    label: str
    entity: str = ""


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    start: int
    marks: tuple[Mark, ...]

    @property
    def classes(self) -> str:
        return " ".join(sorted({f"hl-{m.kind}" for m in self.marks}))

    @property
    def title(self) -> str:
        return " · ".join(dict.fromkeys(m.label for m in self.marks if m.label))

    @property
    def entity(self) -> str:
        return next((m.entity for m in self.marks if m.entity), "")

    @property
    def anchors(self) -> tuple[int, ...]:
        """Starts of the marks beginning here (link targets ``#at-START``)."""
        return tuple(sorted({m.start for m in self.marks if m.start == self.start}))


@dataclass(frozen=True, slots=True)
class Block:
    """A stretch of the text: ``kept`` body text (with pieces), ``removed`` boilerplate
    (with its reason), or ``other`` text outside the body (the headline line, gaps)."""

    kind: str
    text: str
    pieces: tuple[Piece, ...] = ()
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ArticlePage:
    id: str
    title: str
    outlet: str
    source: str
    published: str
    url: str
    blocks: tuple[Block, ...]
    counts: dict[str, int]


def _marks(analysis: Analysis) -> list[Mark]:
    marks: list[Mark] = []
    for q in analysis.quotes:
        who = q.speaker.label if q.speaker else "unattributed"
        marks.append(Mark("quote", q.start, q.end, f"{q.kind} quote: {who}"))
        if q.speaker is not None and q.speaker.end > q.speaker.start:
            marks.append(
                Mark("speaker", q.speaker.start, q.speaker.end, "speaker", q.speaker.entity or "")
            )
    for m in analysis.mentions:
        marks.append(Mark("entity", m.start, m.end, f"{m.label}: {m.text}", m.entity or ""))
    for c in analysis.claims:
        hedge = f", hedged ({', '.join(c.hedges)})" if c.hedges else ""
        marks.append(Mark("claim", c.start, c.end, f"claim by {c.asserter}{hedge}"))
    for t in analysis.loaded_language:
        marks.append(Mark("loaded", t.start, t.end, f"loaded ({t.category}, {t.voice} voice)"))
    return [m for m in marks if m.end > m.start]


def _pieces(text: str, start: int, end: int, marks: Iterable[Mark]) -> tuple[Piece, ...]:
    inside = [m for m in marks if m.start < end and m.end > start]
    cuts = sorted(
        {start, end, *(max(m.start, start) for m in inside), *(min(m.end, end) for m in inside)}
    )
    out = []
    for a, b in pairwise(cuts):
        over = tuple(m for m in inside if m.start < b and m.end > a)
        out.append(Piece(text[a:b], a, over))
    return tuple(out)


def article_page(analysis: Analysis) -> ArticlePage:
    """The article page of one analysed article.

    Returns:
        An :class:`ArticlePage` whose blocks cover ``Document.text`` exactly once, in
        order: joining every block's text gives the document's text back.
    """
    article = analysis.article
    doc = article.document
    text = doc.text
    regions: list[tuple[int, int, str, str]] = []
    for seg in article.segments:
        regions.append((seg.text_start, seg.text_start + seg.length, "kept", ""))
    if not article.segments and article.body:
        regions.append((0, len(text), "kept", ""))
    for r in article.boilerplate:
        regions.append((r.start, r.end, "removed", r.reason))
    regions.sort()
    marks = _marks(analysis)
    blocks: list[Block] = []
    pos = 0
    for start, end, kind, reason in regions:
        start = max(start, pos)
        if end <= start:
            continue
        if start > pos:
            blocks.append(Block("other", text[pos:start]))
        if kind == "kept":
            blocks.append(Block(kind, text[start:end], _pieces(text, start, end, marks)))
        else:
            blocks.append(Block(kind, text[start:end], reason=reason))
        pos = end
    if pos < len(text):
        blocks.append(Block("other", text[pos:]))
    counts = {
        "quotes": len(analysis.quotes),
        "entities": len(analysis.mentions),
        "claims": len(analysis.claims),
        "loaded": len(analysis.loaded_language),
        "removed": len(article.boilerplate),
    }
    return ArticlePage(
        id=article.id,
        title=article.title,
        outlet=article.outlet_name,
        source=doc.source,
        published=doc.published or "",
        url=doc.url or "",
        blocks=tuple(blocks),
        counts=counts,
    )
