"""Committee reports in the council's frame, read back as councillors read them.

The adoption report on the example plan: every heading of the frame in order, the details from the
plan's Committee sheet, and Appendix A against the plan cell by cell.  The quarter's and the year's
committee reports on the demo's year: the executive summary is the monitoring paper's, the
recommendation the Committee sheet's, and the appendix the circulated paper.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt

from cspxl import example_plan_path, init_workspace
from cspxl.cli import main
from cspxl.plan import load_plan
from cspxl.plan.committee import NOTING, PARAGRAPHS
from cspxl.report import write_plan_report
from cspxl.report.committee import DUTY, SO_FAR
from cspxl.report.figures import target_text
from cspxl.report.words import day_text

FRAME = ["Executive Summary", "Recommendations", "Introduction and Background", "Key Implications",
         "Legal Implications and Risk Assessment", "Equality Assessment", "Net Zero Implications", "Wellbeing",
         "Conclusions", "Appendices", "Background Papers"]


def rows_of(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[c.text for c in row.cells] for row in table.rows]


def headings(document) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def texts(document) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in document.paragraphs if p.text]


def a4_and_10_point(document) -> bool:  # type: ignore[no-untyped-def]
    sizes = {tuple(round(d / Mm(1)) for d in (s.page_width, s.page_height)) for s in document.sections}
    runs = [r for p in document.paragraphs for r in p.runs] + [
        r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    styles = [s.font.size for s in document.styles if getattr(s, "font", None) is not None]
    return sizes <= {(210, 297), (297, 210)} and all(
        size is None or size >= Pt(10) for size in [*(r.font.size for r in runs), *styles])


@pytest.fixture(scope="module")
def adoption(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    ws = init_workspace(tmp_path_factory.mktemp("adopt") / "ws", example_plan_path())
    path = write_plan_report(ws, today=date(2023, 6, 12))
    return ws, docx.Document(str(path))


def test_the_adoption_report_follows_the_councils_frame_in_order(adoption) -> None:
    _, document = adoption
    assert headings(document)[:len(FRAME)] == FRAME
    assert headings(document)[len(FRAME)] == "Appendix A: Community Safety Strategy & Action Plan 2023-24"
    assert texts(document)[:2] == ["Community Safety Strategy & Action Plan 2023-24",
                                   "Sevenoaks District Community Safety Partnership"]


def test_the_frames_details_come_from_the_plans_committee_sheet(adoption) -> None:
    _, document = adoption
    assert rows_of(document.tables[0]) == [
        ["Committee and date", "People & Places Advisory Committee \u2013 27 June 2023"],
        ["Report of", "Deputy Chief Executive and Chief Officer - People & Places"],
        ["Status", "For approval"],
        ["Also considered by", "Cabinet \u2013 13 July 2023; Council \u2013 18 July 2023"],
        ["Key decision", "No"]]
    assert rows_of(document.tables[1]) == [
        ["This report supports the Key Aim of", "Safe and caring communities (the Council Plan)"],
        ["Portfolio Holder", "Cllr Jane Fairley"],
        ["Contact Officer(s)", "Helen Marsh, Community Safety Manager, Ext. 7418"]]
    lines = texts(document)
    at = lines.index("Recommendations")
    assert lines[at + 1:at + 7] == [
        "Recommendation to People & Places Advisory Committee:",
        "That the Committee recommends the Strategy & Action Plan to Cabinet for adoption.",
        "Recommendation to Cabinet:", "That Cabinet recommends the Strategy & Action Plan to Council for adoption.",
        "Recommendation to Council:", "That the Strategy & Action Plan be adopted."]
    for heading, key in (("Equality Assessment", "Equality assessment"), ("Wellbeing", "Wellbeing"),
                         ("Conclusions", "Conclusions")):
        assert lines[lines.index(heading) + 1] == PARAGRAPHS[key]


def test_the_introduction_cites_the_duty_and_the_priorities_in_the_plans_order(adoption) -> None:
    ws, document = adoption
    lines = texts(document)
    at = lines.index("Introduction and Background")
    assert lines[at + 1] == f"1\u2003{DUTY}"
    assert "Crime and Disorder Act 1998" in lines[at + 1]
    names = "; ".join(f"({n}) {p.name}" for n, p in enumerate(ws.plan.priorities, start=1))
    assert lines[at + 2] == f"2\u2003The plan's priorities are: {names}."


def test_appendix_a_is_the_plan_by_priority_cell_by_cell(adoption) -> None:
    ws, document = adoption
    plan = ws.plan
    tables = document.tables[3:]  # after the two details tables and the appendices' list
    name = {p.id: p.name for p in plan.partners}
    expected = []
    for priority in plan.priorities:
        actions = [a for a in plan.actions if a.priority_id == priority.id]
        expected.append([["Action", "Lead partner", "Supporting partners", "Target date", "Success measure"],
                         *([f"{a.id}: {a.text}", name[a.lead], "; ".join(name[s] for s in a.supporting) or "None",
                            day_text(a.target_date), a.success_measure] for a in actions)])
        measures = [m for m in plan.measures if m.priority_id == priority.id]
        if measures:
            expected.append([["Success measure", "Supplied by", "Baseline", "Target"],
                             *([f"{m.id}: {m.text}", name[m.owner], _baseline(m), target_text(m)] for m in measures)])
    assert [rows_of(t) for t in tables] == expected
    appendix = headings(document)[len(FRAME) + 1:]
    assert appendix == [f"Priority {n}: {p.name}" for n, p in enumerate(plan.priorities, start=1)]
    assert all(t.rows[0]._tr.trPr.xpath("./w:tblHeader") for t in tables)  # headers repeat on each page


def _baseline(m) -> str:  # type: ignore[no-untyped-def]
    figure = f"{m.baseline:g}%" if m.unit == "Percent" else f"{m.baseline:,g}"
    return f"{figure} ({m.baseline_period.replace('-Q', ' Q')})"


def test_the_adoption_report_is_a4_at_10_point_with_the_appendix_landscape(adoption) -> None:
    _, document = adoption
    assert a4_and_10_point(document)
    assert document.sections[0].orientation == WD_ORIENT.PORTRAIT
    assert document.sections[-1].orientation == WD_ORIENT.LANDSCAPE


def test_an_empty_detail_reads_to_be_confirmed_and_the_command_says_which(tmp_path: Path) -> None:
    ws = init_workspace(tmp_path / "ws", example_plan_path())
    plan = ws.plan
    from cspxl.plan.workbook import write_plan_workbook

    write_plan_workbook(ws.plan_path, plan.model_copy(update={"committee": plan.committee.model_copy(
        update={"portfolio_holder": "", "meeting_dates": ()})}))
    result = CliRunner().invoke(main, ["--workspace", str(ws.root), "report", "plan", "--out",
                                       str(tmp_path / "adopt.docx")])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "The plan's Committee sheet has no Portfolio holder, so the report says 'To be confirmed' there" in said
    table = rows_of(docx.Document(str(tmp_path / "adopt.docx")).tables[1])
    assert table[1] == ["Portfolio Holder", "To be confirmed"]
    assert rows_of(docx.Document(str(tmp_path / "adopt.docx")).tables[0])[0] == [
        "Committee and date", "People & Places Advisory Committee \u2013 date to be confirmed"]


def test_the_quarters_committee_report_wraps_the_circulated_paper(demo, tmp_path: Path) -> None:
    root, _ = demo
    out = tmp_path / "q2.docx"
    result = CliRunner().invoke(main, ["--workspace", str(root), "report", "2023-24-Q2", "--committee", "--out",
                                       str(out)])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    paper = docx.Document(str(root / "reports" / "Sevenoaks-CSP_2023-24-Q2_report.docx"))
    assert headings(document)[:len(FRAME)] == FRAME
    assert rows_of(document.tables[0])[0] == ["Committee and date",
                                              "People & Places Advisory Committee \u2013 21 November 2023"]
    assert rows_of(document.tables[0])[2:4] == [["Status", "For information"], ["Also considered by", "None"]]
    lines = texts(document)
    summary = lines[lines.index("Executive Summary") + 1]
    assert summary == texts(paper)[texts(paper).index("Summary") + 1]
    at = lines.index("Recommendations")
    assert lines[at + 1:at + 3] == ["Recommendation to People & Places Advisory Committee:",
                                    NOTING["Recommendation on a quarter"]]
    appendix = lines.index("Appendix A: Quarterly monitoring, Q2 2023-24 (July to September 2023)")
    # The appendix is the circulated paper after its title, table for table.
    assert lines[appendix + 1:] == texts(paper)[3:]
    assert [rows_of(t) for t in document.tables[3:]] == [rows_of(t) for t in paper.tables]
    assert a4_and_10_point(document)


def test_the_years_committee_report_goes_to_the_next_years_first_meeting_along_its_route(demo, tmp_path: Path) -> None:
    root, _ = demo
    out = tmp_path / "year.docx"
    result = CliRunner().invoke(main, ["--workspace", str(root), "report", "2023-24", "--committee", "--as-of",
                                       "22/04/2024", "--out", str(out)])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    assert rows_of(document.tables[0]) == [
        ["Committee and date", "People & Places Advisory Committee \u2013 25 June 2024"],
        ["Report of", "Deputy Chief Executive and Chief Officer - People & Places"], ["Status", "For information"],
        ["Also considered by", "Cabinet \u2013 11 July 2024; Council \u2013 16 July 2024"], ["Key decision", "No"]]
    lines = texts(document)
    assert "Appendix A: Year-end review 2023-24" in lines
    assert lines.count(NOTING["Recommendation on the year"]) == 3
    assert load_plan(root / "plan.xlsx").settings.financial_year == "2024-25"
    assert a4_and_10_point(document)


@pytest.mark.parametrize(("args", "sentence"), [
    (["report", "plan", "--full"], "a committee report is public, so its appendix is the circulation copy; "
                                   "leave out --full."),
    (["report", "2023-24-Q2", "--committee", "--full"], "leave out --full."),
    (["report", "plan", "--as-of", "01/06/2023"], "leave out --as-of."),
    (["report", "2023-24-Q2", "--meeting", "01/11/2023"], "add --committee, or leave it out."),
])
def test_report_refuses_what_a_committee_report_cannot_be_in_one_sentence(demo, args, sentence) -> None:
    root, _ = demo
    result = CliRunner().invoke(main, ["--workspace", str(root), *args])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert sentence in " ".join(result.output.split())


def test_the_demo_runs_the_councils_cycle_to_the_next_plans_adoption(demo) -> None:
    root, said = demo
    lines = [" ".join(line.split()) for line in said.splitlines()]
    adoption = root / "reports" / "Sevenoaks-CSP_2024-25_plan-for-adoption.docx"
    assert f"the next year's plan for adoption: {adoption}" in lines
    assert "2023-24: the strategic assessment written, its priorities ranked by the workshop's scores." in lines
    document = docx.Document(str(adoption))
    text = " ".join(texts(document))
    assert ("the Strategic Assessment 2023-24, which ranked them in this order: (1) Domestic Abuse; (2) Drug Misuse & "
            "County Lines;") in text
    assert rows_of(document.tables[0])[0] == ["Committee and date",
                                              "People & Places Advisory Committee \u2013 25 June 2024"]
    plan = load_plan(root / "plan.xlsx")
    assert [p.id for p in plan.priorities][:2] == ["P3", "P7"]
    assessment = docx.Document(str(root / "reports" / "Sevenoaks-CSP_2023-24_strategic-assessment.docx"))
    assert headings(assessment) == ["Summary", "Crime recorded by the police", "The partners' indicators",
                                    "Delivery of the plan for 2023-24", "The priorities ranked"]
    assert a4_and_10_point(assessment) and a4_and_10_point(document)


@pytest.mark.parametrize(("meeting", "said"), [
    (date(2023, 6, 27), "Cabinet \u2013 13 July 2023; Council \u2013 18 July 2023"),
    (date(2024, 6, 25), "Cabinet; Council"),  # a year on: the adoption's dates are not this meeting's route
    (None, "Cabinet; Council"),
])
def test_a_bodys_date_is_said_only_when_it_follows_the_committees_meeting(meeting, said) -> None:
    from cspxl.plan import Meeting
    from cspxl.report.committee import route_text

    route = (Meeting(body="Cabinet", day=date(2023, 7, 13)), Meeting(body="Council", day=date(2023, 7, 18)))
    assert route_text(route, meeting) == said
    assert route_text((), meeting) == "None"


def test_a_year_not_yet_over_is_noted_as_the_year_so_far(demo, tmp_path: Path) -> None:
    root, _ = demo
    out = tmp_path / "so-far.docx"
    done = CliRunner().invoke(main, ["--workspace", str(root), "report", "2023-24", "--committee", "--as-of",
                                     "01/12/2023", "--out", str(out)])
    assert done.exit_code == 0, done.output
    text = [p.text for p in docx.Document(str(out)).paragraphs]
    assert SO_FAR in text and not any("year-end review" in t for t in text if t.startswith("That"))
    assert not any("carried into the next year" in t for t in text if "This report presents" in t)


def test_a_q4_paper_goes_to_the_next_years_first_meeting(demo, tmp_path: Path) -> None:
    root, _ = demo
    out = tmp_path / "q4.docx"
    done = CliRunner().invoke(main, ["--workspace", str(root), "report", "2023-24-Q4", "--committee", "--out",
                                     str(out)])
    assert done.exit_code == 0, done.output
    first = [c.text for c in docx.Document(str(out)).tables[0].rows[0].cells]
    assert first == ["Committee and date", "People & Places Advisory Committee \u2013 25 June 2024"]
