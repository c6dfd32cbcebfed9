"""The benchmark's quick mode runs end to end on a handful of generated documents and writes a
well-formed result. No timing is asserted: tests must not depend on the machine's speed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_quick_benchmark_writes_a_well_formed_result(tmp_path):
    output = tmp_path / "quick.json"
    run = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--quick", "--runs", "1", "--jobs", "2",
                          "--data", str(tmp_path / "data"), "--output", str(output), "--rdflib-timeout", "30"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(output.read_text())
    (load,) = result["loads"]
    assert load["documents"] == 8 and load["failed"] == [] and load["warnings"] == 0
    assert load["quads_in_documents"] > 1000
    for figure in ("wall", "documents_per_s", "mb_per_s", "triples_per_s", "peak_rss_mb"):
        assert set(load[figure]) >= {"median", "min", "max", "runs"}
        assert load[figure]["min"] <= load[figure]["median"] <= load[figure]["max"]
    assert {"source", "parse", "write", "link"} <= set(load["stages"])
    cases = result["queries"]["cases"]
    assert "judgement-timeline (one authority)" in cases and "latest-grades (national)" in cases
    for case in cases.values():
        assert case["disk"]["median"] > 0 and "rdflib" in case and case["speedup_disk_vs_rdflib"] > 0
    assert cases["judgement-timeline (one authority)"]["rows_disk"] > 0
    assert "sgkg --help" in result["processes"]
    assert "national corpus, text" in run.stdout  # the printed table


def test_dossier_bench_prints_every_figure(tmp_path):
    """bench/dossier.py on a store of two generated authorities, one run each: every line it promises."""
    from browser_helpers import CHROMIUM

    if not CHROMIUM.exists():
        import pytest

        pytest.skip("no /usr/bin/chromium: the bench opens the pages in it")
    run = subprocess.run([sys.executable, str(REPO / "bench" / "dossier.py"), "--generate", "2", "--runs", "1",
                          "--store", str(tmp_path / "store")], capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "failed: none" in run.stdout
    assert run.stdout.count("dossier E") == 2 and run.stdout.count("interactive E") == 2
    assert "national report  command" in run.stdout
