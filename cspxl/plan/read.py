"""Reading the plan workbook into the plan's models, checking every cell on the way.

The plan workbook is the coordinator's source of truth.  :func:`read_plan` reports every problem
with its sheet and cell; :func:`load_plan` refuses a plan with errors, so one is never used to
generate returns or consolidate.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from datetime import date
from pathlib import Path

from .. import _version
from .._templating import template_problem
from ..cells import clean_text, key, parse_date, preview
from ..errors import PlanError, ReadError
from ..periods import fy_label, parse_financial_year, year_span
from ..problems import Report, problem
from ..spreadsheets import Book, CellValue, read_workbook
from .models import (
    ACTIONS_SHEET,
    PARTNERS_SHEET,
    PRIORITIES_SHEET,
    SETTING_KEYS,
    SETTINGS_SHEET,
    SMTP_SECURITY,
    Action,
    Partner,
    Plan,
    Priority,
    Settings,
)
from .optional import OptionalSheets

_EMAIL = re.compile(r"^[^@\s;,<>]+@[^@\s;,<>]+\.[^@\s;,<>]+$")
_SPLIT = re.compile(r"[;,]")


#: Beside the plan: the plan as last read, by the workbook's content hash (a national plan takes
#: seconds to read, and every command reads it).
CACHE_DIR = ".cspxl-cache"


def load_plan(path: Path) -> Plan:
    """Read a plan workbook; raise :class:`PlanError` (carrying the report) if it has any error.

    A valid plan is kept beside the workbook by its content hash and cspxl's version, so it is read
    once per change of either: a plan cached by an earlier cspxl has skipped the checks added since.
    """
    path = Path(path)
    content = path.read_bytes()
    cached = path.parent / CACHE_DIR / f"plan-{hashlib.sha256(content).hexdigest()}-{_version.__version__}.json"
    try:
        return Plan.model_validate_json(cached.read_bytes())
    except (OSError, ValueError):
        pass  # not cached yet (or unreadable): read the workbook
    plan, report = read_plan(path)
    if plan is None or not report.ok:
        n = len(report.errors)
        raise PlanError(
            f"the plan {Path(path).name} has {n} error{'s' if n != 1 else ''}; "
            "run 'cspxl check' to see them and fix the workbook.",
            report,
        )
    _keep(cached, plan.model_dump_json().encode())
    return plan


def _keep(target: Path, data: bytes) -> None:
    """Write the cache atomically; a folder that cannot be written to just means no cache.

    The temporary file is the writer's own: the page's background views and its job read the plan in two
    threads of one process, and a name made from the process alone had one rename the other's half-written file.
    """
    tmp: Path | None = None
    try:
        target.parent.mkdir(exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent)
        tmp = Path(name)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    except OSError:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def read_plan(path: Path) -> tuple[Plan | None, Report]:
    """Read and validate a plan workbook: the plan (``None`` if unusable) and every problem found."""
    path = Path(path)
    report = Report()
    try:
        book = read_workbook(path, return_sized=False)
    except ReadError as exc:
        report.add(problem("plan-unreadable", file=path.name, detail=str(exc)))
        return None, report
    reader = _PlanReader(book, report)
    plan = reader.read()
    return (plan if report.ok else None), report


class _PlanReader(OptionalSheets):
    """Reads the plan's sheets, placing every problem at its cell."""

    def __init__(self, book: Book, report: Report) -> None:
        super().__init__(book, report)
        #: Where each action's target date is, to place a warning about it.
        self.target_cells: dict[str, str] = {}

    def read(self) -> Plan | None:
        settings = self.settings()
        partners = self.partners()
        priorities = self.priorities()
        partner_ids, priority_ids = {p.id.casefold(): p.id for p in partners}, {p.id.casefold(): p.id for p in priorities}
        actions = self.actions(partner_ids, priority_ids)
        measures = self.measures(partner_ids, priority_ids)
        crime_types, crime_areas = self.crime_types(priority_ids), self.crime_areas()
        indicators, criteria = self.indicators(partner_ids, priority_ids), self.criteria()
        taken = {a.id.casefold(): "the Actions sheet" for a in actions} | {
            m.id.casefold(): "the Measures sheet" for m in measures}
        recommendations = self.recommendations(partner_ids, priority_ids, taken)
        committee = self.committee()
        if settings is None or not self.report.ok:
            return None
        plan = Plan(settings=settings, partners=tuple(partners), priorities=tuple(priorities), actions=tuple(actions),
                    measures=tuple(measures), crime_types=tuple(crime_types), crime_areas=tuple(crime_areas),
                    indicators=tuple(indicators), criteria=criteria, committee=committee,
                    recommendations=tuple(recommendations))
        first, last = year_span(parse_financial_year(settings.financial_year))
        for action in plan.actions:
            if not first <= action.target_date <= last:
                self.add("target-outside-year", ACTIONS_SHEET, self.target_cells[action.id], what="Target date",
                         value=f"{action.target_date:%d/%m/%Y}", year=settings.financial_year)
        for partner in plan.partners:
            if not plan.actions_for(partner.id) and not plan.measures_for(partner.id) and not plan.indicators_for(
                    partner.id) and partner not in plan.partners_returning():
                self.add("partner-without-actions", PARTNERS_SHEET, value=partner.id)
        return plan

    def settings(self) -> Settings | None:
        values: dict[str, str] = {}
        cells: dict[str, str] = {}
        known = {key(k): k for k in SETTING_KEYS}
        for row in self.table(SETTINGS_SHEET):
            (kcell, kval), (vcell, vval) = row["Key"], row["Value"]
            name = known.get(key(clean_text(kval)))
            if name is None:
                self.add("setting-unknown", SETTINGS_SHEET, kcell, value=clean_text(kval))
                continue
            values[name] = clean_text(vval)
            cells[name] = vcell
        if self.book.sheet(SETTINGS_SHEET) is None:
            return None
        for name, needed in SETTING_KEYS.items():
            if needed and not values.get(name):
                self.add("value-missing", SETTINGS_SHEET, cells.get(name, ""), what=f"setting '{name}'")
        fy = values.get("Financial year", "")
        if fy:
            try:
                fy = fy_label(parse_financial_year(fy))
            except ValueError:
                self.add("setting-invalid", SETTINGS_SHEET, cells["Financial year"], what="Financial year", value=fy,
                         hint="Write it like 2023-24.")
        email = values.get("Coordinator email", "")
        if email and not _EMAIL.match(email):
            self.add("email-invalid", SETTINGS_SHEET, cells["Coordinator email"], value=email)
        days = self._days(values, cells, "Return due days", 14)
        correction_days = self._days(values, cells, "Correction days", 10)
        port, security = self._smtp(values, cells)
        population = values.get("Population", "").replace(",", "")
        if population and (not population.isdigit() or int(population) == 0):
            self.add("setting-invalid", SETTINGS_SHEET, cells["Population"], what="Population", value=population,
                     hint="Give the number of residents as a whole number, e.g. 121,000.")
            population = ""
        templates = {k: v for k, v in values.items() if " email " in k and v}
        for name, text in templates.items():
            if (fault := template_problem(text)) is not None:
                self.add("setting-invalid", SETTINGS_SHEET, cells[name], what=name, value=preview(text, 30),
                         hint=f"Fix the template: {fault}.")
        if not self.report.ok:
            return None
        return Settings(
            partnership=values["Partnership"], short_name=values["Short name"], financial_year=fy,
            coordinator_name=values["Coordinator name"], coordinator_email=email,
            coordinator_phone=values.get("Coordinator phone", ""), return_due_days=days,
            correction_days=correction_days,
            allowed_names=tuple(n.strip() for n in _SPLIT.split(values.get("Names allowed in updates", "")) if n.strip()),
            crime_area=values.get("Crime area", ""), population=int(population) if population else None,
            strategic_assessment=values.get("Strategic assessment", ""),
            smtp_host=values.get("SMTP host", ""), smtp_port=port, smtp_security=security,
            smtp_user=values.get("SMTP user", ""), email_templates=templates,
        )

    def _days(self, values: dict[str, str], cells: dict[str, str], name: str, default: int) -> int:
        """A number of days from the Settings (its default when empty)."""
        days = values.get(name) or str(default)
        if not days.isdigit() or int(days) > 366:
            self.add("setting-invalid", SETTINGS_SHEET, cells.get(name, ""), what=name, value=days,
                     hint="Give a whole number of days from 0 to 366.")
            return default
        return int(days)

    def _smtp(self, values: dict[str, str], cells: dict[str, str]) -> tuple[int | None, str]:
        port_text = values.get("SMTP port", "")
        port = int(port_text) if port_text.isdigit() and 0 < int(port_text) < 65536 else None
        if port_text and port is None:
            self.add("setting-invalid", SETTINGS_SHEET, cells["SMTP port"], what="SMTP port", value=port_text,
                     hint="Give the port number, e.g. 587 for starttls or 465 for ssl.")
        security = values.get("SMTP security", "").lower() or "starttls"
        if security not in SMTP_SECURITY:
            self.add("setting-invalid", SETTINGS_SHEET, cells["SMTP security"], what="SMTP security", value=security,
                     hint="Use starttls, ssl or none.")
            security = "starttls"
        elif security == "none" and values.get("SMTP host"):
            self.add("smtp-insecure", SETTINGS_SHEET, cells["SMTP security"], value=values["SMTP host"])
        return port, security

    def partners(self) -> list[Partner]:
        seen: dict[str, str] = {}
        out = []
        for row in self.table(PARTNERS_SHEET):
            pid = self.identifier(PARTNERS_SHEET, row["Partner ID"], "Partner ID", seen)
            name = self.required(PARTNERS_SHEET, row["Partner name"][0], row["Partner name"][1], "Partner name")
            ecell, evalue = row["Contact email"]
            emails = tuple(e.strip() for e in _SPLIT.split(clean_text(evalue)) if e.strip())
            for e in emails:
                if not _EMAIL.match(e):
                    self.add("email-invalid", PARTNERS_SHEET, ecell, value=e)
            if pid and name:
                out.append(Partner(id=pid, name=name, contact_name=clean_text(row["Contact name"][1]), emails=emails))
        return out

    def priorities(self) -> list[Priority]:
        seen: dict[str, str] = {}
        out = []
        for row in self.table(PRIORITIES_SHEET):
            pid = self.identifier(PRIORITIES_SHEET, row["Priority ID"], "Priority ID", seen)
            name = self.required(PRIORITIES_SHEET, row["Priority"][0], row["Priority"][1], "Priority")
            if pid and name:
                out.append(Priority(id=pid, name=name))
        return out

    def actions(self, partners: dict[str, str], priorities: dict[str, str]) -> list[Action]:
        seen: dict[str, str] = {}
        out = []
        s = ACTIONS_SHEET
        for row in self.table(s):
            aid = self.identifier(s, row["Action ID"], "Action ID", seen)
            prio = self.reference(s, row["Priority ID"], "Priority ID", priorities, "priority-unknown")
            text = self.required(s, row["Action"][0], row["Action"][1], "Action")
            lead = self.reference(s, row["Lead partner"], "Lead partner", partners, "partner-unknown",
                                  what="lead partner")
            scell, sval = row["Supporting partners"]
            supporting = []
            for sid in (x.strip() for x in _SPLIT.split(clean_text(sval))):
                if sid and sid.casefold() not in partners:
                    self.add("partner-unknown", s, scell, what="supporting partner", value=sid)
                elif sid and partners[sid.casefold()] not in supporting and sid.casefold() != lead.casefold():
                    supporting.append(partners[sid.casefold()])
            tcell, tval = row["Target date"]
            self.target_cells[aid] = tcell
            target = parse_date(tval) if clean_text(tval) else None
            if not clean_text(tval):
                self.add("value-missing", s, tcell, what="Target date")
            elif target is None:
                self.add("date-invalid", s, tcell, value=clean_text(tval))
            original = self._original_target(row)
            if aid and text and lead and prio and target:
                out.append(Action(
                    id=aid, priority_id=prio, text=text,
                    success_measure=clean_text(row["Success measure"][1]), lead=lead,
                    supporting=tuple(supporting), target_date=target,
                    carried_from=clean_text(row["Carried from"][1]) if "Carried from" in row else "",
                    original_target=original,
                ))
        return out

    def _original_target(self, row: dict[str, tuple[str, CellValue]]) -> date | None:
        """The optional ``Original target date`` (the plan's first date for an action whose target slipped)."""
        if "Original target date" not in row or not clean_text(row["Original target date"][1]):
            return None
        cell, value = row["Original target date"]
        day = parse_date(value)
        if day is None:
            self.add("date-invalid", ACTIONS_SHEET, cell, value=clean_text(value))
        return day
