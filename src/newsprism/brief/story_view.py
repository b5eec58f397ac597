"""The story page: one story's briefing record laid out for reading in a browser.

Shared by the web app's story page and the HTML report (templates ``_story_page*.html.j2``
in ``newsprism/brief/templates``). :func:`story_page` reads the story record of
``docs/json.md`` leniently, like :func:`newsprism.brief.render.prepare`: sections that
later versions fill (facts, quantities, positions, framing, timeline) show up as soon
as the record holds them, missing keys give empty sections, never an exception. It
returns display-ready text only; the templates escape all of it.

What it builds, per story:

- outlets side by side: each outlet's articles, quotes and facts carried;
- the coverage matrix: facts x outlets, each cell how much of the fact the outlet
  carries (0 to 3 pieces of evidence), the status of each fact;
- who said what: quotes grouped by speaker, each with every outlet that carries it;
- numbers: quantities grouped by what they count, a group all of whose figures are
  in a conflict flagged as one;
- conflicts side by side, as the comparison found them (``conflicts`` of the record,
  from ``pipeline.conflicts``): each contested fact and each figure outlets give
  differently, one side per value with the outlets and words that give it;
- copies: an outlet running another's article is shown as running it ("AP, also run
  by Yahoo News"), and where it carries a fact;
- the timeline, framing per outlet and who stands where.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..pipeline.date_values import date_range
from .render import Section, prepare
from .values import QUOTE_MARKS, clean_text, dicts, label_of, speaker_key, strings
from .values import dates_text as _dates

__all__ = ["StoryPage", "extra_sections", "story_page"]

# Cells of the coverage matrix saturate at this many pieces of evidence.
_HEAT_LEVELS = 3
_STANCES = ("supports", "opposes", "conditional", "undecided")
# Keys laid out by this module; any other list or dict of the record is left to the
# generic tables of brief.render.
LAID_OUT = frozenset(
    {
        "id",
        "title",
        "span",
        "articles",
        "entities",
        "quotes",
        "facts",
        "quantities",
        "positions",
        "framing",
        "timeline",
        "naming",
        "conflicts",
        "voices",
    }
)


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
    level: int  # 0 (absent) .. _HEAT_LEVELS
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
    descriptors: tuple[tuple[str, str], ...]


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


def story_page(story: Mapping[str, Any]) -> StoryPage:
    """Lay out one story record of the briefing for the story page.

    Args:
        story: one element of the briefing's ``stories`` (``docs/json.md``).

    Returns:
        A :class:`StoryPage` of display-ready text.

    Example:
        >>> story_page({"id": "s", "title": "T"}).facts
        ()
    """
    raw_articles = dicts(story.get("articles"))
    outlet_of = {
        clean_text(a.get("id")): clean_text(a.get("outlet")) or "Unknown outlet"
        for a in raw_articles
    }
    outlet_names = tuple(dict.fromkeys(outlet_of.values()))
    facts = _sorted_facts(
        _fact(f, n, outlet_names, outlet_of) for n, f in enumerate(dicts(story.get("facts")), 1)
    )
    speakers = _speakers(dicts(story.get("quotes")), outlet_of)
    quote_counts: dict[str, int] = {}
    for group in speakers:
        for quote in group.quotes:
            for ref in quote.refs:
                quote_counts[ref.article] = quote_counts.get(ref.article, 0) + 1
    fact_counts: dict[str, int] = {}
    for row in facts:
        for cell in row.cells:
            for article in {r.article for r in cell.refs}:
                fact_counts[article] = fact_counts.get(article, 0) + 1
    articles = tuple(
        ArticleItem(
            id=clean_text(a.get("id")),
            outlet=outlet_of[clean_text(a.get("id"))],
            title=clean_text(a.get("title")) or "(untitled)",
            published=_published(a),
            quotes=quote_counts.get(clean_text(a.get("id")), 0),
            facts=fact_counts.get(clean_text(a.get("id")), 0),
            copy_of=outlet_of.get(clean_text(a.get("duplicate_of")), ""),
            notes=strings(a.get("notes")),
        )
        for a in raw_articles
    )
    conflicts = _conflicts(dicts(story.get("conflicts")), outlet_of)
    numbers = _numbers(dicts(story.get("quantities")), conflicts, outlet_of)
    columns = []
    for name in outlet_names:
        mine = tuple(a for a in articles if a.outlet == name)
        facts_carried = sum(1 for row in facts for c in row.cells if c.outlet == name and c.count)
        also = tuple(
            dict.fromkeys(a.outlet for a in articles if a.copy_of == name and a.outlet != name)
        )
        columns.append(OutletColumn(name, mine, sum(a.quotes for a in mine), facts_carried, also))
    return StoryPage(
        id=clean_text(story.get("id")) or "story",
        title=clean_text(story.get("title")) or "Untitled story",
        dates=_dates(story.get("span")),
        outlets=tuple(columns),
        outlet_names=outlet_names,
        facts=facts,
        speakers=speakers,
        numbers=numbers,
        conflicts=conflicts,
        timeline=_timeline(dicts(story.get("timeline")), outlet_of),
        framing=_framing(story.get("framing"), {**outlet_of, **_fact_names(facts)}, articles),
        naming=_naming(dicts(story.get("naming")), outlet_of),
        positions=_positions(dicts(story.get("positions")), outlet_of),
        entities=tuple(_entity(e) for e in dicts(story.get("entities"))),
        article_count=len(articles),
        quote_count=sum(len(g.quotes) for g in speakers),
        positions_note=clean_text(story.get("positions_note")),
    )


def extra_sections(story: Mapping[str, Any]) -> tuple[Section, ...]:
    """The story's fields that this module does not lay out (``naming`` and whatever
    later versions add), as the generic tables of :func:`newsprism.brief.render.prepare`."""
    rest = {k: v for k, v in story.items() if k not in LAID_OUT or k in ("id", "title")}
    return prepare({"stories": [rest]}).stories[0].sections


# -- pieces -------------------------------------------------------------------------


def _ref(value: Mapping[str, Any], outlet_of: Mapping[str, str]) -> Ref | None:
    article = clean_text(value.get("article") or value.get("article_id"))
    outlet = clean_text(value.get("outlet")) or outlet_of.get(article, "")
    if not article and not outlet:
        return None
    return Ref(
        article=article,
        outlet=outlet or "Unknown outlet",
        start=_opt_int(value.get("start")),
        end=_opt_int(value.get("end")),
        text=clean_text(value.get("text")),
    )


def _refs(value: object, outlet_of: Mapping[str, str]) -> tuple[Ref, ...]:
    """Evidence given as a list of spans, one span, or a list of article ids."""
    if isinstance(value, Mapping):
        value = [value]
    if not isinstance(value, list | tuple):
        return ()
    out = []
    for item in value:
        if isinstance(item, Mapping):
            ref = _ref(item, outlet_of)
        elif isinstance(item, str) and item:
            ref = Ref(article=clean_text(item), outlet=outlet_of.get(item, clean_text(item)))
        else:
            ref = None
        if ref is not None:
            out.append(ref)
    return tuple(out)


def _story_refs(item: Mapping[str, Any], outlet_of: Mapping[str, str]) -> tuple[Ref, ...]:
    """Where a story-level item comes from: its evidence, else its articles."""
    refs = _refs(item.get("evidence"), outlet_of)
    if not refs:
        refs = _refs(item.get("articles"), outlet_of) or _refs(
            [item.get("article")] if item.get("article") else [], outlet_of
        )
    if not refs:
        refs = tuple(Ref(article="", outlet=o) for o in strings(item.get("outlets")))
    return refs


def _fact(
    fact: Mapping[str, Any], number: int, outlets: tuple[str, ...], outlet_of: Mapping[str, str]
) -> FactRow:
    refs = _refs(fact.get("evidence"), outlet_of)
    named = set(strings(fact.get("outlets")))
    sides = _sides(fact.get("sides"), outlet_of)
    for _, side_refs in sides:
        refs += tuple(r for r in side_refs if r not in refs)
    if not refs:
        refs = _story_refs(fact, outlet_of)
    copies = _refs(fact.get("copies"), outlet_of)
    cells = []
    for outlet in outlets:
        mine = tuple(r for r in refs if r.outlet == outlet)
        count = len(mine) or (1 if outlet in named else 0)
        is_copy = not count and any(r.outlet == outlet for r in copies)
        if is_copy:
            mine = tuple(r for r in copies if r.outlet == outlet)
            count = len(mine)
        cells.append(Cell(outlet, min(count, _HEAT_LEVELS), count, mine, is_copy))
    return FactRow(
        id=clean_text(fact.get("id")) or f"fact-{number}",
        text=clean_text(fact.get("text")) or "(no text)",
        status=clean_text(fact.get("status")),
        cells=tuple(cells),
        outlets=sum(1 for c in cells if c.count and not c.is_copy),
        differs_in=clean_text(fact.get("differs_in")),
        sides=sides,
    )


def _fact_names(facts: Iterable[FactRow]) -> dict[str, str]:
    """Fact ids to short texts, for framing items that name facts (what an outlet omits)."""
    return {f.id: f.text if len(f.text) <= 120 else f.text[:119].rstrip() + "…" for f in facts}


def _sorted_facts(rows: Iterable[FactRow]) -> tuple[FactRow, ...]:
    """Contested facts first, then the most widely carried; ties keep the record's order,
    except that facts carried by one outlet alone take turns by outlet (each outlet's
    first, then each one's second, ...), so that the first rows shown are not all one
    outlet's."""
    order = {"contested": 0, "corroborated": 1, "single-source": 2}
    ranked = sorted(rows, key=lambda r: (order.get(r.status, 3), -r.outlets))
    turn: dict[str, int] = {}
    turns: dict[int, int] = {}
    for row in ranked:
        if row.outlets == 1:
            outlet = next(c.outlet for c in row.cells if c.count and not c.is_copy)
            turns[id(row)] = turn[outlet] = turn.get(outlet, 0) + 1
    return tuple(
        sorted(ranked, key=lambda r: (order.get(r.status, 3), -r.outlets, turns.get(id(r), 0)))
    )


def _sides(value: object, outlet_of: Mapping[str, str]) -> tuple[tuple[str, tuple[Ref, ...]], ...]:
    """A contested fact's sides: ``[{"value", "evidence"}]`` or ``[[value, evidence]]``."""
    if not isinstance(value, list | tuple):
        return ()
    out = []
    for side in value:
        if isinstance(side, Mapping):
            label = clean_text(side.get("value") or side.get("text"))
            refs = _story_refs(side, outlet_of)
        elif isinstance(side, list | tuple) and len(side) == 2:
            label, refs = clean_text(side[0]), _refs(side[1], outlet_of)
        else:
            continue
        out.append((label, refs))
    return tuple(out)


def _speakers(
    quotes: Iterable[Mapping[str, Any]], outlet_of: Mapping[str, str]
) -> tuple[SpeakerGroup, ...]:
    first_article: dict[str, str] = {}
    for article, outlet in outlet_of.items():
        first_article.setdefault(outlet, article)
    names: dict[str, tuple[str, str]] = {}
    grouped: dict[str, list[QuoteItem]] = {}
    for quote in quotes:
        key, name, entity = speaker_key(quote.get("speaker"))
        names.setdefault(key, (name, entity))
        kind = clean_text(quote.get("kind")) or "unknown"
        text = clean_text(quote.get("text")).rstrip(" ,;:")
        if kind == "direct":
            text = text.strip(QUOTE_MARKS).strip()
        found = _ref(quote, outlet_of)
        refs = [found] if found is not None else []
        for outlet in strings(quote.get("outlets")):
            if all(r.outlet != outlet for r in refs):
                refs.append(Ref(article=first_article.get(outlet, ""), outlet=outlet))
        item = QuoteItem(text, kind, kind == "direct", tuple(refs), clean_text(quote.get("cue")))
        grouped.setdefault(key, []).append(item)
    order = sorted(grouped, key=lambda k: (k == "", -len(grouped[k])))
    return tuple(SpeakerGroup(names[k][0], names[k][1], tuple(grouped[k])) for k in order)


def _numbers(
    quantities: Iterable[Mapping[str, Any]],
    conflicts: tuple[Conflict, ...],
    outlet_of: Mapping[str, str],
) -> tuple[NumberGroup, ...]:
    """Quantities grouped by what they count; a group is flagged as a conflict when
    each of its figures is a side of one of the comparison's figure conflicts."""
    in_conflict = {
        (r.article, r.start, r.end)
        for c in conflicts
        if c.kind == "number"
        for side in c.sides
        for r in side.refs
    }

    def conflicting(ref: Ref | None) -> bool:
        if ref is None or ref.start is None:
            return False
        return any(
            a == ref.article and s is not None and e is not None and s <= ref.start < e
            for a, s, e in in_conflict
        )

    groups: dict[str, list[NumberItem]] = {}
    labels: dict[str, str] = {}
    for q in quantities:
        what = clean_text(q.get("what") or q.get("counts")) or clean_text(q.get("kind")) or "number"
        ref = _ref(q, outlet_of)
        source = clean_text(q.get("source"))
        item = NumberItem(
            clean_text(q.get("text")), _amount(q, what), "" if source == "outlet" else source, ref
        )
        labels.setdefault(what.casefold(), what)
        groups.setdefault(what.casefold(), []).append(item)
    out = [
        NumberGroup(labels[key], tuple(items), all(conflicting(i.ref) for i in items))
        for key, items in groups.items()
    ]
    out.sort(key=lambda g: not g.is_conflict)
    return tuple(out)


def _conflicts(
    conflicts: Iterable[Mapping[str, Any]], outlet_of: Mapping[str, str]
) -> tuple[Conflict, ...]:
    """The record's conflicts (contested facts, then figures outlets give differently),
    each side with the outlets and words that give it."""
    out = []
    for conflict in conflicts:
        sides = tuple(
            ConflictSide(
                clean_text(side.get("value")) or "(unstated)", _story_refs(side, outlet_of)
            )
            for side in dicts(conflict.get("sides"))
        )
        if len(sides) < 2:
            continue
        kind = clean_text(conflict.get("kind")) or "fact"
        out.append(
            Conflict(
                clean_text(conflict.get("what")) or "(no text)",
                kind,
                clean_text(conflict.get("differs_in")),
                sides,
            )
        )
    return tuple(out)


def _amount(q: Mapping[str, Any], what: str = "") -> str:
    """The amount as shown under the heading ``what``: the unit is left out when the
    heading already names it ("200,000" under "foreign troops", not "200,000 troop")."""
    value, low, high = q.get("value"), q.get("low"), q.get("high")
    unit = clean_text(q.get("unit"))
    if unit and unit.casefold() in what.casefold():
        unit = ""
    words = clean_text(q.get("text"))
    if words and not any(ch.isdigit() for ch in words):
        # A vague amount ("hundreds of thousands") reads better as written than as the
        # range it stands for (200,000-999,999).
        return words
    if isinstance(low, int | float) and isinstance(high, int | float) and low != high:
        text = f"{_fmt(low)}–{_fmt(high)}"
    elif isinstance(value, int | float):
        text = _fmt(value)
    else:
        return clean_text(q.get("text"))
    return f"{text} {unit}".strip()


# Round millions and billions read better in words: "1.5 million", "5 billion".
_LARGE = ((1e9, "billion"), (1e6, "million"))


def _fmt(number: float) -> str:
    for size, word in _LARGE:
        if abs(number) >= size and (number / size * 100).is_integer():
            return f"{number / size:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    if float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def _timeline(
    items: Iterable[Mapping[str, Any]], outlet_of: Mapping[str, str]
) -> tuple[TimelineItem, ...]:
    # By the period each date covers, not as strings: "2025-W10" comes before
    # "2025-03-31", and phrases that name no calendar date keep their reading order.
    ordered = sorted(
        items,
        key=lambda i: (0, span) if (span := date_range(clean_text(i.get("date")))) else (1,),
    )
    return tuple(
        TimelineItem(
            date=_timeline_date(i),
            text=clean_text(i.get("text") or i.get("event")),
            refs=_story_refs(i, outlet_of),
        )
        for i in ordered
    )


def _timeline_date(item: Mapping[str, Any]) -> str:
    """The date a timeline row shows; when outlets date it differently, each one's."""
    shown = clean_text(item.get("date") or item.get("value") or item.get("when"))
    if not item.get("contested"):
        return shown
    given = [
        f"{clean_text(d.get('outlet'))}: {clean_text(d.get('value'))}"
        for d in dicts(item.get("dates"))
    ]
    return f"{shown} (outlets differ: {'; '.join(given)})" if given else shown


def _framing(
    value: object, outlet_of: Mapping[str, str], articles: tuple[ArticleItem, ...]
) -> tuple[FramingCard, ...]:
    rows: list[tuple[str, Mapping[str, Any]]] = []
    if isinstance(value, Mapping):
        rows = [(str(k), v if isinstance(v, Mapping) else {"framing": v}) for k, v in value.items()]
    elif isinstance(value, list):
        rows = [
            (clean_text(v.get("article") or v.get("outlet")), v)
            for v in value
            if isinstance(v, Mapping)
        ]
    title_of = {a.id: a.title for a in articles}
    cards = []
    for key, fields in rows:
        article = key if key in outlet_of else clean_text(fields.get("article"))
        outlet = outlet_of.get(article) or clean_text(fields.get("outlet")) or key
        items = tuple(
            FramingItem(label_of(k), vals)
            for k, v in fields.items()
            if k not in ("article", "outlet", "start", "end")
            and (vals := _framing_values(v, outlet_of))
        )
        if items:
            cards.append(FramingCard(outlet, article, title_of.get(article, ""), items))
    return tuple(cards)


def _framing_values(value: object, outlet_of: Mapping[str, str]) -> tuple[str, ...]:
    if value is None or value == "" or value == [] or value == {}:
        return ()
    if isinstance(value, Mapping):
        text = _mapping_text(value)
        return (text,) if text else ()
    if isinstance(value, list | tuple):
        out: list[str] = []
        for v in value:
            out.extend(_framing_values(v, outlet_of))
        return tuple(dict.fromkeys(out))
    if isinstance(value, bool):
        return ("yes" if value else "no",)
    if isinstance(value, float):
        return (f"{value:g}",)
    return (clean_text(outlet_of.get(str(value), value)),)


# The field that names a framing item, in order of preference; the rest go in brackets.
_NAME_FIELDS = ("form", "person", "name", "entity", "text", "term")


def _mapping_text(value: Mapping[str, Any]) -> str:
    """One framing item as text: "Kiev (for Kyiv)", "Vladimir Putin: President",
    "Keir Starmer (4 quotes, 58 words)"."""
    if "person" in value and "text" in value:
        return f"{clean_text(value['person'])}: {clean_text(value['text'])}"
    name_key = next((k for k in _NAME_FIELDS if value.get(k) not in (None, "")), None)
    if name_key is None:
        return "; ".join(f"{clean_text(k)}: {clean_text(v)}" for k, v in value.items() if v)
    name = clean_text(value[name_key])
    rest = []
    for k, v in value.items():
        if k == name_key or v in (None, "", [], {}) or isinstance(v, Mapping | list):
            continue
        text = clean_text(v)
        if text == name:
            continue
        if k == "entity":
            rest.append(f"for {text}")
        elif isinstance(v, int | float) and not isinstance(v, bool):
            rest.append(f"{text} {k[:-1] if v == 1 and k.endswith('s') else k}")
        else:
            rest.append(f"{k} {text}")
    return f"{name} ({', '.join(rest)})" if rest else name


def _naming(
    items: Iterable[Mapping[str, Any]], outlet_of: Mapping[str, str]
) -> tuple[NamingItem, ...]:
    out = []
    for item in items:
        forms = tuple(
            (
                clean_text(f.get("form")),
                tuple(dict.fromkeys(outlet_of.get(a, a) for a in strings(f.get("articles")))),
            )
            for f in dicts(item.get("forms"))
            if clean_text(f.get("form"))
        )
        if len(forms) > 1:
            name = clean_text(item.get("name")) or clean_text(item.get("entity"))
            out.append(NamingItem(name or forms[0][0], forms))
    return tuple(out)


def _positions(
    items: Iterable[Mapping[str, Any]], outlet_of: Mapping[str, str]
) -> tuple[PositionItem, ...]:
    out = []
    for p in items:
        stance = clean_text(p.get("stance")) or "undecided"
        out.append(
            PositionItem(
                actor=clean_text(p.get("name") or p.get("actor")) or "Unknown actor",
                entity=clean_text(p.get("actor")) if ":" in str(p.get("actor") or "") else "",
                stance=stance,
                cue=clean_text(p.get("cue")),
                refs=_story_refs(p, outlet_of),
                is_own_forces=bool(p.get("own_forces") or p.get("is_own_forces")),
            )
        )
    order = {s: i for i, s in enumerate(_STANCES)}
    out.sort(key=lambda p: order.get(p.stance, len(order)))
    return tuple(out)


def _entity(e: Mapping[str, Any]) -> EntityItem:
    return EntityItem(
        id=clean_text(e.get("id")),
        name=clean_text(e.get("name")) or clean_text(e.get("id")),
        label=clean_text(e.get("label")),
        mentions=_opt_int(e.get("mentions")) or 0,
        outlets=strings(e.get("outlets")),
        aliases=strings(e.get("aliases")),
        descriptors=tuple(
            dict.fromkeys(
                (clean_text(d.get("outlet")), clean_text(d.get("text")))
                for d in dicts(e.get("descriptors"))
                if d.get("text")
            )
        ),
    )


def _opt_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    return None


def _published(article: Mapping[str, Any]) -> str:
    """The article's date as shown, saying when it was read from the text."""
    published = clean_text(article.get("published"))
    if published and article.get("published_inferred"):
        return f"{published} (inferred from the text)"
    return published
