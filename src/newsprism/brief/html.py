"""Render a briefing as one self-contained HTML page.

The page loads nothing: its CSS is inline, it has no script and no link to another
site, and its Content-Security-Policy says so to the browser as well. Templates live in
``newsprism/brief/templates`` (the story partial is meant to be shared with the web
app); autoescaping is on for them, because article text is hostile input.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .render import Briefing, prepare

CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment for the briefing templates, created once."""
    return Environment(
        loader=PackageLoader("newsprism.brief", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(briefing: Briefing) -> str:
    """Render a briefing as a standalone HTML page.

    Args:
        briefing: the briefing dict.

    Returns:
        The HTML document: a contents list, then per story its outlets, an articles
        table, "Who said what" as blockquotes grouped by speaker, entities and the
        other non-empty sections; inputs that could not be read come last.
    """
    template = environment().get_template("briefing.html.j2")
    return template.render(view=prepare(briefing), csp=Markup(CONTENT_SECURITY_POLICY))
