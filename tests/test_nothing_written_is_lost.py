"""A master, circulation copy, year workbook or paper written where one already is keeps the earlier one
beside it, named by its as-of day and when it was written; a PDF printed from a replaced paper goes with
it; the same file written again keeps nothing twice."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from freezegun import freeze_time

from cspxl import Workspace, consolidate, parse_period
from cspxl.cli import main
from cspxl.errors import WriteError
from cspxl.report import write_quarter_report, write_year_report
from cspxl.year.workbook import consolidate_year
from tests.test_date_rules import police_returned

Q1 = parse_period("2023-24-Q1")


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return police_returned(tmp_path)


def written(at: str, path: Path) -> Path:
    """``path``, given the modification time a file written at ``at`` has."""
    stamp = datetime.fromisoformat(at).timestamp()
    os.utime(path, (stamp, stamp))
    return path


@pytest.mark.parametrize("redact", [False, True])
def test_a_master_written_again_as_of_another_day_keeps_the_earlier_one_beside_it(ws: Workspace, redact: bool) -> None:
    said: list[str] = []
    first = written("2023-07-21 09:30", consolidate(ws, Q1, date(2023, 7, 20), redact=redact))
    before = first.read_bytes()
    again = consolidate(ws, Q1, date(2023, 7, 24), redact=redact, say=said.append)
    kept = first.with_name(f"{first.stem} (as of 2023-07-20, written 2023-07-21 09.30).xlsx")
    assert again == first and kept.read_bytes() == before and again.read_bytes() != before
    assert said == [f"The earlier {first.name} is kept beside it as {kept.name}."]


def test_the_same_master_written_again_keeps_nothing_twice(ws: Workspace) -> None:
    said: list[str] = []
    first = consolidate(ws, Q1, date(2023, 7, 20))
    consolidate(ws, Q1, date(2023, 7, 20), say=said.append)
    assert said == [] and [p.name for p in first.parent.iterdir()] == [first.name]


def test_a_paper_replaced_takes_the_pdf_printed_from_it_along(ws: Workspace) -> None:
    with freeze_time("2023-07-21 09:30"):
        paper = write_quarter_report(ws, Q1, date(2023, 7, 20))
    paper.with_suffix(".pdf").write_bytes(b"%PDF-1.7 the paper as of 20 July")
    written("2023-07-21 09:30", paper)
    said: list[str] = []
    with freeze_time("2023-07-25 09:30"):
        write_quarter_report(ws, Q1, date(2023, 7, 24), say=said.append)
    kept = paper.with_name(f"{paper.stem} (as of 2023-07-20, written 2023-07-21 09.30).docx")
    assert kept.is_file() and kept.with_suffix(".pdf").read_bytes() == b"%PDF-1.7 the paper as of 20 July"
    assert not paper.with_suffix(".pdf").exists()  # no PDF left beside a paper it does not match
    assert said == [f"The earlier {paper.name} is kept beside it as {kept.name}."]
    with freeze_time("2023-07-25 09:40"):
        write_quarter_report(ws, Q1, date(2023, 7, 24))  # the same paper, the same day: nothing kept twice
    assert len(list(paper.parent.glob("*.docx"))) == 2


def test_the_years_workbook_and_report_keep_the_earlier_ones_too(ws: Workspace) -> None:
    said: list[str] = []
    for day in (date(2023, 7, 20), date(2023, 7, 24)):
        with freeze_time(day):
            consolidate_year(ws, 2023, day, say=said.append)
            write_year_report(ws, 2023, day, say=said.append)
    assert [line.split(" is kept")[0] for line in said] == [
        "The earlier Edge-CSP_2023-24_year.xlsx", "The earlier Edge-CSP_2023-24_year-report.docx"]
    assert len(list((ws.root / "master").glob("*year*.xlsx"))) == 2
    assert len(list((ws.root / "reports").glob("*year-report*.docx"))) == 2


def test_the_command_says_where_the_earlier_paper_is(ws: Workspace) -> None:
    run = CliRunner()
    for day in ("20/07/2023", "24/07/2023"):
        result = run.invoke(main, ["-w", str(ws.root), "report", "2023-24-Q1", "--as-of", day])
        assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert "The earlier Edge-CSP_2023-24-Q1_report.docx is kept beside it as Edge-CSP_2023-24-Q1_report (as of " \
           "2023-07-20, written " in said


def test_a_master_open_in_excel_is_not_replaced_and_the_earlier_stays(ws: Workspace, monkeypatch) -> None:
    first = consolidate(ws, Q1, date(2023, 7, 20))
    before = first.read_bytes()

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr("cspxl.spreadsheets.landing.os.replace", locked)
    with pytest.raises(WriteError, match="is open in another program"):
        consolidate(ws, Q1, date(2023, 7, 24))
    assert first.read_bytes() == before and [p.name for p in first.parent.iterdir()] == [first.name]
