"""The register: an embedded SQLite file recording every submission, answer and problem, and the archive.

Each submission is recorded in one transaction, so a file is either wholly in the register or not
at all.  Nothing is ever deleted or overwritten: a later return supersedes an earlier one by being
the latest received, and both stay on record.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from ..errors import RegisterError, WorkspaceError
from ..identity import Identity
from ..periods import FinancialYear, Period, ReturnsFor, fy_label, parse_returns_for
from ..problems import Problem, Severity
from .closures import Closures, applied_view
from .convert import (
    answer_from_row,
    cells_from_json,
    figure_from_row,
    findings_to_json,
    iso,
    iso_until,
    record_from_row,
)
from .records import Answer, Figure, MessageRecord, Submission, SubmissionRecord, trusted
from .schema import SCHEMA, bring_up_to_date, into_wal, is_empty, upgrade
from .snapshot import Snapshot

if TYPE_CHECKING:
    from ..spreadsheets.write import Written

#: Seconds a writer waits for another (an ingest, the page's job, a command beside it) to let go of the register.
_PATIENCE = 60.0

# The latest received return wins; among returns received at the same moment, the one ingested last.
_CURRENT = "ORDER BY received_at DESC, id DESC LIMIT 1"


class Register(Closures):
    """The SQLite register of one workspace.  Use as a context manager, or call :meth:`close`.

    ``readonly`` opens it only to read (``status``, ``consolidate``): a missing register then reads
    as empty instead of being created, and a read-only file is fine.
    """

    def __init__(self, path: Path, archive_dir: Path, readonly: bool = False) -> None:
        self.path = Path(path)
        self.archive_dir = Path(archive_dir)
        self.readonly = readonly
        try:
            if readonly and not self.path.exists():
                self.db = sqlite3.connect(":memory:")
                self.db.executescript(SCHEMA)
            elif readonly:
                upgrade(self.path)
                # Not a file: URI with mode=ro: one for a path on a mapped or network drive (\\server\share)
                # has an authority SQLite refuses.  query_only (below) keeps this connection from changing the
                # file, and SQLite opens a write-protected file read-only by itself.
                self.db = sqlite3.connect(self.path, timeout=5)
                if is_empty(self.db):  # being made this moment by another process: nothing is in it yet
                    self.db.close()
                    self.db = sqlite3.connect(":memory:")
                    self.db.executescript(SCHEMA)
                self.db.execute("SELECT COUNT(*) FROM submissions").fetchone()
            else:
                # Another ingest may hold the write lock for a moment; wait rather than fail.
                self.db = sqlite3.connect(self.path, timeout=_PATIENCE)
                # Write-ahead logging lets the workers that check returns read the register while each
                # file is recorded.  synchronous=NORMAL syncs at checkpoints rather than every commit:
                # a crash of cspxl loses nothing; a power cut may lose the last few files recorded
                # (never corrupting the rest), and ingesting the folder again records them.
                into_wal(self.db, _PATIENCE)
                self.db.execute("PRAGMA synchronous = NORMAL")
                bring_up_to_date(self.db)
        except sqlite3.Error as exc:
            if hasattr(self, "db"):  # let go of the file (and any lock) now, not when the error is collected
                self.db.close()
            raise WorkspaceError(
                f"the register {self.path} cannot be {'read' if readonly else 'written'} ({exc}); "
                "check the workspace folder, or restore the register from your back-up."
            ) from exc
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys = ON")
        applied_view(self.db)
        if readonly:
            self.db.execute("PRAGMA query_only = ON")  # after the view, which is the connection's own

    def __enter__(self) -> Register:
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
        if isinstance(e, sqlite3.Error):  # the storage's own error goes no further than the register
            raise RegisterError(f"the register could not be updated ({e}); check the workspace folder and try "
                                "again.") from e

    def close(self) -> None:
        if not self.readonly:
            # Everything into register.sqlite itself, so a copy of that one file is a whole back-up
            # (worker processes reading it may keep the emptied -wal and -shm files for a while).
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()

    # Recording ---------------------------------------------------------------------------------

    def find(self, sha256: str) -> SubmissionRecord | None:
        row = self.db.execute("SELECT * FROM submissions WHERE sha256 = ?", (sha256,)).fetchone()
        return record_from_row(row) if row else None

    def record_issue(self, identity: Identity, content: bytes, file_name: str, issued_at: datetime,
                     cells: str | None = None) -> None:
        """Keep a copy of a return as generated, so what comes back can be compared with what went out.

        ``cells``, what was written on each sheet (as :func:`cells_to_json` encodes it, which the
        worker that wrote the return does), is kept too: ingest compares with that rather than
        reading the issued file again.
        """
        archived = self._archive(content, ".xlsx", hashlib.sha256(content).hexdigest())
        with self.db:
            self.db.execute(
                "INSERT OR IGNORE INTO issued (period, partner, issue, identity, file_name, archive_path, issued_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (identity.period, identity.partner, identity.issue, identity.payload(), file_name,
                 str(archived.relative_to(self.archive_dir.parent)), issued_at.isoformat()),
            )
            if cells is not None:
                self.db.execute("INSERT OR IGNORE INTO issued_cells VALUES (?, ?)", (identity.payload(), cells))

    def keep_plan(self, period: ReturnsFor, version: str, plan_json: str, workbook: bytes, generated_at: datetime) -> None:
        """Keep the plan a period's returns were generated from: the period is judged against it from
        now on, whatever later becomes of ``plan.xlsx``, until it is generated again."""
        archived = self._archive(workbook, ".xlsx", hashlib.sha256(workbook).hexdigest())
        with self.db:
            self.db.execute("INSERT OR IGNORE INTO plans VALUES (?, ?, ?, ?)",
                            (version, plan_json, str(archived.relative_to(self.archive_dir.parent)),
                             generated_at.isoformat()))
            last = self.db.execute("SELECT version FROM period_plans WHERE period = ? ORDER BY id DESC LIMIT 1",
                                   (str(period),)).fetchone()
            if last is None or last[0] != version:
                self.db.execute("INSERT INTO period_plans (period, version, generated_at) VALUES (?, ?, ?)",
                                (str(period), version, generated_at.isoformat()))

    def period_plan_version(self, period: ReturnsFor) -> str | None:
        """The version of the plan the period's returns were last generated from; ``None`` if never generated."""
        row = self.db.execute("SELECT version FROM period_plans WHERE period = ? ORDER BY id DESC LIMIT 1",
                              (str(period),)).fetchone()
        return str(row[0]) if row else None

    def kept_plan_json(self, version: str) -> str:
        """A plan kept by :meth:`keep_plan`, as JSON (a national plan's is megabytes: ask for it once)."""
        return str(self.db.execute("SELECT plan FROM plans WHERE version = ?", (version,)).fetchone()[0])

    def period_plan_versions(self) -> dict[ReturnsFor, str]:
        """Every period generated so far, with the version of the plan it was last generated from."""
        rows = self.db.execute("SELECT period, version FROM period_plans ORDER BY id").fetchall()
        return {parse_returns_for(period): str(version) for period, version in rows}

    def record_message(self, message: MessageRecord) -> None:
        """Note a message sent (``smtp``) or drafted (``draft``): who, what, when, and which file."""
        with self.db:
            self.db.execute(
                "INSERT INTO messages (period, partner, kind, mode, recipients, subject, message_id, attachment_sha256,"
                " file_name, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (message.period, message.partner, message.kind, message.mode, json.dumps(list(message.recipients)),
                 message.subject, message.message_id, message.attachment_sha256, message.file_name,
                 message.sent_at.isoformat()),
            )

    def messages(self, period: ReturnsFor, partner: str | None = None, kind: str | None = None,
                 until: datetime | None = None) -> list[MessageRecord]:
        """The messages recorded for a period (a partner, a kind), oldest first."""
        sql, args = "SELECT * FROM messages WHERE period = ? AND sent_at <= ?", [str(period), iso_until(until)]
        for column, value in (("partner", partner), ("kind", kind)):
            if value is not None:
                sql, args = sql + f" AND {column} = ?", [*args, value]
        return [MessageRecord(period=r["period"], partner=r["partner"], kind=r["kind"], mode=r["mode"],
                              recipients=tuple(json.loads(r["recipients"])), subject=r["subject"],
                              message_id=r["message_id"], attachment_sha256=r["attachment_sha256"],
                              file_name=r["file_name"], sent_at=datetime.fromisoformat(r["sent_at"]))
                for r in self.db.execute(sql + " ORDER BY sent_at, id", args)]

    def issued_periods(self, partner: str) -> dict[ReturnsFor, datetime]:
        """Each period a return was issued to a partner for, with when it was first issued."""
        rows = self.db.execute("SELECT period, MIN(issued_at) FROM issued WHERE partner = ? GROUP BY period", (partner,))
        return {parse_returns_for(period): datetime.fromisoformat(first) for period, first in rows}

    def issued_partners(self, period: ReturnsFor) -> set[str]:
        """Every partner issued a return for a period."""
        return {str(r[0]) for r in self.db.execute("SELECT DISTINCT partner FROM issued WHERE period = ?", (str(period),))}

    def sent_anything(self, period: ReturnsFor, partner: str) -> bool:
        """Whether any file from a partner for a period is in the register, held or not."""
        return self.db.execute("SELECT 1 FROM main.submissions WHERE period = ? AND partner = ? LIMIT 1",
                               (str(period), partner)).fetchone() is not None

    def revised_targets(self, partner: str, year: FinancialYear) -> set[tuple[str, str]]:
        """Each (action, revised target date as ISO) a partner has given in a return of the financial year
        ``year`` (``2024-25``) already in the register."""
        rows = self.db.execute("SELECT DISTINCT a.action_id, a.revised_target FROM answers AS a JOIN main.submissions "
                               "AS s ON s.id = a.submission_id WHERE s.partner = ? AND s.period LIKE ? "
                               "AND a.revised_target IS NOT NULL", (partner, f"{fy_label(year)}-Q_"))
        return {(str(action), str(day)) for action, day in rows}

    def issued_latest_file(self, period: ReturnsFor, partner: str) -> tuple[Path, str] | None:
        """The archived copy of the return issued last to a partner for a period, and its file name."""
        row = self.db.execute("SELECT archive_path, file_name FROM issued WHERE period = ? AND partner = ?"
                              " ORDER BY issue DESC LIMIT 1", (str(period), partner)).fetchone()
        return (self.archive_dir.parent / row[0], row[1]) if row else None

    def next_issue(self, period: ReturnsFor, partner: str) -> int:
        """The issue number the next return generated for a partner and period gets."""
        value = self.db.execute("SELECT MAX(issue) FROM issued WHERE period = ? AND partner = ?",
                                (str(period), partner)).fetchone()[0]
        return int(value or 0) + 1

    def latest_issue(self, period: ReturnsFor, partner: str) -> Identity | None:
        """The identity of the return issued last to a partner for a period."""
        row = self.db.execute("SELECT identity FROM issued WHERE period = ? AND partner = ? ORDER BY issue DESC LIMIT 1",
                              (str(period), partner)).fetchone()
        return Identity.model_validate_json(row[0]) if row else None

    def issued_cells(self, identity: Identity) -> Written | None:
        """What was written on each sheet of the return issued with this identity, if it was kept
        (returns generated before cspxl kept it have only their file)."""
        row = self.db.execute("SELECT cells FROM issued_cells WHERE identity = ?", (identity.payload(),)).fetchone()
        return cells_from_json(row[0]) if row else None

    def issued_file(self, identity: Identity) -> Path | None:
        """The archived copy of the return as it was issued with this identity, if cspxl kept one."""
        row = self.db.execute("SELECT archive_path FROM issued WHERE identity = ?", (identity.payload(),)).fetchone()
        path = self.archive_dir.parent / row[0] if row else None
        return path if path and path.is_file() else None

    def record(self, submission: Submission, content: bytes, source: Path, received_at: datetime,
               ingested_at: datetime, held_by: int | None = None) -> SubmissionRecord:
        """Archive the file's bytes and record the submission, its answers, figures and problems in one
        transaction; ``held_by`` (a close's id) holds it, unseen, until its period is reopened."""
        archived = str(self._archive(content, source.suffix, submission.sha256).relative_to(self.archive_dir.parent))
        with self.db:
            cur = self.db.execute(
                "INSERT INTO submissions (sha256, period, partner, file_name, source_path, archive_path, plan_version,"
                " identity, received_at, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (submission.sha256, submission.period, submission.partner, submission.file_name, str(source),
                 archived, submission.identity.plan_version, submission.identity.payload(), received_at.isoformat(),
                 ingested_at.isoformat()),
            )
            sid = int(cur.lastrowid or 0)
            self.db.executemany(
                "INSERT INTO answers (submission_id, action_id, sheet_row, status, percent, date_completed,"
                " revised_target, progress, support_needed, needs_correction, personal)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(sid, a.action_id, a.row, a.status, a.percent, iso(a.date_completed), iso(a.revised_target),
                  a.progress, a.support_needed, int(a.needs_correction), findings_to_json(a.personal))
                 for a in submission.answers],
            )
            self.db.executemany(
                "INSERT INTO figures (submission_id, measure_id, sheet_row, value, comment, needs_correction, personal)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(sid, f.measure_id, f.row, f.value, f.comment, int(f.needs_correction), findings_to_json(f.personal))
                 for f in submission.figures],
            )
            self.db.executemany(
                "INSERT INTO indicator_figures (submission_id, indicator_id, quarter, sheet_row, value, comment,"
                " needs_correction, personal) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(sid, f.indicator_id, f.quarter, f.row, f.value, f.comment, int(f.needs_correction),
                  findings_to_json(f.personal)) for f in submission.indicator_figures],
            )
            self.db.executemany(
                "INSERT INTO recommendation_updates (submission_id, recommendation_id, sheet_row, status, evidence,"
                " date_implemented, reason, needs_correction, personal, reason_personal)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(sid, u.recommendation_id, u.row, u.status, u.evidence, iso(u.date_implemented), u.reason,
                  int(u.needs_correction), findings_to_json(u.personal), findings_to_json(u.reason_personal))
                 for u in submission.recommendations],
            )
            self.db.executemany(
                "INSERT INTO problems (submission_id, code, severity, message, fix, file, sheet, cell, action_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(sid, p.code, p.severity.value, p.message, p.fix, p.file, p.sheet, p.cell, p.action)
                 for p in submission.problems],
            )
            if held_by is not None:
                self.db.execute("INSERT INTO held (submission_id, closure_id) VALUES (?, ?)", (sid, held_by))
        return SubmissionRecord(
            id=sid, sha256=submission.sha256, period=submission.period, partner=submission.partner,
            file_name=submission.file_name, source_path=str(source), archive_path=archived,
            plan_version=submission.identity.plan_version, received_at=received_at, ingested_at=ingested_at)

    def keep_file(self, content: bytes, suffix: str) -> str:
        """Keep a file cspxl wrote (a paper as presented), unchanged, in the archive; its path there,
        relative to the workspace."""
        archived = self._archive(content, suffix, hashlib.sha256(content).hexdigest())
        return archived.relative_to(self.archive_dir.parent).as_posix()

    def _archive(self, content: bytes, suffix: str, sha256: str) -> Path:
        """Keep the file, unchanged, as ``archive/ab/abcdef….ext`` (atomically; once per content)."""
        target = self.archive_dir / sha256[:2] / f"{sha256}{suffix.lower()}"
        if target.exists():
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming.")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(content)
            os.chmod(tmp, 0o444)
            os.replace(tmp, target)
        finally:
            Path(tmp).unlink(missing_ok=True)
        return target

    # Questions ---------------------------------------------------------------------------------

    def submissions(self, period: ReturnsFor, partner: str | None = None,
                    until: datetime | None = None) -> list[SubmissionRecord]:
        """Every submission for a period (and partner) received up to ``until``, in the order received."""
        sql, args = "SELECT * FROM applied WHERE period = ? AND received_at <= ?", [str(period), iso_until(until)]
        if partner is not None:
            sql, args = sql + " AND partner = ?", [*args, partner]
        rows = self.db.execute(sql + " ORDER BY received_at, id", args).fetchall()
        return [record_from_row(r) for r in rows]

    def current(self, period: ReturnsFor, partner: str, until: datetime | None = None) -> SubmissionRecord | None:
        """The return that counts: the one received last (then ingested last), up to ``until``."""
        row = self.db.execute(
            f"SELECT * FROM applied WHERE period = ? AND partner = ? AND received_at <= ? {_CURRENT}",
            (str(period), partner, iso_until(until))).fetchone()
        return record_from_row(row) if row else None

    def answers(self, submission_id: int) -> dict[str, Answer]:
        rows = self.db.execute("SELECT * FROM answers WHERE submission_id = ? ORDER BY sheet_row", (submission_id,))
        return {r["action_id"]: answer_from_row(r) for r in rows}

    def figures(self, submission_id: int) -> dict[str, Figure]:
        rows = self.db.execute("SELECT * FROM figures WHERE submission_id = ? ORDER BY sheet_row", (submission_id,))
        return {r["measure_id"]: figure_from_row(r) for r in rows}

    def problems(self, submission_id: int) -> list[Problem]:
        rows = self.db.execute("SELECT * FROM problems WHERE submission_id = ? ORDER BY id", (submission_id,))
        return [trusted(Problem, code=r["code"], severity=Severity(r["severity"]), message=r["message"], fix=r["fix"],
                        file=r["file"], sheet=r["sheet"], cell=r["cell"], action=r["action_id"]) for r in rows]

    def current_answers(self, period: ReturnsFor, partner: str, until: datetime | None = None) -> dict[str, Answer]:
        """The answers of the current return of a partner for a period (accepted or not)."""
        return self.as_at(until, whole_periods=False).answers(period, partner)

    def as_at(self, until: datetime | None = None, whole_periods: bool = True) -> Snapshot:
        """The answers received up to ``until``, each period (or each partner's answers for a period,
        without ``whole_periods``) read once: for a view of many quarters."""
        return Snapshot(self.db, until, whole_periods)

    def completed_earlier(self, period: Period, leads: Mapping[Period, Mapping[str, str]],
                          until: datetime | None = None) -> dict[str, Answer]:
        """The actions completed in an earlier quarter of ``period``'s year and not reopened since
        (see :meth:`Snapshot.completed_earlier`), reading only the leads asked about."""
        return self.as_at(until, whole_periods=False).completed_earlier(period, leads)

    def latest_accepted(self, leads: Mapping[Period, Mapping[str, str]], until: datetime | None = None) -> dict[str, Answer]:
        """Each action's latest accepted answer with a status (see :meth:`Snapshot.latest_accepted`),
        reading only the leads asked about."""
        return self.as_at(until, whole_periods=False).latest_accepted(leads)

    def counts(self) -> dict[str, int]:
        """How many submissions, answers, figures and problems the register holds (to show nothing changed)."""
        return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("submissions", "answers", "figures", "problems")}


