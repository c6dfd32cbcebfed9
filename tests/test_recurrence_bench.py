"""The recurrence quality bench: its draw spreads links evenly over score quartiles, and its score reads a reader's
labels into precision per kind and a recall estimate."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from bench_helpers import bench_module


@pytest.fixture(scope="module")
def bench():
    return bench_module("recurrence_quality")


def _links(kind: str, n: int) -> list[dict[str, str]]:
    return [{"link": f"urn:{kind}:{i:03}", "kind": kind, "score": f"{i / n:.3f}"} for i in range(n)]


def test_a_draw_is_even_over_the_quartiles_of_each_kind_and_seeded(bench) -> None:
    links = bench.with_quartiles(_links("same issue", 40) + _links("same area", 120))
    assert Counter(r["quartile"] for r in links if r["kind"] == "same issue") == {q: 10 for q in "1234"}
    drawn = bench.draw(links, 40)
    assert Counter(r["kind"] for r in drawn) == {"same issue": 10, "same area": 30}
    cells = Counter((r["kind"], r["quartile"]) for r in drawn)
    for kind in ("same issue", "same area"):  # within a kind, the quartiles differ by one link at most
        counts = [cells[(kind, q)] for q in "1234"]
        assert max(counts) - min(counts) <= 1
    assert drawn == bench.draw(bench.with_quartiles(_links("same issue", 40) + _links("same area", 120)), 40)
    assert len(bench.draw(links, 500)) == len(links)  # fewer links than asked: all of them


def test_score_gives_precision_per_kind_and_quartile_and_recall(bench, tmp_path: Path) -> None:
    path = tmp_path / "labelled.csv"
    rows = [("same issue", "1", "yes"), ("same issue", "4", "yes"), ("same issue", "4", "no"),
            ("same area", "1", "no"), ("same area", "2", "yes"), ("same area", "3", "no"), ("same area", "4", ""),
            ("same area", "4", "no")]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=bench.FIELDS)
        writer.writeheader()
        for i, (kind, quartile, label) in enumerate(rows):
            writer.writerow({"link": f"urn:{i}", "kind": kind, "quartile": quartile, "same_issue": label})
    out = bench.score(path, Counter({"same issue": 30, "same area": 80}))
    assert "same issue: 2/3 the same issue = 0.67 (Q1 1/1, Q4 1/2)" in out
    assert "same area: 1/4 the same issue = 0.25" in out  # the unlabelled row is left out
    # true recurrences within reach: 30 x 2/3 = 20 shown as recurrences, 80 x 1/4 = 20 only as same area
    assert "20.0 of 40.0 true recurrences shown as recurrences = 0.50" in out
    empty = tmp_path / "empty.csv"
    empty.write_text(",".join(bench.FIELDS) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="no row has same_issue"):
        bench.score(empty)
