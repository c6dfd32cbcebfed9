"""The reading report: nothing flagged on documents read completely, each planted defect flagged.

The defects are planted in real reports: the Solihull SIF report of 2016 (the seed's text) and
the Solihull ILACS report of 2019 and focused-visit letter of 2021 (their PDFs' own text), each
loaded as a text file with one thing removed, as a careless copy or a damaged file would have it.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from safeguarding_kg.cli import main
from safeguarding_kg.loaders.toolkit.sources import read_source
from safeguarding_kg.loading import load_paths
from safeguarding_kg.reading_report import Flag, check_store, numbering_flags
from safeguarding_kg.store import GraphStore

REPO = Path(__file__).resolve().parents[1]
SAMPLE_CORPUS = REPO / "sample-corpus"
FIXTURES = REPO / "tests" / "fixtures"


def _pdf_text(name: str) -> str:
    path = SAMPLE_CORPUS / name
    return "\n".join(read_source(path, path.read_bytes()).lines)


def _without_lines(text: str, first: str, stop: str | None = None, after: str = "") -> str:
    """``text`` without the lines from the one starting with ``first`` (after the line starting with
    ``after``) up to, not including, the next one starting with ``stop`` (without ``stop``: that line)."""
    lines = text.split("\n")
    begin = next(i for i, line in enumerate(lines) if line.startswith(after))
    start = next(i for i in range(begin, len(lines)) if lines[i].startswith(first))
    end = start + 1 if stop is None else next(i for i in range(start + 1, len(lines)) if lines[i].startswith(stop))
    return "\n".join(lines[:start] + lines[end:])


SIF = (SAMPLE_CORPUS / "solihull_inspection-and-lscb-review_2016.txt").read_text(encoding="utf-8")
ILACS = _pdf_text("solihull_inspection_2020-01-09.pdf")
LETTER = _pdf_text("solihull_focused-visit_2021-08-02.pdf")

NO_RECOMMENDATIONS = "no recommendations read ('What needs to improve' or 'Recommendations' missing or empty)"
CIC = "The experiences and progress of children in care and care"

# file -> (text, the flags expected as (check, detail), [] for the untouched copies)
PLANTED: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "sif.txt": (SIF, []),
    "ilacs.txt": (ILACS, []),
    "letter.txt": (LETTER, []),
    "sif-number-skipped.txt": (re.sub(r"(?m)^57\. ", "", SIF),
                               [("numbering", "paragraph 57 missing between 56 and 58")]),
    "ilacs-number-skipped.txt": (re.sub(r"(?m)^15\. ", "", ILACS),
                                 [("numbering", "paragraph 15 missing between 14 and 16")]),
    "sif-table-truncated.txt": (_without_lines(SIF, "\t2.1 Adoption performance"),
                                [("judgement-table", "5 graded judgements read; the SIF framework grades at least 6")]),
    "ilacs-table-truncated.txt": (
        _without_lines(ILACS, CIC, "Overall effectiveness"),
        [("judgement-table", "3 graded judgements read; the ILACS framework grades at least 4")]),
    "ilacs-section-removed.txt": (
        _without_lines(ILACS, CIC, "The impact of leaders", after="Overall effectiveness"),
        [("section-missing", "'Children in care' is graded but no findings were read under it"),
         ("numbering", "paragraph 19–36 missing between 18 and 37")]),
    "sif-section-removed.txt": (
        _without_lines(SIF, "<p>The graded judgement for adoption performance",
                       "The graded judgement about the experience"),
        [("section-missing", "'Adoption performance' is graded but no findings were read under it"),
         ("numbering", "paragraph 60–73 missing between 59 and 74")]),
    # the findings' "(Recommendation N)" markers go with the section: citations of recommendations that are not
    # there would be refused at load by the shapes gate, before any reading report
    "sif-recommendations-removed.txt": (
        re.sub(r" ?\(Recommendations? [^)]*\)", "",
               _without_lines(SIF, "1. Ensure that the performance management", "Summary for children")),
        [("section-missing", NO_RECOMMENDATIONS)]),
    "sif-lscb-recommendations-removed.txt": (
        _without_lines(SIF, "111. ", "Inspection findings – the Local Safeguarding"),
        [("section-missing", "no recommendations to the LSCB read ('What does the LSCB need to improve' missing or "
                             "empty)"),
         ("numbering", "paragraph 111–113 missing between 110 and 114")]),
    "letter-without-items.txt": ("\n".join([*LETTER.split("\n")[:23], "Yours sincerely", "Alison Smale"]),
                                 [("no-items", "inspection letter with no findings and no recommendations read")]),
}


@pytest.fixture(scope="module")
def planted_store(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    folder = tmp_path_factory.mktemp("planted")
    for name, (text, _) in PLANTED.items():
        (folder / "docs").mkdir(exist_ok=True)
        (folder / "docs" / name).write_text(text, encoding="utf-8")
    store = GraphStore(folder / "store")
    assert not [r for r in load_paths(store, [folder / "docs"]) if r.failed]
    return store


@pytest.mark.parametrize("name", PLANTED)
def test_each_planted_defect_is_flagged_and_nothing_else(planted_store: GraphStore, name: str) -> None:
    _, expected = PLANTED[name]
    assert sorted((f.check, f.detail) for f in check_store(planted_store, [name])) == sorted(expected)



def test_checking_documents_one_by_one_gives_what_checking_the_store_gives(planted_store: GraphStore) -> None:
    one_by_one = check_store(planted_store, list(PLANTED))  # each query bound to one document
    assert one_by_one == check_store(planted_store) and len(one_by_one) == sum(len(e) for _, e in PLANTED.values())


def test_nothing_is_flagged_on_the_sample_corpus_and_the_corpus_pdfs(tmp_path: Path) -> None:
    """The seeds (sample-corpus/*.txt) and the 37 corpus PDFs (sample-corpus/, tests/fixtures/pdf/): all read whole."""
    store = GraphStore(tmp_path / "store")
    reports = load_paths(store, [SAMPLE_CORPUS, FIXTURES / "pdf"], jobs=2)
    assert len(reports) == 42 and not [r for r in reports if r.failed]
    assert check_store(store) == []


def test_a_provisional_authority_is_flagged(store: GraphStore) -> None:
    text = SIF.replace("Solihull Metropolitan Borough Council", "Barsetshire County Council")
    text = re.sub(r"\bSolihull\b", "Barsetshire", text)
    folder = Path(str(store.path)).parent / "docs"
    folder.mkdir()
    (folder / "barsetshire.txt").write_text(text, encoding="utf-8")
    assert not [r for r in load_paths(store, [folder]) if r.failed]
    assert [(f.check, f.detail) for f in check_store(store)] == [
        ("authority", "authority 'Metropolitan Borough of Barsetshire' is not in the register: named provisionally")]


@pytest.mark.parametrize(("items", "expected"), [
    ([(1, 1, "paragraph"), (2, 2, "paragraph"), (3, 1, "paragraph"), (4, 2, "paragraph")], []),  # restart at 1
    ([(1, 13, "paragraph"), (2, 14, "rec"), (3, 15, "rec"), (4, 16, "paragraph")], []),  # SIF recommendations
    ([(1, 1, "rec"), (2, 2, "rec"), (3, 5, "paragraph"), (4, 8, "paragraph")],
     ["paragraph 6–7 missing between 5 and 8"]),  # recommendations before the first paragraph explain nothing
    ([(1, 4, "paragraph"), (2, 5, "paragraph"), (3, 5, "paragraph")],
     ["paragraph 5 follows paragraph 5: numbered twice or out of order"]),
])
def test_numbering_gaps_and_repeats(items, expected) -> None:
    assert [f.detail for f in numbering_flags("doc.txt", items)] == expected


def test_check_prints_writes_csv_and_json_and_exits_1_on_flags(planted_store: GraphStore, tmp_path: Path) -> None:
    runner = CliRunner()
    location = str(planted_store.path)
    planted_store.close()  # the command opens the store itself
    out_csv, out_json = tmp_path / "report.csv", tmp_path / "report.json"
    result = runner.invoke(main, ["check", "--store", location, "--report", str(out_csv)])
    assert result.exit_code == 1, result.output
    assert "ilacs-table-truncated.txt" in result.output and "judgement-table" in result.output
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    flagged = {r["file"] for r in rows}
    assert flagged == {name for name, (_, expected) in PLANTED.items() if expected}
    assert runner.invoke(main, ["check", "--store", location, "--report", str(out_json)]).exit_code == 1
    assert [Flag(**f) for f in json.loads(out_json.read_text(encoding="utf-8"))] == [
        Flag(r["file"], r["check"], r["detail"], int(r["line"]) if r["line"] else None) for r in rows]
    refused = runner.invoke(main, ["check", "--store", location, "--report", str(tmp_path / "report.txt")])
    assert refused.exit_code == 2 and ".csv or .json" in refused.output


def test_load_reports_on_the_documents_it_loaded(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ilacs-table-truncated.txt").write_text(PLANTED["ilacs-table-truncated.txt"][0], encoding="utf-8")
    (docs / "ilacs.txt").write_text(ILACS, encoding="utf-8")
    report = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["load", "--store", str(tmp_path / "store"), "--jobs", "1",
                                       "--report", str(report), str(docs)])
    assert result.exit_code == 0, result.output
    assert "Reading report: 1 flag(s) in 1 document(s)" in result.output
    assert [f["file"] for f in json.loads(report.read_text(encoding="utf-8"))] == ["ilacs-table-truncated.txt"]
