"""Every PDF of the corpus (sample-corpus/ and tests/fixtures/pdf/) loads with what its first page prints.

The table was worked out by reading each PDF's first page (title, authority, "Inspection date(s)",
"Report published"/"Published", the letter date and the "This letter summarises … on <dates>" sentence,
the judgement table); judgement, recommendation and finding counts are those the per-genre tests
established by reading (test_ofsted_sif.py, test_ofsted_ilacs.py, test_ofsted_letters.py, test_lac.py)
and, for the two 2018 SIF re-inspections, read here: Lancashire recommendations 1–11 and findings 12–96,
Wandsworth recommendations 1–9 and findings 10–86. ILACS reports print no publication date; nor does
Essex's 2014 SIF report. Focused-visit letters are ungraded (no judgements); their findings are checked
item by item in test_ofsted_letters.py, so only their recommendation counts are listed here.

Loading all of them takes about 10 seconds, so the test stays in the default run unmarked.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import NamedTuple

import pytest

from safeguarding_kg.loaders.base import Extraction
from safeguarding_kg.loading import extract
from safeguarding_kg.namespaces import SG

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample-corpus"
FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
AUTHORITY = "https://w3id.org/safeguarding-kg/id/authority/"


class Expected(NamedTuple):
    loader: str
    framework: str
    gss: str
    start: str
    end: str | None
    published: str | None
    judgements: int
    recommendations: int
    findings: int | None  # None: checked item by item in the genre's own test
    reinspection: bool = False


SIF, ILACS, FV, LAC = "ofsted-sif", "ofsted-ilacs", "ofsted-letter", "ofsted-lac"

EXPECTED: dict[str, Expected] = {
    # sample-corpus/
    "solihull_focused-visit_2018-03-09.pdf": Expected(FV, "FocusedVisit", "E08000029", "2018-02-14", "2018-02-15",
                                                      "2018-03-09", 0, 3, None),
    "solihull_focused-visit_2021-08-02.pdf": Expected(FV, "FocusedVisit", "E08000029", "2021-06-23", "2021-06-24",
                                                      "2021-08-02", 0, 3, None),
    "solihull_inspection_2016-07-07.pdf": Expected(SIF, "SIF", "E08000029", "2016-04-25", "2016-05-19",
                                                   "2016-07-07", 7, 14, 113),
    "solihull_inspection_2020-01-09.pdf": Expected(ILACS, "ILACS", "E08000029", "2019-11-11", "2019-11-22",
                                                   None, 4, 10, 52),
    "solihull_inspection_2023-01-13.pdf": Expected(ILACS, "ILACS", "E08000029", "2022-10-31", "2022-11-11",
                                                   None, 4, 9, 46),
    "solihull_inspection_2026-01-12.pdf": Expected(ILACS, "ILACS", "E08000029", "2025-11-03", "2025-11-14",
                                                   None, 5, 7, 63),
    "wolverhampton_focused-visit_2018-10-04.pdf": Expected(FV, "FocusedVisit", "E08000031", "2018-09-11",
                                                           "2018-09-12", "2018-10-04", 0, 5, None),
    "wolverhampton_focused-visit_2024-11-01.pdf": Expected(FV, "FocusedVisit", "E08000031", "2024-10-02",
                                                           "2024-10-03", "2024-11-01", 0, 1, None),
    "wolverhampton_inspection_2017-03-31.pdf": Expected(SIF, "SIF", "E08000031", "2017-01-16", "2017-02-09",
                                                        "2017-03-31", 7, 16, 114),
    "wolverhampton_inspection_2022-05-18.pdf": Expected(ILACS, "ILACS", "E08000031", "2022-03-28", "2022-04-01",
                                                        None, 4, 5, 49),
    "wolverhampton_inspection_2026-06-18.pdf": Expected(ILACS, "ILACS", "E08000031", "2026-01-26", "2026-01-30",
                                                        None, 5, 3, 46),
    # tests/fixtures/pdf/
    "blackburn-with-darwen_inspection_2022-03-18.pdf": Expected(ILACS, "ILACS", "E06000008", "2022-01-24",
                                                                "2022-02-04", None, 4, 10, 51),
    "bromley_inspection_2019-01-07.pdf": Expected(ILACS, "ILACS", "E09000006", "2018-11-19", "2018-11-30",
                                                  None, 4, 4, 38),
    "camden_focused-visit_2023-12-05.pdf": Expected(FV, "FocusedVisit", "E09000007", "2023-10-31", "2023-11-01",
                                                    "2023-12-05", 0, 2, None),
    "ealing_inspection_2016-08-26.pdf": Expected(SIF, "SIF", "E09000009", "2016-06-13", "2016-07-07",
                                                 "2016-08-26", 7, 15, 128),
    "enfield_inspection_2015-03-27.pdf": Expected(SIF, "SIF", "E09000010", "2015-01-20", "2015-02-11",
                                                  "2015-03-27", 7, 15, 125),
    "essex_inspection_2014-03-21.pdf": Expected(SIF, "SIF", "E10000012", "2014-01-14", "2014-02-05",
                                                None, 7, 15, 96),
    "greenwich_inspection_2024-07-16.pdf": Expected(ILACS, "ILACS", "E09000011", "2024-06-03", "2024-06-07",
                                                    None, 5, 2, 62),
    "islington_inspection_2017-07-14.pdf": Expected(SIF, "SIF", "E09000019", "2017-04-28", "2017-05-25",
                                                    "2017-07-14", 7, 10, 110),
    "kensington-and-chelsea_inspection_2025-01-13.pdf": Expected(ILACS, "ILACS", "E09000020", "2024-11-11",
                                                                 "2024-11-15", None, 5, 2, 58),
    "kirklees_inspection_2016-11-25.pdf": Expected(SIF, "SIF", "E08000034", "2016-09-12", "2016-10-06",
                                                   "2016-11-25", 7, 37, 104),
    "lancashire_inspection_2018-08-17.pdf": Expected(SIF, "SIF", "E10000017", "2018-06-04", "2018-06-28",
                                                     "2018-08-17", 6, 11, 85, reinspection=True),
    "lewisham_focused-visit_2021-08-31.pdf": Expected(FV, "FocusedVisit", "E09000023", "2021-07-21", "2021-07-22",
                                                      "2021-08-31", 0, 5, None),
    "manchester_inspection_2014-09-03.pdf": Expected(SIF, "SIF", "E08000003", "2014-06-25", "2014-07-16",
                                                     "2014-09-01", 7, 34, 107),
    "newcastle-upon-tyne_focused-visit_2018-08-16.pdf": Expected(FV, "FocusedVisit", "E08000021", "2018-07-24",
                                                                 "2018-07-25", "2018-08-16", 0, 6, None),
    "norfolk_inspection_2013-08-16.pdf": Expected(LAC, "LookedAfterChildrenInspection", "E10000020", "2013-07-08",
                                                  "2013-07-12", "2013-08-16", 5, 17, 64),
    "redbridge_inspection_2019-06-11.pdf": Expected(ILACS, "ILACS", "E09000026", "2019-04-29", "2019-05-03",
                                                    None, 4, 1, 42),
    "rotherham_focused-visit_2020-12-04.pdf": Expected(FV, "FocusedVisit", "E08000018", "2020-10-20", "2020-10-22",
                                                       "2020-12-04", 0, 4, None),
    "sandwell_focused-visit_2025-05-20.pdf": Expected(FV, "FocusedVisit", "E08000028", "2025-04-15", "2025-04-16",
                                                      "2025-05-20", 0, 4, None),
    "st-helens_inspection_2023-09-04.pdf": Expected(ILACS, "ILACS", "E08000013", "2023-07-10", "2023-07-21",
                                                    None, 5, 5, 68),
    "swindon_focused-visit_2019-03-01.pdf": Expected(FV, "FocusedVisit", "E06000030", "2019-02-06", "2019-02-07",
                                                     "2019-03-01", 0, 2, None),
    "tameside_inspection_2019-07-01.pdf": Expected(ILACS, "ILACS", "E08000008", "2019-05-13", "2019-05-24",
                                                   None, 4, 4, 45),
    # The 2026 ILACS layout has no overall-effectiveness row: four graded areas.
    "trafford_inspection_2026-08-03.pdf": Expected(ILACS, "ILACS", "E08000009", "2026-06-08", "2026-06-19",
                                                   None, 4, 9, 63),
    "wakefield_inspection_2018-07-17.pdf": Expected(ILACS, "ILACS", "E08000036", "2018-06-04", "2018-06-15",
                                                    None, 4, 12, 38),
    "walsall_inspection_2021-11-26.pdf": Expected(ILACS, "ILACS", "E08000030", "2021-10-04", "2021-10-15",
                                                  None, 4, 4, 48),
    "wandsworth_inspection_2018-07-20.pdf": Expected(SIF, "SIF", "E09000032", "2018-05-08", "2018-05-31",
                                                     "2018-07-20", 6, 9, 77, reinspection=True),
    "wiltshire_inspection_2015-09-01.pdf": Expected(SIF, "SIF", "E06000054", "2015-06-22", "2015-07-16",
                                                    "2015-09-01", 7, 15, 118),
}

#: Warnings a PDF may give, with the reason. None at present: every PDF loads cleanly.
ALLOWED_WARNINGS: dict[str, set[str]] = {}

PDFS = sorted(SAMPLE.glob("*.pdf")) + sorted(FIXTURES.glob("*.pdf"))


def test_the_table_covers_every_pdf() -> None:
    assert {p.name for p in PDFS} == set(EXPECTED)


@pytest.fixture(scope="module")
def extractions() -> dict[Path, Extraction]:
    return {path: extract(path, path.read_bytes()) for path in PDFS}


def _props(ex: Extraction, subject) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for q in ex.quads:
        if q.subject == subject:
            found.setdefault(q.predicate.value.rsplit("#", 1)[-1], []).append(q.object.value)
    return found


@pytest.mark.parametrize("path", PDFS, ids=[f"{p.parent.name}/{p.name}" for p in PDFS])
def test_pdf_loads_with_what_its_first_page_prints(path: Path, extractions: dict[Path, Extraction]) -> None:
    expected = EXPECTED[path.name]
    ex = extractions[path]
    assert ex.loader_name == expected.loader
    inspections = {q.subject for q in ex.quads if q.object == SG.Inspection}
    assert len(inspections) == 1
    props = _props(ex, inspections.pop())
    assert props["framework"] == [SG[expected.framework].value]
    assert props["inspectedAuthority"] == [AUTHORITY + expected.gss]
    assert props["startDate"] == [expected.start]
    assert props.get("endDate") == ([expected.end] if expected.end else None)
    assert props.get("publishedDate") == ([expected.published] if expected.published else None)
    assert props.get("isReinspection") == (["true"] if expected.reinspection else None)
    counts = Counter(q.object for q in ex.quads if q.predicate.value.endswith("#type"))
    assert counts[SG.Judgement] == expected.judgements
    assert counts[SG.Recommendation] == expected.recommendations
    if expected.findings is not None:
        assert counts[SG.Finding] == expected.findings
    graded = {q.subject for q in ex.quads if q.predicate == SG.grade}
    assert len(graded) == expected.judgements  # every judgement's grade was recognised
    assert set(ex.warnings) <= ALLOWED_WARNINGS.get(path.name, set()), ex.warnings
