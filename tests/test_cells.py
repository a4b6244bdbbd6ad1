from datetime import date, datetime

import pytest

from cspxl.cells import Percent, a1, normalise_status, normalise_yes_no, parse_date, parse_percent


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("31/12/2023", date(2023, 12, 31)),
        ("1/2/2024", date(2024, 2, 1)),  # day first: 1 February
        ("31-12-23", date(2023, 12, 31)),
        ("31.12.2023", date(2023, 12, 31)),
        ("2023-12-31", date(2023, 12, 31)),
        ("2024-06-05", date(2024, 6, 5)),  # ISO: the year first, then the month
        ("28th June 2024", date(2024, 6, 28)),
        ("28 June 2024", date(2024, 6, 28)),
        ("28 Jun 24", date(2024, 6, 28)),
        ("28/6/24", date(2024, 6, 28)),
        ("28.06.2024", date(2024, 6, 28)),
        ("1st of July 2024", date(2024, 7, 1)),
        ("Monday 1 July 2024", date(2024, 7, 1)),
        ("30th Sept 2024", date(2024, 9, 30)),
        (datetime(2023, 12, 31, 0, 0), date(2023, 12, 31)),
        (date(2023, 12, 31), date(2023, 12, 31)),
        (45291, date(2023, 12, 31)),  # Excel's serial number for 31/12/2023
        ("12/31/2023", None),  # month first is never guessed
        ("6/28/24", None),
        ("31/02/2024", None),
        ("June 2024", None),  # no day: not a date
        ("28 June", None),  # no year
        ("20240628", None),  # figures alone could be anything
        ("end of June", None),
        ("TBC", None),
        ("next week", None),
        ("", None),
    ],
)
def test_dates_are_read_uk_day_first(typed: object, expected: date | None) -> None:
    assert parse_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "fmt", "expected"),
    [
        # What Excel and LibreOffice store for 100%, 50%, 50 %, 50 and 0 typed into a General cell.
        (1, "0%", Percent(100)),
        (0.5, "0.00%", Percent(50)),
        (50, "General", Percent(50)),
        (0, "General", Percent(0)),
        (1, "General", Percent(1)),  # 100% typed would have given the cell a percent format
        # Typed as text (a text-formatted cell, a CSV pasted in).
        ("50%", "@", Percent(50)),
        (" 50 % ", "@", Percent(50)),
        ("50", "@", Percent(50)),
        (0.755, "0.0%", Percent(75.5)),
        # Could be either: both readings, never a guess.
        (0.5, "General", Percent(None, (0.5, 50))),
        ("0.5", "@", Percent(None, (0.5, 50))),
        (60, "0%", Percent(None, (60, 6000))),  # 60 typed into a cell already made a percentage: 6000%
        # Not a percentage at all.
        ("half", "General", Percent(None)),
        ("nan", "@", Percent(None)),
        (True, "General", Percent(None)),
        (150, "General", Percent(150)),  # out of range: the reader says so
    ],
)
def test_percentages_as_people_type_them(typed: object, fmt: str, expected: Percent) -> None:
    got = parse_percent(typed, fmt)
    assert got.readings == (None if expected.readings is None else pytest.approx(expected.readings))
    assert got.value == (None if expected.value is None else pytest.approx(expected.value))


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


@pytest.mark.parametrize(("ref", "row_col"), [
    ("A1", (1, 1)), ("Z9", (9, 26)), ("AA10", (10, 27)), ("AB3", (3, 28)), ("$XFD$1048576", (1048576, 16384)),
])
def test_a_cells_name_gives_its_row_and_column(ref: str, row_col: tuple[int, int]) -> None:
    from cspxl.cells import parse_a1

    assert parse_a1(ref) == row_col


@pytest.mark.parametrize(("text", "shown"), [
    ("x" * 60, "x" * 60),  # as long as a preview may be: whole
    ("x" * 61, "x" * 59 + "…"),  # one more: cut to 60 with the ellipsis
    ("two\n  lines", "two lines"),
])
def test_a_preview_is_one_line_of_at_most_60_characters(text: str, shown: str) -> None:
    from cspxl.cells import preview

    assert preview(text) == shown


@pytest.mark.parametrize(("value", "day"), [
    (0, None), (1, date(1899, 12, 31)), (2958465, date(9999, 12, 31)), (2958466, None),  # Excel's serial numbers
    (2958467, None), (10**9, None),  # far past the last day Excel has: no date, and no error
    ("28" + " " * 49 + "June 2024", date(2024, 6, 28)),  # sixty characters: still read
    ("28" + " " * 50 + "June 2024", None),  # sixty-one: not a date anyone typed
])
def test_a_date_is_read_within_excels_serial_numbers_and_sixty_characters(value: object, day: date | None) -> None:
    assert parse_date(value) == day


@pytest.mark.parametrize(("value", "number_format", "percent"), [
    (1, "0%", Percent(100.0)),  # 100% as Excel stores it
    (1.5, "0%", Percent(None, (1.5, 150.0))),  # 1.5 in a percent cell: 1.5% typed, or 150%
    (100, "0%", Percent(None, (100.0, 10000.0))),
    (101, "0%", Percent(10100.0)),  # past 100 it cannot be a percentage typed in: out of range at the cell
    (1, None, Percent(1.0)),  # 1 without a percent format is one percent
    (0.999, None, Percent(None, (0.999, 99.9))),
    (0, None, Percent(0.0)), (0, "0%", Percent(0.0)), ("0", None, Percent(0.0)), ("1", None, Percent(1.0)),
    ("-0.5", None, Percent(-0.5)),  # below zero is out of range (said so at the cell), not ambiguous
    (-0.5, None, Percent(-0.5)),
])
def test_percentages_at_the_edges_of_ambiguity(value: object, number_format: str | None, percent: Percent) -> None:
    assert parse_percent(value, number_format) == percent


@pytest.mark.parametrize("fmt", ["0%", "0.00%", "0.0%"])
def test_every_whole_percentage_as_a_percent_cell_stores_it_is_that_whole_number(fmt: str) -> None:
    """Excel and Calc store 55% as the fraction 0.55, and 0.55 x 100 is 55.00000000000001 in floating
    point: it is still 55, never a percentage to round."""
    assert {k: parse_percent(k / 100, fmt) for k in range(101)} == {k: Percent(float(k)) for k in range(101)}


@pytest.mark.parametrize(("typed", "fmt", "expected"), [
    (0.555, "0.0%", Percent(55.5)),  # really not whole: the reader rounds it, with a warning
    (0.5549999, "0.00%", Percent(55.49999)),
])
def test_a_percentage_that_is_really_not_whole_stays_not_whole(typed: float, fmt: str, expected: Percent) -> None:
    assert parse_percent(typed, fmt) == expected
