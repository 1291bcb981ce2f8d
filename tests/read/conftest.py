"""Fixtures of this folder's tests."""

# The founding corpus with planted events and statements (tests/actor_corpus.py).
from actor_corpus import actor_db

__all__ = ["actor_db"]
