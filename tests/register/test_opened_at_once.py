"""The register opened by several at once, as the page's background views, its job and a command beside it do."""

from __future__ import annotations

import threading
from collections.abc import Callable
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


def test_a_register_being_made_while_others_read_it_is_made_and_they_read_it_empty(tmp_path: Path) -> None:
    for n in range(ROUNDS):
        path = tmp_path / f"{n}" / "register.sqlite"
        path.parent.mkdir()

        def read() -> None:
            with Register(path, path.parent / "archive", readonly=True) as register:
                assert register.closed_periods() == []

        def make() -> None:
            with Register(path, path.parent / "archive"):
                pass

        assert _alongside(3, read, make) == []
        with Register(path, path.parent / "archive", readonly=True) as register:
            assert register.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_two_making_the_same_register_at_once_both_have_it(tmp_path: Path) -> None:
    for n in range(ROUNDS // 4):
        path = tmp_path / f"{n}" / "register.sqlite"
        path.parent.mkdir()

        def make() -> None:
            with Register(path, path.parent / "archive"):
                pass

        assert _alongside(2, make, make) == []


@pytest.mark.parametrize("readonly", [True, False])
def test_opening_a_register_that_has_every_table_writes_nothing(tmp_path: Path, readonly: bool) -> None:
    path = tmp_path / "register.sqlite"
    with Register(path, tmp_path / "archive"):
        pass
    before = path.stat().st_mtime_ns, path.read_bytes()
    with Register(path, tmp_path / "archive", readonly=readonly):
        pass
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before
