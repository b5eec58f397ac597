"""The entity page: every mention and quote of one person, organisation or place
across stories, with the names and descriptors each outlet uses."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse

from .deps import NOT_FOUND, library_of, not_found
from .entity_view import entity_page
from .library import Library
from .pages import render

__all__ = ["router"]

router = APIRouter()

EntityId = Annotated[
    str, Path(max_length=200, description="A canonical entity id, such as `person:dmitry-medvedev`")
]


@router.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
def entity_view(
    request: Request, entity_id: EntityId, library: Annotated[Library, Depends(library_of)]
) -> HTMLResponse:
    page = entity_page(library.snapshot(), entity_id)
    if page is None:
        raise not_found("entity")
    return render(request, "entity.html.j2", nav="", page=page)


@router.get(
    "/api/entities/{entity_id}", tags=["entities"], summary="One entity", responses=NOT_FOUND
)
def get_entity(
    entity_id: EntityId, library: Annotated[Library, Depends(library_of)]
) -> dict[str, Any]:
    """The entity's name, kind and aliases; per outlet the names it is written as and
    the descriptors used for it; per story every article mentioning or quoting it,
    with the mentions in context and the quotes."""
    page = entity_page(library.snapshot(), entity_id)
    if page is None:
        raise not_found("entity")
    return asdict(page)
