"""A piece of personal data found in text: its kind and its span, how it is named, and how it is removed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

Kind = Literal["name", "address", "postcode", "date of birth", "NHS number", "NI number", "phone", "email",
               "crime reference", "vehicle registration", "social media handle"]
#: Every kind, in the order the master lists them.
KINDS: tuple[Kind, ...] = get_args(Kind)


class Finding(BaseModel):
    """One piece of personal data: its kind and where it is in the text (``text[start:end]``)."""

    model_config = ConfigDict(frozen=True)

    kind: Kind
    start: int
    end: int

    @property
    def placeholder(self) -> str:
        return f"[{self.kind} removed]"


def kinds_found(findings: Iterable[Finding]) -> str:
    """The kinds among ``findings``, in the standard order, as the master shows them: ``name; phone``."""
    found = {f.kind for f in findings}
    return "; ".join(k for k in KINDS if k in found)


def redact(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with each finding replaced by its placeholder; nothing else changes."""
    out, at = [], 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < at:
            continue
        out += [text[at:f.start], f.placeholder]
        at = f.end
    return "".join(out) + text[at:]


def hint(text: str, finding: Finding) -> str:
    """Enough of a finding to find it in the cell, never the whole of it: ``07…`` (12 characters)."""
    found = text[finding.start:finding.end]
    return f"'{found[:2] if len(found) > 4 else found[:1]}…' ({len(found)} characters)"
