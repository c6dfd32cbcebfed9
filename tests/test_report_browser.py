"""The reports in a real browser: Debian's Chromium driven by Playwright, every request recorded.

Each report of the sample corpus and of a small generated national store (bench/generate_corpus.py)
must open with no console error and no request leaving the file; each chart must carry exactly its
named query's rows and draw one mark per row showing that row's values; every link must stay in the
page and land on an element; a script planted in a finding's text must run nothing; and the dossier
printed to PDF must hold every section with no chart cut across a page. Screenshots and the PDF are
saved in tests/artefacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from browser_helpers import ARTEFACTS, IMG_INJECTION, INJECTION, OpenedPage, hostile_letter, needs_chromium

from safeguarding_kg.loading import load_paths
from safeguarding_kg.named_queries import get
from safeguarding_kg.report.authority import authority_report
from safeguarding_kg.report.data import Rows
from safeguarding_kg.report.national import national_report
from safeguarding_kg.report.page import render_authority, render_national, write
from safeguarding_kg.results import run
from safeguarding_kg.store import GraphStore

REPO = Path(__file__).resolve().parent.parent
AUTHORITY_SECTIONS = ["The authority", "Grades over time", "What inspectors keep saying", "Recurring themes",
                      "Did the council act", "Overdue actions", "Owners and their load",
                      "What committees discussed and resolved", "Neighbours", "Source documents",
                      "Details of every item linked above"]

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def national_store(tmp_path_factory):
    """A small national store: four generated authorities, ten documents each."""
    sys.path.insert(0, str(REPO / "bench"))
    from generate_corpus import generate

    folder = tmp_path_factory.mktemp("generated")
    files = generate(folder / "corpus", authorities=4, seed=16)
    store = GraphStore(folder / "store")
    assert not [r.path.name for r in load_paths(store, files, jobs=1) if r.failed]
    yield store
    store.close()


def generated_authority(store: GraphStore) -> str:
    return store.select("SELECT ?a WHERE { ?i sg:inspectedAuthority ?a } ORDER BY ?a LIMIT 1")[0]["a"].value


def query_rows(store: GraphStore, rows: dict) -> list[dict]:
    """What the named query returns now, run afresh, in the page's JSON form."""
    params = {k: v for k, v in rows["params"].items()}
    table = run(store, get(rows["query"]).bound_text(params), rows["query"])
    return Rows(rows["query"], params, table.records()).as_json()["rows"]


def check_report(browser, store: GraphStore, html_file: Path, name: str) -> OpenedPage:
    opened = OpenedPage(browser, html_file, ready=None)
    page = opened.page
    assert opened.errors == [], (name, opened.errors)
    assert opened.requests_blocked == [], (name, opened.requests_blocked)
    figures = page.evaluate("""[...document.querySelectorAll('figure.chart')].map(f => ({
        id: f.id, encodes: f.dataset.encodes.split(' '),
        data: f.querySelector('script.chart-data').textContent,
        marks: [...f.querySelectorAll('svg [aria-roledescription="rect mark"], svg [aria-roledescription="bar"]')]
               .map(m => m.getAttribute('aria-label'))
      }))""")
    assert figures, name
    for figure in figures:
        data = json.loads(figure["data"])
        assert data["rows"] == query_rows(store, data), (name, figure["id"])  # the page's data = the query's rows
        assert len(figure["marks"]) == len(data["rows"]), (name, figure["id"])  # one mark per row
        for row in data["rows"]:
            shown = [str(row[f]) for f in figure["encodes"] if not f.startswith("_") and row.get(f) is not None]
            assert any(all(value in mark for value in shown) for mark in figure["marks"]), (name, figure["id"], row)
    # every link is an anchor of this page, and lands on an element
    hrefs = page.evaluate("""[...document.querySelectorAll('a')].map(a =>
        a.getAttribute('href') || a.getAttribute('xlink:href'))""")
    assert hrefs and all(h.startswith("#") for h in hrefs), [h for h in hrefs if not h.startswith("#")][:5]
    missing = page.evaluate("""(ids) => ids.filter(id => !document.getElementById(id))""",
                            sorted({h[1:] for h in hrefs}))
    assert missing == [], (name, missing[:5])
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"report-{name}.png"), full_page=True)
    shutil.copy(html_file, ARTEFACTS / f"report-{name}.html")
    return opened


def test_sample_reports_open_offline_and_draw_their_queries(sample_store, browser, tmp_path: Path) -> None:
    for name, html in [("solihull", render_authority(authority_report(sample_store, "Solihull"))),
                       ("wolverhampton", render_authority(authority_report(sample_store, "Wolverhampton",
                                                                           as_of="2018-06-30"))),
                       ("national-sample", render_national(national_report(sample_store)))]:
        opened = check_report(browser, sample_store, write(html, tmp_path / f"{name}.html"), name)
        if name == "solihull":
            text = opened.page.text_content("main")
            for section in AUTHORITY_SECTIONS:
                assert section in text
            assert "private fostering" in text.lower()  # a recurring theme of the corpus, as a chain
        opened.page.close()


def test_generated_national_reports_open_offline(national_store, browser, tmp_path: Path) -> None:
    authority = generated_authority(national_store)
    for name, html in [("generated-authority", render_authority(authority_report(national_store, authority))),
                       ("generated-national", render_national(national_report(national_store)))]:
        check_report(browser, national_store, write(html, tmp_path / f"{name}.html"), name).page.close()


def test_script_in_a_finding_runs_nothing(browser, tmp_path: Path) -> None:
    source = hostile_letter(tmp_path / "docs")
    with GraphStore(tmp_path / "store") as store:
        assert not [r for r in load_paths(store, [source]) if r.failed]
        report = authority_report(store, "Solihull")
        html = write(render_authority(report), tmp_path / "hostile.html")
        opened = check_report(browser, store, html, "script-injection")
    page = opened.page
    text = page.text_content("#details")
    assert INJECTION in text and IMG_INJECTION in text  # shown as characters
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    scripts = page.evaluate("[...document.scripts].map(s => s.type)")
    assert set(scripts) == {"application/json"}  # the charts' data, never run
    assert opened.errors == [] and opened.requests_blocked == []


def test_dossier_prints_every_section_and_no_chart_across_a_page(sample_store, browser, tmp_path: Path) -> None:
    import pypdfium2

    html = write(render_authority(authority_report(sample_store, "Solihull")), tmp_path / "solihull.html")
    opened = OpenedPage(browser, html, ready=None)
    page = opened.page
    page.emulate_media(media="print")
    charts = page.evaluate("""[...document.querySelectorAll('figure.chart')].map(f => ({
        id: f.id, caption: f.querySelector('figcaption .query').textContent,
        texts: [...f.querySelectorAll('svg text')].map(t => t.textContent.trim()).filter(t => t)}))""")
    pdf_file = ARTEFACTS / "report-solihull.pdf"
    ARTEFACTS.mkdir(exist_ok=True)
    pdf_file.write_bytes(page.pdf(format="A4", print_background=True))
    pdf = pypdfium2.PdfDocument(str(pdf_file))
    pages = [_words(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    everything = " ".join(pages)
    for section in AUTHORITY_SECTIONS:
        assert _words(section) in everything, section
    for chart in charts:
        caption = _words(chart["caption"])[:60]
        on = [i for i, text in enumerate(pages) if caption in text]
        assert on, chart["id"]
        missing = [t for t in chart["texts"] if _words(t) not in pages[on[0]]]
        assert missing == [], (chart["id"], f"page {on[0] + 1}", missing[:5])  # the whole chart on its caption's page
    assert len(pdf) > 2


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\r", " ").replace("\x02", "")).strip()
