"""Fault injection, inputs: nearly 60 damaged and odd files (fixed seed) loaded in one batch beside intact seeds.

The installed ``sgkg`` must finish in bounded time, print no traceback and no "internal error",
report every bad file by name with a reason, load every intact and every readable file, exit 1,
leave a store that conforms to the shapes, and change nothing when run again.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from fault_inputs import TEXTS, Case, make_batch

from safeguarding_kg.loading import FAILED, LOADED, UNCHANGED, load_paths
from safeguarding_kg.store import GraphStore
from safeguarding_kg.validation import validate_store

SGKG = Path(os.environ.get("VIRTUAL_ENV", Path(__file__).resolve().parents[1] / ".venv")) / "bin" / "sgkg"
#: Generous for 2 shared cores; a hang (a pipe read, a runaway regex) would take for ever.
LOAD_SECONDS = 240


def sgkg(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    command = [str(SGKG) if SGKG.exists() else "sgkg", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=LOAD_SECONDS,
                          errors="replace")


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Case]]:
    folder = tmp_path_factory.mktemp("faults") / "reports"
    return folder, make_batch(folder)


def test_sgkg_load_dot_beside_its_store_loads_every_readable_file_and_reports_every_other(
        batch: tuple[Path, list[Case]]) -> None:
    folder, cases = batch
    first = sgkg("load", ".", "missing.txt", "--jobs", "2", cwd=folder)
    output = first.stdout + first.stderr
    assert first.returncode == 1, output
    assert "Traceback" not in output and "internal error" not in output.lower(), output
    # `sgkg load .` wrote ./sgkg-store inside the folder it reads: a second run must not read it.
    again = sgkg("load", ".", "--quiet", cwd=folder)
    assert "Traceback" not in again.stdout + again.stderr
    assert "sgkg-store" not in again.stdout
    # the totals line (the reading report of the documents, when any is flagged, follows it)
    totals = next(line for line in again.stdout.splitlines() if " files: " in line)
    assert totals.startswith(f"{len(cases)} files:") and "loaded" not in totals and "replaced" not in totals, totals
    with GraphStore(folder / "sgkg-store") as store:
        stored = {d.source_file for d in store.documents()}
        for case in cases:
            if case.expect == "load":
                assert case.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace") in stored, case
            if case.expect == "fail":
                assert case.name not in stored, case
        report = validate_store(store)
        assert report.conforms, report.render(10)


def test_every_damaged_file_fails_with_a_reason_a_user_can_act_on_and_the_rest_load(
        batch: tuple[Path, list[Case]], tmp_path: Path) -> None:
    folder, cases = batch
    with GraphStore(tmp_path / "store") as store:
        reports = {r.path.name: r for r in load_paths(store, [folder], jobs=2)}
        assert set(reports) == {c.name for c in cases}, "every file is reported, once, and the store folder never"
        for case in cases:
            report = reports[case.name]
            assert "internal error" not in (report.reason or ""), (case, report.reason)
            if case.expect == "load":
                assert report.status == LOADED, (case, report.reason)
            elif case.expect == "fail":
                assert report.status == FAILED and report.reason, case
                assert case.reason is None or case.reason.lower() in report.reason.lower(), (case, report.reason)
            else:
                assert report.status == LOADED or report.reason, case
        assert {r.status for r in load_paths(store, [folder], jobs=1) if not r.failed} == {UNCHANGED}


def test_the_batch_really_is_damaged(batch: tuple[Path, list[Case]]) -> None:
    """Guard against a generator that silently stops damaging: the mutants differ from their seeds."""
    folder, cases = batch
    for seed in TEXTS:
        stem = seed.removesuffix(".txt")
        original = (folder / seed).read_bytes()
        for kind in ("truncated", "flipped", "shuffled-blocks", "nuls"):
            assert (folder / f"{stem}.{kind}.txt").read_bytes() != original
    assert len(cases) >= 55
    assert (folder / "random-50mb.txt").stat().st_size == 50 * 2**20
