"""The briefing: one record (:mod:`newsprism.brief.records`, built by
:mod:`newsprism.brief.build`), four formats.

The renderers are imported on first use, so that reading the records (the store's
codec, the web app's JSON) does not load Jinja2 or rich.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .html import render_html
    from .markdown import render_markdown
    from .render import render_json
    from .terminal import render_terminal

__all__ = ["render_html", "render_json", "render_markdown", "render_terminal"]

_HOMES = {
    "render_html": ".html",
    "render_json": ".render",
    "render_markdown": ".markdown",
    "render_terminal": ".terminal",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
