"""Two documents that contradict each other about one node: the later is refused, the store stays valid."""

from __future__ import annotations

from pathlib import Path

from safeguarding_kg.linking import link_after_load
from safeguarding_kg.loading import FAILED, LOADED, load_paths
from safeguarding_kg.validation import validate_store

SAMPLE = Path(__file__).resolve().parents[1] / "sample-corpus"
REPORT = "solihull_inspection-and-lscb-review_2016.txt"


def _copies(folder: Path, published: str) -> tuple[Path, Path]:
    """The report, and a second copy that reads the same inspection's publication date otherwise."""
    folder.mkdir()
    text = (SAMPLE / REPORT).read_text()
    good, other = folder / "a-report.txt", folder / "b-report-copy.txt"
    good.write_text(text)
    other.write_text(text.replace("Report published: 7 July 2016", f"Report published: {published}"))
    return good, other


def test_a_copy_that_reads_a_single_valued_fact_otherwise_is_refused_naming_both(store, tmp_path: Path) -> None:
    good, _ = _copies(tmp_path / "docs", "8 July 2016")
    reports = load_paths(store, [good.parent])
    assert [r.status for r in reports] == [LOADED, FAILED]
    assert "a-report.txt" in reports[1].reason and "sg:publishedDate" in reports[1].reason
    assert "2016-07-07" in reports[1].reason and "2016-07-08" in reports[1].reason
    assert [d.source_file for d in store.documents()] == ["a-report.txt"]
    assert validate_store(store).conforms
    # Loaded again (the good one unchanged), the copy is refused again: nothing changes.
    again = load_paths(store, [good.parent])
    assert [r.status for r in again] == ["unchanged", FAILED]


def test_an_identical_copy_merges_and_is_kept(store, tmp_path: Path) -> None:
    good, _ = _copies(tmp_path / "docs", "7 July 2016")
    assert [r.status for r in load_paths(store, [good.parent])] == [LOADED, LOADED]
    assert validate_store(store).conforms


def test_the_guard_left_to_the_next_open_decides_as_the_load_would(store, tmp_path: Path) -> None:
    """Both written, then the process dies before the guard: the journal keeps the write order."""
    good, other = _copies(tmp_path / "docs", "8 July 2016")
    from safeguarding_kg import linking

    real = linking.link_after_load
    linking.link_after_load = lambda *_: {}  # the load dies after writing, before the guard and linkers
    try:
        import safeguarding_kg.loading as loading
        assert [r.status for r in loading.load_paths(store, [good])] == [LOADED]
        assert [r.status for r in loading.load_paths(store, [other])] == [LOADED]
    finally:
        linking.link_after_load = real
    assert len(store.documents()) == 2 and store.documents_to_link()
    refused = link_after_load(store, [])  # what opening the store runs
    assert list(refused) and [d.source_file for d in store.documents()] == ["a-report.txt"]
    assert validate_store(store).conforms and not store.documents_to_link()
