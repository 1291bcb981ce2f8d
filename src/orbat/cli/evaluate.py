"""`orbat eval`: run the project's gold sets and print per-field scores."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from orbat.eval.news import NewsScores

__all__ = ["eval_command"]

console = Console()
SUITES = ("seeds", "statements", "news", "news-ar", "case2021", "centcom", "aeb", "re3d")
# The gold sets' third-party data (CASE 2021, CENTCOM, aeb, re3d, and the texts of the news
# gold in tests/eval/gold/news/) is read from the shared data folder beside the clone (run
# from the repository's root); it is never copied into the repository.
SHARED_DATA = Path("../shared/data")


def eval_command(
    suites: Annotated[
        list[str] | None,
        typer.Argument(help=f"Which gold sets: {', '.join(SUITES)} (default all)."),
    ] = None,
    data: Annotated[
        Path,
        typer.Option(
            "--data",
            "--shared",
            help="Folder laid out like ../shared/data (case2021/, centcom/strikes.csv, aeb/, "
            "re3d/, the news gold's texts).",
        ),
    ] = SHARED_DATA,
    errors: Annotated[
        int,
        typer.Option(
            help="news, news-ar: show up to N missed, spurious and wrong events (and claims) "
            "of the development half."
        ),
    ] = 0,
    gold: Annotated[
        Path | None,
        typer.Option(
            help="news: a folder of gold files to score instead of tests/eval/gold/news (a "
            "pack's eval set); a texts.jsonl in it holds texts written for that gold.",
        ),
    ] = None,
) -> None:
    """Score orbat against its gold sets (founding corpus events and statements, unseen
    English news, the Arabic set, CASE 2021, CENTCOM, aeb, re3d)."""
    chosen = suites or list(SUITES)
    unknown = set(chosen) - set(SUITES)
    if unknown:
        raise typer.BadParameter(f"unknown gold set(s): {', '.join(sorted(unknown))}")
    for suite in chosen:
        if suite == "news":
            _news(data, errors, gold)
            continue
        if suite == "news-ar":
            _news_ar(errors)
            continue
        {
            "seeds": _seeds,
            "statements": _statements,
            "case2021": _case2021,
            "centcom": _centcom,
            "aeb": _aeb,
            "re3d": _re3d,
        }[suite](data)


def _seeds(_data: Path) -> None:
    from orbat.eval.seeds import run_seed_eval

    with tempfile.TemporaryDirectory() as tmp:
        scores = run_seed_eval(str(Path(tmp) / "seeds.db"))
    table = Table(title="founding corpus: events vs hand-annotated gold", show_header=False)
    table.add_row("required gold events", str(scores.required))
    table.add_row("recall", f"{scores.recall:.3f} ({scores.found_required}/{scores.required})")
    table.add_row(
        "precision", f"{scores.precision:.3f} ({scores.matched}/{scores.extracted} events)"
    )
    table.add_row("F1", f"{scores.f1:.3f}")
    for name, value in scores.field_accuracy().items():
        table.add_row(f"  {name} (on matched)", f"{value:.3f}")
    console.print(table)
    for missed in scores.missed:
        console.print(f"  [yellow]missed[/] {missed.file} “{missed.quote}”", highlight=False)


def _news(shared: Path, errors: int, gold: Path | None = None) -> None:
    from orbat.eval.news import HALVES, TEXTS_FILE, run_news_eval

    if gold is not None and not gold.exists():
        raise typer.BadParameter(f"--gold {gold}: no such file or folder")
    has_texts = gold is not None and (gold / TEXTS_FILE).is_file()
    if not has_texts and not _needs(shared):
        return
    scores = run_news_eval(shared, gold)
    console.print(_event_table("news: events vs hand-coded gold", scores, title="unseen news"))
    _print_by_source(scores)
    if errors:
        # Only the development half's errors: the held-out half is for measuring, not reading.
        _print_errors(scores[HALVES[0]], errors)


def _event_table(heading: str, scores: dict[str, NewsScores], title: str | None = None) -> Table:
    """Events per half and in all: counts, recall, precision, fields, confidence bands."""
    from orbat.eval.news import CONFIDENCE_BANDS, HALVES

    table = Table(heading, *HALVES, "all", title=title)
    columns = [scores[h] for h in (*HALVES, "all")]
    table.add_row("documents", *(str(s.documents) for s in columns))
    table.add_row("skipped by extraction", *(str(s.skipped) for s in columns))
    table.add_row("required gold events", *(str(s.required) for s in columns))
    table.add_row("recall", *(f"{s.recall:.3f} ({s.found_required}/{s.required})" for s in columns))
    table.add_row("precision", *(f"{s.precision:.3f} ({s.matched}/{s.extracted})" for s in columns))
    table.add_row("F1", *(f"{s.f1:.3f}" for s in columns))
    names = sorted({n for s in columns for n in s.field_totals})
    for name in names:
        cells = []
        for s in columns:
            total = s.field_totals.get(name, 0)
            hits = s.field_hits.get(name, 0)
            cells.append(f"{hits / total:.3f} ({hits}/{total})" if total else "-")
        table.add_row(f"  {name} (on matched)", *cells)
    for band in CONFIDENCE_BANDS:
        cells = []
        for s in columns:
            hit, total = s.by_confidence.get(band, (0, 0))
            cells.append(f"{hit / total:.3f} ({hit}/{total})" if total else "-")
        table.add_row(f"  precision, confidence {band}", *cells)
    return table


def _print_by_source(scores: dict[str, NewsScores]) -> None:
    """Recall, precision and F1 per kind of text (``report``, ``re3d``...) and half."""
    from orbat.eval.news import HALVES

    by_source = Table("by kind of text", *HALVES, title="recall / precision / F1 per half")
    for source in sorted({key.split(":")[0] for key in scores if ":" in key}):
        cells = []
        for half in HALVES:
            part = scores.get(f"{source}:{half}")
            cells.append(
                f"{part.recall:.3f} / {part.precision:.3f} / {part.f1:.3f}" if part else "-"
            )
        by_source.add_row(source, *cells)
    console.print(by_source)


def _print_errors(dev: NewsScores, errors: int) -> None:
    for missed in dev.missed[:errors]:
        console.print(
            f"  [yellow]missed[/] {missed.doc} {missed.sub_event_type} “{missed.quote}”",
            highlight=False,
        )
    for extra in dev.spurious[:errors]:
        console.print(f"  [red]spurious[/] {extra}", highlight=False)
    for wrong in dev.wrong[:errors]:
        console.print(f"  [magenta]wrong[/] {wrong}", highlight=False)


def _news_ar(errors: int) -> None:
    from orbat.eval.news import HALVES
    from orbat.eval.news_ar import run_news_ar_eval

    events, claims = run_news_ar_eval()
    table = _event_table("news-ar: Arabic events vs hand-coded gold", events)
    columns = [claims[h] for h in (*HALVES, "all")]
    table.add_row("claims in gold", *(str(c.gold) for c in columns))
    table.add_row(
        "claims found, right claimant",
        *(f"{c.recall:.3f} ({c.found}/{c.gold})" for c in columns),
    )
    table.add_row(
        "claims precision", *(f"{c.precision:.3f} ({c.correct}/{c.stored})" for c in columns)
    )
    console.print(table)
    if errors:
        # The development half only: held-out errors are never read to write a rule.
        _print_errors(events[HALVES[0]], errors)
        for missed in claims[HALVES[0]].missed[:errors]:
            console.print(f"  [yellow]missed claim[/] {missed}", highlight=False)
        for extra in claims[HALVES[0]].spurious[:errors]:
            console.print(f"  [red]spurious claim[/] {extra}", highlight=False)


def _needs(path: Path) -> bool:
    if path.exists():
        return True
    console.print(
        f"[yellow]skipped[/]: {path} not found "
        "(run from the repository's root with ../shared/data beside it, or pass --data DIR)"
    )
    return False


def _case2021(data: Path) -> None:
    from orbat.eval.case2021 import evaluate, load, orbat_classifier, split

    tsv = data / "case2021" / "task2_test_with_labels.tsv"
    if not _needs(tsv):
        return
    snippets = load(tsv)
    dev, held = split(snippets)
    classifier = orbat_classifier()
    for name, part in (("dev half", dev), ("held-out half", held), ("all", snippets)):
        report = evaluate(part, classifier, "acled", f"CASE 2021 {name}")
        console.print(report.render(top=5 if name == "all" else 0), highlight=False)


def _centcom(data: Path) -> None:
    from orbat.eval.centcom import load_gold, score

    csv = data / "centcom" / "strikes.csv"
    if not _needs(csv):
        return
    scores = score(load_gold(csv))
    table = Table(title=f"CENTCOM strike lines (n={scores.n})", show_header=False)
    for name, value in scores.as_dict().items():
        if name != "n":
            table.add_row(name, f"{value:.3f}")
    console.print(table)


def _aeb(data: Path) -> None:
    from orbat.eval.aeb import evaluate

    folder = data / "aeb"
    if not _needs(folder):
        return
    summary, _ = evaluate(folder)
    console.print(
        f"aeb article extraction: P={summary.precision:.3f} R={summary.recall:.3f} "
        f"F1={summary.f1:.3f} over {summary.pages} pages ({summary.pages_per_second:.0f} pages/s)"
    )


def _statements(_data: Path) -> None:
    from orbat.eval.statements import run_statement_eval

    with tempfile.TemporaryDirectory() as tmp:
        scores = run_statement_eval(str(Path(tmp) / "statements.db"))
    table = Table(
        "kind",
        "precision",
        "recall",
        "F1",
        "stance (on matched)",
        title="founding corpus: relations and claims vs hand-annotated gold",
    )
    for kind, s in sorted(scores.by_kind.items()):
        table.add_row(
            kind,
            f"{s.precision:.3f} ({s.matched}/{s.extracted})",
            f"{s.recall:.3f} ({s.found}/{s.required})",
            f"{s.f1:.3f}",
            f"{s.stance_accuracy:.3f}",
        )
    console.print(table)
    for kind, s in sorted(scores.by_kind.items()):
        for missed in s.missed:
            console.print(
                f"  [yellow]missed[/] {kind} {missed.predicate} “{missed.quote}”", highlight=False
            )


def _re3d(data: Path) -> None:
    from orbat.eval.re3d import Re3dScores, load, score

    folder = data / "re3d"
    if not _needs(folder):
        return
    scores = score(load(folder))
    table = Table(
        "re3d", "precision", "recall", "F1", "gold", title=f"re3d ({scores.documents} docs)"
    )
    groups = (
        ("entities exact", scores.exact),
        ("entities overlap", scores.overlap),
        ("relations", scores.relations),
    )
    for name, group in groups:
        for kind, s in [*sorted(group.items()), ("micro", Re3dScores.micro(group))]:
            table.add_row(
                f"{name}: {kind}",
                f"{s.precision:.3f}",
                f"{s.recall:.3f}",
                f"{s.f1:.3f}",
                str(s.gold),
            )
    console.print(table)
