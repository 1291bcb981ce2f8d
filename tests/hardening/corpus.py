"""A synthetic-but-real corpus for the hardening tests: founding-corpus paragraphs recombined.

Every record is distinct (its own id and dispatch line), so "stored exactly once" is checkable
record by record, and the text is real conflict reporting, so the pipeline does real work.
"""

from __future__ import annotations

import json
import random
from functools import cache
from pathlib import Path

from orbat.clean import segment
from orbat.ingest import read_inputs
from orbat.models import RawDocument

SEEDS = Path(__file__).resolve().parents[2] / "src" / "orbat" / "examples" / "seeds"


@cache
def paragraphs() -> tuple[str, ...]:
    found: list[str] = []
    for record in read_inputs([str(SEEDS)]):
        if isinstance(record, RawDocument):
            for article in segment(record):
                found += [p.strip() for p in article.text.split("\n\n") if len(p.strip()) > 80]
    return tuple(found)


def write_jsonl(path: Path, count: int, seed: int = 7) -> list[str]:
    """Write ``count`` records to ``path``; return their ids."""
    rng = random.Random(seed)
    pool = paragraphs()
    ids = []
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            ident = f"rec-{number:05d}"
            body = [f"Dispatch {number} ({rng.random():.6f}).", *rng.sample(pool, 3)]
            row = {
                "id": ident,
                "title": f"Dispatch {number}",
                "date": f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "source": rng.choice(["Wire A", "Wire B", "Wire C"]),
                "text": "\n\n".join(body),
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            ids.append(ident)
    return ids
