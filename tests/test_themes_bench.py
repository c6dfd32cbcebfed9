"""The theme quality bench: it reports every split of the labelled set, and its tuning tools never read a
held-out split added later (heldout-v8, ...)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest
from bench_helpers import bench_module

FIELDS = ["split", "document", "item", "item_class", "finding_kind", "area", "themes", "polarity", "text"]


@pytest.fixture(scope="module")
def bench():
    return bench_module("theme_quality")


def _row(split: str, item: str, text: str, themes: str = "PrivateFostering", polarity: str = "Weakness") -> dict:
    return {"split": split, "document": "d.txt", "item": item, "item_class": "Finding", "finding_kind": "",
            "area": "", "themes": themes, "polarity": polarity, "text": text}


@pytest.fixture
def labelled(bench, tmp_path, monkeypatch) -> Path:
    path = tmp_path / "labelled.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerow(_row("dev", "urn:dev1", "The response to private fostering is weak."))
        writer.writerow(_row("heldout-v8", "urn:v7-1", "Private fostering notifications are not always made."))
        writer.writerow(_row("heldout-v9", "urn:v9-1", "Private fostering arrangements are not assessed."))
    monkeypatch.setattr(bench, "LABELLED", path)
    return path


def test_every_split_is_reported_known_ones_first(bench, labelled, capsys, monkeypatch) -> None:
    data = bench.rows()
    assert bench.splits_of(data) == ["dev", "heldout-v8", "heldout-v9"]
    assert [r["item"] for r in bench.tuning_rows(data)] == ["urn:dev1"]
    monkeypatch.setattr(sys, "argv", ["theme_quality.py"])
    bench.main()
    out = capsys.readouterr().out
    assert "## held-out v8 (never tuned on): 1 items" in out and "## heldout-v9: 1 items" in out


def test_tuning_tools_never_read_a_later_held_out_split(bench, labelled, capsys, monkeypatch) -> None:
    monkeypatch.setattr(bench, "themes_of", lambda text, context=None: {})  # every item is then an error
    monkeypatch.setattr(sys, "argv", ["theme_quality.py", "--errors", "--confusion"])
    bench.main()
    out = capsys.readouterr().out
    assert "urn:dev1" in out and "response to private fostering" in out
    assert "urn:v7-1" not in out and "notifications are not always made" not in out
    assert "urn:v9-1" not in out and "arrangements are not assessed" not in out
    monkeypatch.setattr(sys, "argv", ["theme_quality.py", "--errors", "--split", "heldout-v8"])
    with pytest.raises(SystemExit):
        bench.main()


def test_the_classifier_is_given_the_item_class_and_judgement_area(bench) -> None:
    row = _row("dev", "urn:x", "Young people say that their workers visit them often.", themes="CareLeaverSupport")
    assert bench.predicted(row) == set()
    assert bench.predicted({**row, "area": "CareLeavers"}) == {"CareLeaverSupport"}


def test_a_held_out_draw_takes_unlabelled_items_spread_over_documents(bench) -> None:
    seed, quotas = bench.DRAWS["heldout-v7"]
    drawn = bench.draw_items(seed, quotas)
    labelled = {r["item"] for r in bench.rows()}
    counts = {cls: sum(item.item_class == cls for item in drawn) for cls in quotas}
    assert counts["Finding"] == quotas["Finding"]  # the rarer classes may run out as more are labelled
    assert all(counts[cls] <= quota for cls, quota in quotas.items())
    assert not labelled & {item.item for item in drawn}
    assert len({item.document for item in drawn}) >= 20  # spread over documents
    assert drawn == bench.draw_items(seed, quotas)  # seeded: the same draw again
