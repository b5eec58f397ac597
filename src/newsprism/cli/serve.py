"""``newsprism serve``: the web app over the store."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from .common import settings_from, stderr_console

HELP = """Browse the store in a web browser: stories, articles, entities, search, and a
form to add articles. Also a JSON API, documented at /docs.

Listens on 127.0.0.1 (this machine only) unless --host says otherwise."""


def serve_cli(
    ctx: typer.Context,
    db: Annotated[
        str | None, typer.Option("--db", help="SQLite store to serve (overrides the global --db).")
    ] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", help="Port to listen on.", min=0, max=65535)
    ] = 8000,
) -> int:
    import uvicorn

    from ..web import create_app

    settings = settings_from(ctx, db=db)
    console = stderr_console()
    if not _is_loopback(host):
        console.print(
            f"newsprism: warning: listening on {host}: other machines can reach the app, "
            "which has no login",
            style="yellow",
            markup=False,
        )
    console.print(f"Serving {settings.db} at http://{host}:{port}/ (Ctrl-C to stop)", markup=False)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
    return 0


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
