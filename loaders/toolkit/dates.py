"""Dates as these documents write them.

Forms met: "7 July 2016", "25 April to 19 May 2016", "13 and 14 April 2011",
"11th to 22nd November 2019", "16 January – 9 February 2017", "March 2020", "Dec 2020",
"31.12.20", "18/05/17", "2016-04-25"; with the year left out, dated from the letter
("on 30 and 31 January"). A month alone means its last day when it is a
deadline ("by November 2020") and its first day when it starts a period.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9
_MONTH = r"(?P<{}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{}>\d{{1,2}})(?:st|nd|rd|th)?"
_YEAR = r"(?P<{}>(?:19|20)\d\d)"
_SEP = r"\s*(?:to|until|and|[-–—])\s*"

DAY_MONTH_YEAR = re.compile(
    r"\b" + _DAY.format("d") + r"\s+" + _MONTH.format("m") + r",?\s+" + _YEAR.format("y") + r"\b", re.I
)
MONTH_YEAR = re.compile(r"\b" + _MONTH.format("m") + r",?\s+" + _YEAR.format("y") + r"\b", re.I)
NUMERIC = re.compile(r"\b(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4}|\d{2})\b")
ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")
# Ranges: "25 April to 19 May 2016", "11th to 22nd November 2019", "13 and 14 April 2011".
RANGE = re.compile(
    r"\b" + _DAY.format("d1") + r"(?:\s+" + _MONTH.format("m1") + r"(?:\s+" + _YEAR.format("y1") + r")?)?"
    + _SEP + _DAY.format("d2") + r"\s+" + _MONTH.format("m2") + r",?\s+" + _YEAR.format("y2") + r"\b",
    re.I,
)


def _date(year: int | str, month: int | str, day: int | str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:  # "29 February 2017" is printed in a real pack: no such day
        return None


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def parse_date(text: str) -> dt.date | None:
    """The first full date (day, month and year) in a text, or None."""
    found = _first_full_date(text)
    return found[1] if found else None


def _first_full_date(text: str) -> tuple[int, dt.date] | None:
    """Where the first valid full date starts, and the date."""
    candidates = sorted(
        (m.start(), m) for pattern in (DAY_MONTH_YEAR, NUMERIC, ISO) for m in pattern.finditer(text)
    )
    for position, m in candidates:
        month = m["m"] if m["m"].isdigit() else _month(m["m"])
        year = int(m["y"]) + 2000 if len(m["y"]) == 2 else m["y"]
        date = _date(year, month, m["d"])
        if date:
            return position, date
    return None


def parse_range(text: str) -> tuple[dt.date, dt.date] | None:
    """The first date range in a text: start and end, with month and year taken from the end where omitted."""
    m = RANGE.search(text)
    if not m:
        return None
    end = _date(m["y2"], _month(m["m2"]), m["d2"])
    month1 = _month(m["m1"]) if m["m1"] else _month(m["m2"])
    year1 = m["y1"] or m["y2"]
    start = _date(year1, month1, m["d1"])
    if start and end and start > end and not m["y1"]:  # "29 December to 9 January 2015"
        start = _date(int(year1) - 1, month1, m["d1"])
    return (start, end) if start and end else None


# The same forms with the year left out ("on 30 and 31 January", "on 14 February"), as 2018
# focused-visit letters write them: the year is the letter's (see :func:`parse_range_before`).
_NO_YEAR = r"(?!,?\s+(?:19|20)\d\d)"
RANGE_NO_YEAR = re.compile(
    r"\b" + _DAY.format("d1") + r"(?:\s+" + _MONTH.format("m1") + r")?" + _SEP + _DAY.format("d2") + r"\s+"
    + _MONTH.format("m2") + r"\b" + _NO_YEAR, re.I,
)
DAY_MONTH_NO_YEAR = re.compile(r"\b" + _DAY.format("d") + r"\s+" + _MONTH.format("m") + r"\b" + _NO_YEAR, re.I)


def parse_range_before(text: str, before: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first date range in a text that omits its year, dated as the latest such range ending on
    or before ``before`` (a letter dated 9 March 2018 about a visit "on 30 and 31 January" means
    January 2018; one dated 10 January 2019 about "12 and 13 December" means December 2018)."""
    m = RANGE_NO_YEAR.search(text)
    if m:
        month1 = _month(m["m1"]) if m["m1"] else _month(m["m2"])
        return _latest_before(before, [(month1, m["d1"]), (_month(m["m2"]), m["d2"])])
    m = DAY_MONTH_NO_YEAR.search(text)
    if m:
        return _latest_before(before, [(_month(m["m"]), m["d"]), (_month(m["m"]), m["d"])])
    return None


def _latest_before(before: dt.date, days: list[tuple[int, str]]) -> tuple[dt.date, dt.date] | None:
    for year in (before.year, before.year - 1):
        end = _date(year, *days[-1])
        start = _date(year if days[0][0] <= days[-1][0] else year - 1, *days[0])
        if start and end and end <= before:
            return start, end
    return None


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_deadline(text: str) -> dt.date | None:
    """The first date a due-date cell names: a day as given, a month as its last day.

    "December 2020 (testing) Jan 2021 …" -> 2020-12-31; "31.12.20" -> 2020-12-31;
    "Completed January 2021" -> 2021-01-31; "Ongoing" -> None.
    """
    day = _first_full_date(text)
    month = MONTH_YEAR.search(text)
    if day and (not month or day[0] <= month.start()):
        return day[1]
    return month_end(int(month["y"]), _month(month["m"])) if month else None


def parse_month(text: str) -> dt.date | None:
    """A month-and-year ("March 2020", "Updated December 2020") as the first day of that month."""
    m = MONTH_YEAR.search(text)
    return dt.date(int(m["y"]), _month(m["m"]), 1) if m else None
