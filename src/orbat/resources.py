"""Files shipped inside the orbat package that code outside the CLI needs too."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["example_corpus"]


def example_corpus() -> Path:
    """The bundled founding corpus (19 articles in 5 scraped files)."""
    return Path(str(resources.files("orbat") / "examples" / "seeds"))
