"""`orbat serve`: the web UI and JSON API over a database, read-only, on loopback by default."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from orbat.cli.options import DbOption

if TYPE_CHECKING:
    from orbat.packs import Pack
    from orbat.web.review import ReviewMode

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
    review: Annotated[
        bool,
        typer.Option(
            "--review",
            help="Write mode: confirm, reject and correct events, relations and claims in the "
            "pages (CSRF-protected forms; reviews are stored beside the machine's output).",
        ),
    ] = False,
    by: Annotated[
        str | None, typer.Option("--by", help="Who reviews (default: the operating-system user).")
    ] = None,
) -> None:
    """Serve the web UI and JSON API (read-only unless --review) at http://HOST:PORT/."""
    # Imported here: the web stack is only needed by this command.
    import uvicorn

    from orbat.web import create_app, open_read_only
    from orbat.web.app import WEB_DB_ENV, WEB_HOST_ENV
    from orbat.web.guard import hosts_for

    if review and workers != 1:
        raise typer.BadParameter("--review runs one server process; leave out --workers")
    # Opened here even with several workers: a missing or too-new database fails now, once,
    # with a clear message, not in every worker.
    engine = open_read_only(db)
    # On loopback, only loopback Host names are answered (DNS rebinding); elsewhere any.
    hosts = hosts_for(host)
    if hosts is None:
        can = "read and review" if review else "read"
        err_console.print(
            f"[yellow]warning:[/] listening on {host}: anyone who can reach this machine "
            f"can {can} the database (there is no login)"
        )
    mode = "REVIEW MODE (writes reviews)" if review else "read-only"
    err_console.print(f"serving on http://{host}:{port}/ ({mode}; API docs: /docs) — Ctrl-C stops")
    if workers == 1:
        from orbat.packs import load_pack

        pack = load_pack()  # the --pack chosen (or $ORBAT_PACK, the default)
        review_mode = _review_mode(db, by, pack) if review else None
        app = create_app(engine, allowed_hosts=hosts, review_mode=review_mode, pack=pack)
        uvicorn.run(app, host=host, port=port, log_level="warning")
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


def _review_mode(db: str | None, by: str | None, pack: Pack) -> ReviewMode:
    """Write mode's own engine (the pages still read through the read-only one)."""
    from orbat.cli.options import engine_for
    from orbat.store.reviews import default_reviewer
    from orbat.web.review import ReviewMode

    writer = engine_for(db).execution_options(orbat_write_lock=True)
    return ReviewMode(writer, by or default_reviewer(), tuple(pack.countries))
