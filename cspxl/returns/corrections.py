"""Feedback: send a return back to a partner whose latest one needs correction.

The partner gets a fresh return (the same identity, a new issue number) pre-filled with everything
they sent, each problem cell in red with a comment saying what is wrong, and a Problems sheet
listing every problem.  Ingesting the corrected file supersedes the old one, as any later return does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from ..cells import a1, parse_a1
from ..errors import ReadError
from ..periods import Period
from ..plan import Settings
from ..problems import Problem, Severity
from ..register import Answer
from ..spreadsheets import CellValue
from ..spreadsheets.sandbox import shared
from ..workdays import deadline
from ..workspace import Workspace
from .issue import chosen_partners, issue_return
from .layout import HEADER_OF, HEADER_ROW, HEADERS, INPUT_HEADERS, return_file_names
from .rows import inputs_of
from .workbook import Corrections


def feedback(
    workspace: Workspace,
    period: Period,
    partners: Iterable[str] = (),
    out_dir: Path | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> dict[str, Path]:
    """Write a return for correction for each partner whose current return has errors.

    Returns the path of each by partner ID; partners whose return is fine (or missing) get none.
    """
    plan = workspace.plan_for(period)
    out = Path(out_dir) if out_dir else workspace.feedback_dir(period)
    names = return_file_names(plan, period)
    written: dict[str, Path] = {}
    with workspace.register() as register:
        for partner in chosen_partners(plan, list(partners)):
            current = register.current(str(period), partner.id)
            if current is None:
                continue
            problems = [p for p in register.problems(current.id) if p.severity is not Severity.INFO]
            answers = register.answers(current.id)
            if not any(p.severity is Severity.ERROR for p in problems) and not any(
                    a.needs_correction for a in answers.values()):
                continue
            sent, columns = _as_sent(workspace.root / current.archive_path)
            notes, flagged = _notes(problems, columns)
            path = out / names[partner.id].replace(".xlsx", "_for-correction.xlsx")
            rows = {a.id: HEADER_ROW + 1 + i for i, (a, _) in enumerate(plan.actions_for(partner.id))}
            corrections = Corrections(notes=notes, flagged=flagged, problems=_relocated(problems, columns, rows),
                                      due=correction_due(plan.settings, date.today()))
            issue_return(workspace, register, plan, partner.id, period, path, corrections,
                         _prefill(sent, answers, flagged))
            written[partner.id] = path
            if on_file:
                on_file(path)
    return written


def correction_due(settings: Settings, sent_back: date) -> date:
    """When a return sent back for correction on ``sent_back`` is due again: ``Correction days``
    later, or the next working day."""
    return deadline(sent_back, settings.correction_days)


def _notes(problems: list[Problem], columns: dict[int, str]) -> tuple[dict[tuple[str, str], str],
                                                                       frozenset[tuple[str, str]]]:
    """Every problem on each input cell, a line each, errors first; and the cells with an error."""
    notes: dict[tuple[str, str], list[Problem]] = {}
    for p in problems:
        header = columns.get(parse_a1(p.cell)[1], "") if p.action and p.cell else ""
        if header in INPUT_HEADERS:
            notes.setdefault((p.action, header), []).append(p)
    flagged = frozenset(k for k, ps in notes.items() if any(p.severity is Severity.ERROR for p in ps))
    text = {k: "\n".join(f"{p.message}. {p.fix}" for p in sorted(ps, key=lambda p: p.severity is not Severity.ERROR))
            for k, ps in notes.items()}
    return text, flagged


def _prefill(sent: dict[str, dict[str, CellValue]], answers: dict[str, Answer],
             flagged: frozenset[tuple[str, str]]) -> dict[str, dict[str, CellValue]]:
    """What to pre-fill: the value as read where it was fine (a date typed as text becomes a date),
    and exactly what the partner sent where it was wrong, so they can see what to fix."""
    out: dict[str, dict[str, CellValue]] = {}
    for action, raw in sent.items():
        answer = answers.get(action)
        read: dict[str, CellValue] = {} if answer is None else {
            header: None if (value := getattr(answer, holds)) == "" else value for holds, header in HEADER_OF.items()}
        out[action] = {h: raw.get(h) if (action, h) in flagged or read.get(h) is None else read[h] for h in raw}
    return out


def _relocated(problems: list[Problem], columns: dict[int, str], rows: dict[str, int]) -> list[Problem]:
    """Problems placed in the return sent back, whose rows are in plan order, not as the partner sorted them."""
    out = []
    for p in problems:
        header = columns.get(parse_a1(p.cell)[1], "") if p.cell else ""
        if p.action in rows and header in HEADERS:
            p = p.model_copy(update={"cell": a1(rows[p.action], HEADERS.index(header) + 1)})
        elif p.cell:
            p = p.model_copy(update={"sheet": f"{p.sheet} (as sent)"})
        out.append(p)
    return out


def _as_sent(archived: Path) -> tuple[dict[str, dict[str, CellValue]], dict[int, str]]:
    """The input values of each action row as the partner sent them, and each column's header.

    The archived file is still the partner's (untrusted), so it is read in the sandbox again.
    """
    (book,) = shared().read([(archived.name, archived.read_bytes())])
    if isinstance(book, ReadError):  # pragma: no cover - it was read once already to be archived
        raise book
    return inputs_of(book)
