"""The page on a workspace, through Flask's test client: every request as a browser on this computer sends it."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from cspxl import Workspace, example_plan_path, init_workspace
from cspxl.web import Guard, create_app

TOKEN = "a-secret-token-for-tests-only-0123456789"
PORT = 8421
BASE = f"http://127.0.0.1:{PORT}"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return init_workspace(tmp_path / "OneDrive - Sevenoaks DC" / "Community Safety — 2023-24", example_plan_path())


def client_for(workspace: Workspace) -> FlaskClient:
    """A client that has opened the printed address once, so it holds the token's cookie."""
    app = create_app(workspace, Guard(token=TOKEN, port=PORT))
    client = app.test_client()
    first = client.get(f"/?token={TOKEN}", base_url=BASE)
    assert first.status_code == 303
    return client


@pytest.fixture
def client(ws: Workspace) -> FlaskClient:
    return client_for(ws)


def csrf(client: FlaskClient, page: str = "/plan") -> str:
    """The CSRF token of a form on ``page``, as a browser would send it back."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page, base_url=BASE).get_data(as_text=True))
    assert found, page
    return found[1]


def download(client: FlaskClient, name: str) -> bytes:
    """A file offered by the page, read and closed (a file left open is locked on Windows)."""
    answer = client.get(f"/files/{name}", base_url=BASE)
    try:
        assert answer.status_code == 200, name
        return answer.data
    finally:
        answer.close()


def finished(client: FlaskClient, answer) -> str:  # type: ignore[no-untyped-def]
    """The job page once its job is done (the page is polled, as its script does)."""
    assert answer.status_code == 303, answer.get_data(as_text=True)[:400]
    location = answer.headers["Location"]
    for _ in range(600):
        page = client.get(location, base_url=BASE).get_data(as_text=True)
        if 'id="job-done"' in page:
            return page
        time.sleep(0.1)
    raise AssertionError(f"{location} did not finish")


def said(page: str) -> str:
    """What a finished job's page says, as a person reads it: its text without the markup, one space between words
    (an assertion on it shows the job's own words when it fails, not the page's head)."""
    found = re.search(r'<div id="job-done">(.*)</main>', page, re.S) or re.search(r"<main[^>]*>(.*)</main>", page, re.S)
    text = re.sub(r"<[^>]+>", " ", found[1] if found else page)
    return " ".join(html.unescape(text).split())
