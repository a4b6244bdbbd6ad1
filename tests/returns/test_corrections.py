"""A return with errors goes back to its partner pre-filled and marked; the corrected one supersedes it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from freezegun import freeze_time

from cspxl import Register, consolidate, generate, ingest, parse_period
from cspxl.cli import main
from cspxl.demo.partners import fill_return
from cspxl.identity import verify
from cspxl.returns.corrections import feedback
from tests.conftest import by, sheet_rows

Q1 = parse_period("2023-24-Q1")
# pcc's return: A02 row 4, A05 row 5 (lead), A22 row 6, A23 row 7 (lead), A36 row 8 (lead).


@pytest.fixture
def sent(workspace, tmp_path: Path) -> Path:
    with freeze_time("2023-07-03"):
        issued = generate(workspace, Q1, ["pcc", "kcc"])
    kcc = fill_return(issued["kcc"], tmp_path / "kcc.xlsx", {"A14": {"Status": "On track"}})
    pcc = fill_return(issued["pcc"], tmp_path / "pcc.xlsx", {
        "A05": {"Status": "Green", "% complete": 60, "Progress update": "Cameras ordered."},
        "A23": {"Status": "Completed", "% complete": 150, "Progress update": "Live."},
        "A36": {"Status": "On track", "Date completed": "31/12/2023", "Progress update": "Bid in."},
    })
    ingest(workspace, [pcc, kcc], received=datetime(2023, 7, 10))
    return pcc


def test_only_partners_whose_return_has_errors_get_one_back(workspace, sent: Path) -> None:
    with freeze_time("2023-07-12"):
        paths = feedback(workspace, Q1)
    assert list(paths) == ["pcc"]
    assert paths["pcc"] == (workspace.root / "feedback" / "2023-24-Q1" /
                            "Sevenoaks-CSP_2023-24-Q1_Kent-Police-and-Crime-Commissioners-Office_for-correction.xlsx")


def test_the_return_sent_back_is_prefilled_marked_and_a_new_issue(workspace, sent: Path) -> None:
    with freeze_time("2023-07-12"):
        path = feedback(workspace, Q1)["pcc"]
    wb = openpyxl.load_workbook(path)
    ws = wb["Return"]
    assert [ws[c].value for c in ("J5", "K5", "N5", "J7", "K7", "N7", "J8", "L8")] == [
        "Green", 60, "Cameras ordered.", "Completed", 150, "Live.", "On track", datetime(2023, 12, 31)]
    flagged = {c.coordinate for row in ws.iter_rows(min_row=4) for c in row if c.fill.fgColor.rgb == "FFFFC7CE"}
    assert flagged == {"J5", "K7", "L7"}
    assert ws["J5"].comment.text.startswith("Status 'Green' is not one of Not started, On track")
    assert "Enter the date the action was completed" in ws["L7"].comment.text
    assert not ws["J8"].protection.locked and ws.protection.sheet
    problems = [(r[0], r[1], r[3]) for r in wb["Problems"].iter_rows(min_row=2, values_only=True)]
    green = "Status 'Green' is not one of Not started, On track, At risk, Off track, Completed"
    assert ("Return!J5", "A05", green) in problems
    ident = wb["cspxl"]
    identity = verify(ident["A1"].value, ident["A2"].value, ident["A3"].value, workspace.key)
    assert (identity.partner, identity.period, identity.issue) == ("pcc", "2023-24-Q1", 2)


def test_the_corrected_return_supersedes_the_old_one(workspace, sent: Path, tmp_path: Path) -> None:
    with freeze_time("2023-07-12"):
        back = feedback(workspace, Q1)["pcc"]
    corrected = fill_return(back, tmp_path / "pcc corrected.xlsx", {
        "A05": {"Status": "On track"}, "A23": {"% complete": 100, "Date completed": datetime(2023, 6, 30)}})
    (outcome,) = ingest(workspace, [corrected], received=datetime(2023, 7, 13)).files
    assert outcome.outcome == "accepted" and not outcome.errors
    assert not [p for p in outcome.problems if p.code in ("context-changed", "typed-outside-inputs")]
    with freeze_time("2023-07-20"):
        master = consolidate(workspace, Q1)
    actions = by(sheet_rows(master, "Actions"), "Action ID")
    assert (actions["A05"]["Status"], actions["A05"]["Progress update"]) == ("On track", "Cameras ordered.")
    assert (actions["A23"]["Status"], actions["A23"]["% complete"]) == ("Completed", 100)
    assert {actions[a]["Needs correction"] for a in ("A05", "A23", "A36")} == {"No"}
    returns = by(sheet_rows(master, "Returns"), "Partner ID")
    assert (returns["pcc"]["Return status"], returns["pcc"]["Files received"]) == ("Received", 2)
    with freeze_time("2023-07-21"):
        assert feedback(workspace, Q1) == {}


def test_the_feedback_command(workspace, sent: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["-w", str(workspace.root), "feedback", "2023-24-Q1"])
    assert result.exit_code == 0 and "1 return to send back for correction." in result.stdout
    result = runner.invoke(main, ["-w", str(workspace.root), "feedback", "2023-24-Q1", "--partner", "kcc"])
    assert result.exit_code == 0 and "No return for 2023-24-Q1 needs correction." in result.stdout
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        assert reg.next_issue("2023-24-Q1", "pcc") == 3


def test_feedback_can_be_drafted_as_email_with_the_marked_return_attached(workspace, sent: Path, tmp_path) -> None:
    import email
    import email.policy

    args = ["-w", str(workspace.root), "feedback", "2023-24-Q1", "--eml", str(tmp_path / "out")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    (draft_path,) = (tmp_path / "out").glob("*.eml")
    draft = email.message_from_bytes(draft_path.read_bytes(), policy=email.policy.default)
    assert draft["X-Unsent"] == "1" and "a few corrections, please" in draft["Subject"]
    (part,) = list(draft.iter_attachments())
    written = workspace.root / "feedback" / "2023-24-Q1" / part.get_filename()
    assert part.get_content() == written.read_bytes()
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        assert [m.kind for m in reg.messages("2023-24-Q1", "pcc")] == ["feedback"]


def test_problems_sent_back_point_at_the_cells_of_the_new_return_even_after_a_sort(workspace, tmp_path) -> None:
    with freeze_time("2023-07-03"):
        issued = generate(workspace, Q1, ["pcc"])["pcc"]
    # Sorted by status, descending: A05 (On track) row 4, then A23 (Completed, no date) row 5, not 7 as issued.
    sorted_back = fill_return(issued, tmp_path / "sorted.xlsx", {
        "A05": {"Status": "On track"}, "A23": {"Status": "Completed", "Progress update": "Done."}}, sort_by="Status")
    (outcome,) = ingest(workspace, [sorted_back], received=datetime(2023, 7, 10)).files
    assert [(p.where, p.action) for p in outcome.errors] == [("Return!L5", "A23")]
    with freeze_time("2023-07-12"):
        path = feedback(workspace, Q1)["pcc"]
    problems = [(r[0], r[1]) for r in openpyxl.load_workbook(path)["Problems"].iter_rows(min_row=2, values_only=True)]
    assert ("Return!L7", "A23") in problems  # A23's row in the return sent back, which is in plan order


def test_a_cells_comment_lists_every_problem_found_on_it(workspace, tmp_path: Path) -> None:
    with freeze_time("2023-07-03"):
        issued = generate(workspace, Q1, ["pcc"])["pcc"]
    pcc = fill_return(issued, tmp_path / "pcc.xlsx", {
        "A05": {"Status": "Completed", "% complete": 33.3, "Date completed": "soon", "Progress update": "Done."}})
    (outcome,) = ingest(workspace, [pcc], received=datetime(2023, 7, 10)).files
    assert [(p.cell, p.code) for p in outcome.problems if p.action == "A05"] == [
        ("K5", "percent-rounded"), ("L5", "date-invalid"), ("K5", "completed-below-100")]
    with freeze_time("2023-07-12"):
        path = feedback(workspace, Q1)["pcc"]
    ws = openpyxl.load_workbook(path)["Return"]
    assert ws["K5"].comment.text.splitlines() == [
        "% complete 33.3 is not a whole number and was read as 33. Enter a whole number from 0 to 100.",
        "A05 is Completed but its % complete is 33. Check which is right: 100% complete, or another status.",
    ]
    assert ws["L5"].comment.text == "'soon' is not a date. Type the date day first, e.g. 31/12/2023 or 31 December 2023."
    flagged = {c.coordinate for row in ws.iter_rows(min_row=4) for c in row if c.fill.fgColor.rgb == "FFFFC7CE"}
    assert flagged == {"L5"}  # red where an error is; the warnings are notes


def test_a_return_sent_back_prints_on_a4_readably(workspace, sent: Path) -> None:
    with freeze_time("2023-07-12"):
        path = feedback(workspace, Q1)["pcc"]
    wb = openpyxl.load_workbook(path)
    setups = {name: (wb[name].page_setup.paperSize, wb[name].page_setup.orientation,
                     bool(wb[name].sheet_properties.pageSetUpPr and wb[name].sheet_properties.pageSetUpPr.fitToPage),
                     wb[name].page_setup.scale, wb[name].print_title_cols)
              for name in ("Instructions", "Return", "Problems")}
    # A4 (9): the instructions fitted to one page wide; the tables at 85%, their first column on each page.
    assert setups == {"Instructions": (9, "landscape", True, None, None), "Return": (9, "landscape", False, 85, "$A:$A"),
                      "Problems": (9, "landscape", False, 85, "$A:$A")}


def test_a_return_for_correction_sent_back_unchanged_is_empty_and_changes_nothing(workspace, sent: Path) -> None:
    with freeze_time("2023-07-12"):
        back = feedback(workspace, Q1)["pcc"]
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        before = reg.counts()
    (outcome,) = ingest(workspace, [back], received=datetime(2023, 7, 13)).files
    assert (outcome.outcome, [p.code for p in outcome.problems]) == ("rejected", ["return-empty"])
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        assert reg.counts() == before


def test_a_return_for_correction_with_one_answer_changed_to_any_value_is_taken(workspace, sent: Path,
                                                                             tmp_path: Path) -> None:
    """Only the answer changed: Green (an error) corrected to At risk, a word that sorts before it."""
    with freeze_time("2023-07-12"):
        back = feedback(workspace, Q1)["pcc"]
    wb = openpyxl.load_workbook(back)
    ws = wb["Return"]
    (cell,) = [row[9] for row in ws.iter_rows(min_row=4) if row[0].value == "A05"]
    assert cell.value == "Green"
    cell.value = "At risk"
    wb.save(tmp_path / "pcc corrected.xlsx")
    (outcome,) = ingest(workspace, [tmp_path / "pcc corrected.xlsx"], received=datetime(2023, 7, 13)).files
    assert outcome.outcome == "accepted", [p.code for p in outcome.problems]


def test_feedback_on_a_day_counts_the_correction_deadline_from_that_day(workspace, sent: Path) -> None:
    """Sent back on Friday 21 July 2023: ten days on is Monday 31 July, whatever the computer's date."""
    with freeze_time("2023-12-01"):
        code = CliRunner().invoke(main, ["-w", str(workspace.root), "feedback", "2023-24-Q1", "--on", "21/07/2023"])
    assert code.exit_code == 0, code.output
    path = next((workspace.root / "feedback" / "2023-24-Q1").glob("*.xlsx"))
    ret = openpyxl.load_workbook(path)["Return"]
    assert "by Monday 31 July 2023" in ret["B2"].value
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        assert reg.latest_issue("2023-24-Q1", "pcc").issued.isoformat() == "2023-07-21"
