"""The demo's workspace, run once for the papers' tests: a whole year of the example plan, rolled over."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cspxl.cli import main


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The demo's workspace and what it said.  Tests write their papers elsewhere (``--out``) or under
    names the demo does not use, so the workspace stays as the demo left it."""
    root = tmp_path_factory.mktemp("demo") / "d"
    result = CliRunner().invoke(main, ["demo", str(root)])
    assert result.exit_code == 0, result.output
    return root, result.stdout
