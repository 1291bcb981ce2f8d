"""Arabic text in the terminal: quotes isolated so they lay out right to left in their cell.

A terminal that implements the Unicode bidirectional algorithm (GNOME's VTE, Konsole,
iTerm2, Windows Terminal) shows an Arabic run right to left by itself, but an Arabic quote
inside an English line drags the punctuation and numbers around it into its own direction
("“...” — doc [12:40]" comes out scrambled). Wrapping the quote in RIGHT-TO-LEFT ISOLATE ...
POP DIRECTIONAL ISOLATE (U+2067, U+2069) keeps it to itself. The marks are invisible; a
terminal without bidi support shows the letters in logical order, as the text is stored.
"""

from __future__ import annotations

from orbat.nlp.arabic import is_arabic_text

__all__ = ["isolate"]

_RLI = "\u2067"  # RIGHT-TO-LEFT ISOLATE
_PDI = "\u2069"  # POP DIRECTIONAL ISOLATE


def isolate(text: str) -> str:
    """``text`` as a right-to-left isolate when it is Arabic, else unchanged."""
    return f"{_RLI}{text}{_PDI}" if is_arabic_text(text) else text
