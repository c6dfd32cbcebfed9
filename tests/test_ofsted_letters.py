"""Ofsted letters: seed 002 (unannounced inspection, 2011) against its gold reading, and the focused-visit PDFs.

Expected values for the PDFs were worked out by reading the letters (and, for unnumbered
paragraphs, the rendered pages), not by running the loader.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path

import pytest

from safeguarding_kg.authorities import resolve
from safeguarding_kg.iris import inspection_iri, within
from safeguarding_kg.loaders.base import Extraction
from safeguarding_kg.loaders.toolkit.text import strip_bullet, strip_markup, words_start
from safeguarding_kg.loading import extract, load_paths
from safeguarding_kg.namespaces import DCTERMS, FOAF, SG

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample-corpus"
PDFS = Path(__file__).parent / "fixtures" / "pdf"
GOLD_002 = json.loads((Path(__file__).parent / "fixtures" / "gold" / "002.json").read_text())
SEED_002 = SAMPLE / "solihull_unannounced-inspection-letter_2011.txt"


def load(path: Path) -> Extraction:
    return extract(path, path.read_bytes())


def values(ex: Extraction) -> dict[str, dict[str, list]]:
    """subject IRI -> predicate local name -> object values (str, or IRI strings)."""
    found: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for q in ex.quads:
        found[q.subject.value][q.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]].append(q.object.value)
    return found


def one(ex: Extraction, rdf_class) -> str:
    subjects = {q.subject.value for q in ex.quads if q.object == rdf_class}
    assert len(subjects) == 1, subjects
    return subjects.pop()


def findings_of_kind(ex: Extraction, kind) -> list[dict]:
    by_subject = values(ex)
    found = [props for props in by_subject.values() if kind.value in props.get("findingKind", [])]
    return sorted(found, key=lambda props: int(props["sourceLine"][0]))


def recommendations(ex: Extraction) -> list[dict]:
    found = [props for props in values(ex).values() if SG.Recommendation.value in props.get("type", [])]
    return sorted(found, key=lambda props: int(props["number"][0]))


# ---------------------------------------------------------------------------------- seed 002 = gold


@pytest.fixture(scope="module")
def seed_002() -> Extraction:
    return load(SEED_002)


def test_seed_002_is_an_unannounced_inspection_letter_of_solihull(seed_002: Extraction) -> None:
    authority = resolve(GOLD_002["authority"])
    start = dt.date.fromisoformat(GOLD_002["dates"]["inspection"]["start_iso"])
    inspection = inspection_iri(authority.iri, "unannounced", start)
    props = values(seed_002)[inspection.value]
    assert props["framework"] == [SG.UnannouncedInspection.value]
    assert props["inspectedAuthority"] == [authority.iri.value]
    assert props["startDate"] == [GOLD_002["dates"]["inspection"]["start_iso"]]
    assert props["endDate"] == [GOLD_002["dates"]["inspection"]["end_iso"]]
    assert props["publishedDate"] == [GOLD_002["dates"]["letter"]["iso"]]
    assert seed_002.loader_name is None or seed_002.loader_name == "ofsted-letter"
    document = values(seed_002)[seed_002.document.value]
    assert document["issued"] == [GOLD_002["dates"]["letter"]["iso"]]
    assert document["title"] == [GOLD_002["title"]]
    assert seed_002.warnings == []


def test_seed_002_inspector_is_the_signatory(seed_002: Extraction) -> None:
    people = [p for p in values(seed_002).values() if FOAF.Person.value in p.get("type", [])]
    assert len(people) == GOLD_002["counts"]["inspectors"] == 1
    gold = GOLD_002["inspectors"][0]
    assert people[0]["name"] == [gold["name"]]
    assert people[0]["roleText"] == [gold["role"]]
    assert people[0]["sourceLine"] == [str(gold["line"])]
    inspection = one(seed_002, SG.Inspection)
    assert values(seed_002)[inspection]["leadInspector"] == [
        q.subject.value for q in seed_002.quads if q.predicate == FOAF.name][:1]


@pytest.mark.parametrize(("gold_key", "kind"), [
    ("strengths", SG.StrengthItem),
    ("meets_requirements", SG.MeetsRequirementsItem),
    ("areas_for_development", SG.AreaForDevelopmentItem),
])
def test_seed_002_items_equal_gold(seed_002: Extraction, gold_key: str, kind) -> None:
    gold = GOLD_002[gold_key]
    found = findings_of_kind(seed_002, kind)
    assert len(found) == len(gold)
    for item, expected in zip(found, gold, strict=True):
        text = strip_bullet(strip_markup(item["text"][0]))
        assert words_start(text, 12) == expected["text_start"]
        assert item["sourceLine"] == [str(expected["line"])]


def test_seed_002_split_bullet_is_joined_once(seed_002: Extraction) -> None:
    items = findings_of_kind(seed_002, SG.MeetsRequirementsItem)
    eighth = items[7]["text"][0]
    assert eighth == ("There is consistently good communication with partner agencies including feedback on the "
                      "outcome of referrals and assessments.")
    assert not any(i["text"][0].startswith("feedback") for i in items)


def test_seed_002_item_iris_name_kind_and_position(seed_002: Extraction) -> None:
    inspection = inspection_iri(resolve("Solihull").iri, "unannounced", dt.date(2011, 4, 13))
    props = values(seed_002)
    assert SG.MeetsRequirementsItem.value in props[within(inspection, "finding", "meets-requirements", 11).value][
        "findingKind"]
    assert SG.AreaForDevelopmentItem.value in props[within(inspection, "finding", "area-for-development", 5).value][
        "findingKind"]
    assert within(inspection, "finding", "meets-requirements", 12).value not in props


def test_seed_002_has_no_judgements_or_recommendations(seed_002: Extraction) -> None:
    assert seed_002.counts["Judgement"] == GOLD_002["counts"]["judgements"]
    assert seed_002.counts["Recommendation"] == 0


# ---------------------------------------------------------------------------------- focused visits

# file, authority, visit start, end, letter date, lead inspector, team, "what needs to improve" count
FOCUSED_VISITS = [
    (SAMPLE / "solihull_focused-visit_2018-03-09.pdf", "Solihull", "2018-02-14", "2018-02-15", "2018-03-09",
     "Peter McEntee", ["Pauline Higham"], 3),
    (SAMPLE / "solihull_focused-visit_2021-08-02.pdf", "Solihull", "2021-06-23", "2021-06-24", "2021-08-02",
     "Alison Smale", ["John Roughton", "Rebecca Quested"], 3),
    (SAMPLE / "wolverhampton_focused-visit_2018-10-04.pdf", "Wolverhampton", "2018-09-11", "2018-09-12",
     "2018-10-04", "Alison Smale", ["John Roughton"], 5),
    (SAMPLE / "wolverhampton_focused-visit_2024-11-01.pdf", "Wolverhampton", "2024-10-02", "2024-10-03",
     "2024-11-01", "Gareth Dakin", ["Sophie Wales"], 1),
    (PDFS / "camden_focused-visit_2023-12-05.pdf", "Camden", "2023-10-31", "2023-11-01", "2023-12-05",
     "Naintara Khosla", ["Russel Breyer"], 2),
    (PDFS / "lewisham_focused-visit_2021-08-31.pdf", "Lewisham", "2021-07-21", "2021-07-22", "2021-08-31",
     "Tara Geere", ["Kendra Bell"], 5),
    (PDFS / "newcastle-upon-tyne_focused-visit_2018-08-16.pdf", "Newcastle upon Tyne", "2018-07-24", "2018-07-25",
     "2018-08-16", "Lisa Summers", ["Jan Edwards"], 6),
    (PDFS / "rotherham_focused-visit_2020-12-04.pdf", "Rotherham", "2020-10-20", "2020-10-22", "2020-12-04",
     "Matt Reed", ["Louise Hollick", "Mandy Nightingale", "Kathryn Grindrod", "Michele Costello"], 4),
    (PDFS / "sandwell_focused-visit_2025-05-20.pdf", "Sandwell", "2025-04-15", "2025-04-16", "2025-05-20",
     "Alison Smale", ["Nick Bennison"], 4),
    (PDFS / "swindon_focused-visit_2019-03-01.pdf", "Swindon", "2019-02-06", "2019-02-07", "2019-03-01",
     "Diane Partridge", ["Marcie Taylor"], 2),
]


@pytest.mark.parametrize(("path", "authority", "start", "end", "issued", "lead", "team", "improve"),
                         FOCUSED_VISITS, ids=[row[0].stem for row in FOCUSED_VISITS])
def test_focused_visit_letter(path: Path, authority: str, start: str, end: str, issued: str, lead: str,
                              team: list[str], improve: int) -> None:
    ex = load(path)
    assert ex.loader_name == "ofsted-letter"
    inspection = inspection_iri(resolve(authority).iri, "focused-visit", dt.date.fromisoformat(start))
    props = values(ex)
    assert props[inspection.value]["framework"] == [SG.FocusedVisit.value]
    assert props[inspection.value]["endDate"] == [end]
    assert props[inspection.value]["publishedDate"] == [issued]
    assert props[ex.document.value]["issued"] == [issued]
    names = {iri: p["name"][0] for iri, p in props.items() if "name" in p}
    assert [names[iri] for iri in props[inspection.value]["leadInspector"]] == [lead]
    assert sorted(names[iri] for iri in props[inspection.value]["teamMember"]) == sorted(team)
    recs = recommendations(ex)
    assert [int(r["number"][0]) for r in recs] == list(range(1, improve + 1))
    assert all(r["addressedTo"] == [resolve(authority).iri.value] for r in recs)
    assert not any(w.startswith("no ") for w in ex.warnings), ex.warnings


def test_focused_visit_2018_bulleted_findings_and_overview() -> None:
    """Solihull 2018: one overview paragraph (cut by the letterhead at the foot of page 1), 13 finding bullets;
    the bullet split by the page 2/3 break (its second paragraph has no bullet glyph) is one finding."""
    ex = load(SAMPLE / "solihull_focused-visit_2018-03-09.pdf")
    headline = findings_of_kind(ex, SG.HeadlineFinding)
    assert len(headline) == 1
    assert "Piccadilly" not in headline[0]["text"][0]
    assert headline[0]["text"][0].endswith("young people are able to influence policy and practice.")
    main = findings_of_kind(ex, SG.MainFinding)
    assert len(main) == 13
    assert main[4]["text"][0].startswith("The training and development needs of the 16-plus team")
    assert "Workers evidenced the use of independent research" in main[4]["text"][0]
    assert words_start(main[-1]["text"][0], 6) == "Eight young people were spoken to"
    recs = recommendations(ex)
    assert recs[2]["text"] == ["The point at which pathway planning starts needs to be earlier, as soon after a "
                               "young person’s sixteenth birthday as possible."]


def test_newcastle_continuation_paragraph_after_page_break_stays_in_its_bullet() -> None:
    ex = load(PDFS / "newcastle-upon-tyne_focused-visit_2018-08-16.pdf")
    main = findings_of_kind(ex, SG.MainFinding)
    assert len(main) == 12
    assert "Early help assessments and plans vary in quality." in main[4]["text"][0]
    assert len(findings_of_kind(ex, SG.HeadlineFinding)) == 2


def test_rotherham_findings_bullets() -> None:
    ex = load(PDFS / "rotherham_focused-visit_2020-12-04.pdf")
    main = findings_of_kind(ex, SG.MainFinding)
    assert len(main) == 26
    assert main[0]["sourceLine"] == ["78"]
    assert words_start(main[-1]["text"][0], 5) == "All workers spoken to feel"


def test_headline_and_main_findings_paragraphs_2021_letter() -> None:
    """Solihull 2021: unbulleted, unnumbered paragraphs; pages 2 and 3 checked against the rendered pages."""
    ex = load(SAMPLE / "solihull_focused-visit_2021-08-02.pdf")
    headline = findings_of_kind(ex, SG.HeadlineFinding)
    assert len(headline) == 1
    assert headline[0]["text"][0].endswith("but it is too early to see the impact of this.")
    assert "Piccadilly" not in headline[0]["text"][0]
    main = findings_of_kind(ex, SG.MainFinding)
    assert [int(m["sourceLine"][0]) for m in main[:9]] == [54, 61, 63, 73, 79, 93, 102, 111, 114]
    assert all(SG.HeadlineFinding.value not in m["findingKind"] for m in main)


def test_unbulleted_what_needs_to_improve_paragraphs() -> None:
    """Wolverhampton 2018 prints its "What needs to improve" items as paragraphs, one cut by a page break."""
    ex = load(SAMPLE / "wolverhampton_focused-visit_2018-10-04.pdf")
    recs = recommendations(ex)
    assert [int(r["sourceLine"][0]) for r in recs] == [155, 157, 160, 166, 173]
    assert recs[4]["text"][0].endswith("this is a missed opportunity to improve practice.")


def test_letters_load_into_a_store(store) -> None:
    reports = load_paths(store, [SEED_002, SAMPLE / "solihull_focused-visit_2021-08-02.pdf"])
    assert [r.status for r in reports] == ["loaded", "loaded"]
    rows = store.select("""
        SELECT ?framework (COUNT(DISTINCT ?rec) AS ?recs) WHERE {
          ?i a sg:Inspection ; sg:framework ?framework .
          OPTIONAL { ?rec sg:ofInspection ?i ; a sg:Recommendation }
        } GROUP BY ?framework ORDER BY ?framework""")
    found = {str(row["framework"].value).rsplit("#", 1)[-1]: int(row["recs"].value) for row in rows}
    assert found == {"FocusedVisit": 3, "UnannouncedInspection": 0}


def test_title_from_document(seed_002: Extraction) -> None:
    titles = [q.object.value for q in seed_002.quads if q.predicate == DCTERMS.title]
    assert titles == [GOLD_002["title"]]


def test_ofsteds_own_letterhead_never_names_the_authority(tmp_path: Path) -> None:
    # Ofsted's address ("… Bristol BS1 6NL …") names a city that is also an authority: a letter
    # about a council the register does not know must fail with the reason, not become Bristol's.
    from safeguarding_kg.loaders.base import ExtractionError

    text = (SAMPLE / "solihull_unannounced-inspection-letter_2011.txt").read_text(encoding="utf-8")
    letter = tmp_path / "borsetshire-letter.txt"
    letter.write_text(text.replace("Solihull", "Borsetshire"), encoding="utf-8")
    with pytest.raises(ExtractionError, match="naming no local authority"):
        extract(letter, letter.read_bytes())


@pytest.mark.parametrize(("written", "start", "end"), [
    ("on\n14 and 15 February.", "2018-02-14", "2018-02-15"),  # the year left out, as 2018 letters do
    ("on\n14 February to 15 February.", "2018-02-14", "2018-02-15"),
    ("on\n14 February.", "2018-02-14", "2018-02-14"),
])
def test_visit_dates_without_a_year_take_the_letters_year(tmp_path: Path, written: str, start: str, end: str) -> None:
    """A faithful excerpt of Solihull's 2018 focused-visit letter, its visit dates written without the year."""
    from safeguarding_kg.loaders.toolkit.sources import read_source

    pdf = SAMPLE / "solihull_focused-visit_2018-03-09.pdf"
    text = "\n".join(read_source(pdf, pdf.read_bytes()).lines)
    assert "on\n14 and 15 February 2018." in text
    copy = tmp_path / "solihull_2018.txt"
    copy.write_text(text.replace("on\n14 and 15 February 2018.", written), encoding="utf-8")
    ex = load(copy)
    inspection = values(ex)[one(ex, SG.Inspection)]
    assert (inspection["startDate"], inspection["endDate"]) == ([start], [end])
    assert ex.counts == load(pdf).counts
