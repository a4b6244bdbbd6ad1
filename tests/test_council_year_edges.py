"""The council's year at its edges: what a review of the first version found, each pinned."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from freezegun import freeze_time

from cspxl import generate, ingest, parse_period
from cspxl.assessment import Candidate, Scoring, ranking, strategic_assessment
from cspxl.assessment.workshop import record_scores
from cspxl.cli import main
from cspxl.master.data_returns import data_round
from cspxl.periods import AssessmentRound
from cspxl.plan import Criterion, Indicator, read_plan
from cspxl.plan.workbook import write_plan_workbook
from cspxl.report.assessment import write_assessment
from cspxl.report.committee import committee_of
from cspxl.returns.assessment import generate_assessment
from cspxl.workspace import Workspace
from cspxl.year.end import rollover
from tests.assessment.test_scoring import scored
from tests.returns.test_data_returns import QUARTERS, fill


def cli(workspace: Workspace, *args: str) -> tuple[int, str]:
    done = CliRunner().invoke(main, ["--workspace", str(workspace.root), *args])
    return done.exit_code, " ".join(done.output.split())


def test_a_finished_years_committee_is_the_one_its_plan_had_at_the_years_end(workspace: Workspace) -> None:
    with freeze_time("2023-07-03"):
        generate(workspace, parse_period("2023-24-Q1"))
    plan = workspace.plan
    moved = (date(2023, 9, 26), date(2024, 3, 19))
    write_plan_workbook(workspace.plan_path, plan.model_copy(update={"committee": plan.committee.model_copy(
        update={"committee": "Cleaner & Greener Advisory Committee", "meeting_dates": moved})}))
    rollover(workspace, 2024)
    finished = committee_of(workspace, 2023)
    assert (finished.committee, finished.meeting_dates) == ("Cleaner & Greener Advisory Committee", moved)


def test_a_data_round_generated_again_takes_the_plan_as_it_stands(workspace: Workspace, tmp_path: Path) -> None:
    with freeze_time("2023-10-02"):
        generate_assessment(workspace, 2023)
    plan = workspace.plan
    added = Indicator(id="I6", text="Victims satisfied with the police response", supplier="kent-police",
                      unit="Percent", priority_ids=("P1",), better="Higher")
    write_plan_workbook(workspace.plan_path, plan.model_copy(update={"indicators": (*plan.indicators, added)}))
    with freeze_time("2023-10-03"):
        issued = generate_assessment(workspace, 2023)
    assert len(data_round(workspace, AssessmentRound(year=2023), date(2023, 10, 4)).returns) == 6
    [done] = ingest(workspace, [fill(issued["kent-police"], tmp_path / "police.xlsx", dict.fromkeys(QUARTERS, 150))],
                    datetime(2023, 10, 20, 9)).files
    assert {p.code for p in done.problems} == {"figure-outside"}  # a percentage over 100, for each quarter


def test_the_assessment_is_read_with_the_criteria_it_was_scored_on(workspace: Workspace, tmp_path: Path) -> None:
    _, book = write_assessment(workspace, 2023, date(2024, 1, 31), today=date(2024, 1, 31))
    assert record_scores(workspace, 2023, scored(book, tmp_path / "s.xlsx", {"C8": 5}), datetime(2024, 2, 1))[0]
    plan = workspace.plan
    write_plan_workbook(workspace.plan_path, plan.model_copy(update={"criteria": (
        Criterion(name="Harm to victims", weight=5), Criterion(name="Volume", weight=1))}))
    a = strategic_assessment(workspace, 2023, date(2024, 2, 2))
    assert [c.name for c in a.criteria][0] == "Harm" and a.ranked[0].candidate.id == "P3"
    paper, book = write_assessment(workspace, 2023, date(2024, 2, 2), today=date(2024, 2, 2))
    assert [c.value for c in openpyxl.load_workbook(book)["Ranking"][1]][3] == "Harm"


def test_equal_weighted_scores_share_their_rank_whatever_the_weights() -> None:
    criteria = tuple(Criterion(name=n, weight=w) for n, w in (("A", 0.3), ("B", 0.2), ("C", 0.2), ("D", 0.2),
                                                              ("E", 0.1)))
    candidates = (Candidate(id="P1", name="One", scores={"A": 1, "B": 1, "C": 1, "D": 1, "E": 3}),
                  Candidate(id="P2", name="Two", scores={"A": 1, "B": 1, "C": 1, "D": 2, "E": 1}))
    ranked = ranking(Scoring(year="2023-24", criteria=criteria, candidates=candidates))
    assert [(r.candidate.id, r.rank) for r in ranked] == [("P1", 1), ("P2", 1)]


def test_a_recommendation_cspxl_wrote_follows_the_route_when_it_changes(tmp_path: Path) -> None:
    from tests.plan.test_committee_and_assessment_sheets import plan_with

    path = plan_with(tmp_path, Committee=[
        ["Key", "Value"], ["Also considered by", "Cabinet, 13/07/2023"],
        ["Recommendation to the committee", "That the Strategy & Action Plan be adopted."],  # the blank plan's
        ["Recommendation to Cabinet", "That Cabinet recommends the Strategy & Action Plan to Council for adoption."]])
    plan, report = read_plan(path)
    assert report.ok and plan is not None and plan.committee.recommendations == {}
    assert plan.committee.recommendation("") == ("That the Committee recommends the Strategy & Action Plan to "
                                                 "Cabinet for adoption.")
    assert plan.committee.recommendation("Cabinet") == "That the Strategy & Action Plan be adopted."


def test_status_of_a_data_round_without_indicators_says_so(workspace: Workspace) -> None:
    plan = workspace.plan
    write_plan_workbook(workspace.plan_path, plan.model_copy(update={"indicators": ()}))
    code, said = cli(workspace, "status", "2023-24-SA", "--as-of", "01/11/2023")
    assert code == 0 and "The plan lists no indicators, so no data return is expected for 2023-24-SA" in said


def test_the_assessment_as_of_a_day_leaves_out_what_came_after(workspace: Workspace, tmp_path: Path) -> None:
    _, book = write_assessment(workspace, 2023, date(2024, 1, 31), today=date(2024, 1, 31))
    record_scores(workspace, 2023, scored(book, tmp_path / "s.xlsx", {}), datetime(2024, 2, 10, 15))
    assert strategic_assessment(workspace, 2023, date(2024, 2, 9)).scoring is None
    assert strategic_assessment(workspace, 2023, date(2024, 2, 10)).scoring is not None


def test_a_rollover_without_a_scoring_names_no_assessment(workspace: Workspace, tmp_path: Path) -> None:
    plan = workspace.plan
    write_plan_workbook(workspace.plan_path, plan.model_copy(update={"settings": plan.settings.model_copy(
        update={"strategic_assessment": "Strategic Assessment 2022-23"})}))
    rollover(workspace, 2024)
    assert workspace.plan.settings.strategic_assessment == ""
    code, said = cli(workspace, "report", "plan", "--out", str(tmp_path / "adopt.docx"))
    assert code == 0
    import docx

    text = " ".join(p.text for p in docx.Document(str(tmp_path / "adopt.docx")).paragraphs)
    assert "ranked them" not in text and "The plan's priorities are: (1)" in text


def test_a_data_return_that_lost_its_identity_is_taken_with_partner_and_round(workspace: Workspace,
                                                                             tmp_path: Path) -> None:
    with freeze_time("2023-10-02"):
        issued = generate_assessment(workspace, 2023, ["kfrs"])["kfrs"]
    book = openpyxl.load_workbook(fill(issued, tmp_path / "filled.xlsx", dict.fromkeys(QUARTERS, 2)))
    del book["cspxl"]
    book.save(tmp_path / "copied.xlsx")
    code, said = cli(workspace, "ingest", str(tmp_path / "copied.xlsx"), "--partner", "kfrs", "--period",
                     "2023-24-SA", "--received", "20/10/2023")
    assert code == 0 and "accepted" in said and "kfrs 2023-24-SA" in said, said
