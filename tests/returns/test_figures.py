"""A return's Measures sheet: written for the partners who supply figures, read back as typed, and
recorded and superseded with its return, as answers are."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from freezegun import freeze_time

from cspxl import Register, feedback, generate, ingest, parse_period
from cspxl.demo.partners import Formatted, fill_return
from cspxl.identity import Identity
from cspxl.workspace import Workspace
from tests.conftest import rezip

Q1, Q2 = parse_period("2023-24-Q1"), parse_period("2023-24-Q2")
#: Kent Police supplies five of the example's measures; M08 is a percentage.
POLICE_MEASURES = ["M01", "M02", "M04", "M06", "M08"]


@pytest.fixture
def issued(workspace: Workspace) -> dict[str, Path]:
    with freeze_time("2023-07-03"):
        return generate(workspace, Q1, ["kent-police", "kcc"])


def figures_recorded(workspace: Workspace, period: str, partner: str) -> dict[str, tuple[Any, ...]]:
    with Register(workspace.register_path, workspace.archive_dir, readonly=True) as reg:
        current = reg.current(period, partner)
        assert current is not None
        return {m: (f.value, f.comment, f.needs_correction) for m, f in reg.figures(current.id).items()}


def test_the_measures_sheet_shows_each_measure_locked_and_asks_for_its_value_and_a_comment(issued) -> None:
    wb = openpyxl.load_workbook(issued["kent-police"])
    ws = wb["Measures"]
    rows = [r for r in ws.iter_rows(min_row=3, values_only=True)]
    assert rows[0] == ("Measure ID", "Priority", "Measure", "Unit", "Better when", "Baseline", "Baseline period",
                       "Target", "Previous value", "Value", "Comment")
    p1, p2 = "Serious & Acquisitive Crime (incl. crime trends)", "Anti-Social Behaviour (incl. environmental crime)"
    assert [r[:9] for r in rows[1:]] == [
        ("M01", p1, "Residential burglaries recorded in the quarter", "Number", "Lower", 53, "2022-23-Q4", 48, None),
        ("M02", p1, "Shoplifting offences recorded in the quarter", "Number", "Monitor", 97, "2022-23-Q4", None, None),
        ("M04", p2, "Anti-social behaviour incidents reported to police in the quarter", "Number", "Lower", 355,
         "2022-23-Q4", 338, None),
        ("M06", "Domestic Abuse", "Domestic abuse incidents reported to police in the quarter (more reports can mean "
         "more confidence to report)", "Number", "Monitor", 297, "2022-23-Q4", None, None),
        ("M08", "Stalking & Harassment", "Stalking victims offered referral to specialist advocacy", "Percent",
         "Higher", 72, "2022-23-Q4", 90, None),
    ]
    assert ws.protection.sheet and [ws.cell(4, c).protection.locked for c in range(1, 12)] == [True] * 9 + [False] * 2
    rules = {str(dv.sqref): (dv.type, dv.operator, dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation}
    # No operator is "between" in the file format.
    assert rules["J4"] == ("decimal", None, "0", "1000000000000000")
    assert rules["J8"] == ("decimal", None, "0", "100")  # M08 is a percentage
    assert rules["K4:K8"] == ("textLength", "lessThanOrEqual", "32767", None)  # what a cell can hold
    # Value is a number on one line; Comment wraps.  The page prints the header and the five measures.
    assert (ws["J4"].alignment.wrap_text, ws["K4"].alignment.wrap_text) == (None, True)
    assert ws.print_area == "'Measures'!$A$1:$K$8"


def test_the_measures_sheet_reads_and_prints_as_laid_out(issued) -> None:
    ws = openpyxl.load_workbook(issued["kent-police"])["Measures"]
    assert ws["B1"].value == "Sevenoaks District Community Safety Partnership: Kent Police, success measures"
    assert ws["B2"].value == ("Give this quarter's figure for each measure in the Value column (a number; a percentage "
                              "from 0 to 100), with a comment on anything unusual, and return this file by 14 July 2023.")
    widths = {}
    for dim in ws.column_dimensions.values():  # openpyxl keeps columns of one width as one range
        widths |= {openpyxl.utils.get_column_letter(c): round(dim.width) for c in range(dim.min, dim.max + 1)}
    assert widths == {"A": 10, "B": 21, "C": 45, "D": 10, "E": 10, "F": 11, "G": 11, "H": 11, "I": 11, "J": 13,
                      "K": 51}  # as set, plus the padding Excel adds
    # The header a little taller; each measure three lines, enough for the longest (M06) at its width.
    assert [ws.row_dimensions[r].height for r in range(3, 10)] == [30, 41.25, 41.25, 41.25, 41.25, 41.25, None]
    assert (ws.freeze_panes, ws.print_title_rows) == ("B4", "$3:$3")  # the header and the IDs stay in view
    assert ws.oddHeader.left.text == "Sevenoaks CSP · Kent Police · Q1 2023-24 (April to June 2023)"
    # The inputs' headers stand out from the locked columns' headers.
    assert [ws.cell(3, c).fill.fgColor.rgb for c in (1, 9, 10, 11)] == ["FF1F4E78", "FF1F4E78", "FFC65911", "FFC65911"]
    # Locked, but every cell can be selected and copied, and columns and rows resized.
    p = ws.protection
    assert (p.sheet, p.selectLockedCells, p.selectUnlockedCells, p.formatColumns, p.formatRows) == (
        True, False, False, False, False)


#: The unit of a measure (M01, written into the plan as each): what the Value cell allows, what its
#: validation says, and what a figure of -3, of 150 and of 0.45 become at ingest.
BY_UNIT = [
    # unit, validation maximum, validation's message, -3 is..., 150 is..., 0.45 is...
    ("Number", "1000000000000000", "Enter a number of 0 or more, e.g. 42 or 12.5.",
     "Figure -3 is below 0: Type a figure of 0 or more.", None, None),
    ("Rate", "1000000000000000", "Enter a number of 0 or more, e.g. 42 or 12.5.",
     "Figure -3 is below 0: Type a figure of 0 or more.", None, None),
    ("Percent", "100", "Enter a number from 0 to 100, e.g. 45 or 45%.",
     "Figure -3 is below 0: Type a figure from 0 to 100.",
     "Figure 150 is over 100 per cent: Type a figure from 0 to 100.",
     "Figure 0.45 could mean 0.45% or 45%, so no figure was recorded: Type the percentage as a number from 0 to "
     "100, e.g. 45 or 45%, and send the return again."),
]


@pytest.mark.parametrize(("unit", "maximum", "says", "below", "above", "fraction"), BY_UNIT)
def test_what_a_value_allows_follows_its_measures_unit(workspace, plan, tmp_path, unit: str, maximum: str, says: str,
                                                       below: str, above: str | None, fraction: str | None) -> None:
    from cspxl.plan.workbook import write_plan_workbook

    measures = tuple(m.model_copy(update={"unit": unit, "baseline": 53, "target": 48}) if m.id == "M01" else m
                     for m in plan.measures)
    write_plan_workbook(workspace.plan_path, plan.model_copy(update={"measures": measures}))
    with freeze_time("2023-07-03"):
        issued = generate(workspace, Q1, ["kent-police"])["kent-police"]
    ws = openpyxl.load_workbook(issued)["Measures"]
    (rule,) = [dv for dv in ws.data_validations.dataValidation if str(dv.sqref) == "J4"]
    assert (rule.formula1, rule.formula2, rule.error) == ("0", maximum, says)
    said = {}
    for typed in (-3, 150, 0.45):
        filled = fill_return(issued, tmp_path / f"{typed}.xlsx", {}, figures={"M01": {"Value": typed}})
        (outcome,) = ingest(workspace, [filled], received=datetime(2023, 7, 10)).files
        said[typed] = [f"{p.message}: {p.fix}" for p in outcome.problems if p.where == "Measures!J4"]
    assert said == {-3: [below], 150: [above] if above else [], 0.45: [fraction] if fraction else []}


def test_the_identity_names_the_measures_only_when_the_return_asks_for_some(workspace, issued) -> None:
    with Register(workspace.register_path, workspace.archive_dir, readonly=True) as reg:
        police, kcc = reg.latest_issue(str(Q1), "kent-police"), reg.latest_issue(str(Q1), "kcc")
    assert police.measures == tuple(POLICE_MEASURES) and '"measures":["M01"' in police.payload()
    # KCC supplies none: its identity reads exactly as one issued before cspxl asked for figures.
    assert kcc.measures == () and "measures" not in kcc.payload()
    assert "Measures" not in openpyxl.load_workbook(issued["kcc"]).sheetnames
    old = Identity.model_validate_json(kcc.payload())
    assert old.payload() == kcc.payload()


#: What a partner types in Value (with the cell's number format), for a Number (M01) and a Percent
#: (M08) measure: what is recorded and the problem at the cell.
TYPED: list[tuple[str, Any, Any, Any]] = [
    # measure, typed, recorded, problem
    ("M01", 52, 52.0, None),
    ("M01", " 1,234 ", 1234.0, None),
    ("M01", "12.5", 12.5, None),
    ("M01", "tbc", None, "figure-invalid"),
    ("M01", "52%", None, "figure-invalid"),  # a count is not a percentage
    ("M01", -3, None, "figure-outside"),
    ("M01", -0.5, None, "figure-outside"),
    ("M01", None, None, "figure-blank"),
    ("M08", 45, 45.0, None),
    ("M08", "45%", 45.0, None),
    ("M08", Formatted(0.455, "0.0%"), 45.5, None),  # 45.5% typed in Excel
    ("M08", 0.45, None, "figure-ambiguous"),  # 0.45% or 45%?
    ("M08", 101, None, "figure-outside"),
    ("M08", 100, 100.0, None),
    ("M08", 0, 0.0, None),
]


@pytest.mark.parametrize(("measure", "typed", "recorded", "code"), TYPED)
def test_a_value_is_recorded_as_typed_or_not_at_all_with_the_problem_at_its_cell(
        workspace, issued, tmp_path, measure: str, typed: Any, recorded: Any, code: str | None) -> None:
    values = {m: {"Value": 10} for m in POLICE_MEASURES} | {measure: {"Value": typed, "Comment": "As typed."}}
    filled = fill_return(issued["kent-police"], tmp_path / "kp.xlsx", {}, figures=values)
    (outcome,) = ingest(workspace, [filled], received=datetime(2023, 7, 10)).files
    assert outcome.outcome == "accepted"
    cell = f"J{4 + POLICE_MEASURES.index(measure)}"
    assert [(p.where, p.code, p.action) for p in outcome.problems if p.sheet == "Measures"] == (
        [(f"Measures!{cell}", code, measure)] if code else [])
    error = code in ("figure-invalid", "figure-outside")
    assert figures_recorded(workspace, str(Q1), "kent-police")[measure] == (recorded, "As typed.", error)


def test_an_ambiguous_percentage_names_both_readings(workspace, issued, tmp_path) -> None:
    filled = fill_return(issued["kent-police"], tmp_path / "kp.xlsx", {}, figures={"M08": {"Value": 0.45}})
    (outcome,) = ingest(workspace, [filled], received=datetime(2023, 7, 10)).files
    assert [p.message for p in outcome.problems if p.where == "Measures!J8"] == [
        "Figure 0.45 could mean 0.45% or 45%, so no figure was recorded"]


def test_a_comments_problems_are_at_its_cell(workspace, issued, tmp_path) -> None:
    comments = {"M01": {"Value": 5, "Comment": "Spoke to Jade Smith at 14 Acacia Avenue."},
                "M02": {"Value": 6, "Comment": "MARKER"}}
    filled = fill_return(issued["kent-police"], tmp_path / "kp.xlsx", {}, figures=comments)
    # Longer than a cell holds: openpyxl cannot write it, so the sheet's XML is edited, as a crafted file's.
    long = rezip(filled, tmp_path / "long.xlsx",
                 edit={"xl/worksheets/sheet3.xml": lambda xml: xml.replace(b"MARKER", b"x" * 40_000)})
    (outcome,) = ingest(workspace, [long], received=datetime(2023, 7, 10)).files
    assert [(p.where, p.code, p.action) for p in outcome.problems if p.where in ("Measures!K4", "Measures!K5")] == [
        ("Measures!K4", "personal-data", "M01"), ("Measures!K4", "personal-data", "M01"),
        ("Measures!K5", "text-too-long", "M02")]
    got = figures_recorded(workspace, str(Q1), "kent-police")
    assert (got["M01"][2], got["M02"][2]) == (False, True)  # too long goes back for correction


def test_a_later_return_supersedes_the_figures_and_next_quarter_shows_the_accepted_one(workspace, issued,
                                                                                         tmp_path) -> None:
    first = fill_return(issued["kent-police"], tmp_path / "first.xlsx", {},
                        figures={"M01": {"Value": 50}, "M08": {"Value": "tbc"}})
    second = fill_return(issued["kent-police"], tmp_path / "second.xlsx", {},
                         figures={"M01": {"Value": 47, "Comment": "Corrected after audit."}, "M08": {"Value": 81}})
    ingest(workspace, [second], received=datetime(2023, 7, 12))
    ingest(workspace, [first], received=datetime(2023, 7, 10))  # ingested later, received earlier
    got = figures_recorded(workspace, str(Q1), "kent-police")
    assert (got["M01"], got["M08"]) == ((47.0, "Corrected after audit.", False), (81.0, "", False))
    with freeze_time("2023-10-02"):
        q2 = generate(workspace, Q2, ["kent-police"])["kent-police"]
    previous = {r[0]: r[8] for r in openpyxl.load_workbook(q2)["Measures"].iter_rows(min_row=4, values_only=True)}
    assert previous == {"M01": 47, "M02": None, "M04": None, "M06": None, "M08": 81}


#: A figure more than ten times last quarter's, or under a tenth of it, is queried; a figure after
#: last quarter's 0 cannot be.
JUMPS = [
    # last quarter, typed, problem
    (40, 401, "figure-jump"), (40, 400, None), (40, 4, None), (40, 3.9, "figure-jump"), (40, 0, "figure-jump"),
    (0.5, 6, "figure-jump"), (0.5, 5, None), (0.5, 0.05, None), (0.5, 0.04, "figure-jump"), (0, 7, None),
]


@pytest.mark.parametrize(("previous", "typed", "code"), JUMPS)
def test_a_figure_far_from_last_quarters_is_recorded_and_queried(workspace, tmp_path, previous: float, typed: float,
                                                                 code: str | None) -> None:
    with freeze_time("2023-07-03"):
        q1 = generate(workspace, Q1, ["kent-police"])["kent-police"]
    ingest(workspace, [fill_return(q1, tmp_path / "q1.xlsx", {}, figures={"M01": {"Value": previous}})],
           received=datetime(2023, 7, 10))
    with freeze_time("2023-10-02"):
        q2 = generate(workspace, Q2, ["kent-police"])["kent-police"]
    (outcome,) = ingest(workspace, [fill_return(q2, tmp_path / "q2.xlsx", {}, figures={"M01": {"Value": typed}})],
                        received=datetime(2023, 10, 10)).files
    jumps = [(p.where, p.message) for p in outcome.problems if p.code == "figure-jump"]
    how = "more than ten times" if typed > previous else "under a tenth of"
    assert jumps == ([("Measures!J4", f"Figure {typed:g} is {how} last quarter's ({previous:g}); it is recorded as "
                                      "typed")] if code else [])
    assert figures_recorded(workspace, str(Q2), "kent-police")["M01"][0] == typed


def test_figures_alone_make_a_return_and_a_deleted_measures_sheet_loses_no_answer(workspace, issued,
                                                                                  tmp_path) -> None:
    only_figures = fill_return(issued["kent-police"], tmp_path / "figures.xlsx", {}, figures={"M01": {"Value": 5}})
    (outcome,) = ingest(workspace, [only_figures], received=datetime(2023, 7, 10)).files
    assert outcome.outcome == "accepted"

    no_sheet = fill_return(issued["kent-police"], tmp_path / "no-sheet.xlsx", {"A01": {"Status": "On track"}})
    wb = openpyxl.load_workbook(no_sheet)
    del wb["Measures"]
    wb.save(no_sheet)
    (outcome,) = ingest(workspace, [no_sheet], received=datetime(2023, 7, 11)).files
    assert outcome.outcome == "accepted"
    assert [(p.code, p.message) for p in outcome.problems if p.code == "measures-sheet-missing"] == [
        ("measures-sheet-missing", "The workbook has no 'Measures' sheet with 'Measure ID' and 'Value' columns, so "
                                   "no figure was recorded for M01, M02, M04, M06, M08")]
    assert figures_recorded(workspace, str(Q1), "kent-police") == {}


def test_a_row_inserted_between_the_measures_loses_no_figure(workspace, issued, tmp_path) -> None:
    values = {m: {"Value": n} for n, m in enumerate(POLICE_MEASURES, start=1)}
    filled = fill_return(issued["kent-police"], tmp_path / "kp.xlsx", {}, figures=values)
    wb = openpyxl.load_workbook(filled)
    wb["Measures"].insert_rows(6)  # a row above M04, with a note and no Measure ID
    wb["Measures"]["C6"] = "The figures below are from the new system."
    wb.save(filled)
    (outcome,) = ingest(workspace, [filled], received=datetime(2023, 7, 10)).files
    assert [p.code for p in outcome.problems if p.where == "Measures!C6"] == ["typed-outside-inputs"]
    got = figures_recorded(workspace, str(Q1), "kent-police")
    assert {m: value for m, (value, _, _) in got.items()} == {"M01": 1, "M02": 2, "M04": 3, "M06": 4, "M08": 5}


def test_a_figure_after_many_rows_in_error_is_recorded_clean(workspace, issued, tmp_path) -> None:
    """300 rows repeating M01 (each an error) and then M08's row: M08 is not sent back for correction."""
    values = {m: {"Value": 10} for m in POLICE_MEASURES} | {"M08": {"Value": 45}}
    filled = fill_return(issued["kent-police"], tmp_path / "kp.xlsx", {}, figures=values)
    wb = openpyxl.load_workbook(filled)
    ws = wb["Measures"]
    last = [cell.value for cell in ws[8]]
    assert last[0] == "M08"
    for r in range(8, 308):
        for c in range(1, len(last) + 1):
            ws.cell(r, c).value = None
        ws.cell(r, 1).value, ws.cell(r, 10).value = "M01", 11
    for c, value in enumerate(last, start=1):
        ws.cell(308, c).value = value
    wb.save(filled)
    (outcome,) = ingest(workspace, [filled], received=datetime(2023, 7, 10)).files
    assert sum(p.code == "measure-duplicate" for p in outcome.problems) == 300
    got = figures_recorded(workspace, str(Q1), "kent-police")
    assert (got["M01"], got["M08"]) == ((10.0, "", True), (45.0, "", False))


def test_a_return_with_measures_is_empty_until_something_new_is_typed_in_it(workspace, issued, tmp_path) -> None:
    import shutil

    def codes(path: Path, day: int) -> tuple[str, list[str]]:
        with freeze_time(f"2023-07-{day} 09:00"):
            (outcome,) = ingest(workspace, [path]).files
        return outcome.outcome, [p.code for p in outcome.problems if p.code in ("return-empty", "figure-invalid")]

    blank = shutil.copy(issued["kent-police"], tmp_path / "as sent out.xlsx")
    assert codes(blank, 10) == ("rejected", ["return-empty"])
    values = {m: {"Value": 10} for m in POLICE_MEASURES} | {"M04": {"Value": "about 300"}}
    filled = fill_return(issued["kent-police"], tmp_path / "kp.xlsx", {"A01": {"Status": "On track"}}, figures=values)
    assert codes(filled, 11) == ("accepted", ["figure-invalid"])
    with freeze_time("2023-07-12"):
        sent_back = feedback(workspace, Q1, ["kent-police"])["kent-police"]
    untouched = shutil.copy(sent_back, tmp_path / "untouched.xlsx")
    assert codes(untouched, 13) == ("rejected", ["return-empty"])  # the answers and figures as sent: nothing new
    wb = openpyxl.load_workbook(sent_back)
    wb["Measures"]["J6"] = 300  # only the figure corrected
    wb.save(tmp_path / "corrected.xlsx")
    assert codes(tmp_path / "corrected.xlsx", 14) == ("accepted", [])
    assert figures_recorded(workspace, str(Q1), "kent-police")["M04"] == (300.0, "", False)


def test_a_renamed_value_column_or_a_deleted_row_is_said_and_the_rest_recorded(workspace, issued, tmp_path) -> None:
    values = {m: {"Value": 10} for m in POLICE_MEASURES}
    renamed = fill_return(issued["kent-police"], tmp_path / "renamed.xlsx", {"A01": {"Status": "On track"}},
                          figures=values)
    wb = openpyxl.load_workbook(renamed)
    wb["Measures"]["J3"] = "Figure"
    wb.save(renamed)
    (outcome,) = ingest(workspace, [renamed], received=datetime(2023, 7, 10)).files
    assert outcome.outcome == "accepted"
    # No figure is recorded, and each one typed is listed where it is, so none goes unseen.
    assert [(p.where, p.code) for p in outcome.problems if p.sheet == "Measures"] == [
        ("Measures", "measures-sheet-missing"), *[(f"Measures!J{r}", "typed-outside-inputs") for r in range(3, 9)]]

    deleted = fill_return(issued["kent-police"], tmp_path / "deleted.xlsx", {}, figures=values)
    wb = openpyxl.load_workbook(deleted)
    wb["Measures"].delete_rows(5)  # M02's row
    wb.save(deleted)
    (outcome,) = ingest(workspace, [deleted], received=datetime(2023, 7, 11)).files
    assert [(p.code, p.action, p.message) for p in outcome.problems if p.sheet == "Measures"] == [
        ("measure-missing", "M02", "The row for measure M02 is missing, so it has no figure")]
    assert sorted(figures_recorded(workspace, str(Q1), "kent-police")) == ["M01", "M04", "M06", "M08"]


@pytest.mark.parametrize(("header", "shown"), [
    (("Measure ID", "Previous value", "Value"), {"M01": 40.0, "M02": 7.5}),
    (("Measure ID", "Value"), {}),  # no Previous value column: nothing shown
    (("Previous value", "Value"), {}),  # no Measure ID column: nothing to say whose
])
def test_last_quarters_figures_are_read_from_the_sheet_only_with_both_columns(header, shown) -> None:
    from cspxl.returns.figures import figures_shown_as_previous
    from cspxl.spreadsheets import Book, Cell, Sheet

    rows = {"Measure ID": ("M01", "M02"), "Previous value": (40, 7.5), "Value": (44, 8)}
    cells = {(3, c): Cell(h) for c, h in enumerate(header, start=1)}
    cells |= {(4 + r, c): Cell(rows[h][r]) for c, h in enumerate(header, start=1) for r in range(2)}
    book = Book(path=Path("kp.xlsx"), sheets=[Sheet("Measures", cells=cells)])
    assert figures_shown_as_previous(book) == shown


def test_edits_outside_the_measures_inputs_are_warnings_at_their_cells(workspace, issued, tmp_path) -> None:
    filled = fill_return(issued["kent-police"], tmp_path / "kp.xlsx", {}, figures={"M01": {"Value": 50}})
    wb = openpyxl.load_workbook(filled)
    ws = wb["Measures"]
    ws.protection.sheet = False
    ws["H4"] = 60  # the target "moved"
    ws["L5"] = "ring me about this one"
    wb.save(filled)
    (outcome,) = ingest(workspace, [filled], received=datetime(2023, 7, 10)).files
    assert [(p.where, p.code) for p in outcome.problems
            if p.code not in ("figure-blank", "status-blank", "recommendation-blank")] == [
        ("Measures!L5", "typed-outside-inputs"), ("Measures!H4", "context-changed")]


def test_a_figure_in_error_goes_back_for_correction_marked_at_its_cell(workspace, issued, tmp_path) -> None:
    values = {m: {"Value": 10} for m in POLICE_MEASURES} | {"M04": {"Value": "about 300", "Comment": "Estimate."}}
    filled = fill_return(issued["kent-police"], tmp_path / "kp.xlsx", {"A01": {"Status": "On track"}}, figures=values)
    ingest(workspace, [filled], received=datetime(2023, 7, 10))
    with freeze_time("2023-07-20"):
        sent_back = feedback(workspace, Q1, ["kent-police"])["kent-police"]
    ws = openpyxl.load_workbook(sent_back)["Measures"]
    assert (ws["J6"].value, ws["K6"].value, ws["J4"].value) == ("about 300", "Estimate.", 10)
    assert ws["J6"].comment.text.startswith("'about 300' is not a number. Type the figure as a number")
    assert ws["J6"].fill.fgColor.rgb == "FFFFC7CE" and ws["J4"].comment is None
    problems = openpyxl.load_workbook(sent_back)["Problems"]
    assert ("Measures!J6", "M04", "error") in [r[:3] for r in problems.iter_rows(min_row=2, values_only=True)]


def test_a_partner_who_supplies_a_figure_but_leads_no_action_gets_a_return_with_its_measures(workspace, plan,
                                                                                           tmp_path) -> None:
    from cspxl import consolidate, read_plan
    from cspxl.plan import Measure, Partner
    from cspxl.plan.workbook import write_plan_workbook

    ons = Partner(id="ons", name="Office for National Statistics", contact_name="Alex Reed", emails=("alex@example.org",))
    surveyed = Measure(id="M13", priority_id="P2", text="Residents who feel safe after dark (%)", owner="ons",
                       unit="Percent", better="Higher", baseline=61, baseline_period="2022-23-Q4", target=65)
    write_plan_workbook(workspace.plan_path, plan.model_copy(update={
        "partners": (*plan.partners, ons), "measures": (*plan.measures, surveyed)}))
    _, report = read_plan(workspace.plan_path)
    assert [p.code for p in report] == []  # no "gets no return" for the ONS
    with freeze_time("2023-07-03"):
        issued = generate(workspace, Q1, ["ons"])["ons"]
    wb = openpyxl.load_workbook(issued)
    assert [r[0] for r in wb["Return"].iter_rows(min_row=4, values_only=True) if r[0]] == []
    assert [r[:3] for r in wb["Measures"].iter_rows(min_row=4, values_only=True)] == [
        ("M13", "Anti-Social Behaviour (incl. environmental crime)", "Residents who feel safe after dark (%)")]
    filled = fill_return(issued, tmp_path / "ons.xlsx", {}, figures={"M13": {"Value": "63%"}})
    (outcome,) = ingest(workspace, [filled], received=datetime(2023, 7, 10)).files
    assert (outcome.outcome, [p.code for p in outcome.problems]) == ("accepted", [])
    with freeze_time("2023-07-20"):
        master = consolidate(workspace, Q1)
    row = next(r for r in openpyxl.load_workbook(master)["Measures"].iter_rows(values_only=True) if r[0] == "M13")
    assert (row[9], row[14]) == (63, "Amber")  # 63% misses 65% by 2, within 5% of 65 (3.25)


@pytest.mark.parametrize(("actions", "measures", "said"), [
    (28, 5, "It lists the 28 actions your organisation leads or supports, and asks for this quarter's figures for 5 "
            "success measures."),
    (16, 0, "It lists the 16 actions your organisation leads or supports."),
    (0, 1, "It asks for this quarter's figures for 1 success measure."),
])
def test_the_issue_email_says_what_the_return_asks_for(plan, actions: int, measures: int, said: str) -> None:
    from datetime import date

    from cspxl.mail.messages import context, render

    ctx = context(plan, plan.partner("kcc"), Q1, date(2023, 7, 3)) | {"actions": actions, "measures": measures}
    body = render("issue", ctx, plan.settings, None)[1]
    assert said in body
    assert ("on the Measures sheet" in body) == bool(measures)
