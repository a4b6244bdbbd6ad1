"""The few exceptions cspxl raises to stop a command.

Problems in what people typed are not exceptions: they are :class:`cspxl.problems.Problem`
records collected in a report.  An exception means the command cannot go on at all.
"""

from __future__ import annotations


class CspxlError(Exception):
    """Base class: a one-sentence message fit to show a coordinator as it is."""


class UsageError(CspxlError, ValueError):
    """A command was given something it cannot use (a bad period, a missing folder)."""


class PlanError(CspxlError):
    """The plan workbook has errors, so nothing may be generated or consolidated from it."""

    def __init__(self, message: str, report: object | None = None) -> None:
        super().__init__(message)
        self.report = report


class WorkspaceError(CspxlError):
    """The workspace is missing a part it needs (plan, key, register) or is not a workspace."""


class WriteError(CspxlError):
    """A workbook could not be written without losing something (XlsxWriter signalled a loss)."""
