"""The guide says what cspxl does: every problem code, plan column and command has its entry, every
link resolves, the site builds strictly and the partners' guide prints on one sheet of A4."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import cspxl
from cspxl.plan.models import COLUMNS, OPTIONAL_COLUMNS, OPTIONAL_SHEETS, SETTING_KEYS
from cspxl.status import MEANINGS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MKDOCS = shutil.which("mkdocs", path=str(Path(sys.executable).parent))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_reference", ROOT / "scripts" / "docs_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_problem_code_has_its_reference_entry() -> None:
    hooks = _hooks()
    page = (DOCS / "reference" / "problems.md").read_text(encoding="utf-8")
    built = hooks.on_page_markdown(page)
    for slug, code in cspxl.CATALOGUE.items():
        row = next((line for line in built.splitlines() if f'<a id="{slug}"></a>' in line), None)
        assert row is not None, f"{slug} has no entry on the problem codes page"
        assert f"| {code.severity.value} |" in row and row.count("|") == 5, row


def test_the_problem_codes_page_groups_every_code_under_one_heading() -> None:
    built = _hooks().problem_codes_markdown()
    assert built.count("## ") == len(cspxl.problems.AREAS)
    assert sum(len(codes) for codes in cspxl.problems.AREAS.values()) == len(cspxl.CATALOGUE)


def test_every_plan_sheet_column_and_setting_is_in_the_plan_reference() -> None:
    page = " ".join((DOCS / "reference" / "plan.md").read_text(encoding="utf-8").split())
    named = set(re.findall(r"`([^`]+)`", page))
    for sheet, columns in COLUMNS.items():
        assert sheet in named, sheet
        for column in (*columns, *OPTIONAL_COLUMNS.get(sheet, ())):
            assert column in named, f"{sheet}: {column}"
    for sheet in OPTIONAL_SHEETS:
        assert sheet in named, sheet
    for key in SETTING_KEYS:
        assert key in named, key


def test_the_commands_table_names_every_command() -> None:
    from cspxl.cli.app import main

    page = (DOCS / "reference" / "commands.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"| `{name}" in page, name


def _slug(heading: str) -> str:
    if given := re.search(r"\{ *#([\w-]+) *\}", heading):
        return given.group(1)
    heading = re.sub(r"[`*]", "", heading).strip().lower()
    return re.sub(r"\s+", "-", re.sub(r"[^\w\- ]", "", heading))


def _anchors(markdown: Path) -> set[str]:
    text = markdown.read_text(encoding="utf-8")
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    return ({_slug(h) for h in re.findall(r"^#{1,6} (.+)$", text, flags=re.M)}
            | set(re.findall(r'<a id="([^"]+)"', text)))


@pytest.mark.parametrize("page", [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted(DOCS.rglob("*.md"))],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_in_the_readme_and_the_guide_resolves(page: Path) -> None:
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.S | re.M)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        assert file.exists(), f"{page.name}: {target}"
        if anchor and file.suffix == ".md":
            assert anchor in _anchors(file), f"{page.name}: {target}"


def test_the_readme_is_a_front_door() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 200
    assert "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest" in lines


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if MKDOCS is None:
        pytest.skip("needs mkdocs (pip install -e '.[test]')")
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run([MKDOCS, "build", "--strict", "--quiet", "--site-dir", str(out)], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
    assert done.returncode == 0, done.stderr
    return out


def test_the_site_builds_strictly_with_every_reference_generated(built_site: Path) -> None:
    problems = (built_site / "reference" / "problems.html").read_text(encoding="utf-8")
    assert all(f'id="{slug}"' in problems for slug in cspxl.CATALOGUE)
    commands = (built_site / "reference" / "commands.html").read_text(encoding="utf-8")
    assert "--as-of" in commands and "--replace" in commands
    api = (built_site / "api.html").read_text(encoding="utf-8")
    assert 'id="cspxl.returns.issue.generate"' in api
    partners = (built_site / "partners.html").read_text(encoding="utf-8")
    for status, meaning in MEANINGS.items():  # the colours partners are told of are the ones the return shows
        assert f"<td>{status}</td>\n<td>{meaning.rag or 'none'}</td>" in partners, status


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium); CI installs it")
def test_the_partners_guide_prints_on_one_sheet_of_a4(built_site: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "partners.pdf"
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", (built_site / "partners.html").as_uri()], capture_output=True, timeout=120,
                   check=True)
    data = pdf.read_bytes()
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) == 1
    assert re.search(rb"/MediaBox\s*\[\s*0\s+0\s+59[45](\.\d+)?\s+841(\.\d+)?\s*\]", data)
