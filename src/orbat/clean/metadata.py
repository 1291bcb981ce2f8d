"""Article metadata from header lines and text: source outlet, date, captions, original outlet."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from orbat.clean.dates import find_header_date
from orbat.clean.lines import looks_like_outlet, strip_bullet

__all__ = [
    "WIRE_SERVICES",
    "HeaderInfo",
    "original_outlet",
    "read_header",
    "site_name",
    "title_outlet",
]

# Wire services whose name, alone at the end of a text, credits the copy to them
# ("... sent to his infant son. Reuters"). Only a closed list can tell a credit from a
# sentence that ends on a name.
WIRE_SERVICES: tuple[str, ...] = (
    "AFP",
    "ANI",
    "AP",
    "Agence France-Presse",
    "Anadolu",
    "Anadolu Agency",
    "Associated Press",
    "dpa",
    "IANS",
    "IRNA",
    "KUNA",
    "PTI",
    "Reuters",
    "SANA",
    "SPA",
    "Sputnik",
    "TASS",
    "WAM",
    "Xinhua",
)

# An outlet's name as text writes it: capitalised words, digits, "al-" joins.
_NAME = r"[A-Z][\w&'’.-]*(?:\s(?:[A-Z0-9][\w&'’.-]*|al-[\w'’-]+|of|the)){0,3}"
# How a text names the outlet that wrote it. Each pattern is a habit of news copy, not of
# one page: the dateline credit "WASHINGTON, DC (Kurdistan 24) –", the outlet saying it
# could not verify something, interviews given "to" it, sources it reached.
# The dateline is tried on the first paragraph only; the others run on a paragraph only
# when it holds their needle, as trying a name pattern at every capital is slow.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{1,40}\((?P<outlet>" + _NAME + r")\)\s*[–—-]")
_SELF_REFERENCES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "verify",
        re.compile(
            r"\b(?P<outlet>" + _NAME + r") (?:has not been able to (?:independently )?|"
            r"was unable to (?:independently )?|could not independently |cannot independently )"
            r"verify\b"
        ),
    ),
    ("interview", re.compile(r"\btold (?P<outlet>" + _NAME + r") in an? (?:\w+ ){0,2}interview\b")),
    (
        " by ",
        re.compile(
            r"\b(?:[Ss]ources|[Oo]fficials) (?:reached|contacted|interviewed) by "
            r"(?P<outlet>" + _NAME + r")\b"
        ),
    ),
    ("peaking to", re.compile(r"\b[Ss]peaking to (?P<outlet>" + _NAME + r"),")),
)
_WIRE_CREDIT = re.compile(
    r"[.!?\"”’)]\s+(?P<outlet>" + "|".join(re.escape(w) for w in WIRE_SERVICES) + r")\s*$"
)
# "Headline – Outlet" / "Headline | Outlet": reposting sites keep the origin in the title.
_TITLE_SUFFIX = re.compile(r"\s+[–—|]\s+(?P<outlet>[^–—|]{3,60})$")
# Name joiners that end a captured name by accident ("Asharq Al-Awsat, they" is fine, but
# "Reuters the" is not a name).
_TRAILING_JOINERS = re.compile(r"(?:\s(?:of|the))+$")


@dataclass(slots=True)
class HeaderInfo:
    """What the lines of an article's header say besides the title."""

    published: date | None = None
    published_raw: str | None = None
    source: str | None = None
    captions: list[str] = field(default_factory=list)


def read_header(lines: Iterable[str], title: str | None) -> HeaderInfo:
    """Read the date, outlet and captions out of an article's header lines.

    The first line that is a date gives the date (the text glued in front of it, as in
    "The National12-03-2025", may name the outlet); the first short capitalised line gives
    the outlet; lines of four words or more are captions; anything else is a marker.
    """
    info = HeaderInfo()
    for raw_line in lines:
        text = strip_bullet(raw_line.strip())
        if not text or text == title:
            continue
        found = find_header_date(text) if info.published_raw is None else None
        if found is not None:
            info.published, info.published_raw = found.published, found.raw
            if info.source is None and found.prefix and looks_like_outlet(found.prefix):
                info.source = found.prefix
            continue
        if looks_like_outlet(text):
            if info.source is None:
                info.source = text
            continue
        if len(text.split()) >= 4 and text not in info.captions:
            info.captions.append(text)
    return info


def title_outlet(title: str) -> str | None:
    """The outlet a reposted headline names at its end ("... via Iran – Middle East Monitor")."""
    m = _TITLE_SUFFIX.search(title)
    if m is None:
        return None
    outlet = m.group("outlet").strip()
    return outlet if looks_like_outlet(outlet) else None


def site_name(channel_title: str) -> str:
    """The site's name in a feed title: WordPress writes category feeds "Category – Site"."""
    return title_outlet(channel_title) or channel_title.strip()


# Sentence-initial words the name pattern can catch that are never outlets.
_NOT_NAMES = frozenset({"He", "She", "It", "They", "We", "I", "This", "The", "That", "You"})


def _clean_name(name: str) -> str | None:
    name = _TRAILING_JOINERS.sub("", name.strip().rstrip(".,"))
    return None if name in _NOT_NAMES or len(name) < 2 else name


def original_outlet(paragraphs: list[str]) -> str | None:
    """The outlet that the text itself says wrote it, or None.

    Looks at the dateline of the first paragraph, at the whole text for the outlet
    referring to itself, and at a wire credit ending the last paragraph.
    """
    if not paragraphs:
        return None
    first = _DATELINE.match(paragraphs[0])
    if first is not None and (name := _clean_name(first.group("outlet"))):
        return name
    for paragraph in paragraphs:
        for needle, pattern in _SELF_REFERENCES:
            if needle not in paragraph:
                continue
            m = pattern.search(paragraph)
            if m is not None and (name := _clean_name(m.group("outlet"))):
                return name
    credit = _WIRE_CREDIT.search(paragraphs[-1])
    if credit is not None:
        return credit.group("outlet")
    return None
