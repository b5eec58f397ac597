"""The article page: the text with quotes, entities, claims and loaded language
highlighted, and the boilerplate cleaning removed struck through and folded."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse

from ..export import analysis_record
from .article_view import article_page
from .deps import NOT_FOUND, library_of, not_found
from .library import Library
from .pages import render

__all__ = ["router"]

router = APIRouter()

ArticleId = Annotated[
    str,
    Path(
        max_length=64, pattern=r"^[0-9A-Za-z_-]+$", description="An article id (hash of its text)"
    ),
]


@router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_view(
    request: Request, article_id: ArticleId, library: Annotated[Library, Depends(library_of)]
) -> HTMLResponse:
    snapshot = library.snapshot()
    analysis = snapshot.analyses.get(article_id)
    if analysis is None:
        stored = library.document(article_id)
        if stored is None:
            raise not_found("article")
        return render(request, "pending.html.j2", nav="", document=stored)
    story_id = snapshot.story_of.get(article_id, "")
    story = snapshot.stories.get(story_id)
    return render(
        request,
        "article.html.j2",
        nav="",
        page=article_page(analysis),
        story=story,
    )


@router.get(
    "/api/articles/{article_id}", tags=["articles"], summary="One article", responses=NOT_FOUND
)
def get_article(
    article_id: ArticleId, library: Annotated[Library, Depends(library_of)]
) -> dict[str, Any]:
    """The article as `newsprism extract --json` writes it (text, cleaned body, removed
    boilerplate, entities, quotes, claims, quantities, dates, loaded language; offsets
    into `text`), plus `story`, the id of its story. An article stored but not analysed
    yet has only its document fields and `"pending": true`."""
    snapshot = library.snapshot()
    analysis = snapshot.analyses.get(article_id)
    if analysis is None:
        doc = library.document(article_id)
        if doc is None:
            raise not_found("article")
        return {
            "id": doc.id,
            "source": doc.source,
            "title": doc.title,
            "outlet": doc.outlet,
            "published": doc.published,
            "text": doc.text,
            "pending": True,
        }
    return {**analysis_record(analysis), "story": snapshot.story_of.get(article_id)}
