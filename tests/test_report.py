"""`sgkg report`: the pages' content from the sample corpus, escaping, and the errors a user can meet.

The browser tests (test_report_browser.py) check the pages drawn in Chromium; these check what the
report says and refuses, with no browser.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from markupsafe import escape

from safeguarding_kg.cli import main
from safeguarding_kg.loading import load_paths
from safeguarding_kg.report.authority import authority_report
from safeguarding_kg.report.data import ReportError, anchor
from safeguarding_kg.report.page import render_authority
from safeguarding_kg.store import GraphStore

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def solihull(sample_store):
    report = authority_report(sample_store, "Solihull", as_of="2021-03-31")
    return report, render_authority(report)


def test_the_dossier_answers_from_the_register_and_the_named_queries(solihull) -> None:
    report, html = solihull
    authority = report.facts["authority"]
    assert (authority.region, authority.authority_type) == ("West Midlands", "Metropolitan District")
    neighbours = [a.name for a, _ in report.facts["neighbours"]]
    assert len(neighbours) == 10 and "Warwickshire" in neighbours  # statistical neighbours from the register
    assert "Warwickshire" in html
    grades = report.rows["grades"].records
    assert {(r["start"].year, r["area_label"], r["grade_label"]) for r in grades} >= {
        (2016, "Overall effectiveness", "Requires improvement"), (2022, "Overall effectiveness", "Inadequate"),
        (2025, "Overall effectiveness", "Good")}
    overdue = report.rows["overdue"]
    assert overdue.params == {"authority": "E08000029", "asOf": "2021-03-31"} and len(overdue) > 0
    assert all(str(r["dueDate"]) < "2021-03-31" and r["status_label"] != "Completed" for r in overdue)
    chains = report.rows["recurrence"].records
    assert any(r["theme_label"] == "Private fostering" and r["score"] > 0 for r in chains)
    assert all(r["laterYear"] >= r["earlierYear"] for r in chains)


def test_every_link_has_its_details_with_the_source_line(solihull) -> None:
    report, html = solihull
    targets = set(re.findall(r'href="#(d-[0-9a-f]{12})"', html))
    ids = set(re.findall(r'id="(d-[0-9a-f]{12})"', html))
    assert targets and targets <= ids
    finding = next(r["item"] for r in report.rows["theme_items"] if r["kind"] == "weakness")
    details = report.details[finding]
    assert details.sources and all(file and line for file, line, _ in details.sources)
    block = html[html.index(f'id="{anchor(finding)}"'):]
    block = block[:block.index("</article>")]
    assert "line " in block and details.sources[0][0] in block
    assert str(escape(dict(details.fields)["Text"])) in block  # the full text, escaped


def test_chart_data_is_the_query_rows_as_json(solihull) -> None:
    report, html = solihull
    blocks = re.findall(r'<script type="application/json" class="chart-data">(.*?)</script>', html, re.S)
    assert len(blocks) == 5
    grades = json.loads(blocks[0])
    assert grades["query"] == "judgement-timeline" and len(grades["rows"]) == len(report.rows["grades"])


def test_document_text_is_escaped(tmp_path: Path) -> None:
    letter = (REPO / "sample-corpus" / "solihull_unannounced-inspection-letter_2011.txt").read_text(encoding="utf-8")
    marker = "- The recording of children's ethnicity is inconsistent"
    hostile = letter.replace(marker, "- The recording <script>alert(1)</script> of children's ethnicity is "
                                     "inconsistent </script><b>bold</b>")
    source = tmp_path / "solihull_unannounced-inspection-letter_2011-hostile.txt"
    source.write_text(hostile, encoding="utf-8")
    with GraphStore(tmp_path / "store") as store:
        assert not [r for r in load_paths(store, [source]) if r.failed]
        html = render_authority(authority_report(store, "Solihull"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert html.count("<script") == html.count('<script type="application/json" class="chart-data">')


def test_cli_writes_the_dossier_and_the_national_report(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    with GraphStore(store_path) as own:
        load_paths(own, [REPO / "sample-corpus" / "solihull_inspection_2020-01-09.pdf",
                         REPO / "sample-corpus" / "solihull_ilacs-action-plan_2020.txt"])
    runner = CliRunner()
    out = tmp_path / "solihull.html"
    result = runner.invoke(main, ["report", "authority", "Solihull", "--as-of", "2021-01-01",
                                  "--store", str(store_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output and "Grades over time" in out.read_text(encoding="utf-8")
    result = runner.invoke(main, ["report", "national", "--store", str(store_path), "-o", str(tmp_path / "n.html")])
    assert result.exit_code == 0, result.output
    assert "Grades by framework and year" in (tmp_path / "n.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (["report", "authority", "Atlantis"], "not an English local authority in the register"),
    (["report", "authority", "Solihull", "--as-of", "last March"], "give a date as YYYY-MM-DD"),
    (["report", "authority", "Hackney"], "nothing about Hackney is loaded"),
    (["report", "national"], "no graded inspection is loaded"),
])
def test_cli_refuses_with_the_reason(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, [*args, "--store", str(tmp_path / "empty"), "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 1 and message in result.output, result.output
    assert not (tmp_path / "x.html").exists()


def test_report_of_a_store_without_that_authority_is_an_error(sample_store) -> None:
    with pytest.raises(ReportError, match="Hackney"):
        authority_report(sample_store, "Hackney")
