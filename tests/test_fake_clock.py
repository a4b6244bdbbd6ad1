"""cspxl under a test's fake clock: freezegun's walk loads nothing, and a first use while the clock is
faked works and sees the faked day.  Each runs in a fresh interpreter, where nothing is loaded yet."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def python(code: str, cwd: Path) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, cwd=cwd,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_freezing_the_clock_loads_none_of_cspxls_modules(tmp_path: Path) -> None:
    said = python("""
        import sys
        from freezegun import freeze_time
        import cspxl
        with freeze_time("2023-07-01"):
            print(sorted(m for m in sys.modules if m.startswith("cspxl.")))
        print(sorted(name for name in dir(cspxl) if name in cspxl.__all__))
    """, tmp_path)
    assert said.splitlines() == ["['cspxl._version']", "['__version__']"]  # a string, loaded with the package


def test_the_api_first_used_under_a_fake_clock_works_on_the_faked_day(tmp_path: Path) -> None:
    said = python("""
        import sqlite3
        from datetime import date
        from freezegun import freeze_time
        import cspxl
        with freeze_time("2023-07-03 09:00"):
            ws = cspxl.init_workspace("ws", cspxl.example_plan_path())
            cspxl.generate(ws, cspxl.parse_period("2023-24-Q1"), ["pcc"])
            print(date.today())
        print(type(date.today()).__module__, date.today() > date(2023, 7, 3))
        print(sqlite3.connect("ws/register.sqlite").execute("SELECT issued_at FROM issued").fetchone()[0])
    """, tmp_path)
    assert said.splitlines() == ["2023-07-03", "datetime True", "2023-07-03T09:00:00"]


def test_the_command_line_first_run_under_a_fake_clock_works_on_the_faked_day(tmp_path: Path) -> None:
    said = python("""
        from click.testing import CliRunner
        from freezegun import freeze_time
        from cspxl.cli import main
        with freeze_time("2023-07-03 09:00"):
            for args in (["init", "--example", "ws"], ["-w", "ws", "generate", "Q1", "--partner", "pcc"],
                         ["-w", "ws", "status", "Q1"]):
                result = CliRunner().invoke(main, args)
                assert result.exit_code == 0, result.output
        print(" ".join(result.output.split()))
    """, tmp_path)
    assert "returns for 2023-24-Q1, due 14/07/2023 (as of 03/07/2023)" in said
    assert "pcc Not yet due" in said
