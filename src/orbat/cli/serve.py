"""`orbat serve`: the web UI and JSON API over a database, read-only, on loopback by default."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.console import Console

from orbat.cli.options import DbOption

__all__ = ["serve_command"]

err_console = Console(stderr=True)


def serve_command(
    db: DbOption = None,
    host: Annotated[
        str,
        typer.Option(help="Interface to listen on. Anything but loopback exposes the data."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(min=1, help="Server processes (one per core serves most requests/s)."),
    ] = 1,
) -> None:
    """Serve the web UI and JSON API (read-only) at http://HOST:PORT/ (API docs at /docs)."""
    # Imported here: the web stack is only needed by this command.
    import uvicorn

    from orbat.web import create_app, open_read_only
    from orbat.web.app import WEB_DB_ENV, WEB_HOST_ENV
    from orbat.web.guard import hosts_for

    # Opened here even with several workers: a missing or too-new database fails now, once,
    # with a clear message, not in every worker.
    engine = open_read_only(db)
    # On loopback, only loopback Host names are answered (DNS rebinding); elsewhere any.
    hosts = hosts_for(host)
    if hosts is None:
        err_console.print(
            f"[yellow]warning:[/] listening on {host}: anyone who can reach this machine "
            "can read the database (there is no login)"
        )
    err_console.print(f"serving on http://{host}:{port}/ (API docs: /docs) — Ctrl-C stops")
    if workers == 1:
        uvicorn.run(
            create_app(engine, allowed_hosts=hosts), host=host, port=port, log_level="warning"
        )
        return
    # Worker processes build their own app from the environment (uvicorn imports it by name).
    engine.dispose()
    os.environ[WEB_DB_ENV] = str(engine.url.render_as_string(hide_password=False))
    os.environ[WEB_HOST_ENV] = host
    uvicorn.run(
        "orbat.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )
