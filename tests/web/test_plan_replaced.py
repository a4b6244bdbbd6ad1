"""A new plan taken from the page or by ``check PLAN --replace``: checked first, the old one kept."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner
from flask.testing import FlaskClient

from cspxl import Workspace
from cspxl.cli import main as cli
from tests.conftest import write_book

from .conftest import BASE, csrf


def test_a_plan_with_an_error_is_not_taken_and_the_plan_stays_as_it_was(client: FlaskClient, ws: Workspace,
                                                                       tmp_path: Path) -> None:
    before = ws.plan_path.read_bytes()
    broken = write_book(tmp_path / "plan v2.xlsx", {"Settings": [["Setting", "Value"]]})
    answer = client.post("/plan", base_url=BASE, follow_redirects=True, content_type="multipart/form-data",
                         data={"csrf_token": csrf(client), "plan": [(io.BytesIO(broken.read_bytes()), "plan v2.xlsx")]})
    page = answer.get_data(as_text=True)
    assert "so it was not taken: the plan is unchanged" in page and "How to fix it" in page
    assert ws.plan_path.read_bytes() == before and not ws.plans_dir.exists()


def test_a_valid_plan_from_the_page_becomes_the_plan_and_the_old_one_is_kept(client: FlaskClient, ws: Workspace,
                                                                            tmp_path: Path) -> None:
    before = ws.plan_path.read_bytes()
    answer = client.post("/plan", base_url=BASE, follow_redirects=True, content_type="multipart/form-data",
                         data={"csrf_token": csrf(client), "plan": [(io.BytesIO(before), "Sevenoaks plan v2.xlsx")]})
    assert "Sevenoaks plan v2.xlsx is now the plan" in answer.get_data(as_text=True)
    [kept] = ws.plans_dir.glob("plan replaced *.xlsx")
    assert kept.read_bytes() == before and ws.plan_path.read_bytes() == before


def test_check_replace_takes_a_valid_plan_from_the_command_line(ws: Workspace, tmp_path: Path) -> None:
    source = tmp_path / "new plan.xlsx"
    source.write_bytes(ws.plan_path.read_bytes())
    done = CliRunner().invoke(cli, ["--workspace", str(ws.root), "check", str(source), "--replace"])
    assert done.exit_code == 0, done.output
    assert "is now the workspace's plan" in done.output and len(list(ws.plans_dir.glob("plan replaced *"))) == 1
