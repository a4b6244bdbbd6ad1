"""Whatever bytes arrive, ingest ends in an accepted return or a clear rejection, never a traceback."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from freezegun import freeze_time
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cspxl import Register, example_plan_path, generate, ingest, init_workspace, parse_period
from cspxl.demo.partners import fill_return


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, bytes]:
    root = tmp_path_factory.mktemp("fuzz")
    ws = init_workspace(root / "ws", example_plan_path())
    with freeze_time("2023-07-03"):
        issued = generate(ws, parse_period("2023-24-Q1"), ["pcc"])["pcc"]
    filled = fill_return(issued, root / "pcc.xlsx", {"A05": {"Status": "At risk", "Progress update": "Delayed."},
                                                     "A23": {"Status": "Completed", "Date completed": "28/06/2023"}})
    return ws, filled.read_bytes()


mutations = st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), min_size=1, max_size=8)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=mutations, cut=st.one_of(st.none(), st.integers(min_value=0)))
def test_mutated_bytes_are_accepted_or_rejected_cleanly(valid, tmp_path_factory, changes, cut) -> None:
    ws, content = valid
    data = bytearray(content)
    for position, byte in changes:
        data[position % len(data)] = byte
    if cut is not None:
        data = data[: cut % len(data)]
    path = Path(tmp_path_factory.mktemp("m")) / "mutated.xlsx"
    path.write_bytes(bytes(data))
    with Register(ws.register_path, ws.archive_dir) as reg:
        before = reg.counts()
    (outcome,) = ingest(ws, [path], received=datetime(2023, 7, 10)).files
    assert outcome.outcome in ("accepted", "rejected", "duplicate")
    assert all(p.message and p.fix for p in outcome.problems)
    if outcome.outcome == "rejected":
        with Register(ws.register_path, ws.archive_dir) as reg:
            assert reg.counts() == before
        assert len(outcome.problems) == 1 and "\n" not in str(outcome.problems[0])
