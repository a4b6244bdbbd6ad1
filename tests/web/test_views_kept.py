"""What the pages show is kept between visits only while the workspace is unchanged: a command run beside
the page, or a new plan saved from Excel, shows at the next visit."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from flask.testing import FlaskClient

from cspxl import Workspace, generate, ingest, load_plan, parse_period
from cspxl.demo.partners import fill_return

from .conftest import BASE

Q1 = parse_period("2023-24-Q1")


def _row(client: FlaskClient, partner: str) -> str:
    page = client.get("/quarters/2023-24-Q1", base_url=BASE).get_data(as_text=True)
    start = page.index(f'<th scope="row" class="govuk-table__header">{partner}</th>')
    return page[start:page.index("</tr>", start)]


def test_a_return_ingested_by_the_command_beside_the_page_shows_at_the_next_visit(client: FlaskClient, ws: Workspace,
                                                                                  tmp_path: Path) -> None:
    issued = generate(ws, Q1)
    assert "Overdue" in _row(client, "Kent Police")  # seen, and kept
    plan = load_plan(ws.plan_path)
    filled = fill_return(issued["kent-police"], tmp_path / "KP.xlsx",
                         {a.id: {"Status": "On track"} for a, _ in plan.actions_for("kent-police")})
    ingest(ws, [filled], received=datetime(2023, 7, 10, 9))
    assert "Received" in _row(client, "Kent Police") and "10/07/2023" in _row(client, "Kent Police")


def test_a_plan_saved_beside_the_page_is_checked_again_at_the_next_visit(client: FlaskClient, ws: Workspace) -> None:
    import openpyxl

    assert "plan.xlsx is valid" in client.get("/plan", base_url=BASE).get_data(as_text=True)
    book = openpyxl.load_workbook(ws.plan_path)
    book["Settings"]["B4"] = "not a year"
    book.save(ws.plan_path)
    assert "plan.xlsx has" in client.get("/plan", base_url=BASE).get_data(as_text=True)


def test_two_tabs_asking_for_the_same_view_at_once_see_it_once(ws: Workspace) -> None:
    import threading
    import time

    from cspxl.web.views import Views

    views, seen, answers = Views(ws), [], []

    def slow() -> str:
        seen.append(1)
        time.sleep(0.3)
        return "the view"

    tabs = [threading.Thread(target=lambda: answers.append(views._get(("x",), slow))) for _ in range(3)]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join()
    assert (len(seen), answers) == (1, ["the view"] * 3)
