"""The records every stage passes along.

All records are frozen, slotted dataclasses: stages build new ones and never change
their input. Every span is a pair of character offsets ``start``/``end`` into
``Document.text`` -- the text the document was read from, unchanged -- so that
``document.text[span.start:span.end] == span.text`` always holds. Stages that work on
the cleaned ``Article.body`` translate body offsets back with :meth:`Article.to_text`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["direct", "indirect", "mixed"]
Voice = Literal["outlet", "quoted"]
QuantityKind = Literal["count", "money", "percent", "measure"]
FactStatus = Literal["corroborated", "single-source", "contested"]
Stance = Literal["supports", "opposes", "conditional", "undecided"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document's text: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """One raw input, before cleaning.

    ``text`` is what offsets point into: for plain text the decoded file content,
    unchanged; for other formats the text the reader derived from it (see ``format``).
    ``id`` is a hash of ``text``, so the same content always gets the same id.
    """

    id: str
    source: str
    text: str
    format: str = "text"
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    url: str | None = None
    language: str | None = None
    # HTML: (start, end) stretches of ``text`` that the page's main-content extraction
    # kept (see docs/json.md); empty when the reader had no such judgement.
    main_content: tuple[tuple[int, int], ...] = ()
    leaning: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Removal:
    """A stretch of boilerplate that cleaning removed, and why."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Segment:
    """``length`` characters of the body starting at ``body_start`` are the same
    characters of the document text starting at ``text_start``."""

    body_start: int
    text_start: int
    length: int


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned news article: the document, its title and the kept body text.

    ``outlet`` is the document's outlet, or one cleaning found in the page's leftovers
    ("The comments posted here are not from Cnews Live").

    ``published`` is the document's publication date, or one inferred from the text
    (a dateline, a dated caption or byline, an "Updated" stamp); ``published_span``
    is then the span of ``document.text`` it was read from (None when given).

    ``body`` is made of pieces of ``document.text`` (``segments``) joined by blank
    lines; :meth:`to_text` maps an offset in ``body`` to one in ``document.text``.
    """

    document: Document
    title: str
    body: str
    segments: tuple[Segment, ...]
    boilerplate: tuple[Removal, ...] = ()
    title_span: Span | None = None
    outlet: str | None = None
    published: str | None = None
    published_span: Span | None = None

    @property
    def id(self) -> str:
        return self.document.id

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def outlet_name(self) -> str:
        """The outlet, or the input's file name (without suffix) when no outlet is known."""
        if self.outlet:
            return self.outlet
        source = self.document.source.replace("\\", "/").rstrip("/")
        name = source.rsplit("/", 1)[-1] or source
        return name.split(".", 1)[0] or name

    def to_text(self, body_offset: int, *, is_end: bool = False) -> int:
        """Map an offset into ``body`` to the matching offset into ``document.text``.

        An end offset that falls exactly on a segment boundary maps to the end of the
        earlier segment (``is_end=True``), so a span never swallows removed text after it.
        """
        if not self.segments:
            return body_offset
        starts = [s.body_start for s in self.segments]
        i = bisect.bisect_right(starts, body_offset) - 1
        if is_end and i > 0 and body_offset == self.segments[i].body_start:
            i -= 1
        i = max(i, 0)
        seg = self.segments[i]
        inside = min(max(body_offset - seg.body_start, 0), seg.length)
        return seg.text_start + inside

    def span(self, body_start: int, body_end: int) -> Span:
        """A :class:`Span` into ``document.text`` for a ``body[body_start:body_end]``."""
        start = self.to_text(body_start)
        end = max(self.to_text(body_end, is_end=True), start)
        return Span(start, end, self.document.text[start:end])


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention. ``entity`` is the canonical entity id once resolved."""

    start: int
    end: int
    text: str
    label: str
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """One real person, organisation or place, across all documents of a run.

    ``outlet_descriptors`` holds ``(outlet, descriptor)`` pairs such as
    ``("RT", "former Russian President")``.
    """

    id: str
    name: str
    label: str
    aliases: tuple[str, ...] = ()
    outlet_descriptors: tuple[tuple[str, str], ...] = field(
        default=(), metadata={"json": "descriptors"}
    )
    mentions: int = 0


# Pronouns and quantifiers that name no one on their own: a speaker mention that is
# one of them and was resolved to nothing is shown as "unattributed".
_NO_NAME_WORDS = frozenset({
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me", "who",
    "which", "that", "this", "these", "those", "one", "some", "many", "most", "others",
    "all", "each", "both", "someone", "anyone", "everyone", "somebody",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to: the mention in the text (possibly "he" or
    "the Kremlin spokesman") and, when known, the canonical name and entity id.
    ``description`` is the noun phrase a relative "which"/"who" mention stands for when
    it names no one ("the Saudi government, which denied ...": "Saudi government")."""

    start: int
    end: int
    text: str
    name: str | None = None
    entity: str | None = None
    description: str | None = None

    @property
    def label(self) -> str:
        """What to call the speaker: the name, else the description, else the mention --
        "unattributed" when the mention is only a pronoun that stands for no one found
        ("They", "who", "some")."""
        if self.name or self.description:
            return self.name or self.description or ""
        return "unattributed" if self.text.casefold() in _NO_NAME_WORDS else self.text


@dataclass(frozen=True, slots=True)
class Quote:
    """Reported speech. ``start``/``end`` cover the content of what was said.

    ``pieces`` are the quoted stretches when one utterance is interrupted by its
    attribution (`"A," said X. "B."`: the quote runs from A to B, the pieces are A and
    B); empty when the quote is one stretch.
    """

    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: Speaker | None = None
    cue: Span | None = None
    confidence: float = field(default=0.5, metadata={"digits": 3})
    pieces: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """A factual statement: one sentence of the article and who asserts it.

    ``asserter`` is ``"outlet"`` for the outlet's own voice, else the source's name
    (a quote's speaker, "according to X"); ``asserter_entity`` its entity id when
    known. ``agent`` is the mention doing the main action of the asserted content, and
    ``predicate`` that action's lemma ("reject", "rule out"). ``terms`` are the content
    lemmas used to match the same fact across articles, ``object_terms`` those of what
    the predicate acts on ("rejected any deployment of troops": deploy, force);
    ``numbers`` the values it gives. ``entities`` is filled once entities are resolved
    across the run. ``co_agents`` are the mentions coordinated with the agent
    ("Germany, Italy, Poland, and Spain have expressed reluctance"), with their
    ``co_agent_entities``.
    """

    start: int
    end: int
    text: str
    asserter: str = "outlet"
    asserter_entity: str | None = None
    hedges: tuple[str, ...] = ()
    predicate: str | None = None
    is_negated: bool = field(default=False, metadata={"json": "negated"})
    agent: Span | None = None
    agent_entity: str | None = None
    entities: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    numbers: tuple[float, ...] = ()
    asserter_span: Span | None = None
    object_terms: tuple[str, ...] = ()
    co_agents: tuple[Span, ...] = ()
    co_agent_entities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with what it counts and who gives it.

    ``low``/``high`` bound vague amounts ("tens of thousands": 20,000-90,000) and
    "at least"/"around" values; both equal ``value`` for an exact figure. ``asserter``
    is ``"outlet"`` or the name of whoever gives the figure, as for a :class:`Claim`
    (its JSON key stays ``source``).
    """

    start: int
    end: int
    text: str
    kind: QuantityKind
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    counts: str | None = None
    asserter: str = field(default="outlet", metadata={"json": "source"})
    asserter_span: Span | None = field(default=None, metadata={"json": "source_span"})
    asserter_entity: str | None = field(default=None, metadata={"json": "source_entity"})
    is_vague: bool = field(default=False, metadata={"json": "vague"})
    # What the figure is a figure of, beyond the noun it counts (pipeline.quantities):
    # the lemma of the verb or adjective it is the subject or object of ("kill" in
    # "killing 12 people", "injure" in "35 were injured"), and the name whose figure it
    # is ("Smith" in "Smith had 45 percent"); None when the sentence does not say.
    scope: str | None = None
    holder: str | None = None


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A date or time phrase. ``value`` is ISO (``2025-03-06``, ``2025-03``,
    ``2025``) when resolved; relative phrases without a publication date stay
    unresolved (``is_resolved`` false)."""

    start: int
    end: int
    text: str
    value: str | None = None
    granularity: str | None = None
    is_resolved: bool = field(default=False, metadata={"json": "resolved"})
    is_relative: bool = field(default=False, metadata={"json": "relative"})


@dataclass(frozen=True, slots=True)
class LoadedTerm:
    """A word or phrase carrying judgement. ``voice`` is ``"outlet"`` when the outlet
    says it (scare quotes included), ``"quoted"`` inside someone's quoted words."""

    start: int
    end: int
    text: str
    category: str
    voice: Voice
    is_scare_quote: bool = field(default=False, metadata={"json": "scare_quote"})


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything extracted from one article."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[TimeExpression, ...] = ()
    loaded_language: tuple[LoadedTerm, ...] = ()
    # (person name as written, descriptor) pairs such as ("Sergey Lavrov", "Russian
    # Foreign Minister"), read from the article; resolve_entities keeps them per outlet
    # (Entity.outlet_descriptors).
    person_descriptors: tuple[tuple[str, str], ...] = field(
        default=(), metadata={"json": "descriptors"}
    )
    # The id of the canonical copy when this article is a (near-)duplicate of another
    # (pipeline.dedup), else None.
    duplicate_of: str | None = None
    # What a reader should know about this analysis, e.g. stages skipped for the
    # article's language (pipeline.language_gate).
    notes: tuple[str, ...] = ()
    # Each claim's sentence embedding (all-MiniLM-L6-v2, float16, base64), in the
    # order of ``claims``, when the semantic extra is in use (pipeline.same_fact);
    # empty otherwise.
    claim_vectors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a story-level finding comes from: a span of one article's text."""

    article_id: str = field(metadata={"json": "article"})
    outlet: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fact:
    """Claims of several articles reporting the same thing, grouped as one.

    ``status`` is ``corroborated`` (two or more outlets), ``single-source`` or
    ``contested``; a contested fact lists each side as ``(value, evidence)`` and names
    what differs in ``differs_in`` ("number", "name", "negation", "qualifier", "date").
    """

    id: str
    text: str
    status: FactStatus
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    sides: tuple[tuple[str, tuple[Evidence, ...]], ...] = ()
    differs_in: str | None = None
    # Where copies of the articles above carry it (pipeline.voices): shown as carried
    # by the copies' outlets, never counted for ``status``.
    copies: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Position:
    """An actor's stance on the story's central question, with what shows it."""

    actor: str
    name: str
    stance: Stance
    cue: str
    evidence: tuple[Evidence, ...]
    is_own_forces: bool = False
    # Share of the actor's stance-bearing claims that agree, discounted when few:
    # agreeing / (all + 1), so one claim gives 0.5 and three agreeing 0.75.
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about the same events."""

    id: str
    title: str
    article_ids: tuple[str, ...]
    key_entities: tuple[str, ...] = ()
    # Time span of the members' publication dates (ISO), when known.
    first_published: str | None = None
    last_published: str | None = None
    # Every outlet that ran the story, duplicates included.
    outlets: tuple[str, ...] = ()
    # One article per copy group: the canonical copies among ``article_ids``.
    voices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class InputFailure:
    """An input that could not be read, kept so the run can report it and go on."""

    source: str
    error: str


@dataclass(frozen=True, slots=True)
class Corpus:
    """The result of analysing a batch: analyses, canonical entities and stories."""

    analyses: tuple[Analysis, ...]
    entities: tuple[Entity, ...] = ()
    stories: tuple[Story, ...] = ()
    failures: tuple[InputFailure, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class StoryItem:
    """What the story index needs of one article (:mod:`newsprism.stories.index`): no
    spaCy, no body offsets."""

    id: str
    title: str
    tokens: tuple[str, ...]
    day: int | None = None
    published: str | None = None
    outlet: str | None = None


@dataclass(slots=True)
class StoryState:
    """A story's signature as the story index keeps it: the sum of its members' unit
    TF-IDF vectors (``centroid``), size, time span and label. Mutable, unlike the other
    records: the index updates it in place as articles join (held by the in-memory
    index or read back from the store for one placement)."""

    id: str
    label: str
    size: int
    centroid: dict[str, float]
    first_day: int | None = None
    last_day: int | None = None
    first_published: str | None = None
    last_published: str | None = None
    members: list[str] = field(default_factory=list)
    # Sum of the members' token counts, for the chance level (stories.words.CHANCE).
    tokens: int = 0


@dataclass(frozen=True, slots=True)
class ArticleText:
    """What the story similarity reads of a stored article: its headline, body and
    the document's publication date (read from the store without decoding the whole
    analysis)."""

    id: str
    title: str
    body: str
    published: str | None = None
