"""The recommendations page: where each recommendation of a review stands, the board's sign-off and reopening,
and a review's action plan, as ``cspxl signoff``, ``cspxl reopen REC-ID`` and ``cspxl recommendations`` do."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

# Imported with the page, not on first use: a module whose models are built under a test's fake clock cannot be.
from ..errors import UsageError
from ..recommendations.action_plan import write_action_plan
from ..recommendations.board import reopen_recommendation, signoff
from ..recommendations.tracking import recommendation_states
from .context import offered, start, workspace
from .jobs import Job
from .period import form_day

pages = Blueprint("recommendations", __name__)


@pages.get("/recommendations")
def show() -> str:
    ws = workspace()
    plan = ws.plan
    with ws.register(readonly=True) as register:
        states = recommendation_states(plan, register, date.today())
    names = {p.id: p.name for p in plan.partners}
    plans = [(n, p) for n, p in offered("reports") if p.name.endswith("_action-plan.xlsx")]
    return render_template("recommendations.html", states=states, names=names, today=date.today(),
                           sources=list(dict.fromkeys(r.source for r in plan.recommendations)), written=plans)


@pages.post("/recommendations/signoff")
def sign() -> BaseResponse:
    ws = workspace()
    chosen = request.form.getlist("recommendation")
    if not chosen:
        raise UsageError("tick the recommendations the board signed off.")
    on = form_day("on", "The day the board signed them off")
    if on is None:
        raise UsageError("give the day the board signed them off, like 05/09/2024.")
    by = (request.form.get("by") or "").strip()

    def work(job: Job) -> None:
        for state in signoff(ws, chosen, on, by):
            job.outcome.lines.append(f"Signed off {state.recommendation.id} ({state.status}) on {on:%d/%m/%Y}"
                                     + (f" by {by}" if by else "") + ": it leaves the returns.")

    return start("Recording the board's sign-off", url_for("recommendations.show"), work)


@pages.post("/recommendations/reopen")
def reopen() -> BaseResponse:
    ws = workspace()
    wanted = (request.form.get("recommendation") or "").strip()
    if not wanted:
        raise UsageError("choose the recommendation to reopen.")
    reason = request.form.get("reason") or ""

    def work(job: Job) -> None:
        decision = reopen_recommendation(ws, wanted, reason)
        job.outcome.lines.append(f"Reopened {decision.recommendation_id}: it is In progress until its owner reports "
                                 f"again, and is in their next return. Reason recorded: {decision.reason}")

    return start(f"Reopening {wanted}", url_for("recommendations.show"), work)


@pages.post("/recommendations/action-plan")
def action_plan() -> BaseResponse:
    ws = workspace()
    source = (request.form.get("source") or "").strip()
    if not source:
        raise UsageError("choose the review whose action plan to write.")

    def work(job: Job) -> None:
        path = write_action_plan(ws, source, None, date.today())
        job.outcome.lines.append(f"Wrote the action plan of {source}, filled from the register as it stands today. "
                                 "It holds the recommendations' text: send it to the review panel, not into "
                                 "circulation.")
        job.outcome.files = [path.relative_to(ws.root).as_posix()]

    return start(f"Writing the action plan of {source}", url_for("recommendations.show"), work)
