"""The plan's Committee, Indicators and Scoring criteria sheets: read, checked at their cells, written back."""

from datetime import date
from pathlib import Path

import openpyxl

from cspxl import read_plan, write_blank_plan
from cspxl.plan import Committee, Criterion, Indicator, Meeting
from cspxl.plan.committee import NOTING, PARAGRAPHS
from cspxl.plan.models import DEFAULT_CRITERIA
from cspxl.plan.workbook import write_plan_workbook
from tests.conftest import write_book

SETTINGS = [["Key", "Value"], ["Partnership", "Test CSP"], ["Short name", "Test"], ["Financial year", "2023-24"],
            ["Coordinator name", "Ann Example"], ["Coordinator email", "ann@example.org"]]
PARTNERS = [["Partner ID", "Partner name", "Contact name", "Contact email"],
            ["police", "Kent Police", "", ""], ["fire", "Kent Fire & Rescue Service", "", ""]]
PRIORITIES = [["Priority ID", "Priority"], ["P1", "Anti-social behaviour"], ["P2", "Violence"]]
ACTIONS = [["Action ID", "Priority ID", "Action", "Success measure", "Lead partner", "Supporting partners",
            "Target date"], ["A1", "P1", "Patrol the parks", "", "police", "fire", "31/03/2024"]]


def plan_with(tmp_path: Path, **sheets: list[list[object]]) -> Path:
    return write_book(tmp_path / "plan.xlsx", {"Settings": SETTINGS, "Partners": PARTNERS, "Priorities": PRIORITIES,
                                               "Actions": ACTIONS, **{k.replace("_", " "): v for k, v in sheets.items()}})


def test_every_committee_problem_is_reported_at_its_cell(tmp_path: Path) -> None:
    path = plan_with(tmp_path, Committee=[
        ["Key", "Value"],
        ["Committee", "People & Places Advisory Committee"],
        ["Meeting dates", "27/06/2023; 31/06/2023"],
        ["Status", "For noting"],
        ["Also considered by", "Cabinet, 13/07/2023; Council, 18/13/2023"],
        ["Key decision", "Maybe"],
        ["Recommendation to Cabinet", "That Cabinet agrees."],
        ["Recommendation to Scrutiny", "That Scrutiny looks."],
        ["Colour", "blue"],
    ])
    _, report = read_plan(path)
    assert sorted(report.flatten("where", "code")) == [
        ("Committee!A9", "setting-unknown"),
        ("Committee!B3", "date-invalid"),
        ("Committee!B4", "choice-invalid"),
        ("Committee!B5", "date-invalid"),
        ("Committee!B6", "choice-invalid"),
        ("Committee!B8", "recommendation-body-unknown"),
    ]
    assert "plan.xlsx · Committee!B3: '31/06/2023' is not a date." in [str(p).split(" Type")[0] for p in report]


def test_a_committee_sheet_is_read_into_the_frame_and_its_defaults_fill_the_rest(tmp_path: Path) -> None:
    path = plan_with(tmp_path, Committee=[
        ["Key", "Value"],
        ["Committee", "People & Places Advisory Committee"],
        ["Meeting dates", "19/09/2023; 27/06/2023"],
        ["Report of", "Chief Officer - People & Places"],
        ["status", "for decision"],
        ["Also considered by", "Cabinet - 13 July 2023; Council (18/07/2023); Scrutiny"],
        ["Key decision", "yes"],
        ["Recommendation to council", "That Council adopts the plan."],
        ["Equality assessment", "A full equality impact assessment is attached."],
    ])
    plan, report = read_plan(path)
    assert report.ok and plan is not None
    c = plan.committee
    assert c.meeting_dates == (date(2023, 6, 27), date(2023, 9, 19))
    assert c.meeting_after(date(2023, 7, 14)) == date(2023, 9, 19)
    assert (c.status, c.key_decision) == ("For decision", True)
    assert c.also_considered_by == (Meeting(body="Cabinet", day=date(2023, 7, 13)),
                                    Meeting(body="Council", day=date(2023, 7, 18)), Meeting(body="Scrutiny"))
    assert [c.recommendation(b) for b in ("", "Cabinet", "Council", "Scrutiny")] == [
        "That the Committee recommends the Strategy & Action Plan to Cabinet for adoption.",
        "That Cabinet recommends the Strategy & Action Plan to Council for adoption.",
        "That Council adopts the plan.",
        "That the Strategy & Action Plan be adopted."]
    assert c.paragraph("Equality assessment") == "A full equality impact assessment is attached."
    assert c.paragraph("Net zero implications") == PARAGRAPHS["Net zero implications"]
    assert c.missing() == ["Portfolio holder", "Contact officer(s)"]


def test_a_plan_without_the_new_sheets_has_the_default_frame_and_criteria_and_no_indicators(tmp_path: Path) -> None:
    plan, report = read_plan(plan_with(tmp_path))
    assert report.ok and plan is not None
    assert plan.committee == Committee() and plan.criteria == DEFAULT_CRITERIA and plan.indicators == ()
    assert [c.name for c in plan.criteria] == ["Harm", "Volume", "Trend", "Public concern",
                                               "Partnership capacity to make a difference"]


def test_indicators_and_criteria_are_checked_at_their_cells(tmp_path: Path) -> None:
    path = plan_with(tmp_path, Indicators=[
        ["Indicator ID", "Indicator", "Supplied by", "Unit", "Priority IDs", "Better when"],
        ["I1", "Deliberate fires", "fire", "Number", "P1", "Lower"],
        ["I2", "Assault-related A&E attendances", "nhs", "Number", "P2; P9", "Lower"],
        ["i1", "Again", "police", "Count", "P1", "Down"],
    ], Scoring_criteria=[
        ["Criterion", "Weight", "What a high score means"],
        ["Harm", "3", ""], ["Volume", "0", ""], ["Trend", "", ""], ["harm", "x", ""],
    ])
    _, report = read_plan(path)
    assert report.flatten("where", "code") == [
        ("Indicators!C3", "partner-unknown"),
        ("Indicators!E3", "priority-unknown"),
        ("Indicators!A4", "id-duplicate"),
        ("Indicators!D4", "choice-invalid"),
        ("Indicators!F4", "choice-invalid"),
        ("Scoring criteria!B3", "weight-zero"),
        ("Scoring criteria!B4", "value-missing"),
        ("Scoring criteria!A5", "id-duplicate"),
        ("Scoring criteria!B5", "number-invalid"),
    ]


def test_a_plan_with_its_frame_indicators_and_criteria_is_written_and_read_back_the_same(tmp_path: Path) -> None:
    plan, _ = read_plan(plan_with(tmp_path))
    assert plan is not None
    changed = plan.model_copy(update={
        "indicators": (Indicator(id="I1", text="Deliberate fires", supplier="fire", unit="Number",
                                 priority_ids=("P1", "P2"), better="Lower"),),
        "criteria": (Criterion(name="Harm", weight=4, guide="5: grave"), Criterion(name="Volume", weight=1.5)),
        "committee": Committee(committee="Cabinet", meeting_dates=(date(2023, 6, 27),),
                               also_considered_by=(Meeting(body="Council", day=date(2023, 7, 18)),),
                               recommendations={"council": "That Council adopts it."},
                               paragraphs={"Wellbeing": "None."}),
        "settings": plan.settings.model_copy(update={"population": 120500,
                                                     "strategic_assessment": "Strategic Assessment 2022-23"})})
    written = write_plan_workbook(tmp_path / "again.xlsx", changed)
    again, report = read_plan(written)
    assert report.ok and again == changed
    assert again.version == plan.version  # none of it is what a quarter's return is issued from
    sheet = openpyxl.load_workbook(written)["Committee"]
    rows = {r[0]: r[1] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Recommendation to the committee"] == ("That the Committee recommends the Strategy & Action Plan "
                                                       "to Council for adoption.")
    assert rows["Recommendation to Council"] == "That Council adopts it."
    assert rows["Wellbeing"] == "None." and rows["Conclusions"] == PARAGRAPHS["Conclusions"]


def test_the_blank_plan_writes_out_every_default_for_the_coordinator_to_edit(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_blank_plan(tmp_path / "plan.xlsx"))
    rows = {r[0]: r[1] for r in wb["Committee"].iter_rows(min_row=2, values_only=True)}
    assert {k: rows[k] for k in (*NOTING, *PARAGRAPHS)} == {**NOTING, **PARAGRAPHS}
    assert rows["Status"] == "For approval" and rows["Key decision"] == "No"
    assert [r[:2] for r in wb["Scoring criteria"].iter_rows(min_row=2, values_only=True)] == [
        ("Harm", 3), ("Volume", 2), ("Trend", 2), ("Public concern", 2),
        ("Partnership capacity to make a difference", 1)]
    assert [c.value for c in wb["Indicators"][1]] == ["Indicator ID", "Indicator", "Supplied by", "Unit",
                                                     "Priority IDs", "Better when"]
