"""What the pages show, kept while the workspace is unchanged: a county's quarter takes half a second to
see, and a coordinator opens the same pages again and again between two changes.

Each view is kept under the workspace's stamp (its plan's and register's files, their sizes and when they
were written) and today's date, so anything that writes to the workspace (a job of the page's, a command
run beside it) or the turn of a day makes it seen afresh. After each job, and when the page starts, the
views a coordinator opens next are seen in the background, so the page answers at once.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from ..errors import CspxlError
from ..master.view import Monitoring, period_view
from ..periods import Period
from ..plan import Plan, read_plan
from ..problems import Problem, Report, problem
from ..workspace import PLAN_FILE, Workspace
from ..year.overview import Overview, year_overview

T = TypeVar("T")
log = logging.getLogger(__name__)


class Views:
    """The views of one workspace, each kept until the workspace or the day changes."""

    def __init__(self, workspace: Workspace, keep: int = 16) -> None:
        self.workspace = workspace
        self._kept: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._seeing: dict[tuple[Any, ...], threading.Event] = {}
        self._lock = threading.Lock()
        self._keep = keep

    def _get(self, what: tuple[Any, ...], see: Callable[[], T]) -> T:
        """The view kept under ``what`` for the workspace as it stands today; seen now if it is not kept, or
        awaited if another thread (the background, another tab) is seeing it already."""
        key = (*what, self.workspace.stamp(), date.today())
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                found: T = self._kept[key]
                return found
            seeing = self._seeing.get(key)
            if seeing is None:
                self._seeing[key] = threading.Event()
        if seeing is not None:
            seeing.wait(60)
            with self._lock:
                if key in self._kept:
                    awaited: T = self._kept[key]
                    return awaited
            return self._get(what, see)  # the other failed, or the workspace changed meanwhile: see it here
        try:
            seen = see()
            with self._lock:
                self._kept[key] = seen
                while len(self._kept) > self._keep:
                    self._kept.popitem(last=False)
            return seen
        finally:
            with self._lock:
                self._seeing.pop(key).set()

    def overview(self) -> Overview:
        return self._get(("overview",), lambda: year_overview(self.workspace))

    def period(self, period: Period) -> Monitoring:
        """The quarter as ``cspxl status`` sees it (as of today, or the day it was closed on)."""
        return self._get(("period", str(period)), lambda: period_view(self.workspace, period, None, history=False))

    def plan_check(self) -> tuple[Plan | None, Report | None, list[Problem]]:
        """``check``'s result for the workspace's plan: the plan (``None`` with an error), its problems, and
        what it changes for each quarter generated from another plan (as ``check`` says it)."""
        if not self.workspace.plan_path.is_file():
            return None, None, []
        return self._get(("plan",), self._check)

    def _check(self) -> tuple[Plan | None, Report | None, list[Problem]]:
        ws = self.workspace
        plan, report = read_plan(ws.plan_path)
        changes = []
        if plan is not None and ws.register_path.is_file():
            changes = [problem("period-plan-differs", file=PLAN_FILE, value=period, changes=c.describe())
                       for period, c in ws.period_plan_changes(plan).items()]
        return plan, report, changes

    def warm(self) -> None:
        """See, in the background, what a coordinator opens next: the home page, the plan and the current quarter."""
        threading.Thread(target=self._warm, name="cspxl views", daemon=True).start()

    def _warm(self) -> None:
        try:
            self.plan_check()
            seen = self.overview()
            if seen.current is not None:
                self.period(seen.current)
        except CspxlError:
            pass  # a plan with errors: each page says so when it is opened
        except Exception:  # noqa: BLE001 - warming is a courtesy; the page itself shows any fault
            log.exception("seeing the workspace in the background failed")
