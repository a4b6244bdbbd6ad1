"""The coordinator's e-mail round: send returns, chase late partners, send corrections back.

Messages go out through an SMTP server, or are written as .eml drafts that Outlook and
Thunderbird open as unsent messages.  Every message sent or drafted is recorded in the register,
so re-running sends only what was not sent, and ``status`` and the master can say who was sent
what, and when.  A failure is one sentence: the round goes on with the other partners where that
is safe, and only what the server accepted is recorded as sent.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from ..errors import PlanError, UsageError
from ..periods import AssessmentRound, ReturnsFor, refuse_before
from ..plan import Partner, Plan
from ..register import MessageRecord, Register
from ..returns.assessment import issue_data_return, suppliers
from ..returns.corrections import correction_due
from ..returns.issue import chosen_partners, issue_return
from ..returns.layout import return_file_names
from ..workspace import Workspace, expected_partners
from .channels import ByHand, Channel, Drafts, Outbox
from .messages import Kind, compose, context, render
from .smtp import Server, Smtp

Outcome = Literal["sent", "drafted", "recorded", "skipped", "failed"]
#: Days before the due date from which a partner is reminded.
REMINDER_WINDOW = 3
#: How a message recorded in each mode was sent, for "already ... on": a return marked sent by
#: hand was neither sent nor drafted by cspxl.
_DONE = {"smtp": "sent", "draft": "drafted", "manual": "recorded as sent"}


class Delivery(BaseModel):
    """What happened to one partner's message."""

    partner: str
    kind: str
    outcome: Outcome
    recipients: list[str] = []
    refused: list[str] = []
    detail: str = ""
    path: str = ""


class Round(BaseModel):
    deliveries: list[Delivery] = []

    @property
    def failed(self) -> bool:
        """Something was not delivered: a partner failed, or the server refused one of its addresses."""
        return any(d.outcome == "failed" or d.refused for d in self.deliveries)

    def count(self, outcome: Outcome) -> int:
        return sum(d.outcome == outcome for d in self.deliveries)


@dataclass
class _Item:
    partner: Partner
    kind: Kind
    attachment: Path
    file_name: str
    extra: dict[str, object] = field(default_factory=dict)


def send(workspace: Workspace, period: ReturnsFor, partners: Iterable[str] = (), *, via: Channel, resend: bool = False,
         on_delivery: Callable[[Delivery], None] | None = None) -> Round:
    """Send (or draft) each partner's return for the period, generating it first if need be; ``via``
    :class:`~cspxl.mail.channels.ByHand`, record the returns already e-mailed by hand (see :func:`mark_sent`)."""
    if isinstance(via, ByHand):
        return mark_sent(workspace, period, partners, via.on, on_delivery)
    plan, contacts = _plans(workspace, period)
    with workspace.register() as register:
        items = [_item(workspace, plan, register, p, period, "issue") for p in expected(plan, register, period, partners)]
        return _deliver(workspace, contacts, register, period, items, via, resend, on_delivery)


def chase(workspace: Workspace, period: ReturnsFor, as_of: date | None = None, *, via: Outbox,
          window: int = REMINDER_WINDOW, resend: bool = False,
          on_delivery: Callable[[Delivery], None] | None = None) -> Round:
    """Remind every partner whose return is due within ``window`` days, or overdue, and not yet in."""
    plan, contacts = _plans(workspace, period)
    today = refuse_before(as_of, period.start, str(period)) if as_of else date.today()
    due = period.due(plan.settings.return_due_days)
    if (due - today).days > window:
        return Round()
    until = datetime.combine(today, datetime.max.time())
    with workspace.register() as register:
        items = [_item(workspace, plan, register, p, period, "reminder")
                 for p in expected(plan, register, period) if not register.submissions(period, p.id, until)]
        return _deliver(workspace, contacts, register, period, items, via, resend, on_delivery, today=today)


def send_feedback(workspace: Workspace, period: ReturnsFor, paths: dict[str, Path], *, via: Outbox, resend: bool = False,
                  on_delivery: Callable[[Delivery], None] | None = None) -> Round:
    """Send (or draft) the returns written by :func:`cspxl.returns.corrections.feedback` back to their partners."""
    plan, contacts = _plans(workspace, period)
    with workspace.register() as register:
        items = [_Item(partner, "feedback", path, path.name, _correction_due(register, plan, period, partner))
                 for pid, path in paths.items() if (partner := plan.partner(pid)) is not None]
        return _deliver(workspace, contacts, register, period, items, via, resend, on_delivery)


def mark_sent(workspace: Workspace, period: ReturnsFor, partners: Iterable[str] = (), on: date | None = None,
              on_delivery: Callable[[Delivery], None] | None = None) -> Round:
    """Record returns e-mailed by hand (from Outlook, say) as sent ``on`` (default today).

    Every partner with a return generated for the period, or only ``partners``; ``status`` and the
    master's ``Sent on`` then say when each was sent.  A partner already recorded as sent is left
    as it was.  Refuses a day in the future, and a partner named who has no return generated.
    """
    plan, contacts = _plans(workspace, period)
    now = datetime.now()
    day = on or now.date()
    if day > now.date():
        raise UsageError(f"{day:%d/%m/%Y} is in the future; give the day the returns were sent.")
    result = Round()
    with workspace.register() as register:
        chosen = expected(plan, register, period, partners)
        issued = {p.id: register.issued_latest_file(period, p.id) for p in chosen}
        missing = [pid for pid, found in issued.items() if found is None]
        if (partners and missing) or all(found is None for found in issued.values()):
            who = f"to {', '.join(missing)} " if partners else ""
            raise UsageError(f"no return has been generated {who}for {period}, so none can have been sent; "
                             f"run 'cspxl generate {_generate_args(period)}' first.")
        for partner in chosen:
            if (found := issued[partner.id]) is None:
                continue
            path, file_name = found
            partner = contacts.partner(partner.id) or partner  # the addresses as they are now
            before = [m for m in register.messages(period, partner.id, "issue") if m.mode != "draft"]
            if before:
                delivery = Delivery(partner=partner.id, kind="issue", outcome="skipped",
                                    detail=f"already recorded as sent on {before[0].sent_at:%d/%m/%Y}")
            else:
                register.record_message(MessageRecord(
                    period=str(period), partner=partner.id, kind="issue", mode="manual", recipients=partner.emails,
                    subject="", message_id="", attachment_sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                    file_name=file_name, sent_at=datetime.combine(day, now.time())))
                delivery = Delivery(partner=partner.id, kind="issue", outcome="recorded", recipients=list(partner.emails),
                                    detail=f"recorded as sent on {day:%d/%m/%Y}")
            result.deliveries.append(delivery)
            if on_delivery:
                on_delivery(delivery)
    return result


def _generate_args(period: ReturnsFor) -> str:
    """What ``cspxl generate`` is given to write the returns for ``period``."""
    return f"{period.financial_year} --assessment" if isinstance(period, AssessmentRound) else str(period)


def expected(plan: Plan, register: Register, period: ReturnsFor, partners: Iterable[str] = ()) -> list[Partner]:
    """Who is sent a return for ``period`` (only ``partners``, when any are named): for a quarter, every partner
    that leads or supports an action, supplies a measure or has an open recommendation of a review; for an
    assessment's data round, every supplier of an indicator."""
    if isinstance(period, AssessmentRound):
        return suppliers(plan, partners)
    every = expected_partners(plan, register, period)
    if not partners:
        return every
    named = chosen_partners(plan, list(partners))
    if gone := [p.id for p in named if p not in every]:
        raise UsageError(f"{', '.join(gone)} {'has' if len(gone) == 1 else 'have'} no return for {period}: "
                         "the only recommendation asked of them was signed off before it was issued.")
    return named


def _correction_due(register: Register, plan: Plan, period: ReturnsFor, partner: Partner) -> dict[str, object]:
    """When the return sent back (the partner's latest issue) is due again, for the message."""
    issued = register.latest_issue(period, partner.id)
    due = correction_due(plan.settings, issued.issued if issued else date.today())
    return {"correction_due": f"{due.day} {due:%B %Y}", "correction_due_long": f"{due:%A} {due.day} {due:%B %Y}"}


def _plans(workspace: Workspace, period: ReturnsFor) -> tuple[Plan, Plan]:
    """The period's plan (who is expected, for what) and the same with today's contact details, to
    write to: an address corrected in ``plan.xlsx`` since the period was generated is the one used."""
    plan = workspace.plan_for(period)
    try:
        return plan, plan.with_contacts_from(workspace.plan)
    except PlanError:  # the plan workbook has errors just now: the period's own details will do
        return plan, plan


def _item(ws: Workspace, plan: Plan, register: Register, partner: Partner, period: ReturnsFor, kind: Kind,
          **extra: object) -> _Item:
    """A partner's message with the return issued to them, generating the return if none was."""
    found = register.issued_latest_file(period, partner.id)
    if found is None:
        path = ws.returns_dir(period) / return_file_names(plan, period)[partner.id]
        if isinstance(period, AssessmentRound):
            issue_data_return(ws, register, plan, partner.id, period, path)
        else:
            issue_return(ws, register, plan, partner.id, period, path)
        found = register.issued_latest_file(period, partner.id)
    assert found is not None
    issued = register.latest_issue(period, partner.id)
    asked = {"recommendations": len(issued.recommendations)} if issued is not None else {}
    return _Item(partner, kind, found[0], found[1], asked | dict(extra))


def _deliver(ws: Workspace, plan: Plan, register: Register, period: ReturnsFor, items: list[_Item], via: Outbox,
             resend: bool, on_delivery: Callable[[Delivery], None] | None, today: date | None = None) -> Round:
    """Each item's message, written with ``plan``'s contact details (see :func:`_plans`)."""
    if not isinstance(via, Smtp | Drafts):  # a reminder or a return sent back is never recorded as sent by hand
        raise UsageError("choose where messages go: the SMTP server or drafts in a folder.")
    result = Round()

    def done(delivery: Delivery) -> None:
        result.deliveries.append(delivery)
        if on_delivery:
            on_delivery(delivery)

    with Server(via if isinstance(via, Smtp) else None) as server:
        for item in items:
            item.partner = plan.partner(item.partner.id) or item.partner
            if (reason := _already(register, period, item, resend)) is not None:
                done(Delivery(partner=item.partner.id, kind=item.kind, outcome="skipped", detail=reason))
                continue
            if not item.partner.emails:
                done(Delivery(partner=item.partner.id, kind=item.kind, outcome="failed",
                              detail=f"{item.partner.name} has no contact e-mail address; add one in the plan's "
                                     "Partners sheet and run the command again."))
                continue
            done(_one(ws, plan, register, period, item, via, server, today))
    return result


def _already(register: Register, period: ReturnsFor, item: _Item, resend: bool) -> str | None:
    """Why this message is not sent again: it was sent (or, for a reminder, sent today) already.

    Today is the day it is, not chase's ``as_of``: a partner is reminded at most once a day,
    whatever day the round is run as of."""
    if resend:
        return None
    before = register.messages(period, item.partner.id, item.kind)
    if item.kind == "reminder":
        before = [m for m in before if m.sent_at.date() == date.today()]
    elif item.kind == "feedback":  # feedback is about the return in now; a later one may need its own
        current = register.current(period, item.partner.id)
        before = [m for m in before if current is not None and m.sent_at >= current.ingested_at]
    if not before:
        return None
    last = before[-1]
    return f"already {_DONE[last.mode]} on {last.sent_at:%d/%m/%Y %H:%M}; use --resend to send it again"


def _one(ws: Workspace, plan: Plan, register: Register, period: ReturnsFor, item: _Item, via: Outbox,
         server: Server, today: date | None) -> Delivery:
    now = datetime.now()
    attachment = item.attachment.read_bytes()
    subject, body = render(item.kind, context(plan, item.partner, period, today or now.date(), **item.extra),
                           plan.settings, ws.root)
    msg = compose(plan, item.partner, subject, body, attachment, item.file_name, now, draft=isinstance(via, Drafts))
    recipients = list(item.partner.emails)
    path = ""
    if isinstance(via, Drafts):
        target = via.folder / f"{period}_{item.partner.id}_{item.kind}.eml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(msg.as_bytes())
        path, outcome, mode, detail = str(target), "drafted", "draft", ""
    else:
        refused, detail = server.send(msg, recipients)
        recipients = [r for r in recipients if r not in refused]
        if not recipients:
            return Delivery(partner=item.partner.id, kind=item.kind, outcome="failed", detail=detail)
        outcome, mode = "sent", "smtp"
    register.record_message(MessageRecord(
        period=str(period), partner=item.partner.id, kind=item.kind, mode=mode,
        recipients=tuple(recipients), subject=subject, message_id=str(msg["Message-ID"]),
        attachment_sha256=hashlib.sha256(attachment).hexdigest(), file_name=item.file_name, sent_at=now))
    return Delivery(partner=item.partner.id, kind=item.kind, outcome=outcome, recipients=recipients,
                    refused=[r for r in item.partner.emails if r not in recipients], detail=detail, path=path)


