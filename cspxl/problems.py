"""Problems found in what people typed: one catalogue of codes, one record type, one report.

Every problem has a stable slug (tests and other tools refer to it, not to the wording), a place
in the spreadsheet's own coordinates, and a sentence saying how to fix it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Severity(StrEnum):
    """How much a problem matters: errors stop a row (or a plan) being used, warnings do not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Code(BaseModel):
    """One entry of the catalogue: what went wrong and how to put it right."""

    model_config = ConfigDict(frozen=True)

    slug: str
    severity: Severity
    template: str
    fix: str


def _c(slug: str, severity: Severity, template: str, fix: str) -> Code:
    return Code(slug=slug, severity=severity, template=template, fix=fix)


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

#: The catalogue by the part of cspxl that finds each problem, in the order the reference lists them.
AREAS: dict[str, tuple[Code, ...]] = {
    "The plan workbook": (
        _c("sheet-missing", E, "the workbook has no '{name}' sheet", "Add the sheet with its header row (see 'The plan workbook' in cspxl's guide)."),
        _c("header-missing", E, "the '{name}' sheet has no '{header}' column", "Add a column headed '{header}' in row 1."),
        _c("value-missing", E, "{what} is empty", "Fill it in."),
        _c("id-duplicate", E, "{what} '{value}' is used again (first at {first})", "Give each row its own ID."),
        _c("partner-unknown", E, "{what} '{value}' is not in Partners", "Use a Partner ID from the Partners sheet."),
        _c("priority-unknown", E, "priority '{value}' is not in Priorities", "Use a Priority ID from the Priorities sheet."),
        _c("date-invalid", E, "'{value}' is not a date", "Type the date day first, e.g. 31/12/2023 or 31 December 2023."),
        _c("choice-invalid", E, "{what} '{value}' is not one of {choices}", "Choose one from the dropdown."),
        _c("number-invalid", E, "{what} '{value}' is not a number", "Type a number, e.g. 42 or 12.5."),
        _c("number-negative", E, "{what} {value} is below zero", "Type the figure as a number of zero or more."),
        _c("percent-outside", E, "{what} {value} is a percentage outside 0-100", "Type a percentage from 0 to 100."),
        _c("target-with-monitor", E, "measure {value} is only monitored (Better when Monitor) but has a target", "Leave the Target empty, or choose Lower or Higher in Better when."),
        _c("lsoa-invalid", E, "'{value}' is not an LSOA code", "Give the code police.uk lists in its LSOA code column, e.g. E01024400."),
        _c("baseline-year-target-quarter", W, "measure {value}'s baseline is for the year {period}, but its target is judged each quarter (Target period Quarter)", "If the target is the year's, choose Year in Target period; if it is each quarter's, give a quarter's baseline, e.g. {period}-Q4."),
        _c("period-invalid", E, "'{value}' is not a quarter or a financial year", "Write it like 2022-23 or 2022-23-Q4."),
        _c("email-invalid", E, "'{value}' is not an e-mail address", "Write addresses like name@example.org, separated by ';'."),
        _c("recommendation-body-unknown", E, "there is a recommendation to '{value}', which is not in Also considered by", "Name the body as Also considered by does, or add it there."),
        _c("recommendation-due-before-made", W, "recommendation {value} is due {due}, before it was made ({made})", "Check both dates."),
        _c("weight-zero", E, "criterion '{value}' has a weight of 0", "Give it a weight above 0, or delete its row."),
    ),
    "The strategic assessment's scoring": (
        _c("scoring-unreadable", E, "the scoring file {detail}", "Save the assessment workbook from Excel as an Excel workbook (.xlsx) and give that file."),
        _c("scoring-other-year", E, "the Scoring sheet is for {value}, not {year}", "Give the Scoring sheet of the {year} assessment workbook, as cspxl wrote it."),
        _c("score-missing", E, "{candidate} has no score for {what}", "Score it from 1 (low) to 5 (high)."),
        _c("score-invalid", E, "'{value}' is not a score from 1 to {top}", "Type a whole number from 1 (low) to {top} (high)."),
        _c("candidate-missing", E, "priority {value} ({name}) is not on the Scoring sheet", "Score it on the Scoring sheet, or take it out of the plan's Priorities."),
    ),
    "The plan's settings, and the plan as a whole": (
        _c("setting-unknown", W, "setting '{value}' is not one cspxl knows and is ignored", "Check its spelling against 'The plan workbook' in cspxl's guide."),
        _c("setting-invalid", E, "{what} '{value}' is not valid", "{hint}"),
        _c("smtp-insecure", W, "e-mail to {value} will be sent without encryption (SMTP security is none)", "Use none only for a relay on this machine or network; otherwise use starttls or ssl."),
        _c("target-outside-year", W, "{what} {value} is outside the plan's financial year {year}", "Check the date: give one in {year}, or move the action to the plan of the year it belongs to."),
        _c("partner-without-actions", I, "partner '{value}' leads or supports no action, supplies no measure and gets no return", "Add it to an action, or leave it if that is intended."),
        _c("period-plan-differs", I, "{value}'s returns were generated from an earlier plan, and this one differs: {changes}", "Nothing to do: {value} keeps the plan it was generated from; generate it again only if the change should apply to it."),
        _c("plan-unreadable", E, "the plan {detail}", "Save the plan from Excel as an Excel workbook (.xlsx)."),
    ),
    "A returned file as a whole": (
        _c("file-unreadable", E, "the file {detail}", "{advice}."),
        _c("macros-ignored", W, "the file contains macros; they were not run (cspxl never runs macros)", "Nothing to do; ask the partner to save as .xlsx next time."),
        _c("read-in-part", W, "only part of the file could be read exactly: it was read without {value}", "Check this partner's answers in the master; ask them to save the return from Excel as .xlsx next time."),
        _c("external-links-ignored", W, "the file links to {value} other workbook(s); the links were not followed", "Nothing to do; the answers typed in the return were read."),
        _c("merged-inputs", W, "cells {value} were merged over input cells; only the first cell's value was read", "Ask the partner to unmerge them and put each answer in its own cell."),
        _c("control-characters-removed", W, "the {header} held characters that cannot be shown (such as {value}); they were removed", "Nothing to do."),
        _c("data-return-empty", E, "nothing has been filled in or changed on the Indicators sheet, so nothing was recorded", "Check this is the partner's completed data return, not the one that was sent out."),
        _c("return-empty", E, "nothing has been filled in on the Return sheet, so nothing was recorded", "Check this is the partner's completed return, not the blank one that was sent out."),
        _c("identity-missing", E, "the file is not a return issued by cspxl (it has no identity)", "Ask the partner to fill in the return they were sent; if it is their return but lost its identity, ingest it with --partner ID --period PERIOD."),
        _c("identity-invalid", E, "the file's identity has been edited and its signature does not match", "Generate a fresh return for the partner and ask them to copy their answers into it."),
        _c("identity-foreign", E, "the file was issued by another workspace ({value})", "Ingest it in the workspace that generated it."),
        _c("identity-assigned", W, "the file had no identity; it was taken as {value}'s return for {period} as you asked, and its rows match the actions issued", "Nothing to do; check it is the right partner's file."),
        _c("identity-assign-refused", E, "the file has no identity and its rows do not match the actions issued to {value} for {period} ({detail})", "Check the partner and period, or ask the partner to fill in the return they were sent."),
        _c("identity-conflict", E, "the file is {value}'s return, not {given}'s", "Ingest it without --partner/--period."),
        _c("partner-not-in-plan", E, "the return is for partner '{value}', who is no longer in the plan", "Add the partner back to the plan, or ignore this return."),
        _c("return-sheet-missing", E, "the workbook has no 'Return' sheet", "Ask the partner to send back the workbook they were sent, without renaming its sheets."),
        _c("return-header-missing", E, "the 'Return' sheet has no header row with '{header}'", "Ask the partner to send back the return without changing its header row."),
        _c("file-skipped", I, "{value}", "Nothing to do."),
        _c("file-duplicate", I, "this file was already ingested on {value}; nothing changed", "Nothing to do."),
        _c("return-held", W, "{value} was closed on {closed} (its papers went to the board), so this return is held, not applied{outstanding}", "If it holds {later}'s news, ask the partner to send it on the {later} return; if it must change {value}, run 'cspxl reopen {value}'."),
        _c("earlier-period-form", W, "this return is for {value}, but {partner}'s return for {later} was issued on {issued} and is still outstanding; it was recorded for {value}", "If it holds {later}'s news, ask the partner to send it again on the {later} return; if it corrects {value}, nothing to do."),
        _c("plan-changed", W, "the return was issued from an earlier version of the plan ({value})", "Check the actions still match; generate new returns after changing the plan."),
    ),
    "A return's actions": (
        _c("action-missing", W, "the row for action {action} is missing, so it has no update", "Ask the partner for an update on {action}."),
        _c("action-duplicate", E, "action {action} appears again (first at row {value})", "Keep one row per action and send the return again."),
        _c("action-unknown", W, "action '{value}' was not issued to this partner; the row is ignored", "Remove the row, or add the action to the plan and generate a new return."),
        _c("status-blank", W, "no status is given for {action}, so it counts as no update", "Choose a status from the dropdown."),
        _c("status-unknown", E, "status '{value}' is not one of Not started, On track, At risk, Off track, Completed", "Choose a status from the dropdown."),
        _c("completed-without-date", E, "{action} is Completed but has no date completed", "Enter the date the action was completed."),
        _c("update-required", E, "{action} is {value} but has no progress update", "Say what is wrong and what is being done about it."),
        _c("percent-invalid", E, "'{value}' is not a percentage", "Enter a whole number from 0 to 100."),
        _c("percent-out-of-range", E, "% complete {value} is outside 0-100", "Enter a whole number from 0 to 100."),
        _c("support-invalid", E, "'{value}' is not Yes or No", "Choose Yes or No from the dropdown."),
        _c("context-changed", W, "the locked {header} was changed from '{old}' to '{value}'; the plan's version is kept", "Nothing to do unless the change matters: then update the plan workbook."),
        _c("sheet-added", W, "a sheet '{value}' was added with {count} filled cells; they are not recorded as updates", "Ask the partner to put anything important in the Progress update column."),
        _c("percent-ambiguous", W, "% complete {value} could mean {low}% or {high}%, so no % complete was recorded", "Type the percentage as a whole number, e.g. 50 or 50%, and send the return again."),
        _c("completed-below-100", W, "{action} is Completed but its % complete is {value}", "Check which is right: 100% complete, or another status."),
        _c("percent-rounded", W, "% complete {value} is not a whole number and was read as {rounded}", "Enter a whole number from 0 to 100."),
    ),
    "A return's Measures sheet": (
        _c("measures-sheet-missing", W, "the workbook has no 'Measures' sheet with 'Measure ID' and 'Value' columns, so no figure was recorded for {value}", "Ask the partner for the figures, or to send back the return they were sent with its Measures sheet."),
        _c("measure-unknown", W, "measure '{value}' was not asked of this partner; the row is ignored", "Remove the row, or add the measure to the plan and generate a new return."),
        _c("measure-duplicate", E, "measure {action} appears again (first at row {value})", "Keep one row per measure and send the return again."),
        _c("measure-missing", W, "the row for measure {action} is missing, so it has no figure", "Ask the partner for the figure for {action}."),
        _c("figure-blank", W, "no figure is given for measure {action}", "Ask the partner for it, or leave it until it is known: the master shows the measure Grey."),
    ),
    "A return's Recommendations sheet": (
        _c("recommendations-sheet-missing", W, "the workbook has no 'Recommendations' sheet with 'Recommendation ID' and 'Status' columns, so no update was recorded for {value}", "Ask the partner to send back the return they were sent, with its Recommendations sheet."),
        _c("recommendation-unknown", W, "recommendation '{value}' was not asked of this partner; the row is ignored", "Remove the row, or add the recommendation to the plan and generate a new return."),
        _c("recommendation-duplicate", E, "recommendation {action} appears again (first at row {value})", "Keep one row per recommendation and send the return again."),
        _c("recommendation-missing", W, "the row for recommendation {action} is missing, so it has no update", "Ask the partner for the update on {action}."),
        _c("recommendation-blank", W, "no update is given for recommendation {action}, so its status stays as last recorded", "Ask the partner for the update, or leave it until the next quarter."),
        _c("recommendation-status-blank", E, "recommendation {action} has an update but no status", "Choose a status from the dropdown: Not started, In progress, Implemented or Not accepted."),
        _c("recommendation-status-unknown", E, "status '{value}' is not one of Not started, In progress, Implemented, Not accepted", "Choose a status from the dropdown."),
        _c("recommendation-evidence-required", E, "recommendation {action} is Implemented but has no evidence", "Say what shows it was implemented: a policy adopted, training delivered, an audit, with dates."),
        _c("recommendation-date-required", E, "recommendation {action} is Implemented but has no date implemented", "Enter the date it was implemented."),
        _c("recommendation-reason-required", E, "recommendation {action} is Not accepted but gives no reason", "Say why the recommendation is not accepted: the board decides on that reason."),
        _c("recommendation-date-before-made", E, "date implemented {value} is before recommendation {action} was made ({made})", "Check the date: give the day it was implemented."),
        _c("recommendation-date-outside", E, "date implemented {value} is outside {period} ({first} to {last})", "Give the date within the quarter; a recommendation implemented after it is reported next quarter."),
    ),
    "A data return's Indicators sheet": (
        _c("indicators-sheet-missing", E, "the workbook has no 'Indicators' sheet with its Indicator ID and quarter columns, so no figure was recorded for {value}", "Ask the partner to send back the data return they were sent, with its Indicators sheet."),
        _c("indicator-unknown", W, "indicator '{value}' was not asked of this partner; the row is ignored", "Remove the row, or add the indicator to the plan and generate a new data return."),
        _c("indicator-duplicate", E, "indicator {action} appears again (first at row {value})", "Keep one row per indicator and send the return again."),
        _c("indicator-missing", W, "the row for indicator {action} is missing, so it has no figures", "Ask the partner for the figures for {action}."),
        _c("indicator-blank", W, "indicator {action} has no figure for {value}", "Ask the partner for them, or leave them if they are not known: the assessment names each quarter missing and whose it is."),
    ),
    "Any figure or text a partner typed": (
        _c("figure-invalid", E, "'{value}' is not a number", "Type the figure as a number, e.g. 42 or 12.5."),
        _c("figure-outside", E, "figure {value} is {outside}", "Type a figure {allowed}."),
        _c("figure-ambiguous", W, "figure {value} could mean {low}% or {high}%, so no figure was recorded", "Type the percentage as a number from 0 to 100, e.g. 45 or 45%, and send the return again."),
        _c("figure-jump", W, "figure {value} is {how} last quarter's ({previous}); it is recorded as typed", "Check it with the partner: if it is right, nothing to do; if not, send the return back for correction."),
        _c("text-too-long", E, "the {header} is {value} characters long, more than a cell can hold (32,767)", "Shorten it to fit one cell."),
        _c("cells-repeated", W, "'{value}' fills {times} cells from here (a whole row filled in); only this cell was read", "Ask the partner to type each answer once, in its own cell."),
        _c("more-cells", W, "{value} more cells like those above ({kind}) are not listed one by one", "Open the file to see them; nothing in them was recorded as an update."),
        _c("personal-data", W, "the {header} seems to hold personal data: {kind} {hint} at characters {first}-{last}; {kept}", "Check it; make the copy that circulates with 'cspxl consolidate PERIOD --redact', and ask the partner to leave such details out."),
        _c("typed-outside-inputs", W, "'{value}' was typed outside the input cells and is not recorded as an update", "Put it in the Progress update of the action it belongs to."),
    ),
}

CATALOGUE: dict[str, Code] = {c.slug: c for codes in AREAS.values() for c in codes}


class Problem(BaseModel):
    """One problem, placed: file, sheet, cell and action, with the fix."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    message: str
    fix: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    action: str = ""

    @property
    def where(self) -> str:
        """``Sheet!A1`` (or just the sheet), the way a spreadsheet user writes a place."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet

    def __str__(self) -> str:
        place = " · ".join(p for p in (self.file, self.where, self.action) if p)
        head = f"{place}: " if place else ""
        return f"{head}{self.message}. {self.fix}"


def problem(code: str, *, file: str = "", sheet: str = "", cell: str = "", action: str = "", **values: object) -> Problem:
    """Make a :class:`Problem` from the catalogue, filling its template with ``values``."""
    entry = CATALOGUE[code]
    fields = {"action": action, **values}
    text = entry.template.format(**fields)
    fix = entry.fix.format(**fields)
    return Problem(
        code=code,
        severity=entry.severity,
        message=text[:1].upper() + text[1:],
        fix=fix[:1].upper() + fix[1:],
        file=file,
        sheet=sheet,
        cell=cell,
        action=action,
    )


class Report(BaseModel):
    """The problems a reading produced, in the order they were found."""

    problems: list[Problem] = []

    def add(self, p: Problem) -> Problem:
        self.problems.append(p)
        return p

    def extend(self, ps: Iterable[Problem]) -> None:
        self.problems.extend(ps)

    def __iter__(self) -> Iterator[Problem]:  # type: ignore[override]
        return iter(self.problems)

    def __len__(self) -> int:
        return len(self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        """True when nothing is an error."""
        return not self.errors

    def flatten(self, *fields: str) -> list[tuple[str, ...]]:
        """The chosen fields of every problem as tuples, for exact assertions in tests."""
        names = fields or ("where", "code")
        return [tuple(str(getattr(p, f)) for f in names) for p in self.problems]
