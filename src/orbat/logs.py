"""orbat's log: where its named loggers (``orbat.<module>``) write, and from which level.

Modules log through ``logging.getLogger(__name__)``. A run that catches an error and goes on
(a reader bug, an article whose extraction failed, a feed that broke) reports it in one line
and logs the traceback here, which is what a bug report needs. The CLI calls
:func:`configure_logging` once per command, from the ``log_level`` and ``log_file`` settings;
a program using orbat as a library configures logging its own way.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from orbat import settings
from orbat.errors import ConfigError

__all__ = ["configure_logging"]

_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to whatever ``sys.stderr`` is when a record comes (test runners swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def configure_logging() -> logging.Logger:
    """Send the ``orbat`` loggers to ``log_file`` (else standard error) from ``log_level``."""
    level = settings.get("log_level").upper()
    if level not in _LEVELS:
        raise ConfigError(f"log_level {level!r} is not one of {', '.join(_LEVELS)}")
    path = settings.get("log_file")
    handler: logging.Handler
    try:
        handler = (
            logging.FileHandler(path, encoding="utf-8")
            if path
            else logging.StreamHandler(sys.stderr)
        )
    except OSError as exc:
        raise ConfigError(f"cannot open log_file {path!r}: {exc.strerror or exc}") from None
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger = logging.getLogger("orbat")
    for old in list(logger.handlers):
        logger.removeHandler(old)
        old.close()
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    return logger
