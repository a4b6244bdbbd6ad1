"""Shared fixtures: a workspace on the example plan, plan workbooks from literal tables, returns filled in."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cspxl import Workspace, example_plan_path, init_workspace, load_plan


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A new workspace holding the shipped Sevenoaks example plan."""
    return init_workspace(tmp_path / "ws", example_plan_path())


@pytest.fixture
def plan(workspace: Workspace):  # noqa: ANN201
    return load_plan(workspace.plan_path)


def write_book(path: Path, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
    """A workbook as a coordinator would type it in Excel: each sheet a literal table, header first."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    wb.save(path)
    return path


def sheet_rows(path: Path, sheet: str) -> list[dict[str, Any]]:
    """A sheet of a written workbook as dicts keyed by its header row (row 1)."""
    wb = openpyxl.load_workbook(path)
    rows = list(wb[sheet].iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, r, strict=False)) for r in rows[1:] if any(v is not None for v in r)]


def by(rows: list[dict[str, Any]], column: str) -> dict[Any, dict[str, Any]]:
    return {r[column]: r for r in rows}
