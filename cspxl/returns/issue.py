"""Issuing returns: one per partner for a period, written on every core, each kept in the register.

Each return carries forward the partner's accepted answers from the previous quarter, and gets the
next issue number; the register keeps every cell written on it, for the tamper check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..identity import Identity
from ..periods import Period
from ..plan import Partner, Plan, load_plan
from ..progress import Progress
from ..recommendations.tracking import RecommendationState, recommendation_states
from ..register import Answer, Register, cells_to_json
from ..spreadsheets import CellValue
from ..spreadsheets.parallel import pmap
from ..status import Status
from ..workspace import Workspace, quarter_leads
from .layout import HEADER_OF, return_file_names
from .recommendations import recommendation_rows
from .workbook import Corrections, PreviousUpdate, ReturnContent, write_return


def generate(
    workspace: Workspace,
    period: Period,
    partners: Iterable[str] = (),
    out_dir: Path | None = None,
    on_file: Callable[[Path], None] | None = None,
    progress: Progress | None = None,
) -> dict[str, Path]:
    """Write the period's returns (for every partner with actions, or only ``partners``).

    Returns the path of each return by partner ID.  ``progress(done, total)`` is called as each
    return is written.

    Each return carries forward the partner's accepted answers from the previous quarter.
    Refuses a plan with errors, a period outside the plan's year and an unknown partner.
    """
    plan = workspace.plan_to_generate(period)
    chosen_partners(plan, list(partners))  # an unknown partner is refused before anything is opened
    out = Path(out_dir) if out_dir else workspace.returns_dir(period)
    key, ws_id = workspace.key, workspace.id
    names = return_file_names(plan, period)
    paths: dict[str, Path] = {}
    today = date.today()
    with workspace.register() as register:
        states = standing_before(plan, register, period)
        chosen = chosen_partners(plan, list(partners), closed_of(states))
        completed = register.completed_earlier(period, quarter_leads(register, plan, period.earlier_in_year()))
        jobs = [_Job(out / names[partner.id], return_content(register, plan, partner.id, period, issued=today,
                                                             completed=completed, states=states))
                for partner in chosen]
        # Writing is the slow part and needs nothing from the register: it goes to every core.
        # Each worker loads the plan from its cache rather than being sent it: for a national plan
        # that is faster than pickling it here, once for every worker.
        results = pmap(_write_job, jobs, _writer_init, (workspace.plan_path, plan.version, period, key, ws_id))
        for done, (job, (identity, cells)) in enumerate(zip(jobs, results, strict=True), start=1):
            register.record_issue(identity, job.path.read_bytes(), job.path.name, datetime.now(), cells)
            paths[job.content.partner_id] = job.path
            if on_file:
                on_file(job.path)
            if progress:
                progress(done, len(jobs))
        _keep_plan(workspace, register, plan, period)
    return paths


@dataclass(frozen=True)
class _Job:
    path: Path
    content: ReturnContent


_writer: dict[str, Any] = {}


def _writer_init(plan_path: Path, version: str, period: Period, key: bytes, workspace_id: str) -> None:
    _writer.update(plan_path=plan_path, version=version, period=period, key=key, workspace_id=workspace_id, plan=None)


def _write_job(job: _Job) -> tuple[Identity, str]:
    """Write one return; its identity and its cells, encoded here in the worker for the register."""
    w = _writer
    plan: Plan | None = w["plan"]
    if plan is None:
        plan = w["plan"] = load_plan(w["plan_path"])
        if plan.version != w["version"]:
            raise UsageError("the plan workbook changed while the returns were being written; "
                             "run 'cspxl generate' again.")
    identity, cells = write_return(plan, w["period"], job.content, w["key"], w["workspace_id"], job.path)
    return identity, cells_to_json(cells)


def _still_completed(plan: Plan, partner_id: str, completed: Mapping[str, Answer]) -> dict[str, dict[str, CellValue]]:
    """The partner's actions completed earlier in the year, shown completed with their date so that
    nothing is asked of them; choosing another status reopens one."""
    out: dict[str, dict[str, CellValue]] = {}
    for action, _ in plan.actions_for(partner_id):
        if (done := completed.get(action.id)) is not None:
            out[action.id] = {HEADER_OF["status"]: Status.COMPLETED.value, HEADER_OF["date_completed"]: done.date_completed,
                              HEADER_OF["percent"]: done.percent}
    return out


def _previous(register: Register, partner_id: str, period: Period) -> dict[str, PreviousUpdate]:
    """A partner's accepted answers last quarter, carried forward into this quarter's return; in a
    year's first quarter, for an action last quarter left without a status, its latest status of last year."""
    before = register.current_answers(period.previous(), partner_id)
    found = {k: PreviousUpdate(status=a.status or "", progress=a.progress) for k, a in before.items() if a.accepted}
    if period.quarter == 1:
        for quarter in period.previous().earlier_in_year():
            for k, a in register.current_answers(quarter, partner_id).items():
                if a.accepted and a.status and not (k in found and found[k].status):
                    found[k] = PreviousUpdate(status=a.status, progress=a.progress)
    return found


def previous_figures(register: Register, plan: Plan, partner_id: str, period: Period) -> dict[str, float]:
    """The partner's accepted figures last quarter (across a year end too) for the measures it supplies."""
    before, received = period.previous(), register.as_at(None)
    return {m.id: value for m in plan.measures_for(partner_id)
            if (value := received.figure(before, partner_id, m.id)) is not None}


def issue_return(workspace: Workspace, register: Register, plan: Plan, partner_id: str, period: Period, path: Path,
                 corrections: Corrections | None = None,
                 answers: Mapping[str, Mapping[str, CellValue]] | None = None,
                 figures: Mapping[str, Mapping[str, CellValue]] | None = None, issued: date | None = None,
                 recommendations: Mapping[str, Mapping[str, CellValue]] | None = None) -> Identity:
    """Write a partner's return from the period's plan with the next issue number, and keep a copy as issued
    (on ``issued``, default today: a return sent back for correction is due again from that day).

    It carries forward the partner's accepted answers from the previous quarter.  ``recommendations`` pre-fills
    the Recommendations sheet (a return for correction).  The first return of a period keeps the plan it was
    written from as the period's.
    """
    content = return_content(register, plan, partner_id, period, issued=issued, corrections=corrections,
                             answers=answers, figures=figures, recommendations=recommendations)
    identity, cells = write_return(plan, period, content, workspace.key, workspace.id, path)
    register.record_issue(identity, path.read_bytes(), path.name, datetime.now(), cells_to_json(cells))
    if register.period_plan_version(period) is None:
        _keep_plan(workspace, register, plan, period)
    return identity


def return_content(register: Register, plan: Plan, partner_id: str, period: Period, *, issued: date | None = None,
                   completed: Mapping[str, Answer] | None = None, states: Sequence[RecommendationState] | None = None,
                   corrections: Corrections | None = None, answers: Mapping[str, Mapping[str, CellValue]] | None = None,
                   figures: Mapping[str, Mapping[str, CellValue]] | None = None,
                   recommendations: Mapping[str, Mapping[str, CellValue]] | None = None) -> ReturnContent:
    """What a partner's next return for the period holds: its issue number; last quarter's accepted answers and
    figures; its inputs filled with ``answers`` (or with the actions completed earlier in the year: ``completed``,
    read for this partner alone when not given); its open recommendations (where every one stands: ``states``,
    read when not given), filled with ``recommendations`` or with what awaits the board; and, for a return sent
    back, the ``corrections`` and the ``figures`` as sent."""
    if answers is None:
        if completed is None:  # only this partner's actions: a correction round issues many returns one by one
            own = {a.id for a, _ in plan.actions_for(partner_id)}
            leads = {q: {a: lead for a, lead in lead_of.items() if a in own}
                     for q, lead_of in quarter_leads(register, plan, period.earlier_in_year()).items()}
            completed = register.completed_earlier(period, leads)
        answers = _still_completed(plan, partner_id, completed)
    standing = states if states is not None else standing_before(plan, register, period)
    return ReturnContent(partner_id=partner_id, issue=register.next_issue(period, partner_id), issued=issued,
                         previous=_previous(register, partner_id, period), answers=answers,
                         previous_figures=previous_figures(register, plan, partner_id, period), figures=figures or {},
                         recommendations=recommendation_rows(plan, partner_id, standing, recommendations),
                         corrections=corrections)


def _keep_plan(workspace: Workspace, register: Register, plan: Plan, period: Period) -> None:
    """The plan as it stands, kept as the plan the period's returns were generated from."""
    register.keep_plan(period, plan.version, plan.model_dump_json(), workspace.plan_path.read_bytes(),
                       datetime.now())


def standing_before(plan: Plan, register: Register, period: Period) -> list[RecommendationState]:
    """Where each of the plan's recommendations stands as a period's returns are written: from the updates of the
    quarters before it and every decision of the board so far."""
    return recommendation_states(plan, register, date.today(), period.previous())


def closed_of(states: Iterable[RecommendationState]) -> frozenset[str]:
    """The recommendations among ``states`` the board has signed off."""
    return frozenset(s.recommendation.id for s in states if s.closed)


def chosen_partners(plan: Plan, wanted: list[str], closed: frozenset[str] = frozenset()) -> list[Partner]:
    """The partners named (every one that sends a return when none are), refusing an unknown one or one
    that sends none (``closed``: the recommendations signed off, which ask nothing of anyone)."""
    returning = plan.partners_returning(closed)
    if not wanted:
        return returning
    by_id = {p.id.casefold(): p for p in plan.partners}
    chosen = []
    for pid in wanted:
        partner = by_id.get(pid.casefold())
        if partner is None:
            known = ", ".join(p.id for p in plan.partners)
            raise UsageError(f"partner '{pid}' is not in the plan's Partners sheet; use one of: {known}.")
        if partner not in returning:
            raise UsageError(f"partner '{pid}' leads or supports no action, supplies no measure and has no open "
                             "recommendation, so it has no return.")
        chosen.append(partner)
    return chosen
