"""The sheets a plan may leave out: success measures, and the crime types and areas of police.uk's figures."""

from __future__ import annotations

import re

from ..cells import clean_text
from ..errors import UsageError
from ..periods import parse_financial_year, parse_period
from ..spreadsheets import CellValue
from .models import (
    BETTER,
    CRIME_AREAS_SHEET,
    CRIME_TYPES_SHEET,
    DEFAULT_TOLERANCE,
    MEASURES_SHEET,
    TARGET_PERIODS,
    UNITS,
    CrimeType,
    Measure,
    TargetPeriod,
)
from .sheets import SheetReader

#: An English or Welsh lower layer super output area's code.
_LSOA = re.compile(r"^[EW]01\d{6}$")


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
