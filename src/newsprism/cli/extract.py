"""``newsprism extract``: cleaned text, entities and quotes per document."""

from __future__ import annotations

import typer

from ..models import Corpus
from .common import (
    AllowPrivate,
    InputFormatOption,
    Inputs,
    JsonLines,
    Outlet,
    exit_status,
    progress_bar,
    report_failures,
    report_nothing,
    settings_from,
    stderr_console,
    write_json_lines,
)

HELP = """Extract each document's cleaned body, entities and quotes.

With --json, writes one JSON object per line per document (see docs/json.md); an
input that cannot be read gives a {source, error} line and a message on stderr."""


def extract_cli(
    ctx: typer.Context,
    paths: Inputs,
    as_json: JsonLines = False,
    outlet: Outlet = None,
    input_format: InputFormatOption = None,
    allow_private: AllowPrivate = False,
) -> int:
    from ..api import EXTRACTED, extract
    from ..export import analysis_record

    settings = settings_from(
        ctx, outlet=outlet, allow_private=allow_private or None, input_format=input_format
    )
    console = stderr_console()
    with progress_bar(console) as hook:
        corpus = extract(paths, settings=settings, on_progress=hook, needs=EXTRACTED)
    report_failures(corpus.failures, console)
    empty = report_nothing(len(corpus.analyses), console)
    if as_json:
        write_json_lines((analysis_record(a) for a in corpus.analyses), corpus.failures)
    elif not empty:
        _print_summary(corpus)
    return exit_status(corpus.failures, articles=len(corpus.analyses))


def _print_summary(corpus: Corpus) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Extracted", show_lines=False)
    table.add_column("source", overflow="fold")
    table.add_column("outlet")
    table.add_column("title", overflow="fold")
    table.add_column("removed", justify="right")
    table.add_column("entities", justify="right")
    table.add_column("quotes", justify="right")
    for a in corpus.analyses:
        art = a.article
        table.add_row(
            art.document.source,
            art.outlet_name,
            art.title,
            str(len(art.boilerplate)),
            str(len(a.mentions)),
            str(len(a.quotes)),
        )
    Console().print(table)
