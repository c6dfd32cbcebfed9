"""The performance benchmark: loading, queries, command-line start-up and views at national scale.

Run:  .venv/bin/python bench/run.py [--quick] [--runs 3] [--authorities 150] [--jobs N] [--no-rdflib]
      .venv/bin/python bench/run.py --only queries --store PATH [--query NAME ...] [--no-rdflib]

See bench/README.md. Every figure is the median over --runs repeated runs with its spread
(min–max); the table goes to stdout and everything to bench/results/run-<time>.json (and
bench/results/latest.json). --quick is a smoke run on a handful of generated documents.

Each load runs in a fresh child process (`run.py --load-child …`) so that its peak memory
(getrusage maxrss of the loading process, and of its worker processes) is the load's own.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results"
DATA = RESULTS / "data"  # generated corpora and copied PDFs (git-ignored with results/)
PYTHON = sys.executable
SGKG = str(Path(PYTHON).with_name("sgkg"))

sys.path.insert(0, str(HERE))


# --------------------------------------------------------------------------- statistics


def spread(values: list[float]) -> dict:
    """Median and min–max of repeated measurements (seconds unless said otherwise)."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": len(values),
            "values": values}


def timed(fn: Callable[[], object], runs: int, warmup: int = 1) -> tuple[dict, object]:
    result = None
    for _ in range(warmup):
        result = fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return spread(times), result


def fmt_seconds(s: float) -> str:
    if s < 1:
        return f"{s * 1000:.1f} ms"
    return f"{s:.2f} s"


def fmt_spread(d: dict, unit: Callable[[float], str] = fmt_seconds) -> str:
    if d["runs"] == 1:
        return unit(d["median"])
    return f"{unit(d['median'])} ({unit(d['min'])}–{unit(d['max'])})"


# --------------------------------------------------------------------------- corpora


def national_corpus(authorities: int, seed: int, per_authority: int | None = None) -> Path:
    """The generated corpus, generated once per (authorities, seed, per_authority) and reused."""
    from generate_corpus import generate

    folder = DATA / f"national-{authorities}x{per_authority or 'all'}-seed{seed}"
    marker = folder / ".complete"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        generate(folder, authorities, seed, per_authority)
        marker.write_text("generated\n")
    return folder


def pdf_corpus() -> Path:
    """The sample corpus PDFs and the test fixture PDFs, copied into the bench data."""
    folder = DATA / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    sources = [*sorted((REPO / "sample-corpus").glob("*.pdf")), *sorted((REPO / "tests/fixtures/pdf").glob("*.pdf"))]
    for source in sources:
        target = folder / source.name
        if not target.exists():
            shutil.copy(source, target)
    return folder


def text_seeds() -> Path:
    folder = DATA / "seeds"
    folder.mkdir(parents=True, exist_ok=True)
    for source in sorted((REPO / "sample-corpus").glob("*.txt")):
        shutil.copy(source, folder / source.name)
    return folder


# --------------------------------------------------------------------------- loading (child process)


def load_child(args: list[str]) -> None:
    """In a fresh process: load a folder into a new store and print what it cost, as JSON."""
    corpus, store_path, jobs = Path(args[0]), Path(args[1]), int(args[2])
    from safeguarding_kg.loading import find_files, load_paths
    from safeguarding_kg.store import GraphStore

    files = find_files([corpus])
    size = sum(f.stat().st_size for f in files)
    stages: dict[str, float] = {}
    start = time.perf_counter()
    store = GraphStore(store_path)
    opened = time.perf_counter()
    reports = load_paths(store, [corpus], jobs=jobs, stages=stages)
    wall = time.perf_counter() - start
    stages["open store"] = opened - start
    document_quads = sum(1 for _ in store.quads())
    total = len(store)
    store.close()
    print(json.dumps({
        "wall": wall, "documents": len(files), "bytes": size, "stages": stages,
        "failed": [f"{r.path.name}: {r.reason}" for r in reports if r.failed],
        "warnings": sum(len(r.warnings) for r in reports),
        "quads_in_documents": document_quads, "quads_total": total, "merged_triples": total - document_quads,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children_maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


def measure_load(name: str, corpus: Path, jobs: int, runs: int, keep: Path | None = None) -> dict:
    """Load ``corpus`` ``runs`` times into fresh stores (each in a child process)."""
    measurements = []
    for run in range(runs):
        with tempfile.TemporaryDirectory(prefix="sgkg-bench-") as tmp:
            store = keep if (keep is not None and run == runs - 1) else Path(tmp) / "store"
            if store.exists():
                shutil.rmtree(store)
            out = subprocess.run([PYTHON, __file__, "--load-child", str(corpus), str(store), str(jobs)],
                                 capture_output=True, text=True, check=True)
            measurements.append(json.loads(out.stdout.strip().splitlines()[-1]))
    first = measurements[0]
    walls = [m["wall"] for m in measurements]
    result = {
        "name": name, "jobs": jobs, "documents": first["documents"], "megabytes": first["bytes"] / 1e6,
        "quads_in_documents": first["quads_in_documents"], "merged_triples": first["merged_triples"],
        "failed": first["failed"], "warnings": first["warnings"],
        "wall": spread(walls),
        "documents_per_s": spread([first["documents"] / w for w in walls]),
        "mb_per_s": spread([first["bytes"] / 1e6 / w for w in walls]),
        "triples_per_s": spread([first["quads_in_documents"] / w for w in walls]),
        "peak_rss_mb": spread([m["maxrss_mb"] for m in measurements]),
        "worker_peak_rss_mb": spread([m["children_maxrss_mb"] for m in measurements]),
        "stages": {stage: spread([m["stages"].get(stage, 0.0) for m in measurements])
                   for stage in sorted({s for m in measurements for s in m["stages"]})},
    }
    return result


# --------------------------------------------------------------------------- store write paths


def measure_write_paths(corpus: Path, documents: int, runs: int) -> dict:
    """One document graph written three ways into a fresh store: Store.extend (one transaction, what
    put_document does for a new document), Store.bulk_extend (not transactional) and one SPARQL INSERT DATA."""
    from pyoxigraph import DefaultGraph, Quad, Store

    from safeguarding_kg.loading import extract, find_files

    extractions = [extract(p, p.read_bytes()).quads for p in find_files([corpus])[:documents]]
    total = sum(len(q) for q in extractions)

    def with_merged(quads):
        return [*quads, *(Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in quads)]

    def insert_data(store: Store, quads) -> None:
        data = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        store.update(f"INSERT DATA {{ GRAPH {quads[0].graph_name} {{\n{data}\n}}\n{data}\n}}")

    methods = {
        "Store.extend (per document)": lambda store, quads: store.extend(with_merged(quads)),
        "Store.bulk_extend (per document)": lambda store, quads: store.bulk_extend(with_merged(quads)),
        "SPARQL INSERT DATA (per document)": insert_data,
    }
    results = {}
    for name, write in methods.items():
        times = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="sgkg-write-") as tmp:
                store = Store(tmp)
                start = time.perf_counter()
                for quads in extractions:
                    write(store, quads)
                store.flush()
                times.append(time.perf_counter() - start)
                del store
        results[name] = {"seconds": spread(times), "quads_per_s": spread([2 * total / t for t in times])}
    return {"documents": len(extractions), "quads": 2 * total, "methods": results}


# --------------------------------------------------------------------------- queries


def query_cases(store) -> list[tuple[str, str, dict[str, str]]]:
    """(label, query name, parameters) for every named query: one-authority and national variants."""
    from safeguarding_kg.named_queries import library

    rows = store.select("""SELECT ?authority (COUNT(?i) AS ?n) WHERE { ?i a sg:Inspection ; sg:inspectedAuthority
        ?authority . } GROUP BY ?authority ORDER BY DESC(?n) ?authority LIMIT 1""")
    a = rows[0]["authority"]  # IRIs read from the store, written into the queries as terms
    authority = store.select(f"SELECT ?name WHERE {{ {a} skos:prefLabel ?name }}")[0]["name"].value
    inspection = store.select(f"""SELECT ?i WHERE {{ ?i sg:inspectedAuthority {a} ; sg:framework sg:ILACS ;
        sg:startDate ?d . ?r sg:ofInspection ?i ; a sg:Recommendation . ?act sg:addresses ?r }}
        ORDER BY ?d LIMIT 1""")
    inspection = inspection[0]["i"] if inspection else store.select(
        f"SELECT ?i WHERE {{ ?i sg:inspectedAuthority {a} }} ORDER BY ?i LIMIT 1")[0]["i"]
    sif = store.select(f"SELECT ?i WHERE {{ ?i sg:inspectedAuthority {a} ; sg:framework sg:SIF }} LIMIT 1")
    finding = store.select(f"""SELECT ?f WHERE {{ ?f sg:ofInspection ?i ; a sg:Finding . ?i sg:inspectedAuthority {a} }}
                               ORDER BY ?f LIMIT 1""")[0]["f"]
    recommendation = store.select(f"SELECT ?r WHERE {{ ?r sg:ofInspection {inspection} ; sg:number 1 }}")
    inspector = store.select(f"SELECT ?n WHERE {{ {inspection} sg:leadInspector/foaf:name ?n }} LIMIT 1")
    specific = {
        "authority": authority,
        "inspection": inspection.value,
        "recommendation": recommendation[0]["r"].value if recommendation else inspection.value,
        "node": finding.value,
        "inspector": inspector[0]["n"].value if inspector else "Smale",
        "phrase": "return home interview",
    }
    cases = []
    for name, query in library().items():
        params = {}
        for p in query.parameters:
            if p.name == "authority":
                continue
            if p.required:
                params[p.name] = specific.get(p.name) or p.example or ""
        if name == "committee-on-inspection" and sif:
            params["inspection"] = sif[0]["i"].value
        has_authority = any(p.name == "authority" for p in query.parameters)
        required_authority = any(p.name == "authority" and p.required for p in query.parameters)
        if has_authority:
            cases.append((f"{name} (one authority)", name, {**params, "authority": authority}))
        if not required_authority:
            scope = "national" if has_authority or name in ("latest-grades", "text-search",
                                                            "inspections-by-inspector") else "one item"
            cases.append((f"{name} ({scope})", name, params))
    return cases


def bound_text(name: str, params: dict[str, str]) -> str:
    from safeguarding_kg.named_queries import get

    return get(name).bound_text(params)


def prefixed(text: str) -> str:
    from safeguarding_kg.namespaces import PREFIXES

    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items()) + text


def measure_queries(store_path: Path, runs: int, rdflib_timeout: float, use_rdflib: bool,
                    names: list[str] | None = None) -> dict:
    """Every query case (or only those of the named queries ``names``) on disk, in memory and on rdflib."""
    from pyoxigraph import DefaultGraph, RdfFormat, Store

    from safeguarding_kg.store import GraphStore

    results: dict[str, dict] = {}
    store = GraphStore(store_path)
    cases = query_cases(store)
    if names:
        unknown = set(names) - {name for _, name, _ in cases}
        if unknown:
            store.close()
            raise SystemExit(f"no named query {', '.join(sorted(unknown))} (see `sgkg queries`)")
        cases = [case for case in cases if case[1] in names]
    texts = {label: bound_text(name, params) for label, name, params in cases}
    for label, name, params in cases:
        stats, rows = timed(lambda t=texts[label]: store.select(t), runs)
        results[label] = {"query": name, "params": params, "disk": stats, "rows_disk": len(rows)}
    # The same triples in memory: Oxigraph's in-memory store, and rdflib's in-memory Dataset.
    merged = store._store.dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph())
    triples = merged.count(b"\n")
    store.close()
    memory = Store()
    start = time.perf_counter()
    memory.load(merged, format=RdfFormat.N_TRIPLES)
    memory_load = time.perf_counter() - start
    from safeguarding_kg.namespaces import PREFIXES

    for label in results:
        stats, rows = timed(lambda t=texts[label], m=memory: list(m.query(t, prefixes=PREFIXES)), runs)
        results[label].update(memory=stats, rows_memory=len(rows))
    del memory
    rdflib = {"skipped": True}
    if use_rdflib:
        with tempfile.NamedTemporaryFile(suffix=".nt", delete=False) as f:
            f.write(merged)
        del merged
        payload = json.dumps({"data": f.name, "runs": runs, "timeout": rdflib_timeout,
                              "queries": {label: prefixed(texts[label]) for label in results}})
        out = subprocess.run([PYTHON, __file__, "--rdflib-child"], input=payload, capture_output=True, text=True,
                             check=True)
        os.unlink(f.name)
        rdflib = json.loads(out.stdout.strip().splitlines()[-1])
        for label, measured in rdflib["queries"].items():
            results[label].update(rdflib=measured["time"], rows_rdflib=measured.get("rows"),
                                  rdflib_timed_out=measured.get("timed_out", False))
            rd = measured["time"]["median"]
            results[label]["speedup_disk_vs_rdflib"] = rd / results[label]["disk"]["median"]
    return {"triples_in_merged_graph": triples, "oxigraph_memory_load_s": memory_load,
            "rdflib_load_s": rdflib.get("load_s"), "rdflib_rss_mb": rdflib.get("maxrss_mb"), "cases": results}


class _Timeout(Exception):
    pass


def rdflib_child() -> None:
    """In a child process: load the merged graph into rdflib's in-memory Dataset and time each query."""
    from rdflib import Dataset

    job = json.loads(sys.stdin.read())
    start = time.perf_counter()
    dataset = Dataset()
    dataset.default_graph.parse(job["data"], format="nt")  # the merged graph is the default graph
    load_s = time.perf_counter() - start

    def on_alarm(*_):
        raise _Timeout

    signal.signal(signal.SIGALRM, on_alarm)
    out = {}
    for label, text in job["queries"].items():
        times, rows, timed_out = [], None, False
        for _ in range(job["runs"]):
            signal.setitimer(signal.ITIMER_REAL, job["timeout"])
            begin = time.perf_counter()
            try:
                rows = len(list(dataset.query(text)))
                times.append(time.perf_counter() - begin)
            except _Timeout:
                times.append(job["timeout"])
                timed_out = True
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            if timed_out or sum(times) > job["timeout"]:
                break  # one slow run is enough to say how slow
        out[label] = {"time": spread(times), "rows": rows, "timed_out": timed_out}
    print(json.dumps({"load_s": load_s, "queries": out,
                      "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


# --------------------------------------------------------------------------- whole processes


def measure_processes(store_path: Path, authority: str, runs: int) -> dict:
    def run(args: list[str]) -> Callable[[], None]:
        return lambda: subprocess.run(args, capture_output=True, check=True)

    out = {}
    out["sgkg --help"] = timed(run([SGKG, "--help"]), runs)[0]
    out[f"sgkg query judgement-timeline --param authority={authority}"] = timed(
        run([SGKG, "query", "judgement-timeline", "--param", f"authority={authority}", "--store", str(store_path)]),
        runs)[0]
    viz = subprocess.run([SGKG, "viz", "--help"], capture_output=True)
    if viz.returncode == 0:
        with tempfile.TemporaryDirectory() as tmp:
            for view in (["authority", authority], ["recurrence", "--authority", authority]):
                args = [SGKG, "viz", *view, "--store", str(store_path), "-o", f"{tmp}/view.html"]
                if subprocess.run(args, capture_output=True).returncode == 0:
                    out["sgkg viz " + " ".join(view)] = timed(run(args), runs)[0]
    return out


# --------------------------------------------------------------------------- report


TARGETS = {
    "national load (text)": "< 120 s",
    "PDF load": ">= 5 PDFs/s",
    "one-authority/one-item query": "< 50 ms median, >= 10x rdflib",
    "national aggregate": "< 1 s median, >= 10x rdflib",
    "sgkg --help": "< 0.3 s",
    "peak memory": "< 2 GB",
}


def print_report(result: dict) -> None:
    machine = result["machine"]
    print(f"\nsafeguarding-kg benchmark — {machine['cpus']} CPUs, Python {machine['python']}, runs={result['runs']}, "
          f"load average {machine['load_average_at_start'][0]:.1f} at start, "
          f"{machine.get('load_average_at_end', [0])[0]:.1f} at end\n")
    if result["loads"]:
        print(f"{'load':42} {'docs':>6} {'MB':>6} {'quads':>9} {'wall':>24} {'docs/s':>7} {'MB/s':>6} "
              f"{'triples/s':>9} {'peak RSS':>9} {'workers':>8}")
    for load in result["loads"]:
        print(f"{load['name'] + ' (jobs=' + str(load['jobs']) + ')':42} {load['documents']:>6} "
              f"{load['megabytes']:>6.1f} {load['quads_in_documents']:>9} {fmt_spread(load['wall']):>24} "
              f"{load['documents_per_s']['median']:>7.1f} {load['mb_per_s']['median']:>6.2f} "
              f"{load['triples_per_s']['median']:>9.0f} {load['peak_rss_mb']['median']:>7.0f}MB "
              f"{load['worker_peak_rss_mb']['median']:>6.0f}MB")
        stages = ", ".join(f"{k} {v['median']:.1f}s" for k, v in load["stages"].items())
        print(f"{'':42} stages: {stages}")
        if load["failed"] or load["warnings"]:
            print(f"{'':42} FAILED {len(load['failed'])}, warnings {load['warnings']}: {load['failed'][:3]}")
    if result.get("writes"):
        w = result["writes"]
        print(f"\nstore writes ({w['documents']} documents, {w['quads']} quads incl. merged graph)")
        for name, m in w["methods"].items():
            print(f"  {name:40} {fmt_spread(m['seconds']):>28}  {m['quads_per_s']['median']:>9.0f} quads/s")
    q = result.get("queries")
    if q:
        rdflib = (f"rdflib load {q['rdflib_load_s']:.0f} s, {q['rdflib_rss_mb']:.0f} MB" if q["rdflib_load_s"]
                  else "no rdflib")
        print(f"\nqueries on {q['triples_in_merged_graph']} merged triples ({rdflib})")
        print(f"{'query':52} {'rows':>6} {'oxigraph disk':>26} {'oxigraph memory':>12} {'rdflib memory':>14} "
              f"{'rdflib/disk':>11}")
        for label, c in q["cases"].items():
            rdflib = c.get("rdflib")
            rd = ("> " if c.get("rdflib_timed_out") else "") + fmt_seconds(rdflib["median"]) if rdflib else "—"
            ratio = f"{c['speedup_disk_vs_rdflib']:.1f}x" if rdflib else "—"
            print(f"{label:52} {c['rows_disk']:>6} {fmt_spread(c['disk']):>26} "
                  f"{fmt_seconds(c['memory']['median']):>12} {rd:>14} {ratio:>11}")
    if result.get("processes"):
        print("\nwhole processes")
        for name, stats in result["processes"].items():
            print(f"  {name:70} {fmt_spread(stats)}")


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--load-child"]:
        load_child(argv[1:])
        return 0
    if argv[:1] == ["--rdflib-child"]:
        rdflib_child()
        return 0
    parser = argparse.ArgumentParser(description="safeguarding-kg performance benchmark (see bench/README.md)")
    parser.add_argument("--quick", action="store_true", help="a smoke run on a handful of generated documents")
    parser.add_argument("--runs", type=int, default=None, help="repetitions of each measurement (default 3, quick 2)")
    parser.add_argument("--load-runs", type=int, default=None,
                        help="repetitions of the national load (default: --runs; each is minutes long)")
    parser.add_argument("--authorities", type=int, default=None, help="authorities in the national corpus (150)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel loading processes")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib comparison")
    parser.add_argument("--rdflib-timeout", type=float, default=120.0, help="seconds before an rdflib query is cut")
    parser.add_argument("--serial-authorities", type=int, default=20,
                        help="authorities in the serial (jobs=1) national load, to measure the parallel speed-up")
    parser.add_argument("--output", type=Path, default=None, help="JSON file (default bench/results/run-<time>.json)")
    parser.add_argument("--data", type=Path, default=None,
                        help="folder for generated corpora and stores (default bench/results/data)")
    parser.add_argument("--only", choices=["queries"], default=None,
                        help="run one section only: 'queries' runs the query section on --store, loading nothing")
    parser.add_argument("--store", type=Path, default=None,
                        help="with --only queries: an existing on-disk store (not in use by another process)")
    parser.add_argument("--query", action="append", default=None, metavar="NAME",
                        help="with --only queries: only this named query (repeat for more)")
    args = parser.parse_args(argv)
    if args.only and args.store is None:
        parser.error("--only queries needs --store PATH")
    if (args.store or args.query) and not args.only:
        parser.error("--store and --query go with --only queries")
    if args.store is not None and not args.store.is_dir():
        parser.error(f"--store {args.store}: no such store")
    global DATA
    DATA = args.data or DATA
    runs = args.runs or (2 if args.quick else 3)
    authorities = args.authorities or (2 if args.quick else 150)
    per_authority = 4 if args.quick else None
    RESULTS.mkdir(parents=True, exist_ok=True)
    result: dict = {
        "when": dt.datetime.now().isoformat(timespec="seconds"), "quick": args.quick, "runs": runs,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_average_at_start": os.getloadavg()},
        "loads": [],
    }
    suffix = "-queries" if args.only == "queries" else "-quick" if args.quick else ""
    output = args.output or RESULTS / f"run-{dt.datetime.now():%Y%m%d-%H%M%S}{suffix}.json"
    output.parent.mkdir(parents=True, exist_ok=True)

    def save() -> None:  # after every section, so a failure later keeps what was measured
        output.write_text(json.dumps(result, indent=1))

    if args.only == "queries":  # the query section alone, on a store loaded earlier
        result["store"] = str(args.store)
        result["queries"] = measure_queries(args.store, runs, args.rdflib_timeout, not args.no_rdflib, args.query)
        result["targets"] = TARGETS
        result["machine"]["load_average_at_end"] = os.getloadavg()
        save()
        print_report(result)
        print(f"\nwrote {output}")
        return 0
    national = national_corpus(authorities, args.seed, per_authority)
    keep = DATA / f"store-{national.name}"
    load_runs = args.load_runs or runs
    result["loads"].append(measure_load("national corpus, text", national, args.jobs, load_runs, keep=keep))
    save()
    if not args.quick:
        serial = national_corpus(args.serial_authorities, args.seed)
        result["loads"].append(measure_load(f"{args.serial_authorities} authorities, text", serial, 1, 1))
        result["loads"].append(measure_load(f"{args.serial_authorities} authorities, text", serial, args.jobs, 1))
        result["loads"].append(measure_load("sample corpus seeds, text", text_seeds(), 1, runs))
        pdfs = pdf_corpus()
        result["loads"].append(measure_load("PDFs (sample corpus + fixtures)", pdfs, 1, runs))
        result["loads"].append(measure_load("PDFs (sample corpus + fixtures)", pdfs, args.jobs, runs))
        save()
        result["writes"] = measure_write_paths(national, 100, runs)
        save()
    result["queries"] = measure_queries(keep, runs, args.rdflib_timeout, not args.no_rdflib)
    from safeguarding_kg.store import GraphStore

    with GraphStore(keep) as store:
        authority = query_cases(store)[0][2].get("authority", "Solihull")
    result["processes"] = measure_processes(keep, authority, runs)
    result["targets"] = TARGETS
    result["machine"]["load_average_at_end"] = os.getloadavg()
    save()
    if args.output is None:  # a run written elsewhere (the smoke test's) is not the latest of this checkout
        with contextlib.suppress(OSError):
            shutil.copy(output, RESULTS / "latest.json")
    print_report(result)
    print(f"\nwrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
