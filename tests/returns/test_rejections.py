"""Files that are not returns of this workspace are rejected with one clear reason, and nothing changes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from freezegun import freeze_time

from cspxl import Register, example_plan_path, generate, ingest, init_workspace, parse_period, read_return
from cspxl.demo.partners import fill_return
from tests.conftest import write_book

Q1 = parse_period("2023-24-Q1")


@pytest.fixture
def police_return(workspace) -> Path:
    with freeze_time("2023-07-03"):
        return generate(workspace, Q1, ["kent-police"])["kent-police"]


def counts(ws) -> dict[str, int]:
    with Register(ws.register_path, ws.archive_dir) as reg:
        return reg.counts()


def rejected(ws, path: Path) -> tuple[str, str]:
    before = counts(ws)
    result = ingest(ws, [path], received=datetime(2023, 7, 10))
    (outcome,) = result.files
    assert outcome.outcome == "rejected" and result.failed
    assert counts(ws) == before, "a rejected file must not change the register"
    (problem,) = outcome.problems
    return problem.code, str(problem)


def test_an_identity_edited_by_hand_fails_its_signature(workspace, police_return: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(police_return)
    ident = wb["cspxl"]
    ident["A2"] = ident["A2"].value.replace('"partner":"kent-police"', '"partner":"kcc"')
    wb.save(tmp_path / "forged.xlsx")
    code, message = rejected(workspace, tmp_path / "forged.xlsx")
    assert code == "identity-invalid"
    assert message == ("forged.xlsx: The file's identity has been edited and its signature does not match. "
                       "Generate a fresh return for the partner and ask them to copy their answers into it.")


def test_a_return_from_another_workspace_is_refused(workspace, tmp_path: Path) -> None:
    other = init_workspace(tmp_path / "other", example_plan_path())
    with freeze_time("2023-07-03"):
        foreign = generate(other, Q1, ["kcc"])["kcc"]
    filled = fill_return(foreign, tmp_path / "kcc.xlsx", {"A14": {"Status": "On track"}})
    code, message = rejected(workspace, filled)
    assert code == "identity-foreign" and other.id in message


def test_a_workbook_without_identity_is_not_a_return(workspace, tmp_path: Path) -> None:
    path = write_book(tmp_path / "Kent Police Q1 return.xlsx", {"Return": [["Action ID", "Status"], ["A01", "On track"]]})
    assert rejected(workspace, path)[0] == "identity-missing"


def test_a_truncated_return_is_rejected(workspace, police_return: Path, tmp_path: Path) -> None:
    path = tmp_path / "cut.xlsx"
    path.write_bytes(police_return.read_bytes()[:3000])
    assert rejected(workspace, path)[0] == "file-unreadable"


def test_the_blank_return_as_sent_out_is_rejected_so_it_never_supersedes(workspace, police_return: Path) -> None:
    code, message = rejected(workspace, police_return)
    assert code == "return-empty" and "Nothing has been filled in" in message


def test_a_return_with_only_an_invalid_answer_is_not_empty(workspace, police_return: Path, tmp_path: Path) -> None:
    filled = fill_return(police_return, tmp_path / "kp.xlsx", {"A01": {"Status": "Purple"}})
    (outcome,) = ingest(workspace, [filled]).files
    assert outcome.outcome == "accepted" and [p.code for p in outcome.errors] == ["status-unknown"]


def test_a_return_with_its_sheet_renamed_is_rejected(workspace, police_return: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(police_return)
    wb["Return"].title = "My answers"
    wb.save(tmp_path / "renamed-sheet.xlsx")
    assert rejected(workspace, tmp_path / "renamed-sheet.xlsx")[0] == "return-sheet-missing"


def test_a_return_for_a_partner_removed_from_the_periods_plan_is_rejected(tmp_path: Path) -> None:
    """Removed from plan.xlsx, the partner is still expected in a period generated before; once the
    period is generated again from the plan without it, its old return is refused."""
    from cspxl import load_plan, write_plan_workbook

    ws = init_workspace(tmp_path / "ws", example_plan_path())
    with freeze_time("2023-07-03"):
        issued = generate(ws, Q1, ["forward-trust"])["forward-trust"]
    path = fill_return(issued, tmp_path / "ft.xlsx", {"A40": {"Status": "On track"}})
    plan = load_plan(ws.plan_path)
    kept = plan.model_copy(update={
        "partners": tuple(p for p in plan.partners if p.id != "forward-trust"),
        "actions": tuple(a.model_copy(update={"lead": "probation" if a.lead == "forward-trust" else a.lead,
                                             "supporting": tuple(s for s in a.supporting if s != "forward-trust")})
                         for a in plan.actions),
        "measures": tuple(m.model_copy(update={"owner": "probation"}) if m.owner == "forward-trust" else m
                          for m in plan.measures)})
    write_plan_workbook(ws.plan_path, kept)
    submission, _ = read_return(path, ws.plan_for(Q1), ws.key)
    assert submission is not None  # Q1 keeps the plan it was generated from
    with freeze_time("2023-07-04"):
        generate(ws, Q1, ["probation"])
    code, message = rejected(ws, path)
    assert code == "partner-not-in-plan" and "'forward-trust'" in message


def test_the_rest_of_a_batch_is_recorded_when_one_file_is_rejected(workspace, police_return: Path, tmp_path: Path) -> None:
    bad = tmp_path / "notes.xlsx"
    bad.write_text("hello")
    good = fill_return(police_return, tmp_path / "good.xlsx", {"A01": {"Status": "On track"}})
    result = ingest(workspace, [bad, good], received=datetime(2023, 7, 10))
    assert [f.outcome for f in result.files] == ["rejected", "accepted"] and result.failed
    assert counts(workspace)["submissions"] == 1


def without_identity(path: Path, out: Path) -> Path:
    """What a spreadsheet program that drops hidden sheets would send back."""
    wb = openpyxl.load_workbook(path)
    del wb["cspxl"]
    wb.save(out)
    return out


def test_a_file_that_lost_its_identity_can_be_assigned_if_its_rows_match(workspace, tmp_path: Path) -> None:
    with freeze_time("2023-07-03"):
        issued = generate(workspace, Q1, ["pcc", "kcc"])
    pcc = fill_return(issued["pcc"], tmp_path / "pcc.xlsx", {"A05": {"Status": "On track", "Progress update": "ok"}})
    bare = without_identity(pcc, tmp_path / "pcc from the web.xlsx")
    assert rejected(workspace, bare)[0] == "identity-missing"

    result = ingest(workspace, [bare], received=datetime(2023, 7, 10), assign=("pcc", Q1))
    (outcome,) = result.files
    assert (outcome.outcome, outcome.partner, outcome.period) == ("accepted", "pcc", "2023-24-Q1")
    assert "identity-assigned" in [p.code for p in outcome.problems]

    kcc = without_identity(fill_return(issued["kcc"], tmp_path / "kcc.xlsx", {"A14": {"Status": "On track"}}),
                           tmp_path / "kcc bare.xlsx")
    (refused,) = ingest(workspace, [kcc], received=datetime(2023, 7, 10), assign=("pcc", Q1)).files
    assert refused.outcome == "rejected" and refused.problems[0].code == "identity-assign-refused"
    assert "do not match the actions issued to pcc for 2023-24-Q1" in refused.problems[0].message

    signed = fill_return(issued["kcc"], tmp_path / "kcc signed.xlsx", {"A14": {"Status": "At risk", "Progress update": "x"}})
    (conflict,) = ingest(workspace, [signed], received=datetime(2023, 7, 10), assign=("pcc", Q1)).files
    assert conflict.outcome == "rejected" and conflict.problems[0].code == "identity-conflict"


def test_assigning_needs_a_return_issued_to_that_partner(workspace, tmp_path: Path) -> None:
    from cspxl import UsageError

    with pytest.raises(UsageError, match="no return was issued to icb for 2023-24-Q1"):
        ingest(workspace, [tmp_path], assign=("icb", Q1))


def test_a_file_that_is_no_workbook_is_one_problem_from_read_return(workspace, tmp_path: Path) -> None:
    text = tmp_path / "return.xlsx"
    text.write_text("Action ID,Status\nA05,On track\n")
    submission, report = read_return(text, workspace.plan_for(Q1), workspace.key)
    assert submission is None
    assert [(p.code, p.file) for p in report] == [("file-unreadable", "return.xlsx")]


def test_assigning_a_file_with_its_own_identity_takes_it_by_that_identity(workspace, tmp_path: Path) -> None:
    """--partner/--period name the partner a file is for; a file that still has its identity is its own,
    and not one taken on trust."""
    with freeze_time("2023-07-03"):
        issued = generate(workspace, Q1, ["pcc", "icb"])
    pcc = fill_return(issued["pcc"], tmp_path / "pcc.xlsx", {"A05": {"Status": "On track", "Progress update": "ok"}})
    (same,) = ingest(workspace, [pcc], received=datetime(2023, 7, 10), assign=("pcc", Q1)).files
    assert same.outcome == "accepted" and "identity-assigned" not in [p.code for p in same.problems]
    # Given as another partner's (icb sorts before pcc): refused, whichever way the two sort.
    again = fill_return(issued["pcc"], tmp_path / "pcc again.xlsx", {"A05": {"Status": "At risk",
                                                                          "Progress update": "later"}})
    (other,) = ingest(workspace, [again], received=datetime(2023, 7, 11), assign=("icb", Q1)).files
    assert (other.outcome, [p.code for p in other.problems]) == ("rejected", ["identity-conflict"])


def test_a_file_whose_identity_was_edited_is_refused_even_when_assigned(workspace, police_return: Path,
                                                                     tmp_path: Path) -> None:
    filled = fill_return(police_return, tmp_path / "kp.xlsx", {"A01": {"Status": "On track", "Progress update": "x"}})
    wb = openpyxl.load_workbook(filled)
    wb["cspxl"]["A2"] = wb["cspxl"]["A2"].value.replace('"partner":"kent-police"', '"partner":"kcc"')
    wb.save(filled)
    (outcome,) = ingest(workspace, [filled], received=datetime(2023, 7, 10), assign=("kent-police", Q1)).files
    assert (outcome.outcome, [p.code for p in outcome.problems]) == ("rejected", ["identity-invalid"])


def test_a_file_assigned_to_a_partner_whose_rows_it_lacks_says_which_are_missing(workspace, tmp_path: Path) -> None:
    with freeze_time("2023-07-03"):
        issued = generate(workspace, Q1, ["pcc"])
    pcc = fill_return(issued["pcc"], tmp_path / "pcc.xlsx", {"A05": {"Status": "On track", "Progress update": "ok"}})
    wb = openpyxl.load_workbook(pcc)
    del wb["cspxl"]
    ws = wb["Return"]
    ws.protection.sheet = False
    ws.delete_rows(7, 2)  # A23 and A36 gone
    bare = tmp_path / "pcc cut.xlsx"
    wb.save(bare)
    (refused,) = ingest(workspace, [bare], received=datetime(2023, 7, 10), assign=("pcc", Q1)).files
    assert refused.outcome == "rejected"
    assert [p.message for p in refused.problems] == [
        "The file has no identity and its rows do not match the actions issued to pcc for 2023-24-Q1 "
        "(missing A23, A36)"]


@pytest.mark.parametrize(("kind", "macros"), [("xlsx", False), ("xlsm", True), ("ods", False), ("xls", False)])
def test_only_a_macro_enabled_workbook_is_said_to_have_macros(workspace, police_return: Path, tmp_path: Path,
                                                              kind: str, macros: bool) -> None:
    import dataclasses

    from cspxl import check_return
    from cspxl.spreadsheets import read_workbook

    filled = fill_return(police_return, tmp_path / "kp.xlsx", {"A01": {"Status": "On track", "Progress update": "x"}})
    book = dataclasses.replace(read_workbook(filled), kind=kind)
    submission, report = check_return(book, workspace.plan_for(Q1), workspace.key, "0" * 64)
    assert submission is not None
    assert ("macros-ignored" in [p.code for p in report]) is macros


def test_a_return_issued_from_another_plan_than_the_periods_says_so_whichever_plan_came_first(
        workspace, tmp_path: Path) -> None:
    import shutil

    from cspxl import load_plan, write_plan_workbook

    first = load_plan(workspace.plan_path)
    second = first.model_copy(update={"actions": tuple(
        a.model_copy(update={"text": a.text + " (revised)"}) if a.id == "A05" else a for a in first.actions)})
    made = {}
    for n, plan in enumerate((first, second, first), start=1):  # generated three times, the plan changing between
        write_plan_workbook(workspace.plan_path, plan)
        with freeze_time(f"2023-07-0{n + 2}"):
            path = generate(workspace, Q1, ["pcc"])["pcc"]
        made[n] = Path(shutil.copy(path, tmp_path / f"issue {n}.xlsx"))  # the next generation writes over it
        if n > 1:  # the return issued before this generation comes back now
            filled = fill_return(made[n - 1], tmp_path / f"pcc {n}.xlsx",
                                 {"A05": {"Status": "On track", "Progress update": f"Update {n}."}})
            (outcome,) = ingest(workspace, [filled], received=datetime(2023, 7, 10, n)).files
            assert outcome.outcome == "accepted"
            assert [p.message for p in outcome.problems if p.code == "plan-changed"] == [
                f"The return was issued from an earlier version of the plan (issued 0{n + 1}/07/2023)"]
