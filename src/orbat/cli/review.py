"""`orbat review`: machines propose, analysts decide — the queue, confirm, reject, correct,
merge, split and history of events (relations and claims: confirm, reject, correct, history)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from orbat.cli.options import DbOption, engine_for

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from orbat.read.reviews import QueueItem, ReviewReader

__all__ = ["review_app"]

review_app = typer.Typer(
    help="Review what the extractors found: confirm, reject or correct events; the queue.",
    no_args_is_help=True,
)
console = Console(highlight=False)

By = Annotated[
    str | None, typer.Option("--by", help="Who reviews (default: the operating-system user).")
]
Note = Annotated[str | None, typer.Option("--note", help="Why (kept with the review).")]
Kind = Annotated[str, typer.Option("--target", help="What ID names: event, relation or claim.")]
EventId = Annotated[int, typer.Argument(help="The event's id (see `orbat review queue`).")]


def _writer(db: str | None) -> Engine:
    # SQLite: take the write lock when the transaction begins (an ingest may be writing too).
    return engine_for(db).execution_options(orbat_write_lock=True)


def _reader(db: str | None) -> ReviewReader:
    from orbat.packs import load_pack
    from orbat.read.reviews import ReviewReader

    return ReviewReader(engine_for(db), load_pack().countries)


def _by(by: str | None) -> str:
    from orbat.store.reviews import default_reviewer

    return by or default_reviewer()


def _table(items: list[QueueItem], *, status: bool = False) -> Table:
    """Events one line each (readable at 80 columns); ⚠ marks a place outside the theatre."""
    table = Table(box=None, pad_edge=False, collapse_padding=True, header_style="bold")
    # Fixed columns keep their width; the text ones give way (ellipsis) on a narrow terminal.
    for name, width in (("id", 2), ("conf", 4), ("date", 10), ("⚠", 1), ("dead", 4)):
        table.add_column(name, no_wrap=True, min_width=width)
    narrow = 4 if status else 0  # room for the review column
    for name, width in (("type", 14 - narrow), ("actors", 22 - narrow), ("place", 14)):
        table.add_column(name, no_wrap=True, overflow="ellipsis", max_width=width)
    if status:
        table.add_column("review", no_wrap=True)
    for item in items:
        e = item.event
        actors = (e.actor1 or "") + (f" vs {e.actor2}" if e.actor2 else "")
        place = (
            e.location
            if e.location == e.country
            else ", ".join(p for p in (e.location, e.country) if p)
        )
        table.add_row(
            str(e.id),
            "" if e.confidence is None else f"{e.confidence:.2f}",
            e.event_date.isoformat() if e.event_date else "undated",
            "[yellow]⚠[/]" if item.outside_theatre else "",
            "" if e.fatalities is None else str(e.fatalities),
            escape(e.sub_event_type),
            escape(actors),
            escape(place or "?"),
            *([e.review_status or ""] if status else []),
        )
    return table


@review_app.command("queue")
def queue_command(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, help="How many to show.")] = 20,
    include_reviewed: Annotated[
        bool, typer.Option("--all", help="Reviewed events too (not rejected ones: see `list`).")
    ] = False,
) -> None:
    """Events awaiting review: least confident first, newest first among equals; events coded
    outside the theatre pack's countries are flagged."""
    reader = _reader(db)
    items = reader.queue(limit=limit, include_reviewed=include_reviewed)
    console.print(_table(items, status=include_reviewed))
    flagged = sum(i.outside_theatre for i in items)
    console.print(
        f"{len(items)} shown, {reader.pending()} awaiting review"
        + (f"; ⚠ {flagged} outside the theatre's countries" if flagged else "")
    )


@review_app.command("list")
def list_command(
    db: DbOption = None,
    status: Annotated[
        str | None,
        typer.Option(help="Only: confirmed, corrected, rejected, merged or split."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many to show.")] = 100,
) -> None:
    """Reviewed events, rejected and merged-away ones included, latest review first."""
    items = _reader(db).reviewed(status=status, limit=limit)
    console.print(_table(items, status=True))
    console.print(f"{len(items)} reviewed events" + (f" ({status})" if status else ""))


@review_app.command("show")
def show_command(event_id: EventId, db: DbOption = None) -> None:
    """One event as reviewed, with its sources' ids (for `split --mention`)."""
    from orbat.store.events import EventStore

    reader = _reader(db)
    event = reader.event(event_id)
    console.print(
        f"[bold]event {event.id}[/]: {escape(event.sub_event_type)} ({escape(event.event_type)})"
        f", {event.event_date or 'undated'}, {escape(event.location or '?')}"
    )
    console.print(
        f"actors: {escape(event.actor1 or '')} vs {escape(event.actor2 or '—')}; "
        f"fatalities {event.fatalities}; confidence {event.confidence}"
    )
    console.print(f"review: {event.review_status or 'not reviewed'}")
    for m in EventStore(reader.engine).mentions([event_id])[event_id]:
        console.print(
            f"  source {m.id}: {escape(m.outlet or '?')} doc {m.document_id} "
            f"@{m.char_start}-{m.char_end}: {escape(m.quote[:160])}"
        )


TargetId = Annotated[int, typer.Argument(help="The event's (relation's, claim's) id.")]


def _verdict_command(action: str, doc: str) -> None:
    """Register `orbat review confirm` or `reject` (the same command with another verdict)."""

    def command(
        target_id: TargetId,
        db: DbOption = None,
        by: By = None,
        note: Note = None,
        kind: Kind = "event",
    ) -> None:
        from orbat.store.reviews import ReviewStore

        ReviewStore(_writer(db)).decide(action, kind, target_id, by=_by(by), note=note)
        console.print(f"{kind} {target_id} {action}ed")

    command.__doc__ = doc
    review_app.command(action)(command)


_verdict_command("confirm", "Confirm an event, relation or claim as the extractor coded it.")
_verdict_command(
    "reject",
    "Reject an event, relation or claim: it leaves listings and exports (kept in `list`).",
)


@review_app.command("correct")
def correct_command(
    target_id: TargetId,
    field: Annotated[
        str,
        typer.Option(
            help="An event's type, sub_type, date, place, actor1, actor2 or fatalities; a "
            "relation's type, stance, subject or object; a claim's type, stance, claimant or "
            "value."
        ),
    ],
    value: Annotated[str, typer.Option(help="The right value (actor2 '' for none).")],
    db: DbOption = None,
    by: By = None,
    note: Note = None,
    kind: Kind = "event",
) -> None:
    """Correct one field of an event, relation or claim; the machine's value is kept beside
    the correction."""
    from orbat.store.reviews import FIELDS, ReviewStore
    from orbat.store.statement_reviews import correct_statement

    store = ReviewStore(_writer(db))
    if kind != "event":
        correct_statement(store, kind, target_id, field, value, by=_by(by), note=note)
        history = _reader(db).history(kind, target_id)
        console.print(f"{kind} {target_id}: {field} is now {escape(history[-1].new_value)}")
        return
    store.correct(target_id, field, value, by=_by(by), note=note)
    event = _reader(db).event(target_id)
    console.print(f"event {target_id}: {field} is now {escape(str(event._mapping[FIELDS[field]]))}")


@review_app.command("merge")
def merge_command(
    keep: Annotated[int, typer.Argument(help="The event that stays.")],
    other: Annotated[int, typer.Argument(help="The event that is the same happening.")],
    db: DbOption = None,
    by: By = None,
    note: Note = None,
) -> None:
    """Merge two events that are one happening: OTHER leaves listings and exports."""
    from orbat.store.reviews import ReviewStore

    ReviewStore(_writer(db)).merge(keep, other, by=_by(by), note=note)
    console.print(f"event {other} merged into {keep}")


@review_app.command("split")
def split_command(
    event_id: EventId,
    mention: Annotated[
        list[int], typer.Option("--mention", help="A source to take out (repeatable; `show`).")
    ],
    db: DbOption = None,
    by: By = None,
    note: Note = None,
) -> None:
    """Take sources that report another happening out of an event: they become an event of
    their own."""
    from orbat.store.reviews import ReviewStore

    ReviewStore(_writer(db)).split(event_id, mention, by=_by(by), note=note)
    # The newest event a split of this one made (ids only grow).
    made = max(s["into_id"] or 0 for s in _reader(db).event(event_id).split_off)
    console.print(f"event {event_id}: {len(mention)} source(s) split off into event {made}")


@review_app.command("history")
def history_command(
    target_id: TargetId,
    db: DbOption = None,
    kind: Kind = "event",
) -> None:
    """Every review of an event, relation or claim, oldest first."""
    rows = _reader(db).history(kind, target_id)
    table = Table("when", "by", "action", "field", "old", "new", "note")
    for r in rows:
        table.add_row(
            r.created_at.strftime("%Y-%m-%d %H:%M"),
            escape(r.reviewer),
            r.action,
            r.field or "",
            escape(r.old_value or ""),
            escape(r.new_value if r.action != "merge" else f"into {r.new_value}"),
            escape(r.note or ""),
        )
    console.print(table)
    console.print(f"{len(rows)} reviews of {kind} {target_id}")
