"""Serve stage: a read-only JSON API and web UI over the database (``orbat serve``)."""

from orbat.web.app import create_app
from orbat.web.database import make_read_only, open_read_only

__all__ = ["create_app", "make_read_only", "open_read_only"]
