"""Hashtags read as the words they join: "#Tuz_Khurmatu" is the town Tuz Khurmatu.

Telegram digests and monitoring channels tag places and groups ("#Deir_ez-Zor | Unknown gunmen
killed an #SDF member in #Hajin"). The tagger, the gazetteer and the actor finder know the
words, not the tags. The reading keeps every offset: the hash becomes a space and an underscore
between letters a space, so evidence still points into the stored text, which is not changed.
"""

from __future__ import annotations

import re

__all__ = ["hashtags_as_words"]

_TAG = re.compile(r"(?<![\w&/])#(?=[^\W\d_])(\w+(?:[-'’]\w+)*)")


def hashtags_as_words(text: str) -> str:
    """``text`` with each hashtag's ``#`` and inner underscores as spaces (same length)."""
    if "#" not in text:
        return text
    return _TAG.sub(lambda m: " " + m.group(1).replace("_", " "), text)
