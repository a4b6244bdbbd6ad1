"""The day a paper is as of: never before its period began, never today for a quarter long past, and a
quarter given without its year says which year it was taken as.

The small partnership of ``tests/test_date_rules.py``: Q1 2023-24's returns were due Friday 14 July
2023; with the default ten correction days, its round settled on Monday 24 July.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from freezegun import freeze_time

from cspxl import Workspace, generate, ingest, parse_period
from cspxl.cli import main
from cspxl.demo.partners import fill_return
from cspxl.master.asof import as_of_for
from tests.conftest import sheet_rows
from tests.test_date_rules import new_workspace, police_returned

Q1 = parse_period("2023-24-Q1")


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return police_returned(tmp_path_factory.mktemp("asof"))


def cli(ws: Workspace, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["-w", str(ws.root), *args])
    return result.exit_code, " ".join(result.stdout.split()), " ".join(result.stderr.split())


BEFORE = ("Error: 31/03/2023 is before 2023-24-Q1 began on 1 April 2023, so nothing of it can be reported as of then; "
          "give a day from 01/04/2023 on.")


@pytest.mark.parametrize("args", [
    ("status", "2023-24-Q1", "--as-of", "31/03/2023"),
    ("consolidate", "2023-24-Q1", "--as-of", "31/03/2023"),
    ("report", "2023-24-Q1", "--as-of", "31/03/2023"),
    ("chase", "2023-24-Q1", "--as-of", "31/03/2023", "--eml", "drafts"),
    ("feedback", "2023-24-Q1", "--on", "31/03/2023"),
    ("close", "2023-24-Q1", "--on", "31/03/2023"),
])
def test_a_day_before_the_period_began_is_refused_in_one_sentence_by_every_command(ws: Workspace,
                                                                                    args: tuple[str, ...]) -> None:
    code, _, err = cli(ws, *args)
    assert (code, err) == (2, BEFORE)


def test_a_day_before_the_year_began_is_refused_for_the_years_papers(ws: Workspace) -> None:
    for command in ("consolidate", "report"):
        assert cli(ws, command, "2023-24", "--as-of", "31/03/2023")[::2] == (2, (
            "Error: 31/03/2023 is before 2023-24 began on 1 April 2023, so nothing of it can be reported as of then; "
            "give a day from 01/04/2023 on."))


@pytest.mark.parametrize(("today", "as_of"), [
    ("2023-07-20", date(2023, 7, 20)),  # the round under way: today
    ("2023-07-24", date(2023, 7, 24)),  # the day it settles
    ("2023-07-25", date(2023, 7, 24)),  # past it: the day it settled, never today
    ("2026-12-06", date(2023, 7, 24)),  # years on, no action is "1200 days overdue"
])
def test_a_past_quarters_papers_are_as_of_the_day_its_round_settled(ws: Workspace, today: str, as_of: date) -> None:
    with freeze_time(today):
        assert as_of_for(ws, Q1) == as_of
        assert as_of_for(ws, Q1, settled=False) == date.fromisoformat(today)  # status follows the round: today


def test_the_paper_of_a_past_quarter_says_which_day_it_is_as_of_and_why(ws: Workspace, tmp_path: Path) -> None:
    with freeze_time("2024-05-01 10:00"):
        code, out, _ = cli(ws, "report", "2023-24-Q1", "--out", str(tmp_path / "q1.docx"))
    assert code == 0 and out.endswith(
        "As of 24/07/2023, the day its round settled: its returns and corrections were due, and its last return had "
        "arrived; give --as-of for another day.")
    lines = [p.text for p in docx.Document(str(tmp_path / "q1.docx")).paragraphs]
    assert "Position as of 24 July 2023. Paper dated 1 May 2024." in lines


def test_a_late_return_moves_the_day_a_round_settled_to_its_arrival(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    with freeze_time("2023-07-03 09:00"):
        issued = generate(ws, Q1)
    ingest(ws, [fill_return(issued["fire"], tmp_path / "fire.xlsx", {"A3": {"Status": "On track"}})],
           received=datetime(2023, 8, 30, 9))
    with freeze_time("2024-05-01"):
        assert as_of_for(ws, Q1) == date(2023, 8, 30)
        master = CliRunner().invoke(main, ["-w", str(ws.root), "consolidate", "2023-24-Q1"])
    assert master.exit_code == 0
    returns = {r["Partner ID"]: r["Return status"] for r in sheet_rows(
        ws.root / "master" / "Edge-CSP_2023-24-Q1_master.xlsx", "Returns")}
    assert returns == {"police": "Overdue", "council": "Overdue", "fire": "Received late"}


def test_a_quarter_not_yet_begun_has_no_paper(ws: Workspace) -> None:
    with freeze_time("2023-09-01"):
        assert cli(ws, "report", "2023-24-Q3")[::2] == (2, (
            "Error: 2023-24-Q3 has not begun yet: it begins on 1 October 2023; give the day to report it as of, or "
            "another period."))


def test_a_quarter_given_without_its_year_says_which_year_it_was_taken_as(ws: Workspace) -> None:
    code, out, err = cli(ws, "status", "Q1", "--as-of", "20/07/2023")
    assert code == 0 and err == ("Q1 is taken as 2023-24-Q1, a quarter of the plan's year 2023-24; write 2023-24-Q1 to "
                                 "be sure.")
    assert "returns for 2023-24-Q1" in out
