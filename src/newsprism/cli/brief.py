"""``newsprism brief``: the briefing, for people (terminal, Markdown, HTML) or programs (JSON)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import NewsprismError
from .common import (
    AllowPrivate,
    InputFormatOption,
    Outlet,
    exit_status,
    progress_bar,
    report_failures,
    report_nothing,
    settings_from,
    stderr_console,
)

HELP = """Brief the stories in the given articles (or in the store when none are given).

text goes to the terminal; md, html and json go to -o FILE (or stdout). --html FILE
also writes the self-contained HTML page whatever the format."""


class Format(StrEnum):
    text = "text"
    md = "md"
    html = "html"
    json = "json"


def brief_cli(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH", help="Files, directories, URLs or - (default: the store)."),
    ] = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="Output format: text, md, html or json.")
    ] = Format.text,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE.")
    ] = None,
    html: Annotated[
        str | None, typer.Option("--html", metavar="FILE", help="Also write the HTML page to FILE.")
    ] = None,
    outlet: Outlet = None,
    input_format: InputFormatOption = None,
    allow_private: AllowPrivate = False,
) -> int:
    from .. import brief as renderers
    from ..api import briefing as briefing_of

    settings = settings_from(
        ctx, outlet=outlet, allow_private=allow_private or None, input_format=input_format
    )
    console = stderr_console()
    with progress_bar(console) as hook:
        briefing = briefing_of(paths or [], settings=settings, on_progress=hook)
    if html:
        _write(html, renderers.render_html(briefing))
        console.print(f"Wrote the HTML briefing to {html}", markup=False)
    if fmt is Format.text:
        from rich.console import Console

        if output:
            with open(output, "w", encoding="utf-8") as fh:
                renderers.render_terminal(
                    briefing, Console(file=fh, width=100, no_color=True, highlight=False)
                )
        else:
            renderers.render_terminal(briefing, Console(highlight=False))
    else:
        # Only the renderer asked for is imported (each pulls in Jinja2 or rich).
        render = getattr(renderers, f"render_{_RENDERERS[fmt]}")
        text = render(briefing)
        if output:
            _write(output, text)
            console.print(f"Wrote the {fmt.value} briefing to {output}", markup=False)
        else:
            sys.stdout.write(text)
    failed = list(briefing.failures)
    if fmt is not Format.text or output:
        report_failures(failed, console)
    if not paths:
        return exit_status(failed)
    articles = sum(len(s.articles) for s in briefing.stories)
    report_nothing(articles, console)
    return exit_status(failed, articles=articles)


_RENDERERS = {Format.md: "markdown", Format.html: "html", Format.json: "json"}


def _write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as err:
        raise NewsprismError(f"{path}: cannot write ({err.strerror or err})") from err
