"""The assessment's scoring: each candidate priority scored on weighted criteria, and the ranking it gives.

The partnership scores the candidates at its workshop on the assessment workbook's ``Scoring`` sheet:
the plan's priorities, and any new candidate the workshop adds in the empty rows, each scored 1 to 5
on each criterion of the plan (or the default criteria).  cspxl reads the sheet back, every problem
at its cell, and ranks the candidates by their weighted total: the higher, the higher the rank; equal
totals share a rank (``1, 2, 2, 4``) and are listed in the plan's order.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..cells import a1, clean_text, parse_number
from ..errors import ReadError
from ..plan import Criterion, Plan
from ..plan.models import TOP_SCORE
from ..problems import Report, problem
from ..spreadsheets import Sheet, read_workbook

SCORING_SHEET = "Scoring"
ID_HEADER, NAME_HEADER, TOTAL_HEADER = "Priority ID", "Candidate priority", "Weighted score"
#: Where the sheet says which assessment it is for: the workshop's file is checked against it.
YEAR_CELL = (2, 2)
#: Empty rows the sheet offers for candidates the workshop adds.
NEW_ROWS = 5
#: The row of the sheet's headers (the title and the year are above it, the weights just below).
HEADER_ROW = 4


class Candidate(BaseModel):
    """A candidate priority and its score on each criterion, by the criterion's name."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    scores: dict[str, int]


class Scoring(BaseModel):
    """A year's scoring: the criteria it was scored on and each candidate's scores."""

    model_config = ConfigDict(frozen=True)

    year: str
    criteria: tuple[Criterion, ...]
    candidates: tuple[Candidate, ...]


class Ranked(BaseModel):
    """A candidate in the ranking: its weighted total and its rank (shared with those of the same total)."""

    model_config = ConfigDict(frozen=True)

    candidate: Candidate
    total: float
    rank: int


def ranking(scoring: Scoring) -> list[Ranked]:
    """The candidates from the highest weighted total to the lowest; equal totals share the higher rank
    and keep the order the scoring lists them in."""
    # Rounded: weights like 0.3 and 0.1 add up to totals that differ in the last bits though they are equal.
    totals = [(round(sum(c.weight * candidate.scores[c.name] for c in scoring.criteria), 6), n, candidate)
              for n, candidate in enumerate(scoring.candidates)]
    ordered = sorted(totals, key=lambda t: (-t[0], t[1]))
    out: list[Ranked] = []
    for position, (total, _, candidate) in enumerate(ordered, start=1):
        rank = out[-1].rank if out and out[-1].total == total else position
        out.append(Ranked(candidate=candidate, total=total, rank=rank))
    return out


def scoring_headers(criteria: Sequence[Criterion]) -> tuple[str, ...]:
    return (ID_HEADER, NAME_HEADER, *(c.name for c in criteria), TOTAL_HEADER)


def read_scoring(path: Path, plan: Plan, year: str) -> tuple[Scoring | None, Report]:
    """The Scoring sheet of the workshop's file, checked against the plan's criteria and ``year``: the scoring
    (``None`` when any error was found) and every problem, each at its cell."""
    report = Report()
    name = Path(path).name
    try:
        book = read_workbook(Path(path))
    except ReadError as exc:
        report.add(problem("scoring-unreadable", file=name, detail=str(exc)))
        return None, report
    sheet = book.sheet(SCORING_SHEET)
    if sheet is None:
        report.add(problem("sheet-missing", file=name, sheet=SCORING_SHEET, name=SCORING_SHEET))
        return None, report
    reader = _ScoringReader(sheet, report, name)
    candidates = reader.read(plan, year)
    if not report.ok or not candidates:
        return None, report
    return Scoring(year=year, criteria=plan.criteria, candidates=tuple(candidates)), report


class _ScoringReader:
    def __init__(self, sheet: Sheet, report: Report, file: str) -> None:
        self.sheet, self.report, self.file = sheet, report, file

    def add(self, code: str, cell: str = "", **values: object) -> None:
        self.report.add(problem(code, file=self.file, sheet=SCORING_SHEET, cell=cell, action="", **values))

    def read(self, plan: Plan, year: str) -> list[Candidate]:
        said = clean_text(self.sheet.value(*YEAR_CELL))
        if said != year:
            self.add("scoring-other-year", a1(*YEAR_CELL), value=said or "no year", year=year)
            return []
        wanted = scoring_headers(plan.criteria)
        header_row, cols = self.sheet.find_header(wanted, within=10)
        missing = [h for h in wanted[:-1] if h not in cols]
        for header in missing:
            self.add("header-missing", a1(header_row or HEADER_ROW, 1), name=SCORING_SHEET, header=header)
        if missing:
            return []
        known = {p.id.casefold(): p for p in plan.priorities}
        seen: dict[str, str] = {}
        out = []
        for r in self.sheet.row_numbers(after=header_row):
            pid = clean_text(self.sheet.value(r, cols[ID_HEADER]))
            name = clean_text(self.sheet.value(r, cols[NAME_HEADER]))
            scores = {c.name: self.sheet.value(r, cols[c.name]) for c in plan.criteria}
            if pid.casefold() == "weight" or not (pid or name or any(clean_text(v) for v in scores.values())):
                continue  # the weights under the headers, or an empty row left for a new candidate
            for what, text, col in (("Priority ID", pid, ID_HEADER), ("Candidate priority", name, NAME_HEADER)):
                if not text:
                    self.add("value-missing", a1(r, cols[col]), what=what)
            if pid and pid.casefold() in seen:
                self.add("id-duplicate", a1(r, cols[ID_HEADER]), what="Priority ID", value=pid, first=seen[pid.casefold()])
            elif pid:
                seen[pid.casefold()] = a1(r, cols[ID_HEADER])
            scored = {c: s for c, value in scores.items()
                      if (s := self._score(a1(r, cols[c]), value, c, name or pid)) is not None}
            if pid and name and len(scored) == len(scores):
                out.append(Candidate(id=known[pid.casefold()].id if pid.casefold() in known else pid,
                                     name=known[pid.casefold()].name if pid.casefold() in known else name,
                                     scores=scored))
        for priority in plan.priorities:
            if priority.id.casefold() not in seen:
                self.add("candidate-missing", value=priority.id, name=priority.name)
        return out

    def _score(self, cell: str, value: object, criterion: str, candidate: str) -> int | None:
        """A score from 1 to the top, or ``None`` with the problem at its cell."""
        text = clean_text(value)
        if not text:
            self.add("score-missing", cell, what=criterion, candidate=candidate)
            return None
        number = parse_number(value)
        if number is None or number != int(number) or not 1 <= number <= TOP_SCORE:
            self.add("score-invalid", cell, value=text, top=TOP_SCORE)
            return None
        return int(number)
