"""Read PDF reports (think-tank updates, UN reports) as text, page by page, with pypdf.

A PDF is never read as text: its bytes are page-description code, and an uncompressed one
is plain ASCII that the text reader would otherwise store (and extract "events" from). Text
comes from pypdf's extraction; a PDF whose pages hold no text (a scan) is refused, as is one
pypdf cannot parse, or every PDF when pypdf is not installed ("PDF not supported").
"""

from __future__ import annotations

from collections.abc import Iterator

from orbat.errors import UnreadableInput, UnsupportedFormat
from orbat.ingest.base import Input, ReadOptions, Record, drop_nul
from orbat.models import RawDocument

__all__ = ["read_pdf"]

#: Pages past this many are left out (a 2,000-page annex is not news); the record says so.
MAX_PAGES = 500


def read_pdf(source: Input, options: ReadOptions) -> Iterator[Record]:
    """One RawDocument per PDF: its pages' text joined by blank lines, its title metadata."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise UnsupportedFormat(
            "PDF not supported: pypdf is not installed (pip install pypdf)"
        ) from None
    try:
        with source.open() as stream:
            reader = PdfReader(stream)
            if reader.is_encrypted:
                raise UnsupportedFormat("PDF not supported: the file is encrypted")
            pages = [page.extract_text() or "" for page in reader.pages[:MAX_PAGES]]
            total = len(reader.pages)
            title = reader.metadata.get("/Title") if reader.metadata else None
    except PdfReadError as err:
        raise UnreadableInput(f"damaged PDF: {err}") from None
    text = drop_nul("\n\n".join(p.strip() for p in pages if p.strip()))
    if not text:
        raise UnsupportedFormat("PDF not supported: its pages hold no text (a scan?)")
    extra: dict[str, object] = {"pages": total}
    if total > MAX_PAGES:
        extra["pages_read"] = MAX_PAGES
    yield RawDocument(
        origin=source.origin,
        format="pdf",
        text=text,
        title=str(title).strip() or None if title else None,
        extra=extra,
    )
