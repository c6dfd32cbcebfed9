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


# Deadlines as councils write them, besides full dates and "March 2023" (the rules are in
# docs/council-plans.md): "Mar-23"; a financial-year quarter "Q2 2023/24", "Q2 23/24",
# "end of Q2 2023-24" (Q1 Apr-Jun, Q2 Jul-Sep, Q3 Oct-Dec, Q4 Jan-Mar of the later year); a
# calendar quarter "Q3 2023"; a season "Autumn 2023"; "end of the financial year".
_ABBREVIATION = r"(?P<abbr>jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
MONTH_SHORT_YEAR = re.compile(r"\b(?:" + _MONTH.format("m") + r"\s*[-'’/]\s*|" + _ABBREVIATION + r"\.?\s+)"
                              r"(?P<y>\d{2})\b(?!\s*[/:.]?\d)", re.I)
_FY = r"(?P<fy>(?:19|20)?\d\d)\s*[/-]\s*(?P<fy2>\d{2}|(?:19|20)\d\d)"
FY_QUARTER = re.compile(r"\b(?:Q|quarter\s*)(?P<q>[1-4])\b[\s,]*(?:of\s+)?(?:FY\s*)?" + _FY + r"\b", re.I)
CALENDAR_QUARTER = re.compile(r"\b(?:Q|quarter\s*)(?P<q>[1-4])\b[\s,]*(?P<y>(?:19|20)\d\d)\b(?!\s*[/-]\s*\d)", re.I)
SEASON = re.compile(r"\b(?P<s>spring|summer|autumn|winter)\s+(?:term\s+)?(?P<y>(?:19|20)\d\d)\b", re.I)
FY_END = re.compile(r"\b(?:end\s+of\s+(?:the\s+)?(?:financial\s+year|fy)|financial\s+year[- ]end|year[- ]end)"
                    r"(?:\s+(?:19|20)?\d\d\s*/\s*(?P<fy2>\d{2}|(?:19|20)\d\d))?", re.I)
# A month as numbers: "03/2024", "3.2024".
NUMERIC_MONTH = re.compile(r"(?<![\d/.])(?P<m>0?[1-9]|1[0-2])[./](?P<y>(?:19|20)\d\d)\b")
# A financial year named alone ("2023/24", "end of 2023-24"): its 31 March.
FINANCIAL_YEAR = re.compile(r"\b(?:19|20)\d\d\s*[/-]\s*(?P<fy2>\d{2})\b(?!\s*[/-])")
_SEASON_END = {"spring": (5, 31), "summer": (8, 31), "autumn": (11, 30)}


def _full_year(text: str) -> int:
    """ "23" -> 2023; a 4-digit year as it is."""
    return int(text) if len(text) == 4 else 2000 + int(text)


def financial_year_end(day: dt.date) -> dt.date:
    """The 31 March ending the financial year (1 April - 31 March) that ``day`` falls in."""
    return dt.date(day.year + 1 if day.month >= 4 else day.year, 3, 31)


def _deadlines(text: str, document_date: dt.date | None) -> list[tuple[int, dt.date]]:
    """Every deadline a cell names, with where it starts."""
    found: list[tuple[int, dt.date]] = []
    day = _first_full_date(text)
    if day:
        found.append(day)
    for m in MONTH_YEAR.finditer(text):
        found.append((m.start(), month_end(int(m["y"]), _month(m["m"]))))
    for m in MONTH_SHORT_YEAR.finditer(text):  # "Mar-23", and "Dec 21" (an abbreviation: not "December 21")
        found.append((m.start(), month_end(_full_year(m["y"]), _month(m["m"] or m["abbr"]))))
    for m in NUMERIC_MONTH.finditer(text):
        found.append((m.start(), month_end(int(m["y"]), int(m["m"]))))
    for m in FY_QUARTER.finditer(text):
        start_year = _full_year(m["fy"])
        quarter = int(m["q"])
        year, month = (start_year, 3 + 3 * quarter) if quarter < 4 else (start_year + 1, 3)
        found.append((m.start(), month_end(year, month)))
    for m in CALENDAR_QUARTER.finditer(text):
        found.append((m.start(), month_end(int(m["y"]), 3 * int(m["q"]))))
    for m in SEASON.finditer(text):
        season, year = m["s"].lower(), int(m["y"])
        found.append((m.start(), month_end(year + 1, 2) if season == "winter" else dt.date(year, *_SEASON_END[season])))
    for m in FINANCIAL_YEAR.finditer(text):
        found.append((m.start(), dt.date(_full_year(m["fy2"]), 3, 31)))
    for m in FY_END.finditer(text):
        if m["fy2"]:
            found.append((m.start(), dt.date(_full_year(m["fy2"]), 3, 31)))
        elif document_date is not None:
            found.append((m.start(), financial_year_end(document_date)))
    return found


def parse_deadline(text: str, document_date: dt.date | None = None) -> dt.date | None:
    """The first deadline a due-date cell names, as the last day it allows.

    A day as given ("31.12.20" -> 2020-12-31); a month as its last day ("December 2020 (testing)
    Jan 2021" -> 2020-12-31, "Mar-23" -> 2023-03-31); a financial-year quarter as its last day
    ("Q2 23/24" -> 2023-09-30); a season as its last day ("Autumn 2023" -> 2023-11-30); "by the
    end of the financial year" as the 31 March ending the year ``document_date`` is in;
    "Ongoing", "Quarterly", "TBC" -> None.
    """
    found = _deadlines(text, document_date)
    return min(found, key=lambda pair: pair[0])[1] if found else None


def parse_month(text: str) -> dt.date | None:
    """A month-and-year ("March 2020", "Updated December 2020") as the first day of that month."""
    m = MONTH_YEAR.search(text)
    return dt.date(int(m["y"]), _month(m["m"]), 1) if m else None
