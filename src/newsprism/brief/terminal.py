"""Render a briefing to a terminal with rich.

Each story is laid out as the story page of :mod:`newsprism.brief.story_view` is in the
browser, narrowed to a terminal: the outlets side by side under short keys (A, B, ...),
a coverage matrix of facts x outlets, conflicts side by side, who said what, numbers,
who stands where, framing per outlet, the timeline and the main entities.

Article text only ever reaches rich inside :class:`rich.text.Text` objects, never as a
markup string, so a title such as ``[red]x[/red]`` is printed as it is written.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .outline import Matrix, coverage_matrix, missing_sections, shorten
from .page import Conflict, EntityGroup, StoryPage
from .records import Briefing
from .story_view import briefing_page

_OUTLET = "magenta"
_STATUS_STYLES = {"corroborated": "green", "single-source": "yellow", "contested": "red"}
_STANCE_STYLES = {
    "supports": "green",
    "opposes": "red",
    "conditional": "yellow",
    "undecided": "dim",
}
# Rows of the coverage matrix before single-source facts are only counted: a screenful.
MATRIX_ROWS = 15
# Outlet columns of the matrix; a story with more outlets lists the rest under the table.
MATRIX_OUTLETS = 12
# Values listed per framing item before "+N more": what fits a few terminal lines.
FRAMING_VALUES = 6
_CARRIED, _ABSENT = "●", "·"
_COPIED = "○"  # carried only in a copy of another outlet's article
_EXCERPT = 140
_SHORT = 90


def render_terminal(briefing: Briefing, console: Console) -> None:
    """Print a briefing on a rich console.

    Per story: a header with its dates and counts, the outlets side by side, the
    coverage matrix (facts x outlets), conflicts side by side, "Who said what" grouped
    by speaker, numbers, who stands where, framing per outlet, the timeline, the main
    entities; the inputs that could not be read come last, in red. Fits an 80-column
    terminal.

    Args:
        briefing: the briefing record.
        console: where to print, e.g. ``Console()`` or
            ``Console(file=io.StringIO(), width=80)`` to capture the output.
    """
    view = briefing_page(briefing)
    if not view.pages:
        console.print(Text("No stories found.", style="dim"))
    for page in view.pages:
        _print_story(console, page)
    if view.failures:
        count = len(view.failures)
        noun = "input" if count == 1 else "inputs"
        console.print(Text(f"{count} {noun} could not be read:", style="bold red"))
        for message in view.failures:
            console.print(_indent(Text(message, style="red")))


def _print_story(console: Console, page: StoryPage) -> None:
    console.rule(style="cyan")
    console.print(Text(page.title, style="bold cyan"))
    meta = [page.dates] if page.dates else []
    meta += [
        _count(page.article_count, "article"),
        _count(len(page.outlet_names), "outlet"),
        _count(page.quote_count, "quote"),
    ]
    console.print(Text(" · ".join(meta), style="dim"))
    matrix = coverage_matrix(page, limit=MATRIX_ROWS)
    key_of = {name: key for key, name in matrix.keys}
    if page.outlets:
        _heading(console, "Outlets side by side")
        _print_outlets(console, page, key_of)
    if page.facts:
        _heading(console, "Coverage: facts × outlets")
        _print_matrix(console, matrix)
    if page.conflicts:
        _heading(console, "Conflicts side by side")
        for conflict in page.conflicts:
            _print_conflict(console, conflict, key_of)
    if page.speakers:
        _heading(console, "Who said what")
        _print_speakers(console, page, key_of)
    if any(not g.is_conflict for g in page.numbers):
        _heading(console, "Numbers")
        _print_numbers(console, page, key_of)
    if page.positions:
        _heading(console, "Who stands where")
        _print_positions(console, page, key_of)
    elif page.positions_note:
        _heading(console, "Who stands where")
        console.print(page.positions_note, markup=False)
    if page.framing or page.naming:
        _heading(console, "Framing by outlet")
        _print_framing(console, page, key_of)
    if page.timeline:
        _heading(console, "Timeline")
        _print_timeline(console, page, key_of)
    if page.entity_groups:
        _heading(console, "Entities")
        _print_entities(console, page.entity_groups, key_of)
    missing = missing_sections(page)
    if missing:
        console.print()
        console.print(Text(f"Not found yet: {', '.join(missing)}.", style="dim"))
    console.print()


def _print_outlets(console: Console, page: StoryPage, key_of: dict[str, str]) -> None:
    table = _table("", "Outlet", "Article", "Quotes", "Facts")
    for column in page.outlets:
        for i, article in enumerate(column.articles):
            title = Text(article.title)
            if article.published:
                title.append(f"  {article.published}", style="dim")
            for note in article.notes:
                title.append(f"\nNote: {note}", style="yellow")
            table.add_row(
                Text(key_of[column.name] if i == 0 else "", style="bold"),
                Text(column.label if i == 0 else "", style=_OUTLET),
                title,
                Text(str(article.quotes)),
                Text(str(article.facts)),
            )
    console.print(table)


def _print_numbers(console: Console, page: StoryPage, key_of: dict[str, str]) -> None:
    table = _table("What", "Amount", "Given by", "")
    for group in page.numbers:
        if group.is_conflict:
            continue  # shown side by side under conflicts
        for i, item in enumerate(group.items):
            table.add_row(
                Text(group.what if i == 0 else "", style="bold"),
                Text(item.value),
                Text(item.source or "the outlet", style="" if item.source else "dim"),
                Text(key_of.get(item.ref.outlet, "") if item.ref else "", style=_OUTLET),
            )
    console.print(table)


def _print_positions(console: Console, page: StoryPage, key_of: dict[str, str]) -> None:
    table = _table("Actor", "Stance", "Shown by")
    for position in page.positions:
        actor = Text(position.actor, style="bold")
        if position.is_own_forces:
            actor.append("\nits own forces", style="dim")
        stance = Text(position.stance, style=_STANCE_STYLES.get(position.stance, ""))
        if position.cue:
            stance.append(f"\n“{position.cue}”", style="dim")
        shown = Text()
        for i, ref in enumerate(position.refs[:2]):
            shown.append("\n" if i else "")
            if ref.text:
                shown.append(f"“{shorten(ref.text, _EXCERPT)}” ")
            shown.append(key_of.get(ref.outlet, ref.outlet), style=_OUTLET)
        if len(position.refs) > 2:
            shown.append(f"\n+{len(position.refs) - 2} more", style="dim")
        table.add_row(actor, stance, shown)
    console.print(table)


def _print_timeline(console: Console, page: StoryPage, key_of: dict[str, str]) -> None:
    table = _table("When", "What", "")
    for item in page.timeline:
        outlets = dict.fromkeys(key_of.get(r.outlet, r.outlet) for r in item.refs)
        table.add_row(
            Text(item.date or "undated", style="bold"),
            Text(shorten(item.text, _EXCERPT)),
            Text(" ".join(outlets), style=_OUTLET),
        )
    console.print(table)


def _print_entities(
    console: Console, groups: tuple[EntityGroup, ...], key_of: dict[str, str]
) -> None:
    table = _table("Kind", "Name", "#", "Outlets")
    for group in groups:
        for i, entity in enumerate(group.entities):
            name = Text(entity.name)
            # One line per descriptor, with every outlet that uses it.
            by_text: dict[str, list[str]] = {}
            for outlet, text in entity.outlet_descriptors:
                by_text.setdefault(text, []).append(key_of.get(outlet, outlet))
            for text, keys in by_text.items():
                name.append(f"\n{text} ({' '.join(dict.fromkeys(keys))})", style="dim")
            table.add_row(
                Text(group.title if i == 0 else ""),
                name,
                Text(str(entity.mentions)),
                Text(" ".join(key_of.get(o, o) for o in entity.outlets), style=_OUTLET),
            )
    console.print(table)


def _print_matrix(console: Console, matrix: Matrix) -> None:
    keys = matrix.keys[:MATRIX_OUTLETS]
    table = _table("Fact", "Status", *(k for k, _ in keys))
    for column in table.columns[2:]:
        column.justify = "center"
    table.columns[0].ratio = 1
    for fact in matrix.rows:
        cells = [
            (Text(_COPIED, style="cyan") if c.is_copy else Text(_CARRIED, style="bold cyan"))
            if c.count
            else Text(_ABSENT, style="dim")
            for c in fact.cells[: len(keys)]
        ]
        status = Text(fact.status, style=_STATUS_STYLES.get(fact.status, ""))
        table.add_row(Text(shorten(fact.text, _SHORT)), status, *cells)
    console.print(table)
    notes = []
    if matrix.hidden_total:
        counts = ", ".join(f"{_key(matrix, o)} {n}" for o, n in matrix.hidden)
        notes.append(
            f"{_count(matrix.hidden_total, 'more fact')} carried by one outlet only "
            f"({counts}); --format md or json lists every fact."
        )
    if len(matrix.keys) > len(keys):
        notes.append(f"{len(matrix.keys) - len(keys)} more outlets are not shown as columns.")
    if any(c.is_copy for fact in matrix.rows for c in fact.cells):
        notes.append(f"{_COPIED} carried only in a copy of another outlet's article.")
    for note in notes:
        console.print(_indent(Text(note, style="dim")))


def _key(matrix: Matrix, outlet: str) -> str:
    return next((k for k, name in matrix.keys if name == outlet), outlet)


def _print_conflict(console: Console, conflict: Conflict, key_of: dict[str, str]) -> None:
    title = Text(conflict.what, style="bold")
    label = "contested" if conflict.kind == "fact" else "outlets disagree"
    title.append(f"  {label}", style="red")
    if conflict.kind == "fact" and conflict.differs_in:
        title.append(f" (differs in {conflict.differs_in})", style="dim")
    console.print(_indent(title))
    table = Table(box=box.ROUNDED, show_header=True, header_style="bold red", expand=False)
    cells = []
    for side in conflict.sides:
        table.add_column(Text(side.value), overflow="fold")
        cell = Text()
        cell.append(" ".join(key_of.get(o, o) for o in side.outlets), style=_OUTLET)
        for ref in side.refs[:2]:
            if ref.text and ref.text != side.value:
                cell.append(f"\n“{shorten(ref.text, _EXCERPT)}”")
        cells.append(cell)
    table.add_row(*cells)
    console.print(_indent(table))


def _print_speakers(console: Console, page: StoryPage, key_of: dict[str, str]) -> None:
    for i, speaker in enumerate(page.speakers):
        if i:
            console.print()
        line = Text(speaker.name, style="bold")
        line.append(f"  {_count(len(speaker.quotes), 'quote')}", style="dim")
        console.print(line)
        for j, quote in enumerate(speaker.quotes):
            if j:
                console.print()
            words = Text(f"“{quote.text}”" if quote.is_direct else quote.text)
            if not quote.is_direct:
                words.stylize("italic")
            source = Text("— ", style="dim")
            source.append(quote.kind, style="dim")
            if quote.cue:
                source.append(f" ({quote.cue})", style="dim")
            for ref in quote.refs:
                source.append(" · ", style="dim")
                source.append(key_of.get(ref.outlet, ref.outlet), style=_OUTLET)
            console.print(_indent(words))
            console.print(_indent(source, 4))


def _print_framing(console: Console, page: StoryPage, key_of: dict[str, str]) -> None:
    if page.naming:
        table = _table("Naming of", "Forms used (outlets)")
        for item in page.naming:
            forms = Text()
            for i, (form, outlets) in enumerate(item.forms):
                forms.append("  " if i else "")
                forms.append(form, style="bold")
                forms.append(" " + " ".join(key_of.get(o, o) for o in outlets), style=_OUTLET)
            table.add_row(Text(item.name), forms)
        console.print(table)
    for card in page.framing:
        line = Text(key_of.get(card.outlet, ""), style="bold")
        line.append(f" {card.outlet}", style=f"bold {_OUTLET}")
        console.print()
        console.print(line)
        for framing in card.items:
            values = "; ".join(shorten(v, _SHORT) for v in framing.values[:FRAMING_VALUES])
            text = Text(f"{framing.label}: ", style="bold")
            text.append(values)
            if len(framing.values) > FRAMING_VALUES:
                text.append(f"; +{len(framing.values) - FRAMING_VALUES} more", style="dim")
            console.print(_indent(text))


def _heading(console: Console, title: str) -> None:
    console.print()
    console.print(Text(title, style="bold underline"))


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _indent(renderable: Text | Table, width: int = 2) -> Padding:
    # expand=False: no trailing spaces padded out to the console width.
    return Padding(renderable, (0, 0, 0, width), expand=False)


def _table(*headers: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for header in headers:
        table.add_column(header, overflow="fold")
    return table
