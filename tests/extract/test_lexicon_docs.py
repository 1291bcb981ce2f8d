"""Issue 15: the rule files are data, and every entry of them is documented (docs/lexicons.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from orbat.extract.lexicon.rules import RULE_FILES, rules

pytestmark = pytest.mark.issue(15)

DOC = Path(__file__).resolve().parents[2] / "docs" / "lexicons.md"


def _entries(table: dict[str, Any], prefix: str = "") -> list[str]:
    out = []
    for key, value in table.items():
        if key == "version":
            continue
        name = f"{prefix}{key}"
        if isinstance(value, dict) and key not in ("nouns", "macros", "kinds"):
            out += _entries(value, f"{name}.")
        else:
            out.append(name)
    return out


@pytest.mark.parametrize("name", RULE_FILES)
def test_every_rule_entry_is_documented(name: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    assert f"`{name}`" in doc
    data = rules(name)
    entries = _entries({k: v for k, v in data.items() if k != "pattern"})
    entries += [f"pattern.{key}" for row in data.get("pattern", []) for key in row]
    for entry in entries:
        assert f"`{entry}`" in doc or f"`{entry.split('.')[0]}.{entry.split('.')[-1]}`" in doc, (
            f"{name}: `{entry}` is not in docs/lexicons.md"
        )
