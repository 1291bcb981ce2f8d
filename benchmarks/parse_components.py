"""Time each spaCy component on the benchmark corpus: stock spaCy against orbat's set-up.

Three set-ups of the same pipeline (``en_core_web_sm``) on the same documents:

- ``stock``: ``spacy.load`` as it comes — thinc multiplies matrices with its bundled BLIS;
- ``numpy-blas``: the layers built on numpy's BLAS (OpenBLAS), one thread;
- ``orbat``: what :func:`orbat.nlp.model.load_nlp` gives — numpy's BLAS, one thread, and the
  attribute ruler and lemmatizer that remember their answers per word form
  (:mod:`orbat.nlp.remembering`).

Each document is tokenized, then each component runs over all of them in batches of 16 (as
``nlp.pipe`` does), timed apart. The set-ups take turns, ``--rounds`` times, and each
component's best time is kept: on a shared machine the neighbours slow some rounds, never
speed one up. Every set-up must give the same annotations (tag, part of speech, morphology,
lemma, head, label, entity) on every token; the script says how many differ.

Run: ``python benchmarks/parse_components.py`` (documents from ``../shared/data`` beside the
clone, or ``--data DIR``); results are printed and written to
benchmarks/results/parse_components.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "parse_components.json"
BATCH = 16

sys.path.insert(0, str(ROOT / "benchmarks"))


def _stock() -> Any:
    import spacy

    from orbat.nlp.model import ALIASES, model_name

    name = model_name()
    for candidate in (name, *ALIASES.get(name, ())):
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    sys.exit(f"spaCy pipeline {name!r} is not installed")


def _numpy_blas() -> Any:
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits

    with use_ops("numpy", use_blis=False):
        nlp = _stock()
    threadpool_limits(limits=1, user_api="blas")
    return nlp


def _orbat() -> Any:
    from orbat.nlp.model import load_nlp

    return load_nlp()


SETUPS: dict[str, Callable[[], Any]] = {
    "stock": _stock,
    "numpy-blas": _numpy_blas,
    "orbat": _orbat,
}


def time_components(nlp: Any, texts: list[str]) -> tuple[dict[str, float], list[Any]]:
    """Seconds for tokenizing ``texts`` and for each component, and the annotated docs."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    docs = [nlp.make_doc(text) for text in texts]
    seconds["tokenizer"] = time.perf_counter() - started
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=BATCH))
        else:  # a plain callable component, which nlp.pipe calls doc by doc
            docs = [component(doc) for doc in docs]
        seconds[name] = time.perf_counter() - started
    return seconds, docs


def annotations(docs: list[Any]) -> list[tuple[Any, ...]]:
    return [
        (t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
        for doc in docs
        for t in doc
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--data", type=Path, help="a folder laid out like ../shared/data (default: that folder)"
    )
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()

    from scale import real_documents

    texts = [d["text"] for d in real_documents(args.data)[: args.documents]]
    pipelines = {name: make() for name, make in SETUPS.items()}
    for nlp in pipelines.values():  # warm up: first calls allocate, remembering starts empty
        list(nlp.pipe(texts[:50]))
    best: dict[str, dict[str, float]] = {name: {} for name in pipelines}
    reference: list[Any] | None = None
    differing: dict[str, int] = {}
    for round_ in range(args.rounds):
        order = list(pipelines) if round_ % 2 == 0 else list(reversed(pipelines))
        for name in order:
            seconds, docs = time_components(pipelines[name], texts)
            for component, s in seconds.items():
                best[name][component] = min(s, best[name].get(component, s))
            got = annotations(docs)
            if reference is None:
                reference = got
            differing[name] = sum(a != b for a, b in zip(got, reference, strict=True))
            print(f"round {round_ + 1} {name}: {sum(seconds.values()):.1f} s", file=sys.stderr)
    tokens = len(reference or [])
    result = {
        "machine": platform.platform(),
        "documents": len(texts),
        "tokens": tokens,
        "rounds": args.rounds,
        "best_seconds": {n: {c: round(s, 2) for c, s in b.items()} for n, b in best.items()},
        "total_seconds": {n: round(sum(b.values()), 2) for n, b in best.items()},
        "tokens_differing_from_stock": differing,
    }
    print(json.dumps(result, indent=2))
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
