"""Actor names a filter accepts: any spelling the pack knows, as the ACLED names stored."""

from __future__ import annotations

__all__ = ["acled_names_for", "actor_id_for"]


def acled_names_for(name: str) -> list[str]:
    """The ACLED names of the pack actors ``name`` surely means (exact alias, transliteration
    key or acronym), e.g. "Kata'ib Hizballah" → ["Kataib Hezbollah"]; [] when none."""
    from orbat.resolve.actors import default_resolver

    resolver = default_resolver()
    sure = [m for m in resolver.resolve(name) if m.method in ("exact", "key", "acronym")]
    return sorted({resolver.pack.actor(m.actor_id).acled_name for m in sure})


def actor_id_for(name: str) -> tuple[str | None, str]:
    """The pack actor ``name`` surely means (exact alias, transliteration key or acronym) and
    its name, e.g. "Kata'ib Hizballah" → ("kataib-hezbollah", "Kataib Hezbollah"); a name the
    resolver does not surely know → (None, the name as typed)."""
    from orbat.resolve.actors import default_resolver

    resolver = default_resolver()
    sure = {m.actor_id for m in resolver.resolve(name) if m.method in ("exact", "key", "acronym")}
    if len(sure) != 1:
        return None, name
    actor_id = next(iter(sure))
    return actor_id, resolver.pack.actor(actor_id).name
