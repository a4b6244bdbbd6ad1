"""The plan's Recommendations sheet: the recommendations of reviews, read and checked at their cells."""

from datetime import date
from pathlib import Path

import openpyxl

from cspxl import read_plan, write_blank_plan
from cspxl.plan.workbook import write_plan_workbook
from tests.plan.test_committee_and_assessment_sheets import plan_with

HEADERS = ["Recommendation ID", "Source", "Source type", "Date made", "Recommendation", "Owner",
           "Supporting partners", "Due date", "Priority ID", "Confidential until"]


def test_every_recommendation_problem_is_reported_at_its_cell(tmp_path: Path) -> None:
    path = plan_with(tmp_path, Recommendations=[
        [*HEADERS, "Scope"],
        ["R1", "DHR Sevenoaks 2022/01", "DHR/DARDR", "15/05/2023", "Train GP staff.", "police", "fire", "31/12/2023",
         "P1", "30/06/2024", "Local"],
        ["R2", "", "Review", "31/02/2023", "", "nobody", "fire; ghost", "", "P9", "soon", "Global"],
        ["r1", "Scrutiny 2023", "scrutiny", "20/06/2023", "Publish ASB figures.", "fire", "", "01/06/2023", "", "", ""],
    ])
    plan, report = read_plan(path)
    assert sorted(report.flatten("where", "code")) == [
        ("Recommendations!A4", "id-duplicate"),
        ("Recommendations!B3", "value-missing"),
        ("Recommendations!C3", "choice-invalid"),
        ("Recommendations!D3", "date-invalid"),
        ("Recommendations!E3", "value-missing"),
        ("Recommendations!F3", "partner-unknown"),
        ("Recommendations!G3", "partner-unknown"),
        ("Recommendations!H3", "value-missing"),
        ("Recommendations!H4", "recommendation-due-before-made"),
        ("Recommendations!I3", "priority-unknown"),
        ("Recommendations!J3", "date-invalid"),
        ("Recommendations!K3", "choice-invalid"),
    ]
    assert plan is None
    said = {p.where: str(p) for p in report}
    assert said["Recommendations!H3"].endswith("Due date is empty. Fill it in.")
    assert said["Recommendations!H4"] == ("plan.xlsx · Recommendations!H4: Recommendation r1 is due 01/06/2023, before "
                                          "it was made (20/06/2023). Check both dates.")


def test_recommendations_are_read_and_written_back_the_same(tmp_path: Path) -> None:
    path = plan_with(tmp_path, Recommendations=[
        [*HEADERS, "Scope", "Action to take", "Key milestones"],
        ["R1", "DHR Sevenoaks 2022/01", "dhr/dardr", "15 May 2023", "Train GP staff.", "POLICE", "fire; police",
         "31/12/2023", "p1", "30/06/2024", "local", "IRIS training.", "Half trained"],
        ["R2", "PCC 2023", "PCC", "01/07/2023", "Map hotspots.", "fire", "", "31/01/2024", "", "", "", "", ""],
    ])
    plan, report = read_plan(path)
    assert report.ok and plan is not None
    r1, r2 = plan.recommendations
    assert (r1.source_type, r1.owner, r1.supporting, r1.priority_id, r1.scope) == ("DHR/DARDR", "police", ("fire",),
                                                                                   "P1", "Local")
    assert (r1.made, r1.due, r1.confidential_until) == (date(2023, 5, 15), date(2023, 12, 31), date(2024, 6, 30))
    assert r1.confidential_on(date(2024, 6, 29)) and not r1.confidential_on(date(2024, 6, 30))
    assert r2.confidential_until is None and not r2.confidential_on(date(2023, 7, 1))
    again, report = read_plan(write_plan_workbook(tmp_path / "again.xlsx", plan))
    assert report.ok and again == plan


def test_the_blank_plan_has_the_recommendations_sheet_with_its_dropdowns(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(write_blank_plan(tmp_path / "plan.xlsx"))["Recommendations"]
    assert [c.value for c in sheet[1]] == [*HEADERS, "Scope", "Action to take", "Key milestones"]
    lists = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation if dv.type == "list"}
    assert lists["F2:F1001"] == "PartnerIDs" and lists["I2:I1001"] == "PriorityIDs"
    assert "DHR/DARDR" in lists["C2:C1001"]


def test_a_recommendation_id_an_action_or_measure_already_has_is_refused_at_its_cell(tmp_path) -> None:
    """A return for correction marks its cells by ID, so an action's ID used again for a recommendation is an error."""
    from cspxl import example_plan_path, read_plan

    wb = openpyxl.load_workbook(example_plan_path())
    ws = wb["Recommendations"]
    ws["A2"] = "A05"
    ws["A3"] = "M01"
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    _, report = read_plan(path)
    assert [(p.where, p.code, p.message) for p in report.errors] == [
        ("Recommendations!A2", "id-duplicate", "Recommendation ID 'A05' is used again (first at the Actions sheet)"),
        ("Recommendations!A3", "id-duplicate", "Recommendation ID 'M01' is used again (first at the Measures sheet)")]
