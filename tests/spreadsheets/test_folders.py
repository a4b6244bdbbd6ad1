"""What a folder given to ingest yields: files in name order, links to files, never cspxl's own files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cspxl.spreadsheets.folders import expand


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    inbox, outside, own = tmp_path / "inbox", tmp_path / "outside", tmp_path / "workspace"
    for folder in (inbox / "a", outside, own):
        folder.mkdir(parents=True)
    for path in (inbox / "b.xlsx", inbox / "a" / "c.xlsx", inbox / "a-b.xlsx", inbox / "notes.txt",
                 outside / "x.xlsx", own / "plan.xlsx"):
        path.write_bytes(b"PK")
    (inbox / "link.xlsx").symlink_to(outside / "x.xlsx")
    (inbox / "folder-link").symlink_to(outside, target_is_directory=True)
    (inbox / "plan-link.xlsx").symlink_to(own / "plan.xlsx")
    (inbox / "broken.xlsx").symlink_to(tmp_path / "gone.xlsx")
    return tmp_path


def test_a_folder_yields_its_files_in_name_order_following_file_links_only(tree: Path) -> None:
    found = [(str(p.relative_to(tree)), why, by_bytes) for p, why, by_bytes in expand([tree / "inbox"],
                                                                                      [tree / "workspace"])]
    assert found == [
        ("inbox/a/c.xlsx", "", False),
        ("inbox/a-b.xlsx", "", False),
        ("inbox/b.xlsx", "", False),
        ("inbox/link.xlsx", "", False),
        ("inbox/notes.txt", "", True),  # its bytes will say whether it is a workbook after all
        ("inbox/plan-link.xlsx", "skipped: one of cspxl's own files in the workspace", False),
    ]


def test_a_folder_that_cannot_be_opened_is_skipped_with_a_reason(tree: Path, monkeypatch) -> None:
    real = os.scandir

    def scandir(path):  # noqa: ANN001, ANN202 - os.scandir's own signature
        if Path(path).name == "a":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr("cspxl.spreadsheets.folders.os.scandir", scandir)
    found = {str(p.relative_to(tree)): why for p, why, _ in expand([tree / "inbox"], [tree / "workspace"])}
    assert found["inbox/a"] == "skipped: the folder cannot be opened (Permission denied)"
    assert found["inbox/b.xlsx"] == ""
