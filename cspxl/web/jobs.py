"""One job at a time that writes to the workspace: generating, ingesting, writing papers, closing.

A job runs in a thread of its own so that the page can show its progress; a second one asked for while
one runs is refused with what is running, so two tabs never write the register at once.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..errors import Busy, CspxlError

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What a job says when it is done: sentences, files to open, and each file's verdict for an ingest."""

    lines: list[str] = field(default_factory=list)
    #: Files written, by their name in the workspace (see :meth:`~cspxl.workspace.Workspace.written_files`).
    files: list[str] = field(default_factory=list)
    #: Each file read: the name it came under, its verdict, whose return and for when, and its problems.
    verdicts: list[object] = field(default_factory=list)
    #: Problems to list with their place and fix (a plan's).
    problems: list[object] = field(default_factory=list)
    failed: bool = False


@dataclass
class Job:
    id: str
    title: str
    #: Where to go back to when it is done.
    back: str
    started: datetime = field(default_factory=datetime.now)
    done: int = 0
    total: int = 0
    finished: bool = False
    error: str = ""
    outcome: Outcome = field(default_factory=Outcome)

    def progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total


class Jobs:
    """The jobs of one server: at most one running; the finished ones kept to be shown."""

    def __init__(self, keep: int = 50, after: Callable[[], None] | None = None) -> None:
        """``after`` is called once each job is done (the page sees the changed workspace afresh)."""
        self._after = after
        self._lock = threading.Lock()
        self._running: Job | None = None
        self._jobs: dict[str, Job] = {}
        self._keep = keep

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    @property
    def running(self) -> Job | None:
        return self._running

    def start(self, title: str, back: str, work: Callable[[Job], None], wait: float = 2.0) -> Job:
        """Run ``work`` in a thread as the one job; raise :class:`Busy` if another runs.

        Waits up to ``wait`` seconds, so that a quick job's page shows its outcome at once.
        """
        with self._lock:
            if self._running is not None:
                raise Busy(self._running.title, self._running)
            job = Job(id=uuid.uuid4().hex, title=title, back=back)
            self._running = job
            self._jobs[job.id] = job
            while len(self._jobs) > self._keep:
                del self._jobs[next(iter(self._jobs))]
        thread = threading.Thread(target=self._run, args=(job, work), name=f"cspxl job {title}", daemon=True)
        thread.start()
        thread.join(wait)
        return job

    def _run(self, job: Job, work: Callable[[Job], None]) -> None:
        try:
            work(job)
        except CspxlError as exc:
            job.error = str(exc)
            job.outcome.failed = True
        except SystemExit as exc:  # a library call never exits, but a stray one must not kill the server
            job.error = f"the job stopped ({exc.code})."
            job.outcome.failed = True
        except Exception as exc:  # noqa: BLE001 - shown in one sentence, logged in full for whoever looks
            log.exception("job %s failed", job.title)
            job.error = (f"cspxl could not finish: {type(exc).__name__}: {exc}. Nothing half-written was kept; "
                         "the terminal where 'cspxl serve' runs shows the details.")
            job.outcome.failed = True
        finally:
            job.finished = True
            with self._lock:
                self._running = None
            if self._after is not None:
                self._after()


def printed(job: Job, written: list[Path]) -> None:
    """Each Word document of ``written`` also printed to PDF (added to ``written``), or one sentence on why not."""
    from ..report.pdf import no_pdf_sentence, soffice, to_pdf

    docs = [p for p in written if p.suffix == ".docx"]
    program = soffice()
    if program is None:
        if docs:
            job.outcome.lines.append(no_pdf_sentence(docs[0]))
        return
    written += [to_pdf(doc, program) for doc in docs]
