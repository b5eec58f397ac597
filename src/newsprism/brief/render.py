"""The JSON renderer, and the view every other renderer presents.

A briefing is the plain, JSON-serialisable dict built by ``newsprism.brief.build``
(``{"version", "stories": [...], "failures": [...]}``). :func:`render_json` writes it out
unchanged. :func:`prepare` turns it into a :class:`BriefingView`: display-ready text
(whitespace collapsed, control characters dropped), quotes grouped by speaker, entities
grouped into people, organisations and places, and every other story field (facts,
quantities, positions, timeline, framing and whatever later versions add) as a generic
:class:`Section` table. The terminal, Markdown and HTML renderers lay each story out
with :func:`newsprism.brief.story_view.story_page` and take from this view the parts
around it (the summary, the failures, the main entities) and the generic tables of the
fields no layout knows, so a new story field shows up in all three without touching them.

:func:`prepare` is lenient: missing keys, ``None`` values and empty lists give empty
views, never an exception, because a partial briefing is still worth reading.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .values import (
    QUOTE_MARKS,
    clean_text,
    dates_text,
    dicts,
    label_of,
    speaker_key,
    strings,
)

Briefing = Mapping[str, Any]

# Story keys that have a dedicated layout; every other list or dict becomes a Section.
_CORE_KEYS = frozenset({"id", "title", "span", "articles", "entities", "quotes"})

# Sections documented for briefing version 1, in display order, with their main fields.
# A known section whose rows carry none of these fields falls back to the generic columns.
_KNOWN_SECTIONS: dict[str, tuple[str, ...]] = {
    "facts": ("text", "status", "outlets"),
    "quantities": ("what", "text", "source", "outlet"),
    "positions": ("actor", "stance", "evidence"),
    "timeline": ("date", "text", "articles"),
    "framing": ("article",),
}

# Fields that only locate things in the text; never worth a column of their own.
_HIDDEN_FIELDS = frozenset({"start", "end", "id"})
_MAX_GENERIC_COLUMNS = 5
# Long enough for a sentence of evidence, short enough to keep a table row readable.
_MAX_CELL_CHARS = 240

_ENTITY_GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    ("People", frozenset({"PERSON"})),
    ("Organisations", frozenset({"ORG"})),
    ("Places", frozenset({"GPE", "LOC", "FAC"})),
)
_TOP_ENTITIES = 8


def render_json(briefing: Briefing) -> str:
    """Render a briefing as stable, human-readable JSON.

    Keys keep the order the builder gave them; non-ASCII text is written as is.

    Args:
        briefing: the briefing dict.

    Returns:
        The JSON text, ending with a newline.

    Raises:
        TypeError: if the briefing holds a value JSON cannot represent.
    """
    return json.dumps(briefing, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


@dataclass(frozen=True, slots=True)
class ArticleView:
    id: str
    outlet: str
    title: str
    published: str


@dataclass(frozen=True, slots=True)
class QuoteView:
    """One quote as shown: ``is_direct`` quotes are verbatim words, put in quotation
    marks; indirect and mixed ones are the reporter's paraphrase, shown without."""

    text: str
    kind: str
    outlets: tuple[str, ...]

    @property
    def is_direct(self) -> bool:
        return self.kind == "direct"


@dataclass(frozen=True, slots=True)
class SpeakerView:
    name: str
    quotes: tuple[QuoteView, ...]


@dataclass(frozen=True, slots=True)
class EntityView:
    name: str
    mentions: int
    outlets: tuple[str, ...]
    descriptors: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class EntityGroup:
    title: str
    entities: tuple[EntityView, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """A story field shown as a table: ``columns`` are field names, ``headers`` their
    display names, ``rows`` the cell texts in the same order."""

    key: str
    title: str
    columns: tuple[str, ...]
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class StoryView:
    id: str
    title: str
    dates: str
    outlets: tuple[str, ...]
    articles: tuple[ArticleView, ...]
    speakers: tuple[SpeakerView, ...]
    entity_groups: tuple[EntityGroup, ...]
    sections: tuple[Section, ...]
    # Titles of the documented sections that are still empty ("Facts", ...).
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FailureView:
    source: str
    message: str


@dataclass(frozen=True, slots=True)
class BriefingView:
    stories: tuple[StoryView, ...]
    failures: tuple[FailureView, ...]
    outlets: tuple[str, ...]
    article_count: int


def prepare(briefing: Briefing) -> BriefingView:
    """Turn a briefing dict into the view the renderers lay out.

    Args:
        briefing: the briefing dict; missing or empty parts are allowed.

    Returns:
        A :class:`BriefingView` holding display-ready text only.

    Example:
        >>> view = prepare({"version": 1, "stories": [], "failures": []})
        >>> view.stories, view.article_count
        ((), 0)
    """
    stories = tuple(_story(s, n) for n, s in enumerate(dicts(briefing.get("stories")), 1))
    failures = tuple(_failure(f) for f in dicts(briefing.get("failures")))
    outlets = _unique(o for s in stories for o in s.outlets)
    count = sum(len(s.articles) for s in stories)
    return BriefingView(stories, failures, outlets, count)


def _story(story: Mapping[str, Any], number: int) -> StoryView:
    articles = tuple(_article(a) for a in dicts(story.get("articles")))
    outlet_of = {a.id: a.outlet for a in articles if a.id and a.outlet}
    sections: list[Section] = []
    missing: list[str] = []
    extra = [k for k in story if k not in _CORE_KEYS and k not in _KNOWN_SECTIONS]
    for key in (*_KNOWN_SECTIONS, *extra):
        section = _section(key, story.get(key), outlet_of)
        if section is not None:
            sections.append(section)
        elif key in _KNOWN_SECTIONS:
            missing.append(label_of(key))
    return StoryView(
        id=clean_text(story.get("id")) or f"story-{number}",
        title=clean_text(story.get("title")) or "Untitled story",
        dates=dates_text(story.get("span")),
        outlets=_unique(a.outlet for a in articles),
        articles=articles,
        speakers=_speakers(dicts(story.get("quotes"))),
        entity_groups=_entity_groups(dicts(story.get("entities"))),
        sections=tuple(sections),
        missing=tuple(missing),
    )


def _article(article: Mapping[str, Any]) -> ArticleView:
    return ArticleView(
        id=clean_text(article.get("id")),
        outlet=clean_text(article.get("outlet")) or "Unknown outlet",
        title=clean_text(article.get("title")) or "(untitled)",
        published=clean_text(article.get("published"))
        + (" (inferred from the text)" if article.get("published_inferred") else ""),
    )


def _speakers(quotes: Iterable[Mapping[str, Any]]) -> tuple[SpeakerView, ...]:
    names: dict[str, str] = {}
    grouped: dict[str, list[QuoteView]] = {}
    for quote in quotes:
        key, name, _ = speaker_key(quote.get("speaker"))
        names.setdefault(key, name)
        grouped.setdefault(key, []).append(_quote(quote))
    # Most-quoted first; dict order (first appearance) breaks ties; unattributed last.
    order = sorted(grouped, key=lambda k: (k == "", -len(grouped[k])))
    return tuple(SpeakerView(names[k], tuple(grouped[k])) for k in order)


def _quote(quote: Mapping[str, Any]) -> QuoteView:
    kind = clean_text(quote.get("kind")) or "unknown"
    # Reported words usually end on the comma before "he said"; the mark adds nothing.
    text = clean_text(quote.get("text")).rstrip(" ,;:")
    if kind == "direct":
        text = text.strip(QUOTE_MARKS).strip()
    outlets = strings(quote.get("outlets")) or strings([quote.get("outlet")])
    return QuoteView(text, kind, outlets)


def _entity_groups(entities: Iterable[Mapping[str, Any]]) -> tuple[EntityGroup, ...]:
    entities = list(entities)
    groups = []
    for title, labels in _ENTITY_GROUPS:
        members = [e for e in entities if clean_text(e.get("label")) in labels]
        members.sort(key=lambda e: -_int(e.get("mentions")))
        if members:
            views = tuple(_entity(e) for e in members[:_TOP_ENTITIES])
            groups.append(EntityGroup(title, views))
    return tuple(groups)


def _entity(entity: Mapping[str, Any]) -> EntityView:
    descriptors = _unique_pairs(
        (clean_text(d.get("outlet")), clean_text(d.get("text")))
        for d in dicts(entity.get("descriptors"))
    )
    return EntityView(
        name=clean_text(entity.get("name")) or clean_text(entity.get("id")),
        mentions=_int(entity.get("mentions")),
        outlets=strings(entity.get("outlets")),
        descriptors=descriptors,
    )


def _section(key: str, value: object, outlet_of: Mapping[str, str]) -> Section | None:
    """A table for one story field, or None when it is empty or not tabular."""
    rows: list[Mapping[str, Any]]
    if isinstance(value, Mapping):
        # Keyed by article id (framing): one row per article.
        rows = [
            {"article": k, **(v if isinstance(v, Mapping) else {key: v})} for k, v in value.items()
        ]
    elif isinstance(value, list):
        rows = [v if isinstance(v, Mapping) else {key: v} for v in value]
    else:
        return None
    if not rows:
        return None
    columns = _columns(key, rows)
    table = tuple(tuple(_cell(c, row.get(c), outlet_of) for c in columns) for row in rows)
    return Section(key, label_of(key), columns, tuple(label_of(c) for c in columns), table)


def _columns(key: str, rows: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    present = _unique(str(k) for row in rows for k in row if k not in _HIDDEN_FIELDS)
    main = tuple(c for c in _KNOWN_SECTIONS.get(key, ()) if c in present)
    if key == "framing" or not main:
        # Framing has no fixed fields yet: the article, then whatever each article got.
        rest = tuple(c for c in present if c not in main)
        main = (*main, *rest)[:_MAX_GENERIC_COLUMNS]
    return main


def _cell(column: str, value: object, outlet_of: Mapping[str, str]) -> str:
    if column in ("article", "articles"):
        ids = strings(value if isinstance(value, list) else [value])
        text = ", ".join(_unique(outlet_of.get(i, i) for i in ids))
    else:
        text = _value_text(value, outlet_of)
    if len(text) > _MAX_CELL_CHARS:
        text = text[: _MAX_CELL_CHARS - 1].rstrip() + "…"
    return text


def _value_text(value: object, outlet_of: Mapping[str, str]) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, Mapping):
        if "text" in value:
            # Evidence-like: the words, and the outlet they came from.
            where = value.get("outlet") or outlet_of.get(str(value.get("article")), "")
            words = clean_text(value["text"])
            return f"“{words}” ({clean_text(where)})" if where else words
        parts = (f"{clean_text(k)}: {_value_text(v, outlet_of)}" for k, v in value.items())
        return "; ".join(p for p in parts if not p.endswith(": "))
    if isinstance(value, list | tuple):
        sep = "; " if any(isinstance(v, Mapping) for v in value) else ", "
        return sep.join(t for t in (_value_text(v, outlet_of) for v in value) if t)
    return clean_text(value)


def _failure(failure: Mapping[str, Any]) -> FailureView:
    source = clean_text(failure.get("source"))
    error = clean_text(failure.get("error")) or "could not be read"
    # Errors usually start with their source already ("bad.bin: not text").
    message = error if not source or error.startswith(source) else f"{source}: {error}"
    return FailureView(source, message)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _unique_pairs(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(dict.fromkeys(p for p in pairs if p[1]))


def _int(value: object) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0
