"""The story page: one story's briefing record laid out for reading.

Shared by the web app's story page, the HTML report (templates ``_story_page*.html.j2``
in ``newsprism/brief/templates``) and the terminal and Markdown briefings.
:func:`story_page` lays out a :class:`~newsprism.brief.records.StoryBriefing` as
display-ready text (whitespace collapsed, control characters dropped; the templates
escape all of it). It decides nothing about the story: what is contested, which
figures conflict and who stands where come from the record; this module only orders,
groups and labels them for reading.

What it lays out, per story:

- outlets side by side: each outlet's articles, quotes and facts carried;
- the coverage matrix: facts x outlets, each cell how much of the fact the outlet
  carries (0 to 3 pieces of evidence), the status of each fact;
- who said what: quotes grouped by speaker, each with every outlet that carries it;
- numbers: figures grouped by what they count, a group all of whose figures are in a
  conflict flagged as one;
- conflicts side by side, one side per value with the outlets and words that give it;
- copies: an outlet running another's article is shown as running it ("AP, also run
  by Yahoo News"), and where it carries a fact;
- the timeline, framing per outlet, who stands where and the main entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..models import Evidence
from .page import (
    ArticleItem,
    BriefingPage,
    Cell,
    Conflict,
    ConflictSide,
    EntityGroup,
    EntityItem,
    FactRow,
    FramingCard,
    FramingItem,
    NamingItem,
    NumberGroup,
    NumberItem,
    OutletColumn,
    PositionItem,
    QuoteItem,
    Ref,
    SpeakerGroup,
    StoryPage,
    TimelineItem,
)
from .records import (
    Briefing,
    DateSpan,
    QuoteSpeaker,
    StoryArticle,
    StoryBriefing,
    StoryConflict,
    StoryEntity,
    StoryFact,
    StoryFraming,
    StoryNaming,
    StoryPosition,
    StoryQuantity,
    StoryQuote,
    TimelineRow,
)
from .values import PRONOUNS, QUOTE_MARKS, UNATTRIBUTED, clean_text

__all__ = ["briefing_page", "story_page"]

# Cells of the coverage matrix saturate at this many pieces of evidence.
_HEAT_LEVELS = 3
_STANCES = ("supports", "opposes", "conditional", "undecided")
_ENTITY_GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    ("People", frozenset({"PERSON"})),
    ("Organisations", frozenset({"ORG"})),
    ("Places", frozenset({"GPE", "LOC", "FAC"})),
)
# Entities per group in the plain-text briefings' entity table: a screenful.
_TOP_ENTITIES = 8
# Long enough for a fact's sentence, short enough for a framing line naming it.
_FACT_NAME_CHARS = 120


def briefing_page(briefing: Briefing) -> BriefingPage:
    """Lay out a whole briefing: each story with :func:`story_page`.

    Example:
        >>> briefing_page(Briefing()).pages
        ()
    """
    pages = tuple(story_page(s) for s in briefing.stories)
    failures = []
    for f in briefing.failures:
        path, error = clean_text(f.source), clean_text(f.error) or "could not be read"
        # Errors usually start with their input already ("bad.bin: not text").
        failures.append(error if not path or error.startswith(path) else f"{path}: {error}")
    return BriefingPage(
        pages=pages,
        outlets=tuple(dict.fromkeys(o for p in pages for o in p.outlet_names)),
        article_count=sum(p.article_count for p in pages),
        failures=tuple(failures),
    )


def story_page(story: StoryBriefing) -> StoryPage:
    """Lay out one story of the briefing for reading.

    Args:
        story: the story's briefing record.

    Returns:
        A :class:`StoryPage` of display-ready text.

    Example:
        >>> story_page(StoryBriefing(id="s", title="T")).facts
        ()
    """
    outlet_of = {a.id: _outlet(a) for a in story.articles}
    outlet_names = tuple(dict.fromkeys(outlet_of.values()))
    facts = _sorted_facts(_fact(f, outlet_names, outlet_of) for f in story.facts)
    speakers = _speakers(story.quotes, outlet_of)
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
            id=a.id,
            outlet=outlet_of[a.id],
            title=clean_text(a.title) or "(untitled)",
            published=_published(a),
            quotes=quote_counts.get(a.id, 0),
            facts=fact_counts.get(a.id, 0),
            copy_of=outlet_of.get(a.duplicate_of or "", ""),
            notes=a.notes,
        )
        for a in story.articles
    )
    columns = []
    for name in outlet_names:
        mine = tuple(a for a in articles if a.outlet == name)
        facts_carried = sum(1 for row in facts for c in row.cells if c.outlet == name and c.count)
        also = tuple(
            dict.fromkeys(a.outlet for a in articles if a.copy_of == name and a.outlet != name)
        )
        columns.append(OutletColumn(name, mine, sum(a.quotes for a in mine), facts_carried, also))
    entities = tuple(_entity(e) for e in story.entities)
    return StoryPage(
        id=clean_text(story.id) or "story",
        title=clean_text(story.title) or "Untitled story",
        dates=_dates(story.span),
        outlets=tuple(columns),
        outlet_names=outlet_names,
        facts=facts,
        speakers=speakers,
        numbers=_numbers(story.quantities, outlet_of),
        conflicts=tuple(_conflict(c, outlet_of) for c in story.conflicts),
        timeline=tuple(_timeline_item(t, outlet_of) for t in story.timeline),
        framing=_framing(story.framing, outlet_of, _fact_names(facts), articles),
        naming=_naming(story.naming, outlet_of),
        positions=_positions(story.positions, outlet_of),
        entities=entities,
        article_count=len(articles),
        quote_count=sum(len(g.quotes) for g in speakers),
        positions_note=clean_text(story.positions_note),
        entity_groups=_entity_groups(entities),
    )


# -- pieces -------------------------------------------------------------------------


def _outlet(article: StoryArticle) -> str:
    return clean_text(article.outlet) or "Unknown outlet"


def _dates(span: DateSpan) -> str:
    """A story's span as "first – last", or the one date known, or ""."""
    first, last = clean_text(span.first), clean_text(span.last)
    if first and last and first != last:
        return f"{first} – {last}"
    return first or last


def _ref(e: Evidence, outlet_of: Mapping[str, str]) -> Ref:
    return Ref(
        article=e.article_id,
        outlet=clean_text(e.outlet) or outlet_of.get(e.article_id, "Unknown outlet"),
        start=e.start,
        end=e.end,
        text=clean_text(e.text),
    )


def _refs(evidence: Iterable[Evidence], outlet_of: Mapping[str, str]) -> tuple[Ref, ...]:
    return tuple(_ref(e, outlet_of) for e in evidence)


def _fact(fact: StoryFact, outlets: tuple[str, ...], outlet_of: Mapping[str, str]) -> FactRow:
    refs = _refs(fact.evidence, outlet_of)
    sides = tuple((clean_text(side.value), _refs(side.evidence, outlet_of)) for side in fact.sides)
    for _, side_refs in sides:
        refs += tuple(r for r in side_refs if r not in refs)
    copies = _refs(fact.copies, outlet_of)
    cells = []
    for outlet in outlets:
        mine = tuple(r for r in refs if r.outlet == outlet)
        count = len(mine)
        is_copy = not count and any(r.outlet == outlet for r in copies)
        if is_copy:
            mine = tuple(r for r in copies if r.outlet == outlet)
            count = len(mine)
        cells.append(Cell(outlet, min(count, _HEAT_LEVELS), count, mine, is_copy))
    return FactRow(
        id=clean_text(fact.id),
        text=clean_text(fact.text) or "(no text)",
        status=fact.status,
        cells=tuple(cells),
        outlets=sum(1 for c in cells if c.count and not c.is_copy),
        differs_in=clean_text(fact.differs_in),
        sides=sides,
    )


def _fact_names(facts: Iterable[FactRow]) -> dict[str, str]:
    """Fact ids to short texts, for framing items that name facts (what an outlet omits)."""
    limit = _FACT_NAME_CHARS
    return {
        f.id: f.text if len(f.text) <= limit else f.text[: limit - 1].rstrip() + "…" for f in facts
    }


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


def _speaker_key(speaker: QuoteSpeaker) -> tuple[str, str, str]:
    """The grouping key, display name and entity id of a quote's speaker; key "" (and
    name UNATTRIBUTED) when the speaker is missing or only a pronoun."""
    name = clean_text(speaker.name)
    shown = name or clean_text(speaker.description) or clean_text(speaker.text)
    entity = clean_text(speaker.entity)
    if entity:
        return f"entity:{entity}", shown or entity, entity
    if not shown or shown.casefold() in PRONOUNS:
        return "", UNATTRIBUTED, ""
    return f"name:{shown.casefold()}", shown, ""


def _speakers(
    quotes: Iterable[StoryQuote], outlet_of: Mapping[str, str]
) -> tuple[SpeakerGroup, ...]:
    first_article: dict[str, str] = {}
    for article, outlet in outlet_of.items():
        first_article.setdefault(outlet, article)
    names: dict[str, tuple[str, str]] = {}
    grouped: dict[str, list[QuoteItem]] = {}
    for quote in quotes:
        key, name, entity = _speaker_key(quote.speaker)
        names.setdefault(key, (name, entity))
        # Reported words usually end on the comma before "he said"; the mark adds nothing.
        text = clean_text(quote.text).rstrip(" ,;:")
        if quote.kind == "direct":
            text = text.strip(QUOTE_MARKS).strip()
        outlet = clean_text(quote.outlet) or outlet_of.get(quote.article_id, "Unknown outlet")
        refs = [Ref(quote.article_id, outlet, quote.start, quote.end, clean_text(quote.text))]
        for other in dict.fromkeys(clean_text(o) for o in quote.outlets):
            if other and all(r.outlet != other for r in refs):
                refs.append(Ref(article=first_article.get(other, ""), outlet=other))
        item = QuoteItem(
            text, quote.kind, quote.kind == "direct", tuple(refs), clean_text(quote.cue)
        )
        grouped.setdefault(key, []).append(item)
    # Most-quoted first; first appearance breaks ties; unattributed last.
    order = sorted(grouped, key=lambda k: (k == "", -len(grouped[k])))
    return tuple(SpeakerGroup(names[k][0], names[k][1], tuple(grouped[k])) for k in order)


def _numbers(
    quantities: Iterable[StoryQuantity], outlet_of: Mapping[str, str]
) -> tuple[NumberGroup, ...]:
    """Figures grouped by what they count, groups in conflict first; a group is flagged
    as a conflict when each of its figures is (the record's ``is_in_conflict``)."""
    groups: dict[str, list[tuple[NumberItem, bool]]] = {}
    labels: dict[str, str] = {}
    for q in quantities:
        what = clean_text(q.what) or q.kind
        ref = Ref(
            article=q.article_id,
            outlet=clean_text(q.outlet) or outlet_of.get(q.article_id, "Unknown outlet"),
            start=q.start,
            end=q.end,
            text=clean_text(q.text),
        )
        asserter = clean_text(q.asserter)
        item = NumberItem(
            clean_text(q.text), _amount(q, what), "" if asserter == "outlet" else asserter, ref
        )
        labels.setdefault(what.casefold(), what)
        groups.setdefault(what.casefold(), []).append((item, q.is_in_conflict))
    out = [
        NumberGroup(labels[key], tuple(i for i, _ in items), all(c for _, c in items))
        for key, items in groups.items()
    ]
    out.sort(key=lambda g: not g.is_conflict)
    return tuple(out)


def _conflict(conflict: StoryConflict, outlet_of: Mapping[str, str]) -> Conflict:
    """A conflict as the comparison found it, each side with the outlets and words that
    give it."""
    sides = tuple(
        ConflictSide(clean_text(side.value) or "(unstated)", _refs(side.evidence, outlet_of))
        for side in conflict.sides
    )
    return Conflict(
        clean_text(conflict.what) or "(no text)",
        conflict.kind,
        clean_text(conflict.differs_in),
        sides,
    )


def _amount(q: StoryQuantity, what: str = "") -> str:
    """The amount as shown under the heading ``what``: the unit is left out when the
    heading already names it ("200,000" under "foreign troops", not "200,000 troop")."""
    unit = clean_text(q.unit)
    if unit and unit.casefold() in what.casefold():
        unit = ""
    words = clean_text(q.text)
    if words and not any(ch.isdigit() for ch in words):
        # A vague amount ("hundreds of thousands") reads better as written than as the
        # range it stands for (200,000-999,999).
        return words
    if q.low is not None and q.high is not None and q.low != q.high:
        text = f"{_fmt(q.low)}–{_fmt(q.high)}"
    elif q.value is not None:
        text = _fmt(q.value)
    else:
        return words
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


def _timeline_item(row: TimelineRow, outlet_of: Mapping[str, str]) -> TimelineItem:
    """A timeline row as shown; when outlets date it differently, each one's date."""
    shown = clean_text(row.date)
    if row.is_contested and row.dates:
        given = "; ".join(f"{clean_text(d.outlet)}: {clean_text(d.value)}" for d in row.dates)
        shown = f"{shown} (outlets differ: {given})"
    return TimelineItem(date=shown, text=clean_text(row.text), refs=_refs(row.evidence, outlet_of))


def _framing(
    framing: Mapping[str, StoryFraming],
    outlet_of: Mapping[str, str],
    fact_names: Mapping[str, str],
    articles: tuple[ArticleItem, ...],
) -> tuple[FramingCard, ...]:
    title_of = {a.id: a.title for a in articles}
    cards = []
    for article, f in framing.items():
        items = tuple(
            FramingItem(label, values)
            for label, values in (
                ("Naming", _unique(_form_text(n.form, n.entity) for n in f.naming)),
                ("Loaded language", _unique(f.loaded_language)),
                ("Sources", _unique(_source_text(s.name, s.quotes, s.words) for s in f.sources)),
                (
                    "Descriptors",
                    _unique(
                        f"{clean_text(d.person)}: {clean_text(d.text)}"
                        for d in f.person_descriptors
                    ),
                ),
                ("Omits", _unique(fact_names.get(i, i) for i in f.omits)),
            )
            if values
        )
        if items:
            outlet = outlet_of.get(article) or clean_text(f.outlet) or article
            cards.append(FramingCard(outlet, article, title_of.get(article, ""), items))
    return tuple(cards)


def _form_text(form: str, entity: str) -> str:
    """A naming choice: "Kiev (for Kyiv)", or the form alone when it is the name."""
    form, entity = clean_text(form), clean_text(entity)
    return f"{form} (for {entity})" if entity and entity != form else form


def _source_text(name: str, quotes: int, words: int) -> str:
    """A quoted source: "Keir Starmer (4 quotes, 58 words)"."""
    counts = f"{quotes} quote{'s' * (quotes != 1)}, {words} word{'s' * (words != 1)}"
    return f"{clean_text(name)} ({counts})"


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for v in values if (t := clean_text(v))))


def _naming(items: Iterable[StoryNaming], outlet_of: Mapping[str, str]) -> tuple[NamingItem, ...]:
    out = []
    for item in items:
        forms = tuple(
            (
                clean_text(f.form),
                tuple(dict.fromkeys(outlet_of.get(a, a) for a in f.articles)),
            )
            for f in item.forms
            if clean_text(f.form)
        )
        if len(forms) > 1:
            name = clean_text(item.name) or clean_text(item.entity)
            out.append(NamingItem(name or forms[0][0], forms))
    return tuple(out)


def _positions(
    items: Iterable[StoryPosition], outlet_of: Mapping[str, str]
) -> tuple[PositionItem, ...]:
    out = [
        PositionItem(
            actor=clean_text(p.actor) or "Unknown actor",
            entity=clean_text(p.entity),
            stance=p.stance,
            cue=clean_text(p.cue),
            refs=_refs(p.evidence, outlet_of),
            is_own_forces=p.is_own_forces,
        )
        for p in items
    ]
    order = {s: i for i, s in enumerate(_STANCES)}
    out.sort(key=lambda p: order.get(p.stance, len(order)))
    return tuple(out)


def _entity(e: StoryEntity) -> EntityItem:
    return EntityItem(
        id=clean_text(e.id),
        name=clean_text(e.name) or clean_text(e.id),
        label=clean_text(e.label),
        mentions=e.mentions,
        outlets=_unique(e.outlets),
        aliases=_unique(e.aliases),
        outlet_descriptors=tuple(
            dict.fromkeys(
                (clean_text(d.outlet), clean_text(d.text))
                for d in e.outlet_descriptors
                if clean_text(d.text)
            )
        ),
    )


def _entity_groups(entities: Sequence[EntityItem]) -> tuple[EntityGroup, ...]:
    """People, organisations and places, each most mentioned first."""
    groups = []
    for title, labels in _ENTITY_GROUPS:
        members = sorted((e for e in entities if e.label in labels), key=lambda e: -e.mentions)
        if members:
            groups.append(EntityGroup(title, tuple(members[:_TOP_ENTITIES])))
    return tuple(groups)


def _published(article: StoryArticle) -> str:
    """The article's date as shown, saying when it was read from the text."""
    published = clean_text(article.published)
    if published and article.is_published_inferred:
        return f"{published} (inferred from the text)"
    return published
