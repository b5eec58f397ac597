"""``newsprism load``: a ``newsprism run`` output into the store."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import settings_from, stderr_console

HELP = """Load what newsprism run wrote (a folder of Parquet tables) into the store.

Stores every article and its analysis, so that brief and serve use them without
analysing again. Needs the spark extra (pip install 'newsprism[spark]')."""


def load_cli(
    ctx: typer.Context,
    folder: Annotated[
        str, typer.Argument(metavar="DIR", help="The --out folder of newsprism run.")
    ],
    master: Annotated[
        str | None,
        typer.Option(
            "--master", metavar="URL", help="Spark master URL to read with [default: local[*]]."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> int:
    from ..api import load

    settings = settings_from(ctx, engine="spark", spark_master=master)
    report = load(folder, settings=settings)
    if not quiet:
        stderr_console().print(
            f"Loaded into {settings.db}: {report.added} new, {report.unchanged} already "
            f"stored, {report.analyses} analyses ({report.stories} stories in the run)",
            markup=False,
        )
    return 0
