"""Returns uploaded from the page, ingested as one job: each file's verdict and problems shown as it is read.

The same for a quarter's returns and an assessment's data returns: ingest tells them apart by their
identity, never by the page they were added on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..problems import Problem
from ..workspace import Workspace
from .jobs import Job
from .uploads import Uploads

VERDICTS = {"accepted": ("Accepted", "govuk-tag--green"), "held": ("Held", "govuk-tag--yellow"),
            "duplicate": ("Already in", "govuk-tag--blue"), "rejected": ("Rejected", "govuk-tag--red"),
            "skipped": ("Skipped", "govuk-tag--grey")}


@dataclass(frozen=True)
class Verdict:
    """One file of an upload as the page shows it: the name it came under, never the path it was kept at."""

    name: str
    label: str
    colour: str
    who: str
    problems: list[Problem] = field(default_factory=list)


def ingest_job(ws: Workspace, uploads: Uploads, when: datetime | None) -> Callable[[Job], None]:
    """The job that ingests ``uploads`` (received ``when``, default now) and removes them when done."""
    from ..returns.receive import FileOutcome
    from ..returns.receive import ingest as ingest_files

    names = {str(u.path): u.name for u in uploads.files}

    def work(job: Job) -> None:
        job.total = len(uploads.files)

        def verdict(f: FileOutcome) -> None:
            label, colour = VERDICTS[f.outcome]
            if f.outcome == "accepted" and f.errors:  # the rows without an error are taken; the rest wait
                label, colour = f"Accepted; {len(f.errors)} to correct", "govuk-tag--orange"
            who = f"{f.partner} {f.period}".strip()
            shown = [p for p in f.problems if p.code not in ("file-duplicate",)]
            job.outcome.verdicts.append(Verdict(names.get(f.path, Path(f.path).name), label, colour, who, shown))

        with uploads:
            result = ingest_files(ws, [u.path for u in uploads.files], when, on_file=verdict, progress=job.progress)
        counts = ", ".join(f"{result.count(k)} {k}" for k in ("accepted", "held", "duplicate", "rejected", "skipped")
                           if result.count(k))
        job.outcome.lines.append(f"{counts}." if counts else "No files were found.")
        if not result.any_returns:
            job.outcome.lines.append("None of the files was a return.")
        job.outcome.failed = result.failed

    return work
