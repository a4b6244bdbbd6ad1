"""The documented API: every exported name imports, and nothing private leaks into __all__."""

import importlib

import cspxl


def test_every_name_in_dunder_all_imports() -> None:
    module = importlib.import_module("cspxl")
    for name in cspxl.__all__:
        assert getattr(module, name) is not None, name
    assert sorted(cspxl.__all__) == sorted(set(cspxl.__all__))
    assert not [n for n in cspxl.__all__ if n.startswith("_") and n != "__version__"]


def test_every_problem_code_has_a_message_and_a_fix() -> None:
    for slug, code in cspxl.CATALOGUE.items():
        assert slug == code.slug and code.template and (code.fix.endswith(".") or code.fix == "{hint}")


def test_importing_the_modules_behind_the_api_leaves_its_functions_in_place() -> None:
    import cspxl.master.view
    import cspxl.returns.receive  # noqa: F401 - importing the submodules must not shadow the functions

    assert callable(cspxl.ingest) and callable(cspxl.monitor) and callable(cspxl.consolidate)
    from cspxl import ingest, monitor

    assert ingest.__module__ == "cspxl.returns.receive" and monitor.__module__ == "cspxl.master.view"


def test_every_library_the_package_imports_is_a_core_dependency() -> None:
    # The tests install the test extras too, so a reader needing one of those would pass them all
    # and fail on a coordinator's plain install.
    import ast
    import configparser
    import re
    import sys
    from importlib.metadata import packages_distributions
    from pathlib import Path

    root = Path(cspxl.__file__).parent
    config = configparser.ConfigParser()
    config.read(root.parent / "setup.cfg")
    required = {re.split(r"[<>=!~ ]", line.strip())[0].lower().replace("_", "-")
                for line in config["options"]["install_requires"].splitlines() if line.strip()}
    imported: set[str] = set()
    for source in root.rglob("*.py"):  # every subpackage: the readers, the page, the papers
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = {m for m in imported if m not in sys.stdlib_module_names and m != "cspxl"}
    distributions = packages_distributions()
    missing = {m for m in third_party
               if not {d.lower().replace("_", "-") for d in distributions.get(m, [m])} & required}
    assert missing == set()
    assert len(third_party) >= 18, sorted(third_party)  # it sees what it watches


def test_the_command_line_starts_without_loading_the_heavy_libraries() -> None:
    """`cspxl --help` must be quick: pydantic, openpyxl and XlsxWriter load only when a command runs."""
    import subprocess
    import sys

    probe = "import sys, cspxl.cli; print(sorted(m for m in ('pydantic', 'openpyxl', 'xlsxwriter') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert callable(cspxl.consolidate) and cspxl.Plan.__name__ == "Plan"  # and the API still loads on use


def test_every_workbook_and_paper_says_which_cspxl_wrote_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A master found on a shared drive a year on says which cspxl wrote it, as `cspxl --version` does."""
    import docx
    import openpyxl
    from click.testing import CliRunner

    from cspxl.cli import main
    from cspxl.report.paper import Paper
    from cspxl.spreadsheets.write import workbook

    with workbook(tmp_path / "book.xlsx", title="a workbook") as wb:
        wb.add_worksheet("Sheet")
    props = openpyxl.load_workbook(tmp_path / "book.xlsx").custom_doc_props
    assert props["cspxl version"].value == cspxl.__version__
    Paper(title="a paper", author="", footer="").save(tmp_path / "paper.docx")
    core = docx.Document(str(tmp_path / "paper.docx")).core_properties
    assert (core.version, core.comments) == (f"Written by cspxl {cspxl.__version__}",) * 2
    assert CliRunner().invoke(main, ["--version"]).output == f"cspxl, version {cspxl.__version__}\n"
