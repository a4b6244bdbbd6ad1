"""Receiving returns (``ingest``): whatever files come back, under any names, checked and recorded.

Files and folders are walked; each file is told by its bytes, read and checked in worker
processes with limits (:mod:`cspxl.spreadsheets.sandbox`, :mod:`cspxl.returns.check`), and
recorded in the register in its own transaction while the next batch is read.  A rejected file
changes nothing; input files are only ever read.
"""

from __future__ import annotations

import functools
import hashlib
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from ..errors import ReadError, UsageError
from ..identity import Identity
from ..periods import ReturnsFor, parse_returns_for
from ..plan import Plan, load_plan
from ..problems import Problem, Report, Severity, problem
from ..progress import Progress
from ..register import Register, Submission
from ..spreadsheets import Book, Cell, Sheet, read_own_workbook
from ..spreadsheets.filetypes import CONTAINERS, identify
from ..spreadsheets.folders import Found, expand
from ..spreadsheets.sandbox import Sandbox, Submitted, shared
from ..workspace import Workspace, kept_plan
from .check import check_return, period_of
from .late import earlier_period_form, held_for, said_before

Outcome = Literal["accepted", "held", "duplicate", "rejected", "skipped"]


class FileOutcome(BaseModel):
    """What happened to one file: accepted (possibly with row errors), held (its period is closed), a
    duplicate, rejected or skipped."""

    path: str
    outcome: Outcome
    partner: str = ""
    period: str = ""
    submission_id: int | None = None
    problems: list[Problem] = []

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


class IngestResult(BaseModel):
    files: list[FileOutcome] = []

    @property
    def failed(self) -> bool:
        """True when a file was rejected or held, an accepted one had an error in a row, or nothing given
        was a return at all (exit status 1)."""
        return not self.any_returns or any(f.outcome in ("rejected", "held") or (f.outcome == "accepted" and f.errors)
                                           for f in self.files)

    @property
    def any_returns(self) -> bool:
        """Whether any file given was a return (taken now, held, or already in the register)."""
        return any(f.outcome in ("accepted", "held", "duplicate") for f in self.files)

    def count(self, outcome: Outcome) -> int:
        return sum(f.outcome == outcome for f in self.files)


def ingest(
    workspace: Workspace,
    paths: Iterable[Path],
    received: datetime | None = None,
    on_file: Callable[[FileOutcome], None] | None = None,
    sandbox: Sandbox | None = None,
    assign: tuple[str, ReturnsFor] | None = None,
    progress: Progress | None = None,
) -> IngestResult:
    """Ingest files and folders (recursively) into the workspace register and archive.

    ``received`` is when the returns arrived (default: now).  Files are parsed in worker processes
    with memory and time limits (``sandbox``), then each is recorded in its own transaction; a
    rejected file changes nothing.  Input files are only ever read.  ``assign`` (partner ID,
    period) takes files that have lost their identity as that partner's return, if their rows
    match the actions issued to them.  ``progress(done, total)`` is called as each file is dealt with.
    """
    workspace.require()
    result = IngestResult()
    found = list(expand(paths, workspace.own_folders))

    def done(outcome: FileOutcome) -> None:
        result.files.append(outcome)
        if on_file:
            on_file(outcome)
        if progress:
            progress(len(result.files), len(found))

    with workspace.register() as register:
        intake = _Intake(workspace, register, sandbox or shared(), received or datetime.now(), done, assign)
        for item in found:
            intake.take(item)
        intake.finish()
    return result


class _Intake:
    """Files taken one at a time, read and checked in the workers a batch at a time, and recorded
    here: one batch is read and checked while the one before is recorded."""

    def __init__(self, workspace: Workspace, register: Register, workers: Sandbox, received: datetime,
                 done: Callable[[FileOutcome], None], assign: tuple[str, ReturnsFor] | None) -> None:
        self.workspace, self.register, self.workers, self.received, self.done = workspace, register, workers, received, done
        self.assign = assign
        self.batch: list[tuple[Path, bytes, str]] = []
        self.waiting: tuple[list[tuple[Path, bytes, str]], Submitted] | None = None
        #: The hashes recorded so far: a file given twice is found here, not by asking the register again.
        self.recorded: set[str] = set()
        if assign is not None:
            _ = self.check  # an unknown partner, or one never issued a return, is refused before anything is read

    @functools.cached_property
    def check(self) -> _Check:
        """What the workers do with each file; the plan is loaded only once a file needs checking, so
        re-ingesting a folder parses nothing."""
        plan = self.workspace.plan
        return _Check(self.workspace.plan_path, plan.version, self.register.path, self.register.archive_dir,
                      self.workspace.key, _assignment(plan, self.register, self.assign))

    def take(self, item: Found) -> None:
        if item.skip:
            self.done(_skipped(item.path, item.skip))
            return
        early = _open(self.register, item)
        if isinstance(early, FileOutcome):
            self.done(early)
            return
        self.batch.append((item.path, *early))
        if len(self.batch) >= _BATCH:
            started, self.batch = self._start(self.batch), []
            if self.waiting:
                self._record(*self.waiting)
            self.waiting = started

    def finish(self) -> None:
        for last in (self.waiting, self._start(self.batch) if self.batch else None):
            if last:
                self._record(*last)

    def _start(self, batch: list[tuple[Path, bytes, str]]) -> tuple[list[tuple[Path, bytes, str]], Submitted]:
        return batch, self.workers.submit(((path.name, content) for path, content, _ in batch), self.check)

    def _record(self, batch: list[tuple[Path, bytes, str]], checked: Submitted) -> None:
        _record(self.register, batch, checked, self.received, self.done, self.recorded)


#: Files parsed together before they are recorded (keeps memory flat and progress moving).
_BATCH = 32


def _assignment(plan: Plan, register: Register, assign: tuple[str, ReturnsFor] | None) -> Identity | None:
    """The identity last issued to the partner for the period, for files that have lost theirs."""
    if assign is None:
        return None
    partner_id, period = assign
    partner = plan.partner(partner_id)
    if partner is None:
        raise UsageError(f"partner '{partner_id}' is not in the plan's Partners sheet.")
    identity = register.latest_issue(period, partner.id)
    if identity is None:
        raise UsageError(f"no return was issued to {partner.id} for {period}, so no file can be taken as theirs; "
                         "run 'cspxl generate' first.")
    return identity


def _open(register: Register, found: Found) -> FileOutcome | tuple[bytes, str]:
    """The file's bytes and hash, or its outcome already: unreadable, known by its content, or
    (found in a folder under a name no workbook has) not a workbook, by its bytes."""
    path = found.path
    try:
        with path.open("rb") as f:
            head = f.read(4096)
            if found.by_bytes and not head.startswith(CONTAINERS):  # a PDF, a text file: its start says so
                return _skipped(path, f"skipped: the file {identify(head).what}")
            content = head + f.read()
    except OSError as exc:
        p = problem("file-unreadable", file=path.name, detail=f"cannot be opened ({exc.strerror or type(exc).__name__})",
                    advice="check the file is not open in another program and try again")
        return FileOutcome(path=str(path), outcome="rejected", problems=[p])
    if found.by_bytes and (verdict := identify(content)).kind is None:
        return _skipped(path, f"skipped: the file {verdict.what}")
    sha = hashlib.sha256(content).hexdigest()
    return _duplicate(register, path, sha) or (content, sha)


def _skipped(path: Path, reason: str) -> FileOutcome:
    return FileOutcome(path=str(path), outcome="skipped", problems=[problem("file-skipped", file=path.name,
                                                                           value=reason)])


def _duplicate(register: Register, path: Path, sha: str) -> FileOutcome | None:
    """The content hash comes first: a file already in the register costs no parsing."""
    known = register.find(sha)
    if known is None:
        return None
    p = problem("file-duplicate", file=path.name, value=f"{known.ingested_at:%d/%m/%Y %H:%M}")
    return FileOutcome(path=str(path), outcome="duplicate", partner=known.partner, period=known.period,
                       submission_id=known.id, problems=[p])


def _record(register: Register, batch: list[tuple[Path, bytes, str]], checked: Submitted, received: datetime,
            done: Callable[[FileOutcome], None], recorded: set[str]) -> None:
    """Record each file of a batch as its check comes back from the workers, one transaction each.

    ``recorded`` holds the hashes recorded so far by this ingest: a file given twice is found
    there, rather than by asking the register about every file again.
    """
    for (path, content, sha), result in zip(batch, checked.results(), strict=True):
        if sha in recorded and (again := _duplicate(register, path, sha)) is not None:  # the same file twice
            done(again)
            continue
        if isinstance(result, ReadError):
            p = problem("file-unreadable", file=path.name, detail=str(result), advice=result.advice)
            done(FileOutcome(path=str(path), outcome="rejected", problems=[p]))
            continue
        submission, report = result
        if submission is None:
            done(FileOutcome(path=str(path), outcome="rejected", problems=list(report)))
            continue
        submission = said_before(register, submission)
        closed, said = held_for(register, submission)
        said = said or earlier_period_form(register, submission, received)
        submission = submission.model_copy(update={"problems": (*submission.problems, *said)})
        try:
            record = register.record(submission, content, path, received, datetime.now(),
                                     held_by=closed.id if closed else None)
        except sqlite3.IntegrityError:  # another ingest recorded the same file a moment ago
            done(_duplicate(register, path, sha) or FileOutcome(path=str(path), outcome="duplicate"))
            continue
        recorded.add(sha)
        done(FileOutcome(path=str(path), outcome="held" if closed else "accepted", partner=submission.partner,
                         period=submission.period, submission_id=record.id, problems=list(submission.problems)))


@dataclass(frozen=True)
class _Check:
    """What a worker does with each book it has read: check it as a return against the plan.

    It carries only names (the register, the plan's version) so that it pickles small; each worker
    loads the plan and opens the register read-only once.
    """

    plan_path: Path
    plan_version: str
    register_path: Path
    archive_dir: Path
    key: bytes
    assign: Identity | None

    def __call__(self, book: Book, content: bytes) -> tuple[Submission | None, Report]:
        register = _worker_register(self.register_path, self.archive_dir)
        return check_return(book, self._plan(register, book), self.key, hashlib.sha256(content).hexdigest(),
                            issued=lambda identity: _issued_book(register, identity), assign=self.assign)

    def _plan(self, register: Register, book: Book) -> Plan:
        """The plan of the period the file is a return for (the one its returns were last generated
        from); the plan as it stands for a file of no period, or of one never generated."""
        signed = period_of(book, self.key) or (self.assign.period if self.assign else None)
        kept = kept_plan(register, parse_returns_for(signed)) if signed else None
        return kept if kept is not None else _worker_plan(self.plan_path, self.plan_version)


@functools.lru_cache(maxsize=4)
def _worker_register(path: Path, archive_dir: Path) -> Register:
    return Register(path, archive_dir, readonly=True)


@functools.lru_cache(maxsize=2)
def _worker_plan(path: Path, version: str) -> Plan:
    plan = load_plan(path)
    if plan.version != version:
        raise ReadError("was read while the plan changed", "run 'cspxl ingest' again")
    return plan


def _issued_book(register: Register, identity: Identity) -> Book | None:
    """The return as cspxl issued it, or ``None`` if not kept.

    That is the cells the register kept when it was generated; a return generated by an older
    cspxl has only its archived file, which is read again.
    """
    cells = register.issued_cells(identity)
    if cells is not None:
        sheets = [Sheet(name, cells={rc: Cell(value) for rc, value in sheet.items()}) for name, sheet in cells.items()]
        return Book(path=Path(f"{identity.partner} {identity.period} issue {identity.issue}"), sheets=sheets)
    path = register.issued_file(identity)
    return _read_issued(path) if path else None


@functools.lru_cache(maxsize=64)
def _read_issued(path: Path) -> Book:
    return read_own_workbook(path)


