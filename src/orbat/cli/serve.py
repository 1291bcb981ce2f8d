"""`orbat serve`: the web UI and JSON API over a database, read-only, on loopback by default."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from orbat.cli.options import DbOption

__all__ = ["serve_command"]

err_console = Console(stderr=True)

_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def serve_command(
    db: DbOption = None,
    host: Annotated[
        str,
        typer.Option(help="Interface to listen on. Anything but loopback exposes the data."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port.")] = 8000,
) -> None:
    """Serve the web UI and JSON API (read-only) at http://HOST:PORT/ (API docs at /docs)."""
    # Imported here: the web stack is only needed by this command.
    import uvicorn

    from orbat.web import create_app, open_read_only

    app = create_app(open_read_only(db))
    if host not in _LOOPBACK:
        err_console.print(
            f"[yellow]warning:[/] listening on {host}: anyone who can reach this machine "
            "can read the database (there is no login)"
        )
    err_console.print(f"serving on http://{host}:{port}/ (API docs: /docs) — Ctrl-C stops")
    uvicorn.run(app, host=host, port=port, log_level="warning")
