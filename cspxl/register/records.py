"""What a partner answered (an :class:`Answer` per row, a :class:`Submission` per file), and what they were sent."""

from __future__ import annotations

import functools
from datetime import date, datetime
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ..identity import Identity
from ..problems import Problem
from ..screening import Finding


class RowRecord(BaseModel):
    """What a partner sent on one row of a return's sheet, read: where it was, and whether it was fit to use."""

    model_config = ConfigDict(frozen=True)

    row: int = Field(description="The 1-based row of its sheet it was read from.")
    #: When anything on the row was in error: the row goes back for correction and its values count for nothing.
    needs_correction: bool = False
    #: The personal data found in the row's free text; ``None`` for text recorded before cspxl screened it.
    personal: tuple[Finding, ...] | None = ()

    @property
    def accepted(self) -> bool:
        return not self.needs_correction


class Answer(RowRecord):
    """A partner's answers for one action, normalised; ``needs_correction`` when any was in error, and
    ``personal`` the personal data found in ``progress``."""

    action_id: str
    status: str | None = None
    percent: int | None = None
    date_completed: date | None = None
    revised_target: date | None = None
    progress: str = ""
    support_needed: str | None = None


class Figure(RowRecord):
    """A measure's figure for the quarter as its owner sent it, with their comment (``personal``: found in it)."""

    measure_id: str
    #: ``None`` when none was given, or what was typed could not be read as one (see the problems).
    value: float | None = None
    comment: str = ""


class IndicatorFigure(RowRecord):
    """An indicator's figure for one quarter as its supplier sent it for the strategic assessment."""

    indicator_id: str
    #: The quarter it counts, ``2021-22-Q3``.
    quarter: str
    #: ``None`` when none was given, or what was typed could not be read as one (see the problems).
    value: float | None = None
    comment: str = ""


class RecommendationUpdate(RowRecord):
    """A partner's update on a recommendation of a review, as its return's Recommendations sheet gave it
    (``personal``: found in its evidence)."""

    recommendation_id: str
    #: ``None`` when the row was left blank (its status stays as last recorded) or could not be read.
    status: str | None = None
    evidence: str = ""
    date_implemented: date | None = None
    reason: str = ""
    #: The personal data found in ``reason``.
    reason_personal: tuple[Finding, ...] | None = ()


class Submission(BaseModel):
    """One returned file as read: its identity, answers, figures and problems."""

    model_config = ConfigDict(frozen=True)

    sha256: str
    file_name: str
    identity: Identity
    answers: tuple[Answer, ...]
    problems: tuple[Problem, ...]
    #: The figures of the measures the partner supplies (none for a partner who owns none).
    figures: tuple[Figure, ...] = ()
    #: An assessment data return's figures, each indicator's for each quarter.
    indicator_figures: tuple[IndicatorFigure, ...] = ()
    #: The updates on recommendations of reviews the partner owns or supports.
    recommendations: tuple[RecommendationUpdate, ...] = ()

    @property
    def partner(self) -> str:
        return self.identity.partner

    @property
    def period(self) -> str:
        return self.identity.period


class SubmissionRecord(BaseModel):
    """A submission as the register holds it."""

    model_config = ConfigDict(frozen=True)

    id: int
    sha256: str
    period: str
    partner: str
    file_name: str
    source_path: str
    archive_path: str
    plan_version: str
    received_at: datetime
    ingested_at: datetime

    @property
    def received_on(self) -> date:
        return self.received_at.date()


class MessageRecord(BaseModel):
    """A message to a partner, as the register holds it: sent through SMTP or drafted as .eml."""

    model_config = ConfigDict(frozen=True)

    period: str
    partner: str
    kind: str = Field(description="issue, reminder or feedback")
    mode: Literal["smtp", "draft", "manual"] = Field(
        description="smtp (the server accepted it), draft (an .eml written for the coordinator) or "
                    "manual (sent by hand, recorded with mark-sent)")
    recipients: tuple[str, ...]
    subject: str
    message_id: str
    attachment_sha256: str
    file_name: str
    sent_at: datetime


M = TypeVar("M", bound=BaseModel)


def trusted(model: type[M], **values: Any) -> M:
    """An instance of ``model`` from values already validated (read back from the register, or
    computed from such), made as cheaply as pydantic allows.

    pydantic-core builds a model from a dict three times faster than ``model_construct`` (a Python
    loop over the fields) and instances pass through it as they are, so this validates: a master
    makes tens of thousands of these.  Every instance then shares one set of its field names:
    pydantic otherwise keeps a set of the fields given for each instance, 0.7 KB apiece, and a
    national master holds 60,000 answers and 30,000 action states at once.
    """
    instance = model.model_validate(values)
    object.__setattr__(instance, "__pydantic_fields_set__", _field_names(model))
    return instance


@functools.cache
def _field_names(model: type[BaseModel]) -> set[str]:
    return set(model.model_fields)
