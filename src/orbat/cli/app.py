"""The `orbat` command line: ingest news, look at what was found, export it."""

from __future__ import annotations

import dataclasses
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from orbat.cli.actors import actor_command, actors_command, resolve_command
from orbat.cli.borders import borders_app
from orbat.cli.evaluate import eval_command
from orbat.cli.events import events_command
from orbat.cli.gazetteer import gazetteer_app
from orbat.cli.options import DbOption, engine_for
from orbat.cli.review import review_app
from orbat.cli.serve import serve_command
from orbat.cli.watch import alerts_command, watch_command
from orbat.errors import OrbatError
from orbat.export import EXPORTERS
from orbat.resources import example_corpus

if TYPE_CHECKING:
    from orbat.ingest import ReadOptions
    from orbat.store import DocumentStore

__all__ = ["app", "main"]

app = typer.Typer(
    help="orbat: turn raw conflict news into an evidence-backed order-of-battle database.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err_console = Console(stderr=True)


def _print_version(value: bool) -> None:
    if value:
        from orbat import __version__

        console.print(f"orbat {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            is_eager=True,
            callback=_print_version,
            help="Print orbat's version and exit.",
        ),
    ] = False,
    pack: Annotated[
        str | None,
        typer.Option(
            "--pack",
            help="Theatre pack: a shipped pack's name, an installed one's (entry point "
            "orbat.packs) or a pack folder's path. Default: $ORBAT_PACK or iraq_syria.",
        ),
    ] = None,
) -> None:
    """orbat: turn raw conflict news into an evidence-backed order-of-battle database."""
    from orbat.logs import configure_logging

    configure_logging()
    if pack is not None:
        from orbat.packs import pack_dir

        if not (pack_dir(pack) / "actors.yaml").is_file():
            raise typer.BadParameter(f"no pack {pack!r}: {pack_dir(pack)} has no actors.yaml")
        # The selected pack: the commands load it (load_pack()) and hand it to the extractors,
        # exports and web; worker processes (serve --workers, Dask) read it from here too.
        os.environ["ORBAT_PACK"] = pack


def _store(db: str | None, *, create: bool = False) -> DocumentStore:
    from orbat.store import DocumentStore

    return DocumentStore(engine_for(db, create=create))


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders (recursive) or - for stdin."),
    ] = None,
    db: DbOption = None,
    example: Annotated[
        bool, typer.Option("--example", help="Ingest the bundled example corpus.")
    ] = False,
    events: Annotated[
        bool,
        typer.Option("--events/--no-events", help="Extract events after storing the articles."),
    ] = True,
    field: Annotated[
        list[str] | None,
        typer.Option(
            "--field",
            help="JSON/JSONL/CSV column for a field, e.g. --field text=article_body "
            "(fields: id, url, title, text, date, source, language).",
        ),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option("--format", help="Force a reader instead of detecting the format."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", help="Run on a local Dask cluster of N worker processes."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Run on an existing Dask cluster (tcp://HOST:PORT)."),
    ] = None,
) -> None:
    """Read news in any supported format into the database (idempotent, incremental)."""
    options = _read_options(field or [], format)
    inputs = list(paths or [])
    if example:
        inputs.append(str(example_corpus()))
    if not inputs:
        raise typer.BadParameter("give at least one PATH (or --example)")
    # Before anything is opened: a typo must not leave an empty database behind.
    missing = [p for p in inputs if p != "-" and not Path(p).exists()]
    if missing:
        raise OrbatError(f"no such file or folder: {', '.join(missing)}; nothing was ingested")
    if workers is not None or scheduler is not None:
        from orbat.errors import require

        require("distributed", "`orbat ingest --workers/--scheduler` (a Dask cluster)", "dask")
        from orbat.cli.distributed import ingest_on_cluster

        ingest_on_cluster(inputs, db, workers, scheduler, events=events, read_options=options)
        return
    from orbat.cli.report import IngestBars
    from orbat.packs import load_pack
    from orbat.pipeline import Pipeline  # deduplication loads scipy: only when ingesting

    bars = IngestBars()
    try:
        # The --pack chosen (or $ORBAT_PACK, the default), handed to the extractors.
        pipeline = Pipeline(db, extract=events, pack=load_pack() if events else None)
        pipeline.run(inputs, read_options=options, observer=bars)
    finally:
        bars.stop()


def _read_options(fields: list[str], format: str | None) -> ReadOptions:
    from orbat.ingest import READERS, FieldMap, ReadOptions  # the readers load lxml, trafilatura

    mapping: dict[str, str] = {}
    known = {f.name for f in dataclasses.fields(FieldMap)}
    for item in fields:
        name, _, column = item.partition("=")
        if name not in known or not column:
            raise typer.BadParameter(
                f"--field wants FIELD=COLUMN with FIELD one of {', '.join(sorted(known))}; "
                f"got {item!r}"
            )
        mapping[name] = column
    if format is not None and format not in READERS:
        raise typer.BadParameter(f"--format must be one of {', '.join(READERS)}")
    return ReadOptions(field_map=FieldMap(**mapping), format=format)


@app.command("documents")
def documents_command(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="How many to show.")] = 50,
    offset: Annotated[int, typer.Option(help="How many to pass over first.")] = 0,
) -> None:
    """List stored articles, newest first."""
    rows = _store(db).articles(limit=limit, offset=offset)
    table = Table("id", "published", "source", "title", "words", "cluster")
    for row in rows:
        cluster = f"{row.cluster_id} (×{row.cluster_size})" if row.cluster_size > 1 else ""
        table.add_row(
            str(row.id),
            row.published.isoformat() if row.published else "",
            row.source or "",
            row.title or "(untitled)",
            str(len(row.text.split())),
            cluster,
        )
    console.print(table)


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help='Words or "a phrase"; all must match.')],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="How many results.")] = 20,
) -> None:
    """Full-text search over titles and article text (bounded as the web's: at most 32
    distinct terms, snippets from an article's first 200 KB)."""
    from orbat.read.search import MAX_QUERY_CHARS, document_hits, query_terms

    if len(query) > MAX_QUERY_CHARS:
        raise typer.BadParameter(f"a query is at most {MAX_QUERY_CHARS:,} characters")
    hits = document_hits(engine_for(db), query_terms(query), limit=limit)
    if not hits:
        console.print(f"no article matches {query!r}")
        return
    table = Table("id", "published", "title", "snippet")
    for hit in hits:
        table.add_row(
            str(hit["id"]),
            str(hit["published"] or "")[:10],
            escape(hit["title"] or "(untitled)"),
            escape(hit["snippet"] or ""),  # its [marks] are text, not rich markup
        )
    console.print(table)


@app.command("stats")
def stats_command(db: DbOption = None) -> None:
    """Counts: documents, duplicate clusters, date range, formats, sources, skips."""
    store = _store(db)
    stats = store.stats()
    table = Table(title="orbat database", show_header=False)
    for key in ("documents", "clusters", "duplicates", "ingest_runs", "skips_recorded"):
        table.add_row(key.replace("_", " "), str(stats[key]))
    span = f"{stats['published_from'] or '?'} → {stats['published_to'] or '?'}"
    table.add_row("published", span)
    table.add_row("formats", ", ".join(f"{k} {v}" for k, v in sorted(stats["by_format"].items())))
    table.add_row("top sources", ", ".join(f"{s} {n}" for s, n in stats["top_sources"]))
    from orbat.store.statements import StatementStore

    for key, value in StatementStore(engine_for(db)).counts().items():
        table.add_row(key.replace("_", " "), str(value))
    table.add_row("extraction skipped", str(stats["extraction_skipped"]))
    for row in stats["extraction_skips"]:
        table.add_row(f"  {row['kind']}", f"{row['documents']} ({row['extractor']})")
    console.print(table)
    for skip in store.extraction_skips(limit=10):
        console.print(
            f"[yellow]not extracted[/] document {skip.document_id} by {skip.extractor}: "
            f"{escape(skip.reason)}",
            highlight=False,
        )


@app.command("export")
def export_command(
    format: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(EXPORTERS)}.")],
    output: Annotated[
        str, typer.Option("--output", "-o", help="File path, or - for stdout.")
    ] = "-",
    db: DbOption = None,
    since: Annotated[
        str | None, typer.Option(help="Events on or after this day (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Events on or before this day (YYYY-MM-DD).")
    ] = None,
    country: Annotated[str | None, typer.Option(help="Events in this country.")] = None,
    admin1: Annotated[
        str | None, typer.Option(help="Events in this governorate / province.")
    ] = None,
    actor: Annotated[
        str | None, typer.Option(help="Events of this actor, in any spelling the pack knows.")
    ] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="Event type or sub-event type (part of it).")
    ] = None,
    reviewed: Annotated[
        bool, typer.Option("--reviewed", help="Only events an analyst reviewed (orbat review).")
    ] = False,
    fatalities: Annotated[
        int | None, typer.Option("--fatalities", min=0, help="Events with at least this toll.")
    ] = None,
    sort: Annotated[
        str | None, typer.Option(help="Order: newest (default), oldest or fatalities.")
    ] = None,
) -> None:
    """Export the database in a format other tools read; event formats take the filters.

    Events are exported as analysts reviewed them: corrected values, a reviewed mark, and
    no rejected or merged-away event."""
    from orbat.export import EVENT_FORMATS, PACK_FORMATS

    try:
        exporter = EXPORTERS[format]
    except KeyError:
        raise typer.BadParameter(
            f"unknown format {format!r}; choose one of {', '.join(EXPORTERS)}"
        ) from None
    chosen = {"since": since, "until": until, "country": country, "admin1": admin1}
    chosen |= {"actor": actor, "event_type": event_type, "reviewed": "yes" if reviewed else None}
    chosen |= {"fatalities": None if fatalities is None else str(fatalities), "sort": sort}
    options: dict[str, object] = {}
    if any(v is not None for v in chosen.values()):
        if format not in EVENT_FORMATS:
            raise typer.BadParameter(
                f"filters apply to the event formats ({', '.join(sorted(EVENT_FORMATS))})"
            )
        from orbat.store.events import EVENT_SORTS, EventFilter

        if sort is not None and sort not in EVENT_SORTS:
            raise typer.BadParameter(f"--sort is one of {', '.join(EVENT_SORTS)}, not {sort!r}")
        options["filters"] = EventFilter(
            since=_day(since, "--since"),
            until=_day(until, "--until"),
            country=country,
            admin1=admin1,
            actor=actor,
            event_type=event_type,
            reviewed=reviewed,
            min_fatalities=fatalities,
            sort=sort or "newest",
        )
    if format in PACK_FORMATS:
        from orbat.packs import load_pack

        options["pack"] = load_pack()  # the --pack chosen (or $ORBAT_PACK, the default)
    engine = engine_for(db)
    from orbat.export import BINARY_FORMATS

    binary = format in BINARY_FORMATS
    if output == "-":
        count = exporter(engine, sys.stdout.buffer if binary else sys.stdout, **options)
    else:
        encoding = None if binary else "utf-8"
        with Path(output).open("wb" if binary else "w", encoding=encoding) as out:
            count = exporter(engine, out, **options)
    err_console.print(f"exported {count} records as {format}")


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{option} takes a day as YYYY-MM-DD, not {value!r}") from None


app.command("events")(events_command)
app.command("eval")(eval_command)
app.command("resolve")(resolve_command)
app.command("actors")(actors_command)
app.command("actor")(actor_command)
app.command("watch")(watch_command)
app.command("alerts")(alerts_command)
app.command("serve")(serve_command)
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(borders_app, name="borders")
app.add_typer(review_app, name="review")


def main() -> None:
    """Entry point: run the app, turning orbat's own errors into one clear line and exit 1."""
    try:
        app()
    except OrbatError as exc:
        # Escaped: a message may hold brackets ("pip install 'orbat[dask]'", a file name)
        # that Rich would read as markup; one line however narrow the terminal.
        err_console.print(f"[red]error:[/] {escape(str(exc))}", soft_wrap=True, highlight=False)
        raise SystemExit(1) from None
    except Exception as exc:
        # The database failing mid-command (a full disk, a file locked or damaged by another
        # program): what stored is intact (every batch is a transaction); say so in one line.
        from sqlalchemy.exc import DBAPIError

        if not isinstance(exc, DBAPIError):
            raise
        err_console.print(
            f"[red]database error:[/] {escape(str(exc.orig))} — what was committed is kept; "
            "fix the cause and run the command again",
            highlight=False,
        )
        raise SystemExit(1) from None
