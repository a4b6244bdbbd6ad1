"""The master's Crime context sheet: police.uk's counts around the quarter, each crime type beside its priority."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from freezegun import freeze_time

from cspxl import consolidate, parse_period
from cspxl.crime import import_crime
from cspxl.crime.context import months_back
from tests.conftest import sheet_rows
from tests.crime.test_import import KENT, street_file

Q1 = parse_period("2023-24-Q1")


def month_rows(month: str) -> list[tuple[str, str, str, str, str]]:
    """A month in Sevenoaks: a burglary a month (two from 2023), four ASB incidents, and in June 2023 a drugs offence
    the plan maps to no priority (it maps Other crime to none)."""
    burglaries = 2 if month >= "2023" else 1
    rows = [(month, KENT, "E01024400", "Sevenoaks 001A", "Burglary")] * burglaries
    rows += [(month, KENT, "E01024401", "Sevenoaks 012C", "Anti-social behaviour")] * 4
    if month == "2023-06":
        rows.append((month, KENT, "E01024401", "Sevenoaks 012C", "Other crime"))
    return rows


@pytest.fixture
def imported(workspace, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Every month from July 2021 to June 2023 but February 2022."""
    folder = tmp_path / "police.uk"
    folder.mkdir()
    for month in months_back(date(2023, 6, 1), 24):
        if month != "2022-02":
            (folder / f"{month}-kent-street.csv").write_bytes(street_file(month_rows(month)))
    done = import_crime(workspace, [folder], imported_at=datetime(2023, 7, 20))
    assert done.missing == ("2022-02",)
    return workspace


def test_the_crime_context_sheet_counts_each_window_and_leaves_one_with_a_missing_month_blank(imported) -> None:
    with freeze_time("2023-07-28"):
        master = consolidate(imported, Q1)
    rows = sheet_rows(master, "Crime context")
    by_type = {r["Crime type"]: r for r in rows if r["Priority"] is not None or r["This quarter"] is not None}
    columns = ("Priority", "This quarter", "Same quarter last year", "Change", "Last 12 months", "12 months before",
               "12-month change")
    assert {k: tuple(v[c] for c in columns) for k, v in by_type.items() if v["This quarter"] is not None} == {
        "Burglary": ("Serious & Acquisitive Crime (incl. crime trends)", 6, 3, 1.0, 18, None, None),  # 6 x 1 + 6 x 2
        "Anti-social behaviour": ("Anti-Social Behaviour (incl. environmental crime)", 12, 12, 0.0, 48, None, None),
        "Other crime": (None, 1, 0, None, 1, None, None),  # no priority; nothing last year to compare with
        **{kind: (by_type[kind]["Priority"], 0, 0, None, 0, None, None) for kind in by_type
           if kind not in ("Burglary", "Anti-social behaviour", "Other crime")},
    }
    notes = [r["Crime type"] for r in rows if r["Priority"] is None and r["This quarter"] is None]
    assert notes == [
        "Crime recorded by the police in Sevenoaks, from police.uk open data, to June 2023: indicative, with "
        "approximate locations, and each month published some weeks after it ends.",
        "Months not imported, so not counted (their windows are left blank): February 2022."]
    # Every crime type the plan maps comes first, in its order, with its priority.
    assert [r["Crime type"] for r in rows[:3]] == ["Burglary", "Robbery", "Vehicle crime"]


def test_a_plan_naming_no_area_has_no_crime_context_sheet(tmp_path) -> None:
    import openpyxl

    from cspxl import example_plan_path, init_workspace, load_plan, write_plan_workbook

    ws = init_workspace(tmp_path / "blank")

    plan = load_plan(example_plan_path())
    write_plan_workbook(ws.plan_path, plan.model_copy(update={
        "settings": plan.settings.model_copy(update={"crime_area": ""}), "crime_types": ()}))
    with freeze_time("2023-07-28"):
        master = consolidate(ws, Q1)
    assert "Crime context" not in openpyxl.load_workbook(master).sheetnames


@pytest.mark.parametrize(("last", "n", "months"), [
    (date(2023, 6, 30), 3, ["2023-04", "2023-05", "2023-06"]),
    (date(2024, 2, 1), 3, ["2023-12", "2024-01", "2024-02"]),
    (date(2023, 6, 1), 1, ["2023-06"]),
])
def test_months_back_end_with_the_days_month(last: date, n: int, months: list[str]) -> None:
    assert months_back(last, n) == months


def test_the_meeting_paper_shows_each_prioritys_crime_beside_its_actions(imported, tmp_path) -> None:
    import docx

    from cspxl import write_quarter_report

    paper = docx.Document(str(write_quarter_report(imported, Q1, date(2023, 7, 28), out=tmp_path / "q1.docx")))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in paper.tables]
    crime = [t for t in tables if t[0][0] == "Crime type"]
    assert crime[0][:2] == [["Crime type", "This quarter", "Same quarter last year", "Change", "Last 12 months",
                             "12 months before"], ["Burglary", "6", "3", "+100%", "18", "not available"]]
    assert ["Anti-social behaviour", "12", "12", "+0%", "48", "not available"] in crime[1]
    assert "Crime recorded by the police in Sevenoaks (police.uk open data, indicative, to June 2023):" in [
        p.text for p in paper.paragraphs]


def test_with_nothing_imported_the_crime_context_says_so_once_and_how_to_import(workspace) -> None:
    master = consolidate(workspace, Q1, date(2023, 7, 28))
    rows = sheet_rows(master, "Crime context")
    notes = [r["Crime type"] for r in rows if r["Priority"] is None and r["This quarter"] is None]
    assert notes == [
        "No crime figures from police.uk have been imported for Sevenoaks yet, so none is shown. Download the area's "
        "street-level crime files from data.police.uk and run 'cspxl crime import' on the zip file (see 'Crime figures "
        "from police.uk' in cspxl's guide)."]
