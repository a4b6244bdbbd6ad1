"""Checking one returned workbook: whose return it is, its rows, and what changed outside them.

A file is identified by its signed identity, never by its name.  Rows with errors need
correction; the rest of the same return is accepted.  Personal data in text a problem quotes is
replaced before the problem is kept, and warnings that can run to thousands are counted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from ..errors import IdentityFailure, ReadError
from ..identity import IDENTITY_SHEET, Identity, verify
from ..periods import AssessmentRound, parse_assessment, parse_period
from ..plan import Plan
from ..problems import Problem, Report, problem
from ..register import Submission
from ..screening import Screener, redact, screener_for
from ..spreadsheets import Book, read_workbook
from .figures import FigureReader, figures_of, figures_shown_as_previous
from .indicators import IndicatorReader, indicators_of
from .layout import CONTEXT_HEADERS, HEADERS, RETURN_SHEET
from .recommendations import RecommendationReader, last_statuses_of, recommendation_inputs_of
from .rows import RowReader, described, inputs_of
from .tamper import Table, changes


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
    identity = _who(book, key_bytes, plan, assign, report)
    if identity is None:
        return None, report
    if (round_ := parse_assessment(identity.period)) is not None:
        return _data_return(book, plan, identity, round_, sha256, issued(identity) if issued else None, report)
    sheet = book.sheet(RETURN_SHEET)
    if sheet is None:
        report.add(problem("return-sheet-missing", file=path.name))
        return None, report
    screener = screener_for(plan.settings.allowed_names)
    original = issued(identity) if issued else None
    prefilled = inputs_of(original)[0] if original is not None else {}
    reader = RowReader(path.name, sheet, identity.actions, report, screener, plan.settings.financial_year, prefilled)
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
    before = figures_shown_as_previous(original or book)
    figures = FigureReader(path.name, plan, identity.measures, before, report, screener,
                           figures_of(original)[0] if original is not None else {})
    read_figures = figures.read(book) if identity.measures else []
    recs = RecommendationReader(path.name, identity.recommendations, parse_period(identity.period), report, screener,
                                recommendation_inputs_of(original)[0] if original is not None else {},
                                last_statuses_of(original), {r.id: r.made for r in plan.recommendations})
    read_recs = recs.read(book) if identity.recommendations else []
    if not reader.typed and not figures.typed and not recs.typed and not recs.nothing_asked(identity):
        # The blank return as sent out (ingested by mistake) must never supersede a real one.
        return None, Report(problems=[problem("return-empty", file=path.name, sheet=sheet.name)])
    if original is not None:
        tables = [Table(sheet, reader.header_row, reader.cols, reader.rows, HEADERS, CONTEXT_HEADERS)]
        tables += [t for t in (figures.table, recs.table) if t is not None]
        report.extend(changes(path.name, book, tables, original))
    report = _capped(_screened(report, screener))
    return Submission(sha256=sha256, file_name=path.name, identity=identity, answers=tuple(answers),
                      figures=tuple(read_figures), recommendations=tuple(read_recs), problems=tuple(report)), report


def _data_return(book: Book, plan: Plan, identity: Identity, round_: AssessmentRound, sha256: str, original: Book | None,
                 report: Report) -> tuple[Submission | None, Report]:
    """An assessment data return's Indicators sheet, read like a quarter's Measures sheet."""
    file = book.path.name
    screener = screener_for(plan.settings.allowed_names)
    prefilled = indicators_of(original, round_)[0] if original is not None else {}
    reader = IndicatorReader(file, plan, identity.indicators, round_, report, screener, prefilled)
    figures = reader.read(book)
    if figures is None:
        return None, report
    if not reader.typed:
        # The data return as sent out (ingested by mistake) must never supersede a real one.
        return None, Report(problems=[problem("data-return-empty", file=file, sheet=reader.sheet_name)])
    if original is not None and reader.table is not None:
        report.extend(changes(file, book, [reader.table], original))
    report = _capped(_screened(report, screener))
    return Submission(sha256=sha256, file_name=file, identity=identity, answers=(), indicator_figures=tuple(figures),
                      problems=tuple(report)), report


def _who(book: Book, key_bytes: bytes, plan: Plan, assign: Identity | None, report: Report) -> Identity | None:
    """Whose return the file is, and what it says of the file as a whole; ``None`` (with the
    problem in ``report``) when it cannot be taken as any partner's return."""
    file = book.path.name
    try:
        identity = _identity(book, key_bytes)
    except IdentityFailure as failure:
        if failure.code != "identity-missing" or assign is None:
            report.add(problem(failure.code, file=file, value=failure.value))
            return None
        identity = assign
    if assign is not None and (identity.partner, identity.period) != (assign.partner, assign.period):
        report.add(problem("identity-conflict", file=file, value=f"{identity.partner} {identity.period}",
                           given=f"{assign.partner} {assign.period}"))
        return None
    if plan.partner(identity.partner) is None:
        report.add(problem("partner-not-in-plan", file=file, value=identity.partner))
        return None
    if book.kind == "xlsm":
        report.add(problem("macros-ignored", file=file))
    if book.partial:
        report.add(problem("read-in-part", file=file, value=book.partial))
    if book.external_links:
        report.add(problem("external-links-ignored", file=file, value=book.external_links))
    if identity.plan_version != plan.version:
        report.add(problem("plan-changed", file=file, value=f"issued {identity.issued:%d/%m/%Y}"))
    return identity


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


def period_of(book: Book, key_bytes: bytes) -> str | None:
    """The period a workbook is a return for, by its identity; ``None`` if it has no valid one."""
    try:
        return _identity(book, key_bytes).period
    except IdentityFailure:
        return None


def _identity(book: Book, key_bytes: bytes) -> Identity:
    """The verified identity from the very hidden identity sheet; :class:`IdentityFailure` if none."""
    sheet = book.sheet(IDENTITY_SHEET)
    if sheet is None:
        raise IdentityFailure("identity-missing")
    return verify(sheet.value(1, 1), sheet.value(2, 1), sheet.value(3, 1), key_bytes)


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
                            **described(p.message, f, "text typed in this cell", quoted,
                                        kept="the problem that quotes it shows it removed")))
    return out


