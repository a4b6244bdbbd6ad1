"""Nothing already recorded is lost or changed: interrupted ingests, held-open masters, ingests at once."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from freezegun import freeze_time

from cspxl import Register, WriteError, consolidate, generate, ingest, parse_period
from cspxl.demo.partners import fill_return
from cspxl.register import Register as RegisterClass

Q1 = parse_period("2023-24-Q1")


@pytest.fixture
def inbox(workspace, tmp_path: Path) -> list[Path]:
    with freeze_time("2023-07-03"):
        issued = generate(workspace, Q1, ["pcc", "kcc", "icb"])
    first = {"pcc": "A05", "kcc": "A14", "icb": "A28"}
    return [fill_return(issued[p], tmp_path / "inbox" / f"{p}.xlsx", {a: {"Status": "On track"}}) for p, a in first.items()]


def consistent(ws) -> dict[str, int]:
    """The register's counts, after checking every submission has its answers and its archived file."""
    with Register(ws.register_path, ws.archive_dir) as reg:
        assert reg.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        orphans = reg.db.execute("SELECT COUNT(*) FROM answers WHERE submission_id NOT IN (SELECT id FROM submissions)")
        assert orphans.fetchone()[0] == 0
        for (archived,) in reg.db.execute("SELECT archive_path FROM submissions"):
            assert (ws.root / archived).is_file()
        return reg.counts()


class Crash(Exception):
    pass


def test_a_crash_after_the_archive_copy_leaves_the_register_as_it_was_and_a_rerun_completes(
        workspace, inbox, monkeypatch) -> None:
    real_archive = RegisterClass._archive

    def archive_then_crash(self, content, suffix, sha):  # noqa: ANN001, ANN202
        real_archive(self, content, suffix, sha)
        raise Crash("power cut after the archive copy")

    monkeypatch.setattr(RegisterClass, "_archive", archive_then_crash)
    with pytest.raises(Crash):
        ingest(workspace, inbox, received=datetime(2023, 7, 10))
    assert consistent(workspace) == {"submissions": 0, "answers": 0, "figures": 0, "problems": 0}
    monkeypatch.undo()
    result = ingest(workspace, inbox, received=datetime(2023, 7, 10))
    assert [f.outcome for f in result.files] == ["accepted"] * 3
    assert consistent(workspace)["submissions"] == 3


def test_a_crash_after_the_register_write_keeps_what_was_recorded_and_a_rerun_completes(workspace, inbox) -> None:
    def crash_after_first(outcome) -> None:  # noqa: ANN001
        if outcome.outcome == "accepted":
            raise Crash("stopped after the first file was recorded")

    with pytest.raises(Crash):
        ingest(workspace, inbox, received=datetime(2023, 7, 10), on_file=crash_after_first)
    assert consistent(workspace)["submissions"] == 1
    result = ingest(workspace, inbox, received=datetime(2023, 7, 10))
    assert [f.outcome for f in result.files] == ["duplicate", "accepted", "accepted"]
    assert consistent(workspace)["submissions"] == 3


def test_the_archive_never_overwrites_a_file(workspace, inbox) -> None:
    import hashlib

    sha = hashlib.sha256(inbox[0].read_bytes()).hexdigest()
    kept = workspace.archive_dir / sha[:2] / f"{sha}.xlsx"
    kept.parent.mkdir(parents=True, exist_ok=True)  # the folder of a file already archived may share its prefix
    kept.write_bytes(inbox[0].read_bytes())
    os.chmod(kept, 0o444)
    before = kept.stat().st_mtime_ns
    ingest(workspace, inbox[:1], received=datetime(2023, 7, 10))
    assert kept.stat().st_mtime_ns == before and kept.read_bytes() == inbox[0].read_bytes()


def test_a_master_held_open_is_left_intact_and_the_command_says_so(workspace, inbox, monkeypatch, tmp_path) -> None:
    ingest(workspace, inbox, received=datetime(2023, 7, 10))
    out = tmp_path / "master.xlsx"
    with freeze_time("2023-07-20"):
        consolidate(workspace, Q1, out=out)
    before = out.read_bytes()

    def held_open(src, dst) -> None:  # noqa: ANN001
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(os, "replace", held_open)
    with pytest.raises(WriteError, match="is open in another program .* The previous file is unchanged"):
        with freeze_time("2023-07-21"):
            consolidate(workspace, Q1, out=out)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx" or p.name.endswith(".tmp.xlsx")] == ["master.xlsx"]


def test_two_ingests_at_once_record_each_file_once(workspace, inbox) -> None:
    code = ("import sys; from datetime import datetime; from pathlib import Path; from cspxl import Workspace, ingest; "
            "ingest(Workspace(Path(sys.argv[1])), [Path(p) for p in sys.argv[2:]], received=datetime(2023, 7, 10))")
    runs = [subprocess.Popen([sys.executable, "-c", code, str(workspace.root), *map(str, order)])
            for order in (inbox, list(reversed(inbox)))]
    assert [r.wait(timeout=120) for r in runs] == [0, 0]
    counts = consistent(workspace)
    assert counts["submissions"] == 3
    with sqlite3.connect(workspace.register_path) as db:
        assert db.execute("SELECT COUNT(DISTINCT sha256) FROM submissions").fetchone()[0] == 3


def test_the_same_new_file_given_twice_in_one_ingest_is_recorded_once(workspace, inbox, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy" / "pcc again.xlsx"
    copy.parent.mkdir()
    shutil.copy(inbox[0], copy)
    result = ingest(workspace, [inbox[0], *inbox[1:], copy], received=datetime(2023, 7, 10))
    assert [f.outcome for f in result.files] == ["accepted", "accepted", "accepted", "duplicate"]
    assert result.files[3].submission_id == result.files[0].submission_id
    assert consistent(workspace)["submissions"] == 3


def test_a_register_made_before_the_email_round_existed_still_reads(workspace, inbox) -> None:
    ingest(workspace, inbox, received=datetime(2023, 7, 10))
    with sqlite3.connect(workspace.register_path) as db:
        db.execute("DROP TABLE messages")  # as an earlier cspxl left it
    with freeze_time("2023-07-20"):
        consolidate(workspace, Q1, out=workspace.root / "m.xlsx")
    assert consistent(workspace)["submissions"] == 3


def test_after_an_ingest_everything_recorded_is_in_the_register_file_itself(workspace, tmp_path: Path) -> None:
    from cspxl.demo.partners import fill_return

    with freeze_time("2023-07-03"):
        issued = generate(workspace, parse_period("2023-24-Q1"), ["pcc"])["pcc"]
    fill_return(issued, tmp_path / "in" / "pcc.xlsx", {"A05": {"Status": "On track"}})
    ingest(workspace, [tmp_path / "in"], received=datetime(2023, 7, 10))
    wal = workspace.register_path.with_name("register.sqlite-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # a copy of register.sqlite alone is a whole back-up
    copy = tmp_path / "backup.sqlite"
    copy.write_bytes(workspace.register_path.read_bytes())
    with sqlite3.connect(copy) as db:
        assert db.execute("SELECT COUNT(*) FROM submissions").fetchone() == (1,)


def test_a_file_ingested_again_is_a_duplicate_and_changes_nothing(workspace, inbox, tmp_path: Path) -> None:
    import shutil

    from click.testing import CliRunner

    from cspxl.cli import main

    with freeze_time("2023-07-10 14:30"):
        ingest(workspace, inbox[:1], received=datetime(2023, 7, 10, 9))
    before = consistent(workspace)
    again = Path(shutil.copy(inbox[0], tmp_path / "pcc return (2).xlsx"))  # the same bytes under another name
    with freeze_time("2023-07-20 09:00"):
        result = ingest(workspace, [again], received=datetime(2023, 7, 20, 9))
        said = CliRunner().invoke(main, ["-w", str(workspace.root), "ingest", str(again), "--received", "20/07/2023"])
    (outcome,) = result.files
    assert (outcome.outcome, outcome.partner, outcome.period) == ("duplicate", "pcc", "2023-24-Q1")
    assert [(p.code, p.severity.value, str(p)) for p in outcome.problems] == [
        ("file-duplicate", "info",
         "pcc return (2).xlsx: This file was already ingested on 10/07/2023 14:30; nothing changed. Nothing to do.")]
    assert not result.failed
    assert consistent(workspace) == before
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        (record,) = reg.submissions("2023-24-Q1", "pcc")
    assert (record.file_name, record.received_at) == ("pcc.xlsx", datetime(2023, 7, 10, 9))  # not received again
    assert said.exit_code == 0, said.output
    assert said.stdout.splitlines() == [f"already in {again} pcc 2023-24-Q1", "1 duplicate"]


def test_every_archived_file_is_read_only_for_everyone_in_a_folder_of_its_hash(workspace, inbox) -> None:
    ingest(workspace, inbox, received=datetime(2023, 7, 10))
    archived = sorted(p for p in workspace.archive_dir.rglob("*") if p.is_file())
    assert len(archived) == 3 + 3 + 1  # each return as issued and as it came back, and the plan it was issued from
    assert {oct(p.stat().st_mode & 0o777) for p in archived} == {"0o444"}
    # Kept as archive/ab/abcdef….xlsx, by the hash of their bytes: the README's layout.
    assert all(p.parent.name == p.name[:2] and p.parent.parent == workspace.archive_dir for p in archived)


def test_a_register_that_cannot_be_opened_says_whether_for_reading_or_writing(workspace, tmp_path: Path) -> None:
    from cspxl import WorkspaceError

    not_a_register = tmp_path / "register.sqlite"
    not_a_register.write_bytes(b"this is not a database" * 100)
    with pytest.raises(WorkspaceError, match="cannot be read"):
        RegisterClass(not_a_register, workspace.archive_dir, readonly=True)
    with pytest.raises(WorkspaceError, match="cannot be written"):
        RegisterClass(not_a_register, workspace.archive_dir)


def test_a_period_generated_again_from_the_same_plan_keeps_one_record_of_it(workspace) -> None:
    with freeze_time("2023-07-03"):
        generate(workspace, Q1, ["pcc"])
        generate(workspace, Q1, ["kcc"])
    with RegisterClass(workspace.register_path, workspace.archive_dir, readonly=True) as reg:
        rows = reg.db.execute("SELECT period, version FROM period_plans").fetchall()
    assert [tuple(r) for r in rows] == [(str(Q1), workspace.plan.version)]
