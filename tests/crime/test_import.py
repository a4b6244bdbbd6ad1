"""``cspxl crime import``: police.uk street-level files, made here in police.uk's format, counted for the area."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from cspxl.cli import main
from cspxl.crime.imports import missing_months
from cspxl.register.crime import crime_counts, crime_months
from cspxl.workspace import Workspace

HEADER = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location", "LSOA code",
          "LSOA name", "Crime type", "Last outcome category", "Context"]
KENT, BTP, ESSEX = "Kent Police", "British Transport Police", "Essex Police"


def street_file(rows: list[tuple[str, str, str, str, str]]) -> bytes:
    """A street-level CSV as police.uk writes it: rows of (month, force, LSOA code, LSOA name, crime type)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for n, (month, force, code, name, kind) in enumerate(rows):
        crime_id = "" if kind == "Anti-social behaviour" else f"{n:064x}"
        writer.writerow([crime_id, month, force, force, "0.190000", "51.270000", "On or near High Street", code, name,
                         kind, "Under investigation" if crime_id else "", ""])
    return out.getvalue().encode()


APRIL = [("2023-04", KENT, "E01024400", "Sevenoaks 001A", "Burglary")] * 3 + [
    ("2023-04", KENT, "E01024401", "Sevenoaks 012C", "Anti-social behaviour"),
    ("2023-04", KENT, "E01024401", "Sevenoaks 012C", "Anti-social behaviour"),
    ("2023-04", KENT, "E01024490", "Tonbridge and Malling 003B", "Burglary"),  # next door: not counted
    ("2023-04", KENT, "E01099999", "Sevenoaksville 001A", "Drugs"),  # a name that only starts the same
]
JUNE = [("2023-06", KENT, "E01024400", "Sevenoaks 001A", "Vehicle crime"),
        ("2023-06", KENT, "E01024400", "Sevenoaks 001A", "Shoplifting")]
BTP_APRIL = [("2023-04", BTP, "E01024402", "Sevenoaks 004B", "Theft from the person"),
             ("2023-04", BTP, "E01033333", "Dartford 002A", "Robbery")]
ESSEX_APRIL = [("2023-04", ESSEX, "E01021111", "Basildon 001A", "Burglary")]


def run(ws: Workspace, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["-w", str(ws.root), "crime", "import", *args])
    return result.exit_code, " ".join(result.stdout.split()), " ".join(result.stderr.split())


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    """What a coordinator downloads: April in a folder per force, June in a zip archive, May never."""
    root = tmp_path / "police.uk"
    (root / "2023-04").mkdir(parents=True)
    (root / "2023-04" / "2023-04-kent-street.csv").write_bytes(street_file(APRIL))
    (root / "2023-04" / "2023-04-btp-street.csv").write_bytes(street_file(BTP_APRIL))
    (root / "2023-04" / "2023-04-essex-street.csv").write_bytes(street_file(ESSEX_APRIL))
    with zipfile.ZipFile(root / "june.zip", "w") as z:
        z.writestr("2023-06/2023-06-kent-street.csv", street_file(JUNE))
    return root


def test_crimes_in_the_area_are_counted_by_month_and_type_and_a_missing_month_is_said(workspace, downloads) -> None:
    code, out, _ = run(workspace, str(downloads))
    assert code == 0, out
    assert out == (
        "imported 2023-04-btp-street.csv: 1 crimes in Sevenoaks, April 2023 (British Transport Police) "
        "skipped 2023-04-essex-street.csv: no crime in Sevenoaks in it (Essex Police, April 2023); nothing recorded "
        "imported 2023-04-kent-street.csv: 5 crimes in Sevenoaks, April 2023 (Kent Police) "
        "imported june.zip:2023-06/2023-06-kent-street.csv: 2 crimes in Sevenoaks, June 2023 (Kent Police) "
        "Held for Sevenoaks: April 2023 to June 2023; missing, so not counted: May 2023.")
    with workspace.register(readonly=True) as register:
        assert crime_counts(register, "name:sevenoaks") == {
            "2023-04": {"Anti-social behaviour": 2, "Burglary": 3, "Theft from the person": 1},
            "2023-06": {"Shoplifting": 1, "Vehicle crime": 1},
        }
        assert crime_months(register, "name:sevenoaks") == {"2023-04": [BTP, KENT], "2023-06": [KENT]}


def test_importing_the_same_files_again_changes_nothing(workspace, downloads) -> None:
    run(workspace, str(downloads))
    with workspace.register(readonly=True) as register:
        before = crime_counts(register, "name:sevenoaks")
    code, out, _ = run(workspace, str(downloads / "june.zip"), str(downloads / "2023-04"))
    assert code == 0
    assert out.count("skipped") == 4 and out.count("already imported on") == 3 and " crimes in " not in out
    with workspace.register(readonly=True) as register:
        assert crime_counts(register, "name:sevenoaks") == before


def test_a_month_published_again_replaces_that_months_counts_for_its_force(workspace, downloads, tmp_path) -> None:
    run(workspace, str(downloads))
    again = tmp_path / "2023-04-kent-street.csv"
    again.write_bytes(street_file(APRIL[:1]))  # police.uk corrected April: one burglary, no ASB
    code, out, _ = run(workspace, str(again))
    assert code == 0 and "imported 2023-04-kent-street.csv: 1 crimes in Sevenoaks, April 2023 (Kent Police)" in out
    with workspace.register(readonly=True) as register:
        assert crime_counts(register, "name:sevenoaks")["2023-04"] == {"Burglary": 1, "Theft from the person": 1}


def test_a_file_that_is_not_police_uk_data_is_named_and_exits_1(workspace, tmp_path) -> None:
    notes = tmp_path / "notes.csv"
    notes.write_text("Month,Crimes\n2023-04,12\n")
    code, out, _ = run(workspace, str(notes))
    assert code == 1
    assert out == ("skipped notes.csv: not a police.uk street-level file (its first row is not police.uk's header); "
                   "nothing recorded No month of crime in Sevenoaks is held yet.")


def test_the_area_can_be_a_list_of_lsoa_codes(workspace, downloads) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(workspace.plan_path)
    areas = wb["Crime areas"]
    areas.append(["E01024400"])
    areas.append(["e01024402"])
    wb.save(workspace.plan_path)
    code, out, _ = run(workspace, str(downloads / "2023-04"))
    assert code == 0 and "Held for the 2 LSOAs of Crime areas: April 2023." in out
    assert "imported 2023-04-kent-street.csv: 3 crimes in the 2 LSOAs of Crime areas" in out


def test_a_plan_naming_no_area_is_refused_in_one_sentence(tmp_path, downloads) -> None:
    import openpyxl

    from cspxl import example_plan_path, init_workspace

    ws = init_workspace(tmp_path / "ws", example_plan_path())
    wb = openpyxl.load_workbook(ws.plan_path)
    settings = wb["Settings"]
    (row,) = [r for r in settings.iter_rows() if r[0].value == "Crime area"]
    row[1].value = None
    wb.save(ws.plan_path)
    code, _, err = run(ws, str(downloads))
    assert code == 2
    assert err.endswith("the plan does not say which area's crimes to count: give a Crime area in Settings (the start "
                        "of its LSOA names in police.uk's files, e.g. Sevenoaks) or list its LSOA codes in a Crime "
                        "areas sheet, then import again.")


@pytest.mark.parametrize(("held", "missing"), [
    ([], []), (["2023-04"], []), (["2023-04", "2023-06"], ["2023-05"]),
    (["2023-11", "2024-02"], ["2023-12", "2024-01"]), (["2023-12", "2024-01"], []),
])
def test_the_months_missing_are_those_between_the_first_and_last_held(held: list[str], missing: list[str]) -> None:
    assert list(missing_months(held)) == missing


def test_a_workbook_given_instead_of_police_uk_files_is_named(workspace, tmp_path) -> None:
    from cspxl import example_plan_path

    code, out, _ = run(workspace, str(example_plan_path()))
    assert code == 1
    assert out.startswith("skipped sevenoaks-2023-24-plan.xlsx: not a police.uk street-level file (an archive with no "
                          "CSV file in it, or a workbook); nothing recorded")


def test_a_file_of_several_months_is_recorded_whole(workspace, tmp_path) -> None:
    both = tmp_path / "2023-q1-kent-street.csv"
    both.write_bytes(street_file(APRIL + JUNE))
    code, out, _ = run(workspace, str(both))
    assert code == 0 and "7 crimes in Sevenoaks, April 2023, June 2023 (Kent Police)" in out
    with workspace.register(readonly=True) as register:
        assert sorted(crime_months(register, "name:sevenoaks")) == ["2023-04", "2023-06"]
    code, out, _ = run(workspace, str(both))
    assert "already imported on" in out
