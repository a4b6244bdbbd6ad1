"""The demo's recommendations of reviews: a domestic homicide review's four, confidential (one implemented and
signed off, one overdue), the scrutiny committee's not accepted with a reason, the PCC's supported by two partners;
and nothing of the review's in the circulated files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cspxl.demo.reviews import TYPED
from cspxl.plan import load_plan
from tests.conftest import by, sheet_rows
from tests.recommendations.test_master_and_papers import _all_text, _own_wording, _words


def test_the_demos_second_quarter_shows_each_case_of_the_issue(demo: tuple[Path, str]) -> None:
    root = demo[0]
    rows = by(sheet_rows(root / "master" / "Sevenoaks-CSP_2023-24-Q2_master.xlsx", "Recommendations"),
              "Recommendation ID")
    columns = ("Source type", "Status", "Overdue", "Awaiting sign-off", "Signed off on", "Confidential until")
    got = {r: tuple(rows[r][c] for c in columns) for r in rows if r}
    assert {r: v[:5] for r, v in got.items()} == {
        "DHR1-1": ("DHR/DARDR", "Signed off", "No", "No", rows["DHR1-1"]["Signed off on"]),
        "DHR1-2": ("DHR/DARDR", "In progress", "Yes", "No", None),
        "DHR1-3": ("DHR/DARDR", "In progress", "No", "No", None),
        "DHR1-4": ("DHR/DARDR", "In progress", "No", "No", None),
        "SCR-1": ("Scrutiny", "Not accepted", "No", "Yes", None),
        "PCC-1": ("PCC", "In progress", "No", "No", None),
    }
    assert rows["DHR1-1"]["Signed off on"] is not None
    assert {r for r, v in got.items() if v[5] is not None} == {"DHR1-1", "DHR1-2", "DHR1-3", "DHR1-4"}
    assert rows["SCR-1"]["Reason not accepted"].startswith("Ward figures for small wards could identify victims")
    supporters = rows["PCC-1"]["Supporting partners' updates"]
    assert "Sevenoaks District Council (In progress, 2023-24-Q2)" in supporters
    assert "Kent County Council (In progress, 2023-24-Q2)" in supporters


def test_the_demos_circulated_files_hold_no_word_of_the_confidential_review(demo: tuple[Path, str]) -> None:
    root = demo[0]
    plan = load_plan(root / "plans" / "plan 2023-24.xlsx")
    on = date(2023, 10, 23)  # the second quarter's papers
    secret = [r for r in plan.recommendations if r.confidential_on(on)]
    words: set[str] = set()
    for r in secret:
        for text in (r.text, r.source, r.action, r.milestones):
            words |= _words(text)
    for typed in TYPED.values():  # the evidence and reasons the demo's partners report on them
        for rec, values in (x for partner in typed.values() for x in partner.items()):
            if any(r.id == rec for r in secret):
                words |= {w for v in values.values() if isinstance(v, str) for w in _words(v)}
    public: set[str] = set()
    for text in [*(a.text for a in plan.actions), *(m.text for m in plan.measures), *(p.name for p in plan.priorities),
                 *(p.name for p in plan.partners), *(r.text + " " + r.source for r in plan.recommendations
                                                     if r not in secret), plan.settings.partnership, _own_wording()]:
        public |= _words(text)
    searched = words - public
    assert {"injuries", "consultations", "briefed", "approved", "booked"} <= searched, sorted(searched)
    for name in ("master/Sevenoaks-CSP_2023-24-Q2_master_circulation.xlsx", "reports/Sevenoaks-CSP_2023-24-Q2_report.docx"):
        text = _all_text(root / name)
        assert searched & _words(text) == set(), name
        assert [r.id for r in secret if r.id in text] == [], name
    assert "faith groups" in _all_text(root / "master" / "Sevenoaks-CSP_2023-24-Q2_master.xlsx")  # the full one has them
