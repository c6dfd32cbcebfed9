"""SIF reports (2013–2018): the seeds equal their gold readings, text and PDF give the same nodes,
and every SIF PDF of the fixtures loads with what a reader finds in it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pyoxigraph import NamedNode
from sif_helpers import CORPUS, PDFS, compare_with_gold, facts, gold, local, of_type

from safeguarding_kg.loaders import detect, ofsted_sif
from safeguarding_kg.loaders.base import Extraction
from safeguarding_kg.loaders.toolkit.report_structure import join_lines, numbered_paragraphs, paragraph_start
from safeguarding_kg.loaders.toolkit.sources import read_source
from safeguarding_kg.loading import extract
from safeguarding_kg.themes import classify_extraction

SOLIHULL_TXT = CORPUS / "solihull_inspection-and-lscb-review_2016.txt"
SOLIHULL_PDF = CORPUS / "solihull_inspection_2016-07-07.pdf"
PACK = CORPUS / "wolverhampton_corporate-parenting-board-pack_2017-05-18.txt"
WOLVERHAMPTON_PDF = CORPUS / "wolverhampton_inspection_2017-03-31.pdf"


def load(path: Path) -> Extraction:
    return extract(path, path.read_bytes())


def embedded(path: Path) -> Extraction:
    source = read_source(path)
    span = ofsted_sif.find_embedded_report(source)
    assert span is not None
    out = Extraction(source)
    excerpt = source.excerpt(*span)
    with out.reading(excerpt):
        ofsted_sif.extract_report(excerpt, out)
    classify_extraction(out)  # as loading.extract does after every loader (themes, services, polarity)
    return out


@pytest.fixture(scope="module")
def solihull_txt() -> Extraction:
    return load(SOLIHULL_TXT)


@pytest.fixture(scope="module")
def wolverhampton_embedded() -> Extraction:
    return embedded(PACK)


# --------------------------------------------------------------------------- seeds against gold


def test_seed_000_equals_gold(solihull_txt: Extraction) -> None:
    assert solihull_txt.loader_name == "ofsted-sif"
    assert compare_with_gold(solihull_txt, gold("000.json")) == []
    counts = gold("000.json")["counts"]
    assert len(of_type(solihull_txt, "Finding")) == counts["findings_paragraphs"] == 113
    assert len(of_type(solihull_txt, "Recommendation")) == 14
    assert solihull_txt.warnings == []


def test_seed_000_inspection(solihull_txt: Extraction) -> None:
    inspection = of_type(solihull_txt, "Inspection")[0]
    assert inspection["startDate"] == ["2016-04-25"] and inspection["endDate"] == ["2016-05-19"]
    assert inspection["publishedDate"] == ["2016-07-07"]
    assert [local(x) for x in inspection["framework"]] == ["SIF"]
    assert inspection["inspectedAuthority"] == ["https://w3id.org/safeguarding-kg/id/authority/E08000029"]
    assert inspection["inspectedBoard"] == ["https://w3id.org/safeguarding-kg/id/board/E08000029"]
    assert local(inspection["leadInspector"][0]) == "nigel-parkes"
    assert len(inspection["teamMember"]) == 9


def test_seed_000_lscb_recommendations_are_addressed_to_the_board(solihull_txt: Extraction) -> None:
    recs = {int(p["number"][0]): p for p in of_type(solihull_txt, "Recommendation")}
    assert recs[111]["addressedTo"] == ["https://w3id.org/safeguarding-kg/id/board/E08000029"]
    assert recs[1]["addressedTo"] == ["https://w3id.org/safeguarding-kg/id/authority/E08000029"]


def test_seed_004_embedded_report_equals_gold(wolverhampton_embedded: Extraction) -> None:
    reading = gold("004.json")["embedded"][0]
    assert compare_with_gold(wolverhampton_embedded, reading) == []
    assert len(of_type(wolverhampton_embedded, "Finding")) == 114


def test_find_embedded_report_on_the_pack() -> None:
    assert ofsted_sif.find_embedded_report(read_source(PACK)) == (369, 788)
    assert ofsted_sif.find_embedded_report(read_source(CORPUS / "solihull_unannounced-inspection-letter_2011.txt")) \
        is None


def test_the_pack_itself_is_not_claimed_as_a_sif_report() -> None:
    assert ofsted_sif.LOADER.recognise(read_source(PACK)) == 0.0


# --------------------------------------------------------------------------- text and PDF: same nodes


def _text_differences(a: Extraction, b: Extraction) -> dict[str, tuple[set[str], set[str]]]:
    """Per differing node (a paragraph's number, or "<number>/classification"): its values in a and in b.

    A paragraph worded differently may be classified with other numbers (the word model reads the words): its
    evidence may then differ in its reasons only, never in what is assigned.
    """
    only_a, only_b = facts(a) - facts(b), facts(b) - facts(a)
    assert {(s, p) for s, p, _ in only_a} == {(s, p) for s, p, _ in only_b}, "differences beyond wording"
    assert all(p == "reason" for s, p, _ in only_a if s.endswith("/classification"))
    return {"/".join(s.rsplit("/", 2)[1:]) if s.endswith("/classification") else s.rsplit("/", 1)[1]:
            ({o for x, p, o in only_a if x == s}, {o for x, p, o in only_b if x == s}) for s, p, _ in only_a}


def test_solihull_text_and_pdf_give_the_same_nodes(solihull_txt: Extraction) -> None:
    pdf = load(SOLIHULL_PDF)
    assert {q.subject for q in pdf.quads} - {pdf.document} == {q.subject for q in solihull_txt.quads} - \
        {solihull_txt.document}
    # The only difference is wording the two sources really differ in: the published PDF prints
    # "to identity and respond" in paragraph 126 where the text export has "identify".
    differences = _text_differences(solihull_txt, pdf)
    assert set(differences) <= {"126", "126/classification"} and "126" in differences
    (ours,), (theirs,) = differences["126"]
    assert ours.replace("to identify and", "to identity and") == theirs


def test_wolverhampton_embedded_and_pdf_give_the_same_nodes(wolverhampton_embedded: Extraction) -> None:
    pdf = load(WOLVERHAMPTON_PDF)
    assert {q.subject for q in pdf.quads} - {pdf.document} == {q.subject for q in wolverhampton_embedded.quads} \
        - {wolverhampton_embedded.document}
    # Two typos of the published PDF that the pack's copy corrected: "competed on time" (¶46)
    # and "achievements, This year's" (¶92).
    differences = _text_differences(wolverhampton_embedded, pdf)
    assert set(differences) - {"46/classification", "92/classification"} == {"46", "92"}
    (ours,), (theirs,) = differences["46"]
    assert ours.replace("completed on time", "competed on time") == theirs
    (ours,), (theirs,) = differences["92"]
    assert ours.replace("achievements. This year's", "achievements, This year's") == theirs


# --------------------------------------------------------------------------- every SIF PDF

# Read by hand from each PDF: authority GSS code, dates, grades in table order (overall, help and
# protection, looked after, adoption, care leavers, leadership, LSCB), LA and LSCB recommendation
# numbers, numbered findings (first, last, count), numbered non-finding paragraphs.
PDF_EXPECTATIONS = {
    "essex_inspection_2014-03-21.pdf": (
        "E10000012", "2014-01-14", "2014-02-05", None,
        ["good", "Good", "Good", "Good", "Good", "Good", "requires improvement"],
        (list(range(14, 24)), list(range(111, 116))), (24, 124, 96), 13),
    "manchester_inspection_2014-09-03.pdf": (
        "E08000003", "2014-06-25", "2014-07-16", "2014-09-01",
        ["inadequate", "Inadequate", "Requires improvement", "Inadequate", "Requires improvement", "Inadequate",
         "inadequate"],
        (list(range(11, 35)), list(range(154, 164))), (51, 182, 107), 41),
    "enfield_inspection_2015-03-27.pdf": (
        "E09000010", "2015-01-20", "2015-02-11", "2015-03-27",
        ["good", "Requires improvement", "Good", "Good", "Good", "Good", "good"],
        (list(range(1, 12)), list(range(139, 143))), (32, 160, 125), 20),
    "wiltshire_inspection_2015-09-01.pdf": (
        "E06000054", "2015-06-22", "2015-07-16", "2015-09-01",
        ["require improvement"] + ["Requires improvement"] * 5 + ["requires improvement"],
        (list(range(1, 12)), list(range(113, 117))), (12, 133, 118), 0),
    "ealing_inspection_2016-08-26.pdf": (
        "E09000009", "2016-06-13", "2016-07-07", "2016-08-26",
        ["good", "Good", "Good", "Good", "Outstanding", "Good", "requires improvement"],
        (list(range(1, 11)), list(range(123, 128))), (11, 143, 128), 0),
    "kirklees_inspection_2016-11-25.pdf": (
        "E08000034", "2016-09-12", "2016-10-06", "2016-11-25",
        ["inadequate", "Inadequate", "Inadequate", "Requires improvement", "Requires improvement", "Inadequate",
         "inadequate"],
        (list(range(1, 28)), list(range(117, 127))), (28, 141, 104), 0),
    "islington_inspection_2017-07-14.pdf": (
        "E09000019", "2017-04-28", "2017-05-25", "2017-07-14",
        ["good", "Good", "Good", "Good", "Good", "Outstanding", "good"],
        (list(range(1, 7)), list(range(100, 104))), (7, 120, 110), 0),
    "solihull_inspection_2016-07-07.pdf": (
        "E08000029", "2016-04-25", "2016-05-19", "2016-07-07",
        ["require improvement to be good"] + ["Requires improvement"] * 2 + ["Good"]
        + ["Requires improvement"] * 2 + ["good"],
        (list(range(1, 12)), list(range(111, 114))), (12, 127, 113), 0),
    "wolverhampton_inspection_2017-03-31.pdf": (
        "E08000031", "2017-01-16", "2017-02-09", "2017-03-31",
        ["good", "Requires improvement", "Good", "Good", "Good", "Good", "requires improvement"],
        (list(range(1, 12)), list(range(111, 116))), (12, 130, 114), 0),
}
AREA_ORDER = ["OverallEffectiveness", "HelpAndProtection", "ChildrenInCare", "AdoptionPerformance", "CareLeavers",
              "Leadership", "SafeguardingBoardEffectiveness"]


def _pdf(name: str) -> Path:
    return PDFS / name if (PDFS / name).exists() else CORPUS / name


@pytest.mark.parametrize("name", sorted(PDF_EXPECTATIONS))
def test_sif_pdf_loads_with_what_it_prints(name: str) -> None:
    gss, start, end, published, grades, (la_recs, lscb_recs), (first, last, count), others = PDF_EXPECTATIONS[name]
    out = load(_pdf(name))
    assert out.loader_name == "ofsted-sif"
    inspection = of_type(out, "Inspection")[0]
    assert inspection["inspectedAuthority"] == [f"https://w3id.org/safeguarding-kg/id/authority/{gss}"]
    assert inspection["startDate"] == [start] and inspection["endDate"] == [end]
    assert inspection.get("publishedDate") == ([published] if published else None)
    judgements = {local(p["judgementArea"][0]): p for p in of_type(out, "Judgement")}
    assert [judgements[a]["gradeText"][0] for a in AREA_ORDER] == grades
    assert all(p.get("grade") for p in judgements.values())
    recs = of_type(out, "Recommendation")
    board = f"https://w3id.org/safeguarding-kg/id/board/{gss}"
    assert sorted(int(p["number"][0]) for p in recs if p["addressedTo"] != [board]) == la_recs
    assert sorted(int(p["number"][0]) for p in recs if p["addressedTo"] == [board]) == lscb_recs
    numbers = sorted(int(p["paragraphNumber"][0]) for p in of_type(out, "Finding"))
    assert (numbers[0], numbers[-1], len(numbers)) == (first, last, count)
    assert len(of_type(out, "ReportParagraph")) == others
    assert all(p["sourcePage"] for p in of_type(out, "Finding"))


def test_2014_tiers_are_read() -> None:
    out = load(PDFS / "manchester_inspection_2014-09-03.pdf")
    tiers = {int(p["number"][0]): (local(p["tier"][0]), p["tierText"][0]) for p in of_type(out, "Recommendation")}
    assert tiers[11] == ("PriorityAndImmediateAction", "Priority and immediate action")
    assert tiers[163] == ("AreaForImprovement", "Areas for improvement")
    kinds = {local(p["paragraphKind"][0]) for p in of_type(out, "ReportParagraph")}
    assert kinds == {"SummaryPoint", "StrengthParagraph", "ProgressSinceLastInspection"}


def test_numbered_markers_link_and_bare_markers_do_not(solihull_txt: Extraction) -> None:
    findings = {int(p["paragraphNumber"][0]): p for p in of_type(solihull_txt, "Finding")}
    assert sorted(local(x) for x in findings[17]["citesRecommendation"]) == ["2", "3"]
    assert findings[118].get("citesRecommendation") is None
    assert findings[118]["unnumberedRecommendationMarker"] == ["true"]


# --------------------------------------------------------------------------- traps


def test_a_wrapped_year_is_not_a_paragraph_number() -> None:
    lines = ["127. The results were used to identify priorities for 2015–", "16. and to shape the plan."]
    assert paragraph_start(lines, 1, 16) is None


def test_a_number_inside_a_sentence_is_not_a_paragraph_number() -> None:
    lines = ["12. In the last year the number of referrals fell to", "13 children were seen alone."]
    assert paragraph_start(lines, 1, 13) is None


def test_a_lost_full_stop_still_starts_the_expected_paragraph() -> None:
    lines = ["12. Referrals are timely.", "13 The MASH works well."]
    assert paragraph_start(lines, 1, 13) == 13


def test_page_break_continuations_join_their_paragraph() -> None:
    lines = ["21. Children are seen alone by social workers, and", "", "more frequently where needed.",
             "22. Next paragraph."]
    paragraphs = numbered_paragraphs(lines, 1, 4, 21)
    assert [(p.number, p.text) for p in paragraphs] == [
        (21, "Children are seen alone by social workers, and more frequently where needed."),
        (22, "Next paragraph.")]
    assert paragraphs[0].continuation_lines == [3]


def test_line_end_hyphens_are_wording() -> None:
    assert join_lines(["alternative family-", "based solutions in 2015–", "16."]) == \
        "alternative family-based solutions in 2015–16."


def test_pdf_footnote_marks_and_footnotes_are_removed() -> None:
    out = load(SOLIHULL_PDF)
    title = next(q.object.value for q in out.quads if local(q.predicate.value) == "title"
                 and q.subject != out.document)
    assert title.endswith("Local Safeguarding Children Board")
    texts = " ".join(q.object.value for q in out.quads if local(q.predicate.value) == "text")
    assert "Ofsted produces this report" not in texts


def test_detect_picks_the_sif_loader() -> None:
    loader = detect(read_source(SOLIHULL_TXT))
    assert loader is not None and loader.name == "ofsted-sif"


def test_no_inspection_date_fails_loudly(tmp_path: Path) -> None:
    text = SOLIHULL_TXT.read_text().replace("Inspection date: 25 April to 19 May 2016", "")
    path = tmp_path / "undated.txt"
    path.write_text(text)
    with pytest.raises(Exception, match="Inspection date"):
        load(path)


def test_inspection_iri_is_deterministic(solihull_txt: Extraction) -> None:
    inspection = next(q.subject for q in solihull_txt.quads if local(q.object.value) == "Inspection")
    assert inspection == NamedNode("https://w3id.org/safeguarding-kg/id/inspection/E08000029/sif/2016-04-25")
    assert dt.date(2016, 4, 25).isoformat() in inspection.value


def test_lscb_recommendations_under_priority_actions_are_read(tmp_path: Path) -> None:
    """SIF 2014 LSCB parts head the first tier "Priority actions" (not "Priority and immediate
    action"): a faithful excerpt of Manchester 2014 with that heading reads the same recommendations."""
    from safeguarding_kg.loaders.toolkit.sources import read_source

    pdf = PDFS / "manchester_inspection_2014-09-03.pdf"
    lines = read_source(pdf, pdf.read_bytes()).lines
    lscb = lines.index("What does the LSCB need to improve?")
    assert lines[lscb + 1] == "Priority and immediate action"
    lines[lscb + 1] = "Priority actions"
    copy = tmp_path / "manchester.txt"
    copy.write_text("\n".join(lines), encoding="utf-8")
    original, renamed = load(pdf), load(copy)
    tiers = {int(p["number"][0]): local(p["tier"][0]) for p in of_type(renamed, "Recommendation")}
    assert tiers == {int(p["number"][0]): local(p["tier"][0]) for p in of_type(original, "Recommendation")}
    assert tiers[163] == "AreaForImprovement" and "PriorityAndImmediateAction" in {
        tiers[n] for n in tiers if n > 150}
