"""Segment & clean: cut raw documents into articles, find their metadata, drop page chrome."""

from __future__ import annotations

from orbat.clean.dumps import segment

__all__ = ["segment"]
