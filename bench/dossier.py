"""How fast the reports are: the dossier of one authority and the national report, from a national store.

    .venv/bin/python bench/dossier.py --store STORE [--authorities NAME ...] [--runs 3]
    .venv/bin/python bench/dossier.py --generate 150 --store /tmp/national   # build the store first (minutes)

Times, per authority (default: three of the store's authorities, spread over the register):

* built: ``sgkg report authority NAME`` as a command (a fresh process: imports, queries, charts, page),
  and the same in this process after a warm-up (queries, details, charts and page only);
* interactive: the page opened in headless Chromium (Debian's, network blocked), from navigation start
  to the load event (the page has no script: once loaded, it is all there and every link works).

And ``sgkg report national`` as a command. Targets (issue 16): a dossier built in < 2 s and interactive
in < 1 s; the national report in < 10 s. Prints numbers; not a test.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SGKG = Path(sys.executable).with_name("sgkg")
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build_store(store: Path, authorities: int) -> None:
    sys.path.insert(0, str(HERE))
    from generate_corpus import generate

    from safeguarding_kg.loading import load_paths
    from safeguarding_kg.store import GraphStore

    with tempfile.TemporaryDirectory() as folder:
        files = generate(Path(folder), authorities=authorities)
        with GraphStore(store) as opened:
            failed = [r.path.name for r in load_paths(opened, files) if r.failed]
    print(f"generated and loaded {len(files)} documents of {authorities} authorities; failed: {failed or 'none'}")


def some_authorities(store: Path, count: int) -> list[str]:
    from safeguarding_kg.store import GraphStore

    with GraphStore(store) as opened:
        rows = opened.select("SELECT DISTINCT ?code WHERE { ?i sg:inspectedAuthority ?a . ?a sg:gssCode ?code } "
                             "ORDER BY ?code")
    codes = [r["code"].value for r in rows]
    step = max(1, len(codes) // count)
    return codes[::step][:count]


def command_seconds(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([str(SGKG), *args], check=True, capture_output=True)
    return time.perf_counter() - start


def in_process_seconds(store: Path, authority: str, runs: int) -> list[float]:
    from safeguarding_kg.report.authority import authority_report
    from safeguarding_kg.report.page import render_authority
    from safeguarding_kg.store import GraphStore

    times = []
    with GraphStore(store) as opened:
        render_authority(authority_report(opened, authority))  # warm-up: imports, the chart engine
        for _ in range(runs):
            start = time.perf_counter()
            render_authority(authority_report(opened, authority))
            times.append(time.perf_counter() - start)
    return times


def interactive_seconds(pages: list[Path], runs: int) -> dict[Path, list[float]]:
    from playwright.sync_api import sync_playwright

    out: dict[Path, list[float]] = {}
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=FLAGS,
                                                                headless=True, viewport={"width": 1400, "height": 900})
        for html in pages:
            out[html] = []
            for _ in range(runs):
                page = context.new_page()
                page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                           else route.abort())
                page.goto(html.resolve().as_uri(), wait_until="load")
                timing = page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])")
                import json

                out[html].append(json.loads(timing)["loadEventEnd"] / 1000)
                page.close()
        context.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--generate", type=int, metavar="N", help="first build STORE from N generated authorities")
    parser.add_argument("--authorities", nargs="*", help="names or GSS codes (default: three in the store)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.generate:
        build_store(args.store, args.generate)
    authorities = args.authorities or some_authorities(args.store, 3)
    out = Path(tempfile.mkdtemp(prefix="sgkg-dossier-bench-"))
    print(f"store {args.store}; {args.runs} runs each; median (min-max) seconds\n")
    pages = []
    for authority in authorities:
        page = out / f"{authority}.html"
        command = [command_seconds(["report", "authority", authority, "--store", str(args.store), "-o", str(page)])
                   for _ in range(args.runs)]
        inside = in_process_seconds(args.store, authority, args.runs)
        pages.append(page)
        print(f"dossier {authority:<12} command {_stats(command)}   in process {_stats(inside)}   "
              f"page {page.stat().st_size / 1024:,.0f} KiB")
    for page, times in interactive_seconds(pages, args.runs).items():
        print(f"interactive {page.stem:<8} load event {_stats(times)}")
    national = out / "national.html"
    times = [command_seconds(["report", "national", "--store", str(args.store), "-o", str(national)])
             for _ in range(args.runs)]
    print(f"national report  command {_stats(times)}   page {national.stat().st_size / 1024:,.0f} KiB")
    print(f"\npages in {out}")


def _stats(times: list[float]) -> str:
    return f"{statistics.median(times):5.2f} ({min(times):.2f}-{max(times):.2f})"


if __name__ == "__main__":
    main()
