"""`orbat gazetteer import|info|clear`: village-level places from GeoNames, WOF and OCHA files."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from orbat.nlp.gazetteer_store import ImportedGazetteer, SourceInfo

__all__ = ["gazetteer_app"]

gazetteer_app = typer.Typer(
    help="Village-level places: import GeoNames dumps, Who's On First or OCHA P-code files.",
    no_args_is_help=True,
)


@gazetteer_app.command("import")
def import_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="GeoNames dumps (IQ.txt, IQ.zip, allCountries.zip), Who's On First or OCHA "
            "P-code TSV files (.gz too); the format is read from the content."
        ),
    ],
    country: Annotated[
        list[str] | None,
        typer.Option(
            "--country",
            help="Keep only places of this ISO2 country (repeatable), e.g. for allCountries.zip.",
        ),
    ] = None,
    build: Annotated[
        bool,
        typer.Option(
            "--build/--no-build",
            help="Build the place gazetteer's cache now (about a minute) rather than on first use.",
        ),
    ] = True,
) -> None:
    """Import gazetteer files into the local gazetteer (each file in one transaction)."""
    store = ImportedGazetteer()
    console = Console(stderr=True)
    changed = False
    for path in paths:
        result = store.import_file(path, countries=country)
        s = result.source
        counts = ", ".join(f"{cc} {n:,}" for cc, n in s.countries.items())
        console.print(
            f"{escape(path.name)}: {result.status} ({s.format}, {s.rows:,} places: {counts}; "
            f"{s.seconds:.1f} s)"
        )
        changed = changed or result.status != "unchanged"
    if changed and build:
        _rebuild(console)


@gazetteer_app.command("info")
def info_command(
    as_json: Annotated[bool, typer.Option("--json", help="The manifest as JSON.")] = False,
) -> None:
    """What is imported: files, sha256, places per country, import time, attribution."""
    store = ImportedGazetteer()
    sources = store.sources()
    if as_json:
        typer.echo(json.dumps([_record(s) for s in sources], ensure_ascii=False, indent=2))
        return
    console = Console()
    if not sources:
        console.print("Nothing imported: places come from GeoNames cities500 and the pack.")
        console.print("Add villages with `orbat gazetteer import FILE...` (see docs/places.md).")
        return
    table = Table("file", "format", "places", "countries", "imported", "sha256")
    for s in sources:
        counts = ", ".join(f"{cc} {n:,}" for cc, n in s.countries.items())
        table.add_row(escape(s.name), s.format, f"{s.rows:,}", counts, s.imported_at, s.sha256[:12])
    console.print(table)
    console.print(f"stored in {escape(str(store.path))}")
    console.print("Attribution:")
    for line in dict.fromkeys(line for s in sources for line in s.attribution):
        console.print(f"  {escape(line)}")
    for s in sources:
        console.print(f"  {escape(s.name)}: licence {escape(s.licence)}")


@gazetteer_app.command("clear")
def clear_command() -> None:
    """Remove every imported file; places come from GeoNames cities500 and the pack again."""
    count = ImportedGazetteer().clear()
    Console(stderr=True).print(f"removed {count} imported files")


def _record(source: SourceInfo) -> dict[str, object]:
    return {k: getattr(source, k) for k in source.__dataclass_fields__}


def _rebuild(console: Console) -> None:
    """Build the gazetteer cache now, so the next command does not wait for it."""
    from orbat.nlp.gazetteer import load_gazetteer

    start = time.perf_counter()
    with console.status("building the place gazetteer with the imported places…"):
        load_gazetteer.cache_clear()
        gazetteer = load_gazetteer()
    console.print(
        f"gazetteer: {len(gazetteer):,} places, {gazetteer.name_count:,} names "
        f"({time.perf_counter() - start:.0f} s)"
    )
