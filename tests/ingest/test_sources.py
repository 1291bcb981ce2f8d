"""The package API: inputs of every kind, stdin, folders, and one Skip for every problem."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

import orbat.ingest
from orbat.ingest import READERS, FieldMap, ReadOptions, read_inputs
from orbat.ingest.detect import sniff
from orbat.models import RawDocument, Skip

from .helpers import split


def test_public_api_is_pinned() -> None:
    assert orbat.ingest.__all__ == ["READERS", "FieldMap", "ReadOptions", "read_inputs"]
    assert sorted(READERS) == [
        "csv",
        "html",
        "json",
        "jsonl",
        "pdf",
        "rss",
        "telegram",
        "telegram-html",
        "text",
        "warc",
    ]


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (b"WARC/1.0\r\n", "", "warc"),
        (b'<?xml version="1.0"?>\n<rss version="2.0">', "", "rss"),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'>", "x.txt", "rss"),
        (b"<?xml version='1.0'?><rdf:RDF>", "", "rss"),
        (b"<!DOCTYPE html><html><body>", "page.xml", "html"),
        (b"<html lang='en'>", "", "html"),
        (b'[{"title": "a"}]', "", "json"),
        (b'{"items": [\n{"title": "a"}]}', "", "json"),
        (b'{"title": "a"}\n{"title": "b"}\n', "x.json", "jsonl"),
        (b"id,title,text\n1,a,b\n", "export", "csv"),
        (b"Baghdad, Iraq - Rockets hit the base.\n\nMore text.", "", "text"),
        (b"\xef\xbb\xbfPlain text with a BOM", "", "text"),
    ],
)
def test_sniff(head: bytes, name: str, expected: str) -> None:
    assert sniff(head, name) == expected


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"  \n\n")
    assert list(read_inputs([str(tmp_path / "empty.txt")])) == [
        Skip(str((tmp_path / "empty.txt").resolve()), "empty file")
    ]


@pytest.mark.parametrize("payload", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(256)) * 8])
def test_binary_file(tmp_path: Path, payload: bytes) -> None:
    path = tmp_path / "picture.txt"
    path.write_bytes(payload)
    (skip,) = read_inputs([str(path)])
    assert isinstance(skip, Skip)
    assert skip.reason.startswith("binary file")


def test_missing_path(tmp_path: Path) -> None:
    (skip,) = read_inputs([str(tmp_path / "nowhere.txt")])
    assert isinstance(skip, Skip)
    assert skip.reason == "no such file or folder"


def test_folder_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second file.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First file.\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("secret\n", encoding="utf-8")
    (tmp_path / ".git" / "config.txt").write_text("secret\n", encoding="utf-8")
    docs, skips = split(read_inputs([str(tmp_path)]))
    assert not skips
    assert [d.text for d in docs] == ["First file.\n", "Second file.\n"]  # text kept as is
    assert docs[0].origin == str((tmp_path / "a.txt").resolve())
    assert (docs[0].format, docs[0].locator) == ("text", "")


def test_relative_path_origin_is_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "note.txt").write_text("A short note.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (doc,) = read_inputs(["note.txt"])
    assert isinstance(doc, RawDocument)
    assert doc.origin == str((tmp_path / "note.txt").resolve())


def test_stdin(monkeypatch: pytest.MonkeyPatch, data: Path) -> None:
    feed = (data / "feeds/heraldsun.rss").read_bytes()
    fake = io.TextIOWrapper(io.BytesIO(feed), encoding="latin-1")
    monkeypatch.setattr(sys, "stdin", fake)
    docs, skips = split(read_inputs(["-"]))
    assert not skips
    assert [d.title for d in docs] == ["The First Item", "The Second Item"]
    assert {d.origin for d in docs} == {"-"}


def test_empty_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"))
    assert list(read_inputs(["-"])) == [Skip("-", "empty file")]


def test_gzipped_html_is_read_inside(data: Path) -> None:
    page = next(iter(sorted((data / "aeb/html").iterdir())))
    docs, skips = split(read_inputs([str(page)]))
    assert not skips
    assert docs[0].format == "html" and len(docs[0].text) > 500 and docs[0].title


def test_html_page_metadata(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    body = "".join(
        f"<p>Paragraph {i} of a report on strikes near Deir ez-Zor.</p>" for i in range(8)
    )
    page.write_text(
        "<!doctype html><html lang='en-GB'><head><title>Strikes | Example News</title>"
        "<meta property='og:title' content='Strikes near Deir ez-Zor'>"
        "<meta property='og:site_name' content='Example News'>"
        "<meta property='article:published_time' content='2021-08-26T10:00:00Z'>"
        "<link rel='canonical' href='https://news.example/strikes'>"
        f"</head><body><article>{body}</article></body></html>",
        encoding="utf-8",
    )
    (doc,) = read_inputs([str(page)])
    assert isinstance(doc, RawDocument)
    assert doc.title == "Strikes near Deir ez-Zor"
    assert doc.source == "Example News"
    assert doc.url == "https://news.example/strikes"
    assert str(doc.published) == "2021-08-26"
    assert doc.language == "en"
    assert "Paragraph 7" in doc.text


def test_page_without_article_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "nav.html"
    page.write_text(
        "<html><head><title>App</title></head><body><script>go()</script></body></html>"
    )
    assert [s.reason for s in read_inputs([str(page)])] == ["no articles found"]


def test_forced_format(tmp_path: Path) -> None:
    path = tmp_path / "export.dat"
    path.write_text("story_id|story\n7|Rockets hit the base.\n", encoding="utf-8")
    options = ReadOptions(format="csv", field_map=FieldMap(id="story_id", text="story"))
    (doc,) = read_inputs([str(path)], options)
    assert isinstance(doc, RawDocument)
    assert (doc.external_id, doc.text, doc.format) == ("7", "Rockets hit the base.", "csv")


def test_unknown_forced_format_is_a_caller_error() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        list(read_inputs([], ReadOptions(format="docx")))


@pytest.mark.issue(17)
@pytest.mark.usefixtures("watchdog")
def test_symlink_loops_in_a_folder_are_walked_once(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("First file.\n", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("Second file.\n", encoding="utf-8")
    (folder / "x").symlink_to(".")  # two links to the folder itself: 2^40 paths before
    (folder / "y").symlink_to(".")
    (folder / "sub" / "up").symlink_to("..")  # a link back up: every file read 41 times
    (folder / "sub" / "same.txt").symlink_to("b.txt")  # one file under two names
    (folder / "dangling").symlink_to("nowhere")
    docs, skips = split(read_inputs([str(folder)]))
    assert not skips
    assert sorted(d.text for d in docs) == ["First file.\n", "Second file.\n"]
    assert docs[0].origin == str((folder / "a.txt").resolve())


@pytest.mark.issue(17)
@pytest.mark.usefixtures("watchdog")
def test_symlinked_folder_outside_is_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "c.txt").write_text("Third file.\n", encoding="utf-8")
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "link").symlink_to(outside)
    (outside / "back").symlink_to(folder)  # and a loop through both folders
    docs, skips = split(read_inputs([str(folder)]))
    assert not skips
    assert [d.text for d in docs] == ["Third file.\n"]
