"""JSON, JSONL and CSV exports: default and custom field names, bad lines skipped alone."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from orbat.ingest import FieldMap, ReadOptions, read_inputs

from .helpers import split


def test_jsonl_with_a_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    lines = [
        json.dumps(
            {
                "ID": "a1",
                "Title": "Strike in Jurf al-Sakhar",
                "Text": "Body one.",
                "Date": "2021-08-26T09:00:00Z",
                "URL": "https://x.example/1",
                "Source": "X",
            }
        ),
        '{"id": "a2", "title": "broken',
        json.dumps(
            {"id": "a3", "body": "Body three.", "published": "Thu, 26 Aug 2021 10:00 +0000"}
        ),
        "",
        json.dumps(["not", "an", "object"]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, skips = split(read_inputs([str(path)]))
    assert [d.external_id for d in docs] == ["a1", "a3"]
    first = docs[0]
    assert (first.title, first.text, first.url, first.source) == (
        "Strike in Jurf al-Sakhar",
        "Body one.",
        "https://x.example/1",
        "X",
    )
    assert first.published == date(2021, 8, 26) and first.format == "jsonl"
    assert docs[1].published == date(2021, 8, 26)
    assert [(s.locator, s.reason.split(":")[0]) for s in skips] == [
        ("line 2", "invalid JSON line"),
        ("line 5", "line is a list, not an object"),
    ]


def test_csv_with_custom_field_map(tmp_path: Path) -> None:
    path = tmp_path / "scrape.csv"
    path.write_text(
        "story_id,headline,article_body,pub_day,outlet,section\n"
        '17,"Rockets hit base","Three rockets, officials said, hit the base.",'
        "2020-03-11,Rudaw,Iraq\n"
        "18,,,2020-03-12,Rudaw,Iraq\n",
        encoding="utf-8",
    )
    fields = FieldMap(id="story_id", text="article_body", date="pub_day", source="outlet")
    docs, skips = split(read_inputs([str(path)], ReadOptions(field_map=fields)))
    (doc,) = docs
    assert doc.external_id == "17"
    assert doc.title == "Rockets hit base"  # "headline" is a default title name
    assert doc.text == "Three rockets, officials said, hit the base."
    assert (doc.published, doc.source, doc.format, doc.locator) == (
        date(2020, 3, 11),
        "Rudaw",
        "csv",
        "row 2",
    )
    assert doc.extra == {"section": "Iraq"}
    assert [s.locator for s in skips] == ["row 3"]


def test_json_object_holding_a_list(tmp_path: Path) -> None:
    path = tmp_path / "api.json"
    path.write_text(
        json.dumps(
            {"count": 2, "articles": [{"id": 1, "content": "One."}, {"id": 2, "content": "Two."}]}
        ),
        encoding="utf-8",
    )
    docs, skips = split(read_inputs([str(path)]))
    assert not skips
    assert [(d.external_id, d.text, d.format) for d in docs] == [
        ("1", "One.", "json"),
        ("2", "Two.", "json"),
    ]


def test_json_array_and_invalid_json(tmp_path: Path) -> None:
    good = tmp_path / "a.json"
    good.write_text('[{"title": "Only a title"}, 5]', encoding="utf-8")
    bad = tmp_path / "b.json"
    bad.write_text('[{"title": "x"', encoding="utf-8")
    docs, skips = split(read_inputs([str(good), str(bad)]))
    assert [d.title for d in docs] == ["Only a title"]
    assert skips[0].locator == "record 2"
    assert skips[1].reason.startswith("invalid JSON")
