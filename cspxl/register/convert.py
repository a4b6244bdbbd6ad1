"""Records to SQLite rows and back: dates as ISO text, findings and cells as compact JSON."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..screening import Finding
from .records import Answer, Figure, SubmissionRecord, trusted

if TYPE_CHECKING:
    from ..spreadsheets.write import Written


def findings_to_json(findings: tuple[Finding, ...] | None) -> str | None:
    """``[[kind, start, end], ...]``; NULL when the update was never screened."""
    if findings is None:
        return None
    return json.dumps([[f.kind, f.start, f.end] for f in findings], separators=(",", ":"))


def findings_from_json(text: str | None) -> tuple[Finding, ...] | None:
    if text is None:
        return None
    if text == "[]":
        return ()
    return tuple(Finding(kind=k, start=s, end=e) for k, s, e in json.loads(text))


def cells_to_json(cells: Written) -> str:
    """Each sheet's cells as ``[row, column, value]``, a date as ``{"datetime": iso}``."""
    return json.dumps({name: [[r, c, v] for (r, c), v in sheet.items()] for name, sheet in cells.items()},
                      ensure_ascii=False, separators=(",", ":"), default=_datetime_to_json)


def _datetime_to_json(value: object) -> object:
    if isinstance(value, date):
        return {"datetime": value.isoformat()}
    raise TypeError(f"a cell cannot hold {type(value).__name__}")


def cells_from_json(text: str) -> Written:
    def value(v: object) -> object:
        return datetime.fromisoformat(v["datetime"]) if isinstance(v, dict) else v

    return {name: {(r, c): value(v) for r, c, v in sheet} for name, sheet in json.loads(text).items()}


def iso_until(when: datetime | None) -> str:
    """ISO text that sorts after every stored time up to ``when`` (or after all of them)."""
    return when.isoformat() if when else "9999"


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def answer_from_row(r: sqlite3.Row) -> Answer:
    return trusted(Answer, action_id=r["action_id"], row=r["sheet_row"], status=r["status"], percent=r["percent"],
                   date_completed=_date(r["date_completed"]), revised_target=_date(r["revised_target"]),
                   progress=r["progress"], support_needed=r["support_needed"],
                   needs_correction=bool(r["needs_correction"]),
                   personal=findings_from_json(r["personal"]) if "personal" in r.keys() else None)


def figure_from_row(r: sqlite3.Row) -> Figure:
    return trusted(Figure, measure_id=r["measure_id"], row=r["sheet_row"], value=r["value"], comment=r["comment"],
                   needs_correction=bool(r["needs_correction"]), personal=findings_from_json(r["personal"]))


def record_from_row(r: sqlite3.Row) -> SubmissionRecord:
    return SubmissionRecord(
        id=r["id"], sha256=r["sha256"], period=r["period"], partner=r["partner"], file_name=r["file_name"],
        source_path=r["source_path"], archive_path=r["archive_path"], plan_version=r["plan_version"],
        received_at=datetime.fromisoformat(r["received_at"]), ingested_at=datetime.fromisoformat(r["ingested_at"]),
    )

