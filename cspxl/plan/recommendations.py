"""A recommendation of a review, as the plan's ``Recommendations`` sheet holds it.

Domestic homicide reviews, safeguarding adults reviews, ASB case reviews, scrutiny, the Police and Crime
Commissioner and inspections make recommendations to named agencies; the partnership tracks each until
its board signs it off.  A review's recommendations are confidential until it is published.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

#: Where a recommendation the partnership must answer comes from.
SOURCE_TYPES: tuple[str, ...] = ("DHR/DARDR", "Safeguarding Adults Review", "ASB case review", "Scrutiny", "PCC",
                                 "Inspection", "Other")
#: How far a recommendation reaches, as review panels ask (a recommendation's optional ``Scope``).
SCOPES: tuple[str, ...] = ("Local", "Regional", "National")


class Recommendation(BaseModel):
    """A recommendation of a review (a domestic homicide review, scrutiny, the PCC) that a partner owns and the
    partnership tracks until the board signs it off."""

    model_config = ConfigDict(frozen=True)

    id: str
    #: The review or body it came from, by name (``DHR Sevenoaks 2022/01``).
    source: str
    source_type: str
    made: date
    text: str
    #: The Partner ID of who owns it, and of those who support.
    owner: str
    supporting: tuple[str, ...] = ()
    due: date
    priority_id: str = ""
    #: Until this day its text, source and evidence circulate nowhere (a review is confidential until published).
    confidential_until: date | None = None
    #: For the review panel's action plan: how far it reaches, the action to take, and its key milestones.
    scope: str = ""
    action: str = ""
    milestones: str = ""

    def confidential_on(self, day: date) -> bool:
        """Whether the recommendation is still confidential on ``day``."""
        return self.confidential_until is not None and day < self.confidential_until
