"""The master's Measures sheet and the Dashboard's count of measures by RAG, on literal figures."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from freezegun import freeze_time

from cspxl import Register, consolidate, generate, ingest, parse_period
from cspxl.demo.partners import fill_return
from cspxl.identity import Identity
from cspxl.register import Figure, Submission
from cspxl.workspace import Workspace
from tests.conftest import sheet_rows

Q1 = parse_period("2023-24-Q1")
RAG_RULE = ("RAG: Green when the figure meets its target (at or below it when lower is better, at or above it when "
            "higher is better); Amber when it misses by no more than the tolerance (5% of the target unless the plan "
            "says otherwise); Red beyond; Grey for a measure only monitored, with no figure, or with its figure sent "
            "back for correction. A year's target (Target period Year) judges a count on the year to date, the "
            "quarters' figures added up, against the target pro rata to the quarters elapsed (half of it at Q2), "
            "and a percentage or a rate on its latest figure; Judged by says how each was judged. Trend compares "
            "the figure with the same quarter last year: Steady within the tolerance.")


def record_figures(workspace: Workspace, period: str, figures: dict[str, float], received: datetime,
                   partner: str = "kent-police") -> None:
    """A partner's figures for an earlier quarter, as a return ingested then would have left them."""
    identity = Identity(workspace=workspace.id, partner=partner, period=period, plan_version="2022-23 plan",
                        actions=(), issued=received.date(), measures=tuple(figures))
    content = f"{period} figures from {partner}".encode()
    submission = Submission(sha256=hashlib.sha256(content).hexdigest(), file_name=f"{period}.xlsx", identity=identity,
                            answers=(), problems=(), figures=tuple(Figure(measure_id=m, row=4 + i, value=v)
                                                                   for i, (m, v) in enumerate(figures.items())))
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        reg.record(submission, content, Path(f"{period}.xlsx"), received, received)


@pytest.fixture
def master(workspace: Workspace, tmp_path: Path) -> Path:
    record_figures(workspace, "2022-23-Q1", {"M01": 40, "M02": 97, "M08": 86}, datetime(2022, 7, 12))
    record_figures(workspace, "2022-23-Q4", {"M01": 45, "M08": 80}, datetime(2023, 4, 12))
    with freeze_time("2023-07-03"):
        issued = generate(workspace, Q1, ["kent-police"])["kent-police"]
    filled = fill_return(issued, tmp_path / "kp.xlsx", {}, figures={
        "M01": {"Value": 50}, "M02": {"Value": 100}, "M04": {"Value": 400}, "M08": {"Value": 88}})
    ingest(workspace, [filled], received=datetime(2023, 7, 10))
    with freeze_time("2023-07-20"):
        return consolidate(workspace, Q1)


def test_each_measure_is_judged_against_its_target_and_the_same_quarter_last_year(master: Path) -> None:
    rows = {r["Measure ID"] or r["Priority"]: r for r in sheet_rows(master, "Measures")}
    columns = ("Unit", "Better when", "Baseline", "Target", "Value", "Previous value", "Same period last year",
               "Change", "RAG", "Trend")
    got = {m: tuple(rows[m][c] for c in columns) for m in ("M01", "M02", "M04", "M06", "M08", "M12")}
    assert got == {
        # 50 misses 48 by 2, within 5% of it (2.4): Amber; up 10 on 40, beyond 5% of 40, and lower is better.
        "M01": ("Number", "Lower", 53, 48, 50, 45, 40, 0.25, "Amber", "Worsening"),
        # Only monitored: Grey, and no direction is better.
        "M02": ("Number", "Monitor", 97, None, 100, None, 97, pytest.approx(3 / 97), "Grey", None),
        # 400 misses 338 by 62, beyond 5% (16.9): Red; no figure last year, so no change or trend.
        "M04": ("Number", "Lower", 355, 338, 400, None, None, None, "Red", None),
        "M06": ("Number", "Monitor", 297, None, None, None, None, None, "Grey", None),
        # 88 misses 90 by 2, within 4.5: Amber; up 2 on 86, within 5% of 86 (4.3): Steady.
        "M08": ("Percent", "Higher", 72, 90, 88, 80, 86, pytest.approx(2 / 86), "Amber", "Steady"),
        # Forward Trust sent no return: no figure (its target, 220, is the year's).
        "M12": ("Number", "Higher", 180, 220, None, None, None, None, "Grey", None),
    }
    assert (rows["M01"]["Priority"], rows["M01"]["Owner"]) == ("Serious & Acquisitive Crime (incl. crime trends)",
                                                               "Kent Police")
    # Every measure in plan order, then (after a blank row) how a figure is judged, beside the ID column that
    # prints on every page.
    assert list(rows) == [*(f"M{n:02}" for n in range(1, 13)), RAG_RULE]


def test_the_dashboard_counts_the_measures_by_rag(master: Path) -> None:
    ws = openpyxl.load_workbook(master)["Dashboard"]
    counts = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0] and isinstance(r[1], int)}
    assert {k: v for k, v in counts.items() if k.startswith(("Measures", "Green", "Amber", "Red", "Grey"))} == {
        "Measures in the plan": 12, "Green: target met": 0, "Amber: within the tolerance": 2,
        "Red: target missed": 1, "Grey: monitored only, or no figure": 9}



def test_a_figure_sent_by_the_measures_owner_before_it_changed_still_counts(workspace: Workspace) -> None:
    """M01 is Kent Police's now; last quarter the PCC's office sent it, and last year the county council."""
    record_figures(workspace, "2022-23-Q1", {"M01": 40}, datetime(2022, 7, 12), partner="kcc")
    record_figures(workspace, "2022-23-Q4", {"M01": 45}, datetime(2023, 4, 12), partner="pcc")
    with freeze_time("2023-07-20"):
        master = consolidate(workspace, Q1)
    m01 = next(r for r in sheet_rows(master, "Measures") if r["Measure ID"] == "M01")
    assert (m01["Owner"], m01["Value"], m01["Previous value"], m01["Same period last year"]) == (
        "Kent Police", None, 45, 40)


def test_a_measures_comment_is_shown_with_the_personal_data_in_it_and_redacted_for_circulation(
        workspace: Workspace, tmp_path: Path) -> None:
    comment = "up because of one household: mrs okafor at 7 saxon way, tonbridge (insta @okafor_fam99)"
    with freeze_time("2023-07-03"):
        issued = generate(workspace, Q1, ["kent-police"])["kent-police"]
    filled = fill_return(issued, tmp_path / "kp.xlsx", {}, figures={
        "M01": {"Value": 50, "Comment": comment}, "M04": {"Value": 400, "Comment": "in line with the county"}})
    (outcome,) = ingest(workspace, [filled], received=datetime(2023, 7, 10)).files
    warned = [p for p in outcome.problems if p.code == "personal-data"]
    assert {(p.sheet, p.action) for p in warned} == {("Measures", "M01")} and len(warned) == 3
    assert all(p.message.endswith("it is kept as typed, and the master marks the measure") for p in warned)
    with freeze_time("2023-07-20"):
        full = {r["Measure ID"]: r for r in sheet_rows(consolidate(workspace, Q1), "Measures")}
        copy = {r["Measure ID"]: r for r in sheet_rows(consolidate(workspace, Q1, redact=True), "Measures")}
    assert (full["M01"]["Comment"], full["M01"]["Personal data"]) == (comment, "name; address; social media handle")
    assert (full["M04"]["Comment"], full["M04"]["Personal data"]) == ("in line with the county", None)
    assert copy["M01"]["Comment"] == ("up because of one household: [name removed] at [address removed] "
                                      "(insta [social media handle removed])")
    assert copy["M01"]["Personal data"] == "name; address; social media handle"
    assert copy["M04"]["Comment"] == "in line with the county"
