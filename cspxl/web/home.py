"""The home page: the partnership and its year, what to do next, the deadlines and the papers written."""

from __future__ import annotations

from flask import Blueprint, render_template

from ..errors import CspxlError
from ..year.overview import day_text
from .context import offered, views

pages = Blueprint("home", __name__)


@pages.get("/")
def show() -> str:
    try:
        seen = views().overview()
    except CspxlError as exc:  # a plan with errors: the page says so and points at the plan page
        return render_template("home.html", seen=None, problem=str(exc), papers=[], day_text=day_text)
    papers = offered("master") + offered("reports")
    return render_template("home.html", seen=seen, problem="", papers=papers, day_text=day_text)
