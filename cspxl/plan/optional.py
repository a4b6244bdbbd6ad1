"""The sheets a plan may leave out: success measures, the crime types and areas of police.uk's figures, the
strategic assessment's indicators and scoring criteria, and the frame of its committee reports."""

from __future__ import annotations

import re
from datetime import date

from ..cells import clean_text, key, parse_date
from ..errors import UsageError
from ..periods import parse_financial_year, parse_period
from ..spreadsheets import CellValue
from .committee import (
    COMMITTEE_SHEET,
    KEYS,
    NOTING,
    PARAGRAPHS,
    RECOMMENDATION_TO,
    STATUSES,
    TO_THE_COMMITTEE,
    Committee,
    Meeting,
    typed_recommendation,
)
from .models import (
    BETTER,
    CRIME_AREAS_SHEET,
    CRIME_TYPES_SHEET,
    CRITERIA_SHEET,
    DEFAULT_CRITERIA,
    DEFAULT_TOLERANCE,
    INDICATORS_SHEET,
    MEASURES_SHEET,
    RECOMMENDATIONS_SHEET,
    TARGET_PERIODS,
    UNITS,
    CrimeType,
    Criterion,
    Indicator,
    Measure,
    TargetPeriod,
)
from .recommendations import SCOPES, SOURCE_TYPES, Recommendation
from .sheets import SheetReader

#: An English or Welsh lower layer super output area's code.
_LSOA = re.compile(r"^[EW]01\d{6}$")
_SPLIT = re.compile(r"\s*[;,]\s*")
_DEFAULT = {**NOTING, **PARAGRAPHS}
_DAYS = re.compile(r"\s*;\s*")
#: ``Cabinet, 13/07/2023``, ``Cabinet - 13 July 2023``, ``Cabinet (13 July 2023)``: the body, then its date.
_BODY_AND_DAY = re.compile(r"^(?P<body>.+?)\s*(?:,|\s[-\u2013\u2014]|\()\s*(?P<day>[^,()]+?)\)?$")


class OptionalSheets(SheetReader):
    """Reads the Measures, Crime types and Crime areas sheets when the plan has them."""

    def measures(self, partners: dict[str, str], priorities: dict[str, str]) -> list[Measure]:
        """The optional Measures sheet: each success measure, whose figure comes from its owner."""
        seen: dict[str, str] = {}
        out = []
        s = MEASURES_SHEET
        for row in self.table(s):
            mid = self.identifier(s, row["Measure ID"], "Measure ID", seen)
            prio = self.reference(s, row["Priority ID"], "Priority ID", priorities, "priority-unknown")
            text = self.required(s, row["Measure"][0], row["Measure"][1], "Measure")
            owner = self.reference(s, row["Owner"], "Owner", partners, "partner-unknown", what="owner")
            unit = self.choice(s, row["Unit"], "Unit", UNITS)
            better = self.choice(s, row["Better when"], "Better when", BETTER)
            baseline = self.number(s, row["Baseline"], "Baseline", unit)
            target = self.number(s, row["Target"], "Target", unit)
            tcell, tval = row["Target"]
            if better == "Monitor" and clean_text(tval):
                self.add("target-with-monitor", s, tcell, value=mid)
            elif better in ("Lower", "Higher") and not clean_text(tval):
                self.add("value-missing", s, tcell, what=f"the Target of {mid or 'the measure'} (Better when {better})")
            tolerance = self.number(s, row["Tolerance %"], "Tolerance %", "Percent")
            bcell, bval = row["Baseline period"]
            period = clean_text(bval)
            kind = _period_or_year(period) if period else ""
            if period and not kind:
                self.add("period-invalid", s, bcell, value=period)
            target_period = self._target_period(row)
            if kind == "Year" and target_period == "Quarter" and better != "Monitor":
                self.add("baseline-year-target-quarter", s, row["Target period"][0] if "Target period" in row
                         else bcell, value=mid, period=period)
            if mid and text and prio and owner and unit and better and target_period and self.report_ok_for(s, row):
                out.append(Measure(
                    id=mid, priority_id=prio, text=text, owner=owner,
                    unit=unit, better=better, baseline=baseline, baseline_period=period,
                    target=target if better != "Monitor" else None,
                    tolerance=DEFAULT_TOLERANCE if tolerance is None else tolerance, target_period=target_period,
                ))
        return out

    def _target_period(self, row: dict[str, tuple[str, CellValue]]) -> TargetPeriod | None:
        """The measure's ``Target period``: ``Quarter`` when the column is absent or the cell empty (so a plan
        made before it existed reads as before); ``None``, with a problem at the cell, for anything else."""
        if "Target period" not in row or not clean_text(row["Target period"][1]):
            return "Quarter"
        cell, value = row["Target period"]
        text = clean_text(value)
        found = next((p for p in TARGET_PERIODS if p.casefold() == text.casefold()), None)
        if found is None:
            self.add("choice-invalid", MEASURES_SHEET, cell, what="Target period", value=text,
                     choices=", ".join(TARGET_PERIODS))
        return found

    def crime_types(self, priorities: dict[str, str]) -> list[CrimeType]:
        """The optional Crime types sheet: which priority each police.uk crime type informs."""
        seen: dict[str, str] = {}
        out = []
        for row in self.table(CRIME_TYPES_SHEET):
            kind = self.identifier(CRIME_TYPES_SHEET, row["Crime type"], "Crime type", seen)
            prio = self.reference(CRIME_TYPES_SHEET, row["Priority ID"], "Priority ID", priorities, "priority-unknown")
            if kind and prio:
                out.append(CrimeType(crime_type=kind, priority_id=prio))
        return out

    def crime_areas(self) -> list[str]:
        """The optional Crime areas sheet: the LSOA codes of the partnership's area (E01024400, say)."""
        out: list[str] = []
        for row in self.table(CRIME_AREAS_SHEET):
            cell, value = row["LSOA code"]
            code = clean_text(value).upper()
            if not _LSOA.match(code):
                self.add("lsoa-invalid", CRIME_AREAS_SHEET, cell, value=clean_text(value))
            elif code not in out:
                out.append(code)
        return out


    def committee(self) -> Committee:
        values: dict[str, tuple[str, CellValue]] = {}
        recommendations: dict[str, tuple[str, str]] = {}  # body in lower case -> (cell, text)
        known = {key(k): k for k in KEYS}
        for row in self.table(COMMITTEE_SHEET):
            (kcell, kval), (vcell, vval) = row["Key"], row["Value"]
            name = clean_text(kval)
            if known.get(key(name)) == TO_THE_COMMITTEE:
                recommendations[""] = (vcell, clean_text(vval))
            elif key(name).startswith(key(RECOMMENDATION_TO)) and name[len(RECOMMENDATION_TO):].strip():
                recommendations[name[len(RECOMMENDATION_TO):].strip().casefold()] = (vcell, clean_text(vval))
            elif name in known.values() or key(name) in known:
                values[known[key(name)]] = (vcell, vval)
            else:
                self.add("setting-unknown", COMMITTEE_SHEET, kcell, value=name)
        text = {k: clean_text(v) for k, (_, v) in values.items()}
        route = self._route(values.get("Also considered by"))
        for body, (cell, _) in recommendations.items():
            if body and body not in {m.body.casefold() for m in route}:
                self.add("recommendation-body-unknown", COMMITTEE_SHEET, cell, value=body)
        status = text.get("Status") or "For approval"
        found = next((s for s in STATUSES if s.casefold() == status.casefold()), None)
        if found is None:
            self.add("choice-invalid", COMMITTEE_SHEET, values["Status"][0], what="Status", value=status,
                     choices=", ".join(STATUSES))
        decision = (text.get("Key decision") or "No").casefold()
        if decision not in ("yes", "no"):
            self.add("choice-invalid", COMMITTEE_SHEET, values["Key decision"][0], what="Key decision",
                     value=text["Key decision"], choices="Yes, No")
        return Committee(
            committee=text.get("Committee", ""), meeting_dates=self._dates(values.get("Meeting dates")),
            report_of=text.get("Report of", ""), status=found or "For approval", also_considered_by=route,
            key_decision=decision == "yes", key_aim=text.get("Key aim", ""),
            portfolio_holder=text.get("Portfolio holder", ""), contact_officers=text.get("Contact officer(s)", ""),
            recommendations={body: said for body, (_, said) in recommendations.items() if typed_recommendation(said)},
            paragraphs={k: text[k] for k in _DEFAULT if text.get(k) and text[k] != _DEFAULT[k]},
        )

    def _dates(self, cell_value: tuple[str, CellValue] | None) -> tuple[date, ...]:
        if cell_value is None:
            return ()
        cell, value = cell_value
        if (single := parse_date(value)) is not None:
            return (single,)
        days = []
        for part in _DAYS.split(clean_text(value)):
            if not part:
                continue
            if (day := parse_date(part)) is None:
                self.add("date-invalid", COMMITTEE_SHEET, cell, value=part)
            else:
                days.append(day)
        return tuple(sorted(set(days)))

    def _route(self, cell_value: tuple[str, CellValue] | None) -> tuple[Meeting, ...]:
        if cell_value is None:
            return ()
        cell, value = cell_value
        meetings = []
        for part in _DAYS.split(clean_text(value)):
            if not part or part.casefold() == "none":
                continue
            found = _BODY_AND_DAY.match(part)
            day = parse_date(found["day"]) if found else None
            if found and day is None and any(ch.isdigit() for ch in found["day"]):
                self.add("date-invalid", COMMITTEE_SHEET, cell, value=found["day"])
            meetings.append(Meeting(body=found["body"] if found and day else part, day=day))
        return tuple(meetings)



    def indicators(self, partners: dict[str, str], priorities: dict[str, str]) -> list[Indicator]:
        """The optional Indicators sheet: the figures partners supply for the strategic assessment."""
        seen: dict[str, str] = {}
        out = []
        s = INDICATORS_SHEET
        for row in self.table(s):
            iid = self.identifier(s, row["Indicator ID"], "Indicator ID", seen)
            text = self.required(s, row["Indicator"][0], row["Indicator"][1], "Indicator")
            supplier = self.reference(s, row["Supplied by"], "Supplied by", partners, "partner-unknown",
                                      what="supplier")
            unit = self.choice(s, row["Unit"], "Unit", UNITS)
            better = self.choice(s, row["Better when"], "Better when", BETTER)
            pcell, pval = row["Priority IDs"]
            informs: list[str] = []
            for pid in (x for x in _SPLIT.split(clean_text(pval)) if x):
                if pid.casefold() not in priorities:
                    self.add("priority-unknown", s, pcell, value=pid)
                elif priorities[pid.casefold()] not in informs:
                    informs.append(priorities[pid.casefold()])
            if iid and text and supplier and unit and better and self.report_ok_for(s, row):
                out.append(Indicator(id=iid, text=text, supplier=supplier, unit=unit, priority_ids=tuple(informs),
                                     better=better))
        return out

    def criteria(self) -> tuple[Criterion, ...]:
        """The optional Scoring criteria sheet, or the default criteria when it is absent or empty."""
        seen: dict[str, str] = {}
        out = []
        s = CRITERIA_SHEET
        for row in self.table(s):
            name = self.identifier(s, row["Criterion"], "Criterion", seen)
            cell, value = row["Weight"]
            weight = self.number(s, (cell, value), "Weight", None)
            if weight is None and not clean_text(value):
                self.add("value-missing", s, cell, what=f"the Weight of {name or 'the criterion'}")
            elif weight == 0:
                self.add("weight-zero", s, cell, value=name)
            if name and weight and weight > 0:
                out.append(Criterion(name=name, weight=weight, guide=clean_text(row["What a high score means"][1])))
        return tuple(out) or DEFAULT_CRITERIA


    def recommendations(self, partners: dict[str, str], priorities: dict[str, str],
                        taken: dict[str, str] | None = None) -> list[Recommendation]:
        """The optional Recommendations sheet: the recommendations of reviews the partnership tracks.  Their IDs are
        their own and not also an action's or a measure's (``taken``: those IDs, with where they are): a return
        for correction marks its cells by ID."""
        seen: dict[str, str] = dict(taken or {})
        out = []
        s = RECOMMENDATIONS_SHEET
        for row in self.table(s):
            rid = self.identifier(s, row["Recommendation ID"], "Recommendation ID", seen)
            source = self.required(s, row["Source"][0], row["Source"][1], "Source")
            kind = self.choice(s, row["Source type"], "Source type", SOURCE_TYPES)
            text = self.required(s, row["Recommendation"][0], row["Recommendation"][1], "Recommendation")
            owner = self.reference(s, row["Owner"], "Owner", partners, "partner-unknown", what="owner")
            supporting = self._partners(s, row["Supporting partners"], partners, owner)
            made, due = self._day(s, row["Date made"], "Date made"), self._day(s, row["Due date"], "Due date")
            until = self._day(s, row["Confidential until"], "")
            pcell, pval = row["Priority ID"]
            priority = clean_text(pval)
            if priority and priority.casefold() not in priorities:
                self.add("priority-unknown", s, pcell, value=priority)
            if made and due and due < made:
                self.add("recommendation-due-before-made", s, row["Due date"][0], value=rid,
                         due=f"{due:%d/%m/%Y}", made=f"{made:%d/%m/%Y}")
            scope = clean_text(row["Scope"][1]) if "Scope" in row else ""
            if scope and (found := next((c for c in SCOPES if c.casefold() == scope.casefold()), None)) is None:
                self.add("choice-invalid", s, row["Scope"][0], what="Scope", value=scope, choices=", ".join(SCOPES))
            elif scope:
                scope = found or scope
            if rid and source and kind and text and owner and made and due and self.report_ok_for(s, row):
                out.append(Recommendation(
                    id=rid, source=source, source_type=kind, made=made, text=text, owner=owner, supporting=supporting,
                    due=due, priority_id=priorities.get(priority.casefold(), ""), confidential_until=until,
                    scope=scope, action=clean_text(row["Action to take"][1]) if "Action to take" in row else "",
                    milestones=clean_text(row["Key milestones"][1]) if "Key milestones" in row else ""))
        return out

    def _partners(self, sheet: str, cell_value: tuple[str, CellValue], partners: dict[str, str],
                  leader: str) -> tuple[str, ...]:
        """Partner IDs separated by ; or , (each known, the leader and repeats left out)."""
        cell, value = cell_value
        out: list[str] = []
        for pid in (x for x in _SPLIT.split(clean_text(value)) if x):
            if pid.casefold() not in partners:
                self.add("partner-unknown", sheet, cell, what="supporting partner", value=pid)
            elif partners[pid.casefold()] not in (*out, leader):
                out.append(partners[pid.casefold()])
        return tuple(out)

    def _day(self, sheet: str, cell_value: tuple[str, CellValue], needed: str) -> date | None:
        """A date from a cell (day first when typed), with a problem at the cell when it is not one, or is
        missing where it is ``needed`` (the column's name; '' for an optional date)."""
        cell, value = cell_value
        if not clean_text(value):
            if needed:
                self.add("value-missing", sheet, cell, what=needed)
            return None
        day = parse_date(value)
        if day is None:
            self.add("date-invalid", sheet, cell, value=clean_text(value))
        return day


def _period_or_year(text: str) -> str:
    """``Quarter`` when ``text`` names a quarter (``2022-23-Q4``), ``Year`` for a financial year
    (``2022-23``), '' for neither."""
    for kind, parse in (("Quarter", parse_period), ("Year", parse_financial_year)):
        try:
            parse(text)
            return kind
        except UsageError:
            continue
    return ""
