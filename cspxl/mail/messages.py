"""What cspxl says to partners: e-mail templates rendered with Jinja2, and the messages they make.

Each kind of message (``issue``, ``reminder``, ``feedback``) has a template: a ``Subject:`` line, a
blank line, then the body.  Defaults ship with cspxl; a coordinator overrides them with a file in
the workspace's ``templates/`` folder, or with the plan's ``Settings`` (``Issue email subject``,
``Issue email body`` and so on), which win.
"""

from __future__ import annotations

from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from .._templating import environment
from ..errors import UsageError
from ..periods import AssessmentRound, ReturnsFor
from ..plan import Partner, Plan, Settings

Kind = Literal["issue", "reminder", "feedback"]
TEMPLATES_DIR = "templates"

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def setting_key(kind: Kind, part: str) -> str:
    """The Settings key that overrides one part of a template: ``Issue email subject``."""
    return f"{kind.capitalize()} email {part}"


def templates(kind: Kind, settings: Settings, workspace_root: Path | None,
              assessment: bool = False) -> tuple[str, str, str]:
    """The subject and body templates for a kind of message, and where they came from.  An assessment's data
    round has templates of its own (``assessment_issue.txt`` and so on), which the quarterly Settings do not
    override."""
    source = "cspxl's default"
    name = f"assessment_{kind}.txt" if assessment else f"{kind}.txt"
    own = workspace_root / TEMPLATES_DIR / name if workspace_root else None
    if own is not None and own.is_file():
        text, source = _read_text(own), str(own)
    else:
        text = resources.files("cspxl.mail").joinpath("templates", name).read_text(encoding="utf-8")
    subject, body = _split(text, source)
    overrides = settings.email_templates if not assessment else {}
    if setting_key(kind, "subject") in overrides or setting_key(kind, "body") in overrides:
        source = "the plan's Settings"
    subject = overrides.get(setting_key(kind, "subject"), subject)
    body = overrides.get(setting_key(kind, "body"), body).replace("\r\n", "\n").replace("\r", "\n")
    return subject, body, source


def _read_text(path: Path) -> str:
    """A template as a coordinator saved it: UTF-8 (with or without the mark Notepad puts first), or, failing
    that, Windows' own code page (Notepad's "ANSI"); any line endings."""
    content = path.read_bytes()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split(text: str, source: str) -> tuple[str, str]:
    first, _, rest = text.lstrip("\ufeff").partition("\n")
    if not first.lower().startswith("subject:"):
        raise UsageError(f"the template {source} must start with a 'Subject:' line, then a blank line, then the body.")
    return first.split(":", 1)[1].strip(), rest.lstrip("\n")


def render(kind: Kind, context: dict[str, Any], settings: Settings, workspace_root: Path | None) -> tuple[str, str]:
    """The subject and body of a message, filled in; a template error is one clear sentence."""
    import jinja2

    subject, body, source = templates(kind, settings, workspace_root, bool(context.get("assessment")))
    env = environment()
    try:
        return (" ".join(env.from_string(subject).render(context).split()),
                env.from_string(body).render(context).strip() + "\n")
    except jinja2.TemplateError as exc:
        raise UsageError(f"the {kind} e-mail template from {source} cannot be filled in ({exc}); "
                         f"the names it may use are: {', '.join(sorted(context))}.") from exc


def context(plan: Plan, partner: Partner, period: ReturnsFor, today: date, **extra: Any) -> dict[str, Any]:
    """What a template may use, e.g. ``{{ partner }}``, ``{{ due }}``, ``{{ days }}`` (reminders)."""
    s = plan.settings
    due = period.due(s.return_due_days)
    return {
        "partnership": s.partnership, "short_name": s.short_name, "partner": partner.name,
        "contact_name": partner.contact_name, "period": period, "due": f"{due.day} {due:%B %Y}",
        "due_long": f"{due:%A} {due.day} {due:%B %Y}", "actions": len(plan.actions_for(partner.id)),
        "measures": len(plan.measures_for(partner.id)), "indicators": len(plan.indicators_for(partner.id)),
        "assessment": isinstance(period, AssessmentRound), "recommendations": 0,
        "coordinator_name": s.coordinator_name, "coordinator_email": s.coordinator_email,
        "coordinator_phone": s.coordinator_phone, "overdue": today > due, "days": abs((due - today).days),
        **extra,
    }


def compose(plan: Plan, partner: Partner, subject: str, body: str, attachment: bytes, file_name: str,
            when: datetime, draft: bool) -> EmailMessage:
    """A plain-text message from the coordinator to every contact address, with the workbook attached."""
    s = plan.settings
    msg = EmailMessage()
    msg["From"] = formataddr((s.coordinator_name, s.coordinator_email))
    msg["To"] = ", ".join(partner.emails)
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when.astimezone())
    msg["Message-ID"] = make_msgid("cspxl", domain=s.coordinator_email.rpartition("@")[2] or None)
    if draft:
        msg["X-Unsent"] = "1"  # Outlook opens the .eml as an unsent draft, ready to send
    msg.set_content(body)
    msg.add_attachment(attachment, maintype=XLSX_TYPE[0], subtype=XLSX_TYPE[1], filename=file_name)
    return msg
