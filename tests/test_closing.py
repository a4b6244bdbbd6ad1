"""Closing a quarter once its papers have gone to the board: what was presented stays presented.

The small partnership of ``tests/test_date_rules.py`` (police lead A1 and A4, the council A2, the fire
service A3).  Q1 2023-24's returns were due Friday 14 July 2023; the police returned A1 On track, 40%,
on 10 July.  The board's papers were as of 5 September, and Q1 is closed as of then.  Q2's returns go
out on 2 October; on 14 October the police send their Q2 news on the Q1 form: A1 At risk, 20%.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from freezegun import freeze_time

from cspxl import Workspace, consolidate, generate, ingest, parse_period, period_view
from cspxl.cli import main
from cspxl.demo.partners import fill_return
from cspxl.report import write_quarter_report
from cspxl.report.closing import close_period
from cspxl.year.view import year_view
from tests.test_date_rules import new_workspace

Q1, Q2 = parse_period("2023-24-Q1"), parse_period("2023-24-Q2")
ON_TIME = {"A1": {"Status": "On track", "% complete": 40, "Progress update": "Patrols every evening."},
           "A4": {"Status": "On track"}}
Q2_NEWS = {"A1": {"Status": "At risk", "% complete": 20, "Progress update": "Q2: the patrol car was withdrawn."},
           "A4": {"Status": "On track"}}


def cli(ws: Workspace, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["-w", str(ws.root), *args])
    return result.exit_code, " ".join((result.stdout + result.stderr).split())


def cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in openpyxl.load_workbook(path)}


@pytest.fixture
def q1(tmp_path: Path) -> tuple[Workspace, dict[str, Path]]:
    """Q1 generated and the police return in; Q1 closed as of 5 September 2023."""
    ws = new_workspace(tmp_path)
    with freeze_time("2023-07-03 09:00"):
        issued = generate(ws, Q1)
    ingest(ws, [fill_return(issued["police"], tmp_path / "in" / "police.xlsx", ON_TIME)],
           received=datetime(2023, 7, 10, 9))
    return ws, issued


@pytest.fixture
def closed(q1: tuple[Workspace, dict[str, Path]], tmp_path: Path) -> tuple[Workspace, dict[str, Path], Path]:
    """Q1 closed as of 5 September, Q2 generated, and the police's Q1 form with Q2's news, held."""
    ws, issued = q1
    code, said = cli(ws, "close", "2023-24-Q1", "--on", "05/09/2023")
    assert code == 0 and said.startswith("Closed 2023-24-Q1 as of 05/09/2023: its papers as presented are kept"), said
    with freeze_time("2023-10-02 09:00"):
        generate(ws, Q2)
    late = fill_return(issued["police"], tmp_path / "late" / "police Q2.xlsx", Q2_NEWS)
    code, said = cli(ws, "ingest", str(late), "--received", "14/10/2023")
    assert code == 1, said  # a file held is a file not applied
    return ws, issued, late


def test_a_return_for_a_closed_quarter_is_held_in_one_sentence_naming_the_close_and_the_return_outstanding(
        q1: tuple[Workspace, dict[str, Path]], tmp_path: Path) -> None:
    ws, issued = q1
    close_period(ws, Q1, date(2023, 9, 5), today=date(2023, 9, 5))
    with freeze_time("2023-10-02 09:00"):
        generate(ws, Q2)
    (held,) = ingest(ws, [fill_return(issued["police"], tmp_path / "late.xlsx", Q2_NEWS)],
                     received=datetime(2023, 10, 14, 9)).files
    assert (held.outcome, held.period, [p.code for p in held.problems]) == ("held", "2023-24-Q1", ["return-held"])
    assert str(held.problems[0]) == (
        "late.xlsx: 2023-24-Q1 was closed on 05/09/2023 (its papers went to the board), so this return is held, not "
        "applied; police's return for 2023-24-Q2 is still outstanding. If it holds 2023-24-Q2's news, ask the "
        "partner to send it on the 2023-24-Q2 return; if it must change 2023-24-Q1, run 'cspxl reopen 2023-24-Q1'.")


def test_a_closed_quarter_is_seen_as_presented_whatever_arrives_later(closed, tmp_path: Path) -> None:
    ws, _, _ = closed
    code, said = cli(ws, "consolidate", "2023-24-Q1", "--out", str(tmp_path / "again.xlsx"))
    assert code == 0 and "As of 05/09/2023, the day its papers were as of when it was closed" in said
    with ws.register(readonly=True) as register:
        presented = ws.root / register.closure("2023-24-Q1").papers["master"]
    assert cells(tmp_path / "again.xlsx") == cells(presented)
    # As of any later day too, and in the year and the next quarter: the held return is in none of them.
    a1 = {a.action.id: a for a in period_view(ws, Q1, date(2023, 12, 1)).actions}["A1"]
    assert (a1.status, a1.percent) == ("On track", 40)
    assert {a.action.id: a.quarters[0] for a in year_view(ws, 2023, date(2023, 12, 1)).actions}["A1"] == "On track"
    assert {a.action.id: a.previous_status for a in period_view(ws, Q2, date(2023, 12, 1)).actions}["A1"] == "On track"
    code, said = cli(ws, "status", "2023-24-Q1")
    assert "(as of 05/09/2023)" in said and "2023-24-Q1 was closed as of 05/09/2023" in said
    assert "Held since, not applied: police (received 14/10/2023); 'cspxl reopen 2023-24-Q1' applies it." in said


def test_reopening_applies_what_was_held_and_says_how_the_papers_now_differ(closed) -> None:
    ws, _, _ = closed
    code, said = cli(ws, "reopen", "2023-24-Q1")
    assert code == 0, said
    assert said.startswith("Reopened 2023-24-Q1 (closed as of 05/09/2023). Applied 1 held return: police's "
                           "(received 14/10/2023).")
    assert ("Seen as of 14/10/2023, what they change in the papers presented as of 05/09/2023: In the master and its "
            "circulation copy: A1: status from On track to At risk, a new progress update and % complete from 40 to "
            "20 In the meeting paper: A1: status from On track to At risk and a new progress update") in said
    a1 = {a.action.id: a for a in period_view(ws, Q1, date(2023, 10, 14)).actions}["A1"]
    assert (a1.status, a1.percent) == ("At risk", 20)
    assert cli(ws, "reopen", "2023-24-Q1") == (2, "Error: 2023-24-Q1 is not closed, so there is nothing to reopen.")


def test_without_a_close_an_earlier_form_is_taken_with_a_warning_that_the_later_return_is_outstanding(
        q1: tuple[Workspace, dict[str, Path]], tmp_path: Path) -> None:
    ws, issued = q1
    with freeze_time("2023-10-02 09:00"):
        generate(ws, Q2)
    (taken,) = ingest(ws, [fill_return(issued["police"], tmp_path / "late.xlsx", Q2_NEWS)],
                      received=datetime(2023, 10, 14, 9)).files
    assert (taken.outcome, [p.code for p in taken.problems]) == ("accepted", ["earlier-period-form"])
    assert str(taken.problems[0]) == (
        "late.xlsx: This return is for 2023-24-Q1, but police's return for 2023-24-Q2 was issued on 02/10/2023 and is "
        "still outstanding; it was recorded for 2023-24-Q1. If it holds 2023-24-Q2's news, ask the partner to send it "
        "again on the 2023-24-Q2 return; if it corrects 2023-24-Q1, nothing to do.")
    # A correction arriving before the later return was issued is no such form.
    (first,) = ingest(ws, [fill_return(issued["council"], tmp_path / "council.xlsx", {"A2": {"Status": "On track"}})],
                      received=datetime(2023, 9, 20, 9)).files
    assert [p.code for p in first.problems] == []


@pytest.mark.parametrize(("args", "said"), [
    (("--on", "31/03/2023"), "Error: 31/03/2023 is before 2023-24-Q1 began on 1 April 2023, so nothing of it can be "
                             "reported as of then; give a day from 01/04/2023 on."),
    (("--on", "01/01/2099"), "Error: 01/01/2099 is in the future; close 2023-24-Q1 as of the day its papers were as "
                             "of."),
])
def test_a_quarter_is_never_closed_as_of_a_day_that_cannot_be_meant(q1, args: tuple[str, ...], said: str) -> None:
    ws, _ = q1
    assert cli(ws, "close", "2023-24-Q1", *args) == (2, said)


def test_a_quarter_is_closed_once_and_only_once_it_has_returns(q1) -> None:
    ws, _ = q1
    assert cli(ws, "close", "2023-24-Q2", "--on", "01/11/2023") == (
        2, "Error: no returns were generated for 2023-24-Q2, so it has no figures to close.")
    assert cli(ws, "close", "2023-24-Q1", "--on", "05/09/2023")[0] == 0
    assert cli(ws, "close", "2023-24-Q1", "--on", "06/09/2023") == (
        2, "Error: 2023-24-Q1 was already closed on 05/09/2023; reopen it first ('cspxl reopen 2023-24-Q1') to close "
           "it as of another day.")


def test_closing_keeps_the_three_papers_as_presented_in_the_archive(q1) -> None:
    ws, _ = q1
    done = close_period(ws, Q1, date(2023, 9, 5), today=date(2023, 9, 6))
    assert sorted(done.kept) == ["circulation", "master", "paper"]
    for name, kept in done.kept.items():
        assert (ws.root / kept).read_bytes() == Path(done.papers[name]).read_bytes(), name
    assert consolidate(ws, Q1) == Path(done.papers["master"])  # as of the close: the same file, not kept twice
    assert sorted(p.name for p in (ws.root / "master").iterdir()) == [
        "Edge-CSP_2023-24-Q1_master.xlsx", "Edge-CSP_2023-24-Q1_master_circulation.xlsx"]


def test_closing_keeps_the_papers_already_written_as_of_its_day_as_they_went_to_the_board(q1) -> None:
    """The coordinator wrote the paper as of 5 September (and printed it) on 6 September; closing as of
    5 September keeps that very paper, not one written again."""
    ws, _ = q1
    with freeze_time("2023-09-06 10:00"):
        paper = write_quarter_report(ws, Q1, date(2023, 9, 5))
    paper.with_suffix(".pdf").write_bytes(b"%PDF-1.7 as printed")
    presented = paper.read_bytes()
    with freeze_time("2023-09-12 10:00"):
        done = close_period(ws, Q1, date(2023, 9, 5))
    assert (ws.root / done.kept["paper"]).read_bytes() == presented == paper.read_bytes()
    assert sorted(p.name for p in paper.parent.iterdir()) == ["Edge-CSP_2023-24-Q1_report.docx",
                                                              "Edge-CSP_2023-24-Q1_report.pdf"]
