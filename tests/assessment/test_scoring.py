"""The workshop's scoring: the ranking it gives, and the Scoring sheet read back with each problem at its cell."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from cspxl import example_plan_path, init_workspace
from cspxl.assessment import Candidate, Scoring, ranking
from cspxl.assessment.workshop import record_scores
from cspxl.plan import Criterion
from cspxl.report.assessment import write_assessment

CRITERIA = (Criterion(name="Harm", weight=3), Criterion(name="Volume", weight=2), Criterion(name="Trend", weight=1))

#: Candidate, its scores on Harm (weight 3), Volume (2) and Trend (1), and the rank and weighted score they give.
SCORES = [
    ("Domestic abuse",        5, 3, 2,  1, 23),
    ("Anti-social behaviour", 2, 5, 4,  3, 20),
    ("Shoplifting",           3, 4, 3,  3, 20),  # equal with ASB: the same rank, listed after it
    ("County lines",          4, 3, 3,  2, 21),
    ("Fly-tipping",           1, 2, 1,  5, 8),   # after two at rank 3, rank 5
]


def test_candidates_rank_by_weighted_score_and_equal_scores_share_a_rank() -> None:
    scoring = Scoring(year="2023-24", criteria=CRITERIA, candidates=tuple(
        Candidate(id=f"C{n}", name=name, scores={"Harm": h, "Volume": v, "Trend": t})
        for n, (name, h, v, t, _, _) in enumerate(SCORES, start=1)))
    ranked = ranking(scoring)
    assert [(r.candidate.name, r.rank, r.total) for r in ranked] == [
        ("Domestic abuse", 1, 23), ("County lines", 2, 21), ("Anti-social behaviour", 3, 20),
        ("Shoplifting", 3, 20), ("Fly-tipping", 5, 8)]
    assert {name: (rank, total) for name, *_, rank, total in SCORES} == {
        r.candidate.name: (r.rank, r.total) for r in ranked}


@pytest.fixture()
def workbook_and_workspace(tmp_path: Path):  # type: ignore[no-untyped-def]
    ws = init_workspace(tmp_path / "ws", example_plan_path())
    _, book = write_assessment(ws, 2023, date(2024, 1, 31), today=date(2024, 1, 31))
    return ws, book


def scored(book: Path, out: Path, scores: dict[str, object], year: object = None) -> Path:
    """The assessment workbook with ``scores`` typed into the cells named, as the workshop would."""
    wb = openpyxl.load_workbook(book)
    sheet = wb["Scoring"]
    for row in range(6, 13):  # the seven priorities, scored 3 on each criterion unless said otherwise
        for col in range(3, 8):
            sheet.cell(row, col).value = 3
    for cell, value in scores.items():
        sheet[cell].value = value
    if year is not None:
        sheet["B2"].value = year
    wb.save(out)
    return out


def test_the_scoring_sheet_lists_the_priorities_and_criteria_with_their_weights(workbook_and_workspace) -> None:
    ws, book = workbook_and_workspace
    sheet = openpyxl.load_workbook(book)["Scoring"]
    assert sheet["B2"].value == "2023-24"
    assert [c.value for c in sheet[4]] == ["Priority ID", "Candidate priority", "Harm", "Volume", "Trend",
                                          "Public concern", "Partnership capacity to make a difference",
                                          "Weighted score"]
    assert [c.value for c in sheet[5]][2:7] == [3, 2, 2, 2, 1]
    assert [(sheet.cell(r, 1).value, sheet.cell(r, 2).value) for r in range(6, 13)] == [
        (p.id, p.name) for p in ws.plan.priorities]
    assert sheet["H6"].value == '=IF(COUNT(C6:G6)<5,"",C6*C$5+D6*D$5+E6*E$5+F6*F$5+G6*G$5)'  # once all are in
    assert sheet.protection.sheet and not sheet["C6"].protection.locked and sheet["B6"].protection.locked


def test_every_scoring_problem_is_at_its_cell_and_nothing_is_recorded(workbook_and_workspace, tmp_path: Path) -> None:
    ws, book = workbook_and_workspace
    path = scored(book, tmp_path / "workshop.xlsx", {"C6": None, "D7": 6, "E8": "high", "F9": 2.5,
                                                     "A13": "P8", "C13": 4, "A14": "P1", "B14": "Again"})
    scoring, report = record_scores(ws, 2023, path)
    assert scoring is None
    assert report.flatten("where", "code") == [
        ("Scoring!C6", "score-missing"), ("Scoring!D7", "score-invalid"), ("Scoring!E8", "score-invalid"),
        ("Scoring!F9", "score-invalid"), ("Scoring!B13", "value-missing"), ("Scoring!D13", "score-missing"),
        ("Scoring!E13", "score-missing"), ("Scoring!F13", "score-missing"), ("Scoring!G13", "score-missing"),
        ("Scoring!A14", "id-duplicate"), ("Scoring!C14", "score-missing"), ("Scoring!D14", "score-missing"),
        ("Scoring!E14", "score-missing"), ("Scoring!F14", "score-missing"), ("Scoring!G14", "score-missing")]
    assert str(report.problems[0]) == ("workshop.xlsx · Scoring!C6: Serious & Acquisitive Crime (incl. crime trends) "
                                       "has no score for Harm. Score it from 1 (low) to 5 (high).")
    from cspxl.assessment import strategic_assessment

    assert strategic_assessment(ws, 2023, date(2024, 1, 31)).scoring is None


def test_a_scoring_sheet_of_another_year_is_refused(workbook_and_workspace, tmp_path: Path) -> None:
    ws, book = workbook_and_workspace
    scoring, report = record_scores(ws, 2023, scored(book, tmp_path / "old.xlsx", {}, year="2022-23"))
    assert scoring is None and report.flatten("where", "code") == [("Scoring!B2", "scoring-other-year")]


def test_the_scores_read_back_rank_the_priorities_with_a_new_candidate(workbook_and_workspace, tmp_path: Path) -> None:
    ws, book = workbook_and_workspace
    path = scored(book, tmp_path / "workshop.xlsx", {
        "C8": 5, "D8": 5,                      # P3 Domestic Abuse: 3*5 + 2*5 + 2*3 + 2*3 + 3 = 40
        "C12": 5,                              # P7 Drugs: 15 + 6 + 6 + 6 + 3 = 36
        "A13": "P8", "B13": "Retail crime", "C13": 2, "D13": 2, "E13": 2, "F13": 2, "G13": 2,  # 6+4+4+4+2 = 20
    })
    scoring, report = record_scores(ws, 2023, path)
    assert scoring is not None and report.ok
    ranked = ranking(scoring)
    assert [(r.rank, r.candidate.id, r.total) for r in ranked] == [
        (1, "P3", 40), (2, "P7", 36), (3, "P1", 30), (3, "P2", 30), (3, "P4", 30), (3, "P5", 30), (3, "P6", 30),
        (8, "P8", 20)]
    assert ranked[-1].candidate.name == "Retail crime"
