"""Writing the plan workbook: the blank one ``init`` makes, and the shipped example.

The sheets and headers are the contract of :mod:`cspxl.plan.read`; the dropdowns help the coordinator
pick valid IDs and dates in Excel, and ``cspxl check`` still validates everything.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..spreadsheets.write import (
    Formats,
    checked,
    print_setup,
    row_height,
    workbook,
    write_date,
    write_number,
    write_text,
)
from .committee import COMMITTEE_SHEET, Committee, committee_rows
from .models import (
    ACTIONS_SHEET,
    BETTER,
    COLUMNS,
    CRIME_AREAS_SHEET,
    CRIME_TYPES_SHEET,
    CRITERIA_SHEET,
    DEFAULT_CRITERIA,
    INDICATORS_SHEET,
    MEASURES_SHEET,
    OPTIONAL_COLUMNS,
    PARTNERS_SHEET,
    PRIORITIES_SHEET,
    RECOMMENDATIONS_SHEET,
    SETTING_KEYS,
    SETTINGS_SHEET,
    TARGET_PERIODS,
    UNITS,
    Plan,
)
from .recommendations import SCOPES, SOURCE_TYPES

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

#: Rows the dropdowns and validations cover; far more than any plan needs.
_ROWS = 1000

#: Each sheet's column widths, in the order of its columns and then its optional ones.
_WIDTHS = {
    SETTINGS_SHEET: (22, 55),
    PARTNERS_SHEET: (16, 45, 26, 55),
    PRIORITIES_SHEET: (12, 80),
    ACTIONS_SHEET: (10, 11, 60, 45, 16, 30, 13, 13, 13),
    MEASURES_SHEET: (11, 11, 50, 16, 10, 11, 10, 11, 10, 11, 11),
    CRIME_TYPES_SHEET: (32, 12),
    CRIME_AREAS_SHEET: (14,),
    INDICATORS_SHEET: (12, 50, 16, 10, 16, 11),
    CRITERIA_SHEET: (36, 9, 60),
    COMMITTEE_SHEET: (36, 90),
    RECOMMENDATIONS_SHEET: (16, 24, 14, 11, 50, 14, 22, 11, 10, 12, 10, 40, 30),
}

_HELP = {
    ("Actions", "Priority ID"): "Pick a Priority ID from the Priorities sheet.",
    ("Actions", "Lead partner"): "Pick the Partner ID of the partner who leads this action.",
    ("Actions", "Supporting partners"): "Partner IDs separated by ; (may be empty).",
    ("Actions", "Target date"): "A date, e.g. 31/03/2024.",
    ("Partners", "Contact email"): "One or more addresses separated by ;",
    ("Partners", "Partner ID"): "A short ID used everywhere else, e.g. kent-police.",
    ("Crime types", "Crime type"): "A crime type as police.uk names it, e.g. Burglary or Anti-social behaviour.",
    ("Crime areas", "LSOA code"): "Only when the area's LSOA names do not start with the Crime area setting: "
                                  "each LSOA code, e.g. E01024400.",
    ("Measures", "Owner"): "The Partner ID of the partner who sends this figure each quarter.",
    ("Measures", "Baseline period"): "The year or quarter of the baseline, e.g. 2022-23.",
    ("Measures", "Target"): "The figure to reach; leave it empty when Better when is Monitor.",
    ("Measures", "Tolerance %"): "How far the figure may miss its target and be Amber, as a % of the target "
                                 "(empty: 5).",
    ("Recommendations", "Source"): "The review or body it came from, e.g. DHR Sevenoaks 2022/01; the same name for "
                                    "each recommendation of one review.",
    ("Recommendations", "Owner"): "The Partner ID of the partner who owns the recommendation.",
    ("Recommendations", "Supporting partners"): "Partner IDs separated by ; (may be empty).",
    ("Recommendations", "Confidential until"): "The day the review is published; empty when the recommendation is "
                                               "public. Until then its text circulates nowhere.",
    ("Indicators", "Supplied by"): "The Partner ID of the partner who sends this figure for the strategic "
                                   "assessment.",
    ("Indicators", "Priority IDs"): "The priorities the indicator informs: Priority IDs separated by ;",
    ("Scoring criteria", "Weight"): "How much the criterion counts: a candidate's score on it (1 to 5) is "
                                    "multiplied by its weight.",
    ("Measures", "Target period"): "Quarter: each quarter's figure is held to the Target. Year: the Target is "
                                   "the year's (a count judged on the year to date; empty: Quarter).",
}


def write_blank_plan(path: Path, partnership: str = "") -> Path:
    """Write an empty plan workbook with the sheets, headers and dropdowns, ready to fill in; with the
    ``partnership``'s name in its Settings and on every printed page, when it is given."""
    return write_plan_workbook(path, None, partnership)


def laid_out(name: str, plan: Plan | None) -> tuple[str, ...]:
    """The columns a sheet of the plan workbook is written with: its own, then the optional ones it
    needs (``Target period`` always, so a coordinator can choose it; an action's ``Carried from`` and
    ``Original target date`` once a year end has given any action one)."""
    extra: tuple[str, ...] = ()
    if name in (MEASURES_SHEET, RECOMMENDATIONS_SHEET):
        extra = OPTIONAL_COLUMNS[name]
    elif name == ACTIONS_SHEET and plan is not None:
        extra = tuple(h for h, field in zip(OPTIONAL_COLUMNS[ACTIONS_SHEET], ("carried_from", "original_target"),
                                            strict=True) if any(getattr(a, field) for a in plan.actions))
    return (*COLUMNS[name], *extra)


def write_plan_workbook(path: Path, plan: Plan | None, partnership: str = "") -> Path:
    """Write ``plan`` (or an empty plan, for ``partnership`` if given) as a plan workbook at ``path``.

    Each printed page's header names the partnership: a header cannot read a cell, so a blank plan
    written without its name prints "Strategy & Action Plan" alone, never a name that is not its own.
    """
    name = plan.settings.partnership if plan else partnership
    title = f"{name}: Strategy & Action Plan" if name else "Strategy & Action Plan"
    with workbook(path, title=title) as wb:
        fmts = Formats(wb)
        sheets = {name: wb.add_worksheet(name) for name in COLUMNS}
        lists = wb.add_worksheet("Lists")
        for name, ws in sheets.items():
            columns = laid_out(name, plan)
            _lay_out(ws, name, columns, fmts)
            # Each sheet on A4 with every column on a page's width, so a setting's value prints beside
            # its key; the wide sheets (Partners, Actions) landscape; the widest (Recommendations) as a
            # table, readable, across as many pages as its columns need.
            widths = _WIDTHS[name][:len(columns)]
            print_setup(ws, title, landscape=sum(widths) > 100, repeat=(0, 0),
                        widths=widths if sum(widths) > 200 else None)
        _settings(sheets[SETTINGS_SHEET], plan, fmts, partnership)
        if plan:
            _fill(sheets, plan, fmts)
        _assessment(sheets, plan, fmts)
        for r, setting in enumerate(SETTING_KEYS, start=1):
            write_text(lists, r, 0, setting)
        write_text(lists, 0, 0, "Settings keys")
        lists.hide()
        wb.define_name("SettingKeys", f"=Lists!$A$2:$A${len(SETTING_KEYS) + 1}")
        wb.define_name("PartnerIDs", f"=Partners!$A$2:$A${_ROWS}")
        wb.define_name("PriorityIDs", f"=Priorities!$A$2:$A${_ROWS}")
        _validate(sheets)
    return Path(path)


def _lay_out(ws: Worksheet, name: str, columns: tuple[str, ...], fmts: Formats) -> None:
    for c, (header, width) in enumerate(zip(columns, _WIDTHS[name], strict=False)):
        write_text(ws, 0, c, header, fmts.header)
        date_col = header in ("Target date", "Original target date", "Date made", "Due date", "Confidential until")
        ws.set_column(c, c, width, fmts.date if date_col else fmts.text)
    # A header wrapped in a narrow column gets its lines (bold wraps a character sooner).
    ws.set_row(0, row_height((h, w - 1) for h, w in zip(columns, _WIDTHS[name], strict=False)))
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, 0, len(columns) - 1)


def _settings(ws: Worksheet, plan: Plan | None, fmts: Formats, partnership: str = "") -> None:
    s = plan.settings if plan else None
    values = {
        "Partnership": s.partnership if s else partnership,
        "Short name": s.short_name if s else "",
        "Financial year": s.financial_year if s else "",
        "Coordinator name": s.coordinator_name if s else "",
        "Coordinator email": s.coordinator_email if s else "",
        "Coordinator phone": s.coordinator_phone if s else "",
        "Return due days": s.return_due_days if s else 14,
        "Correction days": s.correction_days if s else 10,
        # People whose names may appear in updates without a personal-data warning, separated by ';'.
        "Names allowed in updates": "; ".join(s.allowed_names) if s else "",
        # The start of the partnership's LSOA names in police.uk's files, e.g. Sevenoaks.
        "Crime area": s.crime_area if s else "",
        # For crime rates per 1,000 residents in the strategic assessment.
        "Population": (s.population or "") if s else "",
        # The strategic assessment this plan responds to (the rollover names it).
        "Strategic assessment": s.strategic_assessment if s else "",
        # Only needed to send e-mail with 'cspxl send --smtp'; drafts (--eml) need none of them.
        "SMTP host": s.smtp_host if s else "",
        "SMTP port": (s.smtp_port or "") if s else "",
        "SMTP security": s.smtp_security if s else "starttls",
        "SMTP user": s.smtp_user if s else "",
        **(s.email_templates if s else {}),
    }
    for r, (k, v) in enumerate(values.items(), start=1):
        write_text(ws, r, 0, k, fmts.bold)
        if isinstance(v, int):
            write_number(ws, r, 1, v, fmts.plain)
        else:
            write_text(ws, r, 1, v, fmts.text)


def _fill(sheets: dict[str, Worksheet], plan: Plan, fmts: Formats) -> None:
    for r, p in enumerate(plan.partners, start=1):
        for c, v in enumerate((p.id, p.name, p.contact_name, "; ".join(p.emails))):
            write_text(sheets[PARTNERS_SHEET], r, c, v, fmts.text)
    for r, pr in enumerate(plan.priorities, start=1):
        write_text(sheets[PRIORITIES_SHEET], r, 0, pr.id, fmts.text)
        write_text(sheets[PRIORITIES_SHEET], r, 1, pr.name, fmts.text)
    ws = sheets[ACTIONS_SHEET]
    columns = laid_out(ACTIONS_SHEET, plan)  # after a year end: where each unfinished action came from
    for r, a in enumerate(plan.actions, start=1):
        for c, v in enumerate((a.id, a.priority_id, a.text, a.success_measure, a.lead, "; ".join(a.supporting))):
            write_text(ws, r, c, v, fmts.text)
        write_date(ws, r, 6, a.target_date, fmts.date)
        if "Carried from" in columns:
            write_text(ws, r, columns.index("Carried from"), a.carried_from, fmts.text)
        if "Original target date" in columns:
            write_date(ws, r, columns.index("Original target date"), a.original_target, fmts.date)
    for r, ct in enumerate(plan.crime_types, start=1):
        write_text(sheets[CRIME_TYPES_SHEET], r, 0, ct.crime_type, fmts.text)
        write_text(sheets[CRIME_TYPES_SHEET], r, 1, ct.priority_id, fmts.text)
    for r, code in enumerate(plan.crime_areas, start=1):
        write_text(sheets[CRIME_AREAS_SHEET], r, 0, code, fmts.text)
    for r, m in enumerate(plan.measures, start=1):
        ms = sheets[MEASURES_SHEET]
        for c, v in enumerate((m.id, m.priority_id, m.text, m.owner, m.unit, m.better)):
            write_text(ms, r, c, v, fmts.text)
        for c, number in ((6, m.baseline), (8, m.target), (9, m.tolerance)):
            if number is not None:
                write_number(ms, r, c, number, fmts.plain)
        write_text(ms, r, 7, m.baseline_period, fmts.text)
        write_text(ms, r, 10, m.target_period, fmts.text)


def _assessment(sheets: dict[str, Worksheet], plan: Plan | None, fmts: Formats) -> None:
    """The strategic assessment's sheets and the committee reports' details: the defaults written out in
    full in a blank plan, so that the coordinator sees what a report will say and edits it there."""
    for r, i in enumerate(plan.indicators if plan else (), start=1):
        for c, v in enumerate((i.id, i.text, i.supplier, i.unit, "; ".join(i.priority_ids), i.better)):
            write_text(sheets[INDICATORS_SHEET], r, c, v, fmts.text)
    for r, criterion in enumerate(plan.criteria if plan else DEFAULT_CRITERIA, start=1):
        write_text(sheets[CRITERIA_SHEET], r, 0, criterion.name, fmts.text)
        write_number(sheets[CRITERIA_SHEET], r, 1, criterion.weight, fmts.plain)
        write_text(sheets[CRITERIA_SHEET], r, 2, criterion.guide, fmts.text)
    ws = sheets[RECOMMENDATIONS_SHEET]
    for r, rec in enumerate(plan.recommendations if plan else (), start=1):
        for c, v in enumerate((rec.id, rec.source, rec.source_type)):
            write_text(ws, r, c, v, fmts.text)
        write_date(ws, r, 3, rec.made, fmts.date)
        for c, v in ((4, rec.text), (5, rec.owner), (6, "; ".join(rec.supporting))):
            write_text(ws, r, c, v, fmts.text)
        write_date(ws, r, 7, rec.due, fmts.date)
        write_text(ws, r, 8, rec.priority_id, fmts.text)
        write_date(ws, r, 9, rec.confidential_until, fmts.date)
        for c, v in ((10, rec.scope), (11, rec.action), (12, rec.milestones)):
            write_text(ws, r, c, v, fmts.text)
        widths = _WIDTHS[RECOMMENDATIONS_SHEET]
        ws.set_row(r, row_height([(rec.source, widths[1]), (rec.text, widths[4]), (rec.action, widths[11]),
                                  (rec.milestones, widths[12])]))
    ws = sheets[COMMITTEE_SHEET]
    for r, (k, v) in enumerate(committee_rows(plan.committee if plan else Committee()), start=1):
        write_text(ws, r, 0, k, fmts.text_bold)
        write_text(ws, r, 1, v, fmts.text)
        # LibreOffice grows no row to fit its wrapped text: a paragraph is given its lines.
        ws.set_row(r, row_height([(k, _WIDTHS[COMMITTEE_SHEET][0]), (v, _WIDTHS[COMMITTEE_SHEET][1])]))


#: The rules on the plan's columns, beside the help each shows (``_HELP``).
_RULES: dict[tuple[str, str], dict[str, object]] = {
    (SETTINGS_SHEET, "Key"): {"validate": "list", "source": "=SettingKeys", "error_type": "warning",
                              "input_title": "Setting", "input_message": "Pick a setting name."},
    (ACTIONS_SHEET, "Priority ID"): {"validate": "list", "source": "=PriorityIDs", "error_title": "Unknown priority",
                                     "error_message": "Use a Priority ID from the Priorities sheet."},
    (ACTIONS_SHEET, "Lead partner"): {"validate": "list", "source": "=PartnerIDs", "error_title": "Unknown partner",
                                      "error_message": "Use a Partner ID from the Partners sheet."},
    (ACTIONS_SHEET, "Target date"): {"validate": "date", "criteria": "between", "minimum": date(2000, 1, 1),
                                     "maximum": date(2100, 1, 1), "error_title": "Not a date",
                                     "error_message": "Enter a date such as 31/03/2024."},
    (MEASURES_SHEET, "Priority ID"): {"validate": "list", "source": "=PriorityIDs", "error_title": "Unknown priority",
                                      "error_message": "Use a Priority ID from the Priorities sheet."},
    (CRIME_TYPES_SHEET, "Priority ID"): {"validate": "list", "source": "=PriorityIDs",
                                         "error_title": "Unknown priority",
                                         "error_message": "Use a Priority ID from the Priorities sheet."},
    (MEASURES_SHEET, "Owner"): {"validate": "list", "source": "=PartnerIDs", "error_title": "Unknown partner",
                                "error_message": "Use a Partner ID from the Partners sheet."},
    (INDICATORS_SHEET, "Supplied by"): {"validate": "list", "source": "=PartnerIDs", "error_title": "Unknown partner",
                                        "error_message": "Use a Partner ID from the Partners sheet."},
    (INDICATORS_SHEET, "Unit"): {"validate": "list", "source": list(UNITS), "error_title": "Unit",
                                 "error_message": "Choose Number, Percent or Rate."},
    (INDICATORS_SHEET, "Better when"): {"validate": "list", "source": list(BETTER), "error_title": "Better when",
                                        "error_message": "Choose Lower, Higher or Monitor."},
    (RECOMMENDATIONS_SHEET, "Source type"): {"validate": "list", "source": list(SOURCE_TYPES),
                                             "error_title": "Source type",
                                             "error_message": "Choose one from the list."},
    (RECOMMENDATIONS_SHEET, "Owner"): {"validate": "list", "source": "=PartnerIDs", "error_title": "Unknown partner",
                                       "error_message": "Use a Partner ID from the Partners sheet."},
    (RECOMMENDATIONS_SHEET, "Priority ID"): {"validate": "list", "source": "=PriorityIDs",
                                             "error_title": "Unknown priority",
                                             "error_message": "Use a Priority ID from the Priorities sheet."},
    (RECOMMENDATIONS_SHEET, "Scope"): {"validate": "list", "source": list(SCOPES), "error_title": "Scope",
                                       "error_message": "Choose Local, Regional or National."},
    **{(RECOMMENDATIONS_SHEET, header): {"validate": "date", "criteria": "between", "minimum": date(2000, 1, 1),
                                         "maximum": date(2100, 1, 1), "error_title": "Not a date",
                                         "error_message": "Enter a date such as 31/03/2024."}
       for header in ("Date made", "Due date", "Confidential until")},
    (CRITERIA_SHEET, "Weight"): {"validate": "decimal", "criteria": ">", "value": 0, "error_title": "Not a weight",
                                 "error_message": "Enter a number above 0, e.g. 2."},
    (MEASURES_SHEET, "Unit"): {"validate": "list", "source": list(UNITS), "error_title": "Unit",
                               "error_message": "Choose Number, Percent or Rate."},
    (MEASURES_SHEET, "Better when"): {"validate": "list", "source": list(BETTER), "error_title": "Better when",
                                      "error_message": "Choose Lower, Higher or Monitor."},
    (MEASURES_SHEET, "Target period"): {"validate": "list", "source": list(TARGET_PERIODS),
                                        "error_title": "Target period", "error_message": "Choose Quarter or Year."},
    **{(MEASURES_SHEET, header): {"validate": "decimal", "criteria": ">=", "value": 0, "error_title": "Not a number",
                                  "error_message": "Enter a number, e.g. 42 or 12.5."}
       for header in ("Baseline", "Target", "Tolerance %")},
}


def _validate(sheets: dict[str, Worksheet]) -> None:
    """One validation a column: its rule and its help together (Excel repairs a workbook in which
    two validations cover the same cell)."""
    columns = set(_RULES) | set(_HELP)
    order = {name: laid_out(name, None) for name in COLUMNS}
    for name, header in sorted(columns, key=lambda k: (k[0], order[k[0]].index(k[1]))):
        options = dict(_RULES.get((name, header), {"validate": "any"}))
        if help_text := _HELP.get((name, header)):
            options |= {"input_title": header, "input_message": help_text}
        col = order[name].index(header)
        checked(sheets[name].data_validation(1, col, _ROWS, col, options), f"validation on {name}")
