"""The plan page: ``check``'s result, what a changed plan would change for periods already generated,
a new plan workbook to upload, and the current one to download."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for
from werkzeug.wrappers import Response as BaseResponse

from ..workspace import PLAN_FILE
from .context import form_files, start, views, workspace
from .jobs import Job
from .uploads import Uploads

pages = Blueprint("plan", __name__)


@pages.get("/plan")
def show() -> str:
    result, report, changes = views().plan_check()
    return render_template("plan.html", plan=result, report=report, changes=changes, plan_file=PLAN_FILE)


@pages.post("/plan")
def upload() -> BaseResponse:
    ws = workspace()
    uploads = Uploads(form_files("plan")[:1], limit=1)
    if not uploads.files:
        uploads.remove()
        return _again("Choose the plan workbook (.xlsx) to upload.")
    name = uploads.files[0].name

    def work(job: Job) -> None:
        with uploads:
            plan, report, kept = ws.replace_plan(uploads.files[0].path)
        job.outcome.problems = list(report)
        if plan is None:
            job.outcome.failed = True
            job.outcome.lines.append(f"{name} has {len(report.errors)} error(s), so it was not taken: the plan is "
                                     "unchanged. Fix them in the workbook and upload it again.")
            return
        job.outcome.lines.append(f"{name} is now the plan: {len(plan.partners)} partners, {len(plan.actions)} actions "
                                 f"for {plan.settings.financial_year} (plan version {plan.version}).")
        if kept is not None:
            job.outcome.lines.append(f"The plan it replaced is kept as {kept.name} in {kept.parent.name}/.")
        job.outcome.files = [PLAN_FILE] + ([f"{kept.parent.name}/{kept.name}"] if kept else [])

    return start(f"Checking {name}", url_for("plan.show"), work, on_busy=uploads.remove)


def _again(message: str) -> BaseResponse:
    from flask import Response

    result, report, _ = views().plan_check()
    return Response(render_template("plan.html", plan=result, report=report, changes=[], plan_file=PLAN_FILE,
                                    upload_error=message), status=400)

