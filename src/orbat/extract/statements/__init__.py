"""Statement extraction: actor mentions, relations and claims of an article, with evidence.

* :mod:`~orbat.extract.statements.extractor`: :class:`StatementExtractor`, which reads one
  article (the parse it shares with the event extractor, :mod:`orbat.extract.analysis`);
* :mod:`~orbat.extract.statements.relations`, :mod:`~orbat.extract.statements.claims` and
  :mod:`~orbat.extract.statements.stance`: relations between two arguments, claims of
  responsibility and denials, the stance a text takes;
* :mod:`~orbat.extract.statements.discovery`: armed groups the pack does not know yet;
* :mod:`~orbat.extract.statements.records`: the records they give.

The stage over the database is :func:`orbat.pipeline.extract.extract_statements`.
"""

from orbat.extract.statements.extractor import (
    EventSpan,
    StatementExtractor,
    StatementResult,
    for_document,
    sentences_of,
    statements_version,
)

__all__ = [
    "EventSpan",
    "StatementExtractor",
    "StatementResult",
    "for_document",
    "sentences_of",
    "statements_version",
]
