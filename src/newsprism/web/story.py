"""The story page: the outlets side by side, the coverage matrix, who said what,
numbers, timeline, framing and positions -- the same layout as the HTML report."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse

from ..brief.records import StoryBriefing
from ..brief.story_view import story_page
from ..codec import to_json
from .deps import NOT_FOUND, library_of, not_found
from .library import Library
from .pages import render

__all__ = ["router"]

router = APIRouter()

StoryId = Annotated[str, Path(max_length=200, description="A story id, such as `story-1a2b3c4d`")]


def _record(library: Library, story_id: str) -> StoryBriefing:
    record = library.snapshot().story_record(story_id)
    if record is None:
        raise not_found("story")
    return record


@router.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
def story_view(
    request: Request, story_id: StoryId, library: Annotated[Library, Depends(library_of)]
) -> HTMLResponse:
    page = story_page(_record(library, story_id))
    return render(request, "story.html.j2", nav="stories", page=page)


@router.get(
    "/api/stories/{story_id}",
    tags=["stories"],
    summary="One story's briefing",
    responses=NOT_FOUND,
)
def get_story(
    story_id: StoryId, library: Annotated[Library, Depends(library_of)]
) -> dict[str, Any]:
    """The story's record of the briefing, exactly as `newsprism brief --format json`
    writes it (`docs/json.md`): articles, entities, quotes with every outlet carrying
    them, facts, quantities, positions, framing and timeline."""
    json: dict[str, Any] = to_json(_record(library, story_id))
    return json
