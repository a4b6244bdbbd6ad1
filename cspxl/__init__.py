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

from .answers import Answer, Submission, SubmissionRecord
from .errors import CspxlError, PlanError, UsageError, WorkspaceError, WriteError
from .feedback import feedback
from .identity import Identity
from .ingest import FileOutcome, IngestResult, check_return, ingest, read_return
from .master import consolidate, write_master
from .monitor import ActionState, Monitoring, ReturnState, monitor, period_view
from .periods import Period, parse_period, period_of
from .plan import Action, Partner, Plan, Priority, Settings, load_plan, read_plan
from .planbook import write_blank_plan, write_plan_workbook
from .problems import CATALOGUE, Problem, Report, Severity
from .register import Register
from .returns import generate, write_return
from .workspace import Workspace, example_plan_path, init_workspace

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
    "write_blank_plan",
    "write_master",
    "write_plan_workbook",
    "write_return",
]
