"""How long a view takes to open: headless Chromium (Debian's), 2 cores, network blocked.

    .venv/bin/python bench/viz_open.py                  # 500 and 2,000 nodes, 3 runs each
    .venv/bin/python bench/viz_open.py --nodes 500 2000 10000 --runs 1
    .venv/bin/python bench/viz_open.py --nodes 500 --physics   # vis-network's default physics, for comparison

The graphs are synthetic authority views built like the real ones (inspections with judgements,
findings, recommendations, actions, owners and themes; a 300-character text per item) and go
through the same layout and page as ``sgkg viz``. Times are from navigation start:

* drawn: the first ``afterDrawing`` event (the graph is on screen);
* interactive: a search then returns its node (the main thread is free and the data is usable).

Targets: 500 nodes drawn and interactive within 3 s, 2,000 within 10 s. Prints numbers; not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx

from safeguarding_kg.viz import render
from safeguarding_kg.viz.views import View

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TEXT = ("Managers do not consistently ensure that plans for children are specific and measurable, "
        "and the quality of supervision is too variable, so drift and delay are not always identified. ") * 2


def synthetic_view(target: int) -> View:
    """An authority-like view of about ``target`` nodes: ~70 nodes per inspection."""
    graph = nx.MultiDiGraph()
    authority = "sgid:authority/X"
    _node(graph, authority, "Authority", "Borough", None)
    owners = [f"sgid:post/{i}" for i in range(12)]
    themes = [f"sg:Theme{i}" for i in range(20)]
    for i, owner in enumerate(owners):
        _node(graph, owner, "Owner (post)", f"Head of Service {i}", None)
    for i, theme in enumerate(themes):
        _node(graph, theme, "Theme", f"Theme {i}", None)
    inspection_number = 0
    while graph.number_of_nodes() < target:
        inspection_number += 1
        inspection = f"sgid:inspection/X/{inspection_number}"
        _node(graph, inspection, "Inspection", f"SIF {2000 + inspection_number}", inspection,
              start=f"{2000 + inspection_number}-01-01")
        graph.add_edge(authority, inspection, key="inspected", relation="inspected")
        for a in range(7):
            judgement = f"{inspection}/judgement/{a}"
            _node(graph, judgement, "Judgement", f"Area {a}: Good", inspection, grade="Good")
            graph.add_edge(inspection, judgement, key="judgement", relation="judgement")
        for f in range(30):
            finding = f"{inspection}/finding/{f}"
            _node(graph, finding, "Finding", f"¶{f}", inspection, polarity="Weakness" if f % 3 else "Strength")
            graph.add_edge(f"{inspection}/judgement/{f % 7}", finding, key="finding", relation="finding")
        for r in range(10):
            recommendation = f"{inspection}/recommendation/{r}"
            _node(graph, recommendation, "Recommendation", f"Rec {r}", inspection)
            graph.add_edge(inspection, recommendation, key="recommends", relation="recommends")
            graph.add_edge(recommendation, themes[(r + inspection_number) % len(themes)], key="theme", relation="theme")
            graph.add_edge(f"{inspection}/finding/{r}", recommendation, key="cites", relation="cites")
            for n in range(2):
                action = f"{recommendation}/action/{n}"
                _node(graph, action, "Action", f"Action {r}.{n}", inspection, status="InProgress",
                      overdue=n == 1)
                graph.add_edge(recommendation, action, key="answered by", relation="answered by")
                graph.add_edge(action, owners[(r + n) % len(owners)], key="owned by", relation="owned by")
    while graph.number_of_nodes() > target:  # trim the last inspection's findings to hit the target exactly
        last = max((n for n in graph if "/finding/" in n), key=lambda n: (n.split("/")[2], int(n.rsplit("/", 1)[1])))
        graph.remove_node(last)
    return View("bench", f"Synthetic view of {target} nodes", graph, timeline=True)


def _node(graph: nx.MultiDiGraph, iri: str, kind: str, label: str, inspection: str | None, **extra) -> None:
    graph.add_node(iri, kind=kind, label=label, inspection=inspection, sort=(label,), themes=[],
                   fields=[("Kind", kind), ("Text", TEXT), ("IRI", iri)],
                   sources=[("synthetic_report.pdf", 120, 7)], start=extra.pop("start", None), **extra)


def measure(context, html: Path) -> tuple[float, float]:
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page.goto(html.resolve().as_uri(), wait_until="commit")
    page.wait_for_selector('html[data-ready="1"]', state="attached", timeout=600_000)
    drawn = page.evaluate("sgkg.state.drawnAt")
    page.evaluate("sgkg.search('Rec 3')")
    interactive = page.evaluate("performance.now()")
    page.close()
    return drawn / 1000, interactive / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--physics", action="store_true", help="vis-network's default physics instead of our layout")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):  # Chromium's processes inherit this: 2 cores, like the targets
        os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:2])
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="viz-bench-"))
    print(f"{'nodes':>6} {'edges':>6} {'MB':>5} {'build s':>8} {'drawn s':>8} {'interactive s':>14}"
          f"  (median of {args.runs})")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(folder / "profile"), executable_path=CHROMIUM, args=FLAGS, headless=True,
            viewport={"width": 1600, "height": 1000})
        for size in args.nodes:
            started = time.perf_counter()
            view = synthetic_view(size)
            html = render.write_html(view, folder / f"bench-{size}.html")
            if args.physics:
                text = html.read_text(encoding="utf-8")
                html.write_text(text.replace('"physics":{"enabled":false}', '"physics":{"enabled":true}'),
                                encoding="utf-8")
            build = time.perf_counter() - started
            runs = [measure(context, html) for _ in range(args.runs)]
            drawn = statistics.median(r[0] for r in runs)
            interactive = statistics.median(r[1] for r in runs)
            print(f"{view.counts[0]:>6} {view.counts[1]:>6} {html.stat().st_size / 1e6:>5.1f} {build:>8.2f} "
                  f"{drawn:>8.2f} {interactive:>14.2f}")
        context.close()


if __name__ == "__main__":
    main()
