"""A real spreadsheet program opens what cspxl writes, and what it saves comes back in.

LibreOffice converts the example plan, a generated return, the demo's master and its circulation copy to PDF (so each
opens without error), and re-saves a filled return as .xlsx, which must still ingest.  Skipped
with a reason when LibreOffice is absent, except in CI, where it must run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from freezegun import freeze_time

from cspxl import Workspace, consolidate, example_plan_path, generate, ingest, parse_period
from cspxl.demo.partners import fill_return
from cspxl.demo.run import run_demo

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's python3-uno binds to it, not to a virtual environment
HAS_UNO = SOFFICE is not None and subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True,
                                                 check=False).returncode == 0 if Path(SYSTEM_PYTHON).exists() else False
ROOT = Path(__file__).resolve().parent.parent

if not HAS_UNO and os.environ.get("CI"):
    pytest.fail("LibreOffice and python3-uno are required in CI: .ci/run installs libreoffice-calc python3-uno",
                pytrace=False)
pytestmark = pytest.mark.skipif(not HAS_UNO, reason="LibreOffice (soffice) with python3-uno is not installed")


def lo_fill(source: Path, saves: list[Path], answers: dict[str, str] | None = None, sort_by: str | None = None) -> None:
    """Type answers into a return in LibreOffice Calc (scripts/lo_fill.py) and save it in each format."""
    args = [SYSTEM_PYTHON, str(ROOT / "scripts" / "lo_fill.py"), str(source)]
    if answers:
        spec = source.with_suffix(".answers.json")
        spec.write_text(json.dumps(answers))
        args += ["--answers", str(spec)]
    if sort_by:
        args += ["--sort-by-column", sort_by]
    for out in saves:
        args += ["--save", str(out)]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    done = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False, env=env)
    assert done.returncode == 0, done.stdout + done.stderr


def convert(files: list[Path], to: str, out: Path, profile: Path) -> list[Path]:
    """Convert files with headless LibreOffice in its own profile; return the converted files."""
    out.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", to, "--outdir", str(out), *map(str, files)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr
    ext = to.split(":")[0]
    converted = [out / f"{f.stem}.{ext}" for f in files]
    for path in converted:
        assert path.is_file() and path.stat().st_size > 1000, (path, done.stdout, done.stderr)
    return converted


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lo")
    run_demo(root / "demo")  # a whole year; the Q2 master is the one with the most to show
    return root / "demo"


def test_the_plan_a_return_and_the_master_open_and_print_in_libreoffice(demo: Path, tmp_path: Path) -> None:
    circulation = consolidate(Workspace(demo), parse_period("2023-24-Q2"), as_of=date(2023, 10, 21), redact=True)
    files = [example_plan_path(), *sorted((demo / "returns" / "2023-24-Q2").glob("*Kent-Police.xlsx")),
             demo / "master" / "Sevenoaks-CSP_2023-24-Q2_master.xlsx", circulation]
    pdfs = convert(files, "pdf", tmp_path / "pdf", tmp_path / "profile")
    for pdf in pdfs:
        assert pdf.read_bytes().startswith(b"%PDF")


def test_a_return_saved_by_libreoffice_keeps_its_identity_and_answers(workspace, tmp_path: Path) -> None:
    with freeze_time("2023-07-03"):
        issued = generate(workspace, parse_period("2023-24-Q1"), ["pcc"])["pcc"]
    filled = fill_return(issued, tmp_path / "filled" / "pcc.xlsx",
                         {"A05": {"Status": "At risk", "% complete": 40, "Progress update": "Camera supplier delayed."},
                          "A23": {"Status": "Completed", "% complete": 100, "Date completed": datetime(2023, 6, 28)}})
    (resaved,) = convert([filled], "xlsx:Calc MS Excel 2007 XML", tmp_path / "resaved", tmp_path / "profile")
    assert resaved.read_bytes() != filled.read_bytes()
    result = ingest(workspace, [resaved], received=datetime(2023, 7, 10))
    (outcome,) = result.files
    assert outcome.outcome == "accepted", [str(p) for p in outcome.problems]
    assert not outcome.errors
    from cspxl import Register

    with Register(workspace.register_path, workspace.archive_dir) as reg:
        answers = reg.current_answers("2023-24-Q1", "pcc")
    assert (answers["A05"].status, answers["A05"].percent, answers["A05"].progress) == (
        "At risk", 40, "Camera supplier delayed.")
    assert (answers["A23"].status, answers["A23"].date_completed.isoformat()) == ("Completed", "2023-06-28")


# pcc's return: A02 row 4 (support), A05 row 5 (lead), A22 row 6, A23 row 7 (lead), A36 row 8 (lead).
TYPED = {
    "J5": "on track", "K5": "75%", "M5": "31/12/2023", "N5": "Cameras ordered; installation booked.", "O5": "No",
    "J7": "Completed", "K7": "100", "L7": "28/06/2023", "N7": "Referral pathway live.",
    "J8": "at risk", "K8": "40", "N8": "Grant round delayed by the Home Office.", "O8": "Yes",
    "N4": "=1+1 was typed",  # Calc makes it a formula, as Excel would
}
#: What survives of text typed with a leading "=" (a formula to Calc): the formula, except in .xls.
FORMULA_TYPED = {"xlsx": "=1+1 was typed", "ods": "=1+1 was typed", "xls": ""}


def typed_into_calc(root: Path, partner: str, typed: dict[str, str],
                    sort_by: str | None = None) -> tuple[Workspace, list[Path]]:
    """A partner's Q1 return in a new workspace, typed into in LibreOffice Calc, saved as .xlsx, .ods and .xls."""
    from cspxl import example_plan_path, init_workspace

    ws = init_workspace(root / "ws", example_plan_path())
    with freeze_time("2023-07-03"):
        issued = generate(ws, parse_period("2023-24-Q1"), [partner])[partner]
    saves = [root / "inbox" / f"{partner} return.{ext}" for ext in ("xlsx", "ods", "xls")]
    lo_fill(issued, saves, typed, sort_by=sort_by)
    return ws, saves


@pytest.fixture(scope="module")
def typed_in_calc(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, list[Path]]:
    """A pcc return typed into in LibreOffice Calc, sorted by status, saved as .xlsx, .ods and .xls."""
    return typed_into_calc(tmp_path_factory.mktemp("calc"), "pcc", TYPED, sort_by="J")


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "xls"])
def test_answers_typed_in_calc_read_the_same_from_every_format(typed_in_calc, fmt: str) -> None:
    from cspxl import load_plan, read_return

    ws, saves = typed_in_calc
    path = next(p for p in saves if p.suffix == f".{fmt}")
    submission, report = read_return(path, load_plan(ws.plan_path), ws.key)
    assert submission is not None, report.flatten()
    got = {a.action_id: (a.status, a.percent, a.date_completed, a.revised_target, a.progress, a.support_needed,
                         a.needs_correction) for a in submission.answers}
    assert got["A05"] == ("On track", 75, None, date(2023, 12, 31), "Cameras ordered; installation booked.", "No", False)
    assert got["A23"] == ("Completed", 100, date(2023, 6, 28), None, "Referral pathway live.", None, False)
    assert got["A36"] == ("At risk", 40, None, None, "Grant round delayed by the Home Office.", "Yes", False)
    assert got["A02"][0] is None and got["A22"][0] is None
    assert got["A02"][4] == FORMULA_TYPED[fmt]
    # Calc gives the General cell a percent format when "75%" is typed (docs/libreoffice-roundtrip.md): no warning.
    assert [(p.where, p.code) for p in report if p.code not in ("status-blank",)] == []


def test_returns_saved_by_calc_ingest_and_consolidate_cell_by_cell(typed_in_calc, tmp_path: Path) -> None:
    from tests.conftest import by, sheet_rows

    ws, saves = typed_in_calc
    result = ingest(ws, [saves[0].parent], received=datetime(2023, 7, 10))
    assert sorted((Path(f.path).suffix, f.outcome) for f in result.files) == [
        (".ods", "accepted"), (".xls", "accepted"), (".xlsx", "accepted")]
    with freeze_time("2023-07-20"):
        master = consolidate(ws, parse_period("2023-24-Q1"))
    actions = by(sheet_rows(master, "Actions"), "Action ID")
    assert (actions["A05"]["Status"], actions["A05"]["% complete"], actions["A05"]["Revised target date"]) == (
        "On track", 75, datetime(2023, 12, 31))
    assert (actions["A23"]["Status"], actions["A23"]["Date completed"], actions["A23"]["Overdue"]) == (
        "Completed", datetime(2023, 6, 28), "No")
    assert (actions["A36"]["Status"], actions["A36"]["Support needed"]) == ("At risk", "Yes")
    returns = by(sheet_rows(master, "Returns"), "Partner ID")
    assert (returns["pcc"]["Return status"], returns["pcc"]["Files received"]) == ("Received", 3)


def test_what_calc_keeps_of_a_generated_return(workspace, tmp_path: Path) -> None:
    import openpyxl

    from cspxl.identity import verify
    from cspxl.spreadsheets.read import read_workbook

    with freeze_time("2023-07-03"):
        issued = generate(workspace, parse_period("2023-24-Q1"), ["pcc"])["pcc"]
    xlsx, ods = tmp_path / "kept.xlsx", tmp_path / "kept.ods"
    lo_fill(issued, [xlsx, ods])
    wb = openpyxl.load_workbook(xlsx)
    ret = wb["Return"]
    # Dropdowns and validation on every input column survive, still fed from the hidden Lists sheet.
    rules = {str(dv.sqref)[0]: (dv.type, dv.formula1) for dv in ret.data_validations.dataValidation}
    assert rules["J"][0] == rules["O"][0] == "list" and "Lists" in rules["J"][1] + str(wb.defined_names.get("StatusList"))
    assert {rules[c][0] for c in "KLMN"} == {"decimal", "date", "textLength"}
    # Protection and locking survive.
    assert ret.protection.sheet and [c.column_letter for c in ret[5] if not c.protection.locked] == list("JKLMNO")
    # The lists stay hidden; the identity sheet stays hidden but is no longer *very* hidden.
    assert (wb["Lists"].sheet_state, wb["cspxl"].sheet_state) == ("hidden", "hidden")
    for path in (xlsx, ods):
        ident = read_workbook(path).sheet("cspxl")
        identity = verify(ident.value(1, 1), ident.value(2, 1), ident.value(3, 1), workspace.key)
        assert identity.partner == "pcc"


# sdc leads A02 (row 5), A04 (row 7), A06 (row 9), A08 (row 10) and A09 (row 11) on its return.
PERCENT_ROWS = {"A02": 5, "A04": 7, "A06": 9, "A08": 10, "A09": 11}
#: % complete as partners type it, and what the master must show for it.
PERCENTS_TYPED = {"A02": ("100%", 100), "A04": ("50%", 50), "A06": ("50 %", 50), "A08": ("50", 50), "A09": ("0", 0)}


@pytest.fixture(scope="module")
def percents_typed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, list[Path]]:
    """sdc's return with each way of writing a percentage typed into % complete in Calc, saved in three formats."""
    typed: dict[str, str] = {}
    for action, (percent, _) in PERCENTS_TYPED.items():
        row = PERCENT_ROWS[action]
        typed |= {f"J{row}": "On track", f"K{row}": percent, f"N{row}": "Going to plan."}
    typed |= {"J5": "Completed", "L5": "30/06/2023"}
    return typed_into_calc(tmp_path_factory.mktemp("percents"), "sdc", typed)


def _master_percents(ws: Workspace, path: Path, tmp_path: Path) -> tuple[dict[str, object], list[str]]:
    """Ingest one file into a copy of the workspace; the master's % complete by action, and every problem code."""
    from tests.conftest import by, sheet_rows

    copy = Workspace(Path(shutil.copytree(ws.root, tmp_path / "ingested")))
    (outcome,) = ingest(copy, [path], received=datetime(2023, 7, 10)).files
    assert outcome.outcome == "accepted", [str(p) for p in outcome.problems]
    with freeze_time("2023-07-20"):
        master = consolidate(copy, parse_period("2023-24-Q1"))
    actions = by(sheet_rows(master, "Actions"), "Action ID")
    codes = [p.code for p in outcome.problems if p.action in PERCENTS_TYPED or not p.action]
    return {a: actions[a]["% complete"] for a in PERCENTS_TYPED}, codes


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "xls"])
def test_percentages_typed_in_calc_reach_the_master_as_typed(percents_typed, fmt: str, tmp_path: Path) -> None:
    ws, saves = percents_typed
    got, codes = _master_percents(ws, next(p for p in saves if p.suffix == f".{fmt}"), tmp_path)
    assert got == {a: shown for a, (_, shown) in PERCENTS_TYPED.items()}
    assert codes == []  # no warning on a percentage typed correctly


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "xls"])
def test_percentages_as_excel_stores_them_reach_the_master_as_typed(workspace, fmt: str, tmp_path: Path) -> None:
    """Excel stores 100%, 50% and 50 % typed into a General cell as 1, 0.5 and 0.5 with its built-in
    0% format; 50 and 0 as plain numbers.  Saved as .ods or .xls (here by Calc), the format goes with them."""
    from cspxl.demo.partners import Formatted

    with freeze_time("2023-07-03"):
        issued = generate(workspace, parse_period("2023-24-Q1"), ["sdc"])["sdc"]
    stored = {"A02": Formatted(1, "0%"), "A04": Formatted(0.5, "0%"), "A06": Formatted(0.5, "0%"), "A08": 50, "A09": 0}
    answers: dict[str, dict[str, object]] = {
        a: {"Status": "On track", "% complete": value, "Progress update": "Going to plan."} for a, value in stored.items()}
    answers["A02"] |= {"Status": "Completed", "Date completed": datetime(2023, 6, 30)}
    path = fill_return(issued, tmp_path / "excel" / "sdc.xlsx", answers)
    if fmt != "xlsx":
        filters = {"ods": "ods:calc8", "xls": "xls:MS Excel 97"}
        (path,) = convert([path], filters[fmt], tmp_path / fmt, tmp_path / "profile")
    got, codes = _master_percents(workspace, path, tmp_path)
    assert got == {a: shown for a, (_, shown) in PERCENTS_TYPED.items()}
    assert codes == []


#: Figures typed into Kent Police's Measures sheet in Calc (M01 row 4, M04 row 6, M08 row 8, a
#: percentage), and what each format must give back: the number, and the comment as typed.
FIGURES_TYPED = {"Measures!J4": "52", "Measures!K4": "Two series of burglaries solved", "Measures!J6": "1,234",
                 "Measures!J8": "72.5%", "Measures!K8": "=more referrals than last year"}


#: Text typed with a leading "=" is a formula to Calc; .xls keeps none of it (as with FORMULA_TYPED).
M08_COMMENT = {"xlsx": "=more referrals than last year", "ods": "=more referrals than last year", "xls": ""}


@pytest.fixture(scope="module")
def figures_in_calc(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, list[Path]]:
    return typed_into_calc(tmp_path_factory.mktemp("figures"), "kent-police", FIGURES_TYPED)


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "xls"])
def test_figures_typed_in_calc_are_read_as_typed_from_every_format(figures_in_calc, fmt: str) -> None:
    from cspxl import load_plan, read_return

    ws, saves = figures_in_calc
    path = next(p for p in saves if p.suffix == f".{fmt}")
    submission, report = read_return(path, load_plan(ws.plan_path), ws.key)
    assert submission is not None, report.flatten()
    got = {f.measure_id: (f.value, f.comment, f.needs_correction) for f in submission.figures}
    assert got == {"M01": (52.0, "Two series of burglaries solved", False), "M02": (None, "", False),
                   "M04": (1234.0, "", False), "M06": (None, "", False),
                   "M08": (72.5, M08_COMMENT[fmt], False)}
    assert sorted((p.where, p.code) for p in report if p.sheet == "Measures") == [
        ("Measures!J5", "figure-blank"), ("Measures!J7", "figure-blank")]


def test_every_whole_percentage_typed_in_calc_reads_as_that_whole_number_in_every_format(tmp_path: Path) -> None:
    """0% to 100% typed into General cells in Calc: Calc stores each as a fraction in a percent cell
    (0.55 for 55%), and cspxl reads each back as the whole number typed, from .xlsx, .ods and .xls."""
    import openpyxl

    from cspxl.cells import parse_percent
    from cspxl.spreadsheets.read import read_workbook

    blank = tmp_path / "blank.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Typed"
    wb.save(blank)
    saves = [tmp_path / f"typed.{ext}" for ext in ("xlsx", "ods", "xls")]
    lo_fill(blank, saves, {f"Typed!A{k + 1}": f"{k}%" for k in range(101)})
    for path in saves:
        sheet = read_workbook(path, return_sized=False).sheet("Typed")
        read = {k: parse_percent(sheet.get(k + 1, 1).value, sheet.get(k + 1, 1).number_format) for k in range(101)}
        assert {k: p.value for k, p in read.items()} == {k: float(k) for k in range(101)}, path.suffix


#: The whole percentages floating point spoils when a fraction is multiplied by 100 (0.55 x 100 is not 55).
SPOILED = {"A02": ("55%", 55), "A04": ("29%", 29), "A06": ("57 %", 57), "A08": ("7%", 7), "A09": ("14%", 14)}


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "xls"])
def test_a_whole_percentage_floating_point_spoils_reaches_the_master_without_a_warning(
        tmp_path: Path, fmt: str) -> None:
    typed: dict[str, str] = {}
    for action, (percent, _) in SPOILED.items():
        row = PERCENT_ROWS[action]
        typed |= {f"J{row}": "On track", f"K{row}": percent, f"N{row}": "Going to plan."}
    ws, saves = typed_into_calc(tmp_path / "typed", "sdc", typed)
    got, codes = _master_percents(ws, next(p for p in saves if p.suffix == f".{fmt}"), tmp_path)
    assert got == {a: shown for a, (_, shown) in SPOILED.items()}
    assert codes == []


def printed_pages(pdf: Path) -> list[tuple[str, float, str]]:
    """Each page of a PDF LibreOffice printed from a workbook: its sheet (the header's right part), the
    smallest text on it in points, and its text."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    pages = []
    for page in extract_pages(str(pdf)):
        chars = [(ch, box) for box in page if isinstance(box, LTTextContainer) for line in box
                 if isinstance(line, LTTextLine) for ch in line if isinstance(ch, LTChar) and ch.get_text().strip()]
        top = max(box.y1 for _, box in chars)
        sheet = max((box for _, box in chars if box.y1 == top), key=lambda box: box.x0).get_text().strip()
        text = " ".join(" ".join(box.get_text().split()) for box in page if isinstance(box, LTTextContainer))
        pages.append((sheet, min(ch.size for ch, _ in chars), text))
    return pages


def test_the_master_and_a_return_print_on_a4_at_8_point_or_more_their_first_column_on_every_page(
        demo: Path, tmp_path: Path) -> None:
    """Printed by LibreOffice to PDF, the master's Actions, Returns and Problems sheets and the return's
    Return sheet are at 8 pt or more (they once came out at 3 pt, every column squeezed onto one page's
    width), and every page of them carries the column that says whose row it is."""
    files = [demo / "master" / "Sevenoaks-CSP_2023-24-Q2_master.xlsx",
             *sorted((demo / "returns" / "2023-24-Q2").glob("*Kent-Police.xlsx"))]
    pages = [p for pdf in convert(files, "pdf", tmp_path / "pdf", tmp_path / "profile") for p in printed_pages(pdf)]
    first_column = {"Actions": "Action ID", "Returns": "Partner ID", "Problems": "Partner", "Return": "Action ID",
                    "Recommendations": "Recommendation ID"}
    seen = {sheet: [(round(size, 1), column in text) for s, size, text in pages if s == sheet]
            for sheet, column in first_column.items()}
    assert {sheet: (min(size for size, _ in got), all(has for _, has in got)) for sheet, got in seen.items()} == {
        "Actions": (8.5, True), "Returns": (8.5, True), "Problems": (8.5, True), "Return": (8.5, True),
        "Recommendations": (8.5, True)}
    # The Returns sheet is one page (the Problems sheet one wide); the actions' rows take three pages across, the
    # return's two; the recommendations take three across in the master and two in the return.
    assert [len(got) % n for got, n in zip(seen.values(), (3, 1, 1, 2), strict=False)] == [0, 0, 0, 0]
    assert (len(seen["Returns"]), len(seen["Recommendations"])) == (1, 3 + 2)


def test_the_workshops_scores_typed_in_calc_rank_the_same_from_every_format(tmp_path: Path) -> None:
    """The assessment's Scoring sheet typed into at the workshop in Calc (a new candidate added in an empty row),
    saved as .xlsx, .ods and .xls: each reads back to the same ranking."""
    from cspxl import init_workspace
    from cspxl.assessment import ranking
    from cspxl.assessment.workshop import record_scores
    from cspxl.report.assessment import write_assessment

    ws = init_workspace(tmp_path / "ws", example_plan_path())
    _, book = write_assessment(ws, 2023, date(2024, 1, 31), today=date(2024, 1, 31))
    typed = {f"Scoring!{col}{row}": "3" for row in range(6, 13) for col in "CDEFG"}
    typed |= {"Scoring!C8": "5", "Scoring!D8": "5", "Scoring!C12": "5", "Scoring!A13": "P8",
              "Scoring!B13": "Retail crime", **{f"Scoring!{col}13": "2" for col in "CDEFG"}}
    saves = [tmp_path / "workshop" / f"Scoring.{ext}" for ext in ("xlsx", "ods", "xls")]
    lo_fill(book, saves, typed)
    for save in saves:
        scoring, report = record_scores(ws, 2023, save)
        assert scoring is not None, (save.suffix, report.flatten("where", "code"))
        assert [(r.rank, r.candidate.id, r.total) for r in ranking(scoring)] == [
            (1, "P3", 40), (2, "P7", 36), (3, "P1", 30), (3, "P2", 30), (3, "P4", 30), (3, "P5", 30), (3, "P6", 30),
            (8, "P8", 20)], save.suffix


def test_a_data_return_typed_in_calc_reads_the_same_from_every_format(tmp_path: Path) -> None:
    """The strategic assessment's data return typed into in Calc as a partner would (a count, a count with a
    thousands comma, a quarter left empty, a word), saved as .xlsx, .ods and .xls: each reads the same."""
    from cspxl import init_workspace
    from cspxl.register.indicators import current_indicator_figures
    from cspxl.returns.assessment import generate_assessment

    ws = init_workspace(tmp_path / "ws", example_plan_path())
    with freeze_time("2023-10-02"):
        issued = generate_assessment(ws, 2023, ["kfrs"])["kfrs"]
    # Row 4 is I1; columns E to P the twelve quarters, Q the comment.
    typed = {f"Indicators!{col}4": str(20 + n) for n, col in enumerate("EFGHIJKLMNOP")}
    typed |= {"Indicators!F4": "1,204", "Indicators!G4": "", "Indicators!H4": "n/a",
              "Indicators!Q4": "Counted by station ground from 2022."}
    saves = [tmp_path / "inbox" / f"fires data.{ext}" for ext in ("xlsx", "ods", "xls")]
    lo_fill(issued, saves, typed)
    seen = []
    for n, save in enumerate(saves):
        [done] = ingest(ws, [save], datetime(2023, 10, 20, 9 + n)).files
        assert done.outcome == "accepted", (save.suffix, [str(p) for p in done.problems])
        assert [(p.where, p.code) for p in done.problems] == [("Indicators!H4", "figure-invalid"),
                                                               ("Indicators!E4", "indicator-blank")], save.suffix
        with ws.register(readonly=True) as register:
            figures = current_indicator_figures(register, "2023-24-SA")["kfrs"]
        seen.append({k: (f.value, f.needs_correction, f.comment) for k, f in figures.items()})
    assert seen[0] == seen[1] == seen[2]
    assert seen[0][("I1", "2020-21-Q3")] == (20.0, False, "Counted by station ground from 2022.")
    assert seen[0][("I1", "2020-21-Q4")][:2] == (1204.0, False)
    assert seen[0][("I1", "2021-22-Q1")][:2] == (None, False)
    assert seen[0][("I1", "2021-22-Q2")][:2] == (None, True)
    assert seen[0][("I1", "2023-24-Q2")][:2] == (31.0, False)


def test_recommendations_typed_in_calc_and_saved_as_ods_reach_the_master_exactly(tmp_path: Path) -> None:
    """The district council's Recommendations sheet typed into in Calc (a status in lower case, a date typed the UK
    way, a reason, evidence over two lines), saved as .ods and as .xlsx: each reaches the master exactly."""
    from cspxl import init_workspace
    from tests.conftest import by, sheet_rows

    ws = init_workspace(tmp_path / "ws", example_plan_path())
    with freeze_time("2023-07-03"):
        issued = generate(ws, parse_period("2023-24-Q1"), ["sdc"])["sdc"]
    # Rows 4 to 7: DHR1-2 (supporting), DHR1-4 (owner), SCR-1 (owner), PCC-1 (supporting); H Status, I Evidence,
    # J Date implemented, K Reason not accepted.
    typed = {"Recommendations!H4": "In progress", "Recommendations!I4": "Referral route agreed with the housing team",
             "Recommendations!H5": "Implemented", "Recommendations!J5": "28/06/2023",
             "Recommendations!I5": "Six sessions held with faith groups\nEvaluation due in May",
             "Recommendations!H6": "Not accepted", "Recommendations!K6": "Ward figures could identify victims",
             "Recommendations!H7": "in progress", "Recommendations!I7": "CCTV data shared with the analyst"}
    saves = [tmp_path / "inbox" / f"sdc recs.{ext}" for ext in ("ods", "xlsx")]
    lo_fill(issued, saves, typed)
    for n, save in enumerate(saves):
        [done] = ingest(ws, [save], datetime(2023, 7, 10, 9 + n)).files
        assert done.outcome == "accepted", (save.suffix, [str(p) for p in done.problems])
        assert [p.code for p in done.problems if p.sheet == "Recommendations"] == [], save.suffix
        master = consolidate(ws, parse_period("2023-24-Q1"), as_of=date(2023, 7, 28),
                             out=tmp_path / f"master{save.suffix}.xlsx")
        rows = by(sheet_rows(master, "Recommendations"), "Recommendation ID")
        got = {r: (rows[r]["Status"], rows[r]["Evidence"], rows[r]["Date implemented"], rows[r]["Reason not accepted"],
                   rows[r]["Supporting partners' updates"]) for r in ("DHR1-2", "DHR1-4", "SCR-1", "PCC-1")}
        assert got == {
            "DHR1-2": ("No update yet", None, None, None, "Sevenoaks District Council (In progress, 2023-24-Q1): "
                                                          "Referral route agreed with the housing team"),
            "DHR1-4": ("Implemented", "Six sessions held with faith groups\nEvaluation due in May", datetime(2023, 6, 28),
                       None, None),
            "SCR-1": ("Not accepted", None, None, "Ward figures could identify victims", None),
            "PCC-1": ("No update yet", None, None, None, "Sevenoaks District Council (In progress, 2023-24-Q1): CCTV "
                                                         "data shared with the analyst"),
        }, save.suffix
