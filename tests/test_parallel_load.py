"""Parallel loading (``load_paths(..., jobs=N)``, ``sgkg load --jobs N``) gives exactly what a serial load gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import BlankNode, Quad

from safeguarding_kg.cli import main
from safeguarding_kg.loading import FAILED, LOADED, UNCHANGED, load_paths
from safeguarding_kg.store import GraphStore

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample-corpus"
DOCUMENTS = [
    SAMPLE / "solihull_inspection-and-lscb-review_2016.txt",
    SAMPLE / "solihull_lscb-review-section_2016.txt",  # linked after the load to the dated inspection
    SAMPLE / "solihull_ilacs-action-plan_2020.txt",
    SAMPLE / "solihull_unannounced-inspection-letter_2011.txt",
    SAMPLE / "solihull_focused-visit_2021-08-02.pdf",
    SAMPLE / "solihull_inspection_2020-01-09.pdf",
]


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in DOCUMENTS:
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_bytes(b"")  # fails: empty file
    (folder / "notes-on-lunch.txt").write_text("Sandwiches for the team meeting on Tuesday.\n")  # not recognised
    return folder


def _everything(store: GraphStore) -> set[Quad]:
    """Every quad of every graph, the merged default graph included; the ontology's blank nodes
    (fresh labels in every store) are left out, and counted by the length check instead."""
    return {q for q in store._store if not any(isinstance(t, BlankNode) for t in (q.subject, q.object))}


def _summary(reports) -> list[tuple[str, str, str | None, str | None, dict, list]]:
    return [(r.path.name, r.status, r.reason, r.authority, r.counts, r.warnings) for r in reports]


@pytest.fixture(scope="module")
def loads(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("parallel")
    corpus = _corpus(tmp_path)
    results = {}
    for jobs in (1, 2):
        store = GraphStore(tmp_path / f"store-{jobs}")
        reports = load_paths(store, [corpus], jobs=jobs)
        results[jobs] = (store, reports)
    yield corpus, results
    for store, _ in results.values():
        store.close()


def test_parallel_load_gives_the_same_store_as_serial(loads):
    _, results = loads
    serial, parallel = results[1][0], results[2][0]
    assert _everything(parallel) == _everything(serial)
    assert len(parallel) == len(serial)
    assert len(serial) > 10_000


def test_parallel_load_reports_each_file_as_serial_does(loads):
    _, results = loads
    serial, parallel = _summary(results[1][1]), _summary(results[2][1])
    assert parallel == serial
    statuses = {name: (status, reason) for name, status, reason, *_ in parallel}
    assert statuses["empty.txt"] == (FAILED, "empty file")
    assert statuses["notes-on-lunch.txt"] == (FAILED, "not a recognised document type")
    assert [s for s, _ in statuses.values()].count(LOADED) == len(DOCUMENTS)


def test_parallel_reload_skips_unchanged_files(loads):
    corpus, results = loads
    store, _ = results[2]
    reports = load_paths(store, [corpus], jobs=2)
    assert [r.status for r in reports if r.path.name not in ("empty.txt", "notes-on-lunch.txt")] == \
        [UNCHANGED] * len(DOCUMENTS)


def test_a_name_repeated_with_the_same_bytes_is_loaded_once(tmp_path):
    one, two = tmp_path / "a", tmp_path / "b"
    one.mkdir()
    two.mkdir()
    letter = SAMPLE / "solihull_unannounced-inspection-letter_2011.txt"
    shutil.copy(letter, one / letter.name)
    shutil.copy(letter, two / letter.name)
    with GraphStore(tmp_path / "store") as store:
        reports = load_paths(store, [one, two], jobs=2)
    assert [r.status for r in reports] == [LOADED, UNCHANGED]


def test_cli_load_takes_jobs(tmp_path):
    corpus = _corpus(tmp_path)
    for jobs in ("1", "2"):
        result = CliRunner().invoke(main, ["load", str(corpus), "--store", str(tmp_path / f"s{jobs}"),
                                           "--jobs", jobs, "--quiet"])
        assert result.exit_code == 1, result.output  # two files fail; the others load
        assert f"{len(DOCUMENTS)} loaded" in result.output
        assert "empty.txt" in result.output and "not a recognised document type" in result.output
    refused = CliRunner().invoke(main, ["load", str(corpus), "--store", str(tmp_path / "s0"), "--jobs", "0"])
    assert refused.exit_code == 2
