"""Document identity: two different file names never become one document, and plain names keep their IRIs."""

from __future__ import annotations

import shutil
from pathlib import Path

from safeguarding_kg.iris import document_iri
from safeguarding_kg.loading import FAILED, LOADED, load_paths

SAMPLE = Path(__file__).resolve().parents[1] / "sample-corpus"
LETTER, PLAN = "solihull_unannounced-inspection-letter_2011.txt", "solihull_ilacs-action-plan_2020.txt"


def test_plain_ascii_names_keep_the_iris_stores_and_gold_readings_use() -> None:
    assert document_iri("sheffield_jtai_2023-05-10.txt").value.endswith("/document/sheffield-jtai-2023-05-10-txt")
    assert document_iri("Solihull SIF 2016.pdf").value.endswith("/document/solihull-sif-2016-pdf")


def test_names_the_slug_cannot_tell_apart_get_distinct_iris() -> None:
    long = "children-services-inspection-report-" * 4
    pairs = [("日本語.txt", "📄.txt"), (long + "a.txt", long + "b.txt"), ("café.txt", "cafe\udce9.txt"),
             ("!!!", "???")]
    for one, other in pairs:
        assert document_iri(one) != document_iri(other), (one, other)
        assert "--" in document_iri(one).value  # hashed names never meet plain slugs, which hold no "--"


def _copy(source: str, folder: Path, name: str) -> Path:
    folder.mkdir(exist_ok=True)
    target = folder / name
    shutil.copy(SAMPLE / source, target)
    return target


def test_a_second_file_whose_name_folds_onto_a_loaded_one_is_refused_naming_both(store, tmp_path: Path) -> None:
    first = _copy(LETTER, tmp_path / "a", "report 2019.txt")
    second = _copy(PLAN, tmp_path / "b", "report_2019.txt")
    assert [r.status for r in load_paths(store, [first])] == [LOADED]
    [refused] = load_paths(store, [second])
    assert refused.status == FAILED
    assert "report_2019.txt" in refused.reason and "report 2019.txt" in refused.reason
    assert [d.source_file for d in store.documents()] == ["report 2019.txt"]  # the first is still there


def test_names_outside_ascii_and_not_utf8_load_as_documents_of_their_own(store, tmp_path: Path) -> None:
    import os

    folder = tmp_path / "docs"
    _copy(LETTER, folder, "日本語.txt")
    _copy(PLAN, folder, "📄.txt")
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as file:  # a Latin-1 name: not UTF-8
        file.write((SAMPLE / LETTER).read_bytes())
    reports = load_paths(store, [folder])
    assert [r.status for r in reports] == [LOADED] * 3, [r.reason for r in reports]
    assert sorted(d.source_file for d in store.documents()) == ["caf\ufffd.txt", "日本語.txt", "📄.txt"]
