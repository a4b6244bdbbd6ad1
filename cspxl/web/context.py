"""What a page asks of the running application: its workspace, its jobs, the files it may offer, and
how a job is started."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Response, current_app, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from ..errors import Busy, CspxlError
from ..workspace import Workspace
from .jobs import Job, Jobs
from .views import Views

#: The most one upload may hold: 300 returns of a county are about 30 MB.
MAX_UPLOAD_BYTES = 512 * 1024 * 1024
#: The most files one upload may hold.
MAX_UPLOAD_FILES = 2000


def workspace() -> Workspace:
    ws: Workspace = current_app.extensions["cspxl"]["workspace"]
    return ws


def views() -> Views:
    found: Views = current_app.extensions["cspxl"]["views"]
    return found


def jobs() -> Jobs:
    found: Jobs = current_app.extensions["cspxl"]["jobs"]
    return found


def _partnership() -> str:
    """The partnership's name for the header, '' while the plan cannot be read."""
    if "partnership" not in g:
        try:
            settings = workspace().plan.settings
            g.partnership = settings.partnership or settings.short_name
        except CspxlError:
            g.partnership = ""
    return str(g.partnership)


def start(title: str, back: str, work: Callable[[Job], None], on_busy: Callable[[], None] | None = None) -> BaseResponse:
    """Run ``work`` as the one job and show its page; or say which job is running (after ``on_busy``, which
    lets go of what the refused request held, such as its uploaded files)."""
    try:
        job = jobs().start(title, back, work)
    except Busy as busy:
        if on_busy is not None:
            on_busy()
        return Response(render_template("busy.html", busy=busy.job, back=back), status=409)
    return redirect(url_for("job", job_id=job.id), code=303)


def offered(folder: str) -> list[tuple[str, Path]]:
    """The files cspxl wrote under ``folder``, by their name in the workspace."""
    return list(workspace().written_files(folder).items())


def form_files(field: str = "files") -> list[Any]:
    return request.files.getlist(field)
