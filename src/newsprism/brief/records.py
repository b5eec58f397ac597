"""The briefing as records: what ``newsprism brief`` reports, story by story.

:func:`newsprism.brief.build.build_briefing` makes a :class:`Briefing` from an
analysed corpus; every output is made from it: ``--format json`` and ``/api/stories``
are its :func:`newsprism.codec.to_json` form (the shape in ``docs/json.md``), and the
terminal, Markdown and HTML renderers and the web app's story page present it. Nothing
downstream re-reads JSON or decides anything the records do not say.

Field names say what a value is; where the documented JSON key differs (an input's
``path`` is ``source``, a figure's ``asserter`` is ``source``, ``is_``-booleans drop
the prefix), the field's ``json`` metadata keeps the key. New fields go at the end of
a record, with a default, so old JSON still decodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..models import Evidence, FactStatus, InputFailure, QuantityKind, QuoteKind, Span, Stance

__all__ = [
    "BRIEFING_VERSION",
    "Briefing",
    "ConflictKind",
    "CopyRef",
    "DateSpan",
    "FactSide",
    "NamedForm",
    "NamingForm",
    "OutletDate",
    "OutletDescriptor",
    "PersonDescriptor",
    "QuoteSpeaker",
    "QuotedSource",
    "StoryArticle",
    "StoryBriefing",
    "StoryConflict",
    "StoryConflictSide",
    "StoryEntity",
    "StoryFact",
    "StoryFraming",
    "StoryNaming",
    "StoryPosition",
    "StoryQuantity",
    "StoryQuote",
    "StoryVoice",
    "TimelineRow",
]

BRIEFING_VERSION = 1

ConflictKind = Literal["fact", "number"]


def _key(name: str, default: Any = None) -> Any:
    """A field whose JSON key is ``name`` (see :mod:`newsprism.codec`)."""
    return field(default=default, metadata={"json": name})


@dataclass(frozen=True, slots=True)
class DateSpan:
    """The first and last publication date of a story's articles (ISO), when known."""

    first: str | None = None
    last: str | None = None


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """One article of a story: ``path`` is the input it was read from (``PATH#N`` for
    the N-th article of a multi-article input); ``outlet`` falls back to the file name."""

    id: str
    path: str = _key("source", "")
    outlet: str = ""
    title: str = ""
    published: str | None = None
    duplicate_of: str | None = None
    is_published_inferred: bool = _key("published_inferred", False)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OutletDescriptor:
    """How one outlet describes an entity: ("RT", "former Russian President")."""

    outlet: str
    text: str


@dataclass(frozen=True, slots=True)
class StoryEntity:
    """A person, organisation or place the story's articles mention."""

    id: str
    name: str
    label: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0
    outlets: tuple[str, ...] = ()
    outlet_descriptors: tuple[OutletDescriptor, ...] = _key("descriptors", ())


@dataclass(frozen=True, slots=True)
class QuoteSpeaker:
    """Who a quote is attributed to (:class:`newsprism.models.Speaker` without offsets);
    all None for a quote without a speaker."""

    name: str | None = None
    entity: str | None = None
    text: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class StoryQuote:
    """Reported words, once, with every outlet carrying them; ``start``/``end`` point
    into the article ``article_id`` where they were found."""

    text: str
    kind: QuoteKind
    confidence: float = field(default=0.5, metadata={"digits": 3})
    speaker: QuoteSpeaker = QuoteSpeaker()
    cue: str | None = None
    article_id: str = _key("article", "")
    outlet: str = ""
    start: int = 0
    end: int = 0
    pieces: tuple[Span, ...] = ()
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FactSide:
    """One version of a contested fact, with the outlets and sentences giving it."""

    value: str
    outlets: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryFact:
    """Claims of several articles reporting the same thing (:class:`models.Fact`), with
    the outlets carrying it; ``copied_by`` are outlets carrying it only through a copy."""

    id: str
    text: str
    status: FactStatus
    outlets: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    differs_in: str | None = None
    sides: tuple[FactSide, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    copied_by: tuple[str, ...] = ()
    copies: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryQuantity:
    """A figure an article gives (:class:`models.Quantity`): ``what`` it counts, who
    gives it (``asserter``: "outlet" or a name) and, ``is_in_conflict``, whether it is a
    side of one of the story's figure conflicts."""

    what: str | None
    text: str
    asserter: str = _key("source", "outlet")
    outlet: str = ""
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    kind: QuantityKind = "count"
    asserter_entity: str | None = _key("source_entity")
    article_id: str = _key("article", "")
    start: int | None = None
    end: int | None = None
    scope: str | None = None
    holder: str | None = None
    is_in_conflict: bool = _key("in_conflict", False)


@dataclass(frozen=True, slots=True)
class StoryPosition:
    """An actor's stance on the story's central question: ``actor`` is the name shown,
    ``entity`` its id."""

    actor: str
    stance: Stance
    evidence: tuple[Evidence, ...] = ()
    entity: str = ""
    cue: str = ""
    is_own_forces: bool = _key("own_forces", False)
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class NamedForm:
    """The form an article uses for an entity named differently elsewhere."""

    entity: str
    form: str


@dataclass(frozen=True, slots=True)
class QuotedSource:
    """Someone an article quotes, with how many quotes and words."""

    name: str
    quotes: int
    words: int


@dataclass(frozen=True, slots=True)
class PersonDescriptor:
    """How an article describes a person: ("Sergey Lavrov", "Foreign Minister")."""

    person: str
    text: str


@dataclass(frozen=True, slots=True)
class StoryFraming:
    """How one article frames the story; ``omits`` are ids of facts most outlets carry."""

    outlet: str
    naming: tuple[NamedForm, ...] = ()
    loaded_language: tuple[str, ...] = ()
    sources: tuple[QuotedSource, ...] = ()
    person_descriptors: tuple[PersonDescriptor, ...] = _key("descriptors", ())
    omits: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NamingForm:
    """One way of naming a thing, with the articles using it."""

    form: str
    articles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryNaming:
    """An entity (or, with ``entity`` "", a group or thing) named differently by outlets."""

    entity: str
    name: str
    forms: tuple[NamingForm, ...] = ()


@dataclass(frozen=True, slots=True)
class OutletDate:
    """The date one outlet gives an event: the TimeML ``value`` (or the phrase when
    unresolved) and the words."""

    outlet: str
    value: str
    text: str


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One dated fact or sentence of the timeline."""

    date: str
    text: str
    articles: tuple[str, ...] = ()
    is_resolved: bool = _key("resolved", False)
    fact: str | None = None
    evidence: tuple[Evidence, ...] = ()
    dates: tuple[OutletDate, ...] = ()
    is_contested: bool = _key("contested", False)


@dataclass(frozen=True, slots=True)
class StoryConflictSide:
    """One version in a conflict: the value as written, a figure's bounds (None for a
    fact's side or an open end), the outlets and sentences giving it."""

    value: str
    low: float | None = None
    high: float | None = None
    outlets: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryConflict:
    """Outlets that disagree: a contested fact (``kind`` "fact", ``fact`` its id) or a
    figure given differently (``kind`` "number")."""

    what: str
    kind: ConflictKind
    differs_in: str = ""
    fact: str | None = None
    sides: tuple[StoryConflictSide, ...] = ()


@dataclass(frozen=True, slots=True)
class CopyRef:
    """An article that copies another, and its outlet."""

    article_id: str = _key("article", "")
    outlet: str = ""


@dataclass(frozen=True, slots=True)
class StoryVoice:
    """An independent article, the outlets that also run it and its copies."""

    article_id: str = _key("article", "")
    outlet: str = ""
    also_run_by: tuple[str, ...] = ()
    copies: tuple[CopyRef, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryBriefing:
    """Everything the briefing says about one story.

    ``framing`` maps each independent article's id to its framing (a mapping because
    the documented JSON is keyed by article id; never changed after it is built).
    """

    id: str
    title: str
    span: DateSpan = DateSpan()
    articles: tuple[StoryArticle, ...] = ()
    entities: tuple[StoryEntity, ...] = ()
    quotes: tuple[StoryQuote, ...] = ()
    facts: tuple[StoryFact, ...] = ()
    quantities: tuple[StoryQuantity, ...] = ()
    positions: tuple[StoryPosition, ...] = ()
    positions_note: str = ""
    framing: dict[str, StoryFraming] = field(default_factory=dict)
    naming: tuple[StoryNaming, ...] = ()
    timeline: tuple[TimelineRow, ...] = ()
    conflicts: tuple[StoryConflict, ...] = ()
    voices: tuple[StoryVoice, ...] = ()


@dataclass(frozen=True, slots=True)
class Briefing:
    """The briefing of a corpus: one record per story, then the inputs that failed."""

    version: int = BRIEFING_VERSION
    stories: tuple[StoryBriefing, ...] = ()
    failures: tuple[InputFailure, ...] = ()
