"""Inspection of looked after children services (2013): Norfolk's report, as PDF and as marked-up text.

Expected values were worked out by reading the Norfolk PDF (tests/fixtures/pdf/norfolk_inspection_2013-08-16.pdf):
front page "Inspection dates: 8 – 12 July 2013", "Reporting inspector Gary Lamb HMI", "Published: 16 August
2013"; five graded sections, each "Grade 4 (inadequate)", restated in the "Record of main findings" table;
paragraphs 1–72 numbered through the report (1–2 About this inspection, 3 The inspection judgements and what
they mean, 4–7 Service information, 8–10 Overall effectiveness, 11–14 Capacity to improve, 15 the
introduction to Areas for improvement, 16–49 Outcomes, 50–60 Quality of provision, 61–72 Leadership and
management); 6 bullets under "Immediately:", 4 under "Within three months:", 7 under "Within six months:".
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from safeguarding_kg.authorities import resolve
from safeguarding_kg.iris import inspection_iri, person_iri, within
from safeguarding_kg.loaders.base import Extraction
from safeguarding_kg.loaders.toolkit.sources import read_source
from safeguarding_kg.loading import extract, load_paths
from safeguarding_kg.namespaces import SG
from safeguarding_kg.store import GraphStore

NORFOLK_PDF = Path(__file__).parent / "fixtures" / "pdf" / "norfolk_inspection_2013-08-16.pdf"
NORFOLK = resolve("Norfolk")
INSPECTION = inspection_iri(NORFOLK.iri, "lac", dt.date(2013, 7, 8))

JUDGEMENTS = {  # area concept: (area text as in the record of main findings, grade text)
    "OverallEffectiveness": ("Overall effectiveness", "Inadequate"),
    "CapacityForImprovement": ("Capacity to improve", "Inadequate"),
    "OutcomesForChildren": ("Outcomes for looked after children and young people", "Inadequate"),
    "QualityOfProvision": ("Quality of provision", "Inadequate"),
    "Leadership": ("Leadership and management", "Inadequate"),
}
FINDINGS_PER_AREA = {"OverallEffectiveness": range(8, 11), "CapacityForImprovement": range(11, 15),
                     "OutcomesForChildren": range(16, 50), "QualityOfProvision": range(50, 61),
                     "Leadership": range(61, 73)}
INFORMATION_PARAGRAPHS = set(range(1, 8))
TIERS = {"Immediately": 6, "WithinThreeMonths": 4, "WithinSixMonths": 7}
# (number, tier, first words) read from pages 8–9.
SOME_RECOMMENDATIONS = [
    (1, "Immediately", "ensure all elected members understand their corporate parenting"),
    (6, "Immediately", "ensure all social workers receive regular, recorded supervision"),
    (7, "WithinThreeMonths", "ensure all children have a good quality personal education plan (PEP)"),
    (10, "WithinThreeMonths", "ensure all children and young people get a copy of their"),
    (11, "WithinSixMonths", "agree and implement an effective early help strategy"),
    (17, "WithinSixMonths", "ensure children and young people know and understand the"),
]


def values(ex: Extraction) -> dict[str, dict[str, list[str]]]:
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for q in ex.quads:
        found[q.subject.value][q.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]].append(q.object.value)
    return found


def of_type(ex: Extraction, rdf_class) -> dict[str, dict[str, list[str]]]:
    return {s: p for s, p in values(ex).items() if rdf_class.value in p.get("type", [])}


@pytest.fixture(scope="module")
def norfolk() -> Extraction:
    return extract(NORFOLK_PDF, NORFOLK_PDF.read_bytes())


def test_norfolk_is_a_looked_after_children_inspection(norfolk: Extraction) -> None:
    assert norfolk.loader_name == "ofsted-lac"
    assert norfolk.warnings == []
    props = values(norfolk)[INSPECTION.value]
    assert props["framework"] == [SG.LookedAfterChildrenInspection.value]
    assert props["inspectedAuthority"] == [NORFOLK.iri.value]
    assert props["startDate"] == ["2013-07-08"]
    assert props["endDate"] == ["2013-07-12"]
    assert props["publishedDate"] == ["2013-08-16"]
    assert props["title"] == ["Inspection of looked after children services"]
    assert props["leadInspector"] == [person_iri("Gary Lamb").value]
    lead = values(norfolk)[person_iri("Gary Lamb").value]
    assert lead["name"] == ["Gary Lamb"]
    assert lead["roleText"] == ["Reporting inspector"]


def test_norfolk_judgements(norfolk: Extraction) -> None:
    judgements = of_type(norfolk, SG.Judgement)
    assert len(judgements) == 5
    for area, (area_text, grade_text) in JUDGEMENTS.items():
        props = judgements[within(INSPECTION, "judgement", area).value]
        assert props["judgementArea"] == [SG[area].value]
        assert props["grade"] == [SG.Inadequate.value]
        assert props["gradeText"] == [grade_text]
        assert props["areaText"] == [area_text]


def test_norfolk_recommendations_by_tier(norfolk: Extraction) -> None:
    recs = of_type(norfolk, SG.Recommendation)
    assert len(recs) == 17
    tiers = Counter(p["tier"][0].rsplit("#", 1)[-1] for p in recs.values())
    assert tiers == TIERS
    by_number = {int(p["number"][0]): p for p in recs.values()}
    assert sorted(by_number) == list(range(1, 18))
    for number, tier, start in SOME_RECOMMENDATIONS:
        props = by_number[number]
        assert props["tier"] == [SG[tier].value]
        assert props["text"][0].startswith(start), props["text"][0]
        assert props["addressedTo"] == [NORFOLK.iri.value]
    assert {p["tierText"][0] for p in recs.values()} == {"Immediately", "Within three months", "Within six months"}
    # Recommendation 9 runs over the page break between pages 8 and 9.
    assert by_number[9]["text"][0].endswith("includes their wishes, feelings and aspirations")
    assert by_number[17]["text"][0].endswith("use the learning from these processes to inform service improvement.")


def test_norfolk_findings_and_paragraphs(norfolk: Extraction) -> None:
    findings = of_type(norfolk, SG.Finding)
    assert len(findings) == 64
    by_area: dict[str, set[int]] = defaultdict(set)
    for props in findings.values():
        by_area[props["judgementArea"][0].rsplit("#", 1)[-1]].add(int(props["paragraphNumber"][0]))
        assert props["findingKind"] == [SG.NumberedFinding.value]
    assert by_area == {area: set(numbers) for area, numbers in FINDINGS_PER_AREA.items()}
    paragraphs = of_type(norfolk, SG.ReportParagraph)
    kinds = {int(p["paragraphNumber"][0]): p["paragraphKind"][0].rsplit("#", 1)[-1] for p in paragraphs.values()}
    assert kinds == {**{n: "InformationParagraph" for n in INFORMATION_PARAGRAPHS}, 15: "OtherParagraph"}
    # The heading after paragraph 2's bullet list (no full stop before it) ends the paragraph.
    two = paragraphs[within(INSPECTION, "paragraph", 2).value]
    assert two["text"][0].endswith("quality of reporting, recording and decision making undertaken")
    three = paragraphs[within(INSPECTION, "paragraph", 3).value]
    assert three["sectionHeading"] == ["The inspection judgements and what they mean"]
    # Paragraph 11 is split by the page break after "The early help offer is as yet".
    eleven = findings[within(INSPECTION, "finding", 11).value]
    assert "The early help offer is as yet unclear. The inspection of safeguarding" in eleven["text"][0]
    assert eleven["sectionHeading"] == ["Capacity to improve"]
    eight = findings[within(INSPECTION, "finding", 8).value]
    assert eight["sectionHeading"] == ["Overall effectiveness of services for looked after children and young people"]
    assert findings[within(INSPECTION, "finding", 50).value]["text"] == ["The quality of provision is inadequate."]
    seventy_two = findings[within(INSPECTION, "finding", 72).value]["text"][0]
    assert seventy_two.endswith("when their outcomes have been compromised.")


# ------------------------------------------------------------------------- the same report as marked-up text

_HEADINGS = re.compile(r"^(?:Contents|About this inspection|The inspection judgements and what they|mean|"
                       r"Service information|Overall effectiveness of services for looked|after children and young "
                       r"people|Capacity to improve|Areas for improvement|Outcomes for looked after children and young|"
                       r"people|Quality of provision|Leadership and management|Record of main findings|Immediately:|"
                       r"Within (?:three|six) months:|Grade 4 \(inadequate\))$")
_TABLE_ROW = re.compile(r"^(Overall effectiveness|Capacity to improve|Quality of provision|Leadership and management) "
                        r"(Inadequate)$")


def as_marked_up_text(pdf: Path) -> str:
    """The PDF's lines as a text export has them: headings in ``**``, table rows tab-separated,
    bullets as "* ", curly quotes kept."""
    lines = read_source(pdf).lines
    record = next(i for i, line in enumerate(lines) if line == "Record of main findings")
    out: list[str] = []
    for index, line in enumerate(lines):
        row = _TABLE_ROW.match(line)
        if index > record and row:
            out.append(f"{row[1]}\t{row[2]}")
        elif _HEADINGS.match(line) and index > 0:
            out.append(f"**{line}**")
        elif line.startswith("- "):
            out.append("* " + line[2:])
        else:
            out.append(line)
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module")
def norfolk_text(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lac") / "norfolk_inspection_2013.txt"
    path.write_text(as_marked_up_text(NORFOLK_PDF), encoding="utf-8")
    return path


def content(ex: Extraction) -> set[tuple[str, str, str]]:
    """What the document says: every triple except provenance and the document's own node."""
    document = ex.document.value
    skip = {SG.sourceLine.value, SG.sourcePage.value, "http://www.w3.org/ns/prov#wasDerivedFrom"}
    return {(q.subject.value, q.predicate.value, q.object.value) for q in ex.quads
            if q.predicate.value not in skip and document not in (q.subject.value, q.object.value)}


def test_text_form_gives_the_same_nodes(norfolk: Extraction, norfolk_text: Path) -> None:
    text = extract(norfolk_text, norfolk_text.read_bytes())
    assert "**" in norfolk_text.read_text() and "\t" in norfolk_text.read_text()
    assert text.loader_name == "ofsted-lac"
    assert text.warnings == []
    assert content(text) == content(norfolk)


def test_norfolk_loads_into_a_store(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "store") as store:
        (report,) = load_paths(store, [NORFOLK_PDF])
        assert report.status == "loaded", report.reason
        rows = store.select("""SELECT ?grade (COUNT(?j) AS ?n) WHERE {
            ?j a sg:Judgement ; sg:ofInspection ?i ; sg:grade ?grade .
            ?i sg:framework sg:LookedAfterChildrenInspection } GROUP BY ?grade""")
        assert [(r["grade"], int(r["n"].value)) for r in rows] == [(SG.Inadequate, 5)]


# ------------------------------------------------------------------------- the 2009–12 template, two parts

# A CONSTRUCTED example in the form of the 2009–12 "Inspection of safeguarding and looked after children
# services" reports (not a real report: the corpus has none): two parts, each with its own graded
# "Overall effectiveness", and a record table with part labels. The first bullet has no full stop.
SLAC_TEXT = """Inspection of safeguarding and looked after
children services
Norfolk County Council
Inspection dates: 6 – 17 June 2011
Reporting inspector Jane Roe HMI
Age group: All
Published: 22 July 2011

Contents
About this inspection 2

About this inspection
1. The purpose of the inspection is to evaluate services.

Safeguarding services
Overall effectiveness
Grade 3 (adequate)
2. The overall effectiveness of safeguarding services is adequate.
Areas for improvement
3. In order to improve, the local authority and its partners should take the following action.
Immediately:
- ensure all referrals are screened promptly
Within three months:
- improve the quality of assessments

Services for looked after children
Overall effectiveness
Grade 2 (good)
4. The overall effectiveness of services for looked after children is good.
Being healthy
Grade 2 (good)
5. Health outcomes are good.
Areas for improvement
6. In order to improve, the local authority and its partners should take the following action.
Within six months:
- improve pathway plans

Record of main findings
Safeguarding services
Overall effectiveness\tAdequate
Services for looked after children
Overall effectiveness\tGood
Being healthy\tGood
"""


def test_safeguarding_and_looked_after_template_names_judgements_by_part(tmp_path: Path) -> None:
    path = tmp_path / "norfolk_slac_2011.txt"
    path.write_text(SLAC_TEXT, encoding="utf-8")
    ex = extract(path, path.read_bytes())
    assert ex.warnings == []
    inspection = inspection_iri(NORFOLK.iri, "slac", dt.date(2011, 6, 6))
    assert values(ex)[inspection.value]["framework"] == [SG.SafeguardingAndLookedAfterInspection.value]
    grades = {s.removeprefix(inspection.value + "/judgement/"): p["gradeText"][0]
              for s, p in of_type(ex, SG.Judgement).items()}
    assert grades == {"safeguarding/OverallEffectiveness": "Adequate", "looked-after/OverallEffectiveness": "Good",
                      "looked-after/BeingHealthy": "Good"}
    recs = {int(p["number"][0]): (p["tier"][0].rsplit("#", 1)[-1], p["text"][0])
            for p in of_type(ex, SG.Recommendation).values()}
    assert recs == {1: ("Immediately", "ensure all referrals are screened promptly"),
                    2: ("WithinThreeMonths", "improve the quality of assessments"),
                    3: ("WithinSixMonths", "improve pathway plans")}
    areas = {int(p["paragraphNumber"][0]): p["judgementArea"][0].rsplit("#", 1)[-1]
             for p in of_type(ex, SG.Finding).values()}
    assert areas == {2: "OverallEffectiveness", 4: "OverallEffectiveness", 5: "BeingHealthy"}


def test_a_record_of_main_findings_laid_out_as_two_columns_gives_every_judgement(tmp_path: Path) -> None:
    """Some copies of the 2013 record give every area, then every grade: a faithful excerpt of
    Norfolk's record so laid out reads the same five judgements as the PDF's."""
    from safeguarding_kg.loading import extract

    lines = read_source(NORFOLK_PDF, NORFOLK_PDF.read_bytes()).lines
    record = max(i for i, line in enumerate(lines) if line.strip() == "Record of main findings")
    rows = ["Overall effectiveness Inadequate", "Capacity to improve Inadequate", "Outcomes for looked after children",
            "and young people", "Inadequate", "Quality of provision Inadequate", "Leadership and management Inadequate"]
    assert lines[record + 2 : record + 9] == rows
    columns = ["Overall effectiveness", "Capacity to improve", "Outcomes for looked after children", "and young people",
               "Quality of provision", "Leadership and management", *["Inadequate"] * 5]
    copy = tmp_path / "norfolk.txt"
    copy.write_text("\n".join([*lines[: record + 2], *columns, *lines[record + 9 :]]), encoding="utf-8")

    def judgements(ex: Extraction) -> dict[str, tuple[list[str], list[str]]]:
        # all but where it stands (the layouts differ by a line) and which file said it
        return {k: {p: sorted(x) for p, x in v.items() if p not in ("sourceLine", "sourcePage", "wasDerivedFrom")}
                for k, v in values(ex).items() if SG.Judgement.value in v.get("type", [])}
    columned, original = extract(copy, copy.read_bytes()), extract(NORFOLK_PDF, NORFOLK_PDF.read_bytes())
    assert len(judgements(original)) == 5
    assert judgements(columned) == judgements(original)
    assert not [w for w in columned.warnings if "record of main findings" in w.lower()]
