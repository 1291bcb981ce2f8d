"""Store stage: SQLAlchemy Core over SQLite (default) or PostgreSQL."""

from orbat.store.documents import DocumentStore, StoredArticle, fts5_query
from orbat.store.engine import database_url, migrate, open_engine

__all__ = ["DocumentStore", "StoredArticle", "database_url", "fts5_query", "migrate", "open_engine"]
