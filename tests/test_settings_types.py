"""Issue 15 (habits): settings are typed; the typed name lists follow the declarations."""

from __future__ import annotations

from typing import get_args

import pytest

from orbat import settings
from orbat.errors import ConfigError

pytestmark = pytest.mark.issue(15)


def test_every_setting_is_typed_by_its_default() -> None:
    by_type = {
        str: set(get_args(settings.StrSetting)),
        int: set(get_args(settings.IntSetting)),
        float: set(get_args(settings.FloatSetting)),
    }
    for setting in settings.SETTINGS:
        assert setting.name in by_type[type(setting.default)], setting.name
    assert sum(map(len, by_type.values())) == len(settings.SETTINGS)


def test_values_from_the_environment_have_the_declared_type(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ORBAT_MAX_HTML_BYTES", "2000")
    monkeypatch.setenv("ORBAT_ARTICLE_SECONDS", "3")
    assert settings.get("max_html_bytes") == 2000
    assert isinstance(settings.get("article_seconds"), float)
    monkeypatch.setenv("ORBAT_MINHASH_PERMUTATIONS", "many")
    with pytest.raises(ConfigError, match="ORBAT_MINHASH_PERMUTATIONS='many' is not a valid int"):
        settings.get("minhash_permutations")
