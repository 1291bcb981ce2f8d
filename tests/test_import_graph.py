"""Issue 15: the package's import graph has no circle and keeps its layers.

The graph is read from the source with ``ast`` (nothing is imported): every ``import`` and
``from ... import`` of an ``orbat`` module, at module level or inside a function, except those
under ``if TYPE_CHECKING:`` (annotations only). ``from orbat import settings`` counts as
importing ``orbat.settings``, not the package. A circle fails with its modules named.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.issue(15)

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "orbat"
# Layers that must not import upwards: (lower, higher) - lower never imports higher.
LAYERS = [
    ("orbat.store", "orbat.extract"),
    ("orbat.records", "orbat.extract"),
    ("orbat.records", "orbat.store"),
    ("orbat.packs", "orbat.extract"),
    ("orbat.nlp", "orbat.extract"),
    # The extractors read articles and return records: the loops and SQL are the pipeline's.
    ("orbat.extract", "orbat.store"),
    ("orbat.extract", "orbat.pipeline"),
    ("orbat.store", "orbat.pipeline"),
]
#: Modules over 500 lines allowed to stay so (STYLE.md): none any more; none may join.
OVERSIZED: frozenset[str] = frozenset()


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for top in ast.walk(tree)
        if isinstance(top, ast.If) and "TYPE_CHECKING" in ast.unparse(top.test)
        for stmt in top.body
        for node in ast.walk(stmt)
    }
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            submodules = {f"{base}.{a.name}" for a in node.names} & known.keys()
            found |= submodules
            if len(submodules) < len(node.names):
                found.add(base)
    return {m for m in found if m in known and m != name}


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    known = _modules()
    return {name: _imports(name, path, known) for name, path in known.items()}


def _circles(graph: dict[str, set[str]]) -> Iterator[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    yield sorted(component)


def test_no_import_circle(graph: dict[str, set[str]]) -> None:
    assert list(_circles(graph)) == []


def test_the_graph_sees_a_circle() -> None:
    # The check itself: a two-module circle and a three-module one are found.
    toy = {"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"e"}, "e": {"c"}, "f": {"a"}}
    assert sorted(_circles(toy)) == [["a", "b"], ["c", "d", "e"]]


@pytest.mark.parametrize(("lower", "higher"), LAYERS)
def test_lower_layers_do_not_import_higher_ones(
    graph: dict[str, set[str]], lower: str, higher: str
) -> None:
    wrong = sorted(
        (module, target)
        for module, targets in graph.items()
        if module == lower or module.startswith(lower + ".")
        for target in targets
        if target == higher or target.startswith(higher + ".")
    )
    assert wrong == []


def test_no_new_module_over_500_lines() -> None:
    long = {
        name
        for name, path in _modules().items()
        if len(path.read_text(encoding="utf-8").splitlines()) > 500
    }
    assert long - OVERSIZED == set()
