"""Long runs say how far they have got: the API reports (done, total); the command line draws a bar."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

from freezegun import freeze_time
from rich.console import Console

from cspxl import consolidate, generate, ingest, parse_period
from cspxl.cli.output import ProgressBar
from cspxl.demo.partners import fill_return

Q1 = parse_period("2023-24-Q1")


def test_generate_ingest_and_consolidate_report_progress_up_to_their_total(workspace, tmp_path: Path) -> None:
    calls: dict[str, list[tuple[int, int]]] = {"generate": [], "ingest": [], "consolidate": []}
    with freeze_time("2023-07-03"):
        paths = generate(workspace, Q1, progress=lambda d, t: calls["generate"].append((d, t)))
    inbox = tmp_path / "inbox"
    for partner in ("pcc", "kent-police"):
        fill_return(paths[partner], inbox / f"{partner}.xlsx", {})
    (inbox / "notes.txt").write_text("not a return")
    ingest(workspace, [inbox], received=datetime(2023, 7, 10), progress=lambda d, t: calls["ingest"].append((d, t)))
    consolidate(workspace, Q1, as_of=date(2023, 7, 20), out=tmp_path / "master.xlsx",
                progress=lambda d, t: calls["consolidate"].append((d, t)))
    n = len(paths)
    assert calls["generate"] == [(i, n) for i in range(1, n + 1)]
    assert calls["ingest"] == [(1, 3), (2, 3), (3, 3)]
    assert calls["consolidate"] == [(i, 6) for i in range(1, 7)]


def terminal() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=True, width=100), buffer


def test_the_bar_is_drawn_on_a_terminal_once_the_work_takes_more_than_a_moment() -> None:
    console, buffer = terminal()
    with ProgressBar("Ingesting", console=console, after=0) as bar:
        bar(3, 12)
    assert "Ingesting" in buffer.getvalue() and "3/12" in buffer.getvalue()


def test_quick_work_and_output_that_is_not_a_terminal_get_no_bar() -> None:
    console, buffer = terminal()
    with ProgressBar("Quick", console=console, after=60) as bar:
        bar(1, 1)
    redirected = io.StringIO()
    with ProgressBar("Logged", console=Console(file=redirected, force_terminal=False), after=0) as bar:
        bar(1, 2)
        bar.print("accepted pcc.xlsx")
    assert buffer.getvalue() == ""
    assert redirected.getvalue() == "accepted pcc.xlsx\n"
