"""The recommendations page: where each stands, the board's sign-off, reopening, and a review's action plan."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
from flask.testing import FlaskClient
from freezegun import freeze_time

from cspxl import Workspace, generate, ingest, parse_period
from cspxl.demo.partners import fill_return
from cspxl.register.recommendations import decisions

from .conftest import BASE, csrf, download, finished, said


def reported(ws: Workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with freeze_time("2023-07-03"):
        issued = generate(ws, parse_period("2023-24-Q1"))
    filled = fill_return(issued["sdc"], tmp_path / "sdc.xlsx", {}, recommendations={"SCR-1": {
        "Status": "Not accepted", "Reason not accepted": "Covered by the <county's> own review"}})
    ingest(ws, [filled], received=datetime(2023, 7, 10))


def test_the_page_signs_off_reopens_and_writes_a_reviews_action_plan(client: FlaskClient, ws: Workspace,
                                                                     tmp_path) -> None:
    reported(ws, tmp_path)
    with freeze_time("2023-08-01 10:00"):
        page = client.get("/recommendations", base_url=BASE).get_data(as_text=True)
    assert "Confidential until 30/06/2024" in page and "Awaiting sign-off" in page
    assert 'value="SCR-1"' in page  # the only one the board can sign off
    answer = client.post("/recommendations/signoff", base_url=BASE, data={
        "csrf_token": csrf(client, "/recommendations"), "recommendation": "SCR-1", "on": "05/09/2023",
        "by": "CSP <Board>"})
    done = finished(client, answer)
    assert "Signed off SCR-1 (Not accepted) on 05/09/2023 by CSP &lt;Board&gt;" in done
    page = client.get("/recommendations", base_url=BASE).get_data(as_text=True)
    assert "Nothing awaits the board" in page and '<option value="SCR-1">' in page
    answer = client.post("/recommendations/reopen", base_url=BASE, data={
        "csrf_token": csrf(client, "/recommendations"), "recommendation": "SCR-1", "reason": "Scrutiny asked again"})
    assert "Reopened SCR-1" in finished(client, answer)
    answer = client.post("/recommendations/action-plan", base_url=BASE, data={
        "csrf_token": csrf(client, "/recommendations"), "source": "Crime and Disorder Scrutiny Committee, 2023"})
    finished(client, answer)
    book = openpyxl.load_workbook(io.BytesIO(download(
        client, "reports/Crime-and-Disorder-Scrutiny-Committee-2023_action-plan.xlsx")))
    rows = list(book["Action plan"].iter_rows(min_row=5, values_only=True))
    assert rows[0][0].startswith("SCR-1. Publish") and rows[0][6].startswith("Reopened on ")
    assert rows[0][6].endswith(": Scrutiny asked again. Overdue.")


def test_a_sign_off_the_rules_refuse_is_one_sentence_and_records_nothing(client: FlaskClient, ws: Workspace) -> None:
    answer = client.post("/recommendations/signoff", base_url=BASE, data={
        "csrf_token": csrf(client, "/recommendations"), "recommendation": "PCC-1", "on": "05/09/2023"})
    assert "PCC-1 has no update yet, so it cannot be signed off" in said(finished(client, answer))
    with ws.register(readonly=True) as register:
        assert decisions(register) == {}
