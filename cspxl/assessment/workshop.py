"""The workshop's scores read back into the register: the file kept in the archive, its scoring recorded.

A file with any problem records nothing; its problems are given back, each at its cell.  The file is
never changed.  A later file for the same year is the year's scoring from then on; the earlier stays
recorded.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..periods import FinancialYear, fy_label
from ..problems import Report
from ..register.scorings import record_scoring
from ..workspace import Workspace
from .scoring import Scoring, read_scoring


def record_scores(workspace: Workspace, year: FinancialYear, path: Path,
                  recorded_at: datetime | None = None) -> tuple[Scoring | None, Report]:
    """Read the Scoring sheet of ``path`` for the assessment of the financial year starting in ``year`` and,
    if it has no error, record it: the scoring (``None`` when nothing was recorded) and every problem."""
    plan = workspace.plan  # the criteria and candidates as the plan stands (those of a quarter's kept plan are older)
    content = Path(path).read_bytes()
    scoring, report = read_scoring(Path(path), plan, fy_label(year))
    if scoring is None:
        return None, report
    with workspace.register() as register:
        record_scoring(register, year, Path(path).name, content, scoring.model_dump_json(),
                       recorded_at or datetime.now().replace(microsecond=0))
    return scoring, report
