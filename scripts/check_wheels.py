"""Check that every dependency of cspxl installs as a wheel on each platform a council laptop may be.

A coordinator's laptop has no compiler: a dependency that ships no wheel for Windows or macOS
breaks ``pip install cspxl`` there.  For each platform and each supported Python this asks pip to
resolve the dependencies in ``setup.cfg`` from wheels alone (``--only-binary=:all:``), without
installing or downloading them (``--dry-run``), and says which combination fails, and why::

    python scripts/check_wheels.py            # exits 1 if any platform cannot install from wheels
"""

from __future__ import annotations

import configparser
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The platforms cspxl is tested on and meant for, as pip names their wheels (pip takes older macOS versions
#: as compatible by itself, but each manylinux tag must be named).
PLATFORMS = {
    "Windows (x64)": ("win_amd64",),
    "macOS (Apple silicon)": ("macosx_11_0_arm64",),
    "macOS (Intel)": ("macosx_11_0_x86_64",),
    "Linux (x64)": ("manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64"),
}
PYTHONS = ("3.11", "3.12", "3.13")


def requirements() -> list[str]:
    """The install requirements ``setup.cfg`` declares."""
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    return [line.strip() for line in config["options"]["install_requires"].splitlines() if line.strip()]


def check(platform: tuple[str, ...], python: str, wanted: list[str]) -> str:
    """'' when pip can resolve ``wanted`` from wheels alone for that platform and Python; else pip's reason."""
    tags = [option for tag in platform for option in ("--platform", tag)]
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet", "--only-binary=:all:",
         *tags, "--python-version", python, "--implementation", "cp",
         "--target", tempfile.gettempdir(), *wanted],
        capture_output=True, text=True, check=False)
    if done.returncode == 0:
        return ""
    lines = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
    return " ".join(lines) or done.stderr.strip().splitlines()[-1]


def main() -> int:
    wanted, failed = requirements(), 0
    for name, platform in PLATFORMS.items():
        for python in PYTHONS:
            why = check(platform, python, wanted)
            failed += bool(why)
            print(f"{'ok  ' if not why else 'FAIL'} {name}, Python {python} ({platform[0]})" + (f": {why}" if why else ""))
    print(f"{len(PLATFORMS) * len(PYTHONS) - failed} of {len(PLATFORMS) * len(PYTHONS)} platforms install every "
          "dependency from wheels.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
