"""``newsprism ingest``: read inputs into the store."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import (
    AllowPrivate,
    InputFormatOption,
    Inputs,
    Outlet,
    exit_status,
    progress_bar,
    report_failures,
    report_nothing,
    settings_from,
    stderr_console,
)

HELP = """Read articles into the store (files, directories recursively, - for stdin).

Articles are keyed by a hash of their text: ingesting the same content again changes
nothing."""


def ingest_cli(
    ctx: typer.Context,
    paths: Inputs,
    outlet: Outlet = None,
    input_format: InputFormatOption = None,
    allow_private: AllowPrivate = False,
    no_analyse: Annotated[
        bool,
        typer.Option(
            "--no-analyse", help="Only store the articles; analyse them later (on brief)."
        ),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")
    ] = False,
) -> int:
    from ..api import store_inputs

    settings = settings_from(
        ctx, outlet=outlet, allow_private=allow_private or None, input_format=input_format
    )
    console = stderr_console()
    with progress_bar(console, quiet=quiet) as hook:
        report = store_inputs(paths, settings=settings, analyse=not no_analyse, on_progress=hook)
    report_failures(report.failures, console)
    report_nothing(report.added + report.unchanged, console)
    if not quiet:
        console.print(
            f"Ingested into {settings.db}: {report.added} new, {report.unchanged} already stored"
            + (f", {len(report.failures)} failed" if report.failures else ""),
            markup=False,
            soft_wrap=True,  # one line, whatever the width (a long store path)
        )
    return exit_status(report.failures, articles=report.added + report.unchanged)
