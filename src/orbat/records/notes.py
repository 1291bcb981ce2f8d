"""ACLED-style one-sentence ``notes`` for an event: the extractor writes them for its records,
and the store writes them again from an analyst's corrected values (``orbat review``), so the
notes never tell the machine's coding of a corrected event."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

__all__ = ["CodedEvent", "write_notes"]


class CodedEvent(Protocol):
    """The coded fields the notes are built from (an event record, or reviewed values)."""

    @property
    def event_date(self) -> dt.date | None: ...
    @property
    def time_precision(self) -> int | None: ...
    @property
    def sub_event_type(self) -> str: ...
    @property
    def actor1(self) -> str | None: ...
    @property
    def actor2(self) -> str | None: ...
    @property
    def location(self) -> str | None: ...
    @property
    def admin1(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...
    @property
    def fatalities(self) -> int | None: ...


# What actor1 did, by sub-event type, as ACLED's notes phrase it.
_VERBS = {
    "Armed clash": "clashed with",
    "Government regains territory": "regained territory from",
    "Non-state actor overtakes territory": "took territory from",
    "Air/drone strike": "carried out an air/drone strike on",
    "Suicide bomb": "carried out a suicide bombing against",
    "Shelling/artillery/missile attack": "fired on",
    "Remote explosive/landmine/IED": "detonated an explosive device against",
    "Grenade": "threw a grenade at",
    "Sexual violence": "committed sexual violence against",
    "Attack": "attacked",
    "Abduction/forced disappearance": "abducted",
    "Arrests": "arrested",
    "Looting/property destruction": "looted or destroyed property of",
    "Disrupted weapons use": "seized weapons or defused explosives of",
    "Peaceful protest": "demonstrated",
    "Protest with intervention": "demonstrated and were met by",
    "Excessive force against protesters": "used excessive force against",
    "Violent demonstration": "demonstrated violently",
    "Mob violence": "attacked",
    "Agreement": "reached an agreement with",
    "Headquarters or base established": "established a base",
    "Change to group/activity": "changed activity",
    "Non-violent transfer of territory": "took over territory from",
    "Other": "was involved in an event with",
    "Chemical weapon": "used chemical weapons against",
}


def write_notes(record: CodedEvent) -> str:
    """ "On 20 August 2021, Islamic State (Iraq) clashed with ... in Tarmiya (Saladin, Iraq).
    3 fatalities reported." — built from the coded fields only, never from free text.
    """
    when = f"On {record.event_date:%-d %B %Y}" if record.event_date else "On an unreported date"
    if record.time_precision == 2 and record.event_date:
        when = f"Around {record.event_date:%-d %B %Y}"
    elif record.time_precision == 3 and record.event_date:
        when = f"In {record.event_date:%B %Y}"
    actor1 = record.actor1 or "unidentified actors"
    verb = _VERBS.get(record.sub_event_type, "acted against")
    target = (
        f" {record.actor2}"
        if record.actor2
        and verb.endswith(
            (
                " of",
                " on",
                " with",
                " against",
                " at",
                " from",
                " by",
                "attacked",
                "abducted",
                "arrested",
            )
        )
        else ""
    )
    if not target and verb.endswith((" of", " on", " with", " against", " at", " from", " by")):
        target = " unidentified targets"
    where = ""
    if record.location:
        context = ", ".join(
            x for x in (record.admin1, record.country) if x and x != record.location
        )
        where = f" in {record.location}" + (f" ({context})" if context else "")
    elif record.country:
        where = f" in {record.country}"
    deaths = f" {record.fatalities} fatalities reported." if record.fatalities else ""
    return f"{when}, {actor1} {verb}{target}{where}.{deaths}"
