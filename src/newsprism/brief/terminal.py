"""Render a briefing to a terminal with rich.

Article text only ever reaches rich inside :class:`rich.text.Text` objects, never as a
markup string, so a title such as ``[red]x[/red]`` is printed as it is written.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .render import Briefing, QuoteView, Section, StoryView, prepare

_OUTLET = "magenta"
_STATUS_STYLES = {"corroborated": "green", "single-source": "yellow", "contested": "red"}


def render_terminal(briefing: Briefing, console: Console) -> None:
    """Print a briefing on a rich console.

    Per story: a header with its dates and outlets, the articles, "Who said what"
    grouped by speaker, the main entities and every other non-empty section; the
    inputs that could not be read come last, in red. Fits an 80-column terminal.

    Args:
        briefing: the briefing dict.
        console: where to print, e.g. ``Console()`` or
            ``Console(file=io.StringIO(), width=80)`` to capture the output.
    """
    view = prepare(briefing)
    if not view.stories:
        console.print(Text("No stories found.", style="dim"))
    for story in view.stories:
        _print_story(console, story)
    if view.failures:
        count = len(view.failures)
        noun = "input" if count == 1 else "inputs"
        console.print(Text(f"{count} {noun} could not be read:", style="bold red"))
        for failure in view.failures:
            console.print(_indent(Text(failure.message, style="red")))


def _print_story(console: Console, story: StoryView) -> None:
    console.rule(style="cyan")
    console.print(Text(story.title, style="bold cyan"))
    meta = Text(style="dim")
    if story.dates:
        meta.append(story.dates + "  ")
    for outlet in story.outlets:
        meta.append(outlet, style=f"bold {_OUTLET} not dim")
        meta.append("  ")
    if meta:
        console.print(meta)
    if story.articles:
        console.print()
        table = _table("Outlet", "Title", "Published")
        for article in story.articles:
            table.add_row(
                Text(article.outlet, style=_OUTLET), Text(article.title), Text(article.published)
            )
        console.print(table)
    if story.speakers:
        _heading(console, "Who said what")
        for i, speaker in enumerate(story.speakers):
            if i:
                console.print()
            n = len(speaker.quotes)
            line = Text(speaker.name, style="bold")
            line.append(f"  {n} quote{'s' * (n != 1)}", style="dim")
            console.print(line)
            for j, quote in enumerate(speaker.quotes):
                if j:
                    console.print()
                _print_quote(console, quote)
    if story.entity_groups:
        _heading(console, "Entities")
        table = _table("Kind", "Name", "#", "Outlets")
        for group in story.entity_groups:
            for i, entity in enumerate(group.entities):
                name = Text(entity.name)
                for outlet, text in entity.descriptors:
                    name.append(f"\n{text} ({outlet})", style="dim")
                table.add_row(
                    Text(group.title if i == 0 else ""),
                    name,
                    Text(str(entity.mentions)),
                    Text(", ".join(entity.outlets), style=_OUTLET),
                )
        console.print(table)
    for section in story.sections:
        _heading(console, section.title)
        console.print(_section_table(section))
    if story.missing:
        console.print()
        console.print(Text(f"Not found yet: {', '.join(story.missing).lower()}.", style="dim"))
    console.print()


def _print_quote(console: Console, quote: QuoteView) -> None:
    words = Text(f"“{quote.text}”" if quote.is_direct else quote.text)
    if not quote.is_direct:
        words.stylize("italic")
    source = Text("— ", style="dim")
    source.append(quote.kind, style="dim")
    for outlet in quote.outlets:
        source.append(" · ", style="dim")
        source.append(outlet, style=_OUTLET)
    console.print(_indent(words))
    console.print(_indent(source, 4))


def _section_table(section: Section) -> Table:
    table = _table(*section.headers)
    for row in section.rows:
        cells = []
        for column, value in zip(section.columns, row, strict=True):
            style = _STATUS_STYLES.get(value, "") if column == "status" else ""
            cells.append(Text(value, style=_OUTLET if column == "outlet" else style))
        table.add_row(*cells)
    return table


def _heading(console: Console, title: str) -> None:
    console.print()
    console.print(Text(title, style="bold underline"))


def _indent(text: Text, width: int = 2) -> Padding:
    # expand=False: no trailing spaces padded out to the console width.
    return Padding(text, (0, 0, 0, width), expand=False)


def _table(*headers: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for header in headers:
        table.add_column(header, overflow="fold")
    return table
