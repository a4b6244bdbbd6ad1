"""cspxl on a council laptop: Windows and macOS as well as Linux.

What differs is decided in one place (``cspxl.spreadsheets.platform``); the rest is files and text as
Windows and OneDrive have them: a workspace deep in a OneDrive folder with spaces and accents, a
paper open in Word, output to a file in Windows' code page, text with Windows' line endings.  CI
runs these (with the cycle, the hostile files and the demo) a second time in portable mode, as
Windows would (``tests/portable/sitecustomize.py``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from freezegun import freeze_time

from cspxl import Workspace, generate, init_workspace, load_plan, parse_period
from cspxl.cli import main
from cspxl.demo.partners import fill_return
from cspxl.mail.channels import Drafts
from cspxl.plan.workbook import write_plan_workbook
from cspxl.spreadsheets import platform
from tests.test_date_rules import police_returned

Q1 = parse_period("2023-24-Q1")
PORTABLE = bool(os.environ.get("CSPXL_PORTABLE_MODE"))


def test_the_workers_start_and_are_limited_as_this_system_allows() -> None:
    mode = platform.current()
    if PORTABLE or not sys.platform.startswith("linux"):  # as on Windows and macOS
        assert (mode.start_method, mode.kernel_limits, mode.name) == ("spawn", False, "portable")
    else:
        assert (mode.start_method, mode.kernel_limits) == ("forkserver", True)


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """``python -m cspxl`` in a process of its own, as a coordinator runs it."""
    return subprocess.run([sys.executable, "-m", "cspxl", *args], capture_output=True, timeout=300, check=False,
                          env={**os.environ, **(env or {})})


def test_python_m_cspxl_is_the_cspxl_command() -> None:
    done = run("--version")
    assert done.returncode == 0 and done.stdout.decode().strip().startswith("cspxl, version ")


def test_output_in_windows_code_page_never_fails_on_a_partners_name(tmp_path: Path) -> None:
    """Sent to a file in cp1252 (a Windows console's code page), a name with letters it lacks is written in
    plain letters, and the command ends as it should."""
    ws = init_workspace(tmp_path / "ws", __import__("cspxl").example_plan_path())
    plan = load_plan(ws.plan_path)
    partners = tuple(p.model_copy(update={"name": "Łódź Community Trust"}) if p.id == "clarion" else p
                     for p in plan.partners)
    write_plan_workbook(ws.plan_path, plan.model_copy(update={"partners": partners}))
    with freeze_time("2023-07-03"):
        generate(ws, Q1, ["clarion"])
    done = run("-w", str(ws.root), "status", "2023-24-Q1", "--as-of", "20/07/2023",
               env={"PYTHONIOENCODING": "cp1252", "COLUMNS": "120"})
    assert done.returncode == 0, done.stderr.decode("cp1252")
    said = done.stdout.decode("cp1252")
    assert "Lódz Community Trust" in said and "clarion" in said  # ó is in cp1252; Ł and ź are not


LONG = ("OneDrive - Sevenoaks District Council/Community Safety/Returns 2024-25/Q1 — received/"
        "Partners’ returns as they came in, by the day they arrived, for the partnership’s board/Zoë’s folder")


def test_a_workspace_and_inbox_deep_in_a_onedrive_folder_with_spaces_and_accents_work_end_to_end(
        tmp_path: Path) -> None:
    root = tmp_path / LONG
    assert len(str(root)) > 200
    root.mkdir(parents=True)
    ws = police_returned(root)
    runner = CliRunner()
    for args in (("status", "2023-24-Q1", "--as-of", "20/07/2023"),
                 ("consolidate", "2023-24-Q1", "--as-of", "20/07/2023"),
                 ("report", "2023-24-Q1", "--as-of", "20/07/2023"),
                 ("close", "2023-24-Q1", "--on", "20/07/2023")):
        result = runner.invoke(main, ["-w", str(ws.root), *args])
        assert result.exit_code == 0, (args, result.output)
    assert (ws.root / "master" / "Edge-CSP_2023-24-Q1_master.xlsx").is_file()
    inbox = root / "Q1 — received" / "Kent Police – corrected"
    with freeze_time("2023-07-03 09:00"):
        issued = generate(ws, Q1, ["council"])
    fill_return(issued["council"], inbox / "Council’s return (final).xlsx", {"A2": {"Status": "On track"}})
    result = runner.invoke(main, ["-w", str(ws.root), "ingest", str(inbox.parent), "--received", "18/07/2023"])
    assert result.exit_code == 1 and "held" in result.stdout  # Q1 was closed: held, from so deep a folder too


@pytest.mark.parametrize(("command", "locked"), [
    (("report", "2023-24-Q1", "--as-of", "24/07/2023"), "reports/Edge-CSP_2023-24-Q1_report.docx"),
    (("consolidate", "2023-24-Q1", "--as-of", "24/07/2023"), "master/Edge-CSP_2023-24-Q1_master.xlsx"),
    (("rollover", "2024-25"), "plan.xlsx"),
])
def test_a_file_open_in_excel_or_word_is_named_in_one_sentence_and_nothing_is_lost(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...], locked: str) -> None:
    """On Windows a workbook or document open in Excel or Word cannot be replaced: writing it raises
    PermissionError.  cspxl names the file to close, changes nothing else, and a run after it is closed
    completes."""
    ws = police_returned(tmp_path)
    runner = CliRunner()
    for earlier in (("report", "2023-24-Q1", "--as-of", "20/07/2023"),
                    ("consolidate", "2023-24-Q1", "--as-of", "20/07/2023")):
        assert runner.invoke(main, ["-w", str(ws.root), *earlier]).exit_code == 0
    target = ws.root / locked
    before = {p: p.read_bytes() for p in ws.root.rglob("*") if p.is_file() and "cspxl-cache" not in str(p)}
    with ws.register(readonly=True) as register:
        counts = register.counts()
    real_replace = os.replace

    def excel_has_it(src: object, dst: object) -> None:
        if Path(str(dst)) == target or Path(str(src)) == target:
            raise PermissionError(13, "The process cannot access the file because it is being used by another "
                                      "process", str(dst))
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", excel_has_it)
    result = runner.invoke(main, ["-w", str(ws.root), *command])
    assert result.exit_code == 1
    said = " ".join(result.stderr.split())
    assert said.startswith(f"Error: {target} is open in another program (or read-only), so it was not replaced; "
                           "close it and run the command again."), said
    assert target.read_bytes() == before[target]
    with ws.register(readonly=True) as register:
        assert register.counts() == counts
    assert not [p for p in ws.root.rglob("*.tmp.*")]  # no half-written file left behind
    monkeypatch.setattr(os, "replace", real_replace)
    assert runner.invoke(main, ["-w", str(ws.root), *command]).exit_code == 0


def test_text_with_windows_line_endings_reads_as_any_other(tmp_path: Path) -> None:
    """A template saved by Notepad (CRLF, the byte-order mark, or Windows' own code page) and a police.uk
    file with CRLF line endings."""
    from cspxl.crime import import_crime
    from cspxl.mail.rounds import send
    from tests.crime.test_import import KENT, street_file

    ws = Workspace(init_workspace(tmp_path / "ws", __import__("cspxl").example_plan_path()).root)
    (ws.root / "templates").mkdir()
    (ws.root / "templates" / "issue.txt").write_bytes(
        "Subject: Return for {{ partner }} – {{ period.label }}\r\n\r\nDear {{ contact_name }},\r\n\r\nPlease "
        "return it by {{ due }}.\r\n".encode("cp1252"))
    with freeze_time("2023-07-03 09:00"):
        done = send(ws, Q1, ["pcc"], via=Drafts(tmp_path / "drafts"))
    assert [d.outcome for d in done.deliveries] == ["drafted"]
    import email
    import email.policy

    draft = email.message_from_bytes(next((tmp_path / "drafts").glob("*.eml")).read_bytes(), policy=email.policy.default)
    assert draft["Subject"] == "Return for Kent Police & Crime Commissioner's Office – Q1 2023-24 (April to June 2023)"
    assert draft.get_body(("plain",)).get_content().splitlines()[:3] == [
        "Dear Priya Lakhani-Ward,", "", "Please return it by 14 July 2023."]
    crlf = street_file([("2023-06", KENT, "E01024400", "Sevenoaks 001A", "Burglary")]).replace(b"\r\n", b"\n")
    (tmp_path / "police").mkdir()
    (tmp_path / "police" / "2023-06-kent-street.csv").write_bytes(crlf.replace(b"\n", b"\r\n"))
    imported = import_crime(ws, [tmp_path / "police"], imported_at=datetime(2023, 7, 20))
    assert [(f.outcome, f.crimes) for f in imported.files] == [("imported", 1)]
