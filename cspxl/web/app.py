"""The page's application: its guard, its jobs, the files it offers, and the pages of each part.

Every page only parses the request, calls cspxl's public API and renders the answer, as a command does.
"""

from __future__ import annotations

import mimetypes

from flask import Flask, Response, abort, jsonify, render_template, send_file
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from .._version import __version__
from ..errors import CspxlError
from ..workspace import Workspace
from .context import MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, _partnership, jobs, workspace
from .guard import Guard
from .jobs import Jobs
from .views import Views


def create_app(workspace: Workspace, guard: Guard) -> Flask:
    """The page for ``workspace``, answering only requests that pass ``guard``."""
    from . import assessment, crime, guide, home, period, plan, recommendations, year

    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES, MAX_FORM_PARTS=MAX_UPLOAD_FILES + 50,
                      MAX_FORM_MEMORY_SIZE=1024 * 1024, TEMPLATES_AUTO_RELOAD=False)
    views = Views(workspace)
    app.extensions["cspxl"] = {"workspace": workspace, "guard": guard, "jobs": Jobs(after=views.warm), "views": views}
    views.warm()
    app.jinja_env.autoescape = True
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    guard.install(app)
    for module in (home, plan, period, year, assessment, recommendations, crime, guide):
        app.register_blueprint(module.pages)
    app.add_url_rule("/files/<path:name>", "file", download)
    app.add_url_rule("/jobs/<job_id>", "job", job_page)
    app.add_url_rule("/jobs/<job_id>/progress", "job_progress", job_progress)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(CspxlError, cspxl_error)
    app.context_processor(lambda: {"csrf_token": guard.csrf, "version": __version__, "running": jobs().running,
                                   "partnership": _partnership()})
    return app


def job_page(job_id: str) -> str:
    job = jobs().get(job_id)
    if job is None:
        abort(404, description="That task is not known to this page: it ran before cspxl serve was last started.")
    files = workspace().written_files()
    return render_template("job.html", job=job, offered=[f for f in job.outcome.files if f in files])


def job_progress(job_id: str) -> Response:
    job = jobs().get(job_id)
    if job is None:
        abort(404)
    return jsonify(done=job.done, total=job.total, finished=job.finished)


def download(name: str) -> Response:
    """A file cspxl wrote, looked up by its name in the workspace: the name is never used as a path."""
    written = workspace().written_files() if "/" not in name else workspace().written_files(name.rsplit("/", 1)[0])
    path = written.get(name)
    if path is None:
        abort(404, description="There is no such file among those cspxl wrote in this workspace.")
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return send_file(path, mimetype=kind, as_attachment=True, download_name=path.name, max_age=0)


def http_error(exc: HTTPException) -> Response:
    if isinstance(exc, RequestEntityTooLarge):
        exc.description = (f"The files sent were larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB in all; "
                           "send them in smaller batches.")
    body = render_template("error.html", code=exc.code, title=exc.name, description=exc.description)
    return Response(body, status=exc.code or 500)


def cspxl_error(exc: CspxlError) -> Response:
    body = render_template("error.html", code=400, title="cspxl cannot do that", description=str(exc))
    return Response(body, status=400)


