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

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .answers import Answer, Submission, SubmissionRecord
    from .errors import CspxlError, PlanError, UsageError, WorkspaceError, WriteError
    from .identity import Identity
    from .ingest import FileOutcome, IngestResult, ingest, read_return
    from .master import consolidate, write_master
    from .monitor import ActionState, Monitoring, ReturnState, monitor
    from .periods import Period, parse_period, period_of
    from .plan import Action, Partner, Plan, Priority, Settings, load_plan, read_plan
    from .planbook import write_blank_plan, write_plan_workbook
    from .problems import CATALOGUE, Problem, Report, Severity
    from .register import Register
    from .returns import generate, write_return
    from .workspace import Workspace, example_plan_path, init_workspace

# Heavy modules (openpyxl, XlsxWriter) load on first use, so `cspxl --help` starts quickly.
_WHERE: dict[str, str] = {
    "Answer": "answers",
    "Submission": "answers",
    "SubmissionRecord": "answers",
    "CspxlError": "errors",
    "PlanError": "errors",
    "UsageError": "errors",
    "WorkspaceError": "errors",
    "WriteError": "errors",
    "Identity": "identity",
    "FileOutcome": "ingest",
    "IngestResult": "ingest",
    "ingest": "ingest",
    "read_return": "ingest",
    "consolidate": "master",
    "write_master": "master",
    "ActionState": "monitor",
    "Monitoring": "monitor",
    "ReturnState": "monitor",
    "monitor": "monitor",
    "Period": "periods",
    "parse_period": "periods",
    "period_of": "periods",
    "Action": "plan",
    "Partner": "plan",
    "Plan": "plan",
    "Priority": "plan",
    "Settings": "plan",
    "load_plan": "plan",
    "read_plan": "plan",
    "write_blank_plan": "planbook",
    "write_plan_workbook": "planbook",
    "CATALOGUE": "problems",
    "Problem": "problems",
    "Report": "problems",
    "Severity": "problems",
    "Register": "register",
    "generate": "returns",
    "write_return": "returns",
    "Workspace": "workspace",
    "example_plan_path": "workspace",
    "init_workspace": "workspace",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'cspxl' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

__all__ = [
    "CATALOGUE",
    "Action",
    "ActionState",
    "Answer",
    "CspxlError",
    "FileOutcome",
    "Identity",
    "IngestResult",
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
    "Settings",
    "Severity",
    "Submission",
    "SubmissionRecord",
    "UsageError",
    "Workspace",
    "WorkspaceError",
    "WriteError",
    "__version__",
    "consolidate",
    "example_plan_path",
    "generate",
    "ingest",
    "init_workspace",
    "load_plan",
    "monitor",
    "parse_period",
    "period_of",
    "read_plan",
    "read_return",
    "write_blank_plan",
    "write_master",
    "write_plan_workbook",
    "write_return",
]
