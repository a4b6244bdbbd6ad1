from datetime import date, datetime

import pytest

from cspxl.cells import a1, normalise_status, normalise_yes_no, parse_date, parse_percent


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("31/12/2023", date(2023, 12, 31)),
        ("1/2/2024", date(2024, 2, 1)),  # day first: 1 February
        ("31-12-23", date(2023, 12, 31)),
        ("31.12.2023", date(2023, 12, 31)),
        ("2023-12-31", date(2023, 12, 31)),
        (datetime(2023, 12, 31, 0, 0), date(2023, 12, 31)),
        (date(2023, 12, 31), date(2023, 12, 31)),
        (45291, date(2023, 12, 31)),  # Excel's serial number for 31/12/2023
        ("12/31/2023", None),  # month first is never guessed
        ("31/02/2024", None),
        ("next week", None),
        ("", None),
    ],
)
def test_dates_are_read_uk_day_first(typed: object, expected: date | None) -> None:
    assert parse_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "fmt", "expected"),
    [(50, "0", 50), ("50%", "General", 50), ("50", "@", 50), (0.5, "0%", 50), (0.755, "0.0%", 75.5),
     (" 75 % ", "General", 75), ("half", "General", None), (True, "General", None)],
)
def test_percentages_as_people_type_them(typed: object, fmt: str, expected: float | None) -> None:
    got = parse_percent(typed, fmt)
    assert got is None if expected is None else got == pytest.approx(expected)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("on track ", "On track"), ("ON TRACK", "On track"), ("On-track", "On track"), ("off track", "Off track"),
     ("complete", "Completed"), ("Done", "Completed"), ("at risk", "At risk"), ("green", None), ("", None)],
)
def test_status_words_are_normalised(typed: str, expected: str | None) -> None:
    assert normalise_status(typed) == expected


def test_yes_no_and_cell_names() -> None:
    assert [normalise_yes_no(v) for v in ("y", "YES", " no ", True, "maybe")] == ["Yes", "Yes", "No", "Yes", None]
    assert (a1(7, 6), a1(1, 27), a1(1, 16384)) == ("F7", "AA1", "XFD1")
