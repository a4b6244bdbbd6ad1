"""The plan's ``Committee`` sheet: what a council committee report needs, typed once.

A committee report has a fixed frame (committee and date, Report of, Status, Also considered by, Key
decision, Key aim, Portfolio holder, Contact officer(s), recommendations to each body on its route,
and a paragraph for each implication).  The sheet holds it as key and value, like ``Settings``; a
plan without the sheet, or with a paragraph left empty, has the defaults below, which say what such
a paper usually says, so the first report is complete and the coordinator edits only what differs.

A recommendation to a body on the route is a row keyed ``Recommendation to <body>``, the body as
``Also considered by`` names it (``Recommendation to Cabinet``); the committee's own is
``Recommendation to the committee``.
"""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, ConfigDict

COMMITTEE_SHEET = "Committee"

STATUSES: tuple[str, ...] = ("For approval", "For decision", "For information")
TO_THE_COMMITTEE = "Recommendation to the committee"
RECOMMENDATION_TO = "Recommendation to "

#: The implication paragraphs, each with what it says when the plan leaves it empty: the usual wording
#: of a district council's report on its community safety plan.
PARAGRAPHS: dict[str, str] = {
    "Key implications": "Financial: the plan's actions are delivered within the partners' existing budgets and "
                        "any grant the partnership receives; there are no further costs to the council.",
    "Legal implications and risk assessment": (
        "The Crime and Disorder Act 1998 requires the council and its partners to formulate and implement a "
        "strategy to reduce crime and disorder in the district. Without an adopted plan the council would not "
        "meet that duty. The risks of the plan are managed by the partnership, which monitors it each quarter."),
    "Equality assessment": (
        "The decisions recommended through this paper have a remote or low relevance to the substance of the "
        "Equality Act. There is no perceived impact on end users."),
    "Net zero implications": (
        "The decisions recommended through this paper have no negative impact on the council's ambition to be "
        "Net Zero by 2030."),
    "Wellbeing": (
        "Feeling safe, and being safe, is part of residents' wellbeing: the plan's actions protect vulnerable "
        "people and reduce the harm crime and anti-social behaviour do."),
    "Conclusions": (
        "The partnership's plan responds to the priorities of its strategic assessment and is monitored each "
        "quarter; Members are asked to agree the recommendations."),
    "Background papers": "None.",
}
QUARTER_RECOMMENDATION, YEAR_RECOMMENDATION = "Recommendation on a quarter", "Recommendation on the year"
NOTING: dict[str, str] = {
    QUARTER_RECOMMENDATION: "That Members note the partnership's progress on the Community Safety Strategy & "
                            "Action Plan, set out in Appendix A.",
    YEAR_RECOMMENDATION: "That Members note the year-end review of the Community Safety Strategy & Action Plan, "
                         "set out in Appendix A.",
}

_DEFAULTS = {**NOTING, **PARAGRAPHS}
#: The sheet's keys in the order a blank plan lists them (``Recommendation to <body>`` rows follow
#: ``Recommendation to the committee``, one for each body on the route).
KEYS: tuple[str, ...] = ("Committee", "Meeting dates", "Report of", "Status", "Also considered by", "Key decision",
                         "Key aim", "Portfolio holder", "Contact officer(s)", TO_THE_COMMITTEE, *NOTING, *PARAGRAPHS)



class Meeting(BaseModel):
    """A meeting a report goes to: the body (``Cabinet``) and its date, when known."""

    model_config = ConfigDict(frozen=True)

    body: str
    day: date | None = None


class Committee(BaseModel):
    """The ``Committee`` sheet.  Every field has a value: an empty detail reads as "to be confirmed"."""

    model_config = ConfigDict(frozen=True)

    committee: str = ""
    #: The committee's meetings in the year: a paper goes to the first after its figures are in.
    meeting_dates: tuple[date, ...] = ()
    report_of: str = ""
    status: str = "For approval"
    also_considered_by: tuple[Meeting, ...] = ()
    key_decision: bool = False
    key_aim: str = ""
    portfolio_holder: str = ""
    contact_officers: str = ""
    #: Recommendations as typed, by body in lower case ('' for the committee itself).
    recommendations: dict[str, str] = {}
    #: The implication paragraphs and the noting recommendations, by key (see ``PARAGRAPHS``, ``NOTING``).
    paragraphs: dict[str, str] = {}

    def paragraph(self, name: str) -> str:
        """An implication paragraph or noting recommendation: as typed, or its default."""
        return self.paragraphs.get(name) or PARAGRAPHS.get(name) or NOTING[name]

    def recommendation(self, body: str) -> str:
        """The adoption recommendation to ``body`` ('' for the committee): as typed, or the usual one, which
        passes the plan on along the route until its last body adopts it."""
        return self.recommendations.get(body.casefold()) or adopting(self.also_considered_by, body)

    def meeting_after(self, day: date) -> date | None:
        """The committee's first meeting on or after ``day``, if the sheet lists one."""
        return min((d for d in self.meeting_dates if d >= day), default=None)

    def missing(self) -> list[str]:
        """The details a report needs that are empty, by their names on the sheet."""
        return [name for name, value in (("Committee", self.committee), ("Report of", self.report_of),
                                         ("Portfolio holder", self.portfolio_holder),
                                         ("Contact officer(s)", self.contact_officers)) if not value]


def adopting(route: tuple[Meeting, ...], body: str) -> str:
    """The usual recommendation to ``body`` ('' for the committee) on a plan going along ``route``: each body
    passes it to the next, and the last adopts it."""
    bodies = ["", *(m.body for m in route)]
    at = next((n for n, b in enumerate(bodies) if b.casefold() == body.casefold()), 0)
    who = "the Committee" if at == 0 else bodies[at]
    if at + 1 < len(bodies):
        return f"That {who} recommends the Strategy & Action Plan to {bodies[at + 1]} for adoption."
    return "That the Strategy & Action Plan be adopted."


#: A recommendation as :func:`adopting` words it, for any route: read back from the sheet, it is the usual one
#: (which follows the route as it changes), not one the coordinator typed.
_ADOPTING = re.compile(r"^That (?:the Committee|.+) recommends the Strategy & Action Plan to .+ for adoption\.$|"
                       r"^That the Strategy & Action Plan be adopted\.$")


def typed_recommendation(text: str) -> bool:
    """Whether a recommendation read from the sheet was typed by the coordinator, not written out by cspxl."""
    return bool(text) and not _ADOPTING.match(text)


def committee_rows(committee: Committee) -> list[tuple[str, str]]:
    """The sheet's rows (key, value) for ``committee``, each paragraph and recommendation written out in
    full (the defaults included), so the coordinator sees what a report will say and edits it there."""
    rows = [("Committee", committee.committee),
            ("Meeting dates", "; ".join(f"{d:%d/%m/%Y}" for d in committee.meeting_dates)),
            ("Report of", committee.report_of), ("Status", committee.status),
            ("Also considered by", "; ".join(f"{m.body}, {m.day:%d/%m/%Y}" if m.day else m.body
                                             for m in committee.also_considered_by)),
            ("Key decision", "Yes" if committee.key_decision else "No"), ("Key aim", committee.key_aim),
            ("Portfolio holder", committee.portfolio_holder), ("Contact officer(s)", committee.contact_officers),
            (TO_THE_COMMITTEE, committee.recommendation(""))]
    rows += [(f"{RECOMMENDATION_TO}{m.body}", committee.recommendation(m.body)) for m in committee.also_considered_by]
    rows += [(name, committee.paragraph(name)) for name in (*NOTING, *PARAGRAPHS)]
    return rows
