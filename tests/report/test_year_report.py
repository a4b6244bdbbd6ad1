"""The year-end report, read back as the committee reads it: from ``cspxl demo``, which ends by writing it.

The demo runs 2023-24 on the example plan (a plan change after Q2: A46 added, A07 given to the
Forward Trust), rolls it over into 2024-25, and writes the last quarter's paper and the year-end
report as of 22 April 2024.  The report's tables are checked against the year's workbook, cell by cell.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from docx.shared import Pt

from cspxl.cli import main
from cspxl.plan import load_plan


@pytest.fixture(scope="module")
def report(demo: tuple[Path, str]) -> docx.document.Document:
    return docx.Document(str(demo[0] / "reports" / "Sevenoaks-CSP_2023-24_year-report.docx"))


def rows_of(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[c.text for c in row.cells] for row in table.rows]


def sheet(path: Path, name: str) -> list[tuple[object, ...]]:
    return list(openpyxl.load_workbook(path)[name].iter_rows(values_only=True))


def test_the_demo_ends_by_writing_the_last_quarters_paper_and_the_year_end_report(demo) -> None:
    root, said = demo
    lines = [" ".join(line.split()) for line in said.splitlines()]
    assert f"the last quarter's meeting paper: {root / 'reports' / 'Sevenoaks-CSP_2023-24-Q4_report.docx'}" in lines
    assert f"the year-end report: {root / 'reports' / 'Sevenoaks-CSP_2023-24_year-report.docx'}" in lines
    paper = docx.Document(str(root / "reports" / "Sevenoaks-CSP_2023-24-Q4_report.docx"))
    assert [p.text for p in paper.paragraphs][1:3] == [
        "Quarterly monitoring of the action plan: Q4 2023-24 (January to March 2024)",
        "Position as of 22 April 2024. Paper dated 22 April 2024."]


def test_the_year_end_report_says_the_year_in_plain_english(report) -> None:
    lines = [p.text for p in report.paragraphs if p.text]
    assert lines[:4] == [
        "Sevenoaks District Community Safety Partnership",
        "Year-end review of the Community Safety Strategy & Action Plan 2023-24",
        "Position as of 22 April 2024. Paper dated 22 April 2024.",
        "This paper holds the actions' statuses and the partners' returns, not partners' updates, so it holds no "
        "personal data and may be circulated.",
    ]
    assert lines[5] == ("Of 46 actions in the plan at the end of 2023-24, 24 are completed and 20 on track: 96% "
                        "completed or on schedule. The rest: 2 off track. Of 48 returns due over the year, 43 came "
                        "in on time and 3 late; 2 never came.")
    assert rows_of(report.tables[0]) == [
        ["Actions at the year's end", "", "Returns over the year", ""],
        ["Completed", "24", "Returns expected", "48"], ["On track", "20", "On time", "43"],
        ["Not started", "0", "Late", "3"], ["At risk", "0", "Not received", "2"], ["Off track", "2", "", ""],
        ["No update", "0", "", ""], ["All actions in the plan", "46", "", ""],
    ]
    assert len(report.inline_shapes) == 1  # the chart


def test_the_share_completed_or_on_schedule_is_the_year_workbooks(report, demo) -> None:
    rows = rows_of(report.tables[1])
    assert rows[0] == ["Priority", "Actions", "Completed", "On track", "Not started", "At risk", "Off track",
                       "No update", "Completed or on track"]
    assert rows[-1] == ["All priorities", "46", "24", "20", "0", "0", "2", "0", "96%"]
    book = {r[0]: r for r in sheet(demo[0] / "master" / "Sevenoaks-CSP_2023-24_year.xlsx", "Priorities")}
    for name, actions, completed, on_track, not_started, at_risk, off_track, none, share in rows[1:-1]:
        b = book[name]
        assert (int(actions), int(completed), int(on_track), int(at_risk), int(off_track), int(not_started),
                int(none)) == b[1:8]
        assert share == f"{round(100 * b[9])}%"
    assert rows[5][0].startswith("Safeguarding") and rows[5][-1] == "75%"


def test_each_priority_gives_every_actions_status_each_quarter_as_the_year_workbook(report, demo) -> None:
    book = {r[0]: r for r in sheet(demo[0] / "master" / "Sevenoaks-CSP_2023-24_year.xlsx", "Actions")[1:]}
    seen = {}
    for table in report.tables[2:9]:
        rows = rows_of(table)
        assert rows[0] == ["Action", "Lead partner", "Q1", "Q2", "Q3", "Q4", "Year end"]
        seen |= {r[0].split(":")[0]: r[1:] for r in rows[1:]}
    assert seen == {a: [b[3], *(s or "No update" for s in b[4:9])] for a, b in book.items()}
    assert seen["A46"] == ["Sevenoaks District Council", "Not in the plan", "Not in the plan", "Completed",
                           "Completed", "Completed"]  # added after Q2


def test_each_measures_figure_and_rag_each_quarter_are_the_year_workbooks(report, demo) -> None:
    rows = rows_of(report.tables[9])
    assert rows[0] == ["Measure", "Priority", "Target", "Q1", "Q2", "Q3", "Q4", "Year to date"]
    book = sheet(demo[0] / "master" / "Sevenoaks-CSP_2023-24_year.xlsx", "Measures")
    assert book[0] == ("Measure ID", "Priority", "Measure", "Owner", "Better when", "Target", "Target period", "Q1",
                       "Q2", "Q3", "Q4", "Year to date", "Q1 RAG", "Q2 RAG", "Q3 RAG", "Q4 RAG", "Judged by")

    def shown(value: float | str | None, rag: str, unit: str, to_date: float | None) -> str:
        if isinstance(value, str):  # the figure was sent back for correction: said so, never a number
            return value
        if value is None:
            return "No figure"
        if to_date is not None:  # a year's count: its RAG judged the year to date, said beside the quarter's
            return f"{value:g} ({to_date:g} to date, {rag})"
        return f"{value:g}{'%' if unit == 'Percent' else ''} ({rag})"

    summed = {m.id: m.summed for m in load_plan(demo[0] / "plans" / "plan 2023-24.xlsx").measures}
    units = {m.id: m.unit for m in load_plan(demo[0] / "plans" / "plan 2023-24.xlsx").measures}

    def to_date(b: tuple[object, ...], q: int) -> float | None:
        return sum(v for v in b[7:8 + q] if isinstance(v, float | int)) if summed[str(b[0])] else None

    assert [(r[0].split(":")[0], r[1], *r[3:7]) for r in rows[1:]] == [
        (b[0], b[1], *(shown(v, rag, units[b[0]], to_date(b, q)) for q, (v, rag) in enumerate(zip(
            b[7:11], b[12:16], strict=True)))) for b in book[1:]]
    # Kent Fire & Rescue typed "tbc" for M05 in Q2: no figure, so Grey, never counted as none.
    assert dict((r[0].split(":")[0], r[4]) for r in rows[1:])["M05"] == "Sent back for correction"
    assert {b[0]: b[13] for b in book[1:]}["M05"] == "Grey"
    # The naloxone kits' year's target: the four quarters added up, judged against the whole of it.
    m12 = next(b for b in book[1:] if b[0] == "M12")
    assert (m12[6], m12[11]) == ("Year", sum(m12[7:11]))
    assert m12[16].startswith(f"The year's total, {m12[11]:g}, against 220 or higher (the year's target)")
    assert dict((r[0].split(":")[0], r[7]) for r in rows[1:])["M12"] == f"{m12[11]:g}"


def test_returns_and_the_actions_carried_into_next_year(report, demo) -> None:
    root = demo[0]
    # The recommendations of reviews over the year, counted, come before the returns: the demo's six all made in
    # the year, four implemented (DHR1-1, DHR1-3, DHR1-2, PCC-1), three signed off, three still open.
    assert rows_of(report.tables[10]) == [
        ["Recommendations from reviews", "Number"], ["Made in the year", "6"], ["Implemented in the year", "4"],
        ["Signed off in the year", "3"], ["Still open at the year's end", "3"],
        ["Median days from made to implemented", rows_of(report.tables[10])[5][1]]]
    returns = rows_of(report.tables[11])
    assert returns[0] == ["Partner", "Q1", "Q2", "Q3", "Q4", "On time"]
    book = {r[1]: r for r in sheet(root / "master" / "Sevenoaks-CSP_2023-24_year.xlsx", "Returns")[1:]}
    assert {r[0]: r[1:] for r in returns[1:]} == {
        name: [*b[2:6], f"{b[6]} of {sum(q not in ('Not expected', 'Not yet due') for q in b[2:6])}"]
        for name, b in book.items()}
    assert {r[0]: r[5] for r in returns[1:]}["Kent County Council"] == "0 of 4"

    carried = rows_of(report.tables[12])
    assert carried[0] == ["Action", "Lead partner", "Status at the end of 2023-24"]
    next_year = load_plan(root / "plan.xlsx")
    assert [r[0].split(":")[0] for r in carried[1:]] == [a.id for a in next_year.actions if a.carried_from]
    assert len(carried) - 1 == 22 and "22 actions of 2023-24, not completed, are carried into the plan for 2024-25." in [
        p.text for p in report.paragraphs]


def test_the_year_end_report_is_a4_with_nothing_under_10_point(report) -> None:
    assert [(round(s.page_width.mm), round(s.page_height.mm)) for s in report.sections] == [(210, 297), (297, 210)]
    runs = [r for p in report.paragraphs for r in p.runs]
    runs += [r for t in report.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert all(r.font.size is None or r.font.size >= Pt(10) for r in runs)


def test_report_year_refuses_full_in_one_sentence(demo) -> None:
    result = CliRunner().invoke(main, ["-w", str(demo[0]), "report", "2023-24", "--full"])
    assert result.exit_code == 2
    assert " ".join(result.stderr.split()).endswith(
        "the year-end report holds statuses, not partners' updates, so there is nothing to keep in full; leave out "
        "--full.")


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdfinfo")),
                    reason="LibreOffice (soffice, with Writer) and poppler's pdfinfo are not installed")
def test_the_year_end_report_prints_to_pdf(demo, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["-w", str(demo[0]), "report", "2023-24", "--as-of", "22/04/2024", "--pdf",
                                       "--out", str(tmp_path / "year.docx")])
    assert result.exit_code == 0, result.output
    info = subprocess.run(["pdfinfo", str(tmp_path / "year.pdf")], capture_output=True, text=True, check=True).stdout
    pages = next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))
    assert pages == "10" and "(A4)" in info


def test_a_first_quarter_is_compared_with_last_year_only_given_last_years_plan(demo) -> None:
    """2024-25's Q1 (the demo's rollover carried 22 actions into it) against 2023-24's Q4: the view the master
    shows compares them by last year's plan; :func:`monitor` without that plan compares with nothing."""
    from datetime import date

    from cspxl import Workspace, monitor, parse_period, period_view

    ws = Workspace(demo[0])
    q1 = parse_period("2024-25-Q1")
    with ws.register(readonly=True) as register:
        alone = monitor(ws.plan, register, q1, date(2024, 7, 28))
    assert {a.previous_status for a in alone.actions} == {""}
    shown = period_view(ws, q1, date(2024, 7, 28))
    assert sum(bool(a.previous_status) for a in shown.actions) == 22
