"""The plan: the partnership's Strategy & Action Plan as pydantic models.

The single description of the plan: its sheets and columns, its settings, partners, priorities
and actions, and the rules that follow from them (who leads or supports what, which year it covers).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from datetime import date
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..errors import UsageError
from ..periods import ReturnsFor
from .committee import COMMITTEE_SHEET, Committee
from .recommendations import Recommendation

Role = Literal["Lead", "Support"]

SETTINGS_SHEET, PARTNERS_SHEET, PRIORITIES_SHEET, ACTIONS_SHEET = "Settings", "Partners", "Priorities", "Actions"
MEASURES_SHEET, CRIME_TYPES_SHEET, CRIME_AREAS_SHEET = "Measures", "Crime types", "Crime areas"
INDICATORS_SHEET, CRITERIA_SHEET = "Indicators", "Scoring criteria"
RECOMMENDATIONS_SHEET = "Recommendations"
#: Sheets a plan may leave out: a plan without success measures has no Measures sheet, one that takes no
#: crime figures from police.uk no Crime types or Crime areas, and one made before the strategic
#: assessment and committee reports no Indicators, Scoring criteria or Committee.
OPTIONAL_SHEETS: tuple[str, ...] = (MEASURES_SHEET, CRIME_TYPES_SHEET, CRIME_AREAS_SHEET, INDICATORS_SHEET,
                                    CRITERIA_SHEET, COMMITTEE_SHEET, RECOMMENDATIONS_SHEET)

Unit = Literal["Number", "Percent", "Rate"]
Better = Literal["Lower", "Higher", "Monitor"]
UNITS: tuple[Unit, ...] = ("Number", "Percent", "Rate")
#: Which way a measure is better: a target is met at or below it (Lower) or at or above it (Higher);
#: Monitor has no target (a rise in reported domestic abuse can be good news).
BETTER: tuple[Better, ...] = ("Lower", "Higher", "Monitor")
#: How far (as a share of the target, in percent) a figure may miss it and be Amber, not Red, when the
#: plan leaves Tolerance % blank.
DEFAULT_TOLERANCE = 5.0

TargetPeriod = Literal["Quarter", "Year"]
#: What a measure's target is for: each quarter's figure (``Quarter``, the rule of plans made before the
#: column existed) or the year's (``Year``: 35 naloxone kits in the year, judged on the year to date).
TARGET_PERIODS: tuple[TargetPeriod, ...] = ("Quarter", "Year")

#: Columns a sheet may have beyond its own, read when present: a plan made before they existed has none.
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {ACTIONS_SHEET: ("Carried from", "Original target date"),
                                                MEASURES_SHEET: ("Target period",),
                                                RECOMMENDATIONS_SHEET: ("Scope", "Action to take", "Key milestones")}

#: Each sheet's columns, in the order the blank plan workbook lays them out.
COLUMNS: dict[str, tuple[str, ...]] = {
    SETTINGS_SHEET: ("Key", "Value"),
    PARTNERS_SHEET: ("Partner ID", "Partner name", "Contact name", "Contact email"),
    PRIORITIES_SHEET: ("Priority ID", "Priority"),
    ACTIONS_SHEET: ("Action ID", "Priority ID", "Action", "Success measure", "Lead partner", "Supporting partners",
                    "Target date"),
    MEASURES_SHEET: ("Measure ID", "Priority ID", "Measure", "Owner", "Unit", "Better when", "Baseline",
                     "Baseline period", "Target", "Tolerance %"),
    CRIME_TYPES_SHEET: ("Crime type", "Priority ID"),
    CRIME_AREAS_SHEET: ("LSOA code",),
    INDICATORS_SHEET: ("Indicator ID", "Indicator", "Supplied by", "Unit", "Priority IDs", "Better when"),
    CRITERIA_SHEET: ("Criterion", "Weight", "What a high score means"),
    COMMITTEE_SHEET: ("Key", "Value"),
    RECOMMENDATIONS_SHEET: ("Recommendation ID", "Source", "Source type", "Date made", "Recommendation", "Owner",
                            "Supporting partners", "Due date", "Priority ID", "Confidential until"),
}

#: Settings keys and whether each must have a value.
SETTING_KEYS: dict[str, bool] = {
    "Partnership": True,
    "Short name": True,
    "Financial year": True,
    "Coordinator name": True,
    "Coordinator email": True,
    "Coordinator phone": False,
    "Names allowed in updates": False,
    "Crime area": False,
    "Population": False,
    "Strategic assessment": False,
    "Return due days": False,
    "Correction days": False,
    "SMTP host": False,
    "SMTP port": False,
    "SMTP security": False,
    "SMTP user": False,
    **{f"{kind} email {part}": False for kind in ("Issue", "Reminder", "Feedback") for part in ("subject", "body")},
}
SMTP_SECURITY: tuple[str, ...] = ("starttls", "ssl", "none")



class Settings(BaseModel):
    """The ``Settings`` sheet."""

    model_config = ConfigDict(frozen=True)

    partnership: str
    short_name: str
    financial_year: str = Field(description="Written like 2023-24.")
    coordinator_name: str
    coordinator_email: str
    coordinator_phone: str = ""
    #: People whose names may appear in updates without a personal-data warning (officers, say).
    allowed_names: tuple[str, ...] = ()
    #: The start of the names police.uk gives the partnership's areas (``Sevenoaks`` for ``Sevenoaks 001A``).
    crime_area: str = ""
    #: The district's residents, for crime rates per 1,000 in the strategic assessment.
    population: int | None = Field(default=None, gt=0)
    #: The strategic assessment the plan responds to, by name (``Strategic Assessment 2023-24``).
    strategic_assessment: str = ""
    return_due_days: int = Field(default=14, ge=0, le=366)
    #: Days a partner has to send back a return returned for correction.
    correction_days: int = Field(default=10, ge=0, le=366)
    smtp_host: str = ""
    smtp_port: int | None = Field(default=None, ge=1, le=65535)
    smtp_security: str = Field(default="starttls", description="starttls, ssl or none")
    smtp_user: str = ""
    #: Template overrides by Settings key, e.g. {"Issue email subject": "..."}.
    email_templates: dict[str, str] = Field(default_factory=dict)


class Partner(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    contact_name: str = ""
    emails: tuple[str, ...] = ()


class Priority(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    name: str


class Action(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    priority_id: str
    text: str
    success_measure: str = ""
    lead: str
    supporting: tuple[str, ...] = ()
    target_date: date
    #: The financial year an unfinished action was carried from at year end (``2023-24``), or ''.
    carried_from: str = ""
    #: The target date the plan first gave, when a revised one has since become ``target_date`` (at a
    #: year end, from the lead's latest revised target date).
    original_target: date | None = None


class Measure(BaseModel):
    """A success measure: a figure its owner (a partner) sends each quarter, judged against a target."""

    model_config = ConfigDict(frozen=True)

    id: str
    priority_id: str
    text: str
    #: The Partner ID of who supplies the figure.
    owner: str
    unit: Unit
    better: Better
    baseline: float | None = None
    #: The period or financial year the baseline is of, as typed in the plan (``2022-23``).
    baseline_period: str = ""
    #: None for a measure only monitored.
    target: float | None = None
    #: In percent of the target.
    tolerance: float = DEFAULT_TOLERANCE
    #: Whether ``target`` is each quarter's or the whole year's.
    target_period: TargetPeriod = "Quarter"

    @property
    def summed(self) -> bool:
        """Whether the measure is judged on the year to date: the quarters' figures added up (a count
        with a year's target; a percentage or a rate is judged on its latest figure instead)."""
        return self.target_period == "Year" and self.unit == "Number"


#: The highest score a candidate priority may be given on a criterion (the lowest is 1).
TOP_SCORE = 5


class Indicator(BaseModel):
    """A figure a partner supplies for the assessment, each quarter of three years."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    #: The Partner ID of who supplies it.
    supplier: str
    unit: Unit
    #: The priorities it informs.
    priority_ids: tuple[str, ...] = ()
    better: Better = "Lower"


class Criterion(BaseModel):
    """A criterion the workshop scores each candidate priority on, from 1 to ``TOP_SCORE``, and its weight."""

    model_config = ConfigDict(frozen=True)

    name: str
    weight: float = Field(gt=0)
    #: What a high score means, shown beside the criterion on the Scoring sheet.
    guide: str = ""


#: The criteria of a plan that names none: how much harm, how often, which way it is going, how much the
#: public worry, and how much the partnership can change it.
DEFAULT_CRITERIA: tuple[Criterion, ...] = (
    Criterion(name="Harm", weight=3, guide="High when the harm to victims or the community is serious and lasting."),
    Criterion(name="Volume", weight=2, guide="High when it is among the most frequent crimes or incidents in the district."),
    Criterion(name="Trend", weight=2, guide="High when it has risen steeply over the last three years."),
    Criterion(name="Public concern", weight=2, guide="High when residents, councillors and surveys raise it most often."),
    Criterion(name="Partnership capacity to make a difference", weight=1,
              guide="High when partners working together can clearly reduce it."),
)


class CrimeType(BaseModel):
    """A police.uk crime type and the priority it informs."""

    model_config = ConfigDict(frozen=True)

    crime_type: str
    priority_id: str


class Plan(BaseModel):
    """A whole plan, valid by construction when it comes from :func:`load_plan`."""

    model_config = ConfigDict(frozen=True)

    settings: Settings
    partners: tuple[Partner, ...]
    priorities: tuple[Priority, ...]
    actions: tuple[Action, ...]
    measures: tuple[Measure, ...] = ()
    crime_types: tuple[CrimeType, ...] = ()
    #: The LSOA codes of the partnership's area, when its LSOA names do not start with one name.
    crime_areas: tuple[str, ...] = ()
    #: The figures partners supply for the strategic assessment.
    indicators: tuple[Indicator, ...] = ()
    #: What the assessment's workshop scores each candidate priority on.
    criteria: tuple[Criterion, ...] = DEFAULT_CRITERIA
    #: The frame of the plan's committee reports.
    committee: Committee = Committee()
    #: The recommendations of reviews the partnership tracks.
    recommendations: tuple[Recommendation, ...] = ()

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Plan:
        """A copy, with its fingerprint and lookups worked out again: pydantic copies what a cached
        property holds along with the fields, so a copy with other partners would otherwise find the
        old ones (and carry the old plan's version)."""
        copied = super().model_copy(update=update, deep=deep)
        for name in _CACHED:
            copied.__dict__.pop(name, None)
        return copied

    @cached_property
    def version(self) -> str:
        """A short fingerprint of the plan's content; changes whenever any value changes.

        An action's ``carried_from`` and ``original_target``, a measure's ``target_period``, the plan's
        ``measures`` and its crime settings count only when set, so that plans made before they existed
        keep their fingerprints (returns carry the version they were issued from); the assessment's and the
        committee's parts never count."""
        unset: dict[str, Any] = {"actions": {i: {name for name in ("carried_from", "original_target")
                                                 if not getattr(a, name)} for i, a in enumerate(self.actions)}}
        unset["measures"] = {i: {"target_period"} for i, m in enumerate(self.measures) if m.target_period == "Quarter"}
        unset |= {name: True for name in ("measures", "crime_types", "crime_areas", "recommendations")
                  if not getattr(self, name)}
        # The strategic assessment's sheets and settings and the committee reports' details are not what a
        # quarter's return is issued from: changing them in the autumn leaves the quarter's returns current.
        unset |= {"indicators": True, "criteria": True, "committee": True}
        unset["settings"] = {"population", "strategic_assessment", *(("crime_area",) if not self.settings.crime_area
                                                                    else ())}
        return hashlib.sha256(self.model_dump_json(exclude=unset).encode()).hexdigest()[:12]

    # Lookups are indexed once per plan: a national plan has thousands of partners and actions.
    @cached_property
    def _by_id(self) -> dict[str, dict[str, Any]]:
        return {"partner": {p.id: p for p in self.partners}, "priority": {p.id: p for p in self.priorities},
                "action": {a.id: a for a in self.actions}, "measure": {m.id: m for m in self.measures},
                "indicator": {i.id: i for i in self.indicators},
                "recommendation": {r.id: r for r in self.recommendations}}

    @cached_property
    def _roles(self) -> dict[str, list[tuple[Action, Role]]]:
        roles: dict[str, list[tuple[Action, Role]]] = {}
        for action in self.actions:
            roles.setdefault(action.lead, []).append((action, "Lead"))
            for supporter in action.supporting:
                if supporter != action.lead:
                    roles.setdefault(supporter, []).append((action, "Support"))
        return roles

    def partner(self, partner_id: str) -> Partner | None:
        found: Partner | None = self._by_id["partner"].get(partner_id)
        return found

    def priority(self, priority_id: str) -> Priority | None:
        found: Priority | None = self._by_id["priority"].get(priority_id)
        return found

    def action(self, action_id: str) -> Action | None:
        found: Action | None = self._by_id["action"].get(action_id)
        return found

    def measure(self, measure_id: str) -> Measure | None:
        found: Measure | None = self._by_id["measure"].get(measure_id)
        return found

    def indicator(self, indicator_id: str) -> Indicator | None:
        found: Indicator | None = self._by_id["indicator"].get(indicator_id)
        return found

    def recommendation(self, recommendation_id: str) -> Recommendation | None:
        found: Recommendation | None = self._by_id["recommendation"].get(recommendation_id)
        return found

    def indicators_for(self, partner_id: str) -> list[Indicator]:
        """The indicators a partner supplies for the strategic assessment, in plan order."""
        return [i for i in self.indicators if i.supplier == partner_id]

    def measures_for(self, partner_id: str) -> list[Measure]:
        """The measures whose figures a partner supplies, in plan order."""
        return [m for m in self.measures if m.owner == partner_id]

    def actions_for(self, partner_id: str) -> list[tuple[Action, Role]]:
        """The actions a partner leads or supports, in plan order, with its role in each."""
        return list(self._roles.get(partner_id, []))

    def indicator_suppliers(self) -> list[Partner]:
        """The partners sent a strategic assessment's data return: those that supply an indicator."""
        supplying = {i.supplier for i in self.indicators}
        return [p for p in self.partners if p.id in supplying]

    def partners_returning(self, closed: Collection[str] = ()) -> list[Partner]:
        """The partners expected to send a return: those that lead or support an action, supply a
        measure's figure, or own or support a recommendation of a review not in ``closed`` (signed off)."""
        owners = {m.owner for m in self.measures}
        owners |= {p for r in self.recommendations if r.id not in closed for p in (r.owner, *r.supporting)}
        return [p for p in self.partners if p.id in self._roles or p.id in owners]

    def with_contacts_from(self, current: Plan) -> Plan:
        """This plan, with how to reach people as ``current`` says: each partner's contact and addresses,
        the coordinator's details and the e-mail settings.  Who is expected, and for what, stays this
        plan's; an address corrected since is the one written to."""
        partners = tuple(p.model_copy(update={"contact_name": now.contact_name, "emails": now.emails})
                         if (now := current.partner(p.id)) is not None else p for p in self.partners)
        s, c = self.settings, current.settings
        settings = s.model_copy(update={
            "coordinator_name": c.coordinator_name, "coordinator_email": c.coordinator_email,
            "coordinator_phone": c.coordinator_phone, "smtp_host": c.smtp_host, "smtp_port": c.smtp_port,
            "smtp_security": c.smtp_security, "smtp_user": c.smtp_user, "email_templates": c.email_templates})
        return self.model_copy(update={"partners": partners, "settings": settings})

    def check_period(self, period: ReturnsFor) -> None:
        """Refuse a period outside the plan's financial year (its actions belong to that year)."""
        year = self.settings.financial_year
        if period.financial_year != year:
            raise UsageError(f"the plan is for {year}, not {period.financial_year}; give a period of {year}, "
                             f"e.g. {year}-Q1.")


#: The cached properties of a plan, dropped from a copy (see :meth:`Plan.model_copy`).
_CACHED = tuple(name for name, value in vars(Plan).items() if isinstance(value, cached_property))
