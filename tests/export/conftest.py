"""Fixtures of this folder's tests."""

# The founding corpus with planted statements, and an empty database (tests/actor_corpus.py).
from actor_corpus import actor_db, empty_db

__all__ = ["actor_db", "empty_db"]
