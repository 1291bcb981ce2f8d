"""Score the event classifier on CASE 2021 Task 2 (fine-grained ACLED event classification).

The shared task scores with support-weighted F1: per-class F1 averaged with each class
weighted by its number of gold snippets (scikit-learn's ``average="weighted"``). We report
it in two settings:

* ``acled``: the snippets whose gold label is one of ACLED's 25 sub-event types (the task's
  Subtask 1 label set); a snippet we call "no event" counts as a miss.
* ``all``: every snippet; the five non-ACLED classes (disasters, organised crime,
  diplomacy, attribution) are gold "no event", so calling them an ACLED event costs
  precision. The average still runs over the 25 ACLED classes only.

Development used a fixed random half (:func:`split`, seed 2021); report both halves.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from orbat.eval.metrics import f1_score

__all__ = [
    "ACLED_LABELS",
    "CASE_TO_ACLED",
    "NON_ACLED_LABELS",
    "ClassScore",
    "Report",
    "Snippet",
    "evaluate",
    "load",
    "main",
    "score",
    "split",
]

#: CASE 2021 label → ACLED ``sub_event_type`` (names in orbat.taxonomy).
CASE_TO_ACLED: dict[str, str] = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
}
#: Labels outside ACLED's taxonomy (the task's "unseen" classes): gold "no event" for us.
NON_ACLED_LABELS = frozenset(
    {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"}
)
ACLED_LABELS: tuple[str, ...] = tuple(sorted(CASE_TO_ACLED.values()))
NONE = "(no event)"
SEED = 2021

Classifier = Callable[[Sequence[str]], list[str | None]]


@dataclass(frozen=True, slots=True)
class Snippet:
    id: int
    text: str
    label: str

    @property
    def gold(self) -> str:
        """The gold ACLED sub-event type, or ``(no event)`` for the non-ACLED classes."""
        return CASE_TO_ACLED.get(self.label, NONE)


@dataclass(frozen=True, slots=True)
class ClassScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True, slots=True)
class Report:
    """Weighted F1 and its parts for one set of snippets."""

    name: str
    n: int
    weighted_f1: float
    weighted_precision: float
    weighted_recall: float
    per_class: tuple[ClassScore, ...]
    confusions: tuple[tuple[str, str, int], ...]

    def render(self, top: int = 15) -> str:
        lines = [
            f"{self.name}: n={self.n}  weighted P={self.weighted_precision:.3f} "
            f"R={self.weighted_recall:.3f} F1={self.weighted_f1:.3f}",
            f"  {'class':<38} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}",
        ]
        for c in sorted(self.per_class, key=lambda c: c.f1):
            lines.append(
                f"  {c.label:<38} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.support:4d}"
            )
        lines.append("  most frequent confusions (gold → predicted):")
        for gold, pred, count in self.confusions[:top]:
            lines.append(f"    {count:3d}  {gold} → {pred}")
        return "\n".join(lines)


def load(path: str | Path) -> list[Snippet]:
    """The snippets of ``task2_test_with_labels.tsv`` (columns id, EventSnippet, SubType)."""
    with Path(path).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Snippet(int(r["id"]), r["EventSnippet"], r["SubType"]) for r in reader]


def split(snippets: Sequence[Snippet], seed: int = SEED) -> tuple[list[Snippet], list[Snippet]]:
    """(development half, held-out half): a fixed random halving by snippet id."""
    ids = sorted(s.id for s in snippets)
    dev = set(random.Random(seed).sample(ids, len(ids) // 2))
    return [s for s in snippets if s.id in dev], [s for s in snippets if s.id not in dev]


def score(
    name: str, gold: Sequence[str], predicted: Sequence[str | None], labels: Iterable[str]
) -> Report:
    """Support-weighted P/R/F1 over ``labels`` (scikit-learn's ``average="weighted"``)."""
    pred = [p or NONE for p in predicted]
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    for g, guess in zip(gold, pred, strict=True):
        if g == guess:
            tp[g] += 1
        else:
            fp[guess] += 1
            fn[g] += 1
            confusions[(g, guess)] += 1
    per_class = []
    for label in labels:
        support = tp[label] + fn[label]
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        r = tp[label] / support if support else 0.0
        f = f1_score(p, r)
        per_class.append(ClassScore(label, p, r, f, support))
    total = sum(c.support for c in per_class) or 1
    return Report(
        name=name,
        n=len(gold),
        weighted_f1=sum(c.f1 * c.support for c in per_class) / total,
        weighted_precision=sum(c.precision * c.support for c in per_class) / total,
        weighted_recall=sum(c.recall * c.support for c in per_class) / total,
        per_class=tuple(per_class),
        confusions=tuple((g, p, n) for (g, p), n in confusions.most_common()),
    )


def orbat_classifier() -> Classifier:
    """orbat's rule-based classifier over the default spaCy pipeline, batched."""
    from orbat.extract.classify import default_classifier

    clf = default_classifier()

    def run(texts: Sequence[str]) -> list[str | None]:
        out: list[str | None] = []
        for doc in clf.nlp.pipe(texts, batch_size=64):
            found = clf.classify(doc)
            out.append(found.sub_event_type if found else None)
        return out

    return run


def evaluate(
    snippets: Sequence[Snippet],
    classifier: Classifier | None = None,
    setting: str = "acled",
    name: str = "case2021",
) -> Report:
    """Classify ``snippets`` and score them in ``setting`` (``acled`` or ``all``)."""
    if setting not in {"acled", "all"}:
        raise ValueError(f"setting must be 'acled' or 'all', not {setting!r}")
    chosen = [s for s in snippets if setting == "all" or s.label in CASE_TO_ACLED]
    predicted = (classifier or orbat_classifier())([s.text for s in chosen])
    return score(f"{name} [{setting}]", [s.gold for s in chosen], predicted, ACLED_LABELS)


def _memo(classifier: Classifier) -> Classifier:
    """``classifier`` remembering its answers, so overlapping parts are parsed once."""
    seen: dict[str, str | None] = {}

    def run(texts: Sequence[str]) -> list[str | None]:
        todo = [t for t in dict.fromkeys(texts) if t not in seen]
        seen.update(zip(todo, classifier(todo), strict=True))
        return [seen[t] for t in texts]

    return run


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m orbat.eval.case2021 TSV``: print reports for dev, held-out and all."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv", type=Path, help="task2_test_with_labels.tsv")
    parser.add_argument("--setting", choices=("acled", "all"), default="acled")
    parser.add_argument("--part", choices=("dev", "heldout", "all", "each"), default="each")
    parser.add_argument("--top", type=int, default=15, help="confusions to list")
    args = parser.parse_args(argv)
    snippets = load(args.tsv)
    dev, held = split(snippets)
    parts = {"dev": dev, "heldout": held, "all": snippets}
    names = list(parts) if args.part == "each" else [args.part]
    classifier = _memo(orbat_classifier())
    for name in names:
        report = evaluate(parts[name], classifier, args.setting, name)
        print(report.render(args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
