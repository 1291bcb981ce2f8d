"""JSON, JSONL and CSV exports: default and custom field names, bad lines skipped alone."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

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


def _lines(*rows: dict[str, object]) -> bytes:
    return b"".join(json.dumps(row).encode() + b"\n" for row in rows)


@pytest.mark.issue(17)
def test_jsonl_line_nested_too_deep_is_skipped_alone(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    deep = b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    path.write_bytes(_lines({"id": 1, "text": "One."}) + deep + _lines({"id": 3, "text": "Three."}))
    docs, skips = split(read_inputs([str(path)]))
    assert [d.external_id for d in docs] == ["1", "3"]
    (skip,) = skips
    assert skip.locator == "line 2" and "nested too deeply" in skip.reason


@pytest.mark.issue(17)
def test_jsonl_invalid_utf8_is_repaired_and_said(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        _lines({"id": 1, "text": "Frappe près de Raqqa."})
        + b'{"id": 2, "text": "Frappe pr\xe8s de Raqqa, caf\xc3\xa9 touch\xc3\xa9."}\n'
        + _lines({"id": 3, "text": "Trois."})
    )
    docs, skips = split(read_inputs([str(path)]))
    assert [d.external_id for d in docs] == ["1", "2", "3"]
    # The valid UTF-8 around the bad byte is kept as written, not guessed as another codepage.
    assert docs[1].text == "Frappe pr\ufffds de Raqqa, café touché."
    (skip,) = skips
    assert skip.locator == "line 2"
    assert "invalid UTF-8" in skip.reason and "U+FFFD" in skip.reason


@pytest.mark.issue(17)
def test_nul_characters_are_stripped_from_fields(tmp_path: Path) -> None:
    path = tmp_path / "nul.jsonl"
    path.write_bytes(
        _lines({"id": "a\u00001", "title": "Raid\u0000 on base", "text": "Body\u0000 text."})
    )
    # Past the 64 KB head, where detection would call the file binary.
    csv_path = tmp_path / "nul.csv"
    filler = "".join(f"{n},Title {n},Body of row {n}.\n" for n in range(3000))
    csv_path.write_text(f'id,title,text\n{filler}x,"Raid\x00","Body\x00 two."\n', "utf-8")
    docs, skips = split(read_inputs([str(path), str(csv_path)]))
    assert not skips
    assert [(d.external_id, d.title, d.text) for d in (docs[0], docs[-1])] == [
        ("a1", "Raid on base", "Body text."),
        ("x", "Raid", "Body two."),
    ]


@pytest.mark.issue(17)
@pytest.mark.parametrize("name", ["export.jsonl.gz", "export.csv.gz", "small.csv.gz"])
def test_truncated_gzip_export_keeps_the_records_before_the_break(
    tmp_path: Path, name: str
) -> None:
    count = 30 if name.startswith("small") else 3000
    if ".jsonl" in name:
        data = _lines(*({"id": n, "text": f"Body of record {n}."} for n in range(count)))
    else:
        rows = "".join(f"{n},Body of record {n}.\n" for n in range(count))
        data = f"id,text\n{rows}".encode()
    packed = gzip.compress(data)
    path = tmp_path / name
    path.write_bytes(packed[: len(packed) - 40])  # the trailer and the last records cut away
    records = list(read_inputs([str(path)]))
    docs, skips = split(records)
    assert [d.external_id for d in docs] == [str(n) for n in range(len(docs))]
    assert len(docs) > count // 2
    (skip,) = skips
    assert records[-1] is skip and "truncated" in skip.reason
