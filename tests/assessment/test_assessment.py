"""The Strategic Assessment's tables against what the register holds: police.uk's counts imported, the year's
returns, the workshop's scores; and the rollover that writes the next plan's priorities in the ranked order."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from cspxl import load_plan
from cspxl.assessment import strategic_assessment
from cspxl.assessment.workshop import record_scores
from cspxl.cli import main
from cspxl.crime import import_crime
from cspxl.crime.context import months_back
from cspxl.report.assessment import month_ranges, write_assessment
from cspxl.year.end import rollover
from tests.assessment.test_scoring import scored
from tests.crime.test_import import KENT, street_file


def month_rows(month: str) -> list[tuple[str, str, str, str, str]]:
    """Burglaries: 3 a month to March 2022, 2 a month to March 2023, then 1 a month (falling); ASB 4 a month
    throughout (steady); vehicle crime 1 a month, 3 a month from April 2023 (rising)."""
    burglaries = 3 if month < "2022-04" else 2 if month < "2023-04" else 1
    vehicle = 3 if month >= "2023-04" else 1
    return ([(month, KENT, "E01024400", "Sevenoaks 001A", "Burglary")] * burglaries
            + [(month, KENT, "E01024401", "Sevenoaks 012C", "Anti-social behaviour")] * 4
            + [(month, KENT, "E01024400", "Sevenoaks 001A", "Vehicle crime")] * vehicle)


@pytest.fixture
def imported(workspace, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Every month from January 2021 to December 2023 but June 2021."""
    folder = tmp_path / "police.uk"
    folder.mkdir()
    for month in months_back(date(2023, 12, 1), 36):
        if month != "2021-06":
            (folder / f"{month}-kent-street.csv").write_bytes(street_file(month_rows(month)))
    import_crime(workspace, [folder], imported_at=datetime(2024, 1, 20))
    return workspace


def test_the_crime_overview_counts_three_years_to_the_latest_quarter_imported(imported) -> None:
    a = strategic_assessment(imported, 2023, date(2024, 1, 31))
    assert a.crime is not None and str(a.crime.quarter) == "2023-24-Q3"  # October to December 2023
    rows = {r.crime_type: r for r in a.crime.rows}
    # Years to December 2021 (June 2021 missing), 2022 and 2023.
    assert rows["Burglary"].years == (None, 3 * 3 + 2 * 9, 2 * 3 + 1 * 9)
    assert rows["Anti-social behaviour"].years == (None, 48, 48)
    assert rows["Vehicle crime"].years == (None, 12, 3 + 27)
    assert (rows["Burglary"].quarter, rows["Burglary"].same_quarter_last_year) == (3, 6)
    assert (rows["Vehicle crime"].quarter, rows["Vehicle crime"].same_quarter_last_year) == (9, 3)
    assert rows["Burglary"].trend == ""  # the first year has a month missing: no trend is read into the gap
    assert rows["Burglary"].rate == round(15 * 1000 / 120_500, 2)
    assert rows["Burglary"].priority == "Serious & Acquisitive Crime (incl. crime trends)"
    assert a.crime.missing == ("2021-06",)


def test_a_trend_is_read_when_all_three_years_are_in(imported, tmp_path: Path) -> None:
    folder = tmp_path / "june"
    folder.mkdir()
    (folder / "2021-06-kent-street.csv").write_bytes(street_file(month_rows("2021-06")))
    import_crime(imported, [folder], imported_at=datetime(2024, 1, 21))
    rows = {r.crime_type: r for r in strategic_assessment(imported, 2023, date(2024, 1, 31)).crime.rows}
    assert [(k, rows[k].years, rows[k].trend) for k in ("Burglary", "Anti-social behaviour", "Vehicle crime")] == [
        ("Burglary", (36, 27, 15), "Falling"), ("Anti-social behaviour", (48, 48, 48), "Steady"),
        ("Vehicle crime", (12, 12, 30), "Rising")]


def test_without_figures_the_assessment_says_what_is_missing_and_whose(workspace) -> None:
    a = strategic_assessment(workspace, 2023, date(2024, 1, 31))
    assert a.crime is None and a.no_crime == ("No police.uk crime figures for Sevenoaks have been imported, so "
                                              "there is no crime overview.")
    assert [(i.id, i.missing) for i in a.indicators][:2] == [
        ("I1", "no figures received from Kent Fire & Rescue Service"),
        ("I2", "no figures received from NHS Kent and Medway Integrated Care Board")]
    assert a.ranked == () and all(d.actions for d in a.delivery)


@pytest.mark.parametrize(("months", "said"), [
    (["2021-06"], ["June 2021"]),
    (["2021-11", "2021-12", "2022-01", "2022-03"], ["November 2021 to January 2022", "March 2022"]),
])
def test_missing_months_are_said_as_ranges(months: list[str], said: list[str]) -> None:
    assert month_ranges(months) == said


def test_the_papers_tables_are_the_assessments(imported, tmp_path: Path) -> None:
    paper, book = write_assessment(imported, 2023, date(2024, 1, 31), today=date(2024, 2, 1))
    a = strategic_assessment(imported, 2023, date(2024, 1, 31))
    document = docx.Document(str(paper))
    crime = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert crime[0] == ["Crime type", "Priority", "Year to Dec 2021", "Year to Dec 2022", "Year to Dec 2023", "Trend",
                        "This quarter", "Same quarter last year", "Rate per 1,000"]
    assert crime[1] == ["Burglary", "Serious & Acquisitive Crime (incl. crime trends)", "not available", "27", "15",
                        "not known", "3", "6", f"{15 * 1000 / 120_500:.2f}"]
    sheet = list(openpyxl.load_workbook(book)["Delivery"].iter_rows(min_row=2, values_only=True))
    assert sheet == [(d.priority, d.actions, d.completed, d.on_schedule, d.measures, d.met) for d in a.delivery]
    lines = [p.text for p in document.paragraphs if p.text]
    assert any(line.startswith("Missing from this assessment: Deliberate primary and secondary fires (no figures "
                               "received from Kent Fire & Rescue Service)") and "police.uk's crime figures for June 2021"
               in line for line in lines)


def test_the_rollover_writes_the_priorities_in_the_ranked_order_and_names_the_assessment(workspace, tmp_path) -> None:
    _, book = write_assessment(workspace, 2023, date(2024, 1, 31), today=date(2024, 1, 31))
    path = scored(book, tmp_path / "workshop.xlsx", {"C8": 5, "D8": 5, "C12": 5, "A13": "P8", "B13": "Retail crime",
                                                     "C13": 1, "D13": 1, "E13": 1, "F13": 1, "G13": 1})
    scoring, report = record_scores(workspace, 2023, path, datetime(2024, 2, 1))
    assert scoring is not None, report
    done = rollover(workspace, 2024)
    plan = load_plan(workspace.plan_path)
    assert [p.id for p in plan.priorities] == ["P3", "P7", "P1", "P2", "P4", "P5", "P6", "P8"]
    assert done.priorities == ("P3", "P7", "P1", "P2", "P4", "P5", "P6", "P8") and done.added == ("P8",)
    assert plan.priority("P8").name == "Retail crime"
    assert plan.settings.strategic_assessment == "Strategic Assessment 2023-24"
    # The committee's details carry over, but not the finished year's meetings.
    assert plan.committee.committee == "People & Places Advisory Committee" and plan.committee.meeting_dates == ()
    assert [(m.body, m.day) for m in plan.committee.also_considered_by] == [("Cabinet", None), ("Council", None)]
    adoption = tmp_path / "adopt.docx"
    result = CliRunner().invoke(main, ["--workspace", str(workspace.root), "report", "plan", "--out", str(adoption)])
    assert result.exit_code == 0, result.output
    # The carried actions keep last year's dates until the coordinator gives new ones: the command says so.
    assert "have a target date outside 2024-25 (A" in " ".join(result.output.split())
    lines = [p.text for p in docx.Document(str(adoption)).paragraphs if p.text]
    assert ("2\u2003The plan responds to the community safety priorities identified in the most recent strategic "
            "assessment, the Strategic Assessment 2023-24, which ranked them in this order: (1) Domestic Abuse; "
            "(2) Drug Misuse & County Lines; (3) Serious & Acquisitive Crime (incl. crime trends);") in " ".join(lines)


def test_without_a_scoring_the_rollover_keeps_the_plans_order_and_says_why(workspace) -> None:
    before = [p.id for p in workspace.plan.priorities]
    result = CliRunner().invoke(main, ["--workspace", str(workspace.root), "rollover", "2024-25"])
    assert result.exit_code == 0, result.output
    assert [p.id for p in load_plan(workspace.plan_path).priorities] == before
    assert "2023-24's strategic assessment was not scored here" in " ".join(result.output.split())


def test_assess_with_scores_that_have_problems_records_nothing_and_exits_1(workspace, tmp_path) -> None:
    _, book = write_assessment(workspace, 2023, date(2024, 1, 31), today=date(2024, 1, 31))
    path = scored(book, tmp_path / "workshop.xlsx", {"C6": 9})
    result = CliRunner().invoke(main, ["--workspace", str(workspace.root), "assess", "2023-24", "--as-of",
                                       "31/01/2024", "--scores", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    said = " ".join(result.output.split())
    assert "workshop.xlsx · Scoring!C6: '9' is not a score from 1 to 5." in said
    assert "nothing was recorded" in said
    assert strategic_assessment(workspace, 2023, date(2024, 1, 31)).scoring is None


def test_the_ranking_says_how_each_priority_moved_since_last_years(workspace, tmp_path) -> None:
    from cspxl.assessment.workbook import change_text

    _, book = write_assessment(workspace, 2023, date(2024, 1, 31), today=date(2024, 1, 31))
    # Last year's workshop: P1 first, P3 last.
    last = scored(book, tmp_path / "last.xlsx", {"C6": 5, "D6": 5, "C8": 1}, year="2022-23")
    assert record_scores(workspace, 2022, last, datetime(2023, 2, 1))[0] is not None
    # This year's: P3 first, P8 new.
    now = scored(book, tmp_path / "now.xlsx", {"C8": 5, "D8": 5, "A13": "P8", "B13": "Retail crime",
                                               **{f"{c}13": 1 for c in "CDEFG"}})
    assert record_scores(workspace, 2023, now, datetime(2024, 2, 1))[0] is not None
    a = strategic_assessment(workspace, 2023, date(2024, 2, 2))
    before = {r.candidate.id: r.rank for r in a.last_ranked}
    moved = {r.candidate.id: change_text(r.rank, before.get(r.candidate.id), True) for r in a.ranked}
    assert moved == {"P3": "Up 6", "P1": "Down 1", "P2": "Same", "P4": "Same", "P5": "Same", "P6": "Same",
                     "P7": "Same", "P8": "New"}
    paper, _ = write_assessment(workspace, 2023, date(2024, 2, 2), today=date(2024, 2, 2))
    table = [[c.text for c in row.cells] for row in docx.Document(str(paper)).tables[-1].rows]
    assert table[0][-1] == "Since last year" and table[1][:2] == ["1", "Domestic Abuse"] and table[1][-1] == "Up 6"
    assert "1 priority moved" not in " ".join(p.text for p in docx.Document(str(paper)).paragraphs)
