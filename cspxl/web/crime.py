"""The crime figures' page: police.uk's street-level files uploaded, and the months held for the area."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for
from werkzeug.wrappers import Response as BaseResponse

from ..crime.imports import held_crime, month_text
from ..errors import CspxlError, UsageError
from .context import MAX_UPLOAD_FILES, form_files, start, workspace
from .jobs import Job
from .uploads import Uploads

pages = Blueprint("crime", __name__)


@pages.get("/crime")
def show() -> str:
    try:
        held = held_crime(workspace())
    except CspxlError as exc:  # the plan names no area: said, with how to name one
        return render_template("crime.html", held=None, problem=str(exc), month_text=month_text)
    return render_template("crime.html", held=held, problem="", month_text=month_text)


@pages.post("/crime")
def upload() -> BaseResponse:
    from ..crime.imports import import_crime

    ws = workspace()
    uploads = Uploads(form_files("files"), limit=MAX_UPLOAD_FILES)
    if not uploads.files:
        uploads.remove()
        raise UsageError("choose police.uk's files to import: CSV files or the .zip police.uk gives.")

    def work(job: Job) -> None:
        with uploads:
            done = import_crime(ws, [u.path for u in uploads.files])
        for f in done.files:
            months = ", ".join(month_text(m) for m in f.months)
            if f.outcome == "imported":
                said = f"{f.crimes:,} crimes in {done.area}, {months} ({', '.join(f.forces)})"
            elif f.outcome == "duplicate":
                said = f"already imported on {f.detail}; nothing changed"
            else:
                said = f"{f.detail}; nothing recorded"
            job.outcome.lines.append(f"{f.name}: {f.outcome if f.outcome != 'duplicate' else 'skipped'}, {said}.")
        if done.held:
            span = month_text(done.held[0]) + (f" to {month_text(done.held[-1])}" if len(done.held) > 1 else "")
            job.outcome.lines.append(f"Held for {done.area}: {span}.")
        job.outcome.failed = any(f.outcome == "skipped" and not f.months for f in done.files)

    return start(f"Importing {len(uploads.files)} police.uk files", url_for("crime.show"), work,
                 on_busy=uploads.remove)
