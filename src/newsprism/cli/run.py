"""``newsprism run``: the whole pipeline as a Spark batch job, written as Parquet."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from .common import Outlet, exit_status, report_failures, settings_from, stderr_console

HELP = """Read, analyse, de-duplicate and cluster articles on Apache Spark; write Parquet.

Writes the tables articles (one row per article: id, source, outlet, title, published,
story, duplicate_of and the analysis as JSON), stories and failures under --out. Needs
the spark extra (pip install 'newsprism[spark]') and Java 17. Load the result into the
store with newsprism load."""


class Engine(StrEnum):
    """The engines that can run a batch job writing Parquet."""

    spark = "spark"


def run_cli(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help="Files, directories, WARC archives or URLs."),
    ],
    out: Annotated[
        str, typer.Option("--out", metavar="DIR", help="Folder to write the Parquet tables to.")
    ],
    engine: Annotated[
        Engine,
        typer.Option("--engine", help="The engine to run on: spark (the one that writes Parquet)."),
    ] = Engine.spark,
    master: Annotated[
        str | None,
        typer.Option(
            "--master",
            metavar="URL",
            help="Spark master URL (local[2], spark://host:7077, yarn) "
            "[default: spark-submit's, else local[*]].",
        ),
    ] = None,
    outlet: Outlet = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> int:
    from ..api import run

    settings = settings_from(ctx, engine=engine.value, spark_master=master, outlet=outlet)
    console = stderr_console()
    report = run(paths, settings=settings, out=out)
    report_failures(report.failures, console)
    if not quiet:
        console.print(
            f"Wrote {report.out}: {report.articles} articles ({report.duplicates} copies) "
            f"in {report.stories} stories"
            + (f", {len(report.failures)} failed" if report.failures else ""),
            markup=False,
        )
    return exit_status(report.failures)
