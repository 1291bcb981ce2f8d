"""Read raw inputs (text dumps, feeds, HTML, JSON/CSV exports, WARC) into RawDocuments.

from orbat.ingest import read_inputs, ReadOptions, FieldMap
for record in read_inputs(["dump.txt", "feeds/", "-"]):
    ...  # a RawDocument, or a Skip saying which input (part) was left out and why
"""

from orbat.ingest.base import FieldMap, ReadOptions
from orbat.ingest.sources import READERS, read_inputs

__all__ = ["READERS", "FieldMap", "ReadOptions", "read_inputs"]
