"""What the command modules share: global state, settings, progress and failure lines."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..models import InputFailure
from ..settings import Settings, load_settings

if TYPE_CHECKING:
    from rich.console import Console

    from ..api import ProgressHook


# The arguments and options several commands share, declared once.
Inputs = Annotated[
    list[str], typer.Argument(metavar="PATH", help="Files, directories, URLs or - for stdin.")
]
JsonLines = Annotated[bool, typer.Option("--json", help="JSON Lines on stdout.")]
Outlet = Annotated[
    str | None, typer.Option("--outlet", metavar="NAME", help="Outlet name for every input.")
]


class InputFormat(StrEnum):
    """The formats ``--input-format`` can force (``newsprism.ingest.sniff.FORMATS``)."""

    text = "text"
    html = "html"
    json = "json"
    jsonl = "jsonl"
    feed = "feed"


InputFormatOption = Annotated[
    InputFormat | None,
    typer.Option(
        "--input-format",
        help="Read every input as this format [default: by suffix; stdin by its first bytes].",
    ),
]
AllowPrivate = Annotated[
    bool,
    typer.Option("--allow-private", help="Allow fetching URLs on private or loopback addresses."),
]


@dataclass(frozen=True, slots=True)
class State:
    """Global options, as given on the command line."""

    db: str | None = None
    config: str | None = None
    debug: bool = False


def settings_from(ctx: typer.Context, **overrides: Any) -> Settings:
    """Settings for this command: defaults, file, environment, then options."""
    state: State = ctx.obj or State()
    # A command's own option (serve --db) wins over the global one.
    given: dict[str, Any] = {
        k: v.value if isinstance(v, StrEnum) else v for k, v in overrides.items() if v is not None
    }
    return load_settings(config=state.config, **{"db": state.db, **given})


class _NoteHandler(logging.Handler):
    """Library warnings (files skipped for their type, stages skipped for a language,
    archive records left out) as one ``newsprism: note: ...`` line each on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            print(f"newsprism: note: {record.getMessage()}", file=sys.stderr)
        except Exception:  # logging's own contract: a handler never raises
            self.handleError(record)


def show_notes() -> None:
    """Print the package's warnings on stderr (once per process, however many times
    the CLI runs in it)."""
    logger = logging.getLogger("newsprism")
    if not any(isinstance(h, _NoteHandler) for h in logger.handlers):
        logger.addHandler(_NoteHandler(logging.WARNING))


def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


@contextmanager
def progress_bar(console: Console, *, quiet: bool = False) -> Iterator[ProgressHook]:
    """A progress hook drawing one bar per phase on stderr (only on a terminal)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    labels = {"read": "Reading", "analyse": "Analysing"}
    with Progress(
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=quiet or not console.is_terminal,
    ) as progress:
        tasks: dict[str, Any] = {}

        def hook(phase: str, done: float, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = progress.add_task(labels.get(phase, phase), total=total)
            progress.update(tasks[phase], completed=done, total=total)

        yield hook


def report_failures(failures: Sequence[InputFailure], console: Console) -> None:
    """One line per input that could not be read."""
    for failure in failures:
        console.print(
            f"newsprism: skipped {failure.error}", style="red", markup=False, soft_wrap=True
        )


def exit_status(failures: Sequence[InputFailure], *, articles: int | None = None) -> int:
    """1 when some inputs failed or (``articles`` given) none gave an article, else 0."""
    return 1 if failures or articles == 0 else 0


def report_nothing(articles: int, console: Console) -> bool:
    """Say so when the inputs gave no article at all; True when they gave none."""
    if articles:
        return False
    console.print(
        "newsprism: no articles were read from the inputs; nothing to do",
        style="yellow",
        markup=False,
        soft_wrap=True,
    )
    return True


def write_json_lines(records: Iterable[dict[str, Any]], failures: Sequence[InputFailure]) -> None:
    """One JSON object per line on stdout: each record, then a ``{source, error}`` line
    per input that could not be read (docs/json.md)."""
    import json
    import sys

    from ..export import failure_record

    out = sys.stdout
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    for failure in failures:
        out.write(json.dumps(failure_record(failure), ensure_ascii=False) + "\n")
    out.flush()
