"""The register opened by several at once, as the page's background views, its job and a command beside it do,
and a register made by an older cspxl brought up to date."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from cspxl.register import Register

#: Enough rounds to catch the race that failed one writer in about sixteen (2 cores); each takes a few milliseconds.
ROUNDS = 120


def _alongside(others: int, other: Callable[[], None], first: Callable[[], None]) -> list[BaseException]:
    """Run ``first`` once while ``others`` threads run ``other`` over and over; what each raised."""
    raised: list[BaseException] = []
    stop = threading.Event()

    def again() -> None:
        while not stop.is_set():
            try:
                other()
            except BaseException as exc:  # noqa: BLE001 - collected for the assertion
                raised.append(exc)

    threads = [threading.Thread(target=again) for _ in range(others)]
    for t in threads:
        t.start()
    try:
        first()
    except BaseException as exc:  # noqa: BLE001
        raised.append(exc)
    finally:
        stop.set()
        for t in threads:
            t.join()
    return raised


def _read_empty(path: Path) -> None:
    with Register(path, path.parent / "archive", readonly=True) as register:
        assert register.closed_periods() == []


def _make(path: Path) -> None:
    with Register(path, path.parent / "archive"):
        pass


def _fresh(tmp_path: Path, n: int) -> Path:
    (tmp_path / f"round {n}").mkdir()
    return tmp_path / f"round {n}" / "register.sqlite"


def test_a_register_being_made_while_others_read_it_is_made_and_they_read_it_empty(tmp_path: Path) -> None:
    for n in range(ROUNDS):
        path = _fresh(tmp_path, n)
        assert _alongside(3, partial(_read_empty, path), partial(_make, path)) == []
        with Register(path, path.parent / "archive", readonly=True) as register:
            assert register.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_two_making_the_same_register_at_once_both_have_it(tmp_path: Path) -> None:
    for n in range(ROUNDS // 4):
        path = _fresh(tmp_path, n)
        assert _alongside(2, partial(_make, path), partial(_make, path)) == []


def _kept(path: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        return {(kind, name) for kind, name in db.execute("SELECT type, name FROM sqlite_master")}


@pytest.mark.parametrize("readonly", [True, False])
def test_a_register_missing_a_newer_table_and_index_gets_them_when_opened(tmp_path: Path, readonly: bool) -> None:
    path = tmp_path / "register.sqlite"
    _make(path)
    whole = _kept(path)
    with sqlite3.connect(path) as db:
        db.executescript("DROP INDEX issued_by_partner; DROP TABLE period_plans;")
    assert ("index", "issued_by_partner") not in _kept(path)
    with Register(path, tmp_path / "archive", readonly=readonly):
        pass
    assert _kept(path) == whole


@pytest.mark.parametrize("readonly", [True, False])
def test_opening_a_register_that_has_everything_changes_nothing_in_it(tmp_path: Path, readonly: bool) -> None:
    path = tmp_path / "register.sqlite"
    _make(path)
    before = path.stat().st_mtime_ns, path.read_bytes()
    with Register(path, tmp_path / "archive", readonly=readonly):
        pass
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before
