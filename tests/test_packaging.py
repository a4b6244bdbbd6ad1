"""The wheel holds every file the package needs: what `pip install .` installs is what the tests ran.

An editable install reads data files from the checkout, so a file left out of the wheel passes
every other test and fails only for people who install cspxl as a package.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Made by running or testing cspxl in the checkout; never part of the package.
_NOT_SOURCE = ("__pycache__", ".cspxl-cache")


def _source_files() -> set[str]:
    return {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "cspxl").rglob("*")
        if path.is_file() and not any(part in _NOT_SOURCE for part in path.parts) and path.suffix != ".pyc"
    }


def _checkout_copy(dest: Path) -> Path:
    """The checkout as a clean clone has it, so building leaves nothing behind in the real one."""
    ignore = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", *_NOT_SOURCE, ".pytest_cache",
                                    ".mypy_cache", ".ruff_cache")
    return Path(shutil.copytree(ROOT, dest, symlinks=True, ignore=ignore))


def test_the_wheel_holds_every_file_under_the_package(tmp_path: Path) -> None:
    source = _checkout_copy(tmp_path / "checkout")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path / "dist"),
         str(source)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = (tmp_path / "dist").glob("cspxl-*.whl")
    with zipfile.ZipFile(wheel) as z:
        packaged = {n for n in z.namelist() if n.startswith("cspxl/")}
        example = z.read("cspxl/data/sevenoaks-2023-24-plan.xlsx")
        licences = [z.read(n) for n in z.namelist() if ".dist-info/" in n and n.rsplit("/", 1)[-1] == "LICENSE"]
    assert licences == [(ROOT / "LICENSE").read_bytes()]  # nobody may reuse the code without it
    assert sorted(_source_files() - packaged) == []
    assert example == (ROOT / "workbooks" / "sevenoaks-2023-24-plan.xlsx").read_bytes()


def test_no_symlink_is_in_the_repository_or_the_source_distribution(tmp_path: Path) -> None:
    """A Windows checkout turns a symbolic link into a small text file holding its target's path: the
    example plan once was one, and a council laptop's copy of it was no workbook."""
    import tarfile

    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-s"], capture_output=True, text=True, check=False)
    if tracked.returncode == 0:
        assert [line.split("\t")[1] for line in tracked.stdout.splitlines() if line.startswith("120000")] == []
    assert [p.relative_to(ROOT).as_posix() for p in (ROOT / "cspxl").rglob("*") if p.is_symlink()] == []
    source = _checkout_copy(tmp_path / "checkout")
    build = "import setuptools.build_meta as backend, sys; backend.build_sdist(sys.argv[1])"  # what pip's build runs
    done = subprocess.run([sys.executable, "-c", build, str(tmp_path / "dist")], cwd=source, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    (sdist,) = (tmp_path / "dist").glob("cspxl-*.tar.gz")
    with tarfile.open(sdist) as tar:
        members = tar.getmembers()
    assert [m.name for m in members if m.issym() or m.islnk()] == []
    assert any(m.name.endswith("cspxl/data/sevenoaks-2023-24-plan.xlsx") and m.size > 10_000 for m in members)
    assert "LICENSE" in {m.name.split("/", 1)[1] for m in members if "/" in m.name}  # the licence travels too
