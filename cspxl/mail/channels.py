"""How the messages of an e-mail round leave: through the council's SMTP server, as drafts the
coordinator sends from Outlook, or already sent by hand and only to be recorded.

One value says which, so a round can never be asked to do two of them at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .smtp import Smtp


@dataclass(frozen=True)
class Drafts:
    """Write each message as an ``.eml`` draft in ``folder``: Outlook and Thunderbird open one ready to send."""

    folder: Path


@dataclass(frozen=True)
class ByHand:
    """The coordinator e-mailed the returns themselves: record each as sent ``on`` (default today)."""

    on: date | None = None


#: Where cspxl writes the messages itself: sent now, or drafted.
Outbox = Smtp | Drafts
#: Every way a round's returns can go out.
Channel = Smtp | Drafts | ByHand

__all__ = ["ByHand", "Channel", "Drafts", "Outbox", "Smtp"]
