"""cspxl: a Community Safety Partnership's quarterly monitoring cycle in Excel workbooks.

The documented API; the ``cspxl`` command is a thin layer over it::

    from cspxl import Workspace, init_workspace, parse_period, generate, ingest, consolidate

    ws = init_workspace("csp-2023-24", example_plan_path())
    period = parse_period("2023-24-Q1")
    generate(ws, period)                      # one return workbook per partner
    result = ingest(ws, ["inbox/"])           # whatever came back, any names, any order
    consolidate(ws, period)                   # the master monitoring workbook
"""

from __future__ import annotations

__version__ = "0.1.0"

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

# Where each name of the API lives.  They load on first use (PEP 562), so `cspxl --help` does not
# wait for pydantic, openpyxl and XlsxWriter to import.
_HOMES: dict[str, tuple[str, ...]] = {
    "answers": ("Answer", "Submission", "SubmissionRecord"),
    "errors": ("CspxlError", "PlanError", "UsageError", "WorkspaceError", "WriteError"),
    "feedback": ("feedback",),
    "identity": ("Identity",),
    "ingest": ("FileOutcome", "IngestResult", "check_return", "ingest", "read_return"),
    "master": ("consolidate", "write_master"),
    "monitor": ("ActionState", "Monitoring", "ReturnState", "monitor", "period_view", "redacted"),
    "periods": ("Period", "parse_period", "period_of"),
    "personal": ("Finding", "Screener", "redact", "screen"),
    "plan": ("Action", "Partner", "Plan", "Priority", "Settings", "load_plan", "read_plan"),
    "planbook": ("write_blank_plan", "write_plan_workbook"),
    "problems": ("CATALOGUE", "Problem", "Report", "Severity"),
    "register": ("Register",),
    "returns": ("generate", "write_return"),
    "workspace": ("Workspace", "example_plan_path", "init_workspace"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}

if TYPE_CHECKING:  # what type checkers and editors see: the eager imports the lazy loading stands for
    from .answers import Answer, Submission, SubmissionRecord
    from .errors import CspxlError, PlanError, UsageError, WorkspaceError, WriteError
    from .feedback import feedback
    from .identity import Identity
    from .ingest import FileOutcome, IngestResult, check_return, ingest, read_return
    from .master import consolidate, write_master
    from .monitor import ActionState, Monitoring, ReturnState, monitor, period_view, redacted
    from .periods import Period, parse_period, period_of
    from .personal import Finding, Screener, redact, screen
    from .plan import Action, Partner, Plan, Priority, Settings, load_plan, read_plan
    from .planbook import write_blank_plan, write_plan_workbook
    from .problems import CATALOGUE, Problem, Report, Severity
    from .register import Register
    from .returns import generate, write_return
    from .workspace import Workspace, example_plan_path, init_workspace


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'cspxl' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))


class _Package(types.ModuleType):
    """Importing a submodule sets it as an attribute of its package; where a function of the API has
    the same name (``cspxl.ingest``), the function keeps the name, as it did when it was imported eagerly."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and _HOME.get(name) == name:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "CATALOGUE",
    "Action",
    "ActionState",
    "Answer",
    "CspxlError",
    "FileOutcome",
    "Identity",
    "IngestResult",
    "Finding",
    "Monitoring",
    "Partner",
    "Period",
    "Plan",
    "PlanError",
    "Priority",
    "Problem",
    "Register",
    "Report",
    "ReturnState",
    "Screener",
    "Settings",
    "Severity",
    "Submission",
    "SubmissionRecord",
    "UsageError",
    "Workspace",
    "WorkspaceError",
    "WriteError",
    "__version__",
    "check_return",
    "consolidate",
    "example_plan_path",
    "feedback",
    "generate",
    "ingest",
    "init_workspace",
    "load_plan",
    "monitor",
    "parse_period",
    "period_of",
    "period_view",
    "read_plan",
    "read_return",
    "redact",
    "redacted",
    "screen",
    "write_blank_plan",
    "write_master",
    "write_plan_workbook",
    "write_return",
]
