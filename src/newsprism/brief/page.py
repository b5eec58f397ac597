"""The story page's records: one story of the briefing laid out for reading.

:func:`newsprism.brief.story_view.story_page` makes a :class:`StoryPage` from a
:class:`~newsprism.brief.records.StoryBriefing`; the web app's story page, the HTML
report, the terminal and the Markdown briefing present it. Display-ready text only.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ArticleItem",
    "BriefingPage",
    "Cell",
    "Conflict",
    "ConflictSide",
    "EntityGroup",
    "EntityItem",
    "FactRow",
    "FramingCard",
    "FramingItem",
    "NamingItem",
    "NumberGroup",
    "NumberItem",
    "OutletColumn",
    "PositionItem",
    "QuoteItem",
    "Ref",
    "SpeakerGroup",
    "StoryPage",
    "TimelineItem",
]


@dataclass(frozen=True, slots=True)
class Ref:
    """A link target in the text of an article: the article, its outlet, a span."""

    article: str
    outlet: str
    start: int | None = None
    end: int | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class ArticleItem:
    id: str
    outlet: str
    title: str
    published: str
    quotes: int
    facts: int
    # The outlet whose article this one copies ("" for an original).
    copy_of: str = ""
    # What the analysis could not do for it (an unsupported language's skipped stages).
    notes: tuple[str, ...] = ()

    @property
    def article(self) -> str:
        return self.id

    @property
    def start(self) -> None:
        return None


@dataclass(frozen=True, slots=True)
class OutletColumn:
    name: str
    articles: tuple[ArticleItem, ...]
    quotes: int
    facts: int
    # Other outlets running copies of this outlet's articles.
    also_run_by: tuple[str, ...] = ()

    @property
    def copy_of(self) -> tuple[str, ...]:
        """The outlets whose articles this outlet runs copies of."""
        return tuple(dict.fromkeys(a.copy_of for a in self.articles if a.copy_of))

    @property
    def label(self) -> str:
        """The outlet as shown: "AP, also run by Yahoo News", "Yahoo News (copy of AP)"."""
        text = self.name
        if self.also_run_by:
            text += ", also run by " + ", ".join(self.also_run_by)
        if self.copy_of and all(a.copy_of for a in self.articles):
            text += " (copy of " + ", ".join(self.copy_of) + ")"
        return text


@dataclass(frozen=True, slots=True)
class Cell:
    outlet: str
    level: int  # 0 (absent) .. 3 (story_view saturates the heat at three)
    count: int
    refs: tuple[Ref, ...]
    # Carried only by a copy of another outlet's article: shown, never counted.
    is_copy: bool = False

    @property
    def tooltip(self) -> str:
        if not self.count:
            return f"{self.outlet}: not carried"
        words = " / ".join(r.text for r in self.refs if r.text)
        copy = " (in a copy)" if self.is_copy else ""
        return f"{self.outlet}{copy}: {words or 'carries it'}"

    @property
    def article(self) -> str:
        """The article of the first piece of evidence, if any (the cell links to it)."""
        return self.refs[0].article if self.refs else ""

    @property
    def start(self) -> int | None:
        return self.refs[0].start if self.refs else None


@dataclass(frozen=True, slots=True)
class FactRow:
    id: str
    text: str
    status: str
    cells: tuple[Cell, ...]
    outlets: int
    differs_in: str
    sides: tuple[tuple[str, tuple[Ref, ...]], ...]


@dataclass(frozen=True, slots=True)
class QuoteItem:
    text: str
    kind: str
    is_direct: bool
    refs: tuple[Ref, ...]  # one per outlet carrying it; the first is where it was found
    cue: str


@dataclass(frozen=True, slots=True)
class SpeakerGroup:
    name: str
    entity: str
    quotes: tuple[QuoteItem, ...]


@dataclass(frozen=True, slots=True)
class NumberItem:
    text: str
    value: str
    source: str
    ref: Ref | None


@dataclass(frozen=True, slots=True)
class NumberGroup:
    what: str
    items: tuple[NumberItem, ...]
    is_conflict: bool


@dataclass(frozen=True, slots=True)
class ConflictSide:
    """One side of a conflict: a value and where it is given."""

    value: str
    refs: tuple[Ref, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.outlet for r in self.refs))


@dataclass(frozen=True, slots=True)
class Conflict:
    """Outlets that disagree: a contested fact (``kind`` "fact") or a number given
    differently by different outlets (``kind`` "number"), with two or more sides."""

    what: str
    kind: str
    differs_in: str
    sides: tuple[ConflictSide, ...]


@dataclass(frozen=True, slots=True)
class TimelineItem:
    date: str
    text: str
    refs: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class FramingItem:
    label: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FramingCard:
    outlet: str
    article: str
    title: str
    items: tuple[FramingItem, ...]

    @property
    def start(self) -> None:
        return None


@dataclass(frozen=True, slots=True)
class NamingItem:
    """One entity named differently across outlets: each form with the outlets using it."""

    name: str
    forms: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class PositionItem:
    actor: str
    entity: str
    stance: str
    cue: str
    refs: tuple[Ref, ...]
    is_own_forces: bool


@dataclass(frozen=True, slots=True)
class EntityItem:
    id: str
    name: str
    label: str
    mentions: int
    outlets: tuple[str, ...]
    aliases: tuple[str, ...]
    outlet_descriptors: tuple[tuple[str, str], ...]  # (outlet, descriptor)


@dataclass(frozen=True, slots=True)
class EntityGroup:
    title: str
    entities: tuple[EntityItem, ...]


@dataclass(frozen=True, slots=True)
class StoryPage:
    id: str
    title: str
    dates: str
    outlets: tuple[OutletColumn, ...]
    outlet_names: tuple[str, ...]
    facts: tuple[FactRow, ...]
    speakers: tuple[SpeakerGroup, ...]
    numbers: tuple[NumberGroup, ...]
    conflicts: tuple[Conflict, ...]
    timeline: tuple[TimelineItem, ...]
    framing: tuple[FramingCard, ...]
    naming: tuple[NamingItem, ...]
    positions: tuple[PositionItem, ...]
    entities: tuple[EntityItem, ...]
    article_count: int
    quote_count: int
    # Why there is no position (empty when there are some).
    positions_note: str = ""
    # The entities as the plain-text briefings group them: people, organisations, places.
    entity_groups: tuple[EntityGroup, ...] = ()


@dataclass(frozen=True, slots=True)
class BriefingPage:
    """A whole briefing laid out: its story pages, every outlet, the article count and
    one message per input that could not be read."""

    pages: tuple[StoryPage, ...]
    outlets: tuple[str, ...]
    article_count: int
    failures: tuple[str, ...]
