"""The Python read API: ``orbat.open(db)`` and its events, actors and relations.

::

    import orbat

    db = orbat.open("orbat.db")                  # a path or a database URL; read-only
    strikes = db.events(actor="Kata'ib Hizballah", since="2025-01-01", event_type="Explosions")
    strikes[0]["sources"][0]["quote"]            # the sentence the event was read from
    strikes.to_pandas()                          # a DataFrame (needs pandas)
    db.actors(kind="political_militia", country="Iraq")
    db.relations(actor="kataib-hezbollah", type="hostile-to").to_pandas()

The filters are the web UI's and ``orbat export``'s (one :class:`~orbat.read.events.EventQuery`),
so a notebook, the events page and an export agree on what "events of Kataib Hezbollah since
January" means. Records are plain dicts, the events shaped as ``orbat export -f events-jsonl``
writes them (ACLED's columns, orbat's extras, every source with its evidence).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from orbat.errors import MissingExtra
from orbat.packs import Pack, load_pack
from orbat.read.actors import ActorQuery, acled_index, actor_list, event_actor_counts
from orbat.read.events import EventQuery
from orbat.read.graph import holds_on, pack_relation, sorted_relations, text_relation

if TYPE_CHECKING:
    import pandas
    from sqlalchemy import Engine

__all__ = ["Database", "Records", "open_database"]

DateLike = dt.date | str | None


class Records(list[dict[str, Any]]):
    """A list of records (dicts) that turns into a pandas DataFrame on request."""

    def to_pandas(self) -> pandas.DataFrame:
        """The records as a DataFrame, one column per key (nested values kept as objects)."""
        try:
            import pandas
        except ImportError:
            raise MissingExtra("pandas", "a DataFrame", extra="pandas") from None
        return pandas.DataFrame.from_records(list(self))


def _day(value: DateLike, name: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} takes a date or YYYY-MM-DD, not {value!r}") from None


class Database:
    """A database opened read-only: its events, actors and relations, filtered."""

    def __init__(self, engine: Engine, pack: Pack | None = None) -> None:
        self.engine = engine
        self.pack = pack or load_pack()

    def events(
        self,
        *,
        actor: str | None = None,
        place: str | None = None,
        event_type: str | None = None,
        since: DateLike = None,
        until: DateLike = None,
        text: str | None = None,
        country: str | None = None,
        admin1: str | None = None,
        min_fatalities: int | None = None,
        sort: str = "newest",
        limit: int | None = None,
    ) -> Records:
        """Events matching every filter given, each with its sources and their evidence.

        ``actor`` takes any spelling the pack knows; ``place`` part of the location,
        governorate or country; ``country``/``admin1`` exact names; ``sort`` is "newest",
        "oldest" or "fatalities".
        """
        from orbat.export.events import event_record
        from orbat.store.events import EventStore

        query = EventQuery(
            actor=actor,
            place=place,
            event_type=event_type,
            since=_day(since, "since"),
            until=_day(until, "until"),
            text=text,
            country=country,
            admin1=admin1,
            min_fatalities=min_fatalities,
            sort=sort,
        )
        store = EventStore(self.engine)
        rows = store.events(query.to_filter(), limit=limit)
        mentions = store.mentions([r.id for r in rows])
        return Records(event_record(r, mentions[r.id]) for r in rows)

    def actors(
        self, *, q: str | None = None, kind: str | None = None, country: str | None = None
    ) -> Records:
        """The pack's actors and those only events name, most events first.

        ``q`` is part of a name or alias; ``kind`` a pack kind ("political_militia") or
        "unknown"; ``country`` the actor's country.
        """
        query = ActorQuery(q=q, kind=kind, country=country)
        counts = event_actor_counts(self.engine)
        return Records(actor_list(self.pack, acled_index(self.pack), counts, query))

    def relations(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,
        stance: str | None = None,
        on: DateLike = None,
        origin: str | None = None,
    ) -> Records:
        """Relations between actors: the pack's (dated, with a citation) and those read from
        articles (with their sentence), oldest first.

        ``actor`` is an actor id (either side); ``type`` a relation ("hostile-to");
        ``stance`` "asserted", "alleged", "denied"...; ``on`` keeps those holding that day
        (undated pack relations are left out then); ``origin`` is "pack" or "text".
        """
        from orbat.export.statements import actor_names
        from orbat.store.statements import StatementStore

        day = _day(on, "on")
        found: list[dict[str, Any]] = []
        if origin in (None, "pack"):
            mine = self.pack.relations_of(actor) if actor else self.pack.relations
            for r in sorted_relations(mine):
                if day and (not r.start or not holds_on(r, day.isoformat())):
                    continue
                found.append(pack_relation(self.pack, r))
        if origin in (None, "text"):
            known = actor_names(self.engine, self.pack)
            rows = StatementStore(self.engine).relations(actor, until=day)
            found.extend(text_relation(row, known) for row in rows)
        kept = [
            r
            for r in found
            if (type is None or r["type"] == type) and (stance is None or r["stance"] == stance)
        ]
        return Records(sorted(kept, key=lambda r: r["start"] or ""))


def open_database(db: str, *, pack: Pack | None = None) -> Database:
    """The database ``db`` names (a SQLite path or a URL), opened read-only; never created."""
    from orbat.store.read_only import open_read_only

    return Database(open_read_only(db), pack)
