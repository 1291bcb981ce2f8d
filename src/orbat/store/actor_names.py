"""Actor names a filter accepts: any spelling the pack knows, as the ACLED names stored."""

from __future__ import annotations

__all__ = ["acled_names_for"]


def acled_names_for(name: str) -> list[str]:
    """The ACLED names of the pack actors ``name`` surely means (exact alias, transliteration
    key or acronym), e.g. "Kata'ib Hizballah" → ["Kataib Hezbollah"]; [] when none."""
    from orbat.resolve.actors import default_resolver

    resolver = default_resolver()
    sure = [m for m in resolver.resolve(name) if m.method in ("exact", "key", "acronym")]
    return sorted({resolver.pack.actor(m.actor_id).acled_name for m in sure})
