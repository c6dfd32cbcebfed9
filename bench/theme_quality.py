"""How well the theme lexicon and the polarity rules agree with items labelled by reading.

    .venv/bin/python bench/theme_quality.py [--errors]

Reads tests/fixtures/themes_labelled.csv (each row: split, document, item, item class,
finding kind, the themes and polarity a person gave it, text) and prints, for the "dev"
rows (which the lexicon was tuned on) and the "heldout" rows (labelled before the
classifier was ever run on them, never tuned on) separately:

- precision and recall per top concept (an item is about a top concept when any of its
  themes is narrower than it), micro-averaged over top concepts and over the themes;
- polarity accuracy for findings, with the confusion table.

``--errors`` lists every disagreement, for tuning on dev rows.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from safeguarding_kg.namespaces import RDF, SG, SG_BASE
from safeguarding_kg.themes import polarity_of, themes_of, top_concept, vocabulary

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "fixtures" / "themes_labelled.csv"
#: The splits of the labelled set, and how to report them.
SPLITS = {
    "dev": "dev (tuned on)",
    "heldout-v1": "held-out v1 (seen once)",
    "heldout-v2": "held-out v2 (never tuned on)",
}


def local(iri) -> str:
    return iri.value.removeprefix(SG_BASE)


def rows() -> list[dict[str, str]]:
    with LABELLED.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def predicted(row: dict[str, str]) -> set[str]:
    return {local(t) for t in themes_of(row["text"])}


def tops(themes: set[str]) -> set[str]:
    return {local(top_concept(SG[t])) for t in themes}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def theme_table(selected: list[dict[str, str]]) -> list[tuple[str, int, int, int]]:
    """(top concept, tp, fp, fn) per top concept, then the micro totals over tops and over themes."""
    counts: dict[str, Counter] = {}
    leaf = Counter()
    for row in selected:
        gold, guess = set(row["themes"].split()), predicted(row)
        leaf.update(tp=len(gold & guess), fp=len(guess - gold), fn=len(gold - guess))
        gold_tops, guess_tops = tops(gold), tops(guess)
        for top in gold_tops | guess_tops:
            c = counts.setdefault(top, Counter())
            c["tp"] += top in gold_tops and top in guess_tops
            c["fp"] += top in guess_tops and top not in gold_tops
            c["fn"] += top in gold_tops and top not in guess_tops
    table = [(top, c["tp"], c["fp"], c["fn"]) for top, c in sorted(counts.items())]
    micro = Counter()
    for _, tp, fp, fn in table:
        micro.update(tp=tp, fp=fp, fn=fn)
    table.append(("micro (top concepts)", micro["tp"], micro["fp"], micro["fn"]))
    table.append(("micro (themes)", leaf["tp"], leaf["fp"], leaf["fn"]))
    return table


def polarity_table(selected: list[dict[str, str]]) -> tuple[int, int, Counter]:
    confusion: Counter = Counter()
    right = total = 0
    for row in selected:
        if not row["polarity"]:
            continue
        kind = SG[row["finding_kind"]] if row["finding_kind"] else None
        guess = local(polarity_of(row["text"], kind).concept)
        confusion[(row["polarity"], guess)] += 1
        total += 1
        right += guess == row["polarity"]
    return right, total, confusion


def report(name: str, selected: list[dict[str, str]]) -> None:
    print(f"\n## {name}: {len(selected)} items ({Counter(r['item_class'] for r in selected)})\n")
    print("| top concept | labelled | precision | recall |")
    print("|---|---:|---:|---:|")
    for top, tp, fp, fn in theme_table(selected):
        p, r = prf(tp, fp, fn)
        print(f"| {top} | {tp + fn} | {p:.2f} | {r:.2f} |")
    right, total, confusion = polarity_table(selected)
    print(f"\npolarity accuracy on findings: {right}/{total} = {right / total:.2f}" if total else "")
    labels = ["Strength", "Weakness", "Mixed", "Neutral"]
    print("\n| labelled \\ predicted | " + " | ".join(labels) + " |")
    print("|---|" + "---:|" * len(labels))
    for gold in labels:
        print(f"| {gold} | " + " | ".join(str(confusion[(gold, g)]) for g in labels) + " |")


def confusion(selected: list[dict[str, str]]) -> None:
    """False positives and negatives per top concept, with the terms that fired (what tuning looks at)."""
    by_top: dict[str, dict[str, list[str]]] = {}
    for row in selected:
        gold, found = set(row["themes"].split()), themes_of(row["text"])
        guess = {local(t) for t in found}
        gold_tops, guess_tops = tops(gold), tops(guess)
        for top in guess_tops - gold_tops:
            terms = [f"{local(t)}:{'|'.join(v)}" for t, v in found.items() if local(top_concept(t)) == top]
            by_top.setdefault(top, {}).setdefault("FP", []).append(f"{' '.join(terms)} <- {row['text'][:140]}")
        for top in gold_tops - guess_tops:
            missed = sorted(t for t in gold if local(top_concept(SG[t])) == top)
            by_top.setdefault(top, {}).setdefault("FN", []).append(f"{' '.join(missed)} <- {row['text'][:160]}")
    for top, kinds in sorted(by_top.items()):
        for kind in ("FP", "FN"):
            print(f"\n### {top} {kind} ({len(kinds.get(kind, []))})")
            for line in kinds.get(kind, []):
                print(f"- {line}")


def errors(selected: list[dict[str, str]]) -> None:
    for row in selected:
        gold, guess = set(row["themes"].split()), predicted(row)
        kind = SG[row["finding_kind"]] if row["finding_kind"] else None
        polarity = polarity_of(row["text"], kind) if row["polarity"] else None
        wrong_polarity = polarity is not None and local(polarity.concept) != row["polarity"]
        if gold != guess or wrong_polarity:
            print(f"\n{row['split']} {row['item']}\n  {row['text'][:300]}")
            if gold - guess:
                print(f"  missed: {sorted(gold - guess)}")
            for theme in sorted(guess - gold):
                print(f"  extra:  {theme} {themes_of(row['text'])[SG[theme]]}")
            if wrong_polarity:
                print(f"  polarity {row['polarity']} -> {local(polarity.concept)} ({polarity.reason})")


# -- the held-out v2 draw -------------------------------------------------------------------

V2_SEED = 20250605
#: How many items of each class the v2 draw takes (findings dominate the corpus; the quotas keep the rarer classes).
V2_QUOTAS = {"Finding": 50, "Recommendation": 22, "Action": 7, "ExpectedOutcome": 6}
CORPORA = (ROOT / "sample-corpus", ROOT / "tests" / "fixtures" / "pdf")


@dataclass(frozen=True)
class Item:
    document: str
    item: str
    item_class: str
    finding_kind: str
    area: str
    text: str


def unclassified_items(path: Path) -> list[Item]:
    """The classifiable items of one document, read by its genre loader WITHOUT running the classifier.

    So that a person can label a drawn item before the classifier has ever been run on it.
    """
    from safeguarding_kg.loaders import detect
    from safeguarding_kg.loaders.base import Extraction
    from safeguarding_kg.loaders.toolkit.sources import read_source

    source = read_source(path)
    loader = detect(source)
    if loader is None:
        return []
    extraction = Extraction(source)
    loader.extract(source, extraction)
    facts: dict = {}
    for q in extraction.quads:
        facts.setdefault(q.subject, {}).setdefault(q.predicate, []).append(q.object)
    items = []
    for subject, values in facts.items():
        classes = {local(c) for c in values.get(RDF.type, ())} & set(V2_QUOTAS)
        if not classes or SG.text not in values:
            continue
        kind = values.get(SG.findingKind, [None])[0]
        area = values.get(SG.judgementArea, [None])[0]
        items.append(Item(path.name, subject.value, classes.pop(), local(kind) if kind else "",
                          local(area) if area else "", " ".join(v.value for v in values[SG.text])))
    return items


def draw_heldout_v2(seed: int = V2_SEED) -> list[Item]:
    """A seeded random draw of items not yet labelled, spread over documents, per class quota.

    Each class's pool is grouped by document; documents are visited in a shuffled order, one
    shuffled item at a time (round robin), so no single long report dominates the sample.
    """
    labelled = {row["item"] for row in rows()}
    pool: dict[str, dict[str, list[Item]]] = {}
    seen: set[str] = set()
    for corpus in CORPORA:
        for path in sorted(corpus.iterdir()):
            if path.suffix.lower() not in (".txt", ".pdf") or path.stem.upper() == "README":
                continue
            for item in unclassified_items(path):
                if item.item in labelled or item.item in seen:  # same report as .txt and .pdf: one copy
                    continue
                seen.add(item.item)
                pool.setdefault(item.item_class, {}).setdefault(item.document, []).append(item)
    rng = random.Random(seed)
    drawn: list[Item] = []
    for item_class, quota in V2_QUOTAS.items():
        by_document = {doc: rng.sample(items, len(items)) for doc, items in sorted(pool.get(item_class, {}).items())}
        order = rng.sample(sorted(by_document), len(by_document))
        taken: list[Item] = []
        while len(taken) < quota and any(by_document.values()):
            for doc in order:
                if by_document[doc] and len(taken) < quota:
                    taken.append(by_document[doc].pop())
        drawn.extend(taken)
    return drawn


def write_draw(path: Path, items: list[Item]) -> None:
    """The drawn items in the labelled CSV's columns, themes and polarity left for the person to fill in."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["split", "document", "item", "item_class", "finding_kind", "area", "themes", "polarity",
                         "text"])
        for item in items:
            writer.writerow(["heldout-v2", item.document, item.item, item.item_class, item.finding_kind, item.area,
                             "", "", item.text])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument("--confusion", action="store_true",
                        help="false positives / negatives per top concept (dev and v1 only: never tune on v2)")
    parser.add_argument("--split", choices=list(SPLITS), help="only this split (with --errors)")
    parser.add_argument("--draw-v2", type=Path, metavar="CSV",
                        help="write the held-out v2 draw (unlabelled; the classifier is not run) to CSV, for labelling")
    args = parser.parse_args()
    if args.draw_v2:
        write_draw(args.draw_v2, draw_heldout_v2())
        return
    data = rows()
    vocab = vocabulary()
    print(f"{len(vocab.theme_concepts)} themes, {len(vocab.service_concepts)} service types in the lexicon; "
          f"{len(data)} labelled items")
    for split, title in SPLITS.items():
        report(title, [r for r in data if r["split"] == split])
    report("all", data)
    if args.confusion:
        confusion([r for r in data if r["split"] in ("dev", "heldout-v1")])
    if args.errors:
        errors([r for r in data if not args.split or r["split"] == args.split])


if __name__ == "__main__":
    main()
