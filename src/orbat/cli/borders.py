"""`orbat borders import|info|clear`: governorate (admin-1) borders for the map, from a file the
user supplies (see :mod:`orbat.borders`)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

__all__ = ["borders_app"]

GeoJsonFile = Annotated[
    Path,
    typer.Argument(
        help="A GeoJSON of admin-1 polygons, e.g. geoBoundaries' ADM1 or Natural Earth's "
        "admin-1 states and provinces (converted to GeoJSON)."
    ),
]
Attribution = Annotated[
    str | None,
    typer.Option(help="The credit the map shows (default: the publisher, when recognised)."),
]

borders_app = typer.Typer(
    help="Governorate borders on the map: import a GeoJSON of admin-1 polygons you supply.",
    no_args_is_help=True,
)


@borders_app.command("import")
def import_command(path: GeoJsonFile, attribution: Attribution = None) -> None:
    """Import governorate borders; they replace any imported before."""
    from orbat.borders import import_borders

    info = import_borders(path, attribution=attribution)
    counts = ", ".join(f"{escape(c)} {n}" for c, n in info.countries.items())
    Console(stderr=True).print(
        f"{escape(info.name)}: {info.features} regions ({counts}); "
        f"shown on the map as: {escape(info.attribution)}"
    )


@borders_app.command("info")
def info_command(
    as_json: Annotated[bool, typer.Option("--json", help="The manifest as JSON.")] = False,
) -> None:
    """The imported borders: file, sha256, regions per country, import time, attribution."""
    from orbat.borders import borders_dir, load_borders

    found = load_borders()
    if as_json:
        typer.echo(json.dumps(asdict(found[0]) if found else None, ensure_ascii=False, indent=2))
        return
    console = Console()
    if found is None:
        console.print("No governorate borders imported: the map draws country borders only.")
        console.print("Add them with `orbat borders import FILE.geojson` (see docs/web.md).")
        return
    info, _ = found
    counts = ", ".join(f"{c} {n}" for c, n in info.countries.items())
    console.print(f"file: {escape(info.name)} (sha256 {info.sha256[:12]})")
    console.print(f"regions: {info.features} ({escape(counts)}); source: {info.source}")
    console.print(f"imported: {info.imported_at}")
    console.print(f"attribution: {escape(info.attribution)}")
    console.print(f"stored in {escape(str(borders_dir()))}")


@borders_app.command("clear")
def clear_command() -> None:
    """Remove the imported borders."""
    from orbat.borders import clear_borders

    removed = clear_borders()
    Console(stderr=True).print("removed the imported borders" if removed else "none imported")
