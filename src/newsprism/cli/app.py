"""The Typer application, its global options and the error boundary."""

from __future__ import annotations

import logging
import sys
import traceback
from typing import Annotated

import typer

from .._version import __version__
from ..errors import NewsprismError
from . import brief as brief_cmd
from . import cluster as cluster_cmd
from . import extract as extract_cmd
from . import ingest as ingest_cmd
from . import load as load_cmd
from . import run as run_cmd
from . import serve as serve_cmd
from .common import State, show_notes

app = typer.Typer(
    name="newsprism",
    help="Lay news articles about the same events side by side: who said what, in which "
    "outlet, and how each outlet tells the story.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsprism {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH",
            help="SQLite store to use [env: NEWSPRISM_DB; default: ./newsprism.db].",
        ),
    ] = None,
    config: Annotated[
        str | None,
        typer.Option(
            "--config",
            metavar="FILE",
            help="TOML settings file [env: NEWSPRISM_CONFIG]; "
            "every key and its default: docs/settings.md.",
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Global options, shared by every command."""
    if debug:
        logging.basicConfig(level=logging.DEBUG, format="%(levelname)s %(name)s: %(message)s")
    else:
        show_notes()
    ctx.obj = State(db=db, config=config, debug=debug)


app.command("ingest", help=ingest_cmd.HELP)(ingest_cmd.ingest_cli)
app.command("extract", help=extract_cmd.HELP)(extract_cmd.extract_cli)
app.command("brief", help=brief_cmd.HELP)(brief_cmd.brief_cli)
app.command("cluster", help=cluster_cmd.HELP)(cluster_cmd.cluster_cli)
app.command("serve", help=serve_cmd.HELP)(serve_cmd.serve_cli)
app.command("run", help=run_cmd.HELP)(run_cmd.run_cli)
app.command("load", help=load_cmd.HELP)(load_cmd.load_cli)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit status instead of raising.

    A mistyped command line (unknown option or command, a bad value, nothing given)
    prints the command's usage and one line saying what was wrong, exit 2, as click
    does; "unexpected error" is kept for real bugs.
    """
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        result = app(args=args, prog_name="newsprism", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        print("newsprism: interrupted", file=sys.stderr)
        return 130
    except typer.TyperException as exc:  # usage errors: click's ClickException family
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        else:
            print(f"newsprism: error: {exc.format_message()}", file=sys.stderr)
        return exc.exit_code
    except NewsprismError as err:
        if debug:
            traceback.print_exc()
        print(f"newsprism: error: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # the last line of defence: no traceback without --debug
        if debug:
            traceback.print_exc()
        print(
            f"newsprism: unexpected error: {type(err).__name__}: {err} "
            "(run with --debug for details)",
            file=sys.stderr,
        )
        return 2
    return result if isinstance(result, int) else 0
