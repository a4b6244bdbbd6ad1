"""The master's Recommendations sheet and Dashboard counts, the paper's section, and confidentiality: before its
Confidential until date a recommendation's words reach only the full master and the full paper."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import docx
import openpyxl
import pytest

from cspxl import consolidate, parse_period, write_quarter_report
from cspxl.recommendations.board import signoff
from cspxl.workspace import Workspace
from tests.conftest import by, sheet_rows

Q1 = parse_period("2023-24-Q1")
AS_OF = date(2023, 11, 5)  # after DHR1-2 and DHR1-3 fell due; the DHR is confidential until 30/06/2024


@pytest.fixture
def decided(reported: Workspace) -> Workspace:
    signoff(reported, ["DHR1-1"], date(2023, 9, 5), by="CSP Board")
    return reported


def dashboard(path: Path) -> dict[str, object]:
    ws = openpyxl.load_workbook(path)["Dashboard"]
    return {r[0]: r[1] for r in ws.iter_rows(values_only=True) if isinstance(r[0], str)}


def test_the_master_shows_each_recommendation_with_its_status_days_open_and_what_the_board_must_decide(
        decided, tmp_path) -> None:
    master = consolidate(decided, Q1, as_of=AS_OF, out=tmp_path / "master.xlsx")
    rows = by(sheet_rows(master, "Recommendations"), "Recommendation ID")
    columns = ("Status", "Evidence", "Days open", "Overdue", "Awaiting sign-off", "Last updated", "Signed off on")
    assert {r: tuple(rows[r][c] for c in columns) for r in rows if r} == {
        # Made on 15/05/2023, signed off on 05/09/2023: 113 days open.
        "DHR1-1": ("Signed off", "Routine enquiry in GP practices from May", 113, "No", "No", "2023-24-Q1",
                   datetime(2023, 9, 5)),
        "DHR1-2": ("No update yet", None, 174, "Yes", "No", None, None),
        "DHR1-3": ("No update yet", None, 174, "Yes", "No", None, None),
        "DHR1-4": ("Not started", None, 174, "No", "No", "2023-24-Q1", None),
        "SCR-1": ("Not accepted", None, 138, "No", "Yes", "2023-24-Q1", None),
        "PCC-1": ("In progress", "Patrol plan drafted", 127, "No", "No", "2023-24-Q1", None),
    }
    assert rows["SCR-1"]["Reason not accepted"] == "Covered by the county's own review"
    counts = dashboard(master)
    assert [counts[k] for k in ("Recommendations tracked", "No update yet", "Not started", "In progress",
                                "Implemented", "Not accepted", "Signed off", "Overdue recommendations",
                                "Awaiting the board's sign-off")] == [6, 2, 1, 1, 0, 1, 1, 2, 1]


def test_the_circulation_copy_lists_only_public_recommendations_and_counts_the_confidential(decided, tmp_path) -> None:
    copy = consolidate(decided, Q1, as_of=AS_OF, out=tmp_path / "circulation.xlsx", redact=True)
    ws = openpyxl.load_workbook(copy)["Recommendations"]
    assert [r[0] or r[1] for r in ws.iter_rows(min_row=2, values_only=True) if r[0] or r[1]] == [
        "SCR-1", "PCC-1", "Not shown in this copy: 3 confidential recommendations from 1 review, 2 overdue; 1 more "
        "signed off. The full master has them."]
    assert dashboard(copy)["Recommendations tracked"] == 6  # counts give nothing away
    # Once the review is published, it circulates like any other.
    later = consolidate(decided, Q1, as_of=date(2024, 7, 1), out=tmp_path / "later.xlsx", redact=True)
    ids = [r[0] for r in openpyxl.load_workbook(later)["Recommendations"].iter_rows(min_row=2, values_only=True)]
    assert ids[:6] == ["DHR1-1", "DHR1-2", "DHR1-3", "DHR1-4", "SCR-1", "PCC-1"]


def test_the_paper_lists_open_by_source_overdue_and_the_boards_decisions(decided, tmp_path) -> None:
    full = write_quarter_report(decided, Q1, as_of=AS_OF, out=tmp_path / "full.docx", full=True, today=AS_OF)
    text = paper_text(full)
    section = text[text.index("Recommendations from reviews"):text.index("Returns were due")]
    assert ("6 recommendations of reviews are tracked: 5 open, 2 overdue, 1 awaiting the board's sign-off and 1 "
            "signed off.") in section
    assert "DHR Sevenoaks 2022/01 | DHR/DARDR | 3 | 2 | 0" in section
    assert "DHR1-2: Share housing officers' concerns" in section
    assert "SCR-1: Publish the partnership's anti-social behaviour figures" in section.split("For the board's sign-off")[1]
    circulated = paper_text(write_quarter_report(decided, Q1, as_of=AS_OF, out=tmp_path / "paper.docx", today=AS_OF))
    assert ("Not shown by name in this paper: 3 confidential recommendations from 1 review, 2 overdue; 1 more signed "
            "off.") in circulated
    assert "DHR1-2" not in circulated and "DHR Sevenoaks" not in circulated


def test_no_word_of_a_confidential_recommendation_reaches_a_circulated_file(decided, tmp_path) -> None:
    """Every word of the confidential texts (the recommendation, its ID, source, action and milestones, the owners'
    evidence) is searched for in every part of the circulation copy and of the circulated paper (cells, comments,
    properties, headers): none may be there, but for words the plan's public text or cspxl's own wording uses."""
    plan = decided.plan
    secret = [r for r in plan.recommendations if r.confidential_on(AS_OF)]
    assert len(secret) == 4
    typed = ["Routine enquiry in GP practices from May"]  # DHR1-1's evidence, from icb's return
    words = set()
    for r in secret:
        for text in (r.text, r.source, r.action, r.milestones, r.id):
            words |= _words(text)
    for text in typed:
        words |= _words(text)
    public = set()
    public_recs = [r for r in plan.recommendations if r not in secret]
    for text in [*(a.text for a in plan.actions), *(m.text for m in plan.measures), *(p.name for p in plan.priorities),
                 *(p.name for p in plan.partners), *(r.text + " " + r.source for r in public_recs),
                 plan.settings.partnership, _own_wording()]:
        public |= _words(text)
    searched = words - public
    assert {"injuries", "tenant's", "practice", "procedures"} <= searched, sorted(searched)
    copy = consolidate(decided, Q1, as_of=AS_OF, out=tmp_path / "circulation.xlsx", redact=True)
    paper = write_quarter_report(decided, Q1, as_of=AS_OF, out=tmp_path / "paper.docx", today=AS_OF)
    for path in (copy, paper):
        text = _all_text(path)
        found = searched & _words(text)
        assert found == set(), (path.name, sorted(found))
        assert [r.id for r in secret if r.id in text] == [], path.name  # nor even their IDs
    # The full copies hold them: the search would find a leak.
    full = consolidate(decided, Q1, as_of=AS_OF, out=tmp_path / "master.xlsx")
    assert {"injuries", "faith"} <= _words(_all_text(full))


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[A-Za-z][A-Za-z0-9']+", text) if len(w) > 1}


def _all_text(path: Path) -> str:
    """Every XML part of an Office file, its tags taken out: cells, shared strings, comments, properties."""
    with zipfile.ZipFile(path) as z:
        return " ".join(re.sub(r"<[^>]+>", " ", z.read(n).decode("utf-8", "replace"))
                        for n in z.namelist() if n.endswith((".xml", ".rels")))


def paper_text(path: Path) -> str:
    """The paper's paragraphs and table rows (cells joined by ' | ') in the order they print."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = docx.Document(str(path))
    out = []
    for child in d.element.body.iterchildren():
        if child.tag.endswith("}p"):
            out.append(Paragraph(child, d).text)
        elif child.tag.endswith("}tbl"):
            out += [" | ".join(c.text for c in row.cells) for row in Table(child, d).rows]
    return "\n".join(out)


def _own_wording() -> str:
    """Every string cspxl's own code and templates hold (the demo's partners' public updates among them, but not
    what they report on the recommendations of reviews): words a file may use whatever the plan says."""
    import ast

    import cspxl

    root = Path(cspxl.__file__).parent
    found = []
    for path in (p for p in root.rglob("*.py") if p.relative_to(root).as_posix() != "demo/reviews.py"):
        found += [n.value for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.Constant)
                  and isinstance(n.value, str)]
    found += [p.read_text() for p in root.rglob("*.txt") if "templates" in p.parts]
    return " ".join(found)
