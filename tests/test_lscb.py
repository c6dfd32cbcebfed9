"""LSCB reviews: the section on its own (seed 003) equals its gold reading, and after loading it
belongs to Solihull's 2016 inspection whatever the order of loading, in one run or two."""

from __future__ import annotations

from pathlib import Path

import pytest
from sif_helpers import CORPUS, compare_with_gold, gold, local, of_type

from safeguarding_kg.loaders import lscb_review
from safeguarding_kg.loaders.toolkit.sources import read_source
from safeguarding_kg.loading import extract, load_paths
from safeguarding_kg.store import GraphStore

SECTION = CORPUS / "solihull_lscb-review-section_2016.txt"
REPORT = CORPUS / "solihull_inspection-and-lscb-review_2016.txt"
DATED = "https://w3id.org/safeguarding-kg/id/inspection/E08000029/sif/2016-04-25"


def test_seed_003_equals_gold() -> None:
    out = extract(SECTION, SECTION.read_bytes())
    assert out.loader_name == "ofsted-lscb-review"
    assert compare_with_gold(out, gold("003.json")) == []
    assert any("undated" in w for w in out.warnings)


def test_undated_section_alone_keeps_a_provisional_inspection(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "store")
    load_paths(store, [SECTION])
    rows = store.select("SELECT ?i ?f WHERE { ?i a sg:Inspection ; sg:provisional true ; sg:framework ?f }")
    assert len(rows) == 1
    assert "/lscb-review/undated-" in rows[0]["i"].value and local(rows[0]["f"].value) == "LSCBReview"


def _state(store: GraphStore) -> list[tuple[str, ...]]:
    rows = store.select("""SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o }
        FILTER(STRSTARTS(STR(?g), "https://w3id.org/safeguarding-kg/id/document/")) }""")
    return sorted((r["g"].value, r["s"].value, r["p"].value, r["o"].value) for r in rows)


@pytest.fixture(scope="module")
def final_states(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, ...]]]:
    states = {}
    for order in ((REPORT, SECTION), (SECTION, REPORT)):
        for runs in ("one run", "two runs"):
            store = GraphStore(tmp_path_factory.mktemp("store") / "s")
            if runs == "one run":
                load_paths(store, list(order))
            else:
                load_paths(store, [order[0]])
                load_paths(store, [order[1]])
            label = f"{order[0].name} first, {runs}"
            states[label] = _state(store)
            counts = store.select("""SELECT (COUNT(DISTINCT ?f) AS ?n) (COUNT(DISTINCT ?i) AS ?m)
                WHERE { ?f a sg:Finding . ?i a sg:Inspection }""")[0]
            assert (int(counts["n"].value), int(counts["m"].value)) == (113, 1), label
            paragraphs = store.select("""SELECT ?f WHERE { GRAPH ?g { ?f sg:ofInspection ?i ; a sg:Finding } }""")
            assert {r["f"].value.rsplit("/finding/", 1)[0] for r in paragraphs} == {DATED}, label
    return states


def test_all_four_orders_end_in_the_same_graph(final_states: dict[str, list[tuple[str, ...]]]) -> None:
    first = next(iter(final_states.values()))
    assert all(state == first for state in final_states.values())


def test_section_paragraphs_belong_to_the_dated_inspection(final_states: dict[str, list[tuple[str, ...]]]) -> None:
    state = next(iter(final_states.values()))
    section_graph = "https://w3id.org/safeguarding-kg/id/document/solihull-lscb-review-section-2016-txt"
    subjects = {s for g, s, _, _ in state if g == section_graph and "/inspection/" in s}
    assert subjects and all(s.startswith(DATED) for s in subjects)
    assert not any(p.endswith("#provisional") for g, _, p, _ in state if g == section_graph)


STANDALONE = """London Borough of Enfield
Review of the effectiveness of the Local Safeguarding Children Board
Inspection date: 20 January 2015 to 11 February 2015
Report published: 27 March 2015
The Local Safeguarding Children Board is good
Executive summary
The board is well led.
Recommendations
- Ensure that the board's training is evaluated. (paragraph 12)
- Strengthen the annual report so that it
covers all partners. (paragraphs 13 and 14)
Inspection findings – the Local Safeguarding Children Board
12. Training is well attended but its impact is not evaluated.
13. The annual report is clear.
14. Partners contribute well to the annual report.
"""


def test_standalone_review_with_bulleted_recommendations(tmp_path: Path) -> None:
    path = tmp_path / "enfield_lscb-review_2015.txt"
    path.write_text(STANDALONE)
    assert lscb_review.LOADER.recognise(read_source(path)) > 0.5
    out = extract(path, path.read_bytes())
    recs = {int(p["number"][0]): p for p in of_type(out, "Recommendation")}
    assert sorted(recs) == [1, 2]
    assert recs[2]["text"] == ["Strengthen the annual report so that it covers all partners. (paragraphs 13 and 14)"]
    assert sorted(local(x) for x in recs[2]["basedOnFinding"]) == ["13", "14"]
    inspection = of_type(out, "Inspection")[0]
    assert inspection["startDate"] == ["2015-01-20"] and "provisional" not in inspection
    assert [local(x) for x in inspection["framework"]] == ["LSCBReview"]


def test_standalone_review_whose_title_wraps_over_two_lines(tmp_path: Path) -> None:
    """The title as a PDF lays it out on a narrow page: "… Local Safeguarding Children" / "Board",
    and the judgement sentence wrapped too; read as the one-line title is."""
    wrapped = STANDALONE.replace("Local Safeguarding Children Board\nInspection date",
                                 "Local Safeguarding Children\nBoard\nInspection date")
    wrapped = wrapped.replace("The Local Safeguarding Children Board is good",
                              "The Local Safeguarding Children\nBoard is good")
    assert wrapped.count("Children\nBoard") == 2
    one_line, two_lines = tmp_path / "one.txt", tmp_path / "two.txt"
    one_line.write_text(STANDALONE)
    two_lines.write_text(wrapped)
    assert lscb_review.LOADER.recognise(read_source(two_lines)) > 0.5
    expected, out = extract(one_line, one_line.read_bytes()), extract(two_lines, two_lines.read_bytes())
    assert out.loader_name == "ofsted-lscb-review"
    assert sorted(out.counts.items()) == sorted(expected.counts.items())
    titles = [q.object.value for q in out.quads if q.predicate.value.endswith("/title")]
    assert titles == ["Review of the effectiveness of the Local Safeguarding Children Board"]
