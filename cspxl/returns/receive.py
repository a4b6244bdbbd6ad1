"""Ingest: read returned files, whatever their names and order, check them, and record them.

A file is identified by its signed identity, never by its name.  Answers are read by Action ID,
so sorted or re-ordered rows are fine.  What people really type is normalised; everything else
becomes a :class:`~cspxl.problems.Problem` at its cell.  Rows with errors need correction; the
rest of the same return is accepted.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from ..cells import a1, clean_text, normalise_status, normalise_yes_no, parse_a1, parse_date, parse_percent, preview
from ..errors import IdentityFailure, ReadError, UsageError
from ..identity import IDENTITY_SHEET, Identity, verify
from ..periods import Period
from ..plan import Plan, load_plan
from ..problems import Problem, Report, Severity, problem
from ..progress import Progress
from ..register.records import Answer, Submission
from ..register.store import Register
from ..screening import Finding, Screener, hint, redact, screener_for
from ..spreadsheets.filetypes import CONTAINERS, identify
from ..spreadsheets.folders import Found, expand
from ..spreadsheets.read import Book, Cell, CellValue, Sheet, read_own_workbook, read_workbook
from ..spreadsheets.sandbox import Sandbox, Submitted, shared
from ..spreadsheets.write import CELL_LIMIT
from ..workspace import Workspace
from .layout import HEADERS, INPUT_HEADERS, RETURN_SHEET
from .tamper import changes

Outcome = Literal["accepted", "duplicate", "rejected", "skipped"]

_REQUIRED = ("Action ID", *INPUT_HEADERS)
_ATTENTION = ("At risk", "Off track")


class FileOutcome(BaseModel):
    """What happened to one file: accepted (possibly with row errors), a duplicate, rejected or skipped."""

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
        """True when a file was rejected, an accepted one had an error in a row, or nothing given
        was a return at all (exit status 1)."""
        return not self.any_returns or any(f.outcome == "rejected" or (f.outcome == "accepted" and f.errors)
                                           for f in self.files)

    @property
    def any_returns(self) -> bool:
        """Whether any file given was a return (taken now, or already in the register)."""
        return any(f.outcome in ("accepted", "duplicate") for f in self.files)

    def count(self, outcome: Outcome) -> int:
        return sum(f.outcome == outcome for f in self.files)


def ingest(
    workspace: Workspace,
    paths: Iterable[Path],
    received: datetime | None = None,
    on_file: Callable[[FileOutcome], None] | None = None,
    sandbox: Sandbox | None = None,
    assign: tuple[str, Period] | None = None,
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
    when = received or datetime.now()
    result = IngestResult()
    own = [workspace.plan_path, workspace.archive_dir, workspace.master_dir, workspace.returns_dir(None),
           workspace.key_path.parent, workspace.feedback_dir(None)]

    found = list(expand(paths, own))

    def done(outcome: FileOutcome) -> None:
        result.files.append(outcome)
        if on_file:
            on_file(outcome)
        if progress:
            progress(len(result.files), len(found))

    with workspace.register() as register:
        @functools.cache
        def check() -> _Check:
            """The plan is loaded only once a file needs checking: re-ingesting a folder parses nothing."""
            plan = load_plan(workspace.plan_path)
            return _Check(workspace.plan_path, plan.version, register.path, register.archive_dir, workspace.key,
                          _assignment(plan, register, assign))

        if assign is not None:
            check()  # an unknown partner, or one never issued a return, is refused before anything is read
        workers = sandbox or shared()

        def start(batch: list[tuple[Path, bytes, str]]) -> tuple[list[tuple[Path, bytes, str]], Submitted]:
            return batch, workers.submit(((path.name, content) for path, content, _ in batch), check())

        batch: list[tuple[Path, bytes, str]] = []
        recorded: set[str] = set()
        # One batch is read and checked in the workers while the one before is recorded here.
        waiting: tuple[list[tuple[Path, bytes, str]], Submitted] | None = None
        for item in found:
            if item.skip:
                done(_skipped(item.path, item.skip))
                continue
            early = _open(register, item)
            if isinstance(early, FileOutcome):
                done(early)
                continue
            batch.append((item.path, *early))
            if len(batch) >= _BATCH:
                started, batch = start(batch), []
                if waiting:
                    _record(register, *waiting, when, done, recorded)
                waiting = started
        for last in (waiting, start(batch) if batch else None):
            if last:
                _record(register, *last, when, done, recorded)
    return result


#: Files parsed together before they are recorded (keeps memory flat and progress moving).
_BATCH = 32


def _assignment(plan: Plan, register: Register, assign: tuple[str, Period] | None) -> Identity | None:
    """The identity last issued to the partner for the period, for files that have lost theirs."""
    if assign is None:
        return None
    partner_id, period = assign
    partner = plan.partner(partner_id)
    if partner is None:
        raise UsageError(f"partner '{partner_id}' is not in the plan's Partners sheet.")
    identity = register.latest_issue(str(period), partner.id)
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
        try:
            record = register.record(submission, content, path, received, datetime.now())
        except sqlite3.IntegrityError:  # another ingest recorded the same file a moment ago
            done(_duplicate(register, path, sha) or FileOutcome(path=str(path), outcome="duplicate"))
            continue
        recorded.add(sha)
        done(FileOutcome(path=str(path), outcome="accepted", partner=submission.partner, period=submission.period,
                         submission_id=record.id, problems=list(report)))


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
        plan = _worker_plan(self.plan_path, self.plan_version)
        return check_return(book, plan, self.key, hashlib.sha256(content).hexdigest(),
                            issued=lambda identity: _issued_book(register, identity), assign=self.assign)


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


def read_return(
    path: Path,
    plan: Plan,
    key_bytes: bytes,
    content: bytes | None = None,
    sha256: str | None = None,
    issued: Callable[[Identity], Book | None] | None = None,
) -> tuple[Submission | None, Report]:
    """Read one returned file against the plan: its submission (``None`` if rejected) and problems.

    ``issued`` finds the workbook as it was issued for an identity, so that changes outside the
    input cells can be reported (see :mod:`cspxl.returns.tamper`).
    """
    path = Path(path)
    content = path.read_bytes() if content is None else content
    try:
        book = read_workbook(path, content)
    except ReadError as exc:
        return None, Report(problems=[problem("file-unreadable", file=path.name, detail=str(exc), advice=exc.advice)])
    return check_return(book, plan, key_bytes, sha256 or hashlib.sha256(content).hexdigest(), issued)


def check_return(
    book: Book,
    plan: Plan,
    key_bytes: bytes,
    sha256: str,
    issued: Callable[[Identity], Book | None] | None = None,
    assign: Identity | None = None,
) -> tuple[Submission | None, Report]:
    """Check a workbook already read as a return of this workspace against the plan.

    ``assign`` is the identity issued to a partner for a period, to take a file that has lost its
    own identity as theirs (``--partner/--period``); it is refused unless the rows match it exactly.
    """
    path = book.path
    report = Report()
    try:
        identity = _identity(book, key_bytes)
    except IdentityFailure as failure:
        if failure.code != "identity-missing" or assign is None:
            report.add(problem(failure.code, file=path.name, value=failure.value))
            return None, report
        identity = assign
    if assign is not None and (identity.partner, identity.period) != (assign.partner, assign.period):
        report.add(problem("identity-conflict", file=path.name, value=f"{identity.partner} {identity.period}",
                           given=f"{assign.partner} {assign.period}"))
        return None, report
    if plan.partner(identity.partner) is None:
        report.add(problem("partner-not-in-plan", file=path.name, value=identity.partner))
        return None, report
    if book.kind == "xlsm":
        report.add(problem("macros-ignored", file=path.name))
    if book.partial:
        report.add(problem("read-in-part", file=path.name, value=book.partial))
    if book.external_links:
        report.add(problem("external-links-ignored", file=path.name, value=book.external_links))
    if identity.plan_version != plan.version:
        report.add(problem("plan-changed", file=path.name, value=f"issued {identity.issued:%d/%m/%Y}"))
    sheet = book.sheet(RETURN_SHEET)
    if sheet is None:
        report.add(problem("return-sheet-missing", file=path.name))
        return None, report
    screener = screener_for(plan.settings.allowed_names)
    reader = _ReturnReader(path.name, sheet, identity.actions, report, screener)
    answers = reader.read()
    if answers is None:
        return None, report
    if identity is assign:
        if any(p.code in ("action-unknown", "action-missing") for p in report):
            missing = sorted(set(identity.actions) - set(reader.rows))
            return None, Report(problems=[problem(
                "identity-assign-refused", file=path.name, value=identity.partner, period=identity.period,
                detail=f"missing {', '.join(missing)}" if missing else "it has rows for other actions")])
        report.add(problem("identity-assigned", file=path.name, value=identity.partner, period=identity.period))
    if not reader.typed:
        # The blank return as sent out (ingested by mistake) must never supersede a real one.
        return None, Report(problems=[problem("return-empty", file=path.name, sheet=sheet.name)])
    original = issued(identity) if issued else None
    if original is not None:
        report.extend(changes(path.name, book, sheet, reader.header_row, reader.cols, reader.rows, original))
    report = _capped(_screened(report, screener))
    submission = Submission(sha256=sha256, file_name=path.name,
                            identity=identity, answers=tuple(answers), problems=tuple(report))
    return submission, report


#: Warnings of one kind listed for one sheet before the rest are counted in a single line.
MAX_LISTED = 20
_CAPPED = ("typed-outside-inputs", "context-changed", "personal-data")


def _capped(report: Report) -> Report:
    """At most ``MAX_LISTED`` cells per sheet for the warnings that can run to thousands, then a count."""
    kept: list[Problem] = []
    extra: dict[tuple[str, str, str], int] = {}
    seen: dict[tuple[str, str], int] = {}
    for p in report:
        if p.code in _CAPPED:
            n = seen[(p.sheet, p.code)] = seen.get((p.sheet, p.code), 0) + 1
            if n > MAX_LISTED:
                extra[(p.file, p.sheet, p.code)] = extra.get((p.file, p.sheet, p.code), 0) + 1
                continue
        kept.append(p)
    for (file, sheet, code), n in extra.items():
        kept.append(problem("more-cells", file=file, sheet=sheet, value=f"{n:,}", kind=code))
    return Report(problems=kept)


def _identity(book: Book, key_bytes: bytes) -> Identity:
    """The verified identity from the very hidden identity sheet; :class:`IdentityFailure` if none."""
    sheet = book.sheet(IDENTITY_SHEET)
    if sheet is None:
        raise IdentityFailure("identity-missing")
    return verify(sheet.value(1, 1), sheet.value(2, 1), sheet.value(3, 1), key_bytes)


class _ReturnReader:
    """Reads the Return sheet's rows by Action ID, collecting problems at their cells."""

    def __init__(self, file: str, sheet: Sheet, issued: tuple[str, ...], report: Report, screener: Screener) -> None:
        self.file, self.sheet, self.issued, self.report = file, sheet, issued, report
        self.screener = screener
        #: Whether anything at all was typed in an input cell or outside them.
        self.typed = False
        #: Where the table was found: its header row, each header's column, each action's row.
        self.header_row, self.cols, self.rows = 0, dict[str, int](), dict[str, int]()

    def add(self, code: str, cell: str = "", action: str = "", **values: object) -> Problem:
        return self.report.add(problem(code, file=self.file, sheet=self.sheet.name, cell=cell, action=action, **values))

    def read(self) -> list[Answer] | None:
        header_row, cols = self._header()
        if header_row == 0:
            return None
        self.header_row, self.cols = header_row, cols
        self._merged(header_row, cols)
        for r, c, times in self.sheet.repeats:
            self.typed = True
            self.add("cells-repeated", a1(r, c), value=preview(clean_text(self.sheet.value(r, c))), times=f"{times:,}")
        by_id: dict[str, Answer] = {}
        known_cols = set(cols.values())
        id_col = cols["Action ID"]
        issued = {a.casefold(): a for a in self.issued}
        for r in self.sheet.row_numbers(after=header_row):
            raw_id = clean_text(self.sheet.value(r, id_col))
            action = issued.get(raw_id.casefold())
            if not raw_id:
                self._outside(r)
                continue
            if action is None and _looks_like_a_note(raw_id):
                self._outside(r)
                continue
            if action is None:
                self.add("action-unknown", a1(r, id_col), value=preview(raw_id))
                continue
            if action in by_id:
                self.add("action-duplicate", a1(r, id_col), action, value=self.rows[action])
                by_id[action] = by_id[action].model_copy(update={"needs_correction": True})
                continue
            errors_before = len(self.report.errors)
            answer = self._answer(r, action, cols)
            by_id[action], self.rows[action] = answer, r
            if len(self.report.errors) > errors_before:
                by_id[action] = answer.model_copy(update={"needs_correction": True})
            self._outside(r, skip=known_cols)
        for action in self.issued:
            if action not in by_id:
                self.add("action-missing", action=action)
        return list(by_id.values())

    def _header(self) -> tuple[int, dict[str, int]]:
        """Find the header row (people insert rows above it) and the column of each known header."""
        best_row, best = self.sheet.find_header(HEADERS, within=30)
        missing = [h for h in _REQUIRED if h not in best]
        if missing:
            self.add("return-header-missing", a1(best_row or 1, 1), header=missing[0])
            return 0, {}
        return best_row, best

    def _merged(self, header_row: int, cols: dict[str, int]) -> None:
        inputs = {cols[h] for h in INPUT_HEADERS}
        for merged in self.sheet.merged:
            (r1, c1), (r2, c2) = (parse_a1(ref) for ref in merged.split(":"))
            if r2 > header_row and any(c1 <= c <= c2 for c in inputs):
                self.add("merged-inputs", merged.split(":")[0], value=merged)

    def _outside(self, row: int, skip: set[int] | frozenset[int] = frozenset()) -> None:
        """Warn about each filled cell of ``row`` outside the columns in ``skip``."""
        for c, cell in self.sheet.row_cells(row):
            if c in skip:
                continue
            text = clean_text(cell.value)
            if text:
                self.typed = True
                self.add("typed-outside-inputs", a1(row, c), value=preview(text))

    def _answer(self, r: int, action: str, cols: dict[str, int]) -> Answer:
        def cell(header: str) -> tuple[str, Cell]:
            return a1(r, cols[header]), self.sheet.get(r, cols[header])

        self.typed = self.typed or any(clean_text(cell(h)[1].value) for h in INPUT_HEADERS)

        where, c = cell("Status")
        status = normalise_status(c.value)
        if not clean_text(c.value):
            self.add("status-blank", where, action)
        elif status is None:
            self.add("status-unknown", where, action, value=preview(clean_text(c.value)))

        where, c = cell("% complete")
        percent = self._percent(where, action, c)

        completed = self._date(cell("Date completed"), action)
        revised = self._date(cell("Revised target date"), action)

        where, c = cell("Progress update")
        progress = self._free_text(where, action, "Progress update", c.value)
        personal = tuple(self.screener(progress))
        for f in personal:
            self.add("personal-data", where, action, **_described(progress, f, "Progress update"))
        if status in _ATTENTION and not progress:
            self.add("update-required", where, action, value=status)
        if status == "Completed":
            where, c = cell("Date completed")
            if not clean_text(c.value):  # a date that cannot be read has its own problem there already
                self.add("completed-without-date", where, action)
            if percent is not None and percent < 100:
                self.add("completed-below-100", cell("% complete")[0], action, value=percent)

        where, c = cell("Support needed")
        support = normalise_yes_no(c.value)
        if clean_text(c.value) and support is None:
            self.add("support-invalid", where, action, value=preview(clean_text(c.value)))

        return Answer(action_id=action, row=r, status=status, percent=percent, date_completed=completed,
                      revised_target=revised, progress=progress, support_needed=support, personal=personal)

    def _percent(self, where: str, action: str, c: Cell) -> int | None:
        """The whole percentage typed; ``None``, with a problem at the cell, when there is none to record."""
        if not clean_text(c.value):
            return None
        number, readings = parse_percent(c.value, c.number_format)
        if readings is not None:
            low, high = readings
            self.add("percent-ambiguous", where, action, value=preview(clean_text(c.value)), low=f"{low:g}",
                     high=f"{high:g}")
            return None
        if number is None:
            self.add("percent-invalid", where, action, value=preview(clean_text(c.value)))
            return None
        if not 0 <= number <= 100:
            self.add("percent-out-of-range", where, action, value=f"{number:g}")
            return None
        percent = int(number + 0.5)
        if percent != number:
            self.add("percent-rounded", where, action, value=f"{number:g}", rounded=percent)
        return percent

    def _free_text(self, where: str, action: str, header: str, value: CellValue) -> str:
        """Free text as the partner wrote it, less what no cell can show; too long is an error."""
        text = _text(value)
        cleaned = _CONTROL.sub("", text)
        if cleaned != text:
            shown = ", ".join(sorted({f"U+{ord(ch):04X}" for ch in _CONTROL.findall(text)})[:3])
            self.add("control-characters-removed", where, action, header=header, value=shown)
        if len(cleaned) > CELL_LIMIT:
            self.add("text-too-long", where, action, header=header, value=f"{len(cleaned):,}")
        return cleaned

    def _date(self, place: tuple[str, Cell], action: str) -> date | None:
        where, c = place
        if not clean_text(c.value):
            return None
        value = parse_date(c.value)
        if value is None:
            self.add("date-invalid", where, action, value=preview(clean_text(c.value)))
        return value


def _described(text: str, finding: Finding, header: str, offset: int = 0) -> dict[str, object]:
    """What a personal-data warning says of a finding: its kind and place (in characters from
    ``offset``, where the partner's text starts), never the identifier in full."""
    return {"header": header, "kind": finding.kind, "hint": hint(text, finding), "first": finding.start - offset + 1,
            "last": finding.end - offset}


def _screened(report: Report, screener: Screener) -> Report:
    """The report with any personal data in the partner's text it quotes (a note typed outside the
    inputs, a changed title) replaced by placeholders, and a personal-data warning for each."""
    out = Report()
    for p in report:
        findings = screener(p.message) if p.code != "personal-data" else []
        if not findings:
            out.add(p)
            continue
        out.add(p.model_copy(update={"message": redact(p.message, findings)}))
        for f in findings:
            quoted = p.message.rfind("'", 0, f.start) + 1  # problems quote what was typed: '…'
            out.add(problem("personal-data", file=p.file, sheet=p.sheet, cell=p.cell, action=p.action,
                            **_described(p.message, f, "text typed in this cell", quoted)))
    return out


def _looks_like_a_note(text: str) -> bool:
    """Action IDs are short codes; a sentence typed in column A is a note, not an unknown action."""
    return len(text) > 20 or len(text.split()) > 2


#: Characters XML 1.0 (and so a cell) cannot hold; tab and newline are kept.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _text(value: object) -> str:
    """A free-text answer as the partner wrote it (trimmed, Windows line ends made plain); numbers
    and dates as they read."""
    if isinstance(value, date):  # a datetime too
        return f"{value:%d/%m/%Y}"
    return clean_text(value).replace("\r\n", "\n").replace("\r", "\n")
