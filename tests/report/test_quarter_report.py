"""The quarter's meeting paper, read back with python-docx as the meeting would read it, and printed by LibreOffice.

The scenario (tests/report/scenario.py): Q2 2023-24 of the example plan, every partner returning but
Clarion Housing, Kent County Council late, four rows of note; the paper as of Monday 23 October 2023.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Mm, Pt
from freezegun import freeze_time

from cspxl import consolidate
from cspxl.cli import main
from cspxl.report import write_quarter_report
from cspxl.workspace import Workspace
from tests.conftest import by, sheet_rows
from tests.report.scenario import Q2, build

AS_OF = date(2023, 10, 23)
PRIORITIES = [
    "Serious & Acquisitive Crime (incl. crime trends)", "Anti-Social Behaviour (incl. environmental crime)",
    "Domestic Abuse", "Stalking & Harassment",
    "Safeguarding (mental health, Prevent, human trafficking, modern slavery, CSE, vulnerable adults, protecting "
    "children)", "Violence against Women & Girls", "Drug Misuse & County Lines",
]
PLANNED = "As planned this quarter."


def late(days: int, target: str) -> str:
    """Why an action reported On track past its target date is listed: said, with the date."""
    return f"Overdue ({days} days): target date {target} has passed; reported On track"


#: The exceptions as of 23 October 2023: action -> (status, why it is listed, progress update).
EXCEPTIONS = {
    "A01": ("On track", late(23, "30 September 2023"), PLANNED),
    "A02": ("At risk", "At risk; Worse than last quarter (On track)", "Analyst post vacant."),
    "A05": ("Off track", "Off track; Worse than last quarter (On track)",
            "Cameras delayed; [name removed] on [phone removed] chased."),
    "A08": ("On track", late(115, "30 June 2023"), PLANNED),
    "A11": ("On track", late(84, "31 July 2023"), PLANNED),
    "A12": ("No update", "No update", ""),
    "A20": ("On track", late(53, "31 August 2023"), PLANNED),
    "A22": ("On track", late(176, "30 April 2023"), PLANNED),
    "A23": ("On track", late(115, "30 June 2023"), PLANNED),
    "A26": ("On track", late(23, "30 September 2023"), PLANNED),
    "A28": ("At risk", "At risk; Worse than last quarter (On track); Support asked for", "Hub short of staff."),
    "A31": ("On track", late(8, "15 October 2023"), PLANNED),
    "A32": ("On track", late(101, "14 July 2023"), PLANNED),
    "A35": ("On track", late(23, "30 September 2023"), PLANNED),
    "A42": ("On track", late(69, "15 August 2023"), PLANNED),
    "A44": ("No update", "No update", ""),
}


@pytest.fixture(scope="module")
def workspace_q2(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return build(tmp_path_factory.mktemp("papers"))


@pytest.fixture(scope="module")
def paper(workspace_q2: Workspace) -> Path:
    with freeze_time("2023-10-25 10:00"):
        return write_quarter_report(workspace_q2, Q2, AS_OF)


@pytest.fixture(scope="module")
def document(paper: Path) -> docx.document.Document:
    return docx.Document(str(paper))


def texts(document: docx.document.Document) -> list[str]:
    """Every paragraph's text, in the body and in each table cell."""
    body = [p.text for p in document.paragraphs]
    cells = [p.text for t in document.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    return body + cells


def table_rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_paper_has_its_title_sections_and_each_priority_in_the_plans_order(document) -> None:
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Title", "Heading"))]
    assert headings == [
        ("Title", "Sevenoaks District Community Safety Partnership"),
        ("Heading 1", "Summary"), ("Heading 2", "Actions by status in each priority"), ("Heading 1", "Exceptions"),
        *(("Heading 1", p) for p in PRIORITIES), ("Heading 1", "Recommendations from reviews"),
        ("Heading 2", "Open by source"), ("Heading 2", "Overdue"), ("Heading 2", "For the board's sign-off"),
        ("Heading 1", "Returns"),
    ]
    lines = [p.text for p in document.paragraphs]
    assert lines[1:3] == ["Quarterly monitoring of the action plan: Q2 2023-24 (July to September 2023)",
                          "Position as of 23 October 2023. Paper dated 25 October 2023."]
    assert lines[3].startswith("This paper may be circulated: personal data found in partners' updates has been "
                               "replaced")


def test_the_summary_says_the_quarter_in_plain_english_with_the_figures_of_its_table(document) -> None:
    summary = next(p.text for p in document.paragraphs if p.text.startswith("Of "))
    assert summary == (
        "Of 45 actions, 1 is completed and 39 on track; 2 at risk and 1 off track; 2 have no update. 11 are overdue, "
        "7 more than last quarter. 3 actions got worse since last quarter. Of 12 success measures, 1 met its target, "
        "1 is within the tolerance and 1 missed it; 9 have no figure or are only monitored. 11 of 12 returns "
        "expected have come in, 10 on time; 1 overdue.")
    assert table_rows(document.tables[0]) == [
        ["Returns", "", "Actions", ""],
        ["Returns expected", "12", "Completed", "1"],
        ["Received", "11", "On track", "39"],
        ["On time", "10", "Not started", "0"],
        ["Late", "1", "At risk", "2"],
        ["Overdue", "1", "Off track", "1"],
        ["Not yet due", "0", "No update", "2"],
        ["", "", "All actions", "45"],
        ["", "", "Overdue", "11"],
    ]
    chart = document.inline_shapes
    assert len(chart) == 1 and chart[0].width <= Mm(170) + Mm(1)  # within the margins


def test_exceptions_are_the_actions_the_master_flags(document, workspace_q2: Workspace, tmp_path: Path) -> None:
    rows = table_rows(document.tables[1])
    assert rows[0] == ["Action", "Lead partner", "Status", "Target date", "Revised target", "Why listed",
                       "Progress update"]
    listed = {r[0].split(":")[0]: (r[2], r[5], r[6]) for r in rows[1:]}
    assert listed == EXCEPTIONS
    assert rows[1][:5] == [
        "A01: Run a rural crime prevention campaign with the Rural Task Force targeting theft of farm machinery, quad "
        "bikes and GPS units in the district's rural wards", "Kent Police", "On track", "30 September 2023", ""]
    # The same actions as the master's flags say, as of the same day.
    master = consolidate(workspace_q2, Q2, AS_OF, out=tmp_path / "master.xlsx")
    flagged = {r["Action ID"] for r in sheet_rows(master, "Actions")
               if r["Overdue"] == "Yes" or r["Status"] in ("Off track", "At risk") or r["Movement"] == "Worse"
               or r["Support needed"] == "Yes" or r["No update"] == "Yes"}
    assert set(listed) == flagged


def test_each_priority_lists_its_actions_with_the_masters_status_and_the_leads_update(
        document, workspace_q2: Workspace, tmp_path: Path) -> None:
    master = by(sheet_rows(consolidate(workspace_q2, Q2, AS_OF, out=tmp_path / "m.xlsx", redact=True), "Actions"),
                "Action ID")
    tables = [t for t in document.tables[2:] if table_rows(t)[0][0] == "Action"]
    seen = []
    for table, priority in zip(tables, PRIORITIES, strict=True):
        rows = table_rows(table)
        assert rows[0] == ["Action", "Lead partner", "Status", "Target date", "Progress update"]
        for action, lead, status, _, update in rows[1:]:
            a = master[action.split(":")[0]]
            assert (a["Priority"], lead, status, update) == (
                priority, a["Lead partner"], a["Status"] or "No update", a["Progress update"] or "")
            seen.append(action.split(":")[0])
    assert seen == [f"A{n:02d}" for n in range(1, 46)]
    a10 = next(r for t in tables for r in table_rows(t) if r[0].startswith("A10:"))
    assert a10[1:] == ["Kent Police", "Completed", "30 September 2023", "Summer plan delivered."]


def test_each_prioritys_measures_follow_its_actions_judged_with_the_owners_comment_redacted(document) -> None:
    measures = [table_rows(t) for t in document.tables if table_rows(t)[0][0] == "Measure"]
    header = ["Measure", "Supplied by", "Target", "This quarter", "Last quarter", "Same quarter last year", "Change",
              "RAG", "Trend", "Comment"]
    # The drug misuse priority's naloxone kits have a year's target: its table adds the year to date.
    assert [rows[0] for rows in measures] == [header] * 6 + [[*header[:4], "Year to date", *header[4:]]]
    # Kent Police's figures (no figures last year, so no change or trend); nobody else sent any.
    assert measures[0][1:] == [
        ["M01: Residential burglaries recorded in the quarter", "Kent Police", "48 or lower", "50", "47", "", "",
         "Amber", "", ""],
        ["M02: Shoplifting offences recorded in the quarter", "Kent Police", "Monitored only", "No figure", "", "",
         "", "Grey", "", ""]]
    assert measures[1][2] == ["M04: Anti-social behaviour incidents reported to police in the quarter", "Kent Police",
                              "338 or lower", "400", "", "", "", "Red", "", "Two repeat locations; [name removed] "
                              "rang daily."]
    assert measures[3][1] == ["M08: Stalking victims offered referral to specialist advocacy", "Kent Police",
                              "90% or higher", "92%", "", "", "", "Green", "", ""]


def test_the_returns_table_gives_each_partners_return_and_days_late(document) -> None:
    rows = table_rows(document.tables[-1])
    assert rows[0] == ["Partner", "Return", "Received on", "Days late"]
    assert {r[0]: tuple(r[1:]) for r in rows[1:]} == {
        "Sevenoaks District Council": ("Received", "9 October 2023", ""),
        "Kent County Council": ("Received late", "19 October 2023", "3"),
        "Kent Police": ("Received", "9 October 2023", ""),
        "Kent Fire & Rescue Service": ("Received", "9 October 2023", ""),
        "Kent Police & Crime Commissioner's Office": ("Received", "9 October 2023", ""),
        "NHS Kent and Medway Integrated Care Board": ("Received", "9 October 2023", ""),
        "Probation Service (Kent, Surrey & Sussex region)": ("Received", "9 October 2023", ""),
        "West Kent Housing Association": ("Received", "9 October 2023", ""),
        "Clarion Housing": ("Overdue", "", "7"),
        "Kent Community Health NHS Foundation Trust": ("Received", "9 October 2023", ""),
        "Domestic Abuse Volunteer Support Services (DAVSS)": ("Received", "9 October 2023", ""),
        "The Forward Trust (West Kent drug & alcohol service)": ("Received", "9 October 2023", ""),
    }


def test_every_page_is_a4_and_no_text_is_under_10_point(document) -> None:
    sizes = [(round(s.page_width.mm), round(s.page_height.mm)) for s in document.sections]
    assert sizes == [(210, 297), (297, 210), (210, 297)]  # portrait, landscape for the wide tables, portrait
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    runs += [r for s in document.sections for p in s.footer.paragraphs for r in p.runs]
    assert runs and all(r.font.size is None or r.font.size >= Pt(10) for r in runs)
    styled = [(s.name, s.font.size) for s in document.styles if getattr(s, "font", None) is not None and s.font.size]
    assert [(name, size.pt) for name, size in styled if size < Pt(10)] == []
    assert document.styles["Normal"].font.size == Pt(11)


def test_every_tables_header_row_repeats_on_each_page_and_the_table_fits_its_page(document) -> None:
    from docx.oxml.ns import qn

    widths = {Mm(170): "portrait", Mm(257): "landscape"}
    for table in document.tables:
        header = table.rows[0]._tr
        assert header.trPr is not None and header.trPr.find(qn("w:tblHeader")) is not None
        assert sum(c.width for c in table.columns) <= max(widths) + Mm(1)


def test_the_paper_holds_no_codes_versions_or_commands_and_no_personal_data(document, workspace_q2) -> None:
    words = "\n".join(texts(document))
    for never in (workspace_q2.plan.version, "cspxl ", "status-", "personal-data", "07700 900461", "Okafor", "Jones"):
        assert never not in words, never


def test_the_full_paper_keeps_updates_as_written_and_says_not_to_circulate_it(workspace_q2, tmp_path) -> None:
    with freeze_time("2023-10-25 10:00"):
        result = CliRunner().invoke(main, ["-w", str(workspace_q2.root), "report", "2023-24-Q2", "--as-of",
                                           "23/10/2023", "--full", "--out", str(tmp_path / "full.docx")])
    assert result.exit_code == 0, result.output
    assert " ".join(result.stdout.split()) == f"Meeting full paper (not to circulate) written: {tmp_path / 'full.docx'}"
    words = texts(docx.Document(str(tmp_path / "full.docx")))
    assert "Cameras delayed; Mrs Okafor on 07700 900461 chased." in words
    assert any(w.startswith("This paper holds partners' updates exactly as written") for w in words)


def test_report_writes_to_the_workspaces_reports_folder_by_default(workspace_q2) -> None:
    with freeze_time("2023-10-25 10:00"):
        result = CliRunner().invoke(main, ["-w", str(workspace_q2.root), "report", "Q2 2023-24", "--as-of",
                                           "23/10/2023"])
    assert result.exit_code == 0, result.output
    path = workspace_q2.root / "reports" / "Sevenoaks-CSP_2023-24-Q2_report.docx"
    assert " ".join(result.stdout.split()) == f"Meeting paper written: {path}"
    assert "Summary" in [p.text for p in docx.Document(str(path)).paragraphs]


def test_without_libreoffice_pdf_says_how_to_get_one(workspace_q2, tmp_path, monkeypatch) -> None:
    import cspxl.report.pdf

    monkeypatch.setattr(cspxl.report.pdf, "soffice", lambda: None)
    with freeze_time("2023-10-25 10:00"):
        result = CliRunner().invoke(main, ["-w", str(workspace_q2.root), "report", "2023-24-Q2", "--as-of",
                                           "23/10/2023", "--pdf", "--out", str(tmp_path / "q2.docx")])
    assert result.exit_code == 0, result.output
    assert " ".join(result.stderr.split()) == (
        "No PDF was written, since LibreOffice is not installed here: open q2.docx in Word and save it as PDF "
        "(File, Save As, PDF), or install LibreOffice and run the command again.")
    assert [p.name for p in tmp_path.iterdir()] == ["q2.docx"]


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdfinfo")),
                    reason="LibreOffice (soffice, with Writer) and poppler's pdfinfo are not installed")
def test_the_paper_prints_to_pdf_on_a4_pages(workspace_q2, tmp_path) -> None:
    with freeze_time("2023-10-25 10:00"):
        result = CliRunner().invoke(main, ["-w", str(workspace_q2.root), "report", "2023-24-Q2", "--as-of",
                                           "23/10/2023", "--pdf", "--out", str(tmp_path / "q2.docx")])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "q2.pdf"
    assert f"PDF written: {pdf}" in " ".join(result.stdout.split())
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    sizes = [line.split(":", 1)[1].split("pts")[0].split() for line in info.splitlines()
             if line.startswith("Page") and "size" in line]
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == 13
    a4 = [(round(float(w)), round(float(h))) for w, _, h in sizes]
    # Summary and chart portrait; exceptions and the priorities landscape; returns portrait.
    assert a4[0] == (595, 842) and a4[-1] == (595, 842)
    assert set(a4) == {(595, 842), (842, 595)}


@pytest.mark.parametrize(("typed", "printed"), [
    ("Cameras in.\x0bSecond line.", "Cameras in.\nSecond line."),  # a line break typed in Word, pasted into Excel
    ("Page one\x0cpage two", "Page one\npage two"),
    ("Bell\x07 and null\x00 gone", "Bell and null gone"),  # no Word document can hold them
    ("=HYPERLINK(\"http://x.invalid\")", "=HYPERLINK(\"http://x.invalid\")"),  # text, as typed
    ("Zoë’s café — 50%", "Zoë’s café — 50%"),
])
def test_partners_text_reaches_the_paper_as_typed_but_what_word_cannot_hold(typed: str, printed: str,
                                                                             tmp_path: Path) -> None:
    from cspxl.report.paper import Paper

    paper = Paper(title="t", author="a", footer="f")
    paper.table(("Progress update",), [(typed,)], (1,))
    docx.Document(str(paper.save(tmp_path / "p.docx")))  # opens
    cell = docx.Document(str(tmp_path / "p.docx")).tables[0].rows[1].cells[0]
    assert cell.text == printed


@pytest.mark.parametrize(("now", "before", "said"), [
    (0, 0, "None is overdue, the same as last quarter."),
    (2, 2, "2 are overdue, the same as last quarter."),
    (1, 0, "1 is overdue, 1 more than last quarter."),
    (0, 3, "None is overdue, 3 fewer than last quarter."),
])
def test_the_summary_counts_overdue_actions_in_plain_english(workspace_q2: Workspace, now: int, before: int,
                                                            said: str) -> None:
    from cspxl import period_view
    from cspxl.report.quarter import summary_text

    view = period_view(workspace_q2, Q2, AS_OF)

    def overdue(n: int):  # type: ignore[no-untyped-def]
        return view.model_copy(update={"actions": tuple(a.model_copy(update={"overdue": i < n})
                                                        for i, a in enumerate(view.actions))})

    assert said in summary_text(overdue(now), overdue(before))
