"""The plan's optional Measures sheet: read with every problem at its cell, written with its dropdowns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cspxl import example_plan_path, read_plan, write_blank_plan, write_plan_workbook
from cspxl.plan import Measure

HEADER = ["Measure ID", "Priority ID", "Measure", "Owner", "Unit", "Better when", "Baseline", "Baseline period",
          "Target", "Tolerance %"]
GOOD = ["M01", "P1", "Residential burglaries recorded in the quarter", "kent-police", "Number", "Lower", 53,
        "2022-23", 48, None]


def with_measures(tmp_path: Path, rows: list[list[Any]]) -> Path:
    """The example plan with its Measures sheet replaced by ``rows`` under the header."""
    wb = openpyxl.load_workbook(example_plan_path())
    del wb["Measures"]
    ws = wb.create_sheet("Measures")
    for row in [HEADER, *rows]:
        ws.append(row)
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize(("changed", "where", "code", "message"), [
    ({"Owner": "kent-polce"}, "D2", "partner-unknown", "Owner 'kent-polce' is not in Partners"),
    ({"Priority ID": "P9"}, "B2", "priority-unknown", "Priority 'P9' is not in Priorities"),
    ({"Better when": "Monitor"}, "I2", "target-with-monitor",
     "Measure M01 is only monitored (Better when Monitor) but has a target"),
    ({"Target": None}, "I2", "value-missing", "The Target of M01 (Better when Lower) is empty"),
    ({"Baseline": "about 50"}, "G2", "number-invalid", "Baseline 'about 50' is not a number"),
    ({"Target": -4}, "I2", "number-negative", "Target -4 is below zero"),
    ({"Unit": "Percent", "Target": 120}, "I2", "percent-outside", "Target 120 is a percentage outside 0-100"),
    ({"Unit": "Percentage"}, "E2", "choice-invalid", "Unit 'Percentage' is not one of Number, Percent, Rate"),
    ({"Better when": "Down"}, "F2", "choice-invalid", "Better when 'Down' is not one of Lower, Higher, Monitor"),
    ({"Baseline period": "last year"}, "H2", "period-invalid", "'last year' is not a quarter or a financial year"),
    ({"Measure": None}, "C2", "value-missing", "Measure is empty"),
    ({"Tolerance %": "five"}, "J2", "number-invalid", "Tolerance % 'five' is not a number"),
])
def test_each_problem_in_a_measure_is_reported_at_its_cell(tmp_path: Path, changed: dict[str, Any], where: str,
                                                           code: str, message: str) -> None:
    row = [changed.get(h, v) for h, v in zip(HEADER, GOOD, strict=True)]
    plan, report = read_plan(with_measures(tmp_path, [row]))
    assert plan is None
    assert [(p.where, p.code, p.message) for p in report.errors] == [(f"Measures!{where}", code, message)]


def test_measures_are_read_as_people_type_them(tmp_path: Path) -> None:
    rows = [
        GOOD,
        ["m02", "p3", "Domestic abuse incidents reported to police", "KENT-POLICE", "number", "monitor", "1,186",
         "2022-23-Q4", None, None],
        ["M03", "P6", "Licensed premises with trained staff", "sdc", "Percent", "Higher", "35", "2022/23", "60", 10],
    ]
    plan, report = read_plan(with_measures(tmp_path, rows))
    assert plan is not None, report.flatten()
    assert [m.model_dump() for m in plan.measures] == [
        {"id": "M01", "priority_id": "P1", "text": "Residential burglaries recorded in the quarter",
         "owner": "kent-police", "unit": "Number", "better": "Lower", "baseline": 53.0, "baseline_period": "2022-23",
         "target": 48.0, "tolerance": 5.0, "target_period": "Quarter"},
        {"id": "m02", "priority_id": "P3", "text": "Domestic abuse incidents reported to police",
         "owner": "kent-police", "unit": "Number", "better": "Monitor", "baseline": 1186.0,
         "baseline_period": "2022-23-Q4", "target": None, "tolerance": 5.0, "target_period": "Quarter"},
        {"id": "M03", "priority_id": "P6", "text": "Licensed premises with trained staff", "owner": "sdc",
         "unit": "Percent", "better": "Higher", "baseline": 35.0, "baseline_period": "2022/23", "target": 60.0,
         "tolerance": 10.0, "target_period": "Quarter"},
    ]
    assert [m.id for m in plan.measures_for("kent-police")] == ["M01", "m02"]


def test_a_plan_without_the_optional_sheets_is_a_plan_without_measures_or_crime_figures(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(example_plan_path())
    for name in ("Measures", "Crime types", "Crime areas", "Recommendations"):
        del wb[name]
    settings = wb["Settings"]
    (row,) = [r for r in settings.iter_rows() if r[0].value == "Crime area"]
    settings.delete_rows(row[0].row)
    wb.save(tmp_path / "plan.xlsx")
    plan, report = read_plan(tmp_path / "plan.xlsx")
    assert plan is not None and report.ok
    assert (plan.measures, plan.crime_types, plan.crime_areas, plan.settings.crime_area) == ((), (), (), "")
    # Its version is the one the plan had before measures and crime figures existed: returns issued then
    # still match it.
    assert plan.version == "9056d356b244"


def test_measures_are_written_and_read_back_unchanged(tmp_path: Path) -> None:
    plan, _ = read_plan(example_plan_path())
    assert plan is not None and len(plan.measures) == 12
    again, report = read_plan(write_plan_workbook(tmp_path / "again.xlsx", plan))
    assert again == plan and report.ok
    m06 = next(m for m in plan.measures if m.id == "M06")
    assert (m06.better, m06.target, m06.owner) == ("Monitor", None, "kent-police")


def test_the_blank_plan_has_a_measures_sheet_with_its_dropdowns(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_blank_plan(tmp_path / "plan.xlsx"))
    ws = wb["Measures"]
    assert [c.value for c in ws[1]] == [*HEADER, "Target period"]
    rules = {str(dv.sqref): (dv.type, dv.formula1) for dv in ws.data_validations.dataValidation}
    assert rules == {
        "B2:B1001": ("list", "PriorityIDs"), "D2:D1001": ("list", "PartnerIDs"),
        "E2:E1001": ("list", '"Number,Percent,Rate"'), "F2:F1001": ("list", '"Lower,Higher,Monitor"'),
        "G2:G1001": ("decimal", "0"), "H2:H1001": (None, None), "I2:I1001": ("decimal", "0"),
        "J2:J1001": ("decimal", "0"), "K2:K1001": ("list", '"Quarter,Year"'),
    }
    assert Measure.model_fields["tolerance"].default == 5.0


@pytest.mark.parametrize(("typed", "period", "problems"), [
    ("Year", "Year", []),
    (" year ", "Year", []),
    ("QUARTER", "Quarter", [("Measures!K2", "baseline-year-target-quarter")]),  # a year's baseline, judged quarterly
    (None, "Quarter", [("Measures!K2", "baseline-year-target-quarter")]),  # empty: the quarter, as before the column
    ("annual", None, [("Measures!K2", "choice-invalid")]),
])
def test_a_measures_target_period_is_the_quarter_unless_the_plan_says_the_year(
        tmp_path: Path, typed: str | None, period: str | None, problems: list[tuple[str, str]]) -> None:
    wb = openpyxl.load_workbook(with_measures(tmp_path, [GOOD]))  # GOOD: a baseline of the year 2022-23
    wb["Measures"]["K1"], wb["Measures"]["K2"] = "Target period", typed
    wb.save(tmp_path / "plan.xlsx")
    plan, report = read_plan(tmp_path / "plan.xlsx")
    assert ([m.target_period for m in plan.measures] if plan else None) == ([period] if period else None)
    assert [(p.where, p.code) for p in report if p.sheet == "Measures"] == problems


def test_check_warns_of_a_years_baseline_beside_a_quarters_target_where_the_column_is_absent(tmp_path: Path) -> None:
    quarter = [*GOOD[:7], "2022-23-Q4", *GOOD[8:]]
    monitored = ["M02", "P1", "Shoplifting", "kent-police", "Number", "Monitor", 97, "2022-23", None, None]
    plan, report = read_plan(with_measures(tmp_path, [GOOD, [*["M03"], *quarter[1:]], monitored]))
    assert plan is not None and [m.target_period for m in plan.measures] == ["Quarter"] * 3
    assert [(p.where, p.code, p.message) for p in report if p.sheet == "Measures"] == [
        ("Measures!H2", "baseline-year-target-quarter", "Measure M01's baseline is for the year 2022-23, but its target "
         "is judged each quarter (Target period Quarter)")]
