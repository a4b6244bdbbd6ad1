"""The edges of tracking recommendations: personal data in a reason, a copied sheet quoting confidential text, a
return with nothing to ask, a supporter shown the owner's evidence, a year's figures after a later reopening, an
action plan as of a day, a partner named for a return it no longer has, and a reopening after the rollover."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from freezegun import freeze_time

from cspxl import consolidate, generate, ingest, parse_period, write_quarter_report
from cspxl.demo.partners import fill_return
from cspxl.errors import UsageError
from cspxl.mail.channels import Drafts
from cspxl.mail.rounds import send
from cspxl.recommendations.action_plan import write_action_plan
from cspxl.recommendations.board import reopen_recommendation, signoff
from cspxl.workspace import Workspace
from cspxl.year.end import rollover
from cspxl.year.view import year_view

from .conftest import only_a_recommendation

Q1, Q2 = parse_period("2023-24-Q1"), parse_period("2023-24-Q2")


def every_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))


def test_personal_data_in_a_reason_is_replaced_in_every_circulated_file(workspace: Workspace, tmp_path) -> None:
    with freeze_time("2023-07-03"):
        issued = generate(workspace, Q1, ["sdc"])
    filled = fill_return(issued["sdc"], tmp_path / "sdc.xlsx", {}, recommendations={"SCR-1": {
        "Status": "Not accepted", "Reason not accepted": "The family (call Sarah Jenkins on 07700 900123) objected"}})
    ingest(workspace, [filled], received=datetime(2023, 7, 10))
    full = consolidate(workspace, Q1, as_of=date(2023, 7, 28), out=tmp_path / "master.xlsx")
    copy = consolidate(workspace, Q1, as_of=date(2023, 7, 28), out=tmp_path / "copy.xlsx", redact=True)
    paper = write_quarter_report(workspace, Q1, as_of=date(2023, 7, 28), out=tmp_path / "paper.docx")
    assert "07700 900123" in every_text(full)
    for path in (copy, paper):
        assert "Sarah" not in every_text(path) and "07700" not in every_text(path), path.name
    row = next(r for r in openpyxl.load_workbook(copy)["Recommendations"].iter_rows(values_only=True) if r[0] == "SCR-1")
    assert row[11] == "The family (call [name removed] on [phone removed]) objected" and row[19] == "name; phone"


def test_a_copied_or_renamed_recommendations_sheet_quotes_nothing_confidential_in_circulation(
        workspace: Workspace, tmp_path) -> None:
    with freeze_time("2023-07-03"):
        issued = generate(workspace, Q1, ["icb", "kent-police"])
    icb = fill_return(issued["icb"], tmp_path / "icb.xlsx", {}, recommendations={"DHR1-1": {"Status": "In progress"}})
    wb = openpyxl.load_workbook(icb)
    wb.copy_worksheet(wb["Recommendations"]).title = "Copy of Recommendations"
    wb.save(icb)
    police = fill_return(issued["kent-police"], tmp_path / "kp.xlsx", {}, recommendations={
        "DHR1-3": {"Status": "Done", "Evidence": "Pinecone audit"}})
    wb = openpyxl.load_workbook(police)
    wb["Recommendations"].title = "recommendations"
    wb.save(police)
    ingest(workspace, [icb, police], received=datetime(2023, 7, 10))
    copy = every_text(consolidate(workspace, Q1, as_of=date(2023, 7, 28), out=tmp_path / "copy.xlsx", redact=True))
    plan = workspace.plan
    for rec in plan.recommendations[:4]:  # the review's, confidential until 30/06/2024
        assert rec.text[:30] not in copy and rec.source not in copy and rec.id not in copy
    assert "Pinecone" not in copy and "Done" not in copy


def test_a_return_that_asks_nothing_new_sent_back_as_it_is_counts_as_received(workspace: Workspace, tmp_path) -> None:
    only_a_recommendation(workspace)
    with freeze_time("2023-07-03"):
        q1 = generate(workspace, Q1, ["forward-trust"])["forward-trust"]
    ingest(workspace, [fill_return(q1, tmp_path / "ft1.xlsx", {}, recommendations={"SAR-1": {
        "Status": "Not accepted", "Reason not accepted": "Outside our remit"}})], received=datetime(2023, 7, 10))
    with freeze_time("2023-10-02"):
        q2 = generate(workspace, Q2, ["forward-trust"])["forward-trust"]
    (outcome,) = ingest(workspace, [fill_return(q2, tmp_path / "ft2.xlsx", {})], received=datetime(2023, 10, 9)).files
    assert (outcome.outcome, [p.code for p in outcome.problems]) == ("accepted", [])


def test_a_supporter_is_shown_the_owners_evidence_without_its_personal_data(workspace: Workspace, tmp_path) -> None:
    with freeze_time("2023-07-03"):
        issued = generate(workspace, Q1, ["icb"])
    ingest(workspace, [fill_return(issued["icb"], tmp_path / "icb.xlsx", {}, recommendations={"DHR1-1": {
        "Status": "In progress", "Evidence": "GP training booked; call Sarah Jenkins on 07700 900123"}})],
        received=datetime(2023, 7, 10))
    with freeze_time("2023-10-02"):
        q2 = generate(workspace, Q2, ["icb", "davss"])
    shown = {p: next(r[6] for r in openpyxl.load_workbook(path)["Recommendations"].iter_rows(values_only=True)
                     if r[0] == "DHR1-1") for p, path in q2.items()}
    assert shown == {"icb": "GP training booked; call Sarah Jenkins on 07700 900123",
                     "davss": "GP training booked; call [name removed] on [phone removed]"}


def test_a_years_figures_and_an_action_plan_as_of_a_day_stand_whatever_is_decided_later(reported, tmp_path) -> None:
    signoff(reported, ["DHR1-1", "SCR-1"], date(2023, 9, 5))
    before = year_view(reported, 2023, date(2024, 4, 30)).recommendations
    with freeze_time("2024-05-10"):
        reopen_recommendation(reported, "DHR1-1", "the audit found it was not done")
    assert year_view(reported, 2023, date(2024, 5, 10)).recommendations == before
    assert before is not None and (before.implemented, before.signed_off, before.open) == (1, 2, 4)
    path = write_action_plan(reported, "DHR Sevenoaks 2022/01", tmp_path / "ap.xlsx", date(2023, 8, 1))
    outcome = openpyxl.load_workbook(path)["Action plan"]["G5"].value
    assert outcome == "31/05/2023: Implemented. Routine enquiry in GP practices from May."  # not yet signed off


def test_naming_a_partner_whose_only_recommendation_is_signed_off_is_one_sentence(reported, tmp_path) -> None:
    only_a_recommendation(reported)
    with freeze_time("2023-10-02"):
        q2 = generate(reported, Q2, ["forward-trust"])["forward-trust"]
    ingest(reported, [fill_return(q2, tmp_path / "ft.xlsx", {}, recommendations={"SAR-1": {
        "Status": "Implemented", "Evidence": "Policy adopted", "Date implemented": "01/08/2023"}})],
        received=datetime(2023, 10, 9))
    signoff(reported, ["SAR-1"], date(2023, 11, 1))
    q3 = parse_period("2023-24-Q3")
    with freeze_time("2024-01-02"), pytest.raises(UsageError, match="forward-trust has no return for 2023-24-Q3"):
        send(reported, q3, ["forward-trust"], via=Drafts(tmp_path / "drafts"))


def test_reopening_one_left_in_last_years_plan_says_how(reported) -> None:
    signoff(reported, ["DHR1-1"], date(2023, 9, 5))
    rollover(reported, 2024)
    with pytest.raises(UsageError, match="left in an earlier year's plan.*add its row back"):
        reopen_recommendation(reported, "DHR1-1", "the audit found it was not done")
