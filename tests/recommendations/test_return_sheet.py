"""A return's Recommendations sheet: written for each partner that owns or supports an open recommendation of a
review, read back by Recommendation ID with each rule a problem at its cell, and covered by the tamper check, the
return for correction and supersession like the other sheets."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from freezegun import freeze_time

from cspxl import Register, feedback, generate, ingest, parse_period
from cspxl.demo.partners import fill_return
from cspxl.recommendations.tracking import recommendation_states
from cspxl.workspace import Workspace

from .conftest import only_a_recommendation

Q1, Q2 = parse_period("2023-24-Q1"), parse_period("2023-24-Q2")


@pytest.fixture
def issued(workspace: Workspace) -> dict[str, Path]:
    with freeze_time("2023-07-03"):
        return generate(workspace, Q1)


def updates(workspace: Workspace, partner: str) -> dict[str, tuple[Any, ...]]:
    from cspxl.register.recommendations import submission_updates

    with Register(workspace.register_path, workspace.archive_dir, readonly=True) as reg:
        current = reg.current(str(Q1), partner)
        assert current is not None
        return {r: (u.status, u.evidence, u.date_implemented, u.reason, u.needs_correction)
                for r, u in submission_updates(reg, current.id).items()}


def test_each_owner_and_supporter_gets_the_open_recommendations_locked_with_four_inputs(issued) -> None:
    wb = openpyxl.load_workbook(issued["sdc"])
    ws = wb["Recommendations"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert rows[0] == ("Recommendation ID", "Source", "Recommendation", "Your role", "Due date", "Last status",
                       "Last evidence", "Status", "Evidence", "Date implemented", "Reason not accepted")
    # The district council owns DHR1-4 and SCR-1 and supports DHR1-2 and PCC-1, in the plan's order.
    assert [(r[0], r[3], r[4]) for r in rows[1:]] == [
        ("DHR1-2", "Supporting", datetime(2023, 9, 30)), ("DHR1-4", "Owner", datetime(2024, 3, 31)),
        ("SCR-1", "Owner", datetime(2023, 12, 31)), ("PCC-1", "Supporting", datetime(2024, 1, 31))]
    assert ws.protection.sheet
    assert [ws.cell(4, c).protection.locked for c in range(1, 12)] == [True] * 7 + [False] * 4
    rules = {str(dv.sqref): (dv.type, dv.formula1) for dv in ws.data_validations.dataValidation}
    assert rules["H4:H7"] == ("list", '"Not started,In progress,Implemented,Not accepted"')
    assert rules["J4:J7"][0] == "date"
    # Kent Fire & Rescue has no recommendation: no sheet.
    assert "Recommendations" not in openpyxl.load_workbook(issued["kfrs"]).sheetnames


@pytest.mark.parametrize(("typed", "problems"), [
    # Status, Evidence, Date implemented, Reason not accepted -> (cell, code) of each problem on the row (DHR1-4, row 5)
    (("In progress", "Draft policy out to consultation", None, None), []),
    (("Implemented", "Policy adopted by Cabinet", "20/06/2023", None), []),
    (("Implemented", None, "20/06/2023", None), [("Recommendations!I5", "recommendation-evidence-required")]),
    (("Implemented", "Policy adopted", None, None), [("Recommendations!J5", "recommendation-date-required")]),
    (("Implemented", None, None, None), [("Recommendations!I5", "recommendation-evidence-required"),
                                          ("Recommendations!J5", "recommendation-date-required")]),
    (("Not accepted", None, None, None), [("Recommendations!K5", "recommendation-reason-required")]),
    (("Not accepted", None, None, "The council has no power to do this"), []),
    (("Implemented", "Policy adopted", "01/07/2023", None), [("Recommendations!J5", "recommendation-date-outside")]),
    (("Implemented", "Policy adopted", "31/03/2023", None),  # DHR1-4 was made on 15/05/2023
     [("Recommendations!J5", "recommendation-date-before-made")]),
    (("Implemented", "Policy adopted", "last week", None), [("Recommendations!J5", "date-invalid")]),
    (("Done", None, None, None), [("Recommendations!H5", "recommendation-status-unknown")]),
    ((None, "We met twice", None, None), [("Recommendations!H5", "recommendation-status-blank")]),
    ((None, None, None, None), [("Recommendations!H5", "recommendation-blank")]),
    (("in  PROGRESS", None, None, None), []),
])
def test_each_rule_of_a_recommendation_row_is_a_problem_at_its_cell(workspace, issued, tmp_path, typed,
                                                                     problems) -> None:
    values = dict(zip(("Status", "Evidence", "Date implemented", "Reason not accepted"), typed, strict=True))
    others = {r: {"Status": "In progress"} for r in ("DHR1-2", "SCR-1", "PCC-1")}
    filled = fill_return(issued["sdc"], tmp_path / "sdc.xlsx", {}, recommendations={"DHR1-4": values, **others})
    (outcome,) = ingest(workspace, [filled], received=datetime(2023, 7, 10)).files
    assert outcome.outcome == "accepted"
    assert [(p.where, p.code) for p in outcome.problems if p.sheet == "Recommendations"] == problems
    errors = any(p.severity == "error" for p in outcome.problems if p.sheet == "Recommendations")
    assert updates(workspace, "sdc")["DHR1-4"][4] is errors  # needs correction
    assert updates(workspace, "sdc")["SCR-1"] == ("In progress", "", None, "", False)


def test_evidence_and_reasons_are_screened_for_personal_data_and_kept_as_typed(workspace, issued, tmp_path) -> None:
    filled = fill_return(issued["icb"], tmp_path / "icb.xlsx", {}, recommendations={"DHR1-1": {
        "Status": "In progress", "Evidence": "GP training booked; call Sarah Jenkins on 07700 900123 for the list"}})
    (outcome,) = ingest(workspace, [filled], received=datetime(2023, 7, 10)).files
    found = [(p.where, p.code, p.severity) for p in outcome.problems if p.code == "personal-data"]
    assert found and {f[0] for f in found} == {"Recommendations!I4"}
    assert all("master marks the recommendation" in p.message for p in outcome.problems if p.code == "personal-data")
    assert updates(workspace, "icb")["DHR1-1"][1].startswith("GP training booked; call Sarah Jenkins")


def test_changing_a_recommendations_text_is_a_warning_and_the_plans_text_stands(workspace, issued, tmp_path) -> None:
    filled = fill_return(issued["wkha"], tmp_path / "wkha.xlsx", {}, recommendations={"DHR1-2": {
        "Status": "In progress"}})
    wb = openpyxl.load_workbook(filled)
    ws = wb["Recommendations"]
    ws.protection.sheet = False
    ws["C4"] = "Something easier"
    ws["E4"] = "31/03/2025"
    wb.save(filled)
    (outcome,) = ingest(workspace, [filled], received=datetime(2023, 7, 10)).files
    assert [(p.where, p.code) for p in outcome.problems if p.code == "context-changed"] == [
        ("Recommendations!C4", "context-changed"), ("Recommendations!E4", "context-changed")]
    assert updates(workspace, "wkha")["DHR1-2"][0] == "In progress"


def test_a_recommendation_in_error_goes_back_for_correction_marked_and_the_correction_supersedes(
        workspace, issued, tmp_path) -> None:
    filled = fill_return(issued["wkha"], tmp_path / "wkha.xlsx", {}, recommendations={"DHR1-2": {
        "Status": "Implemented", "Evidence": "Flag added to tenancy system"}})
    ingest(workspace, [filled], received=datetime(2023, 7, 10))
    with freeze_time("2023-07-17"):
        (back,) = feedback(workspace, Q1, ["wkha"]).values()
    ws = openpyxl.load_workbook(back)["Recommendations"]
    assert (ws["H4"].value, ws["I4"].value, ws["J4"].value) == ("Implemented", "Flag added to tenancy system", None)
    assert ws["J4"].fill.fgColor.rgb.endswith("FFC7CE")  # the date: in red
    assert "no date implemented" in ws["J4"].comment.text
    problems = openpyxl.load_workbook(back)["Problems"]
    assert [r[0] for r in problems.iter_rows(min_row=2, values_only=True)
            if r[0] and str(r[0]).startswith("Recommendations")] == ["Recommendations!J4"]
    corrected = fill_return(back, tmp_path / "wkha2.xlsx", {}, recommendations={"DHR1-2": {
        "Date implemented": "14/06/2023"}})
    (outcome,) = ingest(workspace, [corrected], received=datetime(2023, 7, 18)).files
    assert [p.code for p in outcome.errors] == []
    assert updates(workspace, "wkha")["DHR1-2"] == (
        "Implemented", "Flag added to tenancy system", date(2023, 6, 14), "", False)


def test_a_partner_whose_only_duty_is_a_recommendation_still_gets_a_return(workspace, tmp_path) -> None:
    only_a_recommendation(workspace)
    with freeze_time("2023-07-03"):
        issued = generate(workspace, Q1)
    wb = openpyxl.load_workbook(issued["forward-trust"])
    assert [r[0] for r in wb["Return"].iter_rows(min_row=4, values_only=True) if r[0]] == []
    assert [r[0] for r in wb["Recommendations"].iter_rows(min_row=4, values_only=True)] == ["SAR-1"]
    filled = fill_return(issued["forward-trust"], tmp_path / "ft.xlsx", {}, recommendations={"SAR-1": {
        "Status": "In progress", "Evidence": "Staff briefing written"}})
    (outcome,) = ingest(workspace, [filled], received=datetime(2023, 7, 10)).files
    assert (outcome.outcome, [p.code for p in outcome.problems]) == ("accepted", [])
    with Register(workspace.register_path, workspace.archive_dir, readonly=True) as reg:
        (state,) = [s for s in recommendation_states(workspace.plan, reg, date(2023, 7, 31))
                    if s.recommendation.id == "SAR-1"]
    assert (state.status, state.evidence, state.updated) == ("In progress", "Staff briefing written", "2023-24-Q1")
