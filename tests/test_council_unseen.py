"""The unseen split of council documents (tests/fixtures/council/unseen): what must hold on every one.

15 documents by a third author, from 9 councils, kept out of sight while the loaders were built and
scored once (the figures are in tests/fixtures/council/README.md). Whatever else a document's reading
misses, it is read as the genre it is (a plan or minutes quoting a report is never read as the
report), every plan answers the report's own inspection, and no council document becomes a source of
the inspection or adds judgements to it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bench_helpers import bench_module

ROOT = Path(__file__).resolve().parent.parent
UNSEEN = sorted((ROOT / "tests" / "fixtures" / "council" / "unseen").glob("*.expected.json"))
MUST_HOLD = ["genre", "plan linked to its inspection", "no report facts from a council document"]


def test_the_unseen_split_is_there() -> None:
    assert len(UNSEEN) >= 15


@pytest.mark.parametrize("expected", UNSEEN, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_read_as_what_it_is_and_linked_to_its_inspection(expected: Path) -> None:
    score, status = bench_module("council_reading").score_document(expected)
    assert status == "loaded", status
    assert all(score.right[f] == score.total[f] for f in MUST_HOLD), [m for m in score.misses
                                                                       if m.split(":")[0] in MUST_HOLD]
