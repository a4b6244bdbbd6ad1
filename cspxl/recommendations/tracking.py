"""Where each recommendation of a review stands on a day: from its owner's updates and the board's decisions.

The owner's latest accepted update (quarter by quarter, up to the quarter looked at) gives a recommendation's
status and evidence; its supporting partners' latest updates are kept beside it.  A row left blank keeps the
status last recorded.  The board's sign-off closes a recommendation; a reopening brings it back as In progress
until its owner next reports.  Nothing here reads a return received after the moment asked about.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from ..periods import Period, parse_period
from ..plan import Plan, Recommendation
from ..register import RecommendationUpdate, Register
from ..register.recommendations import Decision, Reported, decisions, recommendation_updates
from ..screening import redact
from ..workspace import kept_plan

#: The sheet of a quarter's return on which owners and supporters report on them.
RECOMMENDATIONS_SHEET = "Recommendations"
#: What an owner can say of a recommendation, in order.
REC_STATUSES: tuple[str, ...] = ("Not started", "In progress", "Implemented", "Not accepted")
#: The statuses the board can sign off.
SIGNABLE: tuple[str, ...] = ("Implemented", "Not accepted")
#: What a recommendation with no update yet shows.
NO_UPDATE = "No update yet"
#: What a recommendation shows once the board has signed it off.
SIGNED_OFF = "Signed off"


class SupporterUpdate(BaseModel):
    """A supporting partner's latest accepted update on a recommendation."""

    model_config = ConfigDict(frozen=True)

    partner: str
    quarter: str
    update: RecommendationUpdate


class RecommendationState(BaseModel):
    """A recommendation as it stands on a day."""

    model_config = ConfigDict(frozen=True)

    recommendation: Recommendation
    #: The owner's latest status (:data:`REC_STATUSES`), or :data:`NO_UPDATE`.
    status: str = NO_UPDATE
    evidence: str = ""
    reason: str = ""
    date_implemented: date | None = None
    #: The quarter the owner last updated it (``2024-25-Q2``); blank before any update.
    updated: str = ""
    #: The owner's update that gave the status (for its personal data), if any.
    update: RecommendationUpdate | None = None
    supporters: tuple[SupporterUpdate, ...] = ()
    #: The board's sign-off while it stands; ``None`` when open.
    signed_off: Decision | None = None
    #: The last reopening, if it was ever reopened.
    reopened: Decision | None = None
    #: Reopened since its owner last reported: In progress until they report again.
    awaiting_owner: bool = False
    #: The day it stands on.
    on: date

    @property
    def closed(self) -> bool:
        return self.signed_off is not None

    @property
    def awaiting_signoff(self) -> bool:
        """Implemented or not accepted, and not yet signed off: the board's decision."""
        return not self.closed and self.status in SIGNABLE

    @property
    def overdue(self) -> bool:
        """Its due date passed and it is not closed."""
        return not self.closed and self.on > self.recommendation.due

    @property
    def days_open(self) -> int:
        """Days from when it was made to its sign-off, or to the day it stands on."""
        end = self.signed_off.on if self.signed_off is not None else self.on
        return max((end - self.recommendation.made).days, 0)

    @property
    def shown_status(self) -> str:
        """Its status as the master and the papers show it: Signed off once closed."""
        return SIGNED_OFF if self.closed else self.status

    @property
    def confidential(self) -> bool:
        return self.recommendation.confidential_on(self.on)


def recommendation_states(plan: Plan, register: Register, on: date, period: Period | None = None,
                          until: datetime | None = None, decided_by: date | None = None) -> list[RecommendationState]:
    """Each of the plan's recommendations as it stands on ``on``, from the returns for quarters up to ``period``
    (all, when ``None``) received by ``until`` and the decisions taken by then (all, when ``None``), or by
    ``decided_by`` if sooner (a year's end); in plan order."""
    if not plan.recommendations:
        return []
    reported = [r for r in recommendation_updates(register, until)
                if period is None or _quarter_key(r.quarter) <= (period.year, period.quarter)]
    by = until
    if decided_by is not None:
        end = datetime.combine(decided_by, datetime.max.time())
        by = end if until is None or end < until else until
    made = decisions(register, by)
    return [_state(rec, reported, made.get(rec.id, []), on) for rec in plan.recommendations]


def _quarter_key(quarter: str) -> tuple[int, int]:
    p = parse_period(quarter)
    return p.year, p.quarter


def _state(rec: Recommendation, reported: Sequence[Reported], made: Sequence[Decision], on: date,
           ) -> RecommendationState:
    owner: Reported | None = None
    supporters: dict[str, Reported] = {}
    for r in reported:
        u = r.update
        if u.recommendation_id != rec.id or not u.accepted or u.status is None:
            continue
        if r.partner == rec.owner:
            owner = r
        elif r.partner in rec.supporting:
            supporters[r.partner] = r
    last = made[-1] if made else None
    reopened = next((d for d in reversed(made) if d.event == "reopened"), None)
    values: dict[str, object] = {}
    if owner is not None:
        u = owner.update
        values = {"status": u.status, "evidence": u.evidence, "reason": u.reason, "date_implemented": u.date_implemented,
                  "updated": owner.quarter, "update": u}
        # Reopened: not done until the owner reports again, in a return issued since (one issued before came filled
        # in with what the board had signed off).
        if last is not None and last.event == "reopened" and (
                owner.received_at <= last.recorded_at or owner.issued < last.on):
            values |= {"status": "In progress", "date_implemented": None, "awaiting_owner": True}
    return RecommendationState(
        recommendation=rec, on=on, reopened=reopened,
        signed_off=last if last is not None and last.event == "signed off" else None,
        supporters=tuple(SupporterUpdate(partner=p, quarter=supporters[p].quarter, update=supporters[p].update)
                         for p in rec.supporting if p in supporters),
        **values)


#: What stands in a circulated file for a confidential review's name: the review's place among them, never its name.
CONFIDENTIAL_SOURCE = "Confidential review {n}"


def confidential_summary(states: Sequence[RecommendationState]) -> str:
    """What a circulated file says of the confidential recommendations, and all it says: how many are open, from how
    many reviews, how many are overdue (and await the board's sign-off), and how many more are signed off; '' when
    there are none."""
    secret = [s for s in states if s.confidential]
    shown = [s for s in secret if not s.closed]
    closed = len(secret) - len(shown)
    more = f"; {closed} more signed off" if closed else ""
    if not shown:
        return f"{closed} confidential recommendation{'s' if closed != 1 else ''} signed off" if closed else ""
    reviews = len({s.recommendation.source for s in shown})
    overdue = sum(s.overdue for s in shown)
    awaiting = sum(s.awaiting_signoff for s in shown)
    return (f"{len(shown)} confidential recommendation{'s' if len(shown) != 1 else ''} from {reviews} "
            f"review{'s' if reviews != 1 else ''}, {overdue} overdue"
            + (f", {awaiting} awaiting sign-off" if awaiting else "") + more)


def circulated(states: Sequence[RecommendationState]) -> tuple[RecommendationState, ...]:
    """The states as a circulated file may hold them: each still confidential with its text, source, evidence and
    reasons removed (its source named only as :data:`CONFIDENTIAL_SOURCE`), its dates and status kept for the
    counts."""
    numbers: dict[str, int] = {}
    out = []
    for s in states:
        if not s.confidential:
            out.append(_personal_removed(s))
            continue
        n = numbers.setdefault(s.recommendation.source, len(numbers) + 1)
        rec = s.recommendation.model_copy(update={"source": CONFIDENTIAL_SOURCE.format(n=n), "text": "", "action": "",
                                                  "milestones": ""})
        out.append(s.model_copy(update={
            "recommendation": rec, "evidence": "", "reason": "", "update": None,
            "supporters": tuple(u.model_copy(update={"update": u.update.model_copy(update={
                "evidence": "", "reason": "", "personal": ()})}) for u in s.supporters),
            "signed_off": s.signed_off.model_copy(update={"reason": ""}) if s.signed_off else None,
            "reopened": s.reopened.model_copy(update={"reason": ""}) if s.reopened else None}))
    return tuple(out)


def _personal_removed(s: RecommendationState) -> RecommendationState:
    """A public recommendation with the personal data found in its evidence replaced by placeholders."""
    changed: dict[str, object] = {}
    if s.update is not None:
        changed = {"evidence": redact(s.evidence, s.update.personal or ()),
                   "reason": redact(s.reason, s.update.reason_personal or ()), "update": redacted_update(s.update)}
    if any(u.update.personal or u.update.reason_personal for u in s.supporters):
        changed["supporters"] = tuple(u.model_copy(update={"update": redacted_update(u.update)}) for u in s.supporters)
    return s.model_copy(update=changed) if changed else s


def redacted_update(u: RecommendationUpdate) -> RecommendationUpdate:
    """An update with the personal data found in its evidence and its reason replaced by placeholders."""
    if not u.personal and not u.reason_personal:
        return u
    return u.model_copy(update={"evidence": redact(u.evidence, u.personal or ()),
                                "reason": redact(u.reason, u.reason_personal or ())})


class RecommendationYear(BaseModel):
    """The recommendations of reviews over a financial year, counted (no text: it may circulate)."""

    model_config = ConfigDict(frozen=True)

    made: int
    implemented: int
    signed_off: int
    #: Open (not signed off) at the year's end, or on the day the year is seen as of if sooner.
    open: int
    #: The median of the days from being made to being implemented, of those implemented in the year.
    median_days_to_implement: float | None

    def rows(self) -> list[tuple[str, float | None]]:
        """The counts as the year's workbook and report show them (the median ``None`` when none was implemented)."""
        return [("Made in the year", self.made), ("Implemented in the year", self.implemented),
                ("Signed off in the year", self.signed_off), ("Still open at the year's end", self.open),
                ("Median days from made to implemented", self.median_days_to_implement)]


def year_counts(states: Sequence[RecommendationState], first: date, last: date) -> RecommendationYear:
    """Count ``states`` (as they stood at the year's end, or sooner) over the year from ``first`` to ``last``."""
    def within(day: date | None) -> bool:
        return day is not None and first <= day <= last

    implemented = [s for s in states if s.status == "Implemented" and within(s.date_implemented)]
    days = [(s.date_implemented - s.recommendation.made).days for s in implemented if s.date_implemented]
    return RecommendationYear(
        made=sum(within(s.recommendation.made) for s in states), implemented=len(implemented),
        signed_off=sum(s.signed_off is not None and within(s.signed_off.on) for s in states),
        open=sum((s.signed_off is None or s.signed_off.on > last) and s.recommendation.made <= last for s in states),
        median_days_to_implement=statistics.median(days) if days else None)


class Secrets:
    """What a circulated file must not quote of the recommendations still confidential: their IDs, and any three
    words running together (any two, in a text of two) of their text, source, action, milestones, and the evidence
    and reasons reported on them."""

    def __init__(self, states: Sequence[RecommendationState]) -> None:
        secret = [s for s in states if s.confidential]
        self.ids = {s.recommendation.id.casefold() for s in secret}
        self.phrases: set[tuple[str, ...]] = set()
        for s in secret:
            r = s.recommendation
            texts = [r.text, r.source, r.action, r.milestones, s.evidence, s.reason,
                     *(t for u in s.supporters for t in (u.update.evidence, u.update.reason))]
            for text in texts:
                words = _words(text)
                n = min(3, len(words))
                if n >= 2:
                    self.phrases |= {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}

    def __bool__(self) -> bool:
        return bool(self.ids)

    def quoted_in(self, text: str) -> bool:
        """Whether ``text`` names a confidential recommendation or quotes its words."""
        words = _words(text)
        if self.ids & set(words) or self.ids & {w.casefold() for w in re.findall(r"[\w/.-]+", text)}:
            return True
        return any(tuple(words[i:i + n]) in self.phrases for n in (2, 3) for i in range(len(words) - n + 1))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def every_recommendation(plan: Plan, register: Register) -> tuple[Recommendation, ...]:
    """The recommendations of ``plan`` and of every plan a quarter's returns were generated from: one signed off
    stays in its year's plan when the rollover carries the rest.  The latest plan's version of each, in the order
    they were first made part of a plan."""
    found: dict[str, Recommendation] = {}
    for period in register.period_plan_versions():
        kept = kept_plan(register, period)
        for r in kept.recommendations if kept is not None else ():
            found[r.id] = r
    for r in plan.recommendations:
        found[r.id] = r
    return tuple(found.values())
