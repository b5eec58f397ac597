"""Render a briefing as Markdown (CommonMark with GitHub-style tables).

Every piece of article text is escaped, so a title cannot open a link, an HTML tag or
a table cell of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .render import Briefing, QuoteView, Section, StoryView, prepare

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def render_markdown(briefing: Briefing) -> str:
    """Render a briefing as a Markdown document.

    Args:
        briefing: the briefing dict.

    Returns:
        The Markdown text, ending with a newline: a heading per story, its articles
        as a table, "Who said what" as a list grouped by speaker, entities, the other
        non-empty sections as tables, and inputs that could not be read.
    """
    view = prepare(briefing)
    lines = ["# News briefing", ""]
    if view.stories:
        lines += [_summary(len(view.stories), view.article_count, view.outlets), ""]
    else:
        lines += ["No stories found.", ""]
    for story in view.stories:
        lines += _story(story)
    if view.failures:
        lines += ["## Inputs that could not be read", ""]
        lines += [f"- {_escape(f.message)}" for f in view.failures]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _summary(stories: int, articles: int, outlets: Sequence[str]) -> str:
    return (
        f"{_plural(stories, 'story', 'stories')} · {_plural(articles, 'article')} · "
        f"{_plural(len(outlets), 'outlet')}: {_escape(', '.join(outlets))}"
    )


def _story(story: StoryView) -> list[str]:
    lines = [f"## {_escape(story.title)}", ""]
    meta = [m for m in (story.dates, ", ".join(story.outlets)) if m]
    if meta:
        lines += [_escape(" · ".join(meta)), ""]
    if story.articles:
        lines += ["### Articles", ""]
        articles = [(a.outlet, a.title, a.published) for a in story.articles]
        lines += [*_table(("Outlet", "Title", "Published"), articles), ""]
    if story.speakers:
        lines += ["### Who said what", ""]
        for speaker in story.speakers:
            count = _plural(len(speaker.quotes), "quote")
            lines += [f"- **{_escape(speaker.name)}** ({count})", ""]
            for quote in speaker.quotes:
                lines += [*_quote(quote), ""]
    if story.entity_groups:
        lines += ["### Entities", ""]
        entities = [
            (
                group.title,
                e.name,
                str(e.mentions),
                ", ".join(e.outlets),
                "; ".join(f"{text} ({outlet})" for outlet, text in e.descriptors),
            )
            for group in story.entity_groups
            for e in group.entities
        ]
        headers = ("Kind", "Name", "Mentions", "Outlets", "Described as")
        lines += [*_table(headers, entities), ""]
    for section in story.sections:
        lines += _section(section)
    if story.missing:
        lines += [f"*Not found yet: {_escape(', '.join(story.missing).lower())}.*", ""]
    return lines


def _quote(quote: QuoteView) -> list[str]:
    words = _escape(quote.text)
    words = f"“{words}”" if quote.is_direct else f"*{words}*"
    source = " · ".join([quote.kind, *quote.outlets])
    return [f"  > {words}", f"  > — {_escape(source)}"]


def _section(section: Section) -> list[str]:
    return [f"### {_escape(section.title)}", "", *_table(section.headers, section.rows), ""]


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(_escape(c) for c in cells) + " |"

    return [line(headers), "| " + " | ".join("---" for _ in headers) + " |", *map(line, rows)]


def _escape(text: str) -> str:
    """Backslash-escape what Markdown would read as markup; ``|`` ends table cells."""
    return _SPECIAL.sub(r"\\\1", text)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"
