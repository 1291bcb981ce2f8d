"""Options and helpers every `orbat` command shares: the database to use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from orbat import settings

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["DbOption", "engine_for"]

DbOption = Annotated[
    str | None,
    typer.Option("--db", help=f"{settings.SETTINGS[0].help} Default: $ORBAT_DB or ./orbat.db."),
]


def engine_for(db: str | None, *, create: bool = False) -> Engine:
    """The database ``--db`` names (else the setting); readers never create an empty one."""
    from orbat.store import (
        open_engine,
    )  # SQLAlchemy and Alembic: only for a command that needs them

    return open_engine(settings.get("db", db), create=create)
