"""How fast real PDFs load, and what the shapes gate costs (see docs/reliability.md).

Loads the 37 real PDFs (sample corpus and test fixtures, the set ``run.py`` uses) into a fresh
store ``--runs`` times for each ``--jobs`` value, each load in a fresh process, and prints the
median PDFs/s with min-max, the CPU time per PDF (the loading process and its workers: on a
shared machine this moves far less than wall time) and the seconds the gate took (summed over
workers). Also times the gate alone on every PDF's graph, and pySHACL on a few for comparison.

    .venv/bin/python bench/gate.py [--runs 3] [--jobs 1 2] [--pyshacl 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import pdf_corpus  # the same 37 PDFs as the main benchmark


def load_once(corpus: Path, jobs: int) -> dict:
    """One load in a fresh process: wall seconds, documents, and the seconds per stage."""
    code = """
import json, resource, sys, time
from pathlib import Path
from safeguarding_kg.loading import load_paths
from safeguarding_kg.store import GraphStore
stages = {}
start = time.perf_counter()
with GraphStore(Path(sys.argv[2])) as store:
    reports = load_paths(store, [Path(sys.argv[1])], jobs=int(sys.argv[3]), stages=stages)
cpu = sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                            resource.getrusage(resource.RUSAGE_CHILDREN)))
print(json.dumps({"wall": time.perf_counter() - start, "cpu": cpu, "documents": len(reports),
                  "failed": [r.reason for r in reports if r.failed], "stages": stages}))
"""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, "-c", code, str(corpus), str(Path(tmp) / "store"), str(jobs)],
                             check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def gate_alone(corpus: Path, pyshacl_count: int) -> dict:
    """The gate on every PDF's extracted graph (already read), and pySHACL on the first few."""
    from safeguarding_kg.loaders.toolkit.sources import read_bytes
    from safeguarding_kg.loading import extract
    from safeguarding_kg.shapes_gate import gate

    extractions = [extract(p, read_bytes(p)) for p in sorted(corpus.glob("*.pdf"))]
    start = time.perf_counter()
    gate()
    compile_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for extraction in extractions:
        gate().check(extraction.quads)
    per_document = (time.perf_counter() - start) / len(extractions)
    return {"compile_s": compile_seconds, "gate_ms_per_document": per_document * 1000,
            "pyshacl_ms_per_document": _pyshacl_ms(extractions[:pyshacl_count]) if pyshacl_count else None}


def _pyshacl_ms(extractions: list) -> float:
    import pyshacl
    import rdflib
    from pyoxigraph import RdfFormat, serialize

    from safeguarding_kg.ontology import SHAPES_FILE
    from safeguarding_kg.reference import reference_graphs

    reference = [q.triple for _, quads_of in reference_graphs().values() for q in quads_of()]
    shapes = rdflib.Graph().parse(SHAPES_FILE, format="turtle")
    start = time.perf_counter()
    for extraction in extractions:
        data = serialize([*reference, *(q.triple for q in extraction.quads)], format=RdfFormat.N_TRIPLES)
        pyshacl.validate(rdflib.Graph().parse(data=data, format="nt"), shacl_graph=shapes, inference="none")
    return (time.perf_counter() - start) / len(extractions) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--pyshacl", type=int, default=5, help="PDFs to time pySHACL on (0: none)")
    parser.add_argument("--loads-only", action="store_true",
                        help="only the loads (e.g. to measure a version of the package without the gate)")
    args = parser.parse_args()
    corpus = pdf_corpus()
    for jobs in args.jobs:
        loads = [load_once(corpus, jobs) for _ in range(args.runs)]
        rates = [load["documents"] / load["wall"] for load in loads]
        gate_s = [load["stages"].get("gate", 0.0) for load in loads]
        cpu = [load["cpu"] / load["documents"] * 1000 for load in loads]
        print(f"jobs {jobs}: {loads[0]['documents']} PDFs, {len(loads[0]['failed'])} failed; "
              f"{statistics.median(rates):.2f} PDFs/s (min {min(rates):.2f}, max {max(rates):.2f}); "
              f"CPU {statistics.median(cpu):.0f} ms per PDF (min {min(cpu):.0f}, max {max(cpu):.0f}); "
              f"gate {statistics.median(gate_s):.2f} s of {statistics.median(load['wall'] for load in loads):.1f} s")
    if not args.loads_only:
        print(json.dumps(gate_alone(corpus, args.pyshacl), indent=1))


if __name__ == "__main__":
    main()
