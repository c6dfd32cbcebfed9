"""How long the reading report takes on a loaded store, check by check (prints numbers).

Run:  .venv/bin/python bench/reading_report.py STORE [--runs 3]

STORE is a store folder loaded earlier (for the national corpus: ``bench/generate_corpus.py OUT``
then ``sgkg load --store STORE OUT``). Prints the documents and quads in the store, each check's
median time over the runs, the whole report's time, and how many flags each check raised.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from pathlib import Path

from safeguarding_kg import reading_report
from safeguarding_kg.store import GraphStore

CHECKS = {
    "numbering": reading_report._numbering,
    "judgement-table": reading_report._judgement_tables,
    "section-missing (areas)": reading_report._sections,
    "section-missing (recommendations)": reading_report._recommendations,
    "authority": reading_report._provisional,
    "no-items": reading_report._letters,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with GraphStore(args.store) as store:
        documents = len(store.documents())
        print(f"store {args.store}: {documents} documents, {len(store):,} quads")
        for name, check in CHECKS.items():
            times, flags = _timed(lambda check=check: check(store), args.runs)
            print(f"  {name:<36} {statistics.median(times) * 1000:9.1f} ms  {len(flags)} flag(s)")
        times, flags = _timed(lambda: reading_report.check_store(store), args.runs)
        median = statistics.median(times)
        print(f"  {'whole report':<36} {median * 1000:9.1f} ms  {len(flags)} flag(s) "
              f"({median / max(documents, 1) * 1000:.2f} ms per document)")
        for check, count in sorted(Counter(f.check for f in flags).items()):
            print(f"    {check}: {count}")


def _timed(run, runs: int) -> tuple[list[float], list]:
    times, result = [], []
    for _ in range(runs):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return times, result


if __name__ == "__main__":
    main()
