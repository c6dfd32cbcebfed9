"""The reading report: per document, what a careful reader would flag after a bulk load.

Loading 800 reports, a user needs to know which ones were not read completely. Every check
here is computed from the graph (SPARQL over each document's named graph), so `sgkg check`
gives the same answer on any store, embedded or on a server, and `sgkg load` gives it for the
documents it has just written. A document read completely is flagged for nothing.

The checks (docs/reading-report.md says why each one means something was missed):

- ``numbering``: a gap or a repeat in a report's paragraph numbering. Ofsted numbers paragraphs
  through a report (or from 1 in each section); SIF reports number their recommendations in the
  same sequence, so a jump over numbers that recommendations between the two paragraphs carry is
  not a gap.
- ``judgement-table``: an inspection report's judgement table with fewer rows than its framework
  grades.
- ``section-missing``: a graded area of the judgement table with no findings read under it, or an
  inspection report with no recommendations to the authority it inspected, or a graded LSCB review
  with none to the board.
- ``authority``: the authority was named only provisionally (not in the register).
- ``no-items``: an inspection letter with no findings and no recommendations.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from safeguarding_kg.iris import document_iri
from safeguarding_kg.namespaces import SG

# Rows a judgement table has at least, per framework, not counting the LSCB's own judgement:
# ILACS four (2018–22; five from 2023, and the 2026 table four), SIF six (overall effectiveness
# and five areas; re-inspections too), the 2013 looked-after-children inspection five.
TABLE_ROWS = {SG.ILACS.value: 4, SG.SIF.value: 6, SG.LookedAfterChildrenInspection.value: 5}
# Graded areas that are verdicts on the whole report, not sections of it.
NOT_A_SECTION = {SG.OverallEffectiveness.value, SG.CapacityForImprovement.value}
NO_RECOMMENDATIONS = {
    "authority": "no recommendations read ('What needs to improve' or 'Recommendations' missing or empty)",
    "board": "no recommendations to the LSCB read ('What does the LSCB need to improve' missing or empty)",
}
# Genres of documents that publish an inspection (a committee pack may embed one).
REPORT_GENRES = {SG.InspectionReport.value, SG.CommitteePack.value}

COLUMNS = ["file", "check", "detail", "line"]
#: Up to this many documents are checked one by one (each query bound to the document), not the store.
ONE_BY_ONE = 50


@dataclass(frozen=True)
class Flag:
    """One thing to look at in one document."""

    file: str
    check: str
    detail: str
    line: int | None = None


def check_store(store, files: Iterable[str] | None = None) -> list[Flag]:
    """Every flag of every document in the store, or of the documents whose file names are given.

    A few documents (a load of up to ``ONE_BY_ONE`` files) are checked one by one, each query's
    ``?doc`` bound to the document; more, and the checks run once over the whole store.
    """
    wanted = set(files) if files is not None else None
    if wanted is not None and len(wanted) <= ONE_BY_ONE:
        flags = [f for file in wanted for f in _checks(store, {"doc": document_iri(file)})]
    else:
        flags = [f for f in _checks(store, None) if wanted is None or f.file in wanted]
    return sorted(set(flags), key=lambda f: (f.file, f.line or 0, f.check, f.detail))


def _checks(store, bound: dict | None) -> list[Flag]:
    return [*_numbering(store, bound), *_judgement_tables(store, bound), *_sections(store, bound),
            *_recommendations(store, bound), *_provisional(store, bound), *_letters(store, bound)]


# -- the checks ------------------------------------------------------------------------------
# Each query projects ?doc so that ``bound`` can bind it (Oxigraph substitutes projected variables).


def _numbering(store, bound: dict | None = None) -> list[Flag]:
    rows = store.select(
        """SELECT ?doc ?file ?number ?line ?kind WHERE {
             GRAPH ?doc { ?doc sg:sourceFile ?file .
               { ?x sg:paragraphNumber ?number ; sg:sourceLine ?line . BIND("paragraph" AS ?kind) }
               UNION { ?x a sg:Recommendation ; sg:number ?number ; sg:sourceLine ?line . BIND("rec" AS ?kind) }
           } }""", bound)
    by_file: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for r in rows:
        by_file[r["file"].value].append((int(r["line"].value), int(r["number"].value), r["kind"].value))
    return [flag for file, items in by_file.items() for flag in numbering_flags(file, sorted(items))]


def numbering_flags(file: str, items: list[tuple[int, int, str]]) -> list[Flag]:
    """Gaps and repeats in paragraph numbers (``items``: line, number, "paragraph" or "rec", in line order).

    The next paragraph continues the numbering or starts again at 1 (a section numbered on its
    own). A jump is a gap unless recommendations printed between the two paragraphs carry
    the missing numbers (SIF reports number them in the same sequence).
    """
    flags: list[Flag] = []
    previous: tuple[int, int] | None = None  # line and number of the last paragraph
    numbers_since: set[int] = set()  # recommendation numbers printed since that paragraph
    for line, number, kind in items:
        if kind == "rec":
            numbers_since.add(number)
            continue
        if previous is not None and number != 1 and number != previous[1] + 1:
            last = previous[1]
            if number <= last:
                flags.append(Flag(file, "numbering", f"paragraph {number} follows paragraph {last}: "
                                                     "numbered twice or out of order", line))
            elif not set(range(last + 1, number)) <= numbers_since:
                missing = _span(last + 1, number - 1)
                flags.append(Flag(file, "numbering", f"paragraph {missing} missing between {last} and {number}",
                                  line))
        previous, numbers_since = (line, number), set()
    return flags


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _judgement_tables(store, bound: dict | None = None) -> list[Flag]:
    rows = store.select(
        """SELECT ?doc ?file ?framework ?genre (COUNT(DISTINCT ?judgement) AS ?rows) WHERE {
             GRAPH ?doc { ?doc sg:sourceFile ?file ; sg:genre ?genre .
               ?inspection sg:reportedIn ?doc ; sg:framework ?framework .
               OPTIONAL { ?judgement a sg:Judgement ; sg:ofInspection ?inspection ; sg:judgementArea ?area
                          FILTER (?area != sg:SafeguardingBoardEffectiveness) } } }
           GROUP BY ?doc ?file ?framework ?genre""", bound)
    flags = []
    for r in rows:
        expected = TABLE_ROWS.get(r["framework"].value)
        found = int(r["rows"].value)
        if r["genre"].value in REPORT_GENRES and expected and found < expected:
            framework = r["framework"].value.rsplit("#", 1)[-1]
            flags.append(Flag(r["file"].value, "judgement-table",
                              f"{found} graded judgements read; the {framework} framework grades at least {expected}"))
    return flags


def _sections(store, bound: dict | None = None) -> list[Flag]:
    # Three plain queries joined here: one query with FILTER NOT EXISTS per judgement took Oxigraph
    # 2.5 times as long (bench/reading_report.py).
    graded = store.select(
        """SELECT ?doc ?file ?inspection ?area ?line WHERE {
             GRAPH ?doc { ?doc sg:sourceFile ?file . ?inspection sg:reportedIn ?doc .
               ?judgement a sg:Judgement ; sg:ofInspection ?inspection ; sg:judgementArea ?area .
               OPTIONAL { ?judgement sg:sourceLine ?line } } }""", bound)
    read = {(r["doc"].value, r["inspection"].value, r["area"].value) for r in store.select(
        """SELECT DISTINCT ?doc ?inspection ?area WHERE {
             GRAPH ?doc { ?finding a sg:Finding ; sg:judgementArea ?area ; sg:ofInspection ?inspection } }""",
        bound)}
    files = {r["file"].value: r["doc"].value for r in store.select(
        "SELECT ?doc ?file WHERE { GRAPH ?doc { ?doc sg:sourceFile ?file } }", bound)}
    labels = {r["area"].value: r["label"].value for r in store.select(
        """SELECT ?area ?label WHERE { ?area skos:inScheme sg:JudgementAreas ; skos:prefLabel ?label
                                       FILTER (lang(?label) = "en") }""")}
    flags = []
    for r in graded:
        file, area = r["file"].value, r["area"].value
        if area in NOT_A_SECTION or (files.get(file), r["inspection"].value, area) in read:
            continue
        label = labels.get(area, area.rsplit("#", 1)[-1])
        flags.append(Flag(file, "section-missing", f"'{label}' is graded but no findings were read under it",
                          int(r["line"].value) if r.get("line") else None))
    return flags


def _recommendations(store, bound: dict | None = None) -> list[Flag]:
    # Every inspection report says what the authority must improve, and every graded LSCB review
    # what the board must (in the corpus, 3 to 10 recommendations each).
    rows = store.select(
        """SELECT ?doc ?file ?to WHERE {
             GRAPH ?doc { ?doc sg:sourceFile ?file . ?inspection sg:reportedIn ?doc .
               { ?doc sg:genre sg:InspectionReport . ?inspection sg:inspectedAuthority ?addressee .
                 BIND ("authority" AS ?to) }
               UNION { ?inspection sg:inspectedBoard ?addressee .
                       ?judgement sg:ofInspection ?inspection ; sg:judgementArea sg:SafeguardingBoardEffectiveness .
                       BIND ("board" AS ?to) }
               FILTER NOT EXISTS { ?r a sg:Recommendation ; sg:ofInspection ?inspection ; sg:addressedTo ?addressee }
             } }""", bound)
    return [Flag(r["file"].value, "section-missing", NO_RECOMMENDATIONS[r["to"].value]) for r in rows]


def _provisional(store, bound: dict | None = None) -> list[Flag]:
    rows = store.select(
        """SELECT DISTINCT ?doc ?file ?name WHERE {
             GRAPH ?doc { ?doc sg:sourceFile ?file . ?authority sg:provisional true ; skos:prefLabel ?name } }""",
        bound)
    return [Flag(r["file"].value, "authority", f"authority '{r['name'].value}' is not in the register: "
                                               "named provisionally") for r in rows]


def _letters(store, bound: dict | None = None) -> list[Flag]:
    rows = store.select(
        """SELECT ?doc ?file WHERE {
             GRAPH ?doc { ?doc sg:sourceFile ?file ; sg:genre sg:InspectionLetter .
               FILTER NOT EXISTS { ?item a ?class VALUES ?class { sg:Finding sg:Recommendation } } } }""", bound)
    return [Flag(r["file"].value, "no-items", "inspection letter with no findings and no recommendations read")
            for r in rows]


# -- output -----------------------------------------------------------------------------------


def write_report(flags: list[Flag], path: Path) -> None:
    """Write the flags as CSV or JSON, chosen by the file's suffix (.csv, .json)."""
    path.write_text(render(flags, path.suffix.lstrip(".").lower()), encoding="utf-8")


def render(flags: list[Flag], fmt: str) -> str:
    """The flags as "table" (for the terminal), "csv" or "json"."""
    if fmt == "table":
        from safeguarding_kg.output import text_table

        if not flags:
            return "Reading report: nothing to flag."
        files = len({f.file for f in flags})
        table = text_table(COLUMNS, [[f.file, f.check, f.detail, f.line or ""] for f in flags], max_width=100)
        return f"Reading report: {len(flags)} flag(s) in {files} document(s)\n{table}"
    if fmt == "json":
        return json.dumps([asdict(f) for f in flags], indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(asdict(f) for f in flags)
        return out.getvalue()
    raise ValueError(f"unknown report format {fmt!r}: use a .csv or .json file")
