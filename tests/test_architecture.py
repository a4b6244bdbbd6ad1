"""The layout holds: the import graph, where exceptions and the return's columns live, and the sizes of things.

The package is laid out one package per concept (see "How the code is organised" in docs/development/index.md),
and imports point one way, from the command line down to the primitives.  These tests read the
import graph (grimp) and the source (ast), so a change that breaks the layout fails here rather
than slowly blurring it.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import grimp
import pytest

import cspxl

PACKAGE = Path(cspxl.__file__).parent

#: Each part of cspxl and its layer: a module may import only from its own layer or those below.
LAYERS: dict[str, int] = {
    **dict.fromkeys(("errors", "problems", "periods", "workdays", "cells", "identity", "screening", "progress",
                     "_templating", "_loading", "_version", "status"), 0),
    "spreadsheets": 1,
    **dict.fromkeys(("plan", "register", "workspace"), 2),
    **dict.fromkeys(("returns", "master", "measures", "crime", "recommendations"), 3),
    **dict.fromkeys(("mail", "demo", "year", "report", "assessment"), 4),
    **dict.fromkeys(("cli", "web"), 5),
    "__main__": 6,
}


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("cspxl", exclude_type_checking_imports=True)


def _part(module: str) -> str:
    """``cspxl.returns.check`` -> ``returns``."""
    return module.split(".")[1] if module.count(".") else ""


def _imports(graph: grimp.ImportGraph) -> list[tuple[str, str]]:
    return sorted((m, i) for m in graph.modules for i in graph.find_modules_directly_imported_by(m))


def test_there_are_no_import_cycles(graph: grimp.ImportGraph) -> None:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while (top := stack.pop()) != module:
                component.append(top)
            if component:
                cycles.append(sorted([module, *component]))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    assert cycles == []


def test_imports_point_down_the_layers(graph: grimp.ImportGraph) -> None:
    assert set(LAYERS) == {_part(m) for m in graph.modules if _part(m)}, "a new part of cspxl needs its layer"
    upward = [(m, i) for m, i in _imports(graph)
              if _part(m) and _part(i) and _part(m) != _part(i) and LAYERS[_part(i)] > LAYERS[_part(m)]]
    assert upward == []


def test_spreadsheets_know_nothing_of_plans_returns_or_the_cycle(graph: grimp.ImportGraph) -> None:
    domain = {"plan", "register", "workspace", "returns", "master", "mail", "demo", "cli", "screening", "identity"}
    assert [(m, i) for m, i in _imports(graph) if _part(m) == "spreadsheets" and _part(i) in domain] == []


def test_the_master_never_imports_the_return_writer_and_nothing_imports_the_command_line(
        graph: grimp.ImportGraph) -> None:
    assert [(m, i) for m, i in _imports(graph) if _part(m) == "master" and _part(i) == "returns"] == []
    assert [(m, i) for m, i in _imports(graph) if _part(i) == "cli" and _part(m) not in ("cli", "__main__")] == []


def test_the_page_is_a_front_end_beside_the_command_line_and_nothing_imports_it(graph: grimp.ImportGraph) -> None:
    """The page and the command line each call the library; only ``cspxl serve`` (cli/page.py) starts the page."""
    assert [(m, i) for m, i in _imports(graph) if _part(i) == "web" and _part(m) not in ("web",)
            and m != "cspxl.cli.page"] == []
    assert [(m, i) for m, i in _imports(graph) if _part(m) == "web" and _part(i) == "cli"] == []


def _modules() -> list[str]:
    return ["cspxl", *(m.name for m in pkgutil.walk_packages([str(PACKAGE)], "cspxl.") if m.name != "cspxl.__main__")]


def test_every_exception_class_lives_in_errors() -> None:
    elsewhere = []
    for name in _modules():
        module = importlib.import_module(name)
        for value in vars(module).values():
            if inspect.isclass(value) and issubclass(value, BaseException) and value.__module__ == name:
                if name != "cspxl.errors":
                    elsewhere.append(f"{name}.{value.__name__}")
    assert elsewhere == []


def test_no_module_is_named_like_a_function_it_holds() -> None:
    """``cspxl.ingest`` was a module and a function; importing one hid the other."""
    clashes = []
    for name in _modules():
        module = importlib.import_module(name)
        held = getattr(module, name.rsplit(".", 1)[-1], None)
        callback = getattr(held, "callback", None)  # a click command or group: its function is where it lives
        if (inspect.isfunction(held) or inspect.isclass(held)) and held.__module__ == name or (
                callback is not None and getattr(callback, "__module__", "") == name):
            clashes.append(name)
    assert clashes == []


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_returns_columns_are_named_only_in_its_layout() -> None:
    """The writer, the reader, the corrections and the tamper check work from the layout's table."""
    from cspxl.returns.layout import HEADERS

    named = []
    for path in (PACKAGE / "returns").glob("*.py"):
        if path.name in ("layout.py", "figures.py", "recommendations.py"):  # the Return sheet's table, and the
            # Measures and Recommendations sheets' own
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and node.value in HEADERS:
                named.append(f"{path.name}:{node.lineno} {node.value!r}")
    assert named == []


def test_the_plan_and_the_register_come_from_the_workspace() -> None:
    """One property gives the plan, one method a period's plan, one the register.  Worker processes,
    which are given paths rather than a workspace, open their own."""
    allowed = {"workspace.py", "returns/receive.py", "returns/issue.py"}  # the workers
    opened = []
    for path in _sources():
        place = path.relative_to(PACKAGE).as_posix()
        if place in allowed or place.startswith(("plan/", "register/")):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (
                    "Register", "load_plan"):
                opened.append(f"{place}:{node.lineno} {node.func.id}")
    assert opened == []


#: Modules that are data more than code may be longer.
DATA_TABLES: set[str] = set()


def test_no_module_is_over_400_lines_and_no_function_over_60() -> None:
    long_modules = [(p.relative_to(PACKAGE).as_posix(), n) for p in _sources()
                    if (n := p.read_text().count("\n")) > 400 and p.name not in DATA_TABLES]
    long_functions = [(p.relative_to(PACKAGE).as_posix(), node.name, node.end_lineno - node.lineno + 1)
                      for p in _sources() for node in ast.walk(ast.parse(p.read_text()))
                      if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                      and node.end_lineno is not None and node.end_lineno - node.lineno + 1 > 60]
    assert (long_modules, long_functions) == ([], [])


def test_only_the_platform_module_asks_which_system_it_is_on() -> None:
    """What differs between Linux, macOS and Windows lives in ``spreadsheets/platform.py``, decided once."""
    import re

    asks = re.compile(r"sys\.platform|os\.name\b|platform\.system\(|[\"'](forkserver|spawn|fork)[\"']|"
                      r"^\s*(import|from) (resource|fcntl|termios|pwd|grp)\b|SIGXCPU", re.MULTILINE)
    found = [f"{p.relative_to(PACKAGE).as_posix()}: {m.group(0).strip()}" for p in _sources()
             if p.relative_to(PACKAGE).as_posix() != "spreadsheets/platform.py"
             for m in asks.finditer(p.read_text())]
    assert found == []


def test_the_command_line_and_the_page_import_no_storage_library() -> None:
    """The register turns SQLite's errors into cspxl's own (RegisterError): the front ends know nothing of it."""
    found = []
    for path in [*(PACKAGE / "cli").rglob("*.py"), *(PACKAGE / "web").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{path.relative_to(PACKAGE)} {n}" for n in names if n.split(".")[0] == "sqlite3"]
    assert found == []


def test_the_spreadsheet_layer_knows_no_status_word() -> None:
    """Which status wears which colour is decided in ``status.py``; the spreadsheet layer knows colours by name."""
    from cspxl.status import STATUSES

    for path in sorted((PACKAGE / "spreadsheets").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert [s for s in STATUSES if f'"{s}"' in source] == [], path.name
