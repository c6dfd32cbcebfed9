"""How often the recurrence linker's links join the same issue: a draw for a reader, and its score.

    .venv/bin/python bench/recurrence_quality.py --draw N OUT.csv
    .venv/bin/python bench/recurrence_quality.py --score LABELLED.csv

``--draw`` loads the sample corpus and the corpus PDFs (tests/fixtures/pdf) into a fresh store,
takes every link the linker makes -- recurrences (``sg:recurrenceOf``, the same issue) and the
weaker same-area links (``sg:sameAreaAs``) -- and draws N of them (all of them when there are
fewer) seeded, evenly across the score quartiles of each kind, in proportion to how many links of
each kind there are. Each row gives both texts, both inspections' years, the kind, the score and
the reason, and an empty ``same_issue`` column for a reader to fill with yes or no after reading
the two texts.

``--score`` prints, from such a file, the precision of each kind (the share of links a reader
found to be the same issue), by score quartile, and an estimate of recall: the former linker
linked every pair the new one links as either kind (its rule -- a shared theme and similar words
-- is the same-area rule, tried when no same issue is found), so the true recurrences within its
reach are estimated as the links of each kind times that kind's precision, and the share of them
the new linker shows as recurrences is recall against the former linker.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = (ROOT / "sample-corpus", ROOT / "tests" / "fixtures" / "pdf")
SEED = 20261208
KINDS = {"RecurrenceLink": "same issue", "SameAreaLink": "same area"}
FIELDS = ["link", "kind", "score", "quartile", "later_year", "later_text", "earlier_year", "earlier_text", "reason",
          "later", "earlier", "same_issue"]
LINKS = """SELECT ?link ?type ?score ?reason ?later ?earlier ?lt ?et ?ls ?es WHERE {
    ?link a ?type ; sg:later ?later ; sg:earlier ?earlier ; sg:score ?score ; sg:reason ?reason .
    VALUES ?type { sg:RecurrenceLink sg:SameAreaLink }
    ?later sg:text ?lt ; sg:ofInspection/sg:startDate ?ls .
    ?earlier sg:text ?et ; sg:ofInspection/sg:startDate ?es }"""


def corpus_links() -> list[dict[str, str]]:
    """Every link the linker makes on the sample corpus and the corpus PDFs, one row each."""
    from safeguarding_kg.loading import load_paths
    from safeguarding_kg.namespaces import SG_BASE
    from safeguarding_kg.store import GraphStore

    paths = [p for corpus in CORPORA for p in sorted(corpus.iterdir()) if p.name.lower() != "readme.md"]
    with tempfile.TemporaryDirectory() as tmp:
        store = GraphStore(Path(tmp) / "store")
        load_paths(store, paths)
        rows: dict[str, dict[str, str]] = {}
        for r in store.select(LINKS):
            link = r["link"].value
            row = rows.setdefault(link, {
                "link": link, "kind": KINDS[r["type"].value.removeprefix(SG_BASE)], "score": r["score"].value,
                "later_year": r["ls"].value[:4], "later_text": r["lt"].value, "earlier_year": r["es"].value[:4],
                "earlier_text": r["et"].value, "reason": r["reason"].value, "later": r["later"].value,
                "earlier": r["earlier"].value, "same_issue": ""})
            for key, column in (("later_text", "lt"), ("earlier_text", "et")):  # one text whatever the row order
                row[key] = max(row[key], r[column].value, key=lambda t: (len(t), t))
        store.close()
    return sorted(rows.values(), key=lambda r: r["link"])


def with_quartiles(links: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each link with the quartile (1 = lowest) of its score among the links of its kind."""
    for kind in KINDS.values():
        of_kind = sorted((r for r in links if r["kind"] == kind), key=lambda r: (float(r["score"]), r["link"]))
        for rank, row in enumerate(of_kind):
            row["quartile"] = str(1 + 4 * rank // len(of_kind))
    return links


def draw(links: list[dict[str, str]], n: int) -> list[dict[str, str]]:
    """N links, seeded, evenly over the quartiles of each kind, the kinds in proportion to their numbers."""
    rng = random.Random(SEED)
    if n >= len(links):
        return sorted(links, key=lambda r: (r["kind"], r["quartile"], r["link"]))
    drawn = []
    counts = Counter(r["kind"] for r in links)
    for kind, count in sorted(counts.items()):
        quota = round(n * count / len(links))
        cells = {q: [r for r in links if r["kind"] == kind and r["quartile"] == q] for q in "1234"}
        for q in "1234":
            rng.shuffle(cells[q])
        taken = 0
        while taken < quota and any(cells.values()):  # round robin over the quartiles
            for q in "1234":
                if cells[q] and taken < quota:
                    drawn.append(cells[q].pop())
                    taken += 1
    return sorted(drawn, key=lambda r: (r["kind"], r["quartile"], r["link"]))


def write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows({k: row.get(k, "") for k in FIELDS} for row in rows)


def score(path: Path, population: Counter | None = None) -> str:
    """The precision of each kind and quartile, and the recall estimate, as printed lines."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["same_issue"].strip().lower() in ("yes", "no")]
    if not rows:
        raise SystemExit(f"{path}: no row has same_issue filled with yes or no")
    lines = []
    precision = {}
    for kind in KINDS.values():
        of_kind = [r for r in rows if r["kind"] == kind]
        if not of_kind:
            continue
        yes = sum(r["same_issue"].strip().lower() == "yes" for r in of_kind)
        precision[kind] = yes / len(of_kind)
        by_quartile = []
        for q in "1234":
            cell = [r for r in of_kind if r["quartile"] == q]
            if cell:
                by_quartile.append(f"Q{q} {sum(r['same_issue'].strip().lower() == 'yes' for r in cell)}/{len(cell)}")
        lines.append(f"{kind}: {yes}/{len(of_kind)} the same issue = {precision[kind]:.2f} ({', '.join(by_quartile)})")
    sizes = population or Counter(r["kind"] for r in rows)
    if len(precision) == 2:
        true = {kind: sizes[kind] * p for kind, p in precision.items()}
        total = sum(true.values())
        recall = true["same issue"] / total if total else 1.0
        lines.append(f"recall against the former linker's reach (estimated): {true['same issue']:.1f} of {total:.1f} "
                     f"true recurrences shown as recurrences = {recall:.2f} (links: {dict(sizes)})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--draw", nargs=2, metavar=("N", "OUT"), help="write N links drawn for a reader to OUT.csv")
    group.add_argument("--score", metavar="LABELLED", help="precision and recall from a labelled draw")
    parser.add_argument("--population", nargs=2, type=int, metavar=("ISSUE", "AREA"),
                        help="with --score: how many links of each kind the draw was taken from (else the draw's)")
    args = parser.parse_args()
    if args.draw:
        n, out = int(args.draw[0]), Path(args.draw[1])
        links = with_quartiles(corpus_links())
        drawn = draw(links, n)
        write(out, drawn)
        counts = Counter(r["kind"] for r in links)
        print(f"{len(drawn)} of {len(links)} links written to {out} ({dict(Counter(r['kind'] for r in drawn))}; "
              f"all links: {dict(counts)}); score with --population {counts['same issue']} {counts['same area']}")
        return
    population = Counter({"same issue": args.population[0], "same area": args.population[1]}) if args.population \
        else None
    print(score(Path(args.score), population))


if __name__ == "__main__":
    sys.exit(main())
