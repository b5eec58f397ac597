"""The API documentation at ``/docs``: the OpenAPI description rendered server-side.

FastAPI's usual ``/docs`` loads Swagger UI from a CDN; this page needs nothing from
outside (and no script): every path with its method, summary, description,
parameters, request body and responses, read from the app's own ``/openapi.json``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from .pages import render

__all__ = ["router"]

router = APIRouter()


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    where: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True, slots=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    tag: str
    params: tuple[Param, ...]
    body: str
    responses: tuple[tuple[str, str, str], ...]
    anchor: str


def _type(schema: Mapping[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_type(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_type(schema.get('items', {}))}"
    if "type" in schema:
        return str(schema["type"])
    return "object"


def operations(spec: Mapping[str, Any]) -> list[Operation]:
    """The operations of an OpenAPI description, in path order."""
    out = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = tuple(
                Param(
                    p["name"],
                    p.get("in", ""),
                    _type(p.get("schema", {})),
                    bool(p.get("required")),
                    p.get("description") or p.get("schema", {}).get("description", ""),
                )
                for p in op.get("parameters", [])
            )
            body = ""
            content = op.get("requestBody", {}).get("content", {})
            for mime, media in content.items():
                body = f"{mime}: {_type(media.get('schema', {}))}"
            responses = tuple(
                (
                    code,
                    r.get("description", ""),
                    ", ".join(_type(m.get("schema", {})) for m in r.get("content", {}).values()),
                )
                for code, r in op.get("responses", {}).items()
            )
            out.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=op.get("summary", ""),
                    description=op.get("description", ""),
                    tag=(op.get("tags") or ["api"])[0],
                    params=params,
                    body=body,
                    responses=responses,
                    anchor=f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", ""),
                )
            )
    return out


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def docs_page(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    schemas = spec.get("components", {}).get("schemas", {})
    models = [
        (
            name,
            [
                (field, _type(s), field in schema.get("required", []), s.get("description", ""))
                for field, s in schema.get("properties", {}).items()
            ],
        )
        for name, schema in sorted(schemas.items())
        if name not in ("HTTPValidationError", "ValidationError") and not name.startswith("Body_")
    ]
    return render(
        request,
        "docs.html.j2",
        nav="docs",
        info=spec.get("info", {}),
        operations=operations(spec),
        models=models,
    )
