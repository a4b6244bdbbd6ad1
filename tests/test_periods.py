from datetime import date

import pytest
from click.testing import CliRunner

from cspxl import Period, UsageError, parse_period, period_of
from cspxl.workdays import deadline, is_working_day


@pytest.mark.parametrize("text", ["2024-25-Q2", "2024/25 Q2", "Q2 2024-25", "Q2 2024/25", "2024-25 Q2", "q2 2024-25",
                                  "2024-25-q2", " 2024-25  Q2 ", "2024/25-Q2", "Q2-2024-25", "2024-2025 Q2"])
def test_every_accepted_spelling_means_the_same_quarter(text: str) -> None:
    assert parse_period(text) == Period(year=2024, quarter=2)


def test_a_quarter_alone_is_the_quarter_of_the_year_given() -> None:
    assert parse_period("Q2", year=2024) == parse_period(" q2 ", year=2024) == Period(year=2024, quarter=2)


@pytest.mark.parametrize("text", ["2023-Q1", "2023-25-Q1", "Q5 2023-24", "2023-24", "", "first quarter", "2023-24-Q0",
                                  "Q1", "2023-24 Q1 Q2", "Q1 2023", "quarter 1 2023-24"])
def test_anything_else_is_one_sentence_naming_the_forms(text: str) -> None:
    with pytest.raises(UsageError, match=r"is not a period; write it like 2024-25-Q2, 2024-25 Q2, 2024/25 Q2, "
                                         r"Q2 2024-25, Q2 2024/25, or Q2 alone for the plan's year\.$"):
        parse_period(text)


def test_the_command_line_reads_a_quarter_alone_in_the_plans_year(workspace) -> None:
    from cspxl.cli import main

    done = CliRunner().invoke(main, ["--workspace", str(workspace.root), "status", "Q2", "--as-of", "01/08/2023"])
    assert done.exit_code == 0, done.output
    said = " ".join(done.output.split())
    assert "returns for 2023-24-Q2, due 16/10/2023" in said
    assert said.endswith("No returns for 2023-24-Q2 have been ingested yet; save them in a folder and run "
                         "'cspxl ingest FOLDER'.")
    bad = CliRunner().invoke(main, ["--workspace", str(workspace.root), "status", "Q 2 2023"])
    assert bad.exit_code == 2 and "'Q 2 2023' is not a period; write it like 2024-25-Q2" in bad.output


@pytest.mark.parametrize(
    ("text", "start", "end", "due"),
    [
        ("2023-24-Q1", date(2023, 4, 1), date(2023, 6, 30), date(2023, 7, 14)),  # a Friday
        ("2023-24-Q2", date(2023, 7, 1), date(2023, 9, 30), date(2023, 10, 16)),  # Saturday 14th: the Monday
        ("2023-24-Q3", date(2023, 10, 1), date(2023, 12, 31), date(2024, 1, 15)),  # Sunday 14th: the Monday
        ("2023-24-Q4", date(2024, 1, 1), date(2024, 3, 31), date(2024, 4, 15)),
    ],
)
def test_quarters_follow_the_uk_financial_year(text: str, start: date, end: date, due: date) -> None:
    p = parse_period(text)
    assert (p.start, p.end, p.due(14)) == (start, end, due)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (date(2024, 3, 31), 0, date(2024, 4, 2)),  # Easter Sunday, then Easter Monday: the Tuesday
        (date(2024, 3, 31), 30, date(2024, 4, 30)),  # a Tuesday: calendar days, not working days
        (date(2023, 3, 31), 36, date(2023, 5, 9)),  # Monday 8 May 2023, the King's coronation
        (date(2023, 12, 11), 14, date(2023, 12, 27)),  # Christmas Day is a Monday: Boxing Day too
        (date(2024, 8, 12), 14, date(2024, 8, 27)),  # the late summer bank holiday
        (date(2024, 7, 5), 0, date(2024, 7, 5)),  # a working day stays
    ],
)
def test_a_deadline_on_a_weekend_or_bank_holiday_moves_to_the_next_working_day(start: date, days: int,
                                                                               due: date) -> None:
    assert deadline(start, days) == due
    assert is_working_day(due)


def test_previous_quarter_crosses_financial_years() -> None:
    assert str(parse_period("2023-24-Q1").previous()) == "2022-23-Q4"
    assert str(parse_period("2023-24-Q4").previous()) == "2023-24-Q3"
    assert str(parse_period("2099-00-Q1")) == "2099-00-Q1"


@pytest.mark.parametrize(("first", "last", "quarter"), [
    (date(2023, 4, 1), date(2023, 4, 30), "2023-24-Q1"),
    (date(2023, 5, 1), date(2023, 5, 31), "2023-24-Q1"),
    (date(2023, 6, 1), date(2023, 6, 30), "2023-24-Q1"),
    (date(2023, 7, 1), date(2023, 7, 31), "2023-24-Q2"),
    (date(2023, 8, 1), date(2023, 8, 31), "2023-24-Q2"),
    (date(2023, 9, 1), date(2023, 9, 30), "2023-24-Q2"),
    (date(2023, 10, 1), date(2023, 10, 31), "2023-24-Q3"),
    (date(2023, 11, 1), date(2023, 11, 30), "2023-24-Q3"),
    (date(2023, 12, 1), date(2023, 12, 31), "2023-24-Q3"),
    (date(2024, 1, 1), date(2024, 1, 31), "2023-24-Q4"),
    (date(2024, 2, 1), date(2024, 2, 29), "2023-24-Q4"),
    (date(2024, 3, 1), date(2024, 3, 31), "2023-24-Q4"),
])
def test_every_day_of_each_month_falls_in_its_financial_quarter(first: date, last: date, quarter: str) -> None:
    assert (str(period_of(first)), str(period_of(last))) == (quarter, quarter)


@pytest.mark.parametrize(("period", "earlier"), [
    ("2023-24-Q1", []),
    ("2023-24-Q2", ["2023-24-Q1"]),
    ("2023-24-Q3", ["2023-24-Q2", "2023-24-Q1"]),
    ("2023-24-Q4", ["2023-24-Q3", "2023-24-Q2", "2023-24-Q1"]),
])
def test_the_earlier_quarters_of_a_year_are_listed_latest_first(period: str, earlier: list[str]) -> None:
    assert [str(p) for p in parse_period(period).earlier_in_year()] == earlier


@pytest.mark.parametrize(("text", "year"), [
    ("2023-24", 2023), ("2023/24", 2023), ("2023-2024", 2023), (" 2023 / 2024 ", 2023),
    ("1999-00", 1999), ("1999-2000", 1999), ("2079-80", 2079), ("2099-00", 2099),
    ("2023-23", None), ("2023-2023", None), ("2023-25", None), ("2023-2025", None), ("2023-22", None),
    ("2023-1924", None), ("2023-2124", None), ("23-24", None), ("2023", None),
])
def test_a_financial_year_is_two_consecutive_years(text: str, year: int | None) -> None:
    from cspxl.periods import parse_financial_year

    if year is None:
        with pytest.raises(UsageError, match=r"is not a financial year; write it like 2023-24\.$"):
            parse_financial_year(text)
    else:
        assert parse_financial_year(text) == year


@pytest.mark.parametrize("quarter", [0, 5])
def test_a_quarter_is_one_to_four(quarter: int) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Period(year=2023, quarter=quarter)


def test_a_period_is_a_value_fit_for_a_key_and_never_changes() -> None:
    from pydantic import ValidationError

    q1 = parse_period("Q1 2023-24")
    assert {q1: "due 14 July"}[parse_period("2023/24-Q1")] == "due 14 July"
    with pytest.raises(ValidationError):
        q1.quarter = 2
