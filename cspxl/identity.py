"""A return's identity: who issued it, to whom, for which period, and a signature nobody else can make.

The identity lives in cells of a very hidden sheet, because cells are what every spreadsheet
program keeps when it re-saves a file; file names and document properties do not survive.
The signature is an HMAC-SHA256 over the identity's exact text, keyed by the workspace's secret.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import IdentityFailure

IDENTITY_SHEET = "cspxl"
IDENTITY_MARK = "cspxl return identity v1"
#: Where on the identity sheet the parts live (row, column; 0-based as XlsxWriter writes them).
MARK_CELL, PAYLOAD_CELL, SIGNATURE_CELL = (0, 0), (1, 0), (2, 0)

FORMAT = "cspxl-return/1"


class Identity(BaseModel):
    """What a return was issued as; signed, so that a partner cannot change it unnoticed."""

    model_config = ConfigDict(frozen=True)

    format: str = FORMAT
    workspace: str
    partner: str
    period: str
    plan_version: str
    actions: tuple[str, ...]
    issued: date
    issue: int = Field(default=1, ge=1, description="1 for the first return issued for the period, then 2, 3…")
    #: The measures whose figures the return asks for, on its Measures sheet.
    measures: tuple[str, ...] = ()
    #: The strategic assessment's indicators an assessment data return asks for, on its Indicators sheet.
    indicators: tuple[str, ...] = ()
    #: The recommendations of reviews a return asks about, on its Recommendations sheet.
    recommendations: tuple[str, ...] = ()

    def payload(self) -> str:
        """The canonical text that is stored and signed.

        A return asking for no figures (no indicators, no recommendations) leaves those out, so
        that an identity issued before cspxl asked for them reads back to the very text it was signed as
        (the register finds issued returns by it).
        """
        fields = self.model_dump(mode="json", exclude={name for name in ("measures", "indicators", "recommendations")
                                                       if not getattr(self, name)})
        return json.dumps(fields, sort_keys=True, separators=(",", ":"))


def new_key() -> bytes:
    """A fresh 256-bit signing key."""
    return secrets.token_bytes(32)


def workspace_id(key: bytes) -> str:
    """A workspace's public name, derived from its key so the two cannot drift apart."""
    return "ws-" + hashlib.sha256(b"cspxl workspace id:" + key).hexdigest()[:12]


def sign(payload: str, key: bytes) -> str:
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def verify(mark: object, payload: object, signature: object, key: bytes) -> Identity:
    """Check the three identity cells against the workspace key; raise :class:`IdentityFailure` if not ours."""
    if mark != IDENTITY_MARK or not isinstance(payload, str) or not isinstance(signature, str):
        raise IdentityFailure("identity-missing")
    try:
        claimed = json.loads(payload)
        issuer = claimed.get("workspace", "") if isinstance(claimed, dict) else ""
    except ValueError:
        issuer = ""
    if issuer and issuer != workspace_id(key):
        raise IdentityFailure("identity-foreign", str(issuer))
    if not hmac.compare_digest(sign(payload, key), signature.strip().lower()):
        raise IdentityFailure("identity-invalid")
    try:
        return Identity.model_validate_json(payload)
    except ValidationError as exc:  # signed by us yet unreadable: only a future format could do this
        raise IdentityFailure("identity-invalid") from exc
