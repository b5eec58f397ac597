"""The stories page (the home page): every story, newest first."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from .deps import library_of
from .library import Library
from .pages import render

__all__ = ["router"]

router = APIRouter()


class OutletCount(BaseModel):
    outlet: str
    articles: int


class StoryItem(BaseModel):
    id: str
    title: str
    articles: int
    first: str | None
    last: str | None
    outlets: list[OutletCount]


class StoryList(BaseModel):
    stories: list[StoryItem]
    pending: int


def _items(library: Library) -> StoryList:
    snapshot = library.snapshot()
    items = []
    for s in snapshot.summaries:
        data = asdict(s)
        data["outlets"] = [OutletCount(outlet=o, articles=n) for o, n in s.outlets]
        items.append(StoryItem(**data))
    return StoryList(stories=items, pending=snapshot.pending)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def stories_page(
    request: Request, library: Annotated[Library, Depends(library_of)]
) -> HTMLResponse:
    snapshot = library.snapshot()
    return render(
        request,
        "stories.html.j2",
        nav="stories",
        stories=snapshot.summaries,
        pending=snapshot.pending,
        article_count=snapshot.article_count,
    )


@router.get("/api/stories", tags=["stories"], summary="Every story, newest first")
def list_stories(library: Annotated[Library, Depends(library_of)]) -> StoryList:
    """Stories with their article counts, outlets (with how many articles each ran) and
    time span, newest first. `pending` counts stored articles not analysed yet."""
    return _items(library)
