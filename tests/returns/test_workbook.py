import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from freezegun import freeze_time

from cspxl import UsageError, Workspace, generate, parse_period
from cspxl.identity import IDENTITY_MARK, verify
from cspxl.returns.layout import HEADERS, return_file_name
from cspxl.returns.workbook import ReturnContent, write_return
from cspxl.workspace import safe_name

Q2 = parse_period("2023-24-Q2")
#: The actions Kent Police leads or supports in the example plan's Actions sheet, in its order.
KENT_POLICE_ROWS = [
    ("A01", "Lead"), ("A02", "Support"), ("A03", "Lead"), ("A04", "Support"), ("A05", "Support"), ("A06", "Support"),
    ("A07", "Support"), ("A08", "Support"), ("A10", "Lead"), ("A12", "Support"), ("A13", "Support"),
    ("A15", "Support"), ("A16", "Lead"), ("A17", "Support"), ("A21", "Lead"), ("A22", "Support"),
    ("A23", "Support"), ("A26", "Support"), ("A27", "Lead"), ("A28", "Support"), ("A29", "Support"),
    ("A32", "Support"), ("A33", "Support"), ("A34", "Support"), ("A35", "Lead"), ("A37", "Support"),
    ("A41", "Lead"), ("A44", "Support"),
]
#: Every partner of the example plan, in its order: each leads or supports an action, so each gets a return.
PARTNERS = ["sdc", "kcc", "kent-police", "kfrs", "pcc", "icb", "probation", "wkha", "clarion", "kchft", "davss",
            "forward-trust"]


@pytest.fixture
def police_return(workspace: Workspace) -> Path:
    with freeze_time("2023-07-03"):
        return generate(workspace, Q2, ["kent-police"])["kent-police"]


def test_the_return_sheet_has_the_contract_headers_and_one_row_per_action(police_return: Path) -> None:
    wb = openpyxl.load_workbook(police_return)
    # Kent Police supplies figures, and owns recommendations of reviews
    assert wb.sheetnames == ["Instructions", "Return", "Measures", "Recommendations", "Lists", "cspxl"]
    assert [ws.sheet_state for ws in wb] == ["visible", "visible", "visible", "visible", "hidden", "veryHidden"]
    ws = wb["Return"]
    assert tuple(c.value for c in ws[3]) == HEADERS == (
        "Action ID", "Priority", "Action", "Success measure", "Lead partner", "Role", "Target date",
        "Previous status", "Previous update", "Status", "% complete", "Date completed", "Revised target date",
        "Progress update", "Support needed")
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[0]]
    assert [(r[0], r[5]) for r in rows] == KENT_POLICE_ROWS
    assert rows[0][2].startswith("Run a rural crime prevention campaign with the Rural Task Force")
    assert (rows[0][4], rows[0][6]) == ("Kent Police", datetime(2023, 9, 30))


def test_only_the_six_input_columns_are_unlocked(police_return: Path) -> None:
    ws = openpyxl.load_workbook(police_return)["Return"]
    assert ws.protection.sheet is True and not ws.protection.password
    last = ws.max_row
    for row in (4, last):
        unlocked = [c.column_letter for c in ws[row] if not c.protection.locked]
        assert unlocked == ["J", "K", "L", "M", "N", "O"]
    assert ws.freeze_panes == "B4"
    assert ws.print_title_rows == "$3:$3" and ws.page_setup.orientation == "landscape"


def test_every_input_cell_is_validated_with_a_message_and_an_alert(police_return: Path) -> None:
    wb = openpyxl.load_workbook(police_return)
    ws = wb["Return"]
    last = ws.max_row
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert set(rules) == {f"{col}4:{col}{last}" for col in "JKLMNO"}
    j, k, l, m, n, o = (rules[f"{col}4:{col}{last}"] for col in "JKLMNO")
    assert (j.type, j.formula1) == ("list", "StatusList")
    assert (o.type, o.formula1) == ("list", "YesNoList")
    # A decimal rule, since 50% typed is stored as 0.5; the cell is General, so typing 50% makes it a percentage.
    assert (k.type, k.operator or "between", k.formula1, k.formula2) == ("decimal", "between", "0", "100")
    assert ws["K4"].number_format == "General"
    assert l.type == m.type == "date" and n.type == "textLength"
    for dv in rules.values():
        assert dv.showInputMessage and dv.prompt and dv.showErrorMessage and dv.error and dv.errorStyle in (None, "stop")
    names = {name: dn.attr_text for name, dn in wb.defined_names.items()}
    assert names == {"StatusList": "Lists!$A$2:$A$6", "YesNoList": "Lists!$B$2:$B$3"}
    assert [c.value for c in wb["Lists"]["A"]] == ["Status", "Not started", "On track", "At risk", "Off track", "Completed"]
    assert [c.value for c in wb["Lists"]["B"] if c.value] == ["Support needed", "Yes", "No"]


def test_statuses_are_coloured_red_amber_green_and_blue(police_return: Path) -> None:
    ws = openpyxl.load_workbook(police_return)["Return"]
    rules = {" ".join(sorted(str(r.sqref).split())): [x.formula[0] for x in r.rules] for r in ws.conditional_formatting}
    last = ws.max_row
    # This quarter's Status (J) and last quarter's (H), one rule a colour over both columns.
    assert rules == {f"H4:H{last} J4:J{last}": ['"On track"', '"At risk"', '"Off track"', '"Completed"']}


def test_the_identity_is_signed_and_names_partner_period_plan_and_actions(police_return: Path, workspace, plan) -> None:
    ws = openpyxl.load_workbook(police_return)["cspxl"]
    assert ws["A1"].value == IDENTITY_MARK and ws.protection.sheet
    identity = verify(ws["A1"].value, ws["A2"].value, ws["A3"].value, workspace.key)
    assert (identity.workspace, identity.partner, identity.period, identity.plan_version) == (
        workspace.id, "kent-police", "2023-24-Q2", plan.version)
    assert identity.actions == tuple(action for action, _ in KENT_POLICE_ROWS)
    assert identity.issued == date(2023, 7, 3)
    # The key itself is never inside the workbook.
    assert workspace.key.hex().encode() not in police_return.read_bytes()


def test_the_instructions_say_who_when_and_how(police_return: Path) -> None:
    ws = openpyxl.load_workbook(police_return)["Instructions"]
    facts = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0] and r[1]}
    assert facts["Partner"] == "Kent Police"
    assert facts["Period"] == "Q2 2023-24 (July to September 2023)"
    assert facts["Return due by"] == "Monday 16 October 2023"  # fourteen days on is a Saturday
    assert facts["When returns are due"] == ("14 days after the quarter ends; a due date on a weekend or a bank "
                                             "holiday moves to the next working day.")
    assert facts["Email"] == "helen.marsh@example.org" and facts["Phone"] == "01632 960418"
    assert {"Not started", "On track", "At risk", "Off track", "Completed"} <= set(facts)


def test_a_return_is_a_plain_workbook_without_macros_or_links(police_return: Path) -> None:
    names = zipfile.ZipFile(police_return).namelist()
    assert not [n for n in names if "vba" in n.lower() or "externalLink" in n]
    assert police_return.name == "Sevenoaks-CSP_2023-24-Q2_Kent-Police.xlsx"


def test_file_names_are_safe_on_every_filesystem(workspace, plan) -> None:
    names = [return_file_name(plan, p, Q2) for p in plan.partners]
    assert "Sevenoaks-CSP_2023-24-Q2_Kent-Police-and-Crime-Commissioners-Office.xlsx" in names
    assert all(n.replace("-", "").replace("_", "").replace(".", "").isalnum() for n in names)
    assert safe_name('a/b\\c:d*e?f"g<h>i|j') == "a-b-c-d-e-f-g-h-i-j"
    with freeze_time("2023-07-03"):
        paths = generate(workspace, Q2)
    assert list(paths) == PARTNERS
    assert all(p.parent == workspace.returns_dir(Q2) for p in paths.values())


def test_generate_refuses_an_unknown_partner_and_another_year(workspace) -> None:
    with pytest.raises(UsageError, match="partner 'kent-polce' is not in the plan"):
        generate(workspace, Q2, ["kent-polce"])
    with pytest.raises(UsageError, match="the plan is for 2023-24, not 2024-25"):
        generate(workspace, parse_period("2024-25-Q1"))


def test_the_same_inputs_give_the_same_bytes(workspace, plan, tmp_path) -> None:
    def write(path: Path) -> bytes:
        write_return(plan, Q2, ReturnContent("kcc", issue=2, issued=date(2023, 7, 3)), workspace.key, workspace.id, path)
        return path.read_bytes()

    assert write(tmp_path / "a.xlsx") == write(tmp_path / "b.xlsx")


def test_each_generation_is_a_new_issue_and_kept_as_issued(workspace) -> None:
    with freeze_time("2023-07-03"):
        first = generate(workspace, Q2, ["kcc"])["kcc"].read_bytes()
        again = generate(workspace, Q2, ["kcc"])["kcc"]
    ident = openpyxl.load_workbook(again)["cspxl"]
    identity = verify(ident["A1"].value, ident["A2"].value, ident["A3"].value, workspace.key)
    assert identity.issue == 2
    from cspxl import Register

    with Register(workspace.register_path, workspace.archive_dir) as reg:
        assert reg.issued_file(identity).read_bytes() == again.read_bytes() != first
        assert reg.next_issue("2023-24-Q2", "kcc") == 3


def test_partners_whose_names_would_give_the_same_file_name_get_their_ids_added(plan) -> None:
    from cspxl.returns.layout import return_file_names

    twins = plan.model_copy(update={"partners": (
        plan.partners[0].model_copy(update={"name": "Kent Police"}), *plan.partners[1:])})
    names = return_file_names(twins, Q2)
    assert names["sdc"] == "Sevenoaks-CSP_2023-24-Q2_Kent-Police_sdc.xlsx"
    assert names["kent-police"] == "Sevenoaks-CSP_2023-24-Q2_Kent-Police_kent-police.xlsx"
    assert len(set(names.values())) == len(names)


def values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every sheet's cell values, row by row, but the signed identity's."""
    wb = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb if ws.title != "cspxl"}


def test_generating_on_every_core_gives_the_same_returns(workspace, monkeypatch, tmp_path) -> None:
    import cspxl.spreadsheets.parallel

    with freeze_time("2023-07-03"):
        serial = generate(workspace, Q2, out_dir=tmp_path / "serial")
        monkeypatch.setattr(cspxl.spreadsheets.parallel, "SERIAL_BELOW", 1)  # the worker processes, even for 12 returns
        parallel = generate(workspace, Q2, out_dir=tmp_path / "parallel")
    assert list(parallel) == list(serial) == PARTNERS
    for partner_id, path in parallel.items():
        ident = openpyxl.load_workbook(path)["cspxl"]
        identity = verify(ident["A1"].value, ident["A2"].value, ident["A3"].value, workspace.key)
        assert (identity.partner, identity.issued, identity.issue) == (partner_id, date(2023, 7, 3), 2)
        # The same returns: every cell of every sheet, the identity's apart (another issue, so another signature).
        assert values(path) == values(serial[partner_id])
        assert len(values(path)["Return"]) > 3


def test_a_plan_changed_while_returns_are_written_stops_generate_with_a_sentence(workspace, plan, tmp_path) -> None:
    """Workers load the plan themselves, so they check it is the one generate began with."""
    from cspxl.returns.issue import _Job, _write_job, _writer_init

    _writer_init(workspace.plan_path, "an-older-version", Q2, workspace.key, workspace.id)
    with pytest.raises(UsageError, match="changed while the returns were being written"):
        _write_job(_Job(tmp_path / "kcc.xlsx", ReturnContent("kcc", issued=date(2023, 7, 3))))
    assert not (tmp_path / "kcc.xlsx").exists()
