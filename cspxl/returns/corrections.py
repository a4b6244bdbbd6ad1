"""Feedback: send a return back to a partner whose latest one needs correction.

The partner gets a fresh return (the same identity, a new issue number) pre-filled with everything
they sent, each problem cell in red with a comment saying what is wrong, and a Problems sheet
listing every problem.  Ingesting the corrected file supersedes the old one, as any later return does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from ..cells import a1, key, parse_a1
from ..errors import ReadError
from ..periods import AssessmentRound, ReturnsFor, parse_period, refuse_before
from ..plan import Settings
from ..problems import Problem, Severity
from ..register.indicators import current_indicator_figures
from ..register.recommendations import submission_updates
from ..spreadsheets import CellValue
from ..spreadsheets.sandbox import shared
from ..workdays import deadline
from ..workspace import Workspace
from .figures import COMMENT, FIGURE_HEADERS, FIGURE_INPUTS, MEASURES_SHEET, VALUE, figures_of
from .indicators import INDICATORS_SHEET, indicators_of, quarter_header
from .indicators import headers as indicator_headers
from .indicators import inputs as indicator_inputs
from .issue import chosen_partners, issue_return, standing_before
from .layout import HEADER_OF, HEADER_ROW, HEADERS, INPUT_HEADERS, RETURN_SHEET, return_file_names
from .recommendations import (
    DATE_IMPLEMENTED,
    EVIDENCE,
    REASON,
    REC_HEADERS,
    REC_INPUTS,
    RECOMMENDATIONS_SHEET,
    STATUS,
    recommendation_inputs_of,
    recommendation_rows,
)
from .rows import inputs_of
from .workbook import Corrections


def feedback(
    workspace: Workspace,
    period: ReturnsFor,
    partners: Iterable[str] = (),
    out_dir: Path | None = None,
    on_file: Callable[[Path], None] | None = None,
    on: date | None = None,
) -> dict[str, Path]:
    """Write a return for correction for each partner whose current return has errors, to be sent back on
    ``on`` (default today): the correction is due ``Correction days`` from then.

    Returns the path of each by partner ID; partners whose return is fine (or missing) get none.
    """
    on = refuse_before(on or date.today(), period.start, str(period))
    if isinstance(period, AssessmentRound):
        return _data_feedback(workspace, period, partners, out_dir, on_file, on)
    plan = workspace.plan_for(period)
    out = Path(out_dir) if out_dir else workspace.feedback_dir(period)
    names = return_file_names(plan, period)
    written: dict[str, Path] = {}
    with workspace.register() as register:
        for partner in chosen_partners(plan, list(partners)):
            current = register.current(period, partner.id)
            if current is None:
                continue
            problems = [p for p in register.problems(current.id) if p.severity is not Severity.INFO]
            answers, figures = register.answers(current.id), register.figures(current.id)
            updates = submission_updates(register, current.id)
            needs_correction = any(a.needs_correction for a in answers.values()) or any(
                f.needs_correction for f in figures.values()) or any(u.needs_correction for u in updates.values())
            if not any(p.severity is Severity.ERROR for p in problems) and not needs_correction:
                continue
            sent = _as_sent(workspace.root / current.archive_path)
            notes, flagged = _notes(problems, sent)
            path = out / names[partner.id].replace(".xlsx", "_for-correction.xlsx")
            rows = {a.id: HEADER_ROW + 1 + i for i, (a, _) in enumerate(plan.actions_for(partner.id))}
            rows |= {m.id: HEADER_ROW + 1 + i for i, m in enumerate(plan.measures_for(partner.id))}
            recs = recommendation_rows(plan, partner.id, standing_before(plan, register, period))
            rows |= {r.id: HEADER_ROW + 1 + i for i, (r, _) in enumerate(recs.rows)}
            corrections = Corrections(notes=notes, flagged=flagged, problems=_relocated(problems, sent, rows),
                                      due=correction_due(plan.settings, on))
            as_read: dict[str, dict[str, CellValue]] = {
                a: {h: getattr(answer, holds) for holds, h in HEADER_OF.items()} for a, answer in answers.items()}
            figures_read: dict[str, dict[str, CellValue]] = {m: {VALUE: f.value, COMMENT: f.comment}
                                                             for m, f in figures.items()}
            updates_read: dict[str, dict[str, CellValue]] = {
                r: {STATUS: u.status, EVIDENCE: u.evidence, DATE_IMPLEMENTED: u.date_implemented, REASON: u.reason}
                for r, u in updates.items()}
            issue_return(workspace, register, plan, partner.id, period, path, corrections,
                         _prefill(sent[RETURN_SHEET][0], as_read, flagged),
                         _prefill(sent[MEASURES_SHEET][0], figures_read, flagged), issued=on,
                         recommendations=_prefill(sent[RECOMMENDATIONS_SHEET][0], updates_read, flagged))
            written[partner.id] = path
            if on_file:
                on_file(path)
    return written


def _data_feedback(workspace: Workspace, round_: AssessmentRound, partners: Iterable[str], out_dir: Path | None,
                   on_file: Callable[[Path], None] | None, on: date) -> dict[str, Path]:
    """A data return for correction for each supplier whose current one has errors: pre-filled with every
    figure as they sent it, each problem cell noted (those in error in red), and a Problems sheet."""
    from .assessment import issue_data_return, suppliers

    plan = workspace.plan_for(round_)
    out = Path(out_dir) if out_dir else workspace.feedback_dir(round_)
    names = return_file_names(plan, round_)
    quarters = indicator_inputs(round_)
    written: dict[str, Path] = {}
    with workspace.register() as register:
        sent_now = current_indicator_figures(register, round_)
        for partner in suppliers(plan, partners):
            current = register.current(round_, partner.id)
            if current is None:
                continue
            problems = [p for p in register.problems(current.id) if p.severity is not Severity.INFO]
            figures = sent_now.get(partner.id, {})
            if not any(p.severity is Severity.ERROR for p in problems) and not any(
                    f.needs_correction for f in figures.values()):
                continue
            sent = _as_sent(workspace.root / current.archive_path, round_)
            notes, flagged = _notes(problems, sent, quarters)
            rows = {i.id: HEADER_ROW + 1 + n for n, i in enumerate(plan.indicators_for(partner.id))}
            corrections = Corrections(notes=notes, flagged=flagged, due=correction_due(plan.settings, on),
                                      problems=_relocated(problems, sent, rows, indicator_headers(round_)))
            read: dict[str, dict[str, CellValue]] = {}
            for (indicator, quarter), f in figures.items():
                row = read.setdefault(indicator, {COMMENT: f.comment})
                row[quarter_header(parse_period(quarter))] = f.value
            path = out / names[partner.id].replace(".xlsx", "_for-correction.xlsx")
            issue_data_return(workspace, register, plan, partner.id, round_, path, corrections,
                              _prefill(sent[INDICATORS_SHEET][0], read, flagged), issued=on)
            written[partner.id] = path
            if on_file:
                on_file(path)
    return written


def correction_due(settings: Settings, sent_back: date) -> date:
    """When a return sent back for correction on ``sent_back`` is due again: ``Correction days``
    later, or the next working day."""
    return deadline(sent_back, settings.correction_days)


#: Each sheet's input values by row ID and header as the partner sent them, and its columns' headers.
Sent = dict[str, tuple[dict[str, dict[str, CellValue]], dict[int, str]]]


def _header_at(p: Problem, sent: Sent) -> str:
    """The header of the column a problem's cell is in, on its sheet as sent ('' if none)."""
    columns = next((cols for name, (_, cols) in sent.items() if key(name) == key(p.sheet)), {})
    return columns.get(parse_a1(p.cell)[1], "") if p.cell else ""


def _notes(problems: list[Problem], sent: Sent, inputs: tuple[str, ...] = (*INPUT_HEADERS, *FIGURE_INPUTS, *REC_INPUTS),
           ) -> tuple[dict[tuple[str, str], str], frozenset[tuple[str, str]]]:
    """Every problem on each input cell (of the ``inputs`` columns), a line each, errors first; and the cells
    with an error."""
    notes: dict[tuple[str, str], list[Problem]] = {}
    for p in problems:
        header = _header_at(p, sent) if p.action else ""
        if header in inputs:
            notes.setdefault((p.action, header), []).append(p)
    flagged = frozenset(k for k, ps in notes.items() if any(p.severity is Severity.ERROR for p in ps))
    text = {k: "\n".join(f"{p.message}. {p.fix}" for p in sorted(ps, key=lambda p: p.severity is not Severity.ERROR))
            for k, ps in notes.items()}
    return text, flagged


def _prefill(sent: dict[str, dict[str, CellValue]], read: dict[str, dict[str, CellValue]],
             flagged: frozenset[tuple[str, str]]) -> dict[str, dict[str, CellValue]]:
    """What to pre-fill: the value as read where it was fine (a date typed as text becomes a date),
    and exactly what the partner sent where it was wrong, so they can see what to fix."""
    out: dict[str, dict[str, CellValue]] = {}
    for row_id, raw in sent.items():
        was = {h: None if value == "" else value for h, value in read.get(row_id, {}).items()}
        out[row_id] = {h: raw.get(h) if (row_id, h) in flagged or was.get(h) is None else was[h] for h in raw}
    return out


def _relocated(problems: list[Problem], sent: Sent, rows: dict[str, int],
               columns: tuple[str, ...] | None = None) -> list[Problem]:
    """Problems placed in the return sent back, whose rows are in plan order, not as the partner sorted them
    (``columns``: the one sheet's headers, for a data return)."""
    out = []
    for p in problems:
        header = _header_at(p, sent)
        headers = columns or {key(RETURN_SHEET): HEADERS, key(RECOMMENDATIONS_SHEET): REC_HEADERS}.get(
            key(p.sheet), FIGURE_HEADERS)
        if p.action in rows and header in headers:
            p = p.model_copy(update={"cell": a1(rows[p.action], headers.index(header) + 1)})
        elif p.cell:
            p = p.model_copy(update={"sheet": f"{p.sheet} (as sent)"})
        out.append(p)
    return out


def _as_sent(archived: Path, round_: AssessmentRound | None = None) -> Sent:
    """The input values of each row of the Return, Measures and Recommendations sheets as the partner sent them, and
    each column's header.

    The archived file is still the partner's (untrusted), so it is read in the sandbox again.
    """
    (book,) = shared().read([(archived.name, archived.read_bytes())])
    if isinstance(book, ReadError):  # pragma: no cover - it was read once already to be archived
        raise book
    if round_ is not None:
        return {INDICATORS_SHEET: indicators_of(book, round_)}
    return {RETURN_SHEET: inputs_of(book), MEASURES_SHEET: figures_of(book),
            RECOMMENDATIONS_SHEET: recommendation_inputs_of(book)}
