"""`orbat events`: the events found, as a readable table with filters."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from orbat.cli.options import DbOption, engine_for

__all__ = ["events_command"]

console = Console()


def events_command(
    db: DbOption = None,
    actor: Annotated[
        str | None, typer.Option(help="Actor name (part of it) on either side.")
    ] = None,
    place: Annotated[
        str | None, typer.Option(help="Location, admin1 or country (part of it).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Earliest event date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Latest event date, YYYY-MM-DD.")] = None,
    type: Annotated[
        str | None, typer.Option("--type", help="Event type or sub-event type.")
    ] = None,
    limit: Annotated[int, typer.Option(help="How many to show.")] = 100,
    reviewed: Annotated[
        bool, typer.Option("--reviewed", help="Only events an analyst reviewed.")
    ] = False,
) -> None:
    """Events coded ACLED's way, newest first, as analysts reviewed them (✓)."""
    from orbat.store.events import EventFilter, EventStore

    filters = EventFilter(
        actor=actor,
        place=place,
        since=_date(since, "--since"),
        until=_date(until, "--until"),
        event_type=type,
        reviewed=reviewed,
    )
    store = EventStore(engine_for(db))
    rows = store.events(filters, limit=limit)
    table = Table("id", "date", "type", "actor 1", "actor 2", "location", "deaths", "src")
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
    return value.isoformat() + {1: "", 2: " ~wk", 3: " ~mo"}.get(precision, "")


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{option} wants a date as YYYY-MM-DD, not {value!r}") from None
