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

from .records import Briefing
from .story_view import briefing_page

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
        briefing: the briefing record.

    Returns:
        The HTML document: a contents list, then per story the web app's story page
        without its links (outlets side by side, the coverage matrix of facts x outlets
        as a heat map, conflicts side by side, who said what, numbers, timeline, framing
        per outlet, who stands where, entities); inputs that could not be read come last.
    """
    template = environment().get_template("briefing.html.j2")
    return template.render(view=briefing_page(briefing), csp=Markup(CONTENT_SECURITY_POLICY))
