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

from typing import TYPE_CHECKING, Any

from ._version import __version__

# Where each name of the API lives.  They load on first use (PEP 562), so `cspxl --help` does not
# wait for pydantic, openpyxl and XlsxWriter to import.
_HOMES: dict[str, tuple[str, ...]] = {
    "assessment": ("Assessment", "strategic_assessment"),
    "assessment.workshop": ("record_scores",),
    "errors": ("CspxlError", "PlanError", "RegisterError", "UsageError", "WorkspaceError", "WriteError"),
    "identity": ("Identity",),
    "master.view": ("ActionState", "Monitoring", "ReturnState", "monitor", "period_view", "redacted"),
    "master.workbook": ("consolidate", "write_master"),
    "periods": ("AssessmentRound", "FinancialYear", "Period", "parse_assessment", "parse_financial_year", "parse_period",
                "period_of"),
    "plan": ("Action", "Committee", "Criterion", "Indicator", "Partner", "Plan", "Priority", "Recommendation", "Settings",
             "load_plan", "read_plan"),
    "plan.workbook": ("write_blank_plan", "write_plan_workbook"),
    "problems": ("CATALOGUE", "Problem", "Report", "Severity"),
    "recommendations.action_plan": ("write_action_plan",),
    "recommendations.board": ("reopen_recommendation", "signoff"),
    "recommendations.tracking": ("RecommendationState", "recommendation_states"),
    "register": ("Answer", "Register", "Submission", "SubmissionRecord"),
    "report": ("quarter_paper", "write_plan_report", "write_quarter_committee_report", "write_quarter_report",
               "write_year_committee_report", "write_year_report", "year_paper"),
    "report.assessment": ("write_assessment",),
    "returns.assessment": ("generate_assessment",),
    "report.closing": ("close_period", "reopen_period"),
    "returns.corrections": ("feedback",),
    "returns.check": ("check_return", "read_return"),
    "returns.receive": ("FileOutcome", "IngestResult", "ingest"),
    "returns.issue": ("generate",),
    "returns.workbook": ("write_return",),
    "screening": ("Finding", "Screener", "redact", "screen"),
    "workspace": ("Workspace", "example_plan_path", "init_workspace"),
    "year.overview": ("Overview", "year_overview"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}

if TYPE_CHECKING:  # what type checkers and editors see: the eager imports the lazy loading stands for
    from .assessment import Assessment, strategic_assessment
    from .assessment.workshop import record_scores
    from .errors import CspxlError, PlanError, RegisterError, UsageError, WorkspaceError, WriteError
    from .identity import Identity
    from .master.view import ActionState, Monitoring, ReturnState, monitor, period_view, redacted
    from .master.workbook import consolidate, write_master
    from .periods import (
        AssessmentRound,
        FinancialYear,
        Period,
        parse_assessment,
        parse_financial_year,
        parse_period,
        period_of,
    )
    from .plan import (
        Action,
        Committee,
        Criterion,
        Indicator,
        Partner,
        Plan,
        Priority,
        Recommendation,
        Settings,
        load_plan,
        read_plan,
    )
    from .plan.workbook import write_blank_plan, write_plan_workbook
    from .problems import CATALOGUE, Problem, Report, Severity
    from .recommendations.action_plan import write_action_plan
    from .recommendations.board import reopen_recommendation, signoff
    from .recommendations.tracking import RecommendationState, recommendation_states
    from .register import Answer, Register, Submission, SubmissionRecord
    from .report import (
        quarter_paper,
        write_plan_report,
        write_quarter_committee_report,
        write_quarter_report,
        write_year_committee_report,
        write_year_report,
        year_paper,
    )
    from .report.assessment import write_assessment
    from .report.closing import close_period, reopen_period
    from .returns.assessment import generate_assessment
    from .returns.check import check_return, read_return
    from .returns.corrections import feedback
    from .returns.issue import generate
    from .returns.receive import FileOutcome, IngestResult, ingest
    from .returns.workbook import write_return
    from .screening import Finding, Screener, redact, screen
    from .workspace import Workspace, example_plan_path, init_workspace
    from .year.overview import Overview, year_overview


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'cspxl' has no attribute {name!r}")
    from ._loading import load  # safe under a test's fake clock (see there)

    value = getattr(load(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The names loaded so far (``__all__`` lists them all).

    Listing a name not yet loaded would load it for whoever walks the listing: freezegun's
    ``freeze_time`` reads every attribute ``dir()`` gives of every module, so cspxl's modules would
    be imported under its fake clock and their pydantic models built around its fake date class.
    """
    return sorted(globals())


__all__ = [
    "Action",
    "ActionState",
    "Answer",
    "Assessment",
    "AssessmentRound",
    "CATALOGUE",
    "Committee",
    "Criterion",
    "CspxlError",
    "FileOutcome",
    "FinancialYear",
    "Finding",
    "Identity",
    "Indicator",
    "IngestResult",
    "Monitoring",
    "Overview",
    "Partner",
    "Period",
    "Plan",
    "PlanError",
    "RegisterError",
    "Priority",
    "Problem",
    "Recommendation",
    "RecommendationState",
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
    "close_period",
    "consolidate",
    "example_plan_path",
    "feedback",
    "generate",
    "generate_assessment",
    "ingest",
    "init_workspace",
    "load_plan",
    "monitor",
    "parse_assessment",
    "parse_financial_year",
    "parse_period",
    "period_of",
    "period_view",
    "quarter_paper",
    "read_plan",
    "read_return",
    "recommendation_states",
    "record_scores",
    "redact",
    "redacted",
    "reopen_period",
    "reopen_recommendation",
    "screen",
    "signoff",
    "strategic_assessment",
    "write_action_plan",
    "write_assessment",
    "write_blank_plan",
    "write_master",
    "write_plan_report",
    "write_plan_workbook",
    "write_quarter_committee_report",
    "write_quarter_report",
    "write_return",
    "write_year_committee_report",
    "write_year_report",
    "year_overview",
    "year_paper",
]
