"""Dates in the forms these documents write them."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguarding_kg.loaders.toolkit.dates import parse_date, parse_deadline, parse_month, parse_range

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Inspection date: 25 April to 19 May 2016", (D(2016, 4, 25), D(2016, 5, 19))),
        ("(Inspection date 11th to 22nd November 2019)", (D(2019, 11, 11), D(2019, 11, 22))),
        ("which was conducted on 13 and 14 April 2011.", (D(2011, 4, 13), D(2011, 4, 14))),
        ("16 January – 9 February 2017", (D(2017, 1, 16), D(2017, 2, 9))),
        ("Inspection dates: 29 December to 9 January 2015", (D(2014, 12, 29), D(2015, 1, 9))),
        ("Inspection dates: 3 to 14 July 2023", (D(2023, 7, 3), D(2023, 7, 14))),
    ],
)
def test_ranges(text: str, expected: tuple[dt.date, dt.date]) -> None:
    assert parse_range(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Report published: 7 July 2016", D(2016, 7, 7)),
        ("18/05/17", D(2017, 5, 18)),
        ("31.12.20", D(2020, 12, 31)),
        ("2016-04-25", D(2016, 4, 25)),
        ("received on 29 February 2017", None),  # printed in a real pack; no such day
        ("no date here", None),
    ],
)
def test_single_dates(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("November 2020", D(2020, 11, 30)),
        ("Dec 2020", D(2020, 12, 31)),
        ("31.12.20", D(2020, 12, 31)),
        ("December 2020 (testing) Jan 2021 service wide implementation", D(2020, 12, 31)),
        ("Completed January 2021", D(2021, 1, 31)),
        ("February 2020", D(2020, 2, 29)),
        ("Ongoing", None),
        ("Quarterly", None),
        ("In progress", None),
    ],
)
def test_deadlines_take_the_first_date_a_month_as_its_last_day(cell: str, expected: dt.date | None) -> None:
    assert parse_deadline(cell) == expected


def test_months_start_on_their_first_day() -> None:
    assert parse_month("Updated December 2020") == D(2020, 12, 1)
    assert parse_month("no month") is None


def test_a_range_without_its_year_is_dated_before_the_letter() -> None:
    import datetime as dt

    from safeguarding_kg.loaders.toolkit.dates import parse_range_before

    march_2018, january_2019 = dt.date(2018, 3, 9), dt.date(2019, 1, 10)
    assert parse_range_before("on 30 and 31 January.", march_2018) == (dt.date(2018, 1, 30), dt.date(2018, 1, 31))
    assert parse_range_before("on 12 and 13 December", january_2019) == (dt.date(2018, 12, 12), dt.date(2018, 12, 13))
    assert parse_range_before("from 30 December to 2 January", january_2019) == (dt.date(2018, 12, 30),
                                                                                 dt.date(2019, 1, 2))
    assert parse_range_before("on 14 February", march_2018) == (dt.date(2018, 2, 14), dt.date(2018, 2, 14))
    assert parse_range_before("on 14 and 15 February 2018", march_2018) is None  # has its year: parse_range's


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("31/03/2023", D(2023, 3, 31)),
        ("31.3.23", D(2023, 3, 31)),
        ("March 2023", D(2023, 3, 31)),
        ("Mar-23", D(2023, 3, 31)),
        ("Dec 21", D(2021, 12, 31)),  # an abbreviated month and a two-digit year
        ("March '24", D(2024, 3, 31)),
        ("03/2024", D(2024, 3, 31)),
        ("end of Q2 2023/24", D(2023, 9, 30)),  # financial year: Q2 is July to September
        ("Q2 23/24", D(2023, 9, 30)),
        ("Q4 2023/24", D(2024, 3, 31)),  # Q4 is January to March of the later year
        ("Q1 2024-25", D(2024, 6, 30)),
        ("Q3 2023", D(2023, 9, 30)),  # no financial year written: a calendar quarter
        ("Spring 2024", D(2024, 5, 31)),
        ("Summer 2019", D(2019, 8, 31)),
        ("Autumn 2023", D(2023, 11, 30)),
        ("Winter 2023", D(2024, 2, 29)),
        ("end of 2023/24", D(2024, 3, 31)),
        ("Ongoing", None),
        ("TBC", None),
        ("Termly", None),
        ("Monthly from Nov-18", D(2018, 11, 30)),
        ("30 April 2025 (panel), then monthly", D(2025, 4, 30)),
    ],
)
def test_deadlines_as_councils_write_them(cell: str, expected: dt.date | None) -> None:
    assert parse_deadline(cell) == expected


@pytest.mark.parametrize(
    ("plan_date", "expected"),
    [(D(2023, 5, 2), D(2024, 3, 31)), (D(2024, 2, 20), D(2024, 3, 31)), (D(2024, 4, 1), D(2025, 3, 31))],
)
def test_end_of_the_financial_year_is_the_plans_own(plan_date: dt.date, expected: dt.date) -> None:
    assert parse_deadline("by the end of the financial year", plan_date) == expected
    assert parse_deadline("by the end of the financial year") is None  # undated: no year to end
