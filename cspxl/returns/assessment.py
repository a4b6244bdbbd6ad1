"""The strategic assessment's data returns: one per partner that supplies indicators, through the same machinery.

A data return is a return like a quarter's: signed with the workspace's key (its identity names the
round, ``2023-24-SA``, and the indicators it asks for), kept in the register as issued with every cell
written, e-mailed or handed out the same way, and read back by ``ingest`` wherever it comes from, each
problem at its cell.  Its one sheet to fill in is ``Indicators``: each indicator, each quarter of the
round's three years, the quarters a supplier already sent for last year's assessment filled in with the
figures accepted then.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..identity import Identity
from ..periods import AssessmentRound, FinancialYear, fy_label
from ..plan import Partner, Plan
from ..register import Register, cells_to_json
from ..register.indicators import current_indicator_figures
from ..spreadsheets import CellValue
from ..spreadsheets.write import (
    Formats,
    Written,
    cells_written,
    print_setup,
    recording_worksheet,
    workbook,
)
from ..workspace import Workspace
from .figures import FigureNotes
from .indicators import INDICATOR_ID, INDICATORS_SHEET, quarter_header, write_indicators_sheet
from .layout import INSTRUCTIONS_SHEET, PROBLEMS_SHEET, return_file_names
from .workbook import Corrections, write_identity, write_instructions, write_problems_sheet

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet


def suppliers(plan: Plan, wanted: Iterable[str] = ()) -> list[Partner]:
    """The partners that supply indicators (those named, when any are), refusing one that supplies none."""
    supplying = plan.indicator_suppliers()
    wanted = list(wanted)
    if not wanted:
        return supplying
    by_id = {p.id.casefold(): p for p in supplying}
    chosen = []
    for pid in wanted:
        if pid.casefold() not in by_id:
            raise UsageError(f"'{pid}' supplies no indicator in the plan's Indicators sheet, so it has no data return; "
                             f"those that do: {', '.join(p.id for p in supplying) or 'none'}.")
        chosen.append(by_id[pid.casefold()])
    return chosen


def kept_version(plan: Plan) -> str:
    """The key the round's plan is kept under: its version and its indicators (which the version leaves out, so
    that a quarter's returns stay current when they are added)."""
    indicators = hashlib.sha256(str([i.model_dump_json() for i in plan.indicators]).encode()).hexdigest()[:8]
    return f"{plan.version}-sa{indicators}"


def generate_assessment(workspace: Workspace, year: FinancialYear, partners: Iterable[str] = (), out_dir: Path | None = None,
                        today: date | None = None) -> dict[str, Path]:
    """Write the data returns of the strategic assessment carried out in the financial year starting in ``year``,
    one for each partner that supplies indicators (or only ``partners``): their paths by partner ID."""
    plan = workspace.plan
    if plan.settings.financial_year != fy_label(year):
        raise UsageError(f"the plan is for {plan.settings.financial_year}, so its assessment's data returns are "
                         f"{plan.settings.financial_year}'s; give that year, not {fy_label(year)}.")
    if not plan.indicators:
        raise UsageError("the plan lists no indicators (its Indicators sheet), so there is no data return to write; "
                         "add the indicators partners supply, then generate again.")
    round_ = AssessmentRound(year=year)
    chosen = suppliers(plan, partners)
    out = Path(out_dir) if out_dir else workspace.returns_dir(round_)
    names = return_file_names(plan, round_)
    today = today or date.today()
    paths: dict[str, Path] = {}
    with workspace.register() as register:
        for partner in chosen:
            path = out / names[partner.id]
            issue_data_return(workspace, register, plan, partner.id, round_, path, issued=today)
            paths[partner.id] = path
        # Generated again, the round is judged against the plan as it stands (its indicators, their units), as
        # a quarter generated again is.
        register.keep_plan(round_, kept_version(plan), plan.model_dump_json(), workspace.plan_path.read_bytes(),
                           datetime.now())
    return paths


def issue_data_return(workspace: Workspace, register: Register, plan: Plan, partner_id: str, round_: AssessmentRound,
                      path: Path, corrections: Corrections | None = None,
                      prefill: Mapping[str, Mapping[str, CellValue]] | None = None, issued: date | None = None) -> Identity:
    """Write a partner's data return with the next issue number and keep a copy as issued (as a quarter's
    :func:`~cspxl.returns.issue.issue_return` does).  Without ``prefill``, the quarters asked again are filled
    in with last year's accepted figures.  The round keeps the plan it was first written from."""
    if prefill is None:
        last_year = current_indicator_figures(register, round_.previous()).get(partner_id, {})
        prefill = last_years(plan, partner_id, round_, last_year)
    cells: Written = {}
    identity = write_data_return(plan, partner_id, round_, workspace.key, workspace.id, path, issued or date.today(),
                                 register.next_issue(round_, partner_id), prefill=prefill, written=cells,
                                 corrections=corrections)
    register.record_issue(identity, path.read_bytes(), path.name, datetime.now(), cells_to_json(cells))
    if register.period_plan_version(round_) is None:
        register.keep_plan(round_, kept_version(plan), plan.model_dump_json(), workspace.plan_path.read_bytes(),
                           datetime.now())
    return identity


def last_years(plan: Plan, partner_id: str, round_: AssessmentRound,
               accepted: Mapping[tuple[str, str], object]) -> dict[str, dict[str, CellValue]]:
    """The figures accepted in last year's round for the quarters this one asks for again, by indicator and
    the quarter's column header: what the partner sent then, to confirm or correct."""
    from ..register import IndicatorFigure

    out: dict[str, dict[str, CellValue]] = {}
    for indicator in plan.indicators_for(partner_id):
        for quarter in round_.quarters:
            found = accepted.get((indicator.id, str(quarter)))
            if isinstance(found, IndicatorFigure) and found.accepted and found.value is not None:
                out.setdefault(indicator.id, {})[quarter_header(quarter)] = found.value
    return out


def write_data_return(plan: Plan, partner_id: str, round_: AssessmentRound, key: bytes, workspace_id: str, path: Path,
                      issued: date, issue: int = 1, prefill: Mapping[str, Mapping[str, CellValue]] | None = None,
                      written: Written | None = None, corrections: Corrections | None = None) -> Identity:
    """Write one partner's data return at ``path``; give back the identity it carries.  With ``corrections``
    it is sent back for correction: each problem cell marked, and a Problems sheet listing them."""
    partner = plan.partner(partner_id)
    if partner is None:
        raise KeyError(partner_id)
    indicators = plan.indicators_for(partner_id)
    identity = Identity(workspace=workspace_id, partner=partner.id, period=str(round_), plan_version=plan.version,
                        actions=(), issued=issued, issue=issue, indicators=tuple(i.id for i in indicators))
    s = plan.settings
    due = corrections.due if corrections else round_.due(s.return_due_days)
    print_title = f"{s.short_name} · {partner.name} · strategic assessment data {round_.financial_year}"
    with workbook(path, title=f"{s.short_name} strategic assessment data {round_.financial_year}: {partner.name}",
                  author=s.coordinator_name, options={"in_memory": True}) as wb:
        wb.worksheet_class = recording_worksheet()
        fmts = Formats(wb)
        _instructions(wb.add_worksheet(INSTRUCTIONS_SHEET), plan, partner, round_, due, fmts, print_title)
        ws = wb.add_worksheet(INDICATORS_SHEET)
        titles = (f"{s.partnership}: {partner.name}, figures for the strategic assessment",
                  f"Give each indicator's figure for each quarter (a number; leave a quarter empty if it is not known) "
                  f"and return this file by {due.day} {due:%B %Y}.", print_title)
        marked = FigureNotes(corrections.notes, corrections.flagged) if corrections else None
        write_indicators_sheet(ws, plan, indicators, round_, fmts, titles, prefill or {}, marked)
        if corrections is not None:
            write_problems_sheet(wb.add_worksheet(PROBLEMS_SHEET), corrections, fmts, print_title, INDICATOR_ID)
        write_identity(wb, identity, key)
        ws.activate()
        if written is not None:
            written.update(cells_written(wb))
    return identity


def _instructions(ws: Worksheet, plan: Plan, partner: Partner, round_: AssessmentRound, due: date, fmts: Formats,
                  print_title: str) -> None:
    s = plan.settings
    first, last = round_.quarters[0], round_.quarters[-1]
    facts = [("Partnership", s.partnership), ("Partner", partner.name),
             ("What for", f"The partnership's strategic assessment of crime and disorder, carried out in "
                          f"{round_.financial_year}, which ranks the priorities of its next plan."),
             ("Quarters", f"{first.label} to {last.label}: three years, quarter by quarter."),
             ("Return due by", f"{due:%A} {due.day} {due:%B %Y}"),
             ("Coordinator", s.coordinator_name), ("Email", s.coordinator_email), ("Phone", s.coordinator_phone)]
    steps = ["Go to the Indicators sheet. It lists every indicator your organisation supplies.",
             "Type each quarter's figure in the white cells, as a number (a percentage from 0 to 100). Leave a "
             "quarter empty if it is not known: the assessment will say it is missing.",
             "The quarters you sent for last year's assessment are filled in with the figures accepted then: "
             "correct any that have since been revised.",
             "Say in Comment anything that changes how the figures compare, such as a new recording system.",
             "Do not add, delete or rename rows or sheets. You may rename the file.",
             f"Save the file and e-mail it to {s.coordinator_email} by the due date."]
    write_instructions(ws, f"{s.partnership}: data for the strategic assessment", facts, steps, fmts)
    ws.protect("", {"select_locked_cells": True})
    print_setup(ws, print_title)
