"""Open the database for the web UI so that nothing served can change it.

The code lives in :mod:`orbat.store.read_only`, shared with ``orbat.open`` and ``orbat stats``.
"""

from orbat.store.read_only import make_read_only, open_read_only

__all__ = ["make_read_only", "open_read_only"]
