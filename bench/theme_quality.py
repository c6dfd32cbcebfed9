"""How well the theme classifier and the polarity rules agree with items labelled by reading.

    .venv/bin/python bench/theme_quality.py [--errors] [--confusion] [--split NAME] [--draw SPLIT CSV]

Reads tests/fixtures/themes_labelled.csv (each row: split, document, item, item class,
finding kind, judgement area, the themes and polarity a person gave it, text) and prints,
for every split present in the file (dev, heldout-v1 ... heldout-v7, and any later one)
separately, then for the splits tuned on together and for the whole file:

- precision and recall per top concept (an item is about a top concept when any of its
  themes is narrower than it), micro-averaged over top concepts and over the themes;
- polarity accuracy for findings, with the confusion table.

The classifier is given what the loaders give it: the text, the item's class and the
judgement area a finding is filed under (columns ``item_class`` and ``area``).

``--errors`` and ``--confusion`` (the tuning tools) read only the splits tuned on
(TUNED_ON: dev, heldout-v1 ... heldout-v7); a held-out split added later is only
ever measured, never listed item by item. The theme ranker is fitted on the same splits
(bench/train_theme_ranker.py).

``--draw SPLIT CSV`` writes a held-out split's seeded draw of items not yet labelled, read by
the loaders without running the classifier, for people to label before anything is tuned.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from safeguarding_kg.namespaces import RDF, SG, SG_BASE
from safeguarding_kg.themes import Context, Polarity, polarity_of, themes_of, top_concept, vocabulary

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "fixtures" / "themes_labelled.csv"
#: Each reader's own reading of held-out items (the labelled set's columns and ``reading``: who), to measure how
#: consistent the labels are: a second reader of v3, and both readers of v4 before their differences were decided.
READINGS = ROOT / "tests" / "fixtures" / "themes_readings.csv"
#: How to report the known splits of the labelled set; any other split in the file is reported under its name.
SPLITS = {
    "dev": "dev (tuned on)",
    "heldout-v1": "held-out v1 (seen, tuned on)",
    "heldout-v2": "held-out v2 (seen, tuned on since sgkg-lexicon-3)",
    "heldout-v3": "held-out v3 (seen, tuned on since sgkg-lexicon-4)",
    "heldout-v4": "held-out v4 (seen: scored once with sgkg-lexicon-4, tuned on since sgkg-lexicon-5)",
    "heldout-v5": "held-out v5 (seen: scored once with sgkg-lexicon-5, tuned on since sgkg-lexicon-6)",
    "heldout-v6": "held-out v6 (seen: scored once with sgkg-lexicon-5, tuned on since sgkg-lexicon-6)",
    "heldout-v7": "held-out v7 (seen: scored once with sgkg-lexicon-6, tuned on since sgkg-tops-1)",
    "heldout-v8": "held-out v8 (never tuned on)",
}
#: The splits the lexicon and rules were tuned on: the only ones the tuning tools (--errors, --confusion) read.
TUNED_ON = ("dev", "heldout-v1", "heldout-v2", "heldout-v3", "heldout-v4", "heldout-v5", "heldout-v6", "heldout-v7")


def local(iri) -> str:
    return iri.value.removeprefix(SG_BASE)


def rows() -> list[dict[str, str]]:
    with LABELLED.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def context(row: dict[str, str]) -> Context:
    """What the loaders give the classifier besides the text: the item's class and judgement area."""
    return Context(row.get("item_class", ""), row.get("area", ""))


def found(row: dict[str, str]) -> dict:
    return themes_of(row["text"], context(row))


def predicted(row: dict[str, str]) -> set[str]:
    return {local(t) for t in found(row)}


def splits_of(data: list[dict[str, str]]) -> list[str]:
    """The splits present, the known ones first in their order, then any other by name."""
    present = {r["split"] for r in data}
    return [s for s in SPLITS if s in present] + sorted(present - set(SPLITS))


def tuning_rows(data: list[dict[str, str]]) -> list[dict[str, str]]:
    return [r for r in data if r["split"] in TUNED_ON]


def tops(themes: set[str]) -> set[str]:
    return {local(top_concept(SG[t])) for t in themes}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def theme_table(selected: list[dict[str, str]],
                guessed: Callable[[dict[str, str]], set[str]] = predicted) -> list[tuple[str, int, int, int]]:
    """(top concept, tp, fp, fn) per top concept, then the micro totals over tops and over themes."""
    counts: dict[str, Counter] = {}
    leaf = Counter()
    for row in selected:
        gold, guess = set(row["themes"].split()), guessed(row)
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


def polarity(row: dict[str, str]) -> Polarity:
    """The polarity rules' reading of a labelled item, given its finding kind as the loaders give it."""
    return polarity_of(row["text"], SG[row["finding_kind"]] if row["finding_kind"] else None)


def polarity_table(selected: list[dict[str, str]]) -> tuple[int, int, Counter]:
    confusion: Counter = Counter()
    right = total = 0
    for row in selected:
        if not row["polarity"]:
            continue
        guess = local(polarity(row).concept)
        confusion[(row["polarity"], guess)] += 1
        total += 1
        right += guess == row["polarity"]
    return right, total, confusion


def print_table(table: list[tuple[str, int, int, int]]) -> None:
    print("| top concept | labelled | precision | recall |")
    print("|---|---:|---:|---:|")
    for top, tp, fp, fn in table:
        p, r = prf(tp, fp, fn)
        print(f"| {top} | {tp + fn} | {p:.2f} | {r:.2f} |")


def report(name: str, selected: list[dict[str, str]]) -> None:
    print(f"\n## {name}: {len(selected)} items ({Counter(r['item_class'] for r in selected)})\n")
    print_table(theme_table(selected))
    right, total, confusion = polarity_table(selected)
    print(f"\npolarity accuracy on findings: {right}/{total} = {right / total:.2f}" if total else "")
    labels = ["Strength", "Weakness", "Mixed", "Neutral"]
    print("\n| labelled \\ predicted | " + " | ".join(labels) + " |")
    print("|---|" + "---:|" * len(labels))
    for gold in labels:
        print(f"| {gold} | " + " | ".join(str(confusion[(gold, g)]) for g in labels) + " |")


def agreement(data: list[dict[str, str]]) -> None:
    """Each reader's own reading of held-out items against the labels, scored as if it were the classifier.

    The readers had the same instructions, taxonomy and calibration rows and worked alone: this
    measures how consistent the labelling is, i.e. what the labels can tell apart. The v3 labels
    are the first reader's; from v4 on, the labels were decided item by item where two readers
    differed, so the second reader against the first is the agreement before that.
    """
    if not READINGS.exists():
        return
    with READINGS.open(encoding="utf-8", newline="") as f:
        readings: dict[str, dict[str, dict[str, str]]] = {}
        for row in csv.DictReader(f):
            readings.setdefault(row["reading"], {})[row["item"]] = row
    labels = {r["item"]: r for r in data}
    pairs = [(name, "the labels", reading, labels) for name, reading in readings.items()]
    for name in readings:  # "v4 first reader" and "v4 second reader": also the one against the other
        first = name.replace(" second reader", " first reader")
        if name.endswith(" second reader") and first in readings:
            pairs.append((name, f"the {first}", readings[name], readings[first]))
    for name, against, reading, reference in pairs:
        items = [reference[item] for item in reading if item in reference]
        print(f"\n## {name} against {against}: {len(items)} items ({READINGS.name})\n")
        print_table(theme_table(items, lambda row, reading=reading: set(reading[row["item"]]["themes"].split())))
        findings = [r for r in items if r["polarity"]]
        same = sum(reading[r["item"]]["polarity"] == r["polarity"] for r in findings)
        print(f"\npolarity agreement on findings: {same}/{len(findings)}")


def confusion(selected: list[dict[str, str]]) -> None:
    """False positives and negatives per top concept, with the terms that fired (what tuning looks at)."""
    by_top: dict[str, dict[str, list[str]]] = {}
    for row in selected:
        gold, matched = set(row["themes"].split()), found(row)
        guess = {local(t) for t in matched}
        gold_tops, guess_tops = tops(gold), tops(guess)
        for top in guess_tops - gold_tops:
            terms = [f"{local(t)}:{'|'.join(v)}" for t, v in matched.items() if local(top_concept(t)) == top]
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
        read = polarity(row) if row["polarity"] else None
        wrong_polarity = read is not None and local(read.concept) != row["polarity"]
        if gold != guess or wrong_polarity:
            print(f"\n{row['split']} {row['item']}\n  {row['text'][:300]}")
            if gold - guess:
                print(f"  missed: {sorted(gold - guess)}")
            for theme in sorted(guess - gold):
                print(f"  extra:  {theme} {found(row)[SG[theme]]}")
            if wrong_polarity:
                print(f"  polarity {row['polarity']} -> {local(read.concept)} ({read.reason})")


# -- drawing a held-out split ----------------------------------------------------------------

#: Each held-out draw's seed and quotas (how many items of each class: findings dominate the corpus; the quotas keep
#: the rarer classes). A draw takes only items not labelled at the time, so re-running an old one now draws others.
DRAWS = {
    "heldout-v2": (20250605, {"Finding": 50, "Recommendation": 22, "Action": 7, "ExpectedOutcome": 6}),
    "heldout-v3": (20261123, {"Finding": 70, "Recommendation": 36, "Action": 10, "ExpectedOutcome": 4}),
    "heldout-v4": (20261124, {"Finding": 88, "Recommendation": 45, "Action": 12, "ExpectedOutcome": 5}),
    "heldout-v5": (20261125, {"Finding": 88, "Recommendation": 45, "Action": 12, "ExpectedOutcome": 5}),
    "heldout-v6": (20261126, {"Finding": 88, "Recommendation": 45, "Action": 12, "ExpectedOutcome": 5}),
    "heldout-v7": (20261127, {"Finding": 100, "Recommendation": 34}),
    "heldout-v8": (20261208, {"Finding": 240}),
}
CLASSES = ("Finding", "Recommendation", "Action", "ExpectedOutcome")
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
        classes = {local(c) for c in values.get(RDF.type, ())} & set(CLASSES)
        if not classes or SG.text not in values:
            continue
        kind = values.get(SG.findingKind, [None])[0]
        area = values.get(SG.judgementArea, [None])[0]
        items.append(Item(path.name, subject.value, classes.pop(), local(kind) if kind else "",
                          local(area) if area else "", " ".join(v.value for v in values[SG.text])))
    return items


def draw_items(seed: int, quotas: dict[str, int]) -> list[Item]:
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
    for item_class, quota in quotas.items():
        by_document = {doc: rng.sample(items, len(items)) for doc, items in sorted(pool.get(item_class, {}).items())}
        order = rng.sample(sorted(by_document), len(by_document))
        taken: list[Item] = []
        while len(taken) < quota and any(by_document.values()):
            for doc in order:
                if by_document[doc] and len(taken) < quota:
                    taken.append(by_document[doc].pop())
        drawn.extend(taken)
    return drawn


def write_draw(path: Path, items: list[Item], split: str) -> None:
    """The drawn items in the labelled CSV's columns, themes and polarity left for the person to fill in."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["split", "document", "item", "item_class", "finding_kind", "area", "themes", "polarity",
                         "text"])
        for item in items:
            writer.writerow([split, item.document, item.item, item.item_class, item.finding_kind, item.area,
                             "", "", item.text])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument("--confusion", action="store_true",
                        help="false positives / negatives per top concept (the splits tuned on only)")
    parser.add_argument("--split", choices=list(TUNED_ON), help="only this split (with --errors)")
    parser.add_argument("--draw", nargs=2, metavar=("SPLIT", "CSV"),
                        help=f"write a held-out draw ({', '.join(DRAWS)}) of items not yet labelled to CSV, for "
                             "labelling (the classifier is not run)")
    args = parser.parse_args()
    if args.draw:
        split, path = args.draw
        seed, quotas = DRAWS[split]
        write_draw(Path(path), draw_items(seed, quotas), split)
        return
    data = rows()
    vocab = vocabulary()
    print(f"{len(vocab.theme_concepts)} themes, {len(vocab.service_concepts)} service types in the lexicon; "
          f"{len(data)} labelled items")
    for split in splits_of(data):
        report(SPLITS.get(split, split), [r for r in data if r["split"] == split])
    report("tuned on (" + " + ".join(TUNED_ON) + ")", tuning_rows(data))
    report("all labelled", data)
    agreement(data)
    if args.confusion:
        confusion(tuning_rows(data))
    if args.errors:
        errors([r for r in tuning_rows(data) if not args.split or r["split"] == args.split])


if __name__ == "__main__":
    main()
