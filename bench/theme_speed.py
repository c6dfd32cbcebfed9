"""Classification time per item: themes, services and polarity of every labelled item, caches cold.

    .venv/bin/python bench/theme_speed.py [--runs 5]

Times ``themes.classify_themes``, ``classify_services`` and ``polarity_of`` (what ``classify_extraction`` runs per
item) over the 1,111 labelled texts, each run with the classifier's caches cleared (a national load sees each text
once), after one warm-up run that loads the vocabulary and models. Prints the median ms per item. Run it from
another checkout's tree (``PYTHONPATH=OLD_TREE``) to compare releases on the same machine.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from pathlib import Path

from safeguarding_kg import themes

LABELLED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "themes_labelled.csv"


def run(rows: list[dict[str, str]]) -> float:
    for cached in (themes.classify_themes, themes.classify_services, themes.fold, themes._places_of,
                   getattr(themes, "read_themes", None)):
        if cached is not None:
            cached.cache_clear()
    start = time.perf_counter()
    for row in rows:
        context = themes.Context(row["item_class"], row["area"])
        themes.classify_themes(row["text"], context)
        themes.classify_services(row["text"])
        if row["item_class"] == "Finding":
            themes.polarity_of(row["text"])
    return (time.perf_counter() - start) * 1000 / len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with LABELLED.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    run(rows)  # warm-up: vocabulary and models loaded
    times = [run(rows) for _ in range(args.runs)]
    print(f"{themes.CLASSIFIER}: {statistics.median(times):.3f} ms per item (median of {args.runs} runs over "
          f"{len(rows)} items; min {min(times):.3f}, max {max(times):.3f})")


if __name__ == "__main__":
    main()
