"""Place names an article uses as people's names: one sense per discourse.

"Chief Justice Zaidan" makes every "Zaidan" of the article a man, not Zahedan; "Mahmoud
Khalil" makes "Khalil's fight" his, not Hebron's (Al-Khalil).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from orbat.nlp.gazetteer import Gazetteer

__all__ = ["person_vetoes"]

_TITLE_BEFORE = re.compile(
    r"\b(?:President|Minister|Justice|Judge|General|Gen\.|Sheikh|Mr\.?|Mrs\.?|Ms\.?|Dr\.?"
    r"|Commander|Speaker|Ayatollah|Imam|Sayyed|Colonel|Col\.|Major|Captain|Brigadier"
    r"|Lieutenant|Senator|Governor)\s+$"
    # Only people are killed or mourned by name: "the assassination of Soleimani", "photos
    # of Soleimani, Mohandis" (a place is struck, shelled or captured, never assassinated).
    r"|\b(?:assassinated|murdered|assassinations?\s+of|murders?\s+of|photos\s+of"
    r"|portraits?\s+of|funeral\s+of|mourning\s+for)\s+$",
    re.I,
)


def person_vetoes(
    text: str, gazetteer: Gazetteer, entities: Iterable[tuple[int, int, str]] = ()
) -> list[tuple[int, int, str]]:
    """``PERSON`` spans for every occurrence of a place name that the article elsewhere
    uses as a person's name: after a title ("Chief Justice Zaidan") or as the surname of a
    multi-word PERSON entity ("Mahmoud Khalil" — Al-Khalil is also Hebron): one sense per
    discourse. "statements by Salih, Kadhimi and Zaidan", "Khalil's fight" then do not put
    events in Zahedan or Hebron, even where the tagger did not run. (A one-word PERSON tag
    is not trusted: the small model tags "Homs" as a person.)
    """
    people: set[str] = set()
    for start, end, label in entities:
        words = text[start:end].split()
        if label == "PERSON" and len(words) > 1:
            people.add(words[-1].removesuffix("'s").removesuffix("’s"))
    hits = list(gazetteer.scan(text))
    # The tagger's own place guesses too: the small model tags "Soleimani" as a GPE.
    hits += [
        (start, start + len(surface), surface)
        for start, end, label in entities
        if label in ("GPE", "LOC")
        for surface in [re.sub(r"['’]s$", "", text[start:end])]
    ]
    for start, _end, surface in hits:
        if _TITLE_BEFORE.search(text[max(0, start - 20) : start]):
            people.add(surface)
    return [(s, e, "PERSON") for s, e, surface in hits if surface in people]
