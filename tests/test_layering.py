"""The house rules of `library/`, read from the import statements themselves (`ast`).

The package is built in rooms: the ground (settings, errors, classes, models, schema, the
index folder) that everything stands on; `indexing`, the one writer; `search`, the read
side; `librarian`, the staff's tools; and the thin edges, `web` and `cli`. A lower room
never imports a higher one, `search` never imports `indexing` (the web process cannot reach
the writer), an edge or another room imports a package's API (`library.search`), never its
private modules, and no module imports itself round in a circle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "library"
ROOMS = ("indexing", "search", "librarian", "web")
EDGES = ("cli", "cli_common", "cli_librarian", "cli_serve", "progress", "__main__")
# What each room may import (besides itself and the ground).
ALLOWED = {
    "ground": set(),
    "indexing": set(),
    "search": set(),
    "librarian": {"indexing", "search"},
    "web": {"indexing", "search", "librarian"},
    "cli": {"indexing", "search", "librarian", "web"},
}
# Rooms whose modules may read Whoosh directly: the writer, the reader, and the ground that
# defines the schema and the index folder. The others go through `library.search`.
WHOOSH_ROOMS = {"ground", "indexing", "search"}


@dataclass(frozen=True)
class Import:
    source: str  # importing module, e.g. library.web.views.api
    target: str  # imported module, e.g. library.search (or library.search.engine)
    line: int


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    path = PACKAGE.parent / Path(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def imports() -> Iterator[Import]:
    """Every import of a `library` module, including those inside functions and under
    TYPE_CHECKING: a type-only import is still a dependency a reader has to follow."""
    for path in sorted(PACKAGE.rglob("*.py")):
        source = module_name(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("library"):
                        yield Import(source, alias.name, node.lineno)
            elif isinstance(node, ast.ImportFrom) and node.module:
                if node.level or not node.module.startswith("library"):
                    continue
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    yield Import(source, sub if is_module(sub) else node.module, node.lineno)


def whoosh_imports() -> Iterator[Import]:
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                if name.split(".")[0] == "whoosh":
                    yield Import(module_name(path), name, node.lineno)


def room(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "ground"  # library/__init__.py
    if parts[1] in ROOMS:
        return parts[1]
    return "cli" if parts[1] in EDGES else "ground"


EDGE_LIST = list(imports())


def test_the_import_graph_is_read() -> None:
    # A sanity check on the reader itself, so the rules below cannot pass vacuously.
    assert len(EDGE_LIST) > 50
    assert any(e.source == "library.web.app" and e.target == "library.search" for e in EDGE_LIST)


def test_no_room_imports_a_higher_one() -> None:
    upward = [
        f"{e.source}:{e.line} imports {e.target}"
        for e in EDGE_LIST
        if room(e.target) not in {"ground", room(e.source), *ALLOWED[room(e.source)]}
    ]
    assert upward == []


def test_the_search_side_never_reaches_the_writer() -> None:
    assert [
        e for e in EDGE_LIST if room(e.source) == "search" and room(e.target) == "indexing"
    ] == []


def test_other_rooms_import_a_package_api_not_its_private_modules() -> None:
    private = [
        f"{e.source}:{e.line} imports {e.target}"
        for e in EDGE_LIST
        if room(e.target) in ROOMS
        and room(e.target) != room(e.source)
        and e.target != f"library.{room(e.target)}"
    ]
    assert private == []


def test_each_room_has_a_public_api_with_all() -> None:
    for name in ("indexing", "search", "librarian"):
        tree = ast.parse((PACKAGE / name / "__init__.py").read_text(encoding="utf-8"))
        exported = [
            n
            for n in tree.body
            if isinstance(n, ast.Assign)
            and any(getattr(t, "id", "") == "__all__" for t in n.targets)
        ]
        assert exported, f"library/{name}/__init__.py has no __all__"
        assert ast.get_docstring(tree), f"library/{name}/__init__.py says nothing of its job"


def test_there_are_no_import_cycles() -> None:
    graph: dict[str, set[str]] = {}
    for e in EDGE_LIST:
        # A package's __init__ re-exports its modules; a module importing its own package's
        # API would be the cycle this test is here to find, so that edge is kept.
        graph.setdefault(e.source, set()).add(e.target)
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert cycles == []


def test_only_the_writer_the_reader_and_the_ground_touch_whoosh() -> None:
    # So no raw Whoosh searcher or reader crosses into the librarian's tools, the site or
    # the CLI: they read through `library.search.Catalog`.
    outside = [
        f"{e.source}:{e.line} imports {e.target}"
        for e in whoosh_imports()
        if room(e.source) not in WHOOSH_ROOMS
    ]
    assert outside == []


@pytest.mark.parametrize("name", ["indexing", "librarian", "web"])
def test_no_module_outside_the_search_package_asks_the_pool_for_a_raw_searcher(name: str) -> None:
    for path in (PACKAGE / name).rglob("*.py"):
        assert ".reader.searcher()" not in path.read_text(encoding="utf-8"), path
