"""Issue 14 §5: a PDF is read as text with pypdf, never stored as PDF code; without pypdf, or
with no text in it, it is refused with "PDF not supported"."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from orbat.ingest import read_inputs
from orbat.ingest.detect import sniff
from orbat.models import RawDocument, Skip

pytestmark = pytest.mark.issue(14)

LINES = [
    "BAGHDAD, 3 March 2025 - A drone strike hit a militia vehicle",
    "near Jurf al-Sakhar on Monday, killing three fighters.",
]


def _pdf(lines: list[str], title: str = "Militia update") -> bytes:
    """A one-page PDF whose text is ``lines`` (uncompressed: every byte is printable)."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=612, height=792)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    shown = [f"({line}) Tj T*" for line in lines]
    content = DecodedStreamObject()
    content.set_data("\n".join(["BT", "/F1 11 Tf", "72 720 Td", "14 TL", *shown, "ET"]).encode())
    page[NameObject("/Contents")] = writer._add_object(content)
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _read(path: Path) -> list[RawDocument | Skip]:
    return list(read_inputs([str(path)]))


def test_a_pdf_is_read_as_its_text(tmp_path: Path) -> None:
    data = _pdf(LINES)
    assert b"\x00" not in data  # the text reader would have taken it as text
    assert sniff(data, "report.bin") == "pdf"
    (tmp_path / "report.pdf").write_bytes(data)
    [doc] = _read(tmp_path / "report.pdf")
    assert isinstance(doc, RawDocument) and doc.format == "pdf"
    assert doc.title == "Militia update"
    assert "drone strike hit a militia vehicle" in doc.text
    assert "%PDF" not in doc.text and "endobj" not in doc.text and " Tj" not in doc.text


def test_a_pdf_without_text_is_refused(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(_pdf([]))
    [skip] = _read(tmp_path / "scan.pdf")
    assert isinstance(skip, Skip) and "PDF not supported" in skip.reason


def test_without_pypdf_a_pdf_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)
    (tmp_path / "report.pdf").write_bytes(_pdf(LINES))
    [skip] = _read(tmp_path / "report.pdf")
    assert isinstance(skip, Skip) and "PDF not supported" in skip.reason
