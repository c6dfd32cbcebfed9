"""The text forms minutes of any council write attendance, decisions and movers in (toolkit/meetings.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguarding_kg.loaders.toolkit import meetings as m


@pytest.mark.parametrize(("line", "group", "expected"), [
    ("Councillors A Patel (Chair), B Jones (Vice-Chair), C Green and D Brown (Lab)", "present",
     [("Councillor A Patel", "chair", None, None), ("Councillor B Jones", "vice-chair", None, None),
      ("Councillor C Green", "member", None, None), ("Councillor D Brown", "member", None, "Labour")]),
    ("Jane Roe (Director of Children's Services); Sam Lee, Head of Service, Children in Care", "officers",
     [("Jane Roe", "officer", "Director of Children's Services", None),
      ("Sam Lee", "officer", "Head of Service, Children in Care", None)]),
    ("Councillor Jane Smith Chair", "present", [("Councillor Jane Smith", "chair", None, None)]),
    ("Kezia and Tyler – Children in Care Council", "also",
     [("Kezia", "also-present", None, None), ("Tyler", "also-present", "Children in Care Council", None)]),
    ("County Councillors J Fielding and A Kaur", "also",
     [("County Councillor J Fielding", "also-present", None, None),
      ("County Councillor A Kaur", "also-present", None, None)]),
    ("Supt Mark Kenny, Superintendent, Greater Manchester Police", "present",
     [("Supt Mark Kenny", "member", "Superintendent, Greater Manchester Police", None)]),
    ("None", "apologies", []),
])
def test_attendance_lines(line: str, group: str, expected: list[tuple]) -> None:
    read = [(a.name, a.role, a.role_text, a.party) for a in m.split_attendees(line, group)]
    assert read == expected


@pytest.mark.parametrize(("line", "heading"), [
    ("Present:", ("present", "")), ("Officers in attendance: Jane Roe", ("officers", "Jane Roe")),
    ("Also present - Councillor X", ("also", "Councillor X")), ("Apologies for absence:", ("apologies", "")),
    ("Co-opted Members:", ("present", "")), ("Members present noted the report.", None),
    ("Apologies were noted as above.", None),
])
def test_attendance_headings(line: str, heading: tuple | None) -> None:
    assert m.attendance_heading(line) == heading


@pytest.mark.parametrize(("line", "rest"), [
    ("RESOLVED: That the report be noted.", "That the report be noted."), ("Resolved –", ""),
    ("Resolved:- That the minutes be approved.", "That the minutes be approved."),
    ("It was RESOLVED that the plan be endorsed.", "That the plan be endorsed."),
    ("AGREED: The minutes were approved.", "The minutes were approved."),
    ("ACTION: Head of Service to report back.", "Head of Service to report back."),
    ("Agreed to look again at the figures in June.", None), ("Actions were reviewed.", None),
    ("Resolved within timescales, the cases closed.", None),
])
def test_resolution_starts(line: str, rest: str | None) -> None:
    assert m.resolution_start(line) == rest


@pytest.mark.parametrize(("line", "movers"), [
    ("Proposed by Councillor Ellis, seconded by Councillor Brooks.", ("Councillor Ellis", "Councillor Brooks")),
    ("(Moved by Cllr Ahmed; seconded by Cllr Lee)", ("Cllr Ahmed", "Cllr Lee")),
    ("It was proposed by Councillor Drummond, seconded by Councillor Rao, that the recommendations be agreed.",
     ("Councillor Drummond", "Councillor Rao")),
    ("Councillor Brennan moved that the Committee add monitoring. This was seconded by Councillor Adeyemi and agreed.",
     ("Councillor Brennan", "Councillor Adeyemi")),
    ("The Chair thanked officers.", None),
])
def test_proposers_and_seconders(line: str, movers: tuple | None) -> None:
    assert m.proposer_seconder(line) == movers


def test_an_inspection_is_dated_by_when_it_took_place_not_when_it_was_published() -> None:
    lines = [(1, "The report on the Ofsted re-inspection of services, which took place between 4 and 28 June"),
             (2, "2018 under the single inspection framework. The inspection report was published on 17"),
             (3, "August 2018.")]
    found = m.inspection_reference(lines)
    assert (found.framework, found.start, found.end) == ("sif", dt.date(2018, 6, 4), dt.date(2018, 6, 28))
    published = m.inspection_reference([(1, "The Ofsted report was published on 17 August 2018.")])
    assert published is not None and published.start is None
    assert m.inspection_reference([(1, "The work programme was agreed.")]) is None


@pytest.mark.parametrize(("line", "number", "title"), [
    ("YPC/14/44 Minutes", 44, "Minutes"), ("CAB 45/19 Ofsted inspection", 45, "Ofsted inspection"),
    ("Minute 45/19: Ofsted inspection", 45, "Ofsted inspection"),
    ("Minute 2019/45: Work programme", 45, "Work programme"),
    ("23. Ofsted inspection", 23, "Ofsted inspection"), ("Item 4: Any other business", 4, "Any other business"),
    ("3.0 Ofsted inspection", 3, "Ofsted inspection"), ("5 - Work programme", 5, "Work programme"),
])
def test_minute_numbers_and_references(line: str, number: int, title: str) -> None:
    from safeguarding_kg.loaders.committee_minutes import _ITEM, _MINUTE_REF, _item_number

    found = _ITEM.match(line) or _MINUTE_REF.match(line)
    assert (_item_number(found), found["title"]) == (number, title)


@pytest.mark.parametrize("line", ["Resolved, That the report be noted.", "Decision", "Agreed",
                                  "It was agreed that the Board would write to each school.",
                                  "It was unanimously agreed to refer the report to Cabinet."])
def test_decision_headings(line: str) -> None:
    assert m.resolution_start(line) is not None
