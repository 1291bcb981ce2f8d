"""Issue 17: a 20 MB HTML page peaked at 3.2 GB while parsed; pages have a size limit of their
own (``max_html_bytes``), below the one for feeds and JSON documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from orbat.ingest import read_inputs
from orbat.models import RawDocument, Skip

pytestmark = pytest.mark.issue(17)


def _page(path: Path, paragraphs: int) -> Path:
    body = "".join(f"<p>Paragraph {i} on the strike near Mosul.</p>" for i in range(paragraphs))
    path.write_text(f"<html><head><title>T</title></head><body><article>{body}</article>"
                    "</body></html>", encoding="utf-8")  # fmt: skip
    return path


def test_a_page_over_max_html_bytes_is_skipped_with_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORBAT_MAX_HTML_BYTES", "20000")
    big = _page(tmp_path / "big.html", 2000)  # about 90 KB
    small = _page(tmp_path / "small.html", 20)
    records = list(read_inputs([str(big), str(small)]))
    skips = [r for r in records if isinstance(r, Skip)]
    docs = [r for r in records if isinstance(r, RawDocument)]
    assert [s.origin for s in skips] == [str(big)]
    assert "max_html_bytes (20,000 bytes)" in skips[0].reason
    assert [d.origin for d in docs] == [str(small)]


def test_the_default_limit_is_ten_megabytes() -> None:
    from orbat import settings

    assert settings.get("max_html_bytes") == 10_000_000
