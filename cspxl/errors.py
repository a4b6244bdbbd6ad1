"""Every exception cspxl raises, each with when it is raised.

Problems in what people typed are not exceptions: they are :class:`cspxl.problems.Problem`
records collected in a report.  An exception means a command cannot go on at all, or (the private
ones at the end) one reader hands a file on to the next.
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


class RegisterError(CspxlError):
    """The register could not be read or written while a command used it (its file locked, full or damaged)."""


class WriteError(CspxlError):
    """A workbook could not be written without losing something (XlsxWriter signalled a loss)."""


class ReadError(CspxlError):
    """The file is not a workbook that can be read; the message completes "the file …".

    ``advice`` says what the partner (or coordinator) should do about it.
    """

    def __init__(self, message: str, advice: str = "") -> None:
        super().__init__(message)
        self.advice = advice or "ask the partner to save it as an Excel workbook (.xlsx) and send it again"


class Crafted(ReadError):
    """The file does what no spreadsheet program writes (entity declarations): refused, never read another way."""


class SandboxError(CspxlError):
    """The worker processes cannot run at all, so no file can be blamed for a crash."""


class MailError(CspxlError):
    """The SMTP server could not be used at all (refused, TLS, login): nothing more can be sent."""


class IdentityFailure(Exception):
    """Why an identity was not accepted: ``code`` is a problem code, ``value`` fills its template."""

    def __init__(self, code: str, value: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.value = value


class Unusual(Exception):
    """The .xlsx is valid but not one the fast reader handles exactly; read it with openpyxl."""


class TooManyCells(Exception):
    """An .xls holds more cells than any return, counting formatted blanks: read it again without formats."""


class OutOfTime(BaseException):
    """A file used up its processor time.  A BaseException, as KeyboardInterrupt is, so that no
    reader's ``except Exception`` can swallow it."""


class OutOfMemory(Exception):
    """A worker went past its memory limit and was ended by the coordinating process (where the kernel
    keeps no such limit for it)."""


class Busy(CspxlError):
    """The page's one job that writes to the workspace is running; another must wait for it."""

    def __init__(self, title: str, job: object) -> None:
        super().__init__(f"'{title}' is still running; wait for it to finish, then ask again.")
        self.job = job
