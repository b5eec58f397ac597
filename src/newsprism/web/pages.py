"""Rendering pages: the Jinja2 environment (web templates first, then the briefing
templates they share with the HTML report), links, and the HTML response."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape

__all__ = ["Links", "environment", "render"]


class Links:
    """URLs of the app's pages. Ids are quoted: they come from article text."""

    @staticmethod
    def story(story_id: str) -> str:
        return f"/stories/{quote(story_id, safe='')}"

    @staticmethod
    def article(article_id: str, start: int | None = None) -> str:
        url = f"/articles/{quote(article_id, safe='')}"
        return f"{url}#at-{start}" if isinstance(start, int) else url

    @staticmethod
    def entity(entity_id: str) -> str:
        return f"/entities/{quote(entity_id, safe=':')}"

    @staticmethod
    def search(query: str, *, page: int = 1) -> str:
        params = {"q": query} | ({"page": str(page)} if page > 1 else {})
        return f"/search?{urlencode(params)}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment of the web pages; autoescaping is always on."""
    env = Environment(
        loader=ChoiceLoader(
            [
                PackageLoader("newsprism.web", "templates"),
                PackageLoader("newsprism.brief", "templates"),
            ]
        ),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["links"] = Links()
    return env


def render(
    request: Request, template: str, *, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """The page ``template`` rendered with ``context`` as an HTML response."""
    page = (
        environment()
        .get_template(template)
        .render(path=request.url.path, nav=context.pop("nav", ""), **context)
    )
    return HTMLResponse(page, status_code=status_code)
