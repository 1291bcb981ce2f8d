"""The feeds to watch: a feeds file (one URL a line, or OPML), and intervals such as ``10m``."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from orbat.errors import ConfigError

__all__ = ["check_url", "parse_interval", "read_feeds_file"]

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds in ``30s``, ``10m``, ``2h``, ``1d`` or a bare number of seconds."""
    match = _INTERVAL.match(text)
    if not match or float(match[1]) <= 0:
        raise ConfigError(f"interval {text!r} is not like 30s, 10m, 2h or 1d")
    return float(match[1]) * _UNITS[match[2].lower()]


def check_url(url: str, where: str = "feed") -> str:
    """``url`` stripped, if it is an absolute http(s) URL; else a ``ConfigError``."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{where}: {url!r} is not an http(s) URL")
    return url


def read_feeds_file(path: Path) -> list[str]:
    """The feed URLs in ``path``: an OPML outline (``xmlUrl`` attributes) or plain text with
    one URL a line, blank lines and ``#`` comments ignored."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ConfigError(f"cannot read feeds file {path}: {err.strerror or err}") from None
    if b"<opml" in data[:4096].lower():
        try:
            root = ElementTree.fromstring(data)
        except (ElementTree.ParseError, DefusedXmlException) as err:
            raise ConfigError(f"feeds file {path} is not valid OPML: {err}") from None
        urls = [o.get("xmlUrl", "") for o in root.iter("outline") if o.get("xmlUrl")]
        found = [check_url(u, f"{path} (OPML)") for u in urls]
    else:
        found = []
        text = data.decode("utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
            if line:
                found.append(check_url(line, f"{path}:{number}"))
    if not found:
        raise ConfigError(f"feeds file {path} lists no feed URL")
    return list(dict.fromkeys(found))
