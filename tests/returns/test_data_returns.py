"""The strategic assessment's data returns: one per partner that supplies indicators, through the same machinery
as a quarter's returns (signed identity, issued cells kept, ingest with problems at cells, supersession)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from freezegun import freeze_time

from cspxl import Register, generate, ingest, parse_period
from cspxl.assessment import strategic_assessment
from cspxl.cli import main
from cspxl.demo.partners import fill_return
from cspxl.identity import IDENTITY_SHEET, Identity
from cspxl.periods import AssessmentRound, parse_assessment
from cspxl.plan.workbook import write_plan_workbook
from cspxl.register.indicators import current_indicator_figures
from cspxl.returns.assessment import generate_assessment
from cspxl.workspace import Workspace

ROUND = AssessmentRound(year=2023)
QUARTERS = ["2020-21 Q3", "2020-21 Q4", "2021-22 Q1", "2021-22 Q2", "2021-22 Q3", "2021-22 Q4", "2022-23 Q1",
            "2022-23 Q2", "2022-23 Q3", "2022-23 Q4", "2023-24 Q1", "2023-24 Q2"]


def test_the_round_is_the_three_years_to_september_due_after_the_second_quarters_returns() -> None:
    assert str(ROUND) == "2023-24-SA" and parse_assessment("2023/24 sa") == ROUND and parse_assessment("2023-24-Q2") is None
    assert [f"{q.financial_year} Q{q.quarter}" for q in ROUND.quarters] == QUARTERS
    assert ROUND.start == date(2023, 10, 1)
    assert ROUND.due(14) == date(2023, 10, 30)  # Q2's returns due Monday 16 October, then 14 days on
    assert ROUND.label == "the strategic assessment's data 2023-24 (October 2020 to September 2023)"


@pytest.fixture
def issued(workspace: Workspace) -> dict[str, Path]:
    with freeze_time("2023-10-02"):
        return generate_assessment(workspace, 2023)


def test_each_supplier_gets_a_signed_data_return_for_its_indicators(workspace: Workspace, issued) -> None:
    assert sorted(issued) == ["davss", "icb", "kcc", "kfrs", "wkha"]
    book = openpyxl.load_workbook(issued["icb"])
    sheet = book["Indicators"]
    assert [c.value for c in sheet[3]] == ["Indicator ID", "Indicator", "Unit", "Priorities", *QUARTERS, "Comment"]
    assert [c.value for c in sheet[4]][:4] == [
        "I2", "Assault-related A&E attendances by residents of the district", "Number",
        "Violence against Women & Girls; Serious & Acquisitive Crime (incl. crime trends)"]
    assert sheet.protection.sheet and sheet["B4"].protection.locked and not sheet["E4"].protection.locked
    identity = Identity.model_validate_json(book[IDENTITY_SHEET]["A2"].value)
    assert (identity.partner, identity.period, identity.indicators, identity.actions) == ("icb", "2023-24-SA", ("I2",), ())
    with Register(workspace.register_path, workspace.archive_dir, readonly=True) as register:
        assert register.latest_issue("2023-24-SA", "icb") == identity
        assert register.issued_cells(identity) is not None


def fill(source: Path, out: Path, row: dict[str, object]) -> Path:
    """The data return with ``row``'s cells (by column header) typed into its first indicator's row."""
    book = openpyxl.load_workbook(source)
    sheet = book["Indicators"]
    headers = [c.value for c in sheet[3]]
    for header, value in row.items():
        sheet.cell(4, headers.index(header) + 1).value = value
    book.save(out)
    return out


def test_a_data_return_is_read_each_quarter_at_its_cell(workspace: Workspace, issued, tmp_path: Path) -> None:
    typed = {q: 10 + n for n, q in enumerate(QUARTERS)} | {"2021-22 Q4": "lots", "2022-23 Q1": None,
                                                           "Comment": "A new recording system from April 2022."}
    path = fill(issued["kfrs"], tmp_path / "fires.xlsx", typed)
    result = ingest(workspace, [path], datetime(2023, 10, 20, 9))
    [done] = result.files
    assert done.outcome == "accepted" and done.period == "2023-24-SA"
    assert [(p.where, p.code) for p in done.problems] == [("Indicators!J4", "figure-invalid"),
                                                           ("Indicators!E4", "indicator-blank")]
    assert "2022-23 Q1" in done.problems[1].message
    with Register(workspace.register_path, workspace.archive_dir, readonly=True) as register:
        figures = current_indicator_figures(register, "2023-24-SA")["kfrs"]
    assert figures[("I1", "2020-21-Q3")].value == 10 and figures[("I1", "2023-24-Q2")].value == 21
    assert (figures[("I1", "2021-22-Q4")].value, figures[("I1", "2021-22-Q4")].needs_correction) == (None, True)
    assert (figures[("I1", "2022-23-Q1")].value, figures[("I1", "2022-23-Q1")].needs_correction) == (None, False)
    assert not figures[("I1", "2021-22-Q3")].needs_correction  # one quarter in error leaves the other eleven


def test_the_data_return_as_sent_out_is_empty_and_a_changed_indicator_is_said(workspace: Workspace, issued,
                                                                             tmp_path: Path) -> None:
    [empty] = ingest(workspace, [issued["kfrs"]], datetime(2023, 10, 20, 9)).files
    assert empty.outcome == "rejected" and [p.code for p in empty.problems] == ["data-return-empty"]
    path = fill(issued["kfrs"], tmp_path / "fires.xlsx", {"Indicator": "Fires", **dict.fromkeys(QUARTERS, 3)})
    [done] = ingest(workspace, [path], datetime(2023, 10, 20, 9)).files
    assert done.outcome == "accepted" and [(p.where, p.code) for p in done.problems] == [("Indicators!B4",
                                                                                          "context-changed")]


def test_a_later_data_return_supersedes_the_earlier(workspace: Workspace, issued, tmp_path: Path) -> None:
    first = fill(issued["kfrs"], tmp_path / "first.xlsx", dict.fromkeys(QUARTERS, 5))
    second = fill(issued["kfrs"], tmp_path / "second.xlsx", dict.fromkeys(QUARTERS, 7))
    ingest(workspace, [second], datetime(2023, 10, 25, 9))
    ingest(workspace, [first], datetime(2023, 10, 20, 9))  # older, ingested later: not the current one
    with Register(workspace.register_path, workspace.archive_dir, readonly=True) as register:
        figures = current_indicator_figures(register, "2023-24-SA")["kfrs"]
    assert {f.value for f in figures.values()} == {7}


def test_last_years_accepted_figures_are_filled_in_for_the_quarters_asked_again(workspace: Workspace,
                                                                               tmp_path: Path) -> None:
    plan = workspace.plan
    write_plan_workbook(workspace.plan_path, plan.model_copy(update={
        "settings": plan.settings.model_copy(update={"financial_year": "2022-23"})}))
    with freeze_time("2022-10-03"):
        last = generate_assessment(workspace, 2022, ["kfrs"])
    last_quarters = [f"{q.financial_year} Q{q.quarter}" for q in AssessmentRound(year=2022).quarters]
    ingest(workspace, [fill(last["kfrs"], tmp_path / "last.xlsx",
                            {q: 100 + n for n, q in enumerate(last_quarters)} | {"2021-22 Q1": "?"})],
           datetime(2022, 10, 20, 9))
    write_plan_workbook(workspace.plan_path, plan)
    with freeze_time("2023-10-02"):
        now = generate_assessment(workspace, 2023, ["kfrs"])
    row = [c.value for c in openpyxl.load_workbook(now["kfrs"])["Indicators"][4]]
    by_quarter = dict(zip(QUARTERS, row[4:16], strict=True))
    # Last year's round was October 2019 to September 2022: its last eight quarters are asked again.
    assert by_quarter == {"2020-21 Q3": 104, "2020-21 Q4": 105, "2021-22 Q1": None, "2021-22 Q2": 107,
                          "2021-22 Q3": 108, "2021-22 Q4": 109, "2022-23 Q1": 110, "2022-23 Q2": 111,
                          "2022-23 Q3": None, "2022-23 Q4": None, "2023-24 Q1": None, "2023-24 Q2": None}
    # Sent back untouched, it is empty: nothing new was typed.
    [again] = ingest(workspace, [now["kfrs"]], datetime(2023, 10, 20, 9)).files
    assert [p.code for p in again.problems] == ["data-return-empty"]


def test_a_quarters_return_is_taken_after_a_data_return_was_issued_to_the_partner(workspace: Workspace, issued,
                                                                                  tmp_path: Path) -> None:
    with freeze_time("2023-10-02"):
        q2 = generate(workspace, parse_period("2023-24-Q2"), ["kfrs"])["kfrs"]
    path = fill_return(q2, tmp_path / "q2.xlsx", {"A02": {"Status": "On track"}})
    [done] = ingest(workspace, [path], datetime(2023, 10, 10, 9)).files
    assert done.outcome == "accepted", [str(p) for p in done.problems]


def test_the_assessment_totals_each_year_and_names_what_is_missing_and_whose(workspace: Workspace, issued,
                                                                            tmp_path: Path) -> None:
    path = fill(issued["kfrs"], tmp_path / "fires.xlsx", {q: 10 for q in QUARTERS[:8]} | {q: 5 for q in QUARTERS[8:]}
                | {"2021-22 Q1": None})
    ingest(workspace, [path], datetime(2023, 10, 20, 9))
    a = strategic_assessment(workspace, 2023, date(2024, 1, 31))
    fires = next(i for i in a.indicators if i.id == "I1")
    assert a.indicator_years == ("Year to Sep 2021", "Year to Sep 2022", "Year to Sep 2023")
    assert fires.years == (None, 40, 20) and fires.trend == ""
    assert fires.missing == "2021-22 Q1 not given by Kent Fire & Rescue Service"
    assert next(i for i in a.indicators if i.id == "I2").missing == (
        "no figures received from NHS Kent and Medway Integrated Care Board")


def test_generate_assessment_from_the_command_line(workspace: Workspace) -> None:
    with freeze_time("2023-10-02"):
        done = CliRunner().invoke(main, ["--workspace", str(workspace.root), "generate", "2023-24", "--assessment",
                                         "--partner", "kfrs"])
    assert done.exit_code == 0, done.output
    said = " ".join(done.output.split())
    assert ("Generated 1 data return for 2023-24-SA, the strategic assessment's data 2023-24 (October 2020 to "
            "September 2023), due 30/10/2023.") in said
    for args, sentence in ((["generate", "2023-24"], "give a quarter"), (["generate", "2023-24-Q1", "--assessment"],
                                                                         "or a year with --assessment"),
                           (["generate", "2023-24", "--assessment", "--partner", "pcc"], "'pcc' supplies no indicator")):
        refused = CliRunner().invoke(main, ["--workspace", str(workspace.root), *args])
        assert refused.exit_code == 2 and sentence in " ".join(refused.output.split()), refused.output


def test_a_data_return_with_an_error_is_sent_back_and_its_correction_supersedes_it(workspace: Workspace, issued,
                                                                                   tmp_path: Path) -> None:
    from cspxl.master.data_returns import data_round
    from cspxl.returns.corrections import feedback

    path = fill(issued["kfrs"], tmp_path / "fires.xlsx", dict.fromkeys(QUARTERS, 4) | {"2021-22 Q1": "lots"})
    ingest(workspace, [path], datetime(2023, 10, 20, 9))
    [kfrs] = [r for r in data_round(workspace, ROUND, date(2023, 11, 1)).returns if r.partner.id == "kfrs"]
    assert [p.code for p in kfrs.problems] == ["figure-invalid"]
    back = feedback(workspace, ROUND, on=date(2023, 11, 2))
    assert list(back) == ["kfrs"]
    book = openpyxl.load_workbook(back["kfrs"])
    sheet = book["Indicators"]
    assert sheet["G4"].value == "lots" and sheet["G4"].fill.fgColor.rgb == "FFFFC7CE"
    assert sheet["G4"].comment.text.startswith("'lots' is not a number.") and sheet["F4"].value == 4
    assert [c.value for c in book["Problems"][2]][:3] == ["Indicators!G4", "I1", "error"]
    assert "by 13 November 2023" in str(sheet["B2"].value)  # Correction days (10) from the day it went back
    sheet["G4"].value = 6
    book.save(tmp_path / "fixed.xlsx")
    [done] = ingest(workspace, [tmp_path / "fixed.xlsx"], datetime(2023, 11, 3, 9)).files
    assert done.outcome == "accepted" and done.problems == []
    [kfrs] = [r for r in data_round(workspace, ROUND, date(2023, 11, 4)).returns if r.partner.id == "kfrs"]
    assert (kfrs.status, kfrs.files, kfrs.problems) == ("Received", 2, ())
    assert feedback(workspace, ROUND, on=date(2023, 11, 4)) == {}


def test_the_round_is_sent_chased_and_shown_as_a_quarters_is(workspace: Workspace, tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    runner = CliRunner()

    def run(*args: str) -> str:
        done = runner.invoke(main, ["--workspace", str(workspace.root), *args])
        assert done.exit_code == 0, done.output
        return " ".join(done.output.split())

    with freeze_time("2023-10-02"):
        assert "5 drafted" in run("send", "2023-24-SA", "--eml", str(drafts))
        assert "5 recorded" in run("mark-sent", "2023-24-SA")
    from email import message_from_bytes

    issue = message_from_bytes((drafts / "2023-24-SA_icb_issue.eml").read_bytes())
    assert " ".join(str(issue["Subject"]).split()) == (
        "Sevenoaks CSP strategic assessment: NHS Kent and Medway Integrated Care Board's figures, please, by 30 "
        "October 2023")
    with freeze_time("2023-10-28"):
        assert "5 drafted" in run("chase", "2023-24-SA", "--eml", str(drafts))
    reminder = (drafts / "2023-24-SA_kfrs_reminder.eml").read_text()
    assert "Reminder: Sevenoaks CSP strategic assessment figures from Kent Fire & Rescue Service due 30 October" in \
        " ".join(reminder.split())
    with freeze_time("2023-11-01"):
        said = run("status", "2023-24-SA")
    assert "Sevenoaks CSP returns for 2023-24-SA, due 30/10/2023 (as of 01/11/2023)" in said
    assert "5 expected: 5 overdue." in said and "No data return needs correcting." in said
