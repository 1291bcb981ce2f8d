"""Feeds that attack the parser are refused fast, in bounded memory."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from orbat.ingest import read_inputs
from orbat.models import Skip

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><description>&lol9;</description></item>
</channel></rss>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&xxe;</title></entry></feed>
"""


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["laughs", "xxe"])
def test_hostile_xml_is_refused_fast_in_bounded_memory(tmp_path: Path, payload: bytes) -> None:
    path = tmp_path / "hostile.rss"
    path.write_bytes(payload)
    tracemalloc.start()
    try:
        start = time.perf_counter()
        records = list(read_inputs([str(path)]))
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(records) == 1
    (skip,) = records
    assert isinstance(skip, Skip)
    assert skip.reason.startswith("hostile XML refused")
    assert peak < 50_000_000
    assert elapsed < 5  # generous: a parser that expanded the entities would not finish at all


def test_plain_doctype_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "old.rss"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"'
        ' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"><channel>'
        "<title>Old</title><item><title>Hello</title><description>World</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    (doc,) = read_inputs([str(path)])
    assert not isinstance(doc, Skip)
    assert (doc.title, doc.text, doc.source) == ("Hello", "World", "Old")


def test_malformed_feed(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_bytes(b"<?xml version='1.0'?><rss><channel><title>x</tit")
    (skip,) = read_inputs([str(path)])
    assert isinstance(skip, Skip)
    assert "\n" not in skip.reason
