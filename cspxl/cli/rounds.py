"""The e-mail round's commands: send, chase, feedback and mark-sent."""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.markup import escape

from ..errors import UsageError
from .app import main
from .output import F, err, friendly, out
from .params import DATE, RETURNS_FOR

if TYPE_CHECKING:
    from ..mail.channels import Outbox
    from ..periods import ReturnsFor
    from ..workspace import Workspace


@dataclass(frozen=True)
class MailChoice:
    """What the mail options asked for: drafts in a folder, or the SMTP server with any of its settings
    overridden, and whether to send again what was sent already."""

    eml_dir: Path | None = None
    smtp: bool = False
    smtp_host: str | None = None
    smtp_port: int | None = None
    smtp_security: str | None = None
    smtp_user: str | None = None
    resend: bool = False

    @property
    def chosen(self) -> bool:
        """Whether the command was asked to send or draft anything at all."""
        return self.eml_dir is not None or self.smtp


_MAIL_OPTIONS = ("eml_dir", "smtp", "smtp_host", "smtp_port", "smtp_security", "smtp_user", "resend")


def mail_options(fn: F) -> F:
    """Where messages go: --eml DIR (drafts) or --smtp (send), with the server's settings overridable; the
    command gets them as one :class:`MailChoice`, ``mail``."""

    @functools.wraps(fn)
    def command(*args: Any, **kwargs: Any) -> Any:
        mail = MailChoice(**{name: kwargs.pop(name) for name in _MAIL_OPTIONS})
        return fn(*args, mail=mail, **kwargs)

    options = [
        click.option("--eml", "eml_dir", type=click.Path(file_okay=False, path_type=Path),
                     help="Write .eml drafts to this folder (Outlook and Thunderbird open them ready to send)."),
        click.option("--smtp", is_flag=True, help="Send now through the SMTP server in the plan's Settings."),
        click.option("--smtp-host", help="Override the plan's 'SMTP host'."),
        click.option("--smtp-port", type=click.IntRange(1, 65535), help="Override the plan's 'SMTP port'."),
        click.option("--smtp-security", type=click.Choice(["starttls", "ssl", "none"], case_sensitive=False),
                     help="Override the plan's 'SMTP security'."),
        click.option("--smtp-user", help="Override the plan's 'SMTP user' (the password comes from "
                                         "CSPXL_SMTP_PASSWORD or a prompt, never a file)."),
        click.option("--resend", is_flag=True, help="Send again to partners who were already sent this message."),
    ]
    wrapped: Any = command
    for option in reversed(options):
        wrapped = option(wrapped)
    return wrapped  # type: ignore[no-any-return]


def _outbox(ws: Workspace, mail: MailChoice) -> Outbox:
    """Where the messages go, asking for the SMTP password only when it is needed."""
    import os

    from ..mail.channels import Drafts
    from ..mail.smtp import smtp_from_settings

    if (mail.eml_dir is not None) == mail.smtp:
        raise click.UsageError("choose where messages go: --eml DIR (drafts) or --smtp (send now).")
    if mail.eml_dir is not None:
        return Drafts(mail.eml_dir)
    plan = ws.plan
    smtp = smtp_from_settings(plan, host=mail.smtp_host, port=mail.smtp_port, security=mail.smtp_security,
                              user=mail.smtp_user)
    if smtp.security == "none":
        err.print(f"[yellow]Warning:[/yellow] sending to {smtp.host} without encryption (SMTP security is none).")
    password = ""
    if smtp.user:
        password = os.environ.get("CSPXL_SMTP_PASSWORD", "")
        if not password:
            if not sys.stdin.isatty():
                raise UsageError(f"the SMTP server needs the password for '{smtp.user}': "
                                 "set CSPXL_SMTP_PASSWORD or run the command in a terminal to be asked.")
            password = click.prompt(f"Password for {smtp.user} at {smtp.host}", hide_input=True, err=True)
    from dataclasses import replace

    return replace(smtp, password=password)


def _render_round(result: Any) -> None:
    style = {"sent": "green", "drafted": "green", "recorded": "green", "skipped": "dim", "failed": "red"}
    for d in result.deliveries:
        where = f" → {d.path}" if d.path else (f" → {', '.join(d.recipients)}" if d.recipients else "")
        detail = f": {d.detail}" if d.detail else ""
        out.print(f"[{style[d.outcome]}]{d.outcome:8}[/] {escape(d.partner)} {d.kind}{escape(where)}{escape(detail)}")
    kinds = ("sent", "drafted", "recorded", "skipped", "failed")
    counts = ", ".join(f"{result.count(k)} {k}" for k in kinds if result.count(k))
    out.print(counts or "Nothing to send.")
    if result.failed:
        sys.exit(1)


@main.command()
@click.argument("period", metavar="PERIOD", type=RETURNS_FOR)
@click.option("--partner", "partners", multiple=True, metavar="ID", help="Only this partner (repeatable).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the returns sent back (default: feedback/PERIOD in the workspace).")
@click.option("--on", "on", type=DATE, help="The day they are sent back (default: today): the correction is due "
              "the plan's Correction days later, e.g. 24/07/2023.")
@mail_options
@click.pass_obj
@friendly
def feedback(ws: Workspace, /, period: ReturnsFor, partners: tuple[str, ...], out_dir: Path | None, on: date | None,
             mail: MailChoice) -> None:
    """Write a return for correction for each partner whose latest return for PERIOD has errors.

    With --eml DIR or --smtp, also send each one back to its partner.
    """
    from ..mail.rounds import send_feedback
    from ..returns.corrections import feedback as write_feedback

    outbox = _outbox(ws, mail) if mail.chosen else None
    with err.status(f"Preparing returns for correction for {period}…"):
        paths = write_feedback(ws, period, partners, out_dir, on=on)
    for partner_id, path in paths.items():
        out.print(f"{partner_id:20} {path}")
    if not paths:
        out.print(f"No return for {period} needs correction.")
        return
    out.print(f"[green]{len(paths)} return{'s' if len(paths) != 1 else ''} to send back for correction.[/green]")
    if outbox is not None:
        _render_round(send_feedback(ws, period, paths, resend=mail.resend, via=outbox))


@main.command()
@click.argument("period", metavar="PERIOD", type=RETURNS_FOR)
@click.option("--partner", "partners", multiple=True, metavar="ID", help="Only this partner (repeatable).")
@mail_options
@click.pass_obj
@friendly
def send(ws: Workspace, /, period: ReturnsFor, partners: tuple[str, ...], mail: MailChoice) -> None:
    """E-mail each partner its return for PERIOD (generating it if need be), or write drafts."""
    from ..mail.rounds import send as send_returns

    outbox = _outbox(ws, mail)
    with err.status(f"Sending returns for {period}…"):
        result = send_returns(ws, period, partners, resend=mail.resend, via=outbox)
    _render_round(result)


@main.command("mark-sent")
@click.argument("period", metavar="PERIOD", type=RETURNS_FOR)
@click.option("--partner", "partners", multiple=True, metavar="ID", help="Only this partner (repeatable).")
@click.option("--on", "on", type=DATE, help="The day they were sent (default: today), e.g. 03/07/2023.")
@click.pass_obj
@friendly
def mark_sent(ws: Workspace, period: ReturnsFor, partners: tuple[str, ...], on: date | None) -> None:
    """Record returns for PERIOD that you e-mailed yourself (from Outlook, say) as sent.

    By default every partner with a return generated for PERIOD, sent today.
    """
    from ..mail.channels import ByHand
    from ..mail.rounds import send as record_sent

    _render_round(record_sent(ws, period, partners, via=ByHand(on)))


@main.command()
@click.argument("period", metavar="PERIOD", type=RETURNS_FOR)
@click.option("--as-of", type=DATE, help="Chase as of this day (default: today).")
@click.option("--window", type=click.IntRange(0, 60), default=3, show_default=True,
              help="Remind partners from this many days before the due date.")
@mail_options
@click.pass_obj
@friendly
def chase(ws: Workspace, /, period: ReturnsFor, as_of: date | None, window: int, mail: MailChoice) -> None:
    """Remind every partner whose return for PERIOD is due soon or overdue and not yet in."""
    from ..mail.rounds import chase as chase_partners

    outbox = _outbox(ws, mail)
    with err.status(f"Chasing returns for {period}…"):
        result = chase_partners(ws, period, as_of, window=window, resend=mail.resend, via=outbox)
    _render_round(result)
