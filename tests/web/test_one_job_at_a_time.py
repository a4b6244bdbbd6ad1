"""One job at a time writes to the workspace: a second tab asking for one while another runs is told to wait."""

from __future__ import annotations

import io
import threading

from flask.testing import FlaskClient

from cspxl import Workspace

from .conftest import BASE, csrf


def test_a_second_job_asked_for_while_one_runs_is_refused_and_writes_nothing(client: FlaskClient,
                                                                            ws: Workspace) -> None:
    token = csrf(client)
    jobs = client.application.extensions["cspxl"]["jobs"]
    release = threading.Event()
    running = jobs.start("Generating in another tab", "/", lambda job: release.wait(30), wait=0)
    try:
        again = client.post("/quarters/2023-24-Q1/generate", data={"csrf_token": token}, base_url=BASE)
        upload = client.post("/quarters/2023-24-Q1/ingest", base_url=BASE, content_type="multipart/form-data",
                             data={"csrf_token": token, "returns": [(io.BytesIO(b"PK"), "Q1.xlsx")]})
        for answer in (again, upload):
            page = answer.get_data(as_text=True)
            assert answer.status_code == 409 and "Another task is running" in page
            assert "Generating in another tab" in page
        assert not ws.returns_dir(None).exists() and not ws.register_path.exists()
    finally:
        release.set()
    while not running.finished:
        threading.Event().wait(0.01)
    assert client.post("/quarters/2023-24-Q1/generate", data={"csrf_token": token}, base_url=BASE).status_code == 303


def test_a_job_that_fails_says_so_in_a_sentence_on_its_page(client: FlaskClient) -> None:
    token = csrf(client)
    answer = client.post("/quarters/2031-32-Q1/generate", data={"csrf_token": token}, base_url=BASE,
                         follow_redirects=True)
    page = answer.get_data(as_text=True)
    assert "This could not be done" in page and "2031-32" in page and "Traceback" not in page


def test_a_received_day_in_the_future_is_refused_before_anything_is_read(client: FlaskClient, ws: Workspace) -> None:
    answer = client.post("/quarters/2023-24-Q1/ingest", base_url=BASE, content_type="multipart/form-data",
                         data={"csrf_token": csrf(client), "received": "01/01/2099",
                               "returns": [(io.BytesIO(b"PK"), "Q1.xlsx")]})
    assert answer.status_code == 400 and "is in the future" in answer.get_data(as_text=True)
    assert not ws.register_path.exists()


def test_the_crime_page_of_a_plan_it_cannot_use_says_why_in_a_sentence(tmp_path, ws: Workspace) -> None:  # noqa: ANN001
    from click.testing import CliRunner

    from cspxl.cli import main as cli

    from .conftest import client_for

    assert CliRunner().invoke(cli, ["init", str(tmp_path / "blank"), "--partnership", "Dover CSP"]).exit_code == 0
    page = client_for(Workspace(tmp_path / "blank")).get("/crime", base_url=BASE)
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "govuk-warning-text" in text and "cspxl check" in text
