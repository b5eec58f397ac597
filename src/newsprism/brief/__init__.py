"""Rendering the briefing: one dict (see :mod:`newsprism.brief.build`), four formats.

Renderers import their heavy dependencies (Jinja2, rich) only when called.
"""

from __future__ import annotations

from .html import render_html
from .markdown import render_markdown
from .render import render_json
from .terminal import render_terminal

__all__ = ["render_html", "render_json", "render_markdown", "render_terminal"]
