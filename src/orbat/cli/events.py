"""`orbat events`: the events found, as a readable table with filters."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from orbat.cli.options import DbOption, engine_for

__all__ = ["events_command"]

console = Console()


def events_command(
    db: DbOption = None,
    actor: Annotated[
        str | None, typer.Option(help="Actor on either side, in any spelling the pack knows.")
    ] = None,
    place: Annotated[
        str | None, typer.Option(help="Location, admin1 or country (part of it).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Earliest event date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Latest event date, YYYY-MM-DD.")] = None,
    type: Annotated[
        str | None, typer.Option("--type", help="Event type or sub-event type.")
    ] = None,
    country: Annotated[str | None, typer.Option(help="The country (exact).")] = None,
    admin1: Annotated[str | None, typer.Option(help="The governorate / province (exact).")] = None,
    fatalities: Annotated[
        int | None, typer.Option("--fatalities", min=0, help="At least this many fatalities.")
    ] = None,
    sort: Annotated[
        str, typer.Option(help="Order: newest, oldest or fatalities (the worst first).")
    ] = "newest",
    limit: Annotated[int, typer.Option(help="How many to show.")] = 100,
    reviewed: Annotated[
        bool, typer.Option("--reviewed", help="Only events an analyst reviewed.")
    ] = False,
) -> None:
    """Events coded ACLED's way, newest first, as analysts reviewed them (✓); the web's
    filters (docs/python-api.md)."""
    from orbat.read.events import EVENT_SORTS, EventQuery
    from orbat.store.events import EventStore

    if sort not in EVENT_SORTS:
        raise typer.BadParameter(f"--sort is one of {', '.join(EVENT_SORTS)}, not {sort!r}")
    filters = EventQuery(
        actor=actor,
        place=place,
        event_type=type,
        since=_date(since, "--since"),
        until=_date(until, "--until"),
        country=country,
        admin1=admin1,
        min_fatalities=fatalities,
        sort=sort,
        reviewed=reviewed,
    ).to_filter()
    store = EventStore(engine_for(db))
    rows = store.events(filters, limit=limit)
    table = _events_table()
    for row in rows:
        deaths = "" if row.fatalities is None else str(row.fatalities)
        if row.contested:
            deaths += " ⚑"  # sources disagree (figures or a denial)
        table.add_row(
            f"{row.id} ✓" if row.reviewed else str(row.id),
            _when(row.event_date, row.time_precision),
            row.sub_event_type,
            row.actor1 or "",
            row.actor2 or "",
            _place(row.location, row.admin1, row.country),
            deaths,
            str(row.mention_count),
        )
    console.print(table)
    total = store.count(filters)
    legend = "  (⚑ = sources disagree; ✓ = reviewed, `orbat review`)" if rows else ""
    console.print(f"{len(rows)} of {total} events{legend}")


def _events_table() -> Table:
    """The columns, set so that 80 columns stay readable: ids, dates and numbers never wrap
    or shorten; names and places wrap whole words, and a word longer than its column is
    folded onto the next line rather than cut to "Unidenti…"."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, collapse_padding=True)
    for name in ("id", "date"):
        table.add_column(name, no_wrap=True)
    # Actor names hold the longest words ("Unidentified", "Mobilization"): room for them.
    for name, least in (("type", 7), ("actor 1", 12), ("actor 2", 12), ("location", 7)):
        table.add_column(name, overflow="fold", min_width=least)
    table.add_column("dead", no_wrap=True, justify="right")
    table.add_column("src", no_wrap=True, justify="right")
    return table


def _place(*names: str | None) -> str:
    """ "Tarmiya, Saladin, Iraq" without repeats ("Baghdad, Baghdad, Iraq")."""
    seen: list[str] = []
    for name in names:
        if name and name not in seen:
            seen.append(name)
    return ", ".join(seen)


def _when(value: dt.date | None, precision: int) -> str:
    if value is None:
        return "undated"
    # The precision on its own line, so the date itself is never cut at 80 columns.
    return value.isoformat() + {1: "", 2: "\n~week", 3: "\n~month"}.get(precision, "")


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{option} wants a date as YYYY-MM-DD, not {value!r}") from None
