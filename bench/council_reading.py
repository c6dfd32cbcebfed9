"""How well are council documents read? Each document of a development set against its expected reading.

    .venv/bin/python bench/council_reading.py tests/fixtures/council/dev [--json OUT] [-v]

A set is a folder of council documents (plans, trackers, progress updates, minutes, agendas)
each with ``<file>.expected.json``: what a careful council officer reads from it, written by an
author who never saw the loaders (the schema is in tests/fixtures/council/README.md). Every
document is loaded into a fresh in-memory store after the Ofsted report it answers (found by
file name in the project's PDF folders), so its actions can be matched to the report's own
recommendations and its meeting items to the report's inspection.

Per field, the share of expected values read as expected (a missing action or meeting item
counts as wrong for each of its fields), and the items read that the reading does not expect.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from safeguarding_kg.loading import load_paths
from safeguarding_kg.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
REPORT_FOLDERS = [ROOT / "tests" / "fixtures" / "pdf", ROOT / "sample-corpus"]

PREFIXES = """
PREFIX sg: <https://w3id.org/safeguarding-kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
SG = "https://w3id.org/safeguarding-kg/ontology#"
REPORT_GENRES = {SG + g for g in ("InspectionReport", "InspectionLetter", "LSCBReviewDocument")}
PLAN_GENRES = {"action-plan", "progress-update"}

#: Fields scored, in the order printed.
FIELDS = [
    "genre", "plan linked to its inspection", "no report facts from a council document",
    "actions", "action's recommendation", "owners", "due dates", "due text", "statuses",
    "meetings", "attendees", "apologies", "meeting items", "resolutions", "item's inspection",
]


@dataclass
class Score:
    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    extra: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def check(self, name: str, ok: bool, what: str) -> None:
        self.total[name] += 1
        if ok:
            self.right[name] += 1
        else:
            self.misses.append(f"{name}: {what}")

    def add(self, other: Score) -> None:
        self.right.update(other.right)
        self.total.update(other.total)
        self.extra.update(other.extra)

    def share(self, name: str) -> float | None:
        return self.right[name] / self.total[name] if self.total[name] else None


def words(text: str | None) -> list[str]:
    """Lower-case word tokens with quotes, dashes and punctuation folded away."""
    return re.findall(r"[a-z0-9£%]+", (text or "").lower().replace("’", "'"))


def starts_with(text: str | None, start: str, slack: int = 3) -> bool:
    """Does ``text`` begin (within ``slack`` leading words, e.g. a reference) with the words of ``start``?"""
    want, have = words(start), words(text)
    if not want:
        return False
    for offset in range(slack + 1):
        window = have[offset:offset + len(want)]
        if window == want or SequenceMatcher(None, " ".join(window), " ".join(want)).ratio() >= 0.9:
            return True
    return False


def same_name(a: str, b: str) -> bool:
    """Names equal after dropping honorifics and punctuation (or one holds the other whole)."""
    drop = {"councillor", "cllr", "cllrs", "mr", "mrs", "ms", "miss", "dr", "the"}
    x, y = [w for w in words(a) if w not in drop], [w for w in words(b) if w not in drop]
    if not x or not y:
        return False
    return x == y or " ".join(x) in " ".join(y) or " ".join(y) in " ".join(x)


def report_path(name: str | None) -> Path | None:
    if not name:
        return None
    return next((folder / name for folder in REPORT_FOLDERS if (folder / name).exists()), None)


def select(store: GraphStore, query: str) -> list[dict[str, str]]:
    return [{k: (v.value if v is not None else None) for k, v in row.items()}
            for row in store.select(PREFIXES + query)]


def score_document(expected_file: Path) -> tuple[Score, str]:
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    path = expected_file.with_name(expected["file"])
    store, score = GraphStore(None), Score()
    report = report_path(expected.get("answers_report"))
    if report is not None:
        load_paths(store, [report])
    judgements_before = _count(store, "?j a sg:Judgement")
    [outcome] = load_paths(store, [path])
    status = outcome.status if not outcome.failed else f"failed: {outcome.reason}"
    doc = _document_iri(store, path.name)
    genre = _genre(store, doc) if doc else None
    is_plan = expected["genre"] in PLAN_GENRES
    right_genre = genre == SG + "ActionPlanDocument" if is_plan else (genre is not None and genre not in REPORT_GENRES
                                                                     and genre != SG + "ActionPlanDocument")
    score.check("genre", right_genre, f"{path.name} read as {genre}")
    if doc:
        polluted = select(store, f"SELECT ?i WHERE {{ ?i sg:reportedIn <{doc}> ; a sg:Inspection }}")
        added = _count(store, "?j a sg:Judgement") - judgements_before if report else 0
        if expected.get("embeds_report"):  # a pack that carries the whole report is one of its sources
            polluted = []
        score.check("no report facts from a council document", not polluted and added <= 0,
                    f"{path.name}: {len(polluted)} inspections reported in it, {added} judgements added")
    if is_plan:
        _score_plan(store, doc, expected, report, score)
    _score_meetings(store, doc, expected, score)
    store.close()
    return score, status


def _count(store: GraphStore, pattern: str) -> int:
    return int(select(store, f"SELECT (COUNT(DISTINCT ?j) AS ?n) WHERE {{ {pattern} }}")[0]["n"])


def _document_iri(store: GraphStore, name: str) -> str | None:
    rows = select(store, f"SELECT ?d WHERE {{ ?d a sg:Document ; sg:sourceFile {json.dumps(name)} }}")
    return rows[0]["d"] if rows else None


def _genre(store: GraphStore, doc: str) -> str | None:
    rows = select(store, f"SELECT ?g WHERE {{ <{doc}> sg:genre ?g }}")
    return rows[0]["g"] if rows else None


def _score_plan(store: GraphStore, doc: str | None, expected: dict, report: Path | None, score: Score) -> None:
    name = expected["file"]
    plans = select(store, f"""SELECT ?plan ?insp ?start ?rd WHERE {{
        ?plan a sg:ActionPlan ; sg:reportedIn <{doc}> .
        OPTIONAL {{ ?plan sg:respondsTo ?insp . OPTIONAL {{ ?insp sg:startDate ?start }}
                   OPTIONAL {{ ?insp sg:reportedIn ?r . ?r sg:sourceFile ?rd }} }} }}""") if doc else []
    start = expected.get("inspection", {}).get("start")
    linked = any(p.get("start") == start and (report is None or p.get("rd") == report.name) for p in plans)
    score.check("plan linked to its inspection", linked,
                f"{name}: plans {[(p.get('insp'), p.get('start'), p.get('rd')) for p in plans]}, expected {start}")
    actions = _actions(store, doc) if doc else []
    used: set[str] = set()
    for want in expected.get("actions", []):
        got = next((a for a in actions if a["iri"] not in used and starts_with(a["text"], want["text_start"])), None)
        label = f"{name}: action '{want['text_start']}'"
        score.check("actions", got is not None, label + " not found")
        if got is None:
            for f in ("action's recommendation", "owners", "due dates", "due text", "statuses"):
                score.check(f, False, label + " not found")
            continue
        used.add(got["iri"])
        rec_ok = any(starts_with(t, want["recommendation"], slack=2) for t in got["recommendation_texts"])
        score.check("action's recommendation", rec_ok, f"{label}: addresses {got['recommendation_texts'][:1]}")
        owners_ok = _same_owners(want.get("owners") or [], got["owners"])
        score.check("owners", owners_ok, f"{label}: owners {sorted(got['owners'])} != {want.get('owners')}")
        score.check("due dates", got["due_date"] == want.get("due_date"),
                    f"{label}: due {got['due_date']} != {want.get('due_date')}")
        score.check("due text", words(got["due_text"]) == words(want.get("due_text")),
                    f"{label}: due text {got['due_text']!r} != {want.get('due_text')!r}")
        status = want.get("status") or "StatusUnknown"
        score.check("statuses", got["status"] == SG + status, f"{label}: status {got['status']} != {status}")
    score.extra["actions"] += len(actions) - len(used)


def _same_owners(want: list[str], got: list[str]) -> bool:
    if len(want) != len(got):
        return False
    remaining = list(got)
    for owner in want:
        match = next((g for g in remaining if same_name(owner, g)), None)
        if match is None:
            return False
        remaining.remove(match)
    return True


def _actions(store: GraphStore, doc: str) -> list[dict]:
    rows = select(store, f"""SELECT ?a ?text ?due ?dueText ?status ?recText ?owner WHERE {{
        GRAPH <{doc}> {{ ?a a sg:Action }}
        OPTIONAL {{ ?a sg:text ?text }} OPTIONAL {{ ?a sg:dueDate ?due }} OPTIONAL {{ ?a sg:dueText ?dueText }}
        OPTIONAL {{ ?a sg:status ?status }}
        OPTIONAL {{ ?a sg:addresses ?rec . {{ ?rec sg:text ?recText }} UNION {{ ?rec sg:planText ?recText }} }}
        OPTIONAL {{ ?a sg:owner ?post . ?post skos:prefLabel ?owner }} }}""")
    actions: dict[str, dict] = {}
    for row in rows:
        action = actions.setdefault(row["a"], {"iri": row["a"], "text": row.get("text"), "due_date": row.get("due"),
                                               "due_text": row.get("dueText"), "status": row.get("status"),
                                               "recommendation_texts": [], "owners": []})
        if row.get("recText") and row.get("recText") not in action["recommendation_texts"]:
            action["recommendation_texts"].append(row.get("recText"))
        if row.get("owner") and row.get("owner") not in action["owners"]:
            action["owners"].append(row.get("owner"))
    return list(actions.values())


def _score_meetings(store: GraphStore, doc: str | None, expected: dict, score: Score) -> None:
    name = expected["file"]
    meetings = {row.get("m"): row.get("date") for row in select(store, f"""SELECT ?m ?date WHERE {{
        GRAPH <{doc}> {{ ?m a sg:Meeting }} OPTIONAL {{ ?m sg:date ?date }} }}""")} if doc else {}
    for want in expected.get("meetings", []):
        found = [m for m, date in meetings.items() if date == want["date"]]
        label = f"{name}: meeting of {want['date']}"
        score.check("meetings", bool(found), label + " not found")
        meeting = found[0] if found else None
        people = _names(store, meeting, "sg:attendee") if meeting else []
        for person in want.get("attendees", []):
            score.check("attendees", any(same_name(person["name"], p) for p in people),
                        f"{label}: attendee {person['name']} not read")
        absent = _names(store, meeting, "sg:apology") if meeting else []
        for person in want.get("apologies", []):
            score.check("apologies", any(same_name(person, p) for p in absent), f"{label}: apology {person} not read")
        _score_items(store, meeting, want.get("items", []), label, score)


def _names(store: GraphStore, meeting: str, predicate: str) -> list[str]:
    return [row.get("n") for row in select(store, f"""SELECT ?n WHERE {{ <{meeting}> {predicate} ?p .
        {{ ?p foaf:name ?n }} UNION {{ ?p skos:prefLabel ?n }} UNION {{ ?p rdfs:label ?n }} }}""")]


def _score_items(store: GraphStore, meeting: str | None, wanted: list[dict], label: str, score: Score) -> None:
    items = {}
    if meeting:
        for row in select(store, f"""SELECT ?i ?num ?title ?res ?rf WHERE {{ <{meeting}> sg:hasAgendaItem ?i .
                OPTIONAL {{ ?i sg:itemNumber ?num }} OPTIONAL {{ ?i dcterms:title ?title }}
                OPTIONAL {{ ?r sg:ofAgendaItem ?i ; sg:text ?res }}
                OPTIONAL {{ ?i sg:concernsInspection ?insp . ?insp sg:reportedIn ?rd . ?rd sg:sourceFile ?rf }} }}"""):
            item = items.setdefault(row.get("i"), {"number": row.get("num"), "title": row.get("title"),
                                               "resolutions": set(), "reports": set()})
            if row.get("res"):
                item["resolutions"].add(row.get("res"))
            if row.get("rf"):
                item["reports"].add(row.get("rf"))
    used: set[str] = set()
    for want in wanted:
        got = next((iri for iri, item in items.items() if iri not in used and _same_item(want, item)), None)
        what = f"{label}: item {want.get('number')} '{want.get('title')}'"
        score.check("meeting items", got is not None, what + " not found")
        item = items[got] if got else {"resolutions": set(), "reports": set()}
        if got:
            used.add(got)
        for resolution in want.get("resolutions", []):
            score.check("resolutions", any(starts_with(r, resolution) for r in item["resolutions"]),
                        f"{what}: resolution '{resolution}' not read")
        if want.get("concerns_report"):
            score.check("item's inspection", want["concerns_report"] in item["reports"],
                        f"{what}: concerns {sorted(item['reports'])}")
    score.extra["meeting items"] += len(items) - len(used)


def _same_item(want: dict, item: dict) -> bool:
    number = words(str(want.get("number") or ""))
    if number and words(str(item["number"] or "")) == number:
        return True
    return bool(want.get("title")) and starts_with(item["title"], want["title"], slack=1)


def score_set(folders: list[Path], verbose: bool = False) -> tuple[Score, list[tuple[str, str, Score]]]:
    total, per_document = Score(), []
    for folder in folders:
        for expected_file in sorted(folder.glob("*.expected.json")):
            score, status = score_document(expected_file)
            total.add(score)
            per_document.append((expected_file.name.removesuffix(".expected.json"), status, score))
            if verbose:
                for miss in score.misses:
                    print("  ", miss)
    return total, per_document


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--json", type=Path, help="write the scores as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every value not read as expected")
    args = parser.parse_args()
    total, per_document = score_set(args.folders, args.verbose)
    print(f"{'document':60} {'status':10} " + " ".join(f"{f[:9]:>9}" for f in FIELDS[3:9]))
    for name, status, score in per_document:
        shares = [score.share(f) for f in FIELDS[3:9]]
        print(f"{name[:60]:60} {status[:10]:10} " + " ".join(f"{s:9.2f}" if s is not None else f"{'':9}"
                                                               for s in shares))
    print()
    print(f"{'field':42} {'right':>6} {'of':>6} {'share':>6} {'extra':>6}")
    for f in FIELDS:
        share = total.share(f)
        print(f"{f:42} {total.right[f]:6} {total.total[f]:6} {share if share is not None else 0:6.2f} "
              f"{total.extra[f]:6}")
    if args.json:
        args.json.write_text(json.dumps({f: {"right": total.right[f], "of": total.total[f], "extra": total.extra[f]}
                                         for f in FIELDS}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
