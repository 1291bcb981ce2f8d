"""Diacritics off Latin letters, shared by every matcher that compares spellings."""

from __future__ import annotations

import unicodedata

__all__ = ["strip_marks"]


def strip_marks(text: str) -> str:
    """``text`` without combining marks ("Qā'im" → "Qa'im"); other scripts keep their letters.

    ASCII text has none to strip: most news text, and by far the cheapest test.
    """
    if text.isascii():
        return text
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
