"""Docs tested against code: every setting and every command is documented."""

from __future__ import annotations

from pathlib import Path

from orbat.cli.app import app
from orbat.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented() -> None:
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"`{setting.name}`" in doc and setting.env_var in doc, setting.name


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        assert f"orbat {command.name}" in readme, command.name


def test_every_export_format_is_in_the_readme() -> None:
    from orbat.export import EXPORTERS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in EXPORTERS:
        assert name in readme, name
