"""Issue 16: Arabic evidence in the terminal — the quote isolated right to left (U+2067 ...
U+2069) so a bidi terminal lays it out whole inside an English line; English untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from arabic_posts import ingest_posts
from orbat.cli.app import app
from orbat.cli.bidi import isolate

pytestmark = pytest.mark.issue(16)

POST = (
    "نفت كتائب حزب الله في بيان أي علاقة لها بالهجوم بطائرة مسيرة على قاعدة التنف أمس، "
    "وقالت إن الاتهامات باطلة."
)


def test_isolate_wraps_arabic_only() -> None:
    assert isolate(POST) == "\u2067" + POST + "\u2069"
    assert isolate("Kataib Hezbollah denied it.") == "Kataib Hezbollah denied it."


def test_actor_profile_prints_an_arabic_denial_isolated_beside_english_fields(
    tmp_path: Path,
) -> None:
    db, _ = ingest_posts(tmp_path, [{"id": "d1", "text": POST, "date": "2024-02-02"}])
    result = CliRunner().invoke(
        app, ["actor", "kataib-hezbollah", "--db", db], env={"COLUMNS": "400"}
    )
    assert result.exit_code == 0, result.output
    assert "denied" in result.output
    assert "\u2067" + POST[:20] in result.output and "\u2069" in result.output
