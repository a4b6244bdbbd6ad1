"""The coordinator's SMTP server: where and how to send, and each way it can fail put in one sentence."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from types import TracebackType

from ..errors import MailError, UsageError
from ..plan import Plan


@dataclass(frozen=True)
class Smtp:
    """Where and how to send: from the plan's Settings, each overridable on the command line."""

    host: str
    port: int
    security: str = "starttls"
    user: str = ""
    password: str = field(default="", repr=False)
    timeout: float = 30.0


def smtp_from_settings(plan: Plan, password: str = "", **overrides: object) -> Smtp:
    """The SMTP server from the plan's Settings, with command-line overrides (``None`` means not given)."""
    s = plan.settings
    given = {k: v for k, v in overrides.items() if v not in (None, "")}
    host = str(given.get("host", s.smtp_host))
    security = str(given.get("security", s.smtp_security or "starttls")).lower()
    if not host:
        raise UsageError("no SMTP server is set: fill in 'SMTP host' (and 'SMTP port') in the plan's Settings "
                         "sheet, give --smtp-host, or write drafts with --eml DIR instead.")
    if security not in ("starttls", "ssl", "none"):
        raise UsageError(f"SMTP security '{security}' is not starttls, ssl or none.")
    port = int(str(given.get("port", s.smtp_port or (465 if security == "ssl" else 587 if security == "starttls" else 25))))
    return Smtp(host=host, port=port, security=security, user=str(given.get("user", s.smtp_user)), password=password)


class Server:
    """One SMTP connection for a round, opened at the first message; failures become one sentence."""

    def __init__(self, smtp: Smtp | None) -> None:
        self.smtp = smtp
        self.client: smtplib.SMTP | None = None

    def __enter__(self) -> Server:
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        if self.client is not None:
            try:
                self.client.quit()
            except (smtplib.SMTPException, OSError):
                self.client.close()

    def _connect(self) -> smtplib.SMTP:
        s = self.smtp
        assert s is not None
        client: smtplib.SMTP | None = None
        try:
            if s.security == "ssl":
                client = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=ssl.create_default_context())
            else:
                client = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
                if s.security == "starttls":
                    client.starttls(context=ssl.create_default_context())
            if s.user:
                client.login(s.user, s.password)
            return client
        except BaseException:
            if client is not None:
                client.close()
            raise

    def _open(self) -> smtplib.SMTP:
        """Connect, turning each way it can fail into one sentence."""
        s = self.smtp
        assert s is not None
        where = f"{s.host}:{s.port}"
        try:
            return self._connect()
        except smtplib.SMTPAuthenticationError as exc:
            raise MailError(f"the SMTP server {where} refused the login for '{s.user}' ({_reply(exc)}); "
                            "check SMTP user and the password in CSPXL_SMTP_PASSWORD.") from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise MailError(f"the SMTP server {where} does not offer {s.security}; check SMTP security "
                            "(starttls, ssl or none) and SMTP port in the plan's Settings.") from exc
        except ssl.SSLError as exc:
            raise MailError(f"a secure (TLS) connection to {where} failed ({exc.reason or exc}); check SMTP "
                            "security and SMTP port (587 for starttls, 465 for ssl).") from exc
        except (TimeoutError, smtplib.SMTPException, OSError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            raise MailError(f"could not connect to the SMTP server {where} ({reason}); check SMTP host and "
                            "SMTP port in the plan's Settings, and that the network is up.") from exc

    def send(self, msg: EmailMessage, recipients: list[str]) -> tuple[set[str], str]:
        """Send to each recipient; the ones the server refused, and a sentence about them."""
        if self.client is None:
            self.client = self._open()
        try:
            refused = self.client.send_message(msg, to_addrs=recipients)
        except smtplib.SMTPRecipientsRefused as exc:
            return set(exc.recipients), _refusal(exc.recipients)
        except smtplib.SMTPSenderRefused as exc:
            raise MailError(f"the SMTP server refused to send from {exc.sender!r} ({_reply(exc)}); "
                            "check Coordinator email in the plan's Settings.") from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise MailError(f"the SMTP server stopped answering ({exc}); nothing more was sent. "
                            "Run the command again to send the rest.") from exc
        return set(refused), _refusal(refused) if refused else ""


def _reply(exc: smtplib.SMTPResponseException | smtplib.SMTPSenderRefused) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    return f"{exc.smtp_code} {text}".strip()


def _refusal(refused: dict[str, tuple[int, bytes]]) -> str:
    parts = [f"{address} ({code} {reply.decode('utf-8', 'replace')})" for address, (code, reply) in refused.items()]
    return "the server refused " + "; ".join(parts) + "; check the address in the plan's Partners sheet."
