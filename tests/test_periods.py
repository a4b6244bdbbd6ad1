from datetime import date

import pytest

from cspxl import Period, UsageError, parse_period, period_of


@pytest.mark.parametrize("text", ["2023-24-Q1", "2023-24 Q1", "Q1 2023-24", "q1 2023-24", "2023-24-q1", " 2023-24  Q1 "])
def test_every_accepted_spelling_means_the_same_quarter(text: str) -> None:
    assert parse_period(text) == Period(year=2023, quarter=1)


@pytest.mark.parametrize("text", ["2023-Q1", "2023-25-Q1", "Q5 2023-24", "2023-24", "", "first quarter", "2023-24-Q0",
                                  "q1-2023-24", "2023/24q1", "2023-2024-Q1", "2023-24Q1", "Q1 2023/24"])
def test_anything_else_is_a_usage_error_naming_the_forms(text: str) -> None:
    with pytest.raises(UsageError, match="write it like 2023-24-Q1"):
        parse_period(text)


@pytest.mark.parametrize(
    ("text", "start", "end", "due"),
    [
        ("2023-24-Q1", date(2023, 4, 1), date(2023, 6, 30), date(2023, 7, 14)),
        ("2023-24-Q2", date(2023, 7, 1), date(2023, 9, 30), date(2023, 10, 14)),
        ("2023-24-Q3", date(2023, 10, 1), date(2023, 12, 31), date(2024, 1, 14)),
        ("2023-24-Q4", date(2024, 1, 1), date(2024, 3, 31), date(2024, 4, 14)),
    ],
)
def test_quarters_follow_the_uk_financial_year(text: str, start: date, end: date, due: date) -> None:
    p = parse_period(text)
    assert (p.start, p.end, p.due(14)) == (start, end, due)


def test_due_date_counts_return_due_days_after_quarter_end() -> None:
    assert parse_period("2023-24-Q4").due(0) == date(2024, 3, 31)
    assert parse_period("2023-24-Q4").due(30) == date(2024, 4, 30)


def test_previous_quarter_crosses_financial_years() -> None:
    assert str(parse_period("2023-24-Q1").previous()) == "2022-23-Q4"
    assert str(parse_period("2023-24-Q4").previous()) == "2023-24-Q3"
    assert str(parse_period("2099-00-Q1")) == "2099-00-Q1"


def test_a_day_falls_in_its_quarter() -> None:
    assert str(period_of(date(2024, 3, 31))) == "2023-24-Q4"
    assert str(period_of(date(2023, 4, 1))) == "2023-24-Q1"
