import runpy
from pathlib import Path

import openpyxl
import pytest

from cspxl import PlanError, example_plan_path, load_plan, parse_period, period_of, read_plan, write_blank_plan
from tests.conftest import ROOT, write_book

SETTINGS = [
    ["Key", "Value"],
    ["Partnership", "Test CSP"],
    ["Short name", "Test"],
    ["Financial year", "2023"],
    ["Coordinator name", "Ann Example"],
    ["Coordinator email", "ann.example(at)example.org"],
    ["Return due days", "two weeks"],
    ["Colour", "blue"],
]
PARTNERS = [
    ["Partner ID", "Partner name", "Contact name", "Contact email"],
    ["kent-police", "Kent Police", "Jo Bloggs", "jo@example.org"],
    ["sdc", "Sevenoaks District Council", "Ann Example", "ann@example.org; not-an-address"],
    ["KENT-POLICE", "Duplicate", None, None],
]
PRIORITIES = [["Priority ID", "Priority"], ["P1", "Domestic Abuse"], ["P2", None]]
ACTIONS = [
    ["Action ID", "Priority ID", "Action", "Success measure", "Lead partner", "Supporting partners", "Target date"],
    ["A1", "P1", "Do a thing", "measure", "kent-polce", "sdc", "31/12/2023"],
    ["A2", "P9", "Thing", "m", "sdc", "kent-police; nobody", "2023-12-31"],
    ["A1", "P1", None, "m", "sdc", None, "31/13/2023"],
]


def test_every_plan_problem_is_reported_at_its_cell(tmp_path: Path) -> None:
    path = write_book(tmp_path / "plan.xlsx", {"Settings": SETTINGS, "Partners": PARTNERS,
                                               "Priorities": PRIORITIES, "Actions": ACTIONS})
    plan, report = read_plan(path)
    assert plan is None
    assert report.flatten("where", "code") == [
        ("Settings!A8", "setting-unknown"),
        ("Settings!B4", "setting-invalid"),
        ("Settings!B6", "email-invalid"),
        ("Settings!B7", "setting-invalid"),
        ("Partners!D3", "email-invalid"),
        ("Partners!A4", "id-duplicate"),
        ("Priorities!B3", "value-missing"),
        ("Actions!E2", "partner-unknown"),
        ("Actions!B3", "priority-unknown"),
        ("Actions!F3", "partner-unknown"),
        ("Actions!A4", "id-duplicate"),
        ("Actions!C4", "value-missing"),
        ("Actions!G4", "date-invalid"),
    ]
    lead = report.problems[7]
    assert str(lead) == ("plan.xlsx · Actions!E2: Lead partner 'kent-polce' is not in Partners. "
                         "Use a Partner ID from the Partners sheet.")
    with pytest.raises(PlanError, match="has 12 errors"):
        load_plan(path)


def test_a_target_date_outside_the_plans_year_is_a_warning_at_its_cell(tmp_path: Path) -> None:
    settings = [["Key", "Value"], ["Partnership", "Test CSP"], ["Short name", "Test"], ["Financial year", "2024-25"],
                ["Coordinator name", "Ann Example"], ["Coordinator email", "ann@example.org"]]
    actions = [
        ["Action ID", "Priority ID", "Action", "Success measure", "Lead partner", "Supporting partners", "Target date"],
        ["A1", "P1", "Carried from last year", "m", "sdc", None, "31/03/2024"],  # the last day of 2023-24
        ["A2", "P1", "This year's", "m", "sdc", None, "01/04/2024"],
        ["A3", "P1", "A year typed wrong", "m", "sdc", None, "31/12/2052"],
    ]
    partners = [PARTNERS[0], ["sdc", "Sevenoaks District Council", "Ann Example", "ann@example.org"]]
    path = write_book(tmp_path / "plan.xlsx", {"Settings": settings, "Partners": partners,
                                               "Priorities": PRIORITIES[:2], "Actions": actions})
    plan, report = read_plan(path)
    assert plan is not None
    assert [(p.where, p.code, p.message) for p in report if p.code == "target-outside-year"] == [
        ("Actions!G2", "target-outside-year", "Target date 31/03/2024 is outside the plan's financial year 2024-25"),
        ("Actions!G4", "target-outside-year", "Target date 31/12/2052 is outside the plan's financial year 2024-25"),
    ]


def test_headers_match_whatever_the_case_and_spacing_and_extra_columns_are_ignored(tmp_path: Path) -> None:
    actions = [["action id", "PRIORITY ID", "Notes", "Action", "success measure", "Lead Partner",
                "supporting  partners", "target date"],
               ["A1", "P1", "ignored", "Do a thing", "m", "sdc", "kent-police, sdc", "2023-12-31"]]
    settings = [r for r in SETTINGS if r[0] not in ("Colour",)]
    settings = [[k, {"Financial year": "2023-24", "Coordinator email": "ann@example.org",
                     "Return due days": 10}.get(k, v)] for k, v in settings]
    partners = [*PARTNERS[:2], ["sdc", "Sevenoaks District Council", None, "ann@example.org"],
                ["probation", "Probation Service", None, "a@example.org;b@example.org"]]
    path = write_book(tmp_path / "plan.xlsx", {"Settings": settings, "Partners": partners,
                                               "Priorities": PRIORITIES[:2], "Actions": actions})
    plan, report = read_plan(path)
    assert plan is not None, report.flatten()
    (action,) = plan.actions
    assert (action.lead, action.supporting, action.target_date.isoformat()) == ("sdc", ("kent-police",), "2023-12-31")
    assert plan.settings.return_due_days == 10
    assert plan.partner("probation").emails == ("a@example.org", "b@example.org")
    # A partner with nothing to do is worth knowing about, but it is not an error.
    assert report.flatten("where", "code") == [("Partners", "partner-without-actions")]
    assert "'probation'" in report.problems[0].message


def test_missing_sheets_and_headers_are_named(tmp_path: Path) -> None:
    path = write_book(tmp_path / "plan.xlsx", {"Settings": SETTINGS[:1], "Partners": [["Partner ID", "Name"]]})
    _, report = read_plan(path)
    assert report.flatten("where", "code") == [
        ("Settings", "value-missing"), ("Settings", "value-missing"), ("Settings", "value-missing"),
        ("Settings", "value-missing"), ("Settings", "value-missing"),
        ("Partners!A1", "header-missing"), ("Partners!A1", "header-missing"), ("Partners!A1", "header-missing"),
        ("Priorities", "sheet-missing"), ("Actions", "sheet-missing"),
    ]
    assert report.problems[0].message == "Setting 'Partnership' is empty"
    assert report.problems[5].message == "The 'Partners' sheet has no 'Partner name' column"


def test_a_file_that_is_not_a_workbook_is_one_clear_problem(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_text("Partner ID,Partner name\n")
    _, report = read_plan(path)
    assert report.flatten("code") == [("plan-unreadable",)]
    assert str(report.problems[0]) == ("plan.xlsx: The plan is a text file (a CSV, perhaps), not a workbook. "
                                       "Save the plan from Excel as an Excel workbook (.xlsx).")


def test_the_blank_plan_has_the_sheets_headers_and_dropdowns(tmp_path: Path) -> None:
    path = write_blank_plan(tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:4] == ["Settings", "Partners", "Priorities", "Actions"]
    assert [c.value for c in wb["Actions"][1]] == ["Action ID", "Priority ID", "Action", "Success measure",
                                                  "Lead partner", "Supporting partners", "Target date"]
    assert [c.value for c in wb["Settings"]["A"]][1:] == ["Partnership", "Short name", "Financial year",
                                                         "Coordinator name", "Coordinator email",
                                                         "Coordinator phone", "Return due days",
                                                         "Correction days", "Names allowed in updates", "Crime area",
                                                         "Population", "Strategic assessment", "SMTP host",
                                                         "SMTP port", "SMTP security", "SMTP user"]
    lists = {str(dv.sqref): dv.formula1 for dv in wb["Actions"].data_validations.dataValidation
             if dv.type == "list"}
    assert lists == {"B2:B1001": "PriorityIDs", "E2:E1001": "PartnerIDs"}
    assert wb["Lists"].sheet_state == "hidden"
    # Blank values are what check reports, each at its cell.
    _, report = read_plan(path)
    assert ("Settings!B2", "value-missing") in report.flatten("where", "code")


def test_the_shipped_example_is_a_realistic_valid_plan() -> None:
    plan, report = read_plan(example_plan_path())
    assert plan is not None and report.ok, report.flatten()
    assert plan.settings.financial_year == "2023-24"
    assert len(plan.priorities) == 7 and len(plan.partners) >= 8 and len(plan.actions) >= 35
    assert any("&" in p.name for p in plan.partners) and any("'" in p.name for p in plan.partners)
    leads = {a.lead for a in plan.actions}
    assert leads == {p.id for p in plan.partners}
    assert sum(bool(a.supporting) for a in plan.actions) > len(plan.actions) / 2
    quarters = {str(period_of(a.target_date)) for a in plan.actions}
    assert quarters == {f"2023-24-Q{q}" for q in range(1, 5)}
    for p in plan.partners:
        assert all(e.endswith("@example.org") for e in p.emails)


def test_a_plan_copied_with_changes_finds_its_own_partners_and_has_its_own_version() -> None:
    plan = load_plan(example_plan_path())
    assert plan.partner("pcc").emails == ("priya.lakhaniward@example.org",)  # its lookups are now built
    before = plan.version
    partners = tuple(p.model_copy(update={"emails": ("priya.ward@example.org",)}) if p.id == "pcc" else p
                     for p in plan.partners)
    copied = plan.model_copy(update={"partners": partners})
    assert copied.partner("pcc").emails == ("priya.ward@example.org",)
    assert copied.version != before and plan.version == before
    assert copied.actions_for("pcc") == plan.actions_for("pcc")


def test_the_shipped_workbook_is_built_from_its_source_data(tmp_path: Path) -> None:
    script = runpy.run_path(str(ROOT / "scripts" / "make_example_plan.py"))
    assert load_plan(ROOT / "workbooks" / "sevenoaks-2023-24-plan.xlsx") == script["example_plan"]()
    assert example_plan_path().read_bytes() == (ROOT / "workbooks" / "sevenoaks-2023-24-plan.xlsx").read_bytes()
    rebuilt = tmp_path / "again.xlsx"
    script["write_plan_workbook"](rebuilt, script["example_plan"]())
    assert rebuilt.read_bytes() == (ROOT / "workbooks" / "sevenoaks-2023-24-plan.xlsx").read_bytes()
    assert parse_period("2023-24-Q1").financial_year == load_plan(rebuilt).settings.financial_year


def test_a_plan_cached_by_another_version_of_cspxl_is_read_again_from_its_workbook(tmp_path: Path,
                                                                                   monkeypatch) -> None:
    """A plan cached by an earlier cspxl skipped every check added since: the cache is keyed on the
    workbook's content and cspxl's version, so an upgrade reads the workbook again."""
    import shutil

    import cspxl
    import cspxl._version

    path = Path(shutil.copyfile(example_plan_path(), tmp_path / "plan.xlsx"))
    plan = load_plan(path)
    (cached,) = (tmp_path / ".cspxl-cache").glob("plan-*.json")
    assert cached.name.endswith(f"-{cspxl.__version__}.json")
    earlier = plan.model_copy(update={"settings": plan.settings.model_copy(update={"partnership": "Read by 0.1"})})
    cached.with_name(cached.name.replace(cspxl.__version__, "0.1.0")).write_text(earlier.model_dump_json())
    assert load_plan(path).settings.partnership == "Sevenoaks District Community Safety Partnership"
    monkeypatch.setattr(cspxl._version, "__version__", "0.1.0")
    assert load_plan(path).settings.partnership == "Read by 0.1"  # that version's own cache, for that version


def test_a_blank_plan_for_a_named_partnership_prints_its_name(tmp_path: Path) -> None:
    from cspxl import init_workspace

    ws = init_workspace(tmp_path / "ws", partnership="Tonbridge & Malling Community Safety Partnership")
    wb = openpyxl.load_workbook(ws.plan_path)
    assert {ws.title: ws.oddHeader.left.text for ws in wb if ws.sheet_state == "visible"} == dict.fromkeys(
        ("Settings", "Partners", "Priorities", "Actions", "Measures", "Crime types", "Crime areas", "Indicators",
         "Scoring criteria", "Committee", "Recommendations"),
        "Tonbridge && Malling Community Safety Partnership: Strategy && Action Plan")
    assert wb["Settings"]["B2"].value == "Tonbridge & Malling Community Safety Partnership"
