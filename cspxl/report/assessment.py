"""The Strategic Assessment as the partnership and the committee read it, on A4.

Its evidence (crime over three years, the partners' indicators, the year's delivery) and the workshop's
ranking of the priorities, beside last year's.  Everything missing is named with whose it is.  It holds
counts and statuses, never partners' words, so it may circulate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from ..assessment import Assessment, strategic_assessment
from ..assessment.workbook import change_text, write_assessment_workbook, year_labels
from ..crime.imports import month_text
from ..periods import FinancialYear
from ..workspace import Workspace, safe_name
from .chart import years_chart
from .paper import Paper
from .quarter import count_text as _n
from .words import count, day_text, listing


def assessment_file_name(short_name: str, year: str, suffix: str = ".docx") -> str:
    return f"{safe_name(short_name)}_{year}_strategic-assessment{suffix}"


def write_assessment(workspace: Workspace, year: FinancialYear, as_of: date | None = None, *, today: date | None = None,
                     say: Callable[[str], None] | None = None) -> tuple[Path, Path]:
    """Write the Strategic Assessment of the financial year starting in ``year`` and its workbook into the
    workspace's reports folder, as of ``as_of`` (default today); their paths."""
    today = today or date.today()
    a = strategic_assessment(workspace, year, as_of or today)
    short = a.plan.settings.short_name
    book = write_assessment_workbook(workspace.reports_dir / assessment_file_name(short, a.year, ".xlsx"), a, say)
    paper = assessment_paper(a, today).save(workspace.reports_dir / assessment_file_name(short, a.year), say)
    return paper, book


def assessment_paper(a: Assessment, today: date) -> Paper:
    s = a.plan.settings
    paper = Paper(title=f"{s.partnership}: {a.name}", author=s.coordinator_name,
                  footer=f"{s.short_name} · {a.name}", as_of=a.as_of, dated=today)
    paper.title(a.name, s.partnership, f"Position as of {day_text(a.as_of)}. Paper dated {day_text(today)}.")
    paper.paragraph("This assessment holds counts and statuses, not partners' words, so it holds no personal data "
                    "and may be circulated.", italic=True)
    paper.heading("Summary")
    paper.paragraph(summary_text(a))
    missing = missing_text(a)
    if missing:
        paper.paragraph(missing)
    _crime(paper, a)
    _indicators(paper, a)
    _delivery(paper, a)
    _ranking(paper, a)
    return paper


def summary_text(a: Assessment) -> str:
    """The assessment in plain English: what it ranks, and what leads."""
    s = a.plan.settings
    said = [f"The {s.partnership} carried out this strategic assessment in {a.year} to set the priorities of its "
            "next Strategy & Action Plan."]
    if a.ranked:
        first = [r.candidate.name for r in a.ranked if r.rank == 1]
        said.append(f"The partnership scored {count(len(a.ranked), 'candidate priority', 'candidate priorities')} "
                    f"on {count(len(a.criteria), 'weighted criterion', 'weighted criteria')}; "
                    f"{listing(first)} ranked first.")
        moved = [r for r in a.ranked if change_text(r.rank, _last(a).get(r.candidate.id), bool(a.last_ranked))
                 not in ("", "Same")]
        if a.last_ranked:
            said.append(f"{count(len(moved), 'priority', 'priorities')} moved from last year's ranking."
                        if moved else "The ranking is the same as last year's.")
    else:
        said.append("The priorities have not been scored yet, so they are not ranked.")
    if a.crime is not None:
        rising = [r.crime_type for r in a.crime.rows if r.trend == "Rising"]
        falling = [r.crime_type for r in a.crime.rows if r.trend == "Falling"]
        end = a.crime.quarter.end
        parts = [f"{listing(rising)} rose" if rising else "", f"{listing(falling)} fell" if falling else ""]
        parts = [p for p in parts if p]
        if parts:
            said.append(f"Over the three years to {end:%B} {end.year}, recorded {'; '.join(parts)}.")
    return " ".join(said)


def missing_text(a: Assessment) -> str:
    """What the assessment lacks, and whose it is: '' when nothing is missing."""
    missing = [f"{i.text} ({i.missing})" for i in a.indicators if i.missing]
    if a.crime is not None and a.crime.missing:
        missing.append("police.uk's crime figures for " + listing(month_ranges(a.crime.missing)))
    if a.crime is None and a.no_crime:
        return a.no_crime + (f" Also missing: {'; '.join(missing)}." if missing else "")
    return f"Missing from this assessment: {'; '.join(missing)}." if missing else ""


def month_ranges(months: Sequence[str]) -> list[str]:
    """``January 2021 to March 2022``, ``May 2023``: consecutive months (``2021-01``) said as one range."""
    runs: list[list[str]] = []
    for month in sorted(months):
        year, number = int(month[:4]), int(month[5:7])
        previous = f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"
        if runs and runs[-1][-1] == previous:
            runs[-1].append(month)
        else:
            runs.append([month])
    return [month_text(run[0]) if len(run) == 1 else f"{month_text(run[0])} to {month_text(run[-1])}" for run in runs]


def _crime(paper: Paper, a: Assessment) -> None:
    paper.heading("Crime recorded by the police")
    if a.crime is None:
        paper.paragraph(a.no_crime)
        paper.landscape()  # the indicators' table that follows is wide
        return
    c = a.crime
    labels = year_labels(a)
    paper.paragraph(f"Crimes recorded by the police in {c.area} (police.uk open data, indicative), in the three years "
                    f"to the end of {c.quarter.label}; the latest quarter beside the same quarter a year before; and "
                    + (f"the rate per 1,000 of the district's {c.population:,} residents over the latest twelve months."
                       if c.population else "no rate per 1,000 residents, since the plan does not give the district's "
                                            "population."))
    shown = {r.crime_type: r.years for r in c.rows if any(v for v in r.years)}
    if shown:
        paper.picture(years_chart(shown, labels, width_mm=170))
    paper.landscape()
    paper.table(("Crime type", "Priority", *labels, "Trend", "This quarter", "Same quarter last year",
                 "Rate per 1,000"),
                [(r.crime_type, r.priority or "None", *(_n(v) for v in r.years), r.trend or "not known", _n(r.quarter),
                  _n(r.same_quarter_last_year), f"{r.rate:.2f}" if r.rate is not None else "") for r in c.rows],
                (22, 24, 10, 10, 10, 8, 8, 9, 8))
    paper.paragraph("A trend is Rising or Falling when the latest twelve months differ from the first by more than 5%, "
                    "and Steady otherwise; 'not available' marks a count with a month police.uk's files have not "
                    "given, never counted as none.", italic=True)


def _indicators(paper: Paper, a: Assessment) -> None:
    paper.heading("The partners' indicators")
    if not a.indicators:
        paper.paragraph("The plan lists no indicators for partners to supply.")
        return
    paper.paragraph("Each indicator over the three years to September, as its supplier sent it for this assessment: "
                    "a count is the year's quarters added up, a percentage or a rate their average; a year with a "
                    "quarter missing is not totalled, and what is missing is said with whose it is.", italic=True)
    paper.table(("Indicator", "Supplied by", "Priorities it informs", *a.indicator_years, "Trend", "Missing"),
                [(i.text, i.supplier, "; ".join(i.priorities) or "None", *(_figure(v, i.unit) for v in i.years),
                  i.trend or "not known", i.missing[:1].upper() + i.missing[1:] if i.missing else "Nothing")
                 for i in a.indicators], (22, 14, 16, 8, 8, 8, 7, 17))
    paper.portrait()


def _figure(value: float | None, unit: str) -> str:
    from ..measures import figure_text

    return "not available" if value is None else figure_text(value, unit)


def _delivery(paper: Paper, a: Assessment) -> None:
    paper.heading(f"Delivery of the plan for {a.year}")
    paper.paragraph(f"Each priority's actions by their latest status, and its success measures by their latest "
                    f"judgement, as of {day_text(a.as_of)}.")
    paper.table(("Priority", "Actions", "Completed", "Completed or on track", "Measures with a target",
                 "Meeting their target"),
                [(d.priority, str(d.actions), str(d.completed), str(d.on_schedule), str(d.measures), str(d.met))
                 for d in a.delivery], (40, 10, 11, 13, 13, 13))


def _ranking(paper: Paper, a: Assessment) -> None:
    paper.heading("The priorities ranked")
    criteria = a.criteria
    paper.paragraph("The partnership scored each candidate priority from 1 (low) to 5 (high) on each criterion; a "
                    "candidate's weighted score is each score times its criterion's weight, added up. Equal scores "
                    "share a rank.")
    paper.table(("Criterion", "Weight", "What a high score means"),
                [(c.name, f"{c.weight:g}", c.guide) for c in criteria], (30, 10, 60))
    if not a.ranked:
        paper.paragraph("The workshop's scores have not been read in yet, so the priorities are not ranked.")
        return
    last = _last(a)
    before = ("Since last year",) if a.last_ranked else ()
    paper.landscape()
    paper.paragraph(f"The scores the partnership's workshop gave, read from {a.scored_from}"
                    + ("; beside each, how its rank moved since last year's assessment." if a.last_ranked
                       else "; last year's assessment was not scored here, so no change is shown."), italic=True)
    paper.table(("Rank", "Candidate priority", *(c.name for c in criteria), "Weighted score", *before),
                [(str(r.rank), r.candidate.name, *(str(r.candidate.scores[c.name]) for c in criteria), f"{r.total:g}",
                  *((change_text(r.rank, last.get(r.candidate.id), True),) if a.last_ranked else ()))
                 for r in a.ranked], (6, 40, *(10 for _ in criteria), 9, *((10,) if a.last_ranked else ())))


def _last(a: Assessment) -> dict[str, int]:
    return {r.candidate.id: r.rank for r in a.last_ranked}
