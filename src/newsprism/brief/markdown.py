"""Render a briefing as Markdown (CommonMark with GitHub-style tables).

Each story is laid out as the story page of :mod:`newsprism.brief.story_view`: the
outlets side by side, a coverage matrix of facts x outlets (the facts one outlet alone
carries folded into a ``<details>`` block), conflicts side by side, who said what,
numbers, who stands where, framing per outlet, the timeline and the main entities.

Every piece of article text is escaped, so a title cannot open a link, an HTML tag or
a table cell of its own; the only HTML is the renderer's own ``<details>`` tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .outline import Matrix, coverage_matrix, missing_sections, shorten
from .page import Cell, EntityGroup, FactRow, StoryPage
from .records import Briefing
from .story_view import briefing_page

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_CARRIED = "●"
_COPIED = "○"  # carried only in a copy of another outlet's article
_EXCERPT = 200


def render_markdown(briefing: Briefing) -> str:
    """Render a briefing as a Markdown document.

    Args:
        briefing: the briefing record.

    Returns:
        The Markdown text, ending with a newline: per story the outlets as a table,
        the coverage matrix (every fact), conflicts side by side, "Who said what" as a
        list grouped by speaker, numbers, who stands where, framing per outlet, the
        timeline and entities; then the inputs that could not be read.
    """
    view = briefing_page(briefing)
    lines = ["# News briefing", ""]
    if view.pages:
        lines += [_summary(len(view.pages), view.article_count, view.outlets), ""]
    else:
        lines += ["No stories found.", ""]
    for page in view.pages:
        lines += _story(page)
    if view.failures:
        lines += ["## Inputs that could not be read", ""]
        lines += [f"- {_escape(message)}" for message in view.failures]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _summary(stories: int, articles: int, outlets: Sequence[str]) -> str:
    return (
        f"{_plural(stories, 'story', 'stories')} · {_plural(articles, 'article')} · "
        f"{_plural(len(outlets), 'outlet')}: {_escape(', '.join(outlets))}"
    )


def _story(page: StoryPage) -> list[str]:
    lines = [f"## {_escape(page.title)}", ""]
    meta = [page.dates] if page.dates else []
    meta += [
        _plural(page.article_count, "article"),
        _plural(len(page.outlet_names), "outlet"),
        _plural(page.quote_count, "quote"),
    ]
    lines += [_escape(" · ".join(meta)), ""]
    matrix = coverage_matrix(page, limit=0)
    key_of = {name: key for key, name in matrix.keys}
    if page.outlets:
        lines += ["### Outlets side by side", "", *_outlets(page, key_of), ""]
    if page.facts:
        lines += ["### Coverage: facts × outlets", "", *_coverage(page, matrix)]
    if page.conflicts:
        lines += ["### Conflicts side by side", "", *_conflicts(page)]
    if page.speakers:
        lines += ["### Who said what", "", *_speakers(page)]
    if any(not g.is_conflict for g in page.numbers):
        lines += ["### Numbers", "", *_numbers(page), ""]
    if page.positions:
        lines += ["### Who stands where", "", *_positions(page), ""]
    elif page.positions_note:
        lines += ["### Who stands where", "", _escape(page.positions_note), ""]
    if page.framing or page.naming:
        lines += ["### Framing by outlet", "", *_framing(page, key_of)]
    if page.timeline:
        lines += ["### Timeline", "", *_timeline(page), ""]
    if page.entity_groups:
        lines += ["### Entities", "", *_entities(page.entity_groups), ""]
    missing = missing_sections(page)
    if missing:
        lines += [f"*Not found yet: {', '.join(missing)}.*", ""]
    return lines


def _outlets(page: StoryPage, key_of: dict[str, str]) -> list[str]:
    rows = [
        (
            key_of[column.name] if i == 0 else "",
            column.label if i == 0 else "",
            article.title,
            article.published,
            str(article.quotes),
            str(article.facts),
        )
        for column in page.outlets
        for i, article in enumerate(column.articles)
    ]
    notes = [
        f"*Note on {_escape(article.title)}: {_escape(note)}.*"
        for column in page.outlets
        for article in column.articles
        for note in article.notes
    ]
    table = _table(("Key", "Outlet", "Article", "Published", "Quotes", "Facts"), rows)
    return [*table, "", *notes] if notes else table


def _coverage(page: StoryPage, matrix: Matrix) -> list[str]:
    keys = [k for k, _ in matrix.keys]
    if matrix.rows:
        lines = [*_matrix(matrix.rows, keys), ""]
    else:
        lines = ["*No fact is carried by more than one outlet.*", ""]
    shown = {id(f) for f in matrix.rows}
    single = [f for f in page.facts if id(f) not in shown]
    if single:
        count = _plural(len(single), "fact")
        lines += [f"<details><summary>{count} carried by one outlet only</summary>", ""]
        lines += [*_matrix(single, keys), "", "</details>", ""]
    if any(c.is_copy for fact in page.facts for c in fact.cells):
        lines += [f"{_COPIED} carried only in a copy of another outlet's article.", ""]
    return lines


def _conflicts(page: StoryPage) -> list[str]:
    lines = []
    for conflict in page.conflicts:
        label = "contested" if conflict.kind == "fact" else "outlets disagree"
        if conflict.kind == "fact" and conflict.differs_in:
            label += f", differs in {conflict.differs_in}"
        lines += [f"#### {_escape(conflict.what)} ({_escape(label)})", ""]
        sides = conflict.sides
        words = tuple(
            " / ".join(f"“{shorten(r.text, _EXCERPT)}”" for r in s.refs[:2] if r.text != s.value)
            for s in sides
        )
        rows = [tuple(", ".join(s.outlets) for s in sides), words]
        lines += [*_table(tuple(s.value for s in sides), rows), ""]
    return lines


def _speakers(page: StoryPage) -> list[str]:
    lines = []
    for speaker in page.speakers:
        lines += [f"- **{_escape(speaker.name)}** ({_plural(len(speaker.quotes), 'quote')})", ""]
        for quote in speaker.quotes:
            words = _escape(quote.text)
            words = f"“{words}”" if quote.is_direct else f"*{words}*"
            kind = f"{quote.kind} ({quote.cue})" if quote.cue else quote.kind
            source = " · ".join([kind, *dict.fromkeys(r.outlet for r in quote.refs)])
            lines += [f"  > {words}", f"  > — {_escape(source)}", ""]
    return lines


def _numbers(page: StoryPage) -> list[str]:
    rows = [
        (
            group.what if i == 0 else "",
            item.value,
            item.source or "the outlet",
            item.ref.outlet if item.ref else "",
        )
        for group in page.numbers
        if not group.is_conflict  # shown side by side under conflicts
        for i, item in enumerate(group.items)
    ]
    return _table(("What", "Amount", "Given by", "Outlet"), rows)


def _positions(page: StoryPage) -> list[str]:
    rows = [
        (
            p.actor + (" (its own forces)" if p.is_own_forces else ""),
            p.stance + (f" (“{p.cue}”)" if p.cue else ""),
            "; ".join(
                f"“{shorten(r.text, _EXCERPT)}” ({r.outlet})" if r.text else r.outlet
                for r in p.refs
            ),
        )
        for p in page.positions
    ]
    return _table(("Actor", "Stance", "Shown by"), rows)


def _framing(page: StoryPage, key_of: dict[str, str]) -> list[str]:
    lines = []
    if page.naming:
        rows = [
            (item.name, "; ".join(f"{form} ({', '.join(outs)})" for form, outs in item.forms))
            for item in page.naming
        ]
        lines += [*_table(("Naming of", "Forms used (outlets)"), rows), ""]
    for card in page.framing:
        key = key_of.get(card.outlet, "")
        lines += [f"#### {_escape(f'{key} · {card.outlet}' if key else card.outlet)}", ""]
        for item in card.items:
            values = "; ".join(shorten(v, _EXCERPT) for v in item.values)
            lines.append(f"- **{_escape(item.label)}**: {_escape(values)}")
        lines.append("")
    return lines


def _timeline(page: StoryPage) -> list[str]:
    rows = [
        (
            item.date or "undated",
            item.text,
            ", ".join(dict.fromkeys(r.outlet for r in item.refs)),
        )
        for item in page.timeline
    ]
    return _table(("When", "What", "Outlets"), rows)


def _entities(groups: tuple[EntityGroup, ...]) -> list[str]:
    rows = [
        (
            group.title,
            e.name,
            str(e.mentions),
            ", ".join(e.outlets),
            "; ".join(f"{text} ({outlet})" for outlet, text in e.outlet_descriptors),
        )
        for group in groups
        for e in group.entities
    ]
    return _table(("Kind", "Name", "Mentions", "Outlets", "Described as"), rows)


def _matrix(facts: Sequence[FactRow], keys: Sequence[str]) -> list[str]:
    rows = [(fact.text, fact.status, *(_cell(c) for c in fact.cells)) for fact in facts]
    return _table(("Fact", "Status", *keys), rows)


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(_escape(c) for c in cells) + " |"

    return [line(headers), "| " + " | ".join("---" for _ in headers) + " |", *map(line, rows)]


def _escape(text: str) -> str:
    """Backslash-escape what Markdown would read as markup; ``|`` ends table cells."""
    return _SPECIAL.sub(r"\\\1", text)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _cell(cell: Cell) -> str:
    if not cell.count:
        return ""
    return _COPIED if cell.is_copy else _CARRIED
