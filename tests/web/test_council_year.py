"""The council's year from the page: the strategic assessment and the workshop's scores, the committee reports."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
from flask.testing import FlaskClient

from cspxl import Workspace
from cspxl.report.assessment import write_assessment
from tests.assessment.test_scoring import scored

from .conftest import BASE, csrf, download, finished


def test_the_year_page_offers_the_cycle_in_its_order(client: FlaskClient) -> None:
    page = client.get("/year", base_url=BASE).get_data(as_text=True)
    order = [page.index(h) for h in ("1. The strategic assessment", "2. The year's workbook and the year-end report",
                                     "3. Roll the plan over", "4. The plan's report for adoption")]
    assert order == sorted(order)


def test_scores_with_a_problem_are_shown_at_their_cells_and_nothing_is_recorded(client: FlaskClient, ws: Workspace,
                                                                              tmp_path: Path) -> None:
    _, book = write_assessment(ws, 2023, date(2024, 1, 31), today=date(2024, 1, 31))
    bad = scored(book, tmp_path / "workshop.xlsx", {"D7": "lots"})
    answer = client.post("/year/assessment", base_url=BASE, content_type="multipart/form-data",
                         data={"csrf_token": csrf(client, "/year"), "year": "2023-24",
                               "scores": [(io.BytesIO(bad.read_bytes()), "Workshop <scores>.xlsx")]})
    page = finished(client, answer)
    assert "Workshop &lt;scores&gt;.xlsx was not read: fix the problems below" in page  # escaped, never markup
    assert "Scoring!D7" in page and "is not a score from 1 to 5" in page and "<scores>" not in page


def test_the_assessment_ranked_from_the_page_and_the_adoption_report(client: FlaskClient, ws: Workspace,
                                                                    tmp_path: Path) -> None:
    _, book = write_assessment(ws, 2023, date(2024, 1, 31), today=date(2024, 1, 31))
    good = scored(book, tmp_path / "workshop.xlsx", {"C8": 5})
    page = finished(client, client.post(
        "/year/assessment", base_url=BASE, content_type="multipart/form-data",
        data={"csrf_token": csrf(client, "/year"), "year": "2023-24",
              "scores": [(io.BytesIO(good.read_bytes()), "workshop.xlsx")]}))
    assert "Scores read from workshop.xlsx: 7 candidate priorities ranked." in page
    paper = download(client, "reports/Sevenoaks-CSP_2023-24_strategic-assessment.docx")
    document = docx.Document(io.BytesIO(paper))
    assert "Domestic Abuse ranked first." in " ".join(p.text for p in document.paragraphs)
    page = finished(client, client.post("/year/adoption", base_url=BASE, data={"csrf_token": csrf(client, "/year")}))
    assert "Wrote the report that takes the plan for 2023-24 to committee for adoption" in page
    report = docx.Document(io.BytesIO(download(client, "reports/Sevenoaks-CSP_2023-24_plan-for-adoption.docx")))
    assert [c.text for c in report.tables[0].rows[0].cells] == [
        "Committee and date", "People & Places Advisory Committee \u2013 27 June 2023"]


def test_the_assessments_data_round_from_its_page(client: FlaskClient, ws: Workspace, tmp_path: Path) -> None:
    from freezegun import freeze_time

    from tests.returns.test_data_returns import QUARTERS, fill

    page = client.get("/assessment-data", base_url=BASE).get_data(as_text=True)
    assert "due Monday 30 October 2023" in page and "5 data returns expected, 5 overdue." in page
    with freeze_time("2023-10-02"):
        done = finished(client, client.post("/assessment-data/generate", base_url=BASE,
                                            data={"csrf_token": csrf(client, "/assessment-data")}))
    assert "Generated 5 data returns for the strategic assessment&#39;s data 2023-24" in done  # escaped
    done = finished(client, client.post("/assessment-data/mail", base_url=BASE, data={
        "csrf_token": csrf(client, "/assessment-data"), "what": "returns", "how": "eml"}))
    assert "5 drafted" in done and "2023-24-SA_kfrs_issue.eml" in done
    issued = ws.returns_dir(None) / "2023-24-SA" / "Sevenoaks-CSP_2023-24-SA_Kent-Fire-and-Rescue-Service.xlsx"
    sent = fill(issued, tmp_path / "fires.xlsx", dict.fromkeys(QUARTERS, 3) | {"2021-22 Q4": "lots"})
    done = finished(client, client.post(
        "/assessment-data/ingest", base_url=BASE, content_type="multipart/form-data",
        data={"csrf_token": csrf(client, "/assessment-data"), "received": "20/10/2023",
              "returns": [(io.BytesIO(sent.read_bytes()), "KFRS figures.xlsx")]}))
    assert "Accepted; 1 to correct" in done and "kfrs 2023-24-SA" in done and "Indicators!J4" in done
    page = client.get("/assessment-data", base_url=BASE).get_data(as_text=True)
    assert "5 data returns expected, 1 received, 4 overdue." in page
    done = finished(client, client.post("/assessment-data/feedback", base_url=BASE,
                                        data={"csrf_token": csrf(client, "/assessment-data")}))
    assert "1 data returns to send back for correction." in done
    assert download(client, "feedback/2023-24-SA/Sevenoaks-CSP_2023-24-SA_Kent-Fire-and-Rescue-Service"
                            "_for-correction.xlsx")[:2] == b"PK"
