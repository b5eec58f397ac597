"""``newsprism cluster``: which story each document belongs to, and its copies."""

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

HELP = """Group documents into stories and mark near-duplicate copies.

Without --json, prints one row per story (label, articles, outlets, time span). With
--json, writes one JSON object per line per document: source, id, story, duplicate_of
(see docs/json.md); an input that cannot be read gives a {source, error} line and a
message on stderr. Runs without the NLP pipeline: stories depend only on words and
dates."""


def cluster_cli(
    ctx: typer.Context,
    paths: Inputs,
    as_json: JsonLines = False,
    outlet: Outlet = None,
    input_format: InputFormatOption = None,
    allow_private: AllowPrivate = False,
) -> int:
    from ..api import cluster

    settings = settings_from(
        ctx, outlet=outlet, allow_private=allow_private or None, input_format=input_format
    )
    console = stderr_console()
    with progress_bar(console) as hook:
        corpus = cluster(paths, settings=settings, on_progress=hook)
    report_failures(corpus.failures, console)
    empty = report_nothing(len(corpus.analyses), console)
    if as_json:
        write_json_lines(document_records(corpus), corpus.failures)
    elif not empty:
        _print_stories(corpus)
    return exit_status(corpus.failures, articles=len(corpus.analyses))


def document_records(corpus: Corpus) -> list[dict[str, str | None]]:
    """One ``{source, id, story, duplicate_of}`` record per document, in input order."""
    story_of = {aid: s.id for s in corpus.stories for aid in s.article_ids}
    return [
        {
            "source": a.article.document.source,
            "id": a.article.id,
            "story": story_of.get(a.article.id),
            "duplicate_of": a.duplicate_of,
        }
        for a in corpus.analyses
    ]


def _span(first: str | None, last: str | None) -> str:
    if not first:
        return ""
    first, last = first[:10], (last or first)[:10]
    return first if first == last else f"{first} – {last}"


def _print_stories(corpus: Corpus) -> None:
    from rich.console import Console
    from rich.table import Table

    n_stories, n_articles = len(corpus.stories), len(corpus.analyses)
    table = Table(
        title=f"{n_stories} {'story' if n_stories == 1 else 'stories'}, "
        f"{n_articles} {'article' if n_articles == 1 else 'articles'}"
    )
    table.add_column("story", overflow="fold")
    table.add_column("articles", justify="right")
    table.add_column("copies", justify="right")
    table.add_column("outlets", overflow="fold")
    table.add_column("time span", no_wrap=True)
    for s in corpus.stories:
        table.add_row(
            s.title,
            str(len(s.article_ids)),
            str(len(s.article_ids) - len(s.voices)),
            ", ".join(s.outlets),
            _span(s.first_published, s.last_published),
        )
    Console().print(table)
