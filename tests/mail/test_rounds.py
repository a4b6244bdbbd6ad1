"""The e-mail round through a real SMTP server on 127.0.0.1 (aiosmtpd), with freezegun setting the day."""

from __future__ import annotations

import email
import email.policy
import os
import re
import socket
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path

import openpyxl
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import CliRunner
from freezegun import freeze_time

from cspxl import Register, consolidate, generate, ingest, parse_period, write_plan_workbook
from cspxl.cli import main
from cspxl.demo.partners import fill_return
from cspxl.errors import MailError
from cspxl.mail.channels import ByHand, Drafts
from cspxl.mail.rounds import chase, mark_sent, send
from cspxl.mail.smtp import Smtp
from tests.conftest import by, sheet_rows

Q1 = parse_period("2023-24-Q1")  # due Friday 14 July 2023
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Inbox:
    """An SMTP handler that keeps what it is sent and refuses addresses at refused.invalid."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], EmailMessage]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: ANN001, ANN201, N802
        if address.endswith("@refused.invalid"):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server():  # noqa: ANN201
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, Smtp(host="127.0.0.1", port=controller.port, security="none")
    controller.stop()


def check_login(server, session, envelope, mechanism, auth_data):  # noqa: ANN001, ANN201
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"helen" and auth_data.password == b"right"
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def guarded_server():  # noqa: ANN201
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), authenticator=check_login,
                            auth_required=True, auth_require_tls=False)
    controller.start()
    yield inbox, controller.port
    controller.stop()


def attachment(message: EmailMessage) -> tuple[str, str, bytes]:
    (part,) = list(message.iter_attachments())
    return part.get_content_type(), part.get_filename(), part.get_content()


def test_each_partner_is_sent_its_return_through_the_server(workspace, plan, server) -> None:
    inbox, smtp = server
    with freeze_time("2023-07-03 09:00"):
        generated = generate(workspace, Q1)
        result = send(workspace, Q1, via=smtp)
    assert result.count("sent") == len(plan.partners_returning()) and not result.failed
    by_partner = {rcpts[0]: (rcpts, m) for rcpts, m in inbox.received}
    police = next((r, m) for r, m in inbox.received if "rachel.dunmore@example.org" in r)
    rcpts, message = police
    assert rcpts == ["rachel.dunmore@example.org", "sevenoaks.chiefinspector@example.org"]
    assert message["From"] == "Helen Marsh <helen.marsh@example.org>"
    assert message["Subject"] == ("Sevenoaks CSP quarterly return for Q1 2023-24 (April to June 2023): "
                                  "please return by 14 July 2023")
    body = message.get_body(("plain",)).get_content()
    assert "by Friday 14 July 2023" in body and "Kent Police's quarterly monitoring return" in body
    assert "helen.marsh@example.org or on 01632 960418" in body
    # Kent Police owns two recommendations of reviews (DHR1-3, PCC-1): the message says so, and where to answer.
    assert " ".join(body.split()).count("; it also asks for an update on the 2 recommendations of reviews your "
                                        "organisation owns or supports. Please:") == 1
    assert "and on the Recommendations sheet give each one's Status and Evidence;" in " ".join(body.split())
    kind, name, content = attachment(message)
    assert (kind, name) == (XLSX, "Sevenoaks-CSP_2023-24-Q1_Kent-Police.xlsx")
    assert content == generated["kent-police"].read_bytes()
    assert message["X-Unsent"] is None and len(by_partner) == len(plan.partners_returning())


def test_a_rerun_sends_nothing_twice_unless_asked(workspace, server) -> None:
    inbox, smtp = server
    with freeze_time("2023-07-03 09:00"):
        send(workspace, Q1, ["pcc", "kcc"], via=smtp)
    with freeze_time("2023-07-04 09:00"):
        again = send(workspace, Q1, ["pcc", "kcc"], via=smtp)
        forced = send(workspace, Q1, ["pcc"], via=smtp, resend=True)
    assert [d.outcome for d in again.deliveries] == ["skipped", "skipped"]
    assert "already sent on 03/07/2023 09:00" in again.deliveries[0].detail
    assert [d.outcome for d in forced.deliveries] == ["sent"] and len(inbox.received) == 3
    with freeze_time("2023-07-05 09:00"):
        (third,) = send(workspace, Q1, ["pcc"], via=smtp).deliveries
        (marked,) = mark_sent(workspace, Q1, ["pcc"]).deliveries
    assert third.detail.startswith("already sent on 04/07/2023 09:00")  # the last time it went
    assert marked.detail == "already recorded as sent on 03/07/2023"  # the first, as the master's Sent on


def test_drafts_open_as_unsent_messages_with_the_return_attached(workspace, tmp_path) -> None:
    with freeze_time("2023-07-03 09:00"):
        result = send(workspace, Q1, partners=["pcc"], via=Drafts(tmp_path / "to send" / "drafts"))  # made as needed
    (delivery,) = result.deliveries
    assert delivery.outcome == "drafted" and not result.failed  # a draft is no failed delivery
    draft = email.message_from_bytes(Path(delivery.path).read_bytes(), policy=email.policy.default)
    assert (draft["X-Unsent"], draft["To"]) == ("1", "priya.lakhaniward@example.org")
    kind, name, content = attachment(draft)
    issued = workspace.returns_dir(Q1) / name
    assert kind == XLSX and content == issued.read_bytes()


def test_a_refused_recipient_fails_that_partner_only_and_a_rerun_sends_the_rest(workspace, plan, server) -> None:
    inbox, smtp = server
    broken = plan.model_copy(update={"partners": tuple(
        p.model_copy(update={"emails": ("nobody@refused.invalid",)}) if p.id == "pcc" else p for p in plan.partners)})
    write_plan_workbook(workspace.plan_path, broken)
    with freeze_time("2023-07-03 09:00"):
        first = send(workspace, Q1, ["kcc", "pcc", "icb"], via=smtp)
    assert [d.outcome for d in first.deliveries] == ["sent", "failed", "sent"] and first.failed
    assert "the server refused nobody@refused.invalid (550 5.1.1 No such mailbox)" in first.deliveries[1].detail
    write_plan_workbook(workspace.plan_path, plan)
    with freeze_time("2023-07-03 10:00"):
        second = send(workspace, Q1, ["kcc", "pcc", "icb"], via=smtp)
    assert [d.outcome for d in second.deliveries] == ["skipped", "sent", "skipped"]
    assert len(inbox.received) == 3


def test_a_partner_without_an_address_is_one_sentence_and_the_others_go(workspace, plan, server) -> None:
    inbox, smtp = server
    write_plan_workbook(workspace.plan_path, plan.model_copy(update={"partners": tuple(
        p.model_copy(update={"emails": ()}) if p.id == "icb" else p for p in plan.partners)}))
    result = send(workspace, Q1, ["icb", "kcc"], via=smtp)
    assert [d.outcome for d in result.deliveries] == ["failed", "sent"]
    assert result.deliveries[0].detail.startswith("NHS Kent and Medway Integrated Care Board has no contact e-mail")


@pytest.mark.parametrize(
    ("security", "user", "password", "says"),
    [("none", "helen", "wrong", "refused the login for 'helen' (535"),
     ("ssl", "", "", "a secure (TLS) connection to 127.0.0.1"),
     ("starttls", "", "", "does not offer starttls")],
)
def test_login_and_tls_failures_stop_the_round_in_one_sentence(workspace, guarded_server, security, user, password,
                                                              says) -> None:
    inbox, port = guarded_server
    with pytest.raises(MailError, match=re.escape(says)):
        send(workspace, Q1, ["pcc"], via=Smtp("127.0.0.1", port, security, user, password, timeout=5))
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        assert reg.messages("2023-24-Q1") == [] and inbox.received == []


def test_the_right_login_is_accepted(workspace, guarded_server) -> None:
    inbox, port = guarded_server
    result = send(workspace, Q1, ["pcc"], via=Smtp("127.0.0.1", port, "none", "helen", "right"))
    assert result.count("sent") == 1 and len(inbox.received) == 1


def test_a_server_that_is_not_there_is_one_sentence(workspace) -> None:
    with pytest.raises(MailError, match="could not connect to the SMTP server 127.0.0.1:.*check SMTP host"):
        send(workspace, Q1, ["pcc"], via=Smtp("127.0.0.1", free_port(), "none"))


def test_chasing_reminds_only_those_not_in_and_says_how_late(workspace, server, tmp_path) -> None:
    inbox, smtp = server
    with freeze_time("2023-07-03 09:00"):
        issued = generate(workspace, Q1)
        send(workspace, Q1, via=smtp)
    pcc = fill_return(issued["pcc"], tmp_path / "pcc.xlsx", {"A05": {"Status": "On track"}})
    ingest(workspace, [pcc], received=datetime(2023, 7, 10, 9))
    inbox.received.clear()

    with freeze_time("2023-07-05 09:00"):
        assert chase(workspace, Q1, via=smtp).deliveries == []  # nine days to go: nobody yet
    assert chase(workspace, Q1, as_of=date(2023, 7, 5), via=smtp).deliveries == []  # the day as a keyword
    with freeze_time("2023-07-12 09:00"):
        soon = chase(workspace, Q1, via=smtp)
        twice = chase(workspace, Q1, via=smtp)
    assert "pcc" not in [d.partner for d in soon.deliveries] and soon.count("sent") == 11
    assert twice.count("skipped") == 11 and twice.count("sent") == 0
    with freeze_time("2023-07-12 15:00"):  # run again the same day as of the day before: still once a day
        as_of_before = chase(workspace, Q1, as_of=date(2023, 7, 11), via=smtp)
    assert as_of_before.count("skipped") == 11 and as_of_before.count("sent") == 0
    reminder = inbox.received[0][1]
    assert reminder["Subject"].startswith("Reminder: Sevenoaks CSP quarterly return for Q1 2023-24")
    assert "is due on Friday 14 July 2023, in 2 days" in reminder.get_body(("plain",)).get_content()

    with freeze_time("2023-07-20 09:00"):
        late = chase(workspace, Q1, via=smtp)
    overdue = inbox.received[-1][1]
    assert late.count("sent") == 11
    assert overdue["Subject"].endswith("was due 14 July 2023") and overdue["Subject"].startswith("Overdue:")
    assert "It was due on Friday 14 July 2023, 6 days ago." in overdue.get_body(("plain",)).get_content()

    with freeze_time("2023-07-27 09:00"):
        chase(workspace, Q1, via=smtp)
    master = consolidate(workspace, Q1, as_of=date(2023, 7, 28))
    returns = by(sheet_rows(master, "Returns"), "Partner ID")
    assert (returns["kcc"]["Sent on"], returns["kcc"]["Last reminder"], returns["kcc"]["Reminders"]) == (
        datetime(2023, 7, 3), datetime(2023, 7, 27), 3)  # the last of three reminders
    assert (returns["pcc"]["Reminders"], returns["pcc"]["Return status"]) == (0, "Received")


def test_every_message_is_recorded_with_its_attachment_hash(workspace, server) -> None:
    import hashlib

    inbox, smtp = server
    with freeze_time("2023-07-03 09:00"):
        send(workspace, Q1, ["pcc"], via=smtp)
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        (record,) = reg.messages("2023-24-Q1", "pcc")
    _, message = inbox.received[0]
    assert (record.kind, record.mode, record.recipients) == ("issue", "smtp", ("priya.lakhaniward@example.org",))
    assert record.message_id == message["Message-ID"]
    assert record.attachment_sha256 == hashlib.sha256(attachment(message)[2]).hexdigest()
    assert record.sent_at == datetime(2023, 7, 3, 9, 0)


def test_templates_can_be_overridden_in_the_workspace_and_in_settings(workspace, plan, server) -> None:
    inbox, smtp = server
    (workspace.root / "templates").mkdir()
    (workspace.root / "templates" / "issue.txt").write_text(
        "Subject: Return {{ period }} for {{ partner }}\n\nHello {{ contact_name }}, due {{ due }}.\n")
    send(workspace, Q1, ["pcc"], via=smtp)
    message = inbox.received[-1][1]
    assert message["Subject"] == "Return 2023-24-Q1 for Kent Police & Crime Commissioner's Office"
    settings = plan.settings.model_copy(update={"email_templates": {"Issue email subject": "From Settings: {{ due }}"}})
    write_plan_workbook(workspace.plan_path, plan.model_copy(update={"settings": settings}))
    send(workspace, Q1, ["kcc"], via=smtp)
    assert inbox.received[-1][1]["Subject"] == "From Settings: 14 July 2023"
    assert inbox.received[-1][1].get_body(("plain",)).get_content().startswith("Hello ")


def test_the_send_command_and_the_status_table(workspace, server, monkeypatch) -> None:
    inbox, smtp = server
    runner = CliRunner()
    args = ["-w", str(workspace.root), "send", "2023-24-Q1", "--smtp", "--smtp-host", "127.0.0.1",
            "--smtp-port", str(smtp.port), "--smtp-security", "none"]
    with freeze_time("2023-07-03 09:00"):
        result = runner.invoke(main, [*args, "--partner", "pcc"])
    assert result.exit_code == 0, result.output
    assert "sent     pcc issue → " in result.stdout and "without encryption" in result.stderr
    with freeze_time("2023-07-03 09:00"):
        status = runner.invoke(main, ["-w", str(workspace.root), "status", "2023-24-Q1"])
    assert "03/07" in status.stdout
    result = runner.invoke(main, ["-w", str(workspace.root), "send", "2023-24-Q1"])
    assert result.exit_code == 2 and "--eml DIR (drafts) or --smtp" in result.stderr
    result = runner.invoke(main, [*args, "--smtp-user", "helen"])
    assert result.exit_code == 2 and "set CSPXL_SMTP_PASSWORD" in result.stderr


def test_the_status_table_says_when_each_return_was_first_sent_and_whether_as_a_draft(workspace, server,
                                                                                     tmp_path) -> None:
    inbox, smtp = server
    with freeze_time("2023-07-03 09:00"):
        send(workspace, Q1, ["kcc"], via=Drafts(tmp_path / "drafts"))  # drafted, for the coordinator's Outlook
        send(workspace, Q1, ["pcc"], via=smtp)
    with freeze_time("2023-07-05 09:00"):
        send(workspace, Q1, ["kcc"], via=smtp, resend=True)  # then sent through the server after all
    import io
    from datetime import date

    from rich.console import Console

    from cspxl import period_view
    from cspxl.cli.output import status_table

    console = Console(width=160, file=io.StringIO(), record=True)  # the table as the status command draws it
    console.print(status_table(period_view(workspace, Q1, date(2023, 7, 6), history=False)))
    rows = {line.split()[0]: " ".join(line.split()[1:]) for line in console.export_text().splitlines()
            if line.split()[:1] in (["kcc"], ["pcc"])}
    assert rows == {"kcc": "Not yet due 03/07 draft", "pcc": "Not yet due 03/07"}  # the first sending counts


def test_check_validates_the_smtp_settings(workspace) -> None:
    wb = openpyxl.load_workbook(workspace.plan_path)
    ws = wb["Settings"]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    ws.cell(rows["SMTP port"], 2, "five-eight-seven")
    ws.cell(rows["SMTP security"], 2, "tls")
    ws.append(["Reminder email body", "Dear {{ partner }, it is late"])
    wb.save(workspace.plan_path)
    result = CliRunner().invoke(main, ["-w", str(workspace.root), "check"])
    assert result.exit_code == 2
    text = " ".join(result.stdout.split())
    assert f"Settings!B{rows['SMTP port']}: SMTP port 'five-eight-seven' is not valid" in text
    assert f"Settings!B{rows['SMTP security']}: SMTP security 'tls' is not valid. Use starttls, ssl or none." in text
    assert "Reminder email body" in text and "Fix the template" in text


def test_a_partly_refused_partner_is_sent_to_the_rest_and_the_round_reports_a_failure(workspace, plan, server) -> None:
    inbox, smtp = server
    write_plan_workbook(workspace.plan_path, plan.model_copy(update={"partners": tuple(
        p.model_copy(update={"emails": ("gone@refused.invalid", *p.emails)}) if p.id == "pcc" else p
        for p in plan.partners)}))
    result = send(workspace, Q1, ["pcc"], via=smtp)
    (delivery,) = result.deliveries
    assert (delivery.outcome, delivery.recipients, delivery.refused) == (
        "sent", ["priya.lakhaniward@example.org"], ["gone@refused.invalid"])
    assert result.failed and "gone@refused.invalid (550" in delivery.detail
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        assert reg.messages("2023-24-Q1", "pcc")[0].recipients == ("priya.lakhaniward@example.org",)


def test_returns_sent_by_hand_are_recorded_with_mark_sent(workspace) -> None:
    runner = CliRunner()
    ws = ["-w", str(workspace.root)]
    with freeze_time("2023-07-03 09:00"):
        refused = runner.invoke(main, [*ws, "mark-sent", "2023-24-Q1"])
        generate(workspace, Q1, ["pcc", "kcc"])
        named = runner.invoke(main, [*ws, "mark-sent", "Q1", "--partner", "sdc"])
    assert refused.exit_code == 2 and "no return has been generated for 2023-24-Q1" in refused.stderr
    assert named.exit_code == 2 and "no return has been generated to sdc for 2023-24-Q1" in named.stderr
    with freeze_time("2023-07-05 16:30"):
        first = runner.invoke(main, [*ws, "mark-sent", "2023-24-Q1", "--on", "04/07/2023"])
        again = runner.invoke(main, [*ws, "mark-sent", "2023-24-Q1"])
        future = runner.invoke(main, [*ws, "mark-sent", "2023-24-Q1", "--on", "06/07/2023"])
        status = runner.invoke(main, [*ws, "status", "2023-24-Q1"])
    assert first.exit_code == 0, first.output
    assert [line.split()[:2] for line in first.stdout.splitlines()[:2]] == [["recorded", "kcc"], ["recorded", "pcc"]]
    assert first.stdout.splitlines()[-1] == "2 recorded"
    assert again.stdout.splitlines()[-1] == "2 skipped" and "already recorded as sent on 04/07/2023" in again.stdout
    assert future.exit_code == 2 and "is in the future" in future.stderr
    assert status.stdout.count("04/07") == 2
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        (record,) = reg.messages("2023-24-Q1", "pcc")
    assert (record.kind, record.mode, record.sent_at) == ("issue", "manual", datetime(2023, 7, 4, 16, 30))
    with freeze_time("2023-07-21"):
        master = consolidate(workspace, Q1)
    returns = by(sheet_rows(master, "Returns"), "Partner ID")
    assert returns["pcc"]["Sent on"] == datetime(2023, 7, 4) and returns["sdc"]["Sent on"] is None


def test_a_return_sent_back_says_when_the_correction_is_due(workspace, plan, server, tmp_path) -> None:
    from cspxl import feedback
    from cspxl.mail.rounds import send_feedback

    inbox, smtp = server
    settings = plan.settings.model_copy(update={"correction_days": 12})
    write_plan_workbook(workspace.plan_path, plan.model_copy(update={"settings": settings}))
    with freeze_time("2023-07-03 09:00"):
        issued = generate(workspace, Q1, ["pcc"])
    pcc = fill_return(issued["pcc"], tmp_path / "pcc.xlsx", {"A05": {"Status": "Green"}})
    ingest(workspace, [pcc], received=datetime(2023, 7, 10, 9))
    with freeze_time("2023-07-17 09:00"):  # twelve days on is Saturday 29 July: due the Monday
        paths = feedback(workspace, Q1)
    with freeze_time("2023-07-20 09:00"):  # e-mailed three days later: still the day the file gives
        send_feedback(workspace, Q1, paths=paths, via=smtp)
    body = inbox.received[-1][1].get_body(("plain",)).get_content()
    assert "e-mail it back to helen.marsh@example.org by Monday 31 July 2023." in " ".join(body.split())
    subtitle = openpyxl.load_workbook(paths["pcc"])["Return"]["B2"].value
    assert subtitle.endswith("return this file to helen.marsh@example.org by Monday 31 July 2023.")


@pytest.mark.parametrize(("first", "second_says"), [
    ("smtp", "already sent on 03/07/2023 09:00"),
    ("eml", "already drafted on 03/07/2023 09:00"),
    ("mark-sent", "already recorded as sent on 03/07/2023 09:00"),
])
def test_a_second_send_says_how_the_first_went(workspace, server, tmp_path, first, second_says) -> None:
    inbox, smtp = server
    with freeze_time("2023-07-03 09:00"):
        if first == "smtp":
            send(workspace, Q1, ["pcc"], via=smtp)
        elif first == "eml":
            send(workspace, Q1, ["pcc"], via=Drafts(tmp_path / "drafts"))
        else:
            generate(workspace, Q1, ["pcc"])
            mark_sent(workspace, Q1, ["pcc"])
    with freeze_time("2023-07-04 09:00"):
        (again,) = send(workspace, Q1, ["pcc"], via=smtp).deliveries
    assert (again.outcome, again.detail) == ("skipped", f"{second_says}; use --resend to send it again")


def test_a_return_only_drafted_is_recorded_as_sent_by_mark_sent(workspace, tmp_path) -> None:
    with freeze_time("2023-07-03 09:00"):
        send(workspace, Q1, ["pcc"], via=Drafts(tmp_path / "drafts"))
    wb = openpyxl.load_workbook(workspace.plan_path)  # Priya's address corrected since
    partners = wb["Partners"]
    (cell,) = [c for row in partners.iter_rows() for c in row if c.value == "priya.lakhaniward@example.org"]
    cell.value = "priya.ward@example.org"
    wb.save(workspace.plan_path)
    with freeze_time("2023-07-04 16:30"):
        (marked,) = mark_sent(workspace, Q1, ["pcc"]).deliveries
        (again,) = mark_sent(workspace, Q1, ["pcc"]).deliveries
    assert (marked.outcome, marked.detail) == ("recorded", "recorded as sent on 04/07/2023")
    assert marked.recipients == ["priya.ward@example.org"]  # the address as it is now
    assert (again.outcome, again.detail) == ("skipped", "already recorded as sent on 04/07/2023")


def test_a_round_sent_by_hand_is_recorded_on_its_day_and_nothing_is_e_mailed(workspace, server, tmp_path) -> None:
    with freeze_time("2023-07-03 09:00"):
        generate(workspace, Q1, ["pcc", "kcc"])
    with freeze_time("2023-07-04 16:30"):
        done = send(workspace, Q1, ["pcc"], via=ByHand(date(2023, 7, 3))).deliveries
    assert [(d.partner, d.outcome, d.detail) for d in done] == [("pcc", "recorded", "recorded as sent on 03/07/2023")]
    inbox, _ = server
    assert inbox.received == []
    with Register(workspace.register_path, workspace.archive_dir) as register:
        (message,) = register.messages(Q1, "pcc")
    assert (message.mode, message.sent_at.date()) == ("manual", date(2023, 7, 3))


def test_feedback_goes_once_for_each_return_received(workspace, server, tmp_path) -> None:
    from cspxl import feedback
    from cspxl.mail.rounds import send_feedback

    inbox, smtp = server
    with freeze_time("2023-07-03 09:00"):
        issued = generate(workspace, Q1, ["pcc"])
    wrong = fill_return(issued["pcc"], tmp_path / "pcc.xlsx", {"A05": {"Status": "Green"}})
    with freeze_time("2023-07-10 09:00"):
        ingest(workspace, [wrong])
    outcomes = []
    for day in ("2023-07-11 09:00", "2023-07-12 09:00"):  # the same return: sent back once
        with freeze_time(day):
            outcomes += [d.outcome for d in send_feedback(workspace, Q1, feedback(workspace, Q1), via=smtp).deliveries]
    still_wrong = fill_return(issued["pcc"], tmp_path / "pcc again.xlsx", {"A05": {"Status": "Amber"}})
    with freeze_time("2023-07-13 09:00"):
        ingest(workspace, [still_wrong])
    with freeze_time("2023-07-14 09:00"):  # a new return with its own problems: sent back again
        outcomes += [d.outcome for d in send_feedback(workspace, Q1, feedback(workspace, Q1), via=smtp).deliveries]
    assert outcomes == ["sent", "skipped", "sent"] and len(inbox.received) == 2


def test_a_plan_with_errors_just_now_leaves_the_round_to_the_periods_own_addresses(workspace, server) -> None:
    inbox, smtp = server
    with freeze_time("2023-07-03 09:00"):
        generate(workspace, Q1, ["pcc"])
    wb = openpyxl.load_workbook(workspace.plan_path)
    wb["Actions"]["E2"] = "kent-polce"  # the coordinator is half way through an edit
    wb.save(workspace.plan_path)
    with freeze_time("2023-07-03 10:00"):
        result = send(workspace, Q1, ["pcc"], via=smtp)
    assert [(d.outcome, d.recipients) for d in result.deliveries] == [("sent", ["priya.lakhaniward@example.org"])]


def smtp_args(smtp: Smtp) -> list[str]:
    return ["--smtp", "--smtp-host", "127.0.0.1", "--smtp-port", str(smtp.port), "--smtp-security", "none"]


def test_chase_on_the_command_line_takes_a_day_and_a_window_and_attaches_the_return_again(
        workspace, server, tmp_path) -> None:
    inbox, smtp = server
    with freeze_time("2023-07-03 09:00"):
        issued = generate(workspace, Q1)
    pcc = fill_return(issued["pcc"], tmp_path / "pcc.xlsx", {"A05": {"Status": "On track"}})
    ingest(workspace, [pcc], received=datetime(2023, 7, 4, 9))
    chase_q1 = ["-w", str(workspace.root), "chase", "2023-24-Q1", *smtp_args(smtp)]
    runner = CliRunner()
    with freeze_time("2023-07-05 09:00"):  # nine days before the due date, Friday 14 July
        today_in_four_days = runner.invoke(main, [*chase_q1, "--window", "4"])
        tenth_in_three = runner.invoke(main, [*chase_q1, "--as-of", "10/07/2023"])
        assert inbox.received == []
        tenth_in_four = runner.invoke(main, [*chase_q1, "--as-of", "10/07/2023", "--window", "4"])
    assert (today_in_four_days.exit_code, today_in_four_days.stdout.splitlines()[-1]) == (0, "Nothing to send.")
    assert (tenth_in_three.exit_code, tenth_in_three.stdout.splitlines()[-1]) == (0, "Nothing to send.")
    assert tenth_in_four.exit_code == 0, tenth_in_four.output
    assert tenth_in_four.stdout.splitlines()[-1] == "11 sent"  # every partner but pcc, whose return is in
    reminders = {rcpts[0]: message for rcpts, message in inbox.received}
    assert len(reminders) == 11 and "priya.lakhaniward@example.org" not in reminders
    kcc = reminders["gareth.pembury@example.org"]
    assert kcc["Subject"] == "Reminder: Sevenoaks CSP quarterly return for Q1 2023-24 (April to June 2023) due 14 July 2023"
    body = " ".join(kcc.get_body(("plain",)).get_content().split())
    assert "is due on Friday 14 July 2023, in 4 days." in body and "The return is attached again" in body
    kind, name, content = attachment(kcc)
    assert (kind, name) == (XLSX, "Sevenoaks-CSP_2023-24-Q1_Kent-County-Council.xlsx")
    assert content == issued["kcc"].read_bytes()


def test_a_failed_delivery_makes_send_chase_and_feedback_exit_1_and_the_rest_still_go(
        workspace, plan, server, tmp_path) -> None:
    from cspxl import feedback

    inbox, smtp = server
    addresses = {"kcc": ("nobody@refused.invalid",),  # refused by the server
                 "icb": (),  # no address at all
                 "pcc": ("gone@refused.invalid", "priya.lakhaniward@example.org")}  # one of two refused
    write_plan_workbook(workspace.plan_path, plan.model_copy(update={"partners": tuple(
        p.model_copy(update={"emails": addresses.get(p.id, p.emails)}) for p in plan.partners)}))
    with freeze_time("2023-07-03 09:00"):
        issued = generate(workspace, Q1)
    pcc = fill_return(issued["pcc"], tmp_path / "pcc.xlsx", {"A05": {"Status": "Green"}})  # an error: feedback for pcc
    ingest(workspace, [pcc], received=datetime(2023, 7, 10, 9))
    runner = CliRunner()
    ws = ["-w", str(workspace.root)]

    with freeze_time("2023-07-03 10:00"):
        sent = runner.invoke(main, [*ws, "send", "2023-24-Q1", "--partner", "kcc", "--partner", "sdc",
                                    "--partner", "icb", *smtp_args(smtp)])
        again = runner.invoke(main, [*ws, "send", "2023-24-Q1", "--partner", "sdc", *smtp_args(smtp)])
    assert sent.exit_code == 1, sent.output
    lines = [" ".join(line.split()) for line in sent.stdout.splitlines()]
    assert lines == [
        "failed kcc issue: the server refused nobody@refused.invalid (550 5.1.1 No such mailbox); check the address "
        "in the plan's Partners sheet.",
        "sent sdc issue → helen.marsh@example.org, community.safety@example.org",
        "failed icb issue: NHS Kent and Medway Integrated Care Board has no contact e-mail address; add one in the "
        "plan's Partners sheet and run the command again.",
        "1 sent, 2 failed",
    ]
    assert "Traceback" not in sent.output
    assert (again.exit_code, again.stdout.splitlines()[-1]) == (0, "1 skipped")  # nothing failed this time

    with freeze_time("2023-07-12 09:00"):
        chased = runner.invoke(main, [*ws, "chase", "2023-24-Q1", *smtp_args(smtp)])
    assert chased.exit_code == 1, chased.output
    assert chased.stdout.splitlines()[-1] == "9 sent, 2 failed"  # pcc's return is in; kcc and icb fail

    with freeze_time("2023-07-13 09:00"):
        returned = runner.invoke(main, [*ws, "feedback", "2023-24-Q1", *smtp_args(smtp)])
    assert returned.exit_code == 1, returned.output  # sent to Priya, refused for the other address
    said = " ".join(returned.stdout.split())
    assert "sent pcc feedback → priya.lakhaniward@example.org: the server refused gone@refused.invalid (550" in said
    assert said.endswith("1 sent")
    assert feedback(workspace, Q1)  # the return for correction was still written
    recipients = [rcpts for rcpts, message in inbox.received if "correction" in message["Subject"]]
    assert recipients == [["priya.lakhaniward@example.org"]]


def test_feedback_with_smtp_sends_each_return_for_correction_from_the_folder_given(workspace, server,
                                                                                  tmp_path) -> None:
    inbox, smtp = server
    with freeze_time("2023-07-03 09:00"):
        issued = generate(workspace, Q1, ["pcc", "kcc"])
    pcc = fill_return(issued["pcc"], tmp_path / "pcc.xlsx", {"A05": {"Status": "Green"}})
    kcc = fill_return(issued["kcc"], tmp_path / "kcc.xlsx", {"A14": {"Status": "On track"}})
    ingest(workspace, [pcc, kcc], received=datetime(2023, 7, 10, 9))
    out = tmp_path / "to send back"
    with freeze_time("2023-07-12 09:00"):
        result = CliRunner().invoke(main, ["-w", str(workspace.root), "feedback", "2023-24-Q1", "--out", str(out),
                                           *smtp_args(smtp)])
    assert result.exit_code == 0, result.output
    name = "Sevenoaks-CSP_2023-24-Q1_Kent-Police-and-Crime-Commissioners-Office_for-correction.xlsx"
    assert [p.name for p in out.iterdir()] == [name]
    assert not (workspace.root / "feedback").exists()
    said = " ".join(result.stdout.split())
    assert "1 return to send back for correction." in said and said.endswith("1 sent")
    ((rcpts, message),) = inbox.received
    assert rcpts == ["priya.lakhaniward@example.org"]
    assert message["Subject"].endswith("a few corrections, please")
    body = " ".join(message.get_body(("plain",)).get_content().split())
    assert "by Monday 24 July 2023." in body  # ten days after 12 July is a Saturday
    assert attachment(message) == (XLSX, name, (out / name).read_bytes())
    with Register(workspace.register_path, workspace.archive_dir) as reg:
        assert [(m.kind, m.mode) for m in reg.messages("2023-24-Q1", "pcc")] == [("feedback", "smtp")]


@pytest.mark.parametrize(("password", "exit_code", "delivered"), [("right", 0, 1), ("wrong", 1, 0)])
def test_the_smtp_password_comes_from_cspxl_smtp_password(workspace, guarded_server, password, exit_code,
                                                          delivered) -> None:
    inbox, port = guarded_server
    args = ["-w", str(workspace.root), "send", "2023-24-Q1", "--partner", "pcc", "--smtp", "--smtp-host", "127.0.0.1",
            "--smtp-port", str(port), "--smtp-security", "none", "--smtp-user", "helen"]
    result = CliRunner().invoke(main, args, env={"CSPXL_SMTP_PASSWORD": password})
    assert result.exit_code == exit_code, result.output
    assert len(inbox.received) == delivered
    if password == "wrong":
        assert "refused the login for 'helen' (535" in " ".join(result.stderr.split())
    assert password not in result.output


def read_until(fd: int, wanted: bytes, timeout: float = 30) -> bytes:
    """What a process writes to ``fd`` until ``wanted`` appears (or fail after ``timeout`` seconds)."""
    import os
    import select
    import time

    seen, deadline = b"", time.monotonic() + timeout
    while wanted not in seen:
        ready, _, _ = select.select([fd], [], [], max(deadline - time.monotonic(), 0))
        chunk = os.read(fd, 4096) if ready else b""
        assert chunk, f"{wanted!r} never came; the process wrote {seen!r}"
        seen += chunk
    return seen


@pytest.mark.skipif(bool(os.environ.get("CSPXL_PORTABLE_MODE")) or not hasattr(os, "openpty"),
                    reason="a pseudo-terminal and its hidden prompt (termios) are POSIX's; Windows prompts through "
                           "msvcrt, which this machine has not")
def test_without_cspxl_smtp_password_the_password_is_asked_for_at_the_terminal(workspace, guarded_server) -> None:
    """In a terminal (a pseudo-terminal here) with no CSPXL_SMTP_PASSWORD, cspxl asks for the password, and
    what is typed at the prompt is the password used."""
    import os
    import pty
    import subprocess
    import sys

    inbox, port = guarded_server
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CSPXL_SMTP_PASSWORD"}
    command = [sys.executable, "-m", "cspxl", "-w", str(workspace.root), "send", "2023-24-Q1", "--partner", "pcc",
               "--smtp", "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-security", "none",
               "--smtp-user", "helen"]
    process = subprocess.Popen(command, stdin=follower, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                               start_new_session=True)  # no controlling terminal: the prompt reads standard input
    try:
        os.close(follower)
        assert process.stderr is not None
        # The prompt's last character is written once echo is off, so what is typed next is read, not flushed.
        asked = read_until(process.stderr.fileno(), b"Password for helen at 127.0.0.1: ")
        os.write(leader, b"right\n")
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)
    assert process.returncode == 0, (asked + err).decode()
    assert b"right" not in out + asked + err
    assert len(inbox.received) == 1 and out.decode().startswith("sent     pcc issue")
