"""Fault injection, processes: ``kill -9`` of the installed ``sgkg`` at each load phase and at random moments,
and a second writer and a reader during a load.

After every kill: no process of the load is left (its workers and the resource tracker included);
opening the store and running the load again gives exactly the store a clean load gives,
recurrence links included; and the store conforms to the shapes.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, NamedNode

from safeguarding_kg.linking_recurrence import RECURRENCE_GRAPH_BASE
from safeguarding_kg.store import GraphStore
from safeguarding_kg.validation import validate_store

SAMPLE = Path(__file__).resolve().parents[1] / "sample-corpus"
HOOKS = Path(__file__).resolve().parent / "fault_hooks"
SGKG = Path(os.environ.get("VIRTUAL_ENV", Path(__file__).resolve().parents[1] / ".venv")) / "bin" / "sgkg"
#: Two authorities with several inspections each, so that recurrence graphs are built for both;
#: PDFs so that worker processes are reading when a load is killed.
CORPUS = ["solihull_inspection-and-lscb-review_2016.txt", "solihull_ilacs-action-plan_2020.txt",
          "solihull_inspection_2020-01-09.pdf", "solihull_inspection_2023-01-13.pdf",
          "wolverhampton_focused-visit_2024-11-01.pdf", "wolverhampton_inspection_2022-05-18.pdf",
          "wolverhampton_inspection_2026-06-18.pdf"]
SECONDS = 180  # for one load, on 2 busy cores


def _sgkg(args: list[str], fault: str | None = None, fault_dir: Path | None = None) -> subprocess.Popen:
    env = dict(os.environ)
    env.pop("SGKG_FAULT_ARMED", None)
    if fault:
        env.update(SGKG_FAULT=fault, SGKG_FAULT_DIR=str(fault_dir or ""),
                   PYTHONPATH=os.pathsep.join(filter(None, [str(HOOKS), env.get("PYTHONPATH")])))
    command = [str(SGKG) if SGKG.exists() else "sgkg", *args]
    # Its own session: every process it starts shares its process group, which is what we look for after.
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def _load(corpus: Path, store: Path, fault: str | None = None, fault_dir: Path | None = None) -> subprocess.Popen:
    return _sgkg(["load", str(corpus), "--store", str(store), "--jobs", "2", "--quiet"], fault, fault_dir)


def _group(pgid: int) -> list[int]:
    """Processes still alive in a process group (zombies do not count: they have ended)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                alive.append(int(entry.name))
    return alive


def _assert_none_outlive(pgid: int, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while _group(pgid) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _group(pgid)
    for pid in left:  # never leave them behind for the next test, then fail
        os.kill(pid, signal.SIGKILL)
    assert not left, f"processes outlived the killed load: {left}"


def _everything(path: Path) -> set:
    """Every quad of the store (the merge included), less the ontology's blank nodes (fresh in every store)."""
    with GraphStore(path) as store:
        return {q for q in store._store if not any(isinstance(t, BlankNode) for t in (q.subject, q.object))}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kills") / "corpus"
    folder.mkdir()
    for name in CORPUS:
        shutil.copy(SAMPLE / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path) -> set:
    """The store a clean, uninterrupted load gives."""
    path = corpus.parent / "reference"
    load = _load(corpus, path)
    assert load.wait(SECONDS) == 0, load.stderr.read()
    quads = _everything(path)
    recurrence = {q.graph_name for q in quads if isinstance(q.graph_name, NamedNode)
                  and q.graph_name.value.startswith(RECURRENCE_GRAPH_BASE)}
    assert len(recurrence) == 2, "both authorities have recurrence links, or the linking kill proves nothing"
    return quads


def _killed_then_reloaded(corpus: Path, store: Path, reference: set, killed: subprocess.Popen) -> None:
    killed.wait(SECONDS)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.read()
    _assert_none_outlive(killed.pid)
    again = _load(corpus, store)
    assert again.wait(SECONDS) == 0, again.stdout.read() + again.stderr.read()
    assert "Traceback" not in again.stderr.read()
    assert _everything(store) == reference
    with GraphStore(store) as opened:
        assert validate_store(opened).conforms


@pytest.mark.parametrize("fault", ["kill:extract:2", "kill:write:1", "kill:link:2"])
def test_a_load_killed_at_each_phase_leaves_nothing_running_and_reloads_to_the_reference(
        fault: str, corpus: Path, reference: set, tmp_path: Path) -> None:
    store = tmp_path / "store"
    killed = _load(corpus, store, fault)
    _killed_then_reloaded(corpus, store, reference, killed)


def test_a_kill_while_linking_is_finished_by_the_next_open_alone(corpus: Path, reference: set,
                                                                 tmp_path: Path) -> None:
    """Every document is written when the load dies linking: opening the store (no reload) links them."""
    store = tmp_path / "store"
    killed = _load(corpus, store, "kill:link:2")
    assert killed.wait(SECONDS) == -signal.SIGKILL
    _assert_none_outlive(killed.pid)
    assert _everything(store) == reference


def test_loads_killed_at_random_moments_leave_nothing_running_and_reload_to_the_reference(
        corpus: Path, reference: set, tmp_path: Path) -> None:
    rng = random.Random(19)
    store = tmp_path / "store"
    for _ in range(2):
        load = _load(corpus, store)
        time.sleep(rng.uniform(0.5, 6.0))
        load.send_signal(signal.SIGKILL)  # the loading process alone, as the OOM killer would
        load.wait(SECONDS)
        _assert_none_outlive(load.pid)
    again = _load(corpus, store)
    assert again.wait(SECONDS) == 0, again.stderr.read()
    assert _everything(store) == reference


def test_a_second_writer_and_a_reader_during_a_load_are_refused_cleanly(
        corpus: Path, reference: set, tmp_path: Path) -> None:
    store = tmp_path / "store"
    load = _load(corpus, store, "hold:link:1", tmp_path)
    deadline = time.monotonic() + SECONDS
    while not (tmp_path / "holding").exists():
        assert load.poll() is None and time.monotonic() < deadline, load.stderr.read()
        time.sleep(0.1)
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(SAMPLE / "solihull_unannounced-inspection-letter_2011.txt", other)
    for args in (["load", str(other), "--store", str(store)], ["docs", "--store", str(store)],
                 ["export", "--store", str(store), "--format", "nquads"]):
        refused = _sgkg(args)
        out, err = refused.communicate(timeout=60)
        assert refused.returncode == 1, (args, out, err)
        assert "in use by another sgkg process" in err and "Traceback" not in out + err, (args, err)
    (tmp_path / "release").write_text("go")
    assert load.wait(SECONDS) == 0, load.stderr.read()
    assert _everything(store) == reference
