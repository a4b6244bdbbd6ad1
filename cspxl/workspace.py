"""Where a workspace keeps its plan, signing key, register, archive and the workbooks it makes.

::

    plan.xlsx              the plan workbook (the coordinator edits it in Excel)
    key/signing.key        the secret that signs returns (owner-only; back it up, never share it)
    register.sqlite        every submission, row and problem ever ingested
    archive/               every ingested file, unchanged, named by its SHA-256
    returns/2023-24-Q1/    the returns generated for each period
    master/                the consolidated monitoring workbooks
    feedback/2023-24-Q1/   returns sent back to partners for correction
    plans/                 the plan workbooks of finished years, kept at each year end
    reports/               the meeting papers and year-end reports
    drafts/2023-24-Q1/     e-mail drafts (.eml) the page saves for a period
    templates/             the coordinator's own e-mail templates (optional)
"""

from __future__ import annotations

import os
import re
import shutil
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import WorkspaceError
from .identity import new_key, workspace_id
from .periods import AssessmentRound, FinancialYear, Period, ReturnsFor, fy_label

if TYPE_CHECKING:
    from datetime import datetime

    from .plan import Partner, Plan
    from .plan.changes import PlanChanges
    from .problems import Report
    from .register import Register

PLAN_FILE = "plan.xlsx"
KEY_FILE = Path("key") / "signing.key"
REGISTER_FILE = "register.sqlite"
ARCHIVE_DIR = "archive"
RETURNS_DIR = "returns"
MASTER_DIR = "master"
FEEDBACK_DIR = "feedback"
PLANS_DIR = "plans"
REPORTS_DIR = "reports"
DRAFTS_DIR = "drafts"
#: The folders of the files cspxl writes for people to open: what a front end may offer for download.
WRITTEN_DIRS = (RETURNS_DIR, FEEDBACK_DIR, MASTER_DIR, REPORTS_DIR, PLANS_DIR, DRAFTS_DIR)

#: The shipped example plan (Sevenoaks District 2023-24); ``workbooks/`` holds the same file.
EXAMPLE_PLAN = Path(__file__).parent / "data" / "sevenoaks-2023-24-plan.xlsx"
#: Fictional crimes in police.uk's street-level format for the example's area, April 2022 to March 2024
#: (``scripts/make_police_sample.py`` makes it): what ``cspxl demo`` imports.
EXAMPLE_CRIME = Path(__file__).parent / "data" / "police-uk-sample.zip"


def kept_plan(register: Register, period: ReturnsFor) -> Plan | None:
    """The plan the period's returns were last generated from; ``None`` if never generated."""
    version = register.period_plan_version(period)
    return None if version is None else _plan_of_version(register, version)


#: Kept plans already read, by version (a version names one plan's content, in any register): a
#: national plan takes a moment to read, and every file ingested asks for its period's.
_KEPT_PLANS: dict[str, Plan] = {}


def _plan_of_version(register: Register, version: str) -> Plan:
    from .plan import Plan

    if version not in _KEPT_PLANS:
        if len(_KEPT_PLANS) >= 8:
            del _KEPT_PLANS[next(iter(_KEPT_PLANS))]
        _KEPT_PLANS[version] = Plan.model_validate_json(register.kept_plan_json(version))
    return _KEPT_PLANS[version]


def quarter_leads(register: Register, plan: Plan, quarters: Iterable[Period]) -> dict[Period, dict[str, str]]:
    """Each quarter's lead of each action, from the plan the quarter was generated from (``plan`` for
    a quarter never generated): an action may change lead between quarters."""
    return {quarter: {a.id: a.lead for a in (kept_plan(register, quarter) or plan).actions} for quarter in quarters}


def safe_name(text: str, limit: int = 60) -> str:
    """Text fit for a file name on every filesystem: letters, digits and hyphens only (``&`` becomes
    ``and``, apostrophes vanish)."""
    text = text.replace("&", " and ").replace("'", "").replace("\u2019", "")
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")
    return text[:limit].rstrip("-") or "partner"


def example_plan_path() -> Path:
    """Where the shipped example plan workbook is."""
    return EXAMPLE_PLAN


@dataclass(frozen=True)
class Workspace:
    """A coordinator's workspace folder."""

    root: Path

    @property
    def plan_path(self) -> Path:
        return self.root / PLAN_FILE

    @property
    def key_path(self) -> Path:
        return self.root / KEY_FILE

    @property
    def register_path(self) -> Path:
        return self.root / REGISTER_FILE

    @property
    def archive_dir(self) -> Path:
        return self.root / ARCHIVE_DIR

    def returns_dir(self, period: Period | AssessmentRound | None) -> Path:
        """Where the returns generated for ``period`` go (``None``: the folder of all periods)."""
        return self.root / RETURNS_DIR / str(period) if period else self.root / RETURNS_DIR

    def feedback_dir(self, period: Period | AssessmentRound | None) -> Path:
        """Where returns sent back for correction go (``None``: the folder of all periods)."""
        return self.root / FEEDBACK_DIR / str(period) if period else self.root / FEEDBACK_DIR

    @property
    def plans_dir(self) -> Path:
        """Where the plan workbooks of finished years are kept."""
        return self.root / PLANS_DIR

    @property
    def master_dir(self) -> Path:
        return self.root / MASTER_DIR

    @property
    def reports_dir(self) -> Path:
        """Where the meeting papers and the year-end reports go."""
        return self.root / REPORTS_DIR

    def drafts_dir(self, period: ReturnsFor) -> Path:
        """Where the page saves a period's e-mail drafts (the command line writes them where --eml says)."""
        return self.root / DRAFTS_DIR / str(period)

    def written_files(self, folder: str = "") -> dict[str, Path]:
        """The files cspxl wrote for people to open (the plan, returns, feedback, masters, papers, drafts and
        kept plans), by their path in the workspace written with ``/``: never the key, the register or the
        archive. ``folder`` (``returns/2023-24-Q1``) lists only the files under it.

        A front end offers only these for download, and looks a name up here rather than trusting it as a path.
        """
        files = {PLAN_FILE: self.plan_path} if not folder and self.plan_path.is_file() else {}
        top, _, _ = folder.partition("/")
        for part in ([top] if folder else WRITTEN_DIRS):
            if part not in WRITTEN_DIRS or not (self.root / part).is_dir():
                continue
            files.update((p.relative_to(self.root).as_posix(), p) for p in sorted((self.root / part).rglob("*"))
                         if p.is_file() and not p.is_symlink() and not p.name.startswith((".", "~$")))
        prefix = folder.rstrip("/") + "/"
        return {n: p for n, p in files.items() if n.startswith(prefix)} if folder else files

    def stamp(self) -> tuple[tuple[str, int, int], ...]:
        """What changes whenever the plan or the register does: each one's files, with their size and the
        moment they were last written (the register's write-ahead log takes every commit first)."""
        found = []
        for path in (self.plan_path, self.register_path, self.register_path.with_name(f"{REGISTER_FILE}-wal")):
            try:
                st = path.stat()
            except OSError:
                continue
            found.append((path.name, st.st_mtime_ns, st.st_size))
        return tuple(found)

    def replace_plan(self, source: Path) -> tuple[Plan | None, Report, Path | None]:
        """Make the workbook at ``source`` the workspace's plan, if it has no error.

        Returns the plan, every problem found, and where the plan it replaced is kept (in ``plans/``,
        named for the moment it was replaced); with an error, nothing changes and the plan is ``None``.
        """
        from datetime import datetime

        from .plan import read_plan

        plan, report = read_plan(source)
        if plan is None or not report.ok:
            return None, report, None
        kept: Path | None = None
        if self.plan_path.is_file():
            self.plans_dir.mkdir(exist_ok=True)
            kept = self.plans_dir / f"plan replaced {datetime.now():%Y-%m-%d %H%M%S}.xlsx"
            shutil.copyfile(self.plan_path, kept)
        tmp = self.plan_path.with_name(f".{PLAN_FILE}.{os.getpid()}.tmp")
        shutil.copyfile(source, tmp)
        os.replace(tmp, self.plan_path)
        return plan, report, kept

    @property
    def own_folders(self) -> list[Path]:
        """cspxl's own files and folders, skipped when the workspace itself is ingested."""
        return [self.plan_path, self.archive_dir, self.master_dir, self.returns_dir(None), self.key_path.parent,
                self.feedback_dir(None), self.plans_dir, self.reports_dir,
                self.root / DRAFTS_DIR]

    @property
    def key(self) -> bytes:
        """The signing key; a clear error if it is missing or damaged."""
        try:
            text = self.key_path.read_text(encoding="ascii").strip()
            key = bytes.fromhex(text)
        except FileNotFoundError as exc:
            raise WorkspaceError(
                f"{self.root} has no signing key ({KEY_FILE}); "
                "restore it from your back-up, or run 'cspxl init' for a new workspace."
            ) from exc
        except (ValueError, UnicodeDecodeError) as exc:
            raise WorkspaceError(f"the signing key {self.key_path} is damaged; restore it from your back-up.") from exc
        if len(key) < 16:
            raise WorkspaceError(f"the signing key {self.key_path} is too short; restore it from your back-up.")
        return key

    @property
    def id(self) -> str:
        return workspace_id(self.key)

    @property
    def plan(self) -> Plan:
        """The plan workbook as it stands, checked (:class:`~cspxl.errors.PlanError` if it has errors)."""
        from .plan import load_plan

        return load_plan(self.require().plan_path)

    def finished_plan(self, year: FinancialYear) -> Plan | None:
        """A finished ``year``'s plan as the rollover kept its workbook in ``plans/`` at the year's end (the last
        kept, when it was kept more than once); ``None`` before that year was rolled over here, or when the
        workbook kept no longer reads as a plan."""
        label = fy_label(year)
        kept = [p for p in self.plans_dir.glob(f"plan {label}*.xlsx")
                if p.name == f"plan {label}.xlsx" or p.stem.startswith(f"plan {label} (")]
        if not kept:
            return None
        from .errors import CspxlError
        from .plan import load_plan

        try:
            return load_plan(max(kept, key=lambda p: (len(p.name), p.name)))
        except CspxlError:
            return None

    def plan_for(self, period: ReturnsFor) -> Plan:
        """The plan a period is judged against: the one its returns were last generated from, whatever has
        become of ``plan.xlsx`` since; for a period never generated, the plan as it stands."""
        self.require()
        with self.register(readonly=True) as register:
            kept = kept_plan(register, period)
        return kept if kept is not None else self.plan_to_generate(period)

    def plan_to_generate(self, period: ReturnsFor) -> Plan:
        """The plan as it stands, to generate a period's returns from: refused unless the period is in its year."""
        plan = self.plan
        plan.check_period(period)
        return plan

    def period_plan_changes(self, plan: Plan) -> dict[str, PlanChanges]:
        """Each period of ``plan``'s year generated from another plan, and how ``plan`` differs from it."""
        from .plan.changes import plan_changes

        with self.register(readonly=True) as register:
            kept = {str(period): kept_plan(register, period) for period, version in register.period_plan_versions().items()
                    if version != plan.version and isinstance(period, Period)
                    and period.financial_year == plan.settings.financial_year}
        return {period: plan_changes(old, plan) for period, old in kept.items() if old is not None}

    def register(self, readonly: bool = False) -> Register:
        """The workspace's register (use it in a ``with`` block, which closes it)."""
        from .register import Register

        return Register(self.register_path, self.archive_dir, readonly=readonly)

    def require(self) -> Workspace:
        """Check this is a workspace (plan and key present) before a command relies on it."""
        if not self.plan_path.is_file():
            raise WorkspaceError(
                f"{self.root} is not a cspxl workspace (no {PLAN_FILE}); run 'cspxl init DIR' or pass --workspace DIR."
            )
        _ = self.key
        return self


def init_workspace(root: Path, plan_source: Path | None = None, partnership: str = "") -> Workspace:
    """Make a new workspace at ``root`` with a fresh signing key and a plan workbook.

    ``plan_source`` is copied as the plan; without it a blank plan workbook is written (for the
    ``partnership`` named, if given).  Refuses a folder that already holds a workspace, so a key is
    never overwritten.
    """
    from .plan.workbook import write_blank_plan  # the writer is only needed here

    ws = Workspace(Path(root))
    if ws.key_path.exists() or ws.plan_path.exists():
        raise WorkspaceError(f"{ws.root} already holds a cspxl workspace; choose an empty folder.")
    ws.root.mkdir(parents=True, exist_ok=True)
    ws.key_path.parent.mkdir(mode=0o700, exist_ok=True)
    os.chmod(ws.key_path.parent, 0o700)
    fd = os.open(ws.key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(new_key().hex() + "\n")
    if plan_source is not None:
        shutil.copyfile(plan_source, ws.plan_path)
    else:
        write_blank_plan(ws.plan_path, partnership)
    return ws


def expected_partners(plan: Plan, register: Register, period: Period, until: datetime | None = None) -> list[Partner]:
    """Who is expected to send a return for a quarter: every partner the plan gives an action, a measure or an open
    recommendation; and one with only a recommendation the board has signed off since its return was issued."""
    from .register.recommendations import closed_recommendations

    closed = closed_recommendations(register, until)
    if not closed:
        return plan.partners_returning()
    issued = register.issued_partners(period)
    still = {p.id for p in plan.partners_returning(closed)}
    return [p for p in plan.partners_returning() if p.id in still or p.id in issued]
