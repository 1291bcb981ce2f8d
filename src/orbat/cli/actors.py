"""`orbat resolve`: which actor of the pack a name refers to."""

from __future__ import annotations

import json
from typing import Annotated

import typer

__all__ = ["resolve_command"]


def resolve_command(
    name: Annotated[str, typer.Argument(help="A name as a source spells it, any script.")],
    context: Annotated[
        str | None, typer.Option(help="Surrounding text, to settle acronyms such as KH.")
    ] = None,
) -> None:
    """Resolve an actor name (spelling variants, Arabic script, acronyms) to the pack's actor."""
    from orbat.resolve.actors import resolve_name

    typer.echo(json.dumps(resolve_name(name, context), ensure_ascii=False, indent=2))
