"""``newsprism serve``: the web app over the store."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from ..errors import NewsprismError
from .common import settings_from, stderr_console

HELP = """Browse the store in a web browser: stories, articles, entities, search, and a
form to add articles. Also a JSON API, documented at /docs.

Listens on 127.0.0.1 (this machine only) unless --host says otherwise."""


def serve_cli(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", metavar="PATH", help="SQLite store to serve (overrides the global --db)."
        ),
    ] = None,
    host: Annotated[
        str, typer.Option("--host", metavar="ADDRESS", help="Address to listen on.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", metavar="PORT", help="Port to listen on.", min=0, max=65535)
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
    _check_port(host, port)
    if settings.db != ":memory:" and not Path(settings.db).exists():
        console.print(
            f"newsprism: note: {settings.db} does not exist yet; serving a new, empty store "
            "(add articles in the app or with newsprism ingest)",
            style="yellow",
            markup=False,
        )
    console.print(f"Serving {settings.db} at http://{host}:{port}/ (Ctrl-C to stop)", markup=False)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
    return 0


def _check_port(host: str, port: int) -> None:
    """Refuse a port that cannot be listened on (already in use, not allowed) with one
    line, before uvicorn would exit with its own status 3."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as err:
        raise NewsprismError(f"cannot listen on {host}:{port} ({err.strerror or err})") from err
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        # As uvicorn binds: SO_REUSEADDR, so a port in TIME_WAIT is not called busy.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as err:
            raise NewsprismError(
                f"cannot listen on {host}:{port} ({err.strerror or err}); "
                "choose another with --port"
            ) from err


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
