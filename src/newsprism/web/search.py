"""The search page: full-text search (SQLite FTS5) over every stored article."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from .deps import library_of
from .library import Library
from .pages import render

__all__ = ["router"]

router = APIRouter()

PAGE_SIZE = 20
QueryText = Annotated[str, Query(max_length=500, description="Words to find (plain text)")]
PageNumber = Annotated[int, Query(ge=1, le=1000, description="Page of results, from 1")]


class Snippet(BaseModel):
    text: str
    is_match: bool


class Hit(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    story: str | None
    snippet: list[Snippet]


class SearchPage(BaseModel):
    query: str
    total: int
    page: int
    hits: list[Hit]


def _search(library: Library, q: str, page: int) -> SearchPage:
    results = library.search(q, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    story_of = library.snapshot().story_of if results.hits else {}
    hits = [
        Hit(
            id=h.id,
            title=h.title,
            outlet=h.outlet,
            published=h.published,
            story=story_of.get(h.id),
            snippet=[Snippet(text=t, is_match=m) for t, m in h.snippet],
        )
        for h in results.hits
    ]
    return SearchPage(query=q, total=results.total, page=page, hits=hits)


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(
    request: Request,
    library: Annotated[Library, Depends(library_of)],
    q: QueryText = "",
    page: PageNumber = 1,
) -> HTMLResponse:
    result = _search(library, q, page) if q.strip() else None
    pages = -(-result.total // PAGE_SIZE) if result else 0
    return render(
        request, "search.html.j2", nav="search", q=q, result=result, page=page, pages=pages
    )


@router.get("/api/search", tags=["search"], summary="Search every article")
def search_articles(
    library: Annotated[Library, Depends(library_of)], q: QueryText, page: PageNumber = 1
) -> SearchPage:
    """Articles whose title, outlet or text hold every word of `q` (the last word as a
    prefix), best match first, 20 per page. Each hit has a snippet of its text as
    pieces, `is_match` marking the words found. `q` is plain words: search syntax in it
    is taken as text."""
    return _search(library, q, page)
