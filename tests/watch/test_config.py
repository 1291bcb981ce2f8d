"""Rules files and feeds files: what is accepted, and the clear error for what is not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from orbat.errors import ConfigError
from orbat.watch import load_rules, parse_interval, parse_rules, read_feeds_file
from orbat.watch.rules import Rule, haversine_km


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "'rules' is a required property"),
        ({"rules": []}, "should be non-empty"),
        ({"rules": [{"name": "x"}]}, "at least one condition"),
        ({"rules": [{"name": "x", "actr": "KH"}]}, "rules[0]: Additional properties"),
        ({"rules": [{"name": "x", "min_fatalities": "five"}]}, "rules[0].min_fatalities"),
        ({"rules": [{"name": "x", "near": {"lat": 95, "lon": 0, "km": 5}}]}, "near.lat"),
        ({"rules": [{"name": "x", "near": {"lat": 33, "lon": 44}}]}, "'km' is a required"),
        ({"rules": [{"name": "x", "new_actor": True, "place": "Iraq"}]}, "takes no other"),
        ({"rules": [{"name": "x", "contested": False}]}, "rules[0].contested"),
        ({"rules": [{"name": "a b", "place": "Iraq"}]}, "rules[0].name"),
        ({"rules": [{"name": "x", "place": "Iraq"}, {"name": "x", "place": "Syria"}]}, "twice"),
        ({"deliver": {"webhook": "ftp://x"}, "rules": [{"name": "x", "place": "I"}]}, "webhook"),
        ("just text", "top level"),
    ],
)
def test_bad_rules_are_refused_with_where_and_why(data: Any, message: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_rules(data, where="alert rules r.yaml")
    assert str(err.value).startswith("alert rules r.yaml: ")
    assert message in str(err.value)


def test_unreadable_rules_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read alert rules"):
        load_rules(tmp_path / "absent.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules: [name: x\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_rules(bad)


def _laughs(levels: int) -> str:
    """A "billion laughs" rules file: ``levels`` lists of 9 aliases, 9**levels strings."""
    lines = ["lol0: &lol0 [" + ", ".join(['"lol"'] * 9) + "]"]
    for level in range(1, levels):
        lines.append(f"lol{level}: &lol{level} [" + ", ".join([f"*lol{level - 1}"] * 9) + "]")
    lines.append(f"rules: [*lol{levels - 1}]")
    return "\n".join(lines) + "\n"


@pytest.mark.issue(17)
@pytest.mark.usefixtures("watchdog")
def test_a_yaml_alias_bomb_is_refused_before_it_is_built(tmp_path: Path) -> None:
    # 43 million strings in 623 bytes (a real bomb of ten levels hangs validation for
    # minutes and takes gigabytes; this smaller one keeps a regression quick to fail).
    bomb = tmp_path / "laughs.yaml"
    bomb.write_text(_laughs(8), encoding="utf-8")
    assert bomb.stat().st_size < 1000
    with pytest.raises(ConfigError) as err:
        load_rules(bomb)
    message = str(err.value)
    assert message.startswith(f"alert rules {bomb}: line 1: YAML anchors and aliases")
    assert "\n" not in message and len(message) < 300


@pytest.mark.issue(17)
def test_anchors_and_aliases_are_refused_in_rules_files(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "rules:\n"
        "  - name: a\n"
        "    place: [Baghdad, Mosul]\n"
        "  - name: b\n"
        "    place: &iraq [Basra]\n"
        "  - name: c\n"
        "    place: *iraq\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"line 5: YAML anchors and aliases .* not allowed"):
        load_rules(rules)
    rules.write_text(
        "rules:\n  - name: a\n    place: [Baghdad, Mosul]\n  - name: b\n    place: Basra\n",
        encoding="utf-8",
    )
    assert [r.name for r in load_rules(rules).rules] == ["a", "b"]


def test_rule_matching() -> None:
    event = {
        "actor1": "Islamic State (Iraq)",
        "actor2": "Militia (Pro-Iran)",
        "location": "At Tarmiyah",
        "country": "Iraq",
        "latitude": 33.674,
        "longitude": 44.396,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "fatalities": 3,
        "contested": False,
    }
    assert Rule("a", actor=("islamic state",)).matches(event)
    assert not Rule("a", actor=("Kataib Hezbollah",)).matches(event)
    assert Rule("p", place=("iraq", "Syria")).matches(event)
    assert Rule("t", event_type=("armed clash",)).matches(event)
    assert not Rule("t", event_type=("Protests",)).matches(event)
    assert Rule("f", min_fatalities=3).matches(event)
    assert not Rule("f", min_fatalities=4).matches(event)
    assert not Rule("f", min_fatalities=0).matches(event | {"fatalities": None})
    assert not Rule("c", contested=True).matches(event)
    assert Rule("c", contested=True).matches(event | {"contested": True})
    # Both conditions must hold.
    assert not Rule("both", place=("Iraq",), min_fatalities=10).matches(event)


def test_radius() -> None:
    # Baghdad → Tarmiya is about 37 km.
    assert 35 < haversine_km(33.3406, 44.4009, 33.6744, 44.3958) < 39
    from orbat.watch.rules import Near

    assert Near(33.3406, 44.4009, 40).contains(33.6744, 44.3958)
    assert not Near(33.3406, 44.4009, 30).contains(33.6744, 44.3958)
    assert not Near(33.3406, 44.4009, 30).contains(None, None)


def test_feeds_files(tmp_path: Path) -> None:
    plain = tmp_path / "feeds.txt"
    plain.write_text(
        "# my feeds\nhttps://a.example/rss\n\n  https://b.example/atom.xml  \nhttps://a.example/rss\n",
        encoding="utf-8",
    )
    assert read_feeds_file(plain) == ["https://a.example/rss", "https://b.example/atom.xml"]
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="news">'
        '<outline type="rss" text="A" xmlUrl="https://a.example/rss"/></outline></body></opml>',
        encoding="utf-8",
    )
    assert read_feeds_file(opml) == ["https://a.example/rss"]
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("https://a.example/rss\nfile:///etc/passwd\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"wrong.txt:2: 'file:///etc/passwd' is not an http"):
        read_feeds_file(wrong)
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="lists no feed"):
        read_feeds_file(empty)


@pytest.mark.parametrize(
    ("text", "seconds"), [("30s", 30), ("10m", 600), ("2h", 7200), ("1d", 86400), ("90", 90)]
)
def test_intervals(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "10 minutes", "-5m", "0s", "m"])
def test_bad_intervals(text: str) -> None:
    with pytest.raises(ConfigError, match="is not like"):
        parse_interval(text)
