"""Event extraction: from an article's sentences to ACLED-coded event mentions with evidence.

* :mod:`~orbat.extract.events.extractor`: :class:`EventExtractor`, which prepares an article
  for the parse and codes each sentence's events (one candidate per event found);
* :mod:`~orbat.extract.events.story`: the passes that tie an article's sentences into one
  story (strikers, claimants, places named later, follow-ups);
* :mod:`~orbat.extract.events.reading`: what one sentence or place tells on its own.

The article types (:class:`ArticleView`, :class:`Unparsed`) are :mod:`orbat.extract.article`'s,
shared with the statement extractor over one parse (:mod:`orbat.extract.analysis`).
"""

from orbat.extract.article import ArticleView, Prepared, Unparsed
from orbat.extract.events.extractor import EventExtractor, events_version

__all__ = ["ArticleView", "EventExtractor", "Prepared", "Unparsed", "events_version"]
