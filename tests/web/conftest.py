"""The page on a workspace, through Flask's test client: every request as a browser on this computer sends it."""

from __future__ import annotations

import re
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
