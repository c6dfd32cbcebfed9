"""New documents are bulk-loaded in journaled batches: all or nothing, even when the process dies."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from pyoxigraph import BlankNode, Quad

from safeguarding_kg.loading import LOADED, load_paths
from safeguarding_kg.store import GraphStore

SAMPLE = Path(__file__).resolve().parents[1] / "sample-corpus"
FIRST = [SAMPLE / "solihull_unannounced-inspection-letter_2011.txt"]
BATCH = [
    SAMPLE / "solihull_inspection-and-lscb-review_2016.txt",
    SAMPLE / "solihull_ilacs-action-plan_2020.txt",
    SAMPLE / "solihull_focused-visit_2021-08-02.pdf",
    SAMPLE / "solihull_inspection_2020-01-09.pdf",
]


class HalfBulkLoad:
    """A pyoxigraph Store whose bulk loader writes the first half of its input and then ``fails()``."""

    def __init__(self, store, fails) -> None:
        self._store, self._fails = store, fails

    def __getattr__(self, name: str):
        return getattr(self._store, name)

    def bulk_load(self, data: bytes, format) -> None:
        lines = data.splitlines(keepends=True)
        self._store.bulk_load(b"".join(lines[: len(lines) // 2]), format=format)
        self._fails()


class OneTransactionPerDocument(GraphStore):
    """The store without batches: every document goes through ``put_document``'s transaction."""

    @property
    def put_new_documents(self):
        raise AttributeError("no batches")


def _folder(tmp_path: Path, name: str, paths: list[Path]) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for path in paths:
        shutil.copy(path, folder / path.name)
    return folder


def _everything(store: GraphStore) -> set[Quad]:
    """Every quad, the merged default graph included, less the ontology's blank nodes (fresh in every store)."""
    return {q for q in store._store if not any(isinstance(t, BlankNode) for t in (q.subject, q.object))}


def _raise() -> None:
    raise OSError("No space left on device")


def test_a_bulk_loaded_batch_equals_documents_written_one_transaction_each(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "corpus", FIRST + BATCH)
    with GraphStore(tmp_path / "bulk") as bulk, OneTransactionPerDocument(tmp_path / "one-by-one") as one_by_one:
        assert [r.status for r in load_paths(bulk, [folder])] == [LOADED] * 5
        assert [r.status for r in load_paths(one_by_one, [folder])] == [LOADED] * 5
        assert len(bulk) == len(one_by_one) > 10_000
        assert _everything(bulk) == _everything(one_by_one)


def test_a_bulk_load_that_fails_half_way_is_undone_and_each_document_written_alone(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "corpus", BATCH)
    with GraphStore(tmp_path / "expected") as expected:
        load_paths(expected, [folder])
        with GraphStore(tmp_path / "failing") as failing:
            failing._store = HalfBulkLoad(failing._store, _raise)
            reports = load_paths(failing, [folder])
            failing._store = failing._store._store
            assert [r.status for r in reports] == [LOADED] * 4
            assert _everything(failing) == _everything(expected)


CRASHING_LOAD = """
import os, sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from test_load_journal import HalfBulkLoad
from safeguarding_kg.loading import load_paths
from safeguarding_kg.store import GraphStore

store = GraphStore(Path({store!r}))
store._store = HalfBulkLoad(store._store, lambda: os._exit(9))  # killed mid-write: no cleanup, no close
load_paths(store, [Path({folder!r})])
"""


def test_a_process_killed_during_a_bulk_load_leaves_nothing_of_the_batch(tmp_path: Path) -> None:
    first, batch = _folder(tmp_path, "first", FIRST), _folder(tmp_path, "batch", BATCH)
    with GraphStore(tmp_path / "before") as before:
        load_paths(before, [first])
    with GraphStore(tmp_path / "killed") as killed:
        load_paths(killed, [first])
    script = CRASHING_LOAD.format(tests=str(Path(__file__).parent), store=str(tmp_path / "killed"), folder=str(batch))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 9, result.stderr

    with GraphStore(tmp_path / "before") as before, GraphStore(tmp_path / "killed") as reopened:
        assert [d.source_file for d in reopened.documents()] == [FIRST[0].name]
        assert _everything(reopened) == _everything(before)
        assert len(reopened) == len(before)
        assert [r.status for r in load_paths(reopened, [batch])] == [LOADED] * 4  # and the batch loads again
