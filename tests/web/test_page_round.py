"""The rest of the round through the page, at the HTTP level: the e-mail round (drafts, a real SMTP server on
127.0.0.1, returns recorded as sent, chasing), the year's papers and rollover, and police.uk's files."""

from __future__ import annotations

import email
import email.policy
import io
import socket
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import openpyxl
from aiosmtpd.controller import Controller
from flask.testing import FlaskClient

from cspxl import Register, Workspace
from cspxl.workspace import EXAMPLE_CRIME

from .conftest import BASE, client_for, csrf, download


class Inbox:
    def __init__(self) -> None:
        self.received: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append((list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 Message accepted"


def _post(client: FlaskClient, path: str, **form: str) -> str:
    answer = client.post(path, base_url=BASE, follow_redirects=True, data={"csrf_token": csrf(client), **form})
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    return answer.get_data(as_text=True)


def test_returns_are_drafted_sent_through_smtp_recorded_as_sent_and_chased(ws: Workspace) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        book = openpyxl.load_workbook(ws.plan_path)
        settings = {row[0].value: row[1] for row in book["Settings"].iter_rows(min_row=2)}
        settings["SMTP host"].value, settings["SMTP port"].value = "127.0.0.1", port
        settings["SMTP security"].value = "none"
        book.save(ws.plan_path)
        client = client_for(ws)
        _post(client, "/quarters/2023-24-Q1/generate")
        recorded = _post(client, "/quarters/2023-24-Q1/mail", what="mark-sent", on="03/07/2023")
        assert "12 recorded" in recorded

        drafted = _post(client, "/quarters/2023-24-Q1/mail", what="returns", how="eml", resend="yes")
        drafts = sorted(ws.drafts_dir(_q1()).glob("*.eml"))
        assert len(drafts) == 12 and "12 drafted" in drafted
        assert download(client, f"drafts/2023-24-Q1/{drafts[0].name}") == drafts[0].read_bytes()

        sent = _post(client, "/quarters/2023-24-Q1/mail", what="returns", how="smtp", resend="yes")
        assert "12 sent" in sent and len(inbox.received) == 12

        chased = _post(client, "/quarters/2023-24-Q1/mail", what="chase", how="smtp")
        assert "sent" in chased and len(inbox.received) > 12  # every return is overdue, seen from today
    finally:
        controller.stop()


def _q1() -> Any:
    from cspxl import parse_period

    return parse_period("2023-24-Q1")


def test_the_years_papers_and_the_rollover_through_the_page(client: FlaskClient, ws: Workspace) -> None:
    _post(client, "/quarters/2023-24-Q1/generate")
    papers = _post(client, "/year/papers", year="2023-24")
    assert "Wrote the year&#39;s workbook and the year-end report for 2023-24." in papers
    written = ws.written_files()
    assert any(n.startswith("master/") and n.endswith("_2023-24_year.xlsx") for n in written), written
    assert any(n.startswith("reports/") and "year-report" in n for n in written), written
    rolled = _post(client, "/year/rollover", next_year="2024-25")
    assert "Wrote plan.xlsx for 2024-25" in rolled
    assert "2024-25" in client.get("/", base_url=BASE).get_data(as_text=True)


def test_police_uk_files_uploaded_are_counted_for_the_area(client: FlaskClient, ws: Workspace) -> None:
    answer = client.post("/crime", base_url=BASE, follow_redirects=True, content_type="multipart/form-data",
                         data={"csrf_token": csrf(client),
                               "files": [(io.BytesIO(EXAMPLE_CRIME.read_bytes()), "police-uk 2023.zip")]})
    text = answer.get_data(as_text=True)
    assert "imported" in text and "Held for Sevenoaks" in text
    with Register(ws.register_path, ws.archive_dir, readonly=True) as register:
        assert register.counts()
    assert "No month of crime is held yet" not in client.get("/crime", base_url=BASE).get_data(as_text=True)


def test_a_workbook_offered_after_a_job_is_the_one_written(client: FlaskClient, ws: Workspace, tmp_path: Path) -> None:
    done = _post(client, "/quarters/2023-24-Q1/generate")
    police = next(ws.returns_dir(_q1()).glob("*Kent-Police.xlsx"))
    assert police.name in done
    assert download(client, f"returns/2023-24-Q1/{police.name}") == police.read_bytes()
