"""`orbat resolve`, `orbat actors`, `orbat actor`: which actor a name means, who the actors
are, and everything known about one of them."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from orbat.cli.bidi import isolate
from orbat.cli.options import DbOption, engine_for

if TYPE_CHECKING:
    from orbat.export.actors import ActorCounts

__all__ = ["actor_command", "actors_command", "resolve_command"]


def resolve_command(
    name: Annotated[str, typer.Argument(help="A name as a source spells it, any script.")],
    context: Annotated[
        str | None, typer.Option(help="Surrounding text, to settle acronyms such as KH.")
    ] = None,
) -> None:
    """Resolve an actor name (spelling variants, Arabic script, acronyms) to the pack's actor."""
    from orbat.resolve.actors import resolve_name

    typer.echo(json.dumps(resolve_name(name, context), ensure_ascii=False, indent=2))


def actors_command(
    db: DbOption = None,
    kind: Annotated[
        str | None,
        typer.Option(help="Only this kind: state_forces, political_militia, rebel_group, ..."),
    ] = None,
    country: Annotated[str | None, typer.Option(help="Only actors of this country.")] = None,
    candidates: Annotated[
        bool,
        typer.Option("--candidates", help="Only candidate actors (found in text, not reviewed)."),
    ] = False,
) -> None:
    """The actors: the pack's (mentions, events, relations), then candidates found in text."""
    from orbat.export.actors import actor_counts, actor_records
    from orbat.packs import load_pack

    kinds = _kinds()
    if kind is not None and kind not in kinds:
        raise typer.BadParameter(f"--kind must be one of {', '.join(kinds)}")
    engine = engine_for(db)
    pack = load_pack()
    records = [
        r
        for r in actor_records(engine, pack)
        if (kind is None or r["kind"] == kind)
        and (country is None or (r["country"] or "").casefold() == country.casefold())
        and r["status"] != "rejected"
    ]
    counts = actor_counts(engine, pack, records)
    console = Console()
    shown = [r for r in records if r["candidate"] == candidates]
    if not candidates:
        table = Table("id", "name", "kind", "country", "ACLED name", "inter", "mentions", "events")
        table.add_column("relations")
        for r in shown:
            table.add_row(*_cells(r, counts), str(counts.relations.get(r["id"], 0)))
        console.print(table)
        console.print(f"{len(shown)} actors from pack {pack.name!r}")
    found = [r for r in records if r["candidate"]]
    if found or candidates:
        table = Table("id", "name", "kind", "country", "status", "mentions", "first seen in")
        for r in found:
            ev = r["evidence"]
            table.add_row(
                escape(r["id"]),
                f"[yellow]{escape(r['name'])}[/] ?",
                r["kind"],
                r["country"] or "",
                r["status"],
                str(counts.mentions.get(r["id"], 0)),
                escape(
                    f"{isolate(ev['title'] or str(ev['document_id']))}: “{isolate(ev['quote'])}”"
                ),
            )
        console.print(table)
        console.print(f"{len(found)} candidate actors (? = found in text, awaiting review)")


def _kinds() -> tuple[str, ...]:
    from orbat.packs import ActorKind

    return tuple(ActorKind.__args__)  # type: ignore[attr-defined]


def _cells(record: dict[str, Any], counts: ActorCounts) -> list[str]:
    return [
        escape(record["id"]),
        escape(record["name"]),
        record["kind"],
        record["country"] or "",
        escape(record["acled_name"]),
        "" if record["inter"] is None else str(record["inter"]),
        str(counts.mentions.get(record["id"], 0)),
        str(counts.events.get(record["id"], 0)),
    ]


def actor_command(
    name: Annotated[str, typer.Argument(help="An actor's id or name, any spelling or script.")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the profile as JSON.")] = False,
) -> None:
    """One actor's profile: aliases, relations over time with sources, events, claims."""
    from orbat.export.profile import actor_profile, find_actor
    from orbat.packs import load_pack

    engine = engine_for(db)
    pack = load_pack()
    lookup = find_actor(engine, pack, name)
    profile = actor_profile(engine, pack, lookup.actor_id)
    profile["resolved_from"] = {"query": name, "score": lookup.score, "method": lookup.method}
    if as_json:
        typer.echo(json.dumps(profile, ensure_ascii=False, indent=2))
        return
    _print_profile(Console(), profile)


def _print_profile(console: Console, p: dict[str, Any]) -> None:
    mark = " [yellow](candidate, awaiting review)[/]" if p["candidate"] else ""
    console.print(f"[bold]{escape(p['name'])}[/] [dim]{escape(p['id'])}[/]{mark}")
    how = p["resolved_from"]
    console.print(
        f"{p['kind']} · {p['country'] or 'no country'} · ACLED: {escape(p['acled_name'])}"
        + (f" (inter {p['inter']})" if p["inter"] is not None else "")
        + f" · matched {escape(how['query'])!r} by {how['method']} ({how['score']:.2f})",
        highlight=False,
    )
    if p["evidence"]:
        ev = p["evidence"]
        console.print(f"first seen: {_cite(ev)}", highlight=False)
    if p["aliases"]:
        aliases = [
            escape(a["name"])
            + (f" [dim]{a['script']}[/]" if a["script"] != "Latn" else "")
            + (" [red]weak[/]" if a["weak"] else "")
            for a in p["aliases"]
        ]
        console.print("aliases: " + " · ".join(aliases), highlight=False)
    _print_relations(console, p["relations"])
    _print_events(console, p["events"])
    for title, claims in (("claims by it", p["claims_by"]), ("claims about it", p["claims_about"])):
        if claims:
            table = Table("date", "claim", "stance", "about", "evidence", title=title)
            for c in claims:
                table.add_row(
                    c["date"] or "",
                    escape(f"{c['subject_name'] or c['subject_text']} {c['predicate']}"),
                    c["stance"],
                    escape(c["object_name"] or c["object_text"] or "")
                    + (f" (event {c['event_id']})" if c["event_id"] else ""),
                    _cite(c["evidence"]),
                )
            console.print(table)
    console.print(
        f"{p['mention_count']} mentions in {p['mention_documents']} documents · "
        f"{len(p['events'])} events · {len(p['relations'])} relations",
        highlight=False,
    )


def _cite(ev: dict[str, Any]) -> str:
    where = ev["title"] or ev["document_external_id"] or f"document {ev['document_id']}"
    return escape(f"“{isolate(ev['quote'])}” — {isolate(where)} [{ev['start']}:{ev['end']}]")


def _print_relations(console: Console, relations: list[dict[str, Any]]) -> None:
    if not relations:
        return
    table = Table("when", "relation", "stance", "source", title="relations over time")
    for r in relations:
        when = r["date"] or "–".join(x or "…" for x in (r["start"], r["end"]))
        if when == "…–…":
            when = ""
        subject = r["subject_name"] or r["subject_text"] or "?"
        target = r["object_name"] or r["object_text"] or "?"
        source = r["source"]["title"] if r["source"] else _cite(r["evidence"])
        table.add_row(
            when,
            escape(f"{subject} {r['type']} {target}"),
            r["stance"],
            escape(source) if r["source"] else source,
        )
    console.print(table)


def _print_events(console: Console, found: list[dict[str, Any]]) -> None:
    if not found:
        return
    table = Table("id", "date", "type", "role", "actor 1", "actor 2", "place", "deaths")
    table.title = "events"
    for e in found:
        deaths = "" if e["fatalities"] is None else str(e["fatalities"])
        table.add_row(
            str(e["event_id"]),
            e["event_date"] or "undated",
            e["sub_event_type"],
            ", ".join(e["roles"]),
            escape(e["actor1"] or ""),
            escape(e["actor2"] or ""),
            escape(", ".join(dict.fromkeys(x for x in (e["location"], e["country"]) if x))),
            deaths + (" ⚑" if e["contested"] else ""),
        )
    console.print(table)
