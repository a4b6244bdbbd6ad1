"""The command line: exit statuses, one-sentence errors, and the commands end to end on real files."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from freezegun import freeze_time

from cspxl.cli import main
from cspxl.demo.partners import fill_return
from cspxl.mail.channels import Drafts
from tests.conftest import sheet_rows, write_book


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def ws(tmp_path: Path) -> str:
    code, out, _ = run("init", str(tmp_path / "ws"), "--example")
    assert code == 0 and "signing.key" in out
    return str(tmp_path / "ws")


def test_init_check_generate_ingest_status_consolidate(ws: str, tmp_path: Path) -> None:
    code, out, _ = run("-w", ws, "check")
    assert code == 0 and ("plan.xlsx is valid: 12 partners, 7 priorities, 45 actions, 12 measures, 5 indicators, "
                          "6 recommendations for 2023-24") in out

    with freeze_time("2023-07-03"):
        code, out, _ = run("-w", ws, "generate", "Q1 2023-24", "--partner", "kent-police", "--partner", "kcc")
    assert code == 0 and "Generated 2 returns for 2023-24-Q1." in out
    police = Path(ws) / "returns" / "2023-24-Q1" / "Sevenoaks-CSP_2023-24-Q1_Kent-Police.xlsx"
    filled = fill_return(police, tmp_path / "inbox" / "kp.xlsx", {"A01": {"Status": "On track"}})

    code, out, err = run("-w", ws, "ingest", str(filled.parent), "--received", "10/07/2023 14:30")
    assert code == 0, err
    assert "1 accepted" in out and f"accepted {filled} kent-police 2023-24-Q1" in out and not err

    code, out, _ = run("-w", ws, "status", "2023-24-q1", "--as-of", "2023-07-20")
    assert code == 0 and "Received" in out and "Overdue" in out
    assert "12 expected: 1 received, 11 overdue." in out

    master = tmp_path / "out" / "master.xlsx"
    code, out, _ = run("-w", ws, "consolidate", "2023-24 Q1", "--as-of", "20/07/2023", "--out", str(master))
    assert code == 0 and str(master) in out.replace("\n", "")
    returns = {r["Partner ID"]: r for r in sheet_rows(master, "Returns")}
    assert returns["kent-police"]["Received on"] == datetime(2023, 7, 10)
    assert returns["kcc"]["Return status"] == "Overdue"


def test_ingest_exits_1_when_a_row_has_an_error_and_when_a_file_is_rejected(ws: str, tmp_path: Path) -> None:
    with freeze_time("2023-07-03"):
        run("-w", ws, "generate", "2023-24-Q1", "--partner", "kent-police")
    police = next((Path(ws) / "returns" / "2023-24-Q1").glob("*.xlsx"))
    bad_row = fill_return(police, tmp_path / "a" / "kp.xlsx", {"A01": {"Status": "Purple"}})
    code, out, err = run("-w", ws, "ingest", str(bad_row))
    assert code == 1 and "Return!J" in out and "status-unknown" in out
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a workbook")
    code, out, err = run("-w", ws, "ingest", str(junk))
    assert code == 1 and f"rejected {junk}" in out and "Traceback" not in out + err


def test_check_lists_problems_with_cells_and_exits_2(tmp_path: Path) -> None:
    plan = write_book(tmp_path / "plan.xlsx", {
        "Settings": [["Key", "Value"], ["Partnership", "X"], ["Short name", "X"], ["Financial year", "2023-24"],
                     ["Coordinator name", "Ann"], ["Coordinator email", "ann@example.org"]],
        "Partners": [["Partner ID", "Partner name", "Contact name", "Contact email"], ["kent-police", "Kent Police"]],
        "Priorities": [["Priority ID", "Priority"], ["P1", "ASB"]],
        "Actions": [["Action ID", "Priority ID", "Action", "Success measure", "Lead partner", "Supporting partners",
                     "Target date"], ["A1", "P1", "Patrol", "", "kent-polce", "", "31/12/2023"]],
    })
    code, out, err = run("check", str(plan))
    assert code == 2
    assert "plan.xlsx · Actions!E2: Lead partner 'kent-polce' is not in Partners. Use a Partner ID" in out
    assert "1 error" in err


@pytest.mark.parametrize(
    ("args", "says"),
    [(["generate", "2023-Q1"], "is not a period"),
     (["status", "Q5 2023-24"], "is not a period"),
     (["consolidate", "2023-24-Q1", "--as-of", "31/02/2023"], "is not a date"),
     (["ingest", "nowhere.xlsx"], "does not exist"),
     (["ingest", ".", "--received", "10/07/2023 24:30"], "is not a date"),
     (["ingest", ".", "--received", "10/07/2099"], "is in the future")],
)
def test_bad_usage_exits_2_with_a_clear_message(ws: str, args: list[str], says: str) -> None:
    code, _, err = run("-w", ws, *args)
    assert code == 2 and says in err and "Traceback" not in err


def test_commands_outside_a_workspace_say_how_to_make_one(tmp_path: Path) -> None:
    code, _, err = run("-w", str(tmp_path), "generate", "2023-24-Q1")
    assert code == 2
    assert "is not a cspxl workspace (no plan.xlsx); run 'cspxl init DIR'" in " ".join(err.split())


def test_init_never_overwrites_a_workspace(ws: str) -> None:
    key = (Path(ws) / "key" / "signing.key").read_bytes()
    code, _, err = run("init", ws)
    assert code == 2 and "already holds a cspxl workspace" in err
    assert (Path(ws) / "key" / "signing.key").read_bytes() == key
    assert oct((Path(ws) / "key" / "signing.key").stat().st_mode & 0o777) == "0o600"


def test_a_plan_with_errors_is_never_used(ws: str) -> None:
    wb = openpyxl.load_workbook(Path(ws) / "plan.xlsx")
    wb["Actions"]["E2"] = "kent-polce"
    wb.save(Path(ws) / "plan.xlsx")
    code, out, err = run("-w", ws, "generate", "2023-24-Q1")
    assert code == 2 and "Actions!E2" in err and "run 'cspxl check'" in " ".join(err.split())
    assert not (Path(ws) / "returns").exists()


@pytest.mark.slow  # the demo's whole year
def test_demo_runs_the_whole_cycle_and_ends_with_the_master(tmp_path: Path) -> None:
    code, out, _ = run("demo", str(tmp_path / "demo"))
    assert code == 0
    master = Path(out.strip().splitlines()[-1])
    assert master == tmp_path / "demo" / "master" / "Sevenoaks-CSP_2023-24-Q2_master.xlsx"
    returns = {r["Partner ID"]: r["Return status"] for r in sheet_rows(master, "Returns")}
    assert returns["clarion"] == "Overdue" and returns["kcc"] == "Received late"
    actions = sheet_rows(master, "Actions")
    assert any(a["Needs correction"] == "Yes" for a in actions)
    # Partners sent figures: Kent Fire & Rescue typed "tbc" for M05 in Q2, so it has none and is Grey.
    measures = {r["Measure ID"]: r for r in sheet_rows(master, "Measures") if r["Measure ID"]}
    assert (measures["M05"]["Value"], measures["M05"]["Previous value"], measures["M05"]["RAG"]) == (None, 14, "Grey")
    assert sum(m["Value"] is not None for m in measures.values()) == 11
    # The shipped police.uk-format sample was imported: Q2's burglaries (July to September 2023) and a year before.
    crime = {r["Crime type"]: r for r in sheet_rows(master, "Crime context") if r["Priority"]}
    assert (crime["Burglary"]["This quarter"], crime["Burglary"]["Same quarter last year"]) == (8, 2)
    code, _, err = run("demo", str(tmp_path / "demo"))
    assert code == 2 and "is not empty" in err


def test_python_m_cspxl_and_help() -> None:
    done = subprocess.run([sys.executable, "-m", "cspxl", "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    for command in ("init", "check", "generate", "ingest", "status", "consolidate", "demo"):
        assert command in done.stdout


def test_a_damaged_register_is_one_sentence_not_a_traceback(ws: str) -> None:
    (Path(ws) / "register.sqlite").write_text("garbage")
    for args in (["status", "2023-24-Q1"], ["ingest", ws]):
        code, _, err = run("-w", ws, *args)
        assert code == 2 and "register" in err and "cannot be" in err and "Traceback" not in err


def test_messages_keep_the_case_of_paths(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "ws")[0] == 0
    code, _, err = run("init", "ws")
    assert code == 2 and "Error: ws already holds a cspxl workspace" in err


def test_ingesting_the_workspace_itself_skips_cspxls_own_files(ws: str, tmp_path: Path) -> None:
    with freeze_time("2023-07-03"):
        run("-w", ws, "generate", "2023-24-Q1", "--partner", "pcc")
    police = next((Path(ws) / "returns" / "2023-24-Q1").glob("*.xlsx"))
    fill_return(police, Path(ws) / "inbox" / "pcc.xlsx", {"A05": {"Status": "On track"}})
    fill_return(police, Path(ws) / "feedback" / "2023-24-Q1" / "pcc_for-correction.xlsx", {"A05": {"Status": "x"}})
    code, out, err = run("-w", ws, "ingest", ws)
    assert code == 0, err
    assert "1 accepted" in out and "rejected" not in out


def test_lock_files_named_on_the_command_line_are_skipped_too(ws: str, tmp_path: Path) -> None:
    for name in ("~$kp.xlsx", ".~lock.kp.xlsx#"):
        (tmp_path / name).write_bytes(b"\x00owner")
    code, out, err = run("-w", ws, "ingest", str(tmp_path / "~$kp.xlsx"), str(tmp_path / ".~lock.kp.xlsx#"))
    # Skipped with the reason, and nothing given was a return, so the command did not succeed.
    assert code == 1 and "rejected" not in out
    assert out.splitlines() == [
        f"skipped {tmp_path / '~$kp.xlsx'}: a lock file (left while the workbook was open in Excel or LibreOffice), "
        "not a return",
        f"skipped {tmp_path / '.~lock.kp.xlsx#'}: a lock file (left while the workbook was open in Excel or "
        "LibreOffice), not a return",
        "2 skipped",
        f"No return was found in {tmp_path / '~$kp.xlsx'} {tmp_path / '.~lock.kp.xlsx#'}.",
    ]


def test_status_fits_an_80_column_terminal_and_says_who_must_correct(tmp_path: Path, monkeypatch) -> None:
    from cspxl import generate, ingest, init_workspace, load_plan, parse_period, write_plan_workbook
    from cspxl.cli.output import out
    from cspxl.mail.rounds import chase, send

    monkeypatch.setattr(out, "width", 80)
    ws = init_workspace(tmp_path / "ws")
    example = load_plan(__import__("cspxl").example_plan_path())
    long_id = "west-kent-housing-assn"  # 22 characters
    plan = example.model_validate_json(example.model_dump_json().replace('"wkha"', f'"{long_id}"'))
    write_plan_workbook(ws.plan_path, plan)
    q1 = parse_period("2023-24-Q1")
    with freeze_time("2023-07-03 09:00"):
        issued = generate(ws, q1)
        send(ws, q1, via=Drafts(tmp_path / "drafts"))
    pcc = fill_return(issued["pcc"], tmp_path / "pcc.xlsx", {"A05": {"Status": "Green"}, "A23": {"Status": "done"}})
    kcc = fill_return(issued["kcc"], tmp_path / "kcc.xlsx", {"A14": {"Status": "On track", "% complete": 0.5}})
    ingest(ws, [pcc, kcc], received=datetime(2023, 7, 10, 9))
    for day in ("2023-07-12 09:00", "2023-07-17 09:00"):
        with freeze_time(day):
            chase(ws, q1, via=Drafts(tmp_path / "drafts"))
    wkha = fill_return(issued[long_id], tmp_path / "wkha.xlsx",
                       {a.id: {"Status": "On track"} for a, _ in plan.actions_for(long_id)})
    ingest(ws, [wkha], received=datetime(2023, 7, 18, 9))
    code, out, _ = run("-w", str(ws.root), "status", "2023-24-Q1", "--as-of", "20/07/2023")
    assert code == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80, out
    ids = {p.id for p in plan.partners}
    rows = {line.split()[0]: line.split()[1:] for line in lines if line.split() and line.split()[0] in ids}
    assert len(rows) == 12, out  # every partner ID whole, at the start of its row
    # Return, arrived, days late, files, errors, warnings, sent, chased (a draft's "draft" may wrap below)
    # A warning for each blank status and each recommendation of a review left without an update
    assert rows[long_id][:7] == ["Received", "late", "18/07", "4", "1", "1", "03/07"]
    assert rows["kcc"][:5] == ["Received", "10/07", "1", "18", "03/07"]
    assert rows["pcc"][:5] == ["Received", "10/07", "1", "2", "3"]
    assert rows["clarion"][:4] == ["Overdue", "6", "03/07", "17/07"]
    assert " ".join(lines[-3:]).split("12 expected")[-1] == (
        ": 2 received, 1 received late, 9 overdue. 4 actions overdue. Must correct: pcc (2 errors) (run 'cspxl "
        "feedback 2023-24-Q1'). Warnings only, to read: kcc (18 warnings), west-kent-housing-assn (1 warning).")


def test_ingest_says_what_each_file_in_a_folder_is_and_prints_it_as_the_command_output(ws: str, tmp_path: Path,
                                                                                         monkeypatch) -> None:
    with freeze_time("2023-07-03"):
        run("-w", ws, "generate", "2023-24-Q1", "--partner", "pcc", "--partner", "kcc")
    issued = {p.name.split("-")[-1]: p for p in (Path(ws) / "returns" / "2023-24-Q1").glob("*.xlsx")}
    inbox = tmp_path / "inbox"
    fill_return(issued["Office.xlsx"], inbox / "a" / "CSP_return.xlsx", {"A05": {"Status": "On track"}})
    (inbox / "b").mkdir()
    (inbox / "b" / "CSP_return.xlsx").write_text("Action ID,Status\nA14,On track\n")  # a CSV renamed
    fill_return(issued["Council.xlsx"], inbox / "kcc return", {"A14": {"Status": "On track"}})  # no extension
    (inbox / "minutes.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (inbox / "notes.txt").write_text("Remember to chase Clarion.\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("-w", ws, "ingest", "inbox", "--received", "10/07/2023")
    assert code == 1 and err == ""  # a file was rejected
    # Each verdict as the file is dealt with: what is not a workbook at once, the rest once read.
    verdicts = sorted(line for line in out.splitlines() if not line.startswith(("warning", "error", "info")))
    assert verdicts == [
        "2 accepted, 1 rejected, 2 skipped",
        "accepted inbox/a/CSP_return.xlsx pcc 2023-24-Q1",
        "accepted inbox/kcc return kcc 2023-24-Q1",
        "rejected inbox/b/CSP_return.xlsx",
        "skipped inbox/minutes.pdf: the file is a PDF document, not a workbook",
        "skipped inbox/notes.txt: the file is a text file (a CSV, perhaps), not a workbook",
    ]
    assert "CSP_return.xlsx: The file is a text file (a CSV, perhaps)" in out

    litter = tmp_path / "litter"
    litter.mkdir()
    (litter / "signature.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    code, out, _ = run("-w", ws, "ingest", "litter")
    assert code == 1  # a folder in which nothing was a return is not a success
    assert out.splitlines() == ["skipped litter/signature.png: the file is a PNG image, not a workbook", "1 skipped",
                                "No return was found in litter."]


def test_generate_out_writes_the_returns_to_the_folder_given(ws: str, tmp_path: Path) -> None:
    out_dir = tmp_path / "to send"
    with freeze_time("2023-07-03"):
        code, out, _ = run("-w", ws, "generate", "2023-24-Q1", "--partner", "pcc", "--partner", "icb",
                           "--out", str(out_dir))
    assert code == 0
    pcc = out_dir / "Sevenoaks-CSP_2023-24-Q1_Kent-Police-and-Crime-Commissioners-Office.xlsx"
    icb = out_dir / "Sevenoaks-CSP_2023-24-Q1_NHS-Kent-and-Medway-Integrated-Care-Board.xlsx"
    assert sorted(out_dir.iterdir()) == [pcc, icb]
    assert [line.split(maxsplit=1) for line in out.splitlines()] == [
        ["pcc", str(pcc)], ["icb", str(icb)], ["Generated", "2 returns for 2023-24-Q1."]]
    assert not (Path(ws) / "returns" / "2023-24-Q1").exists()
    # They are the returns issued: filled in, one comes back in.
    filled = fill_return(pcc, tmp_path / "inbox" / "pcc.xlsx", {"A05": {"Status": "On track"}})
    code, out, _ = run("-w", ws, "ingest", str(filled), "--received", "10/07/2023")
    assert code == 0 and f"accepted {filled} pcc 2023-24-Q1" in out


def test_ingest_partner_and_period_take_a_file_that_lost_its_identity(ws: str, tmp_path: Path) -> None:
    with freeze_time("2023-07-03"):
        run("-w", ws, "generate", "2023-24-Q1", "--partner", "pcc")
    issued = next((Path(ws) / "returns" / "2023-24-Q1").glob("*.xlsx"))
    filled = fill_return(issued, tmp_path / "pcc.xlsx", {"A05": {"Status": "On track", "Progress update": "Cameras in."}})
    wb = openpyxl.load_workbook(filled)
    del wb["cspxl"]  # as a program that drops hidden sheets would send it back
    bare = tmp_path / "inbox" / "pcc from the web.xlsx"
    bare.parent.mkdir()
    wb.save(bare)

    code, out, _ = run("-w", ws, "ingest", str(bare), "--received", "10/07/2023")
    assert code == 1 and f"rejected {bare}" in out and "(identity-missing)" in out
    code, out, err = run("-w", ws, "ingest", str(bare), "--partner", "pcc")
    assert code == 2 and "give --partner and --period together." in err
    code, out, err = run("-w", ws, "ingest", str(bare), "--received", "10/07/2023", "--partner", "pcc",
                         "--period", "Q1 2023-24")
    assert code == 0, out + err
    assert f"accepted {bare} pcc 2023-24-Q1" in out and "(identity-assigned)" in out
    code, out, _ = run("-w", ws, "status", "2023-24-Q1", "--as-of", "20/07/2023")
    assert "pcc" in out and "12 expected: 1 received, 11 overdue." in " ".join(out.split())


@pytest.mark.parametrize(("width", "shown"), [
    (120, {"pcc": "Kent Police & Crime Commissioner's Office", "kcc": "Kent County Council", "sdc":
           "Sevenoaks District Council"}),
    (80, {"pcc": "Kent Police …", "kcc": "Kent County …", "sdc": "Sevenoaks Di…"}),  # shortened, never wrapped
])
def test_status_shows_each_partners_name_under_its_id(ws: str, monkeypatch, width: int, shown: dict[str, str]) -> None:
    from cspxl.cli.output import out

    monkeypatch.setattr(out, "width", width)
    with freeze_time("2023-07-03"):
        run("-w", ws, "generate", "2023-24-Q1")
    code, said, _ = run("-w", ws, "status", "2023-24-Q1", "--as-of", "20/07/2023")
    lines = said.splitlines()
    under = {line.split()[0]: lines[n + 1].strip() for n, line in enumerate(lines[:-1]) if line.split()
             and line.split()[0] in shown}
    table = lines[:next(n for n, line in enumerate(lines) if line.startswith("12 expected"))]
    assert code == 0 and under == shown and max(map(len, table)) <= width


def test_a_register_that_cannot_be_written_is_one_sentence_and_exit_status_1(ws: str, tmp_path: Path,
                                                                            monkeypatch) -> None:
    import sqlite3

    from cspxl.register import Register

    def broken(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    with freeze_time("2023-07-03"):
        run("-w", ws, "generate", "2023-24-Q1", "--partner", "pcc")
    issued = next((Path(ws) / "returns" / "2023-24-Q1").glob("*.xlsx"))
    filled = fill_return(issued, tmp_path / "pcc.xlsx", {"A05": {"Status": "On track"}})
    monkeypatch.setattr(Register, "record", broken)
    code, _, err = run("-w", ws, "ingest", str(filled))
    assert code == 1
    assert " ".join(err.split()) == ("Error: the register could not be updated (disk I/O error); check the workspace "
                                     "folder and try again.")
