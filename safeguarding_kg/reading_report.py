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
  inspection report with no recommendations to the authority it inspected.
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

from safeguarding_kg.namespaces import SG

# Rows a judgement table has at least, per framework, not counting the LSCB's own judgement:
# ILACS four (2018–22; five from 2023, and the 2026 table four), SIF six (overall effectiveness
# and five areas; re-inspections too), the 2013 looked-after-children inspection five.
TABLE_ROWS = {SG.ILACS.value: 4, SG.SIF.value: 6, SG.LookedAfterChildrenInspection.value: 5}
# Graded areas that are verdicts on the whole report, not sections of it.
NOT_A_SECTION = {SG.OverallEffectiveness.value, SG.CapacityForImprovement.value}
# Genres of documents that publish an inspection (a committee pack may embed one).
REPORT_GENRES = {SG.InspectionReport.value, SG.CommitteePack.value}

COLUMNS = ["file", "check", "detail", "line"]


@dataclass(frozen=True)
class Flag:
    """One thing to look at in one document."""

    file: str
    check: str
    detail: str
    line: int | None = None


def check_store(store, files: Iterable[str] | None = None) -> list[Flag]:
    """Every flag of every document in the store, or of the documents whose file names are given."""
    wanted = set(files) if files is not None else None
    flags = [*_numbering(store), *_judgement_tables(store), *_sections(store), *_recommendations(store),
             *_provisional(store), *_letters(store)]
    kept = [f for f in flags if wanted is None or f.file in wanted]
    return sorted(set(kept), key=lambda f: (f.file, f.line or 0, f.check, f.detail))


# -- the checks ------------------------------------------------------------------------------


def _numbering(store) -> list[Flag]:
    rows = store.select(
        """SELECT ?file ?number ?line ?kind WHERE {
             GRAPH ?doc { ?doc sg:sourceFile ?file .
               { ?x sg:paragraphNumber ?number ; sg:sourceLine ?line . BIND("paragraph" AS ?kind) }
               UNION { ?x a sg:Recommendation ; sg:number ?number ; sg:sourceLine ?line . BIND("rec" AS ?kind) } } }""")
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


def _judgement_tables(store) -> list[Flag]:
    rows = store.select(
        """SELECT ?file ?framework ?genre (COUNT(DISTINCT ?judgement) AS ?rows) WHERE {
             GRAPH ?doc { ?doc sg:sourceFile ?file ; sg:genre ?genre .
               ?inspection sg:reportedIn ?doc ; sg:framework ?framework .
               OPTIONAL { ?judgement a sg:Judgement ; sg:ofInspection ?inspection ; sg:judgementArea ?area
                          FILTER (?area != sg:SafeguardingBoardEffectiveness) } } }
           GROUP BY ?file ?framework ?genre""")
    flags = []
    for r in rows:
        expected = TABLE_ROWS.get(r["framework"].value)
        found = int(r["rows"].value)
        if r["genre"].value in REPORT_GENRES and expected and found < expected:
            framework = r["framework"].value.rsplit("#", 1)[-1]
            flags.append(Flag(r["file"].value, "judgement-table",
                              f"{found} graded judgements read; the {framework} framework grades at least {expected}"))
    return flags


def _sections(store) -> list[Flag]:
    rows = store.select(
        """SELECT ?file ?area ?label ?line WHERE {
             GRAPH ?doc { ?doc sg:sourceFile ?file ; sg:genre ?genre .
               ?inspection sg:reportedIn ?doc .
               ?judgement a sg:Judgement ; sg:ofInspection ?inspection ; sg:judgementArea ?area .
               OPTIONAL { ?judgement sg:sourceLine ?line }
               FILTER NOT EXISTS { ?finding a sg:Finding ; sg:ofInspection ?inspection ; sg:judgementArea ?area } }
             OPTIONAL { ?area skos:prefLabel ?label FILTER (lang(?label) = "en") } }""")
    return [Flag(r["file"].value, "section-missing",
                 f"'{_label(r)}' is graded but no findings were read under it",
                 int(r["line"].value) if r.get("line") else None)
            for r in rows if r["area"].value not in NOT_A_SECTION]


def _recommendations(store) -> list[Flag]:
    rows = store.select(
        """SELECT ?file WHERE {
             GRAPH ?doc { ?doc sg:sourceFile ?file ; sg:genre sg:InspectionReport .
               ?inspection sg:reportedIn ?doc ; sg:framework ?framework ; sg:inspectedAuthority ?authority .
               FILTER NOT EXISTS { ?r a sg:Recommendation ; sg:ofInspection ?inspection ;
                                      sg:addressedTo ?authority } } }""")
    return [Flag(r["file"].value, "section-missing", "no recommendations read ('What needs to improve' "
                                                    "or 'Recommendations' missing or empty)") for r in rows]


def _provisional(store) -> list[Flag]:
    rows = store.select(
        """SELECT DISTINCT ?file ?name WHERE {
             GRAPH ?doc { ?doc sg:sourceFile ?file . ?authority sg:provisional true ; skos:prefLabel ?name } }""")
    return [Flag(r["file"].value, "authority", f"authority '{r['name'].value}' is not in the register: "
                                               "named provisionally") for r in rows]


def _letters(store) -> list[Flag]:
    rows = store.select(
        """SELECT ?file WHERE {
             GRAPH ?doc { ?doc sg:sourceFile ?file ; sg:genre sg:InspectionLetter .
               FILTER NOT EXISTS { ?item a ?class VALUES ?class { sg:Finding sg:Recommendation } } } }""")
    return [Flag(r["file"].value, "no-items", "inspection letter with no findings and no recommendations read")
            for r in rows]


def _label(row: dict) -> str:
    return row["label"].value if row.get("label") else row["area"].value.rsplit("#", 1)[-1]


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
