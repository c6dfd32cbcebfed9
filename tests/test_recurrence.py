"""Recurrence links across inspections of one authority, and identity of items across documents."""

from __future__ import annotations

from pathlib import Path

from safeguarding_kg.iris import document_iri
from safeguarding_kg.linking import remove_documents
from safeguarding_kg.linking_recurrence import recurrence_graph
from safeguarding_kg.loading import load_paths
from safeguarding_kg.namespaces import SG, SGID
from safeguarding_kg.store import GraphStore

CORPUS = Path(__file__).resolve().parent.parent / "sample-corpus"
SOLIHULL = SGID["authority/E08000029"]
LINKS = """SELECT ?later ?earlier ?score ?lt ?et ?ls ?es WHERE {
    ?l a sg:RecurrenceLink ; sg:later ?later ; sg:earlier ?earlier ; sg:score ?score ; sg:inferred true .
    ?later sg:recurrenceOf ?earlier ; sg:text ?lt ; sg:ofInspection/sg:startDate ?ls .
    ?earlier sg:text ?et ; sg:ofInspection/sg:startDate ?es }"""
SAME_AREA = LINKS.replace("sg:RecurrenceLink", "sg:SameAreaLink").replace("sg:recurrenceOf", "sg:sameAreaAs")


def links(store: GraphStore) -> set[tuple[str, str, str]]:
    return {(r["later"].value, r["earlier"].value, r["score"].value) for r in store.select(LINKS)}


def _found(store: GraphStore, later_year: str, earlier_year: str, *words: str, query: str = LINKS) -> bool:
    """A link from an item of the later inspection to one of the earlier, both texts using the words."""
    for r in store.select(query):
        later, earlier = r["lt"].value.lower(), r["et"].value.lower()
        if r["ls"].value.startswith(later_year) and r["es"].value.startswith(earlier_year) and all(
                w in later and w in earlier for w in words):
            return True
    return False


def test_solihull_recurrences(sample_store: GraphStore) -> None:
    assert _found(sample_store, "2019", "2016", "private fostering")
    assert _found(sample_store, "2022", "2019", "private fostering")
    assert _found(sample_store, "2019", "2016", "strategy")  # "strategy meetings" then "strategy discussions"
    assert _found(sample_store, "2021", "2019", "return home interviews")
    # the analysis in initial assessments (2011 letter) -> the quality of assessments and plans (2022)
    assert _found(sample_store, "2022", "2011", "assessment", "analys")


def test_a_shared_theme_and_words_without_a_shared_issue_is_only_a_same_area_link(sample_store: GraphStore) -> None:
    # 2016: "the quality and effectiveness of assessments and care plans"; 2011: ethnicity not recorded, cultural
    # heritage not considered in the assessment process -- one theme, the word "assessment", not one issue
    assert not _found(sample_store, "2016", "2011", "assessment", "ethnicity")
    same_area = sample_store.select(SAME_AREA)
    assert same_area and not {(r["later"], r["earlier"]) for r in same_area} & {
        (r["later"], r["earlier"]) for r in sample_store.select(LINKS)}


def test_links_are_inferred_scored_and_in_derived_graphs(sample_store: GraphStore) -> None:
    rows = sample_store.select("""SELECT ?g ?type ?score ?reason ?issue WHERE { GRAPH ?g {
        ?l a ?type ; sg:score ?score ; sg:reason ?reason ; sg:inferred true OPTIONAL { ?l sg:sharedIssue ?issue } }
        VALUES ?type { sg:RecurrenceLink sg:SameAreaLink } }""")
    assert {r["type"] for r in rows} == {SG.RecurrenceLink, SG.SameAreaLink}
    assert all(r["g"].value.startswith("https://w3id.org/safeguarding-kg/graph/inferred/recurrence/") for r in rows)
    assert all(0 <= float(r["score"].value) <= 1 for r in rows)
    for r in rows:  # a recurrence names the issue both raise; a same-area link says it is not one
        if r["type"] == SG.RecurrenceLink:
            assert r["reason"].value.startswith("same issue: ") and r["issue"].value in r["reason"].value
        else:
            assert r["reason"].value.startswith("same area, not the same issue: ") and r.get("issue") is None
    # a link only goes from a later inspection to an earlier one
    assert all(r["ls"].value > r["es"].value for r in sample_store.select(LINKS) + sample_store.select(SAME_AREA))


def test_any_load_order_gives_the_same_links(sample_store: GraphStore, tmp_path: Path) -> None:
    other = GraphStore(tmp_path / "reversed")
    files = sorted((p for p in CORPUS.iterdir() if p.name != "README.md"), reverse=True)
    load_paths(other, files[: len(files) // 2])  # later reports first, in two runs
    load_paths(other, files[len(files) // 2:])
    assert links(other) == links(sample_store)
    other.close()


def test_remove_recomputes(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "s")
    load_paths(store, [CORPUS / "solihull_inspection_2016-07-07.pdf", CORPUS / "solihull_inspection_2020-01-09.pdf"])
    assert links(store)
    remove_documents(store, [document_iri("solihull_inspection_2016-07-07.pdf")])
    assert not links(store)
    remove_documents(store, [document_iri("solihull_inspection_2020-01-09.pdf")])
    assert not list(store.quads(recurrence_graph(SOLIHULL)))
    store.close()


def test_same_lscb_finding_in_two_documents_is_one_node(sample_store: GraphStore) -> None:
    rows = sample_store.select("""SELECT ?f (COUNT(DISTINCT ?doc) AS ?n) WHERE {
        ?f a sg:Finding ; prov:wasDerivedFrom ?doc ;
        prov:wasDerivedFrom <https://w3id.org/safeguarding-kg/id/document/solihull-lscb-review-section-2016-txt> }
        GROUP BY ?f""")
    assert len(rows) == 14
    assert all(int(r["n"].value) >= 2 for r in rows)
