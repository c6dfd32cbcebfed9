"""Any text, one reading: each corpus PDF as six extractors' text forms, compared with its PDF reading.

Run:  .venv/bin/python bench/any_text.py [--pdfs DIR ...] [--texts DIR] [--details]

For every PDF (default: sample-corpus/ and tests/fixtures/pdf/) and every text form of
tests/text_forms.py, the text is made (or reused from --texts, which keeps them between runs),
loaded as a .txt document and compared item by item with the PDF's own reading (the harness of
tests/test_any_text.py). Prints per extractor: seconds to make the texts, seconds to load them,
documents read identically, items (inspection, judgements, recommendations, findings) read
identically; per PDF (with --details) each difference. Also the PDF loads' own time, for the
"no slower than today" check. Results also go to bench/results/any_text.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))

from text_forms import EXTRACTORS, differences, items  # noqa: E402

from safeguarding_kg.loading import extract  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=Path, nargs="*", default=[REPO / "sample-corpus", REPO / "tests/fixtures/pdf"])
    parser.add_argument("--texts", type=Path, default=HERE / "results" / "any-text-forms")
    parser.add_argument("--details", action="store_true", help="print every difference")
    args = parser.parse_args(argv)
    pdfs = sorted(p for folder in args.pdfs for p in folder.glob("*.pdf"))

    started = time.perf_counter()
    readings = {pdf.stem: items(extract(pdf, pdf.read_bytes())) for pdf in pdfs}
    pdf_seconds = time.perf_counter() - started
    total_items = sum(len(r) for r in readings.values())
    print(f"{len(pdfs)} PDFs read in {pdf_seconds:.1f} s ({len(pdfs) / pdf_seconds:.1f} PDFs/s, one process);"
          f" {total_items} items")

    results = {"pdfs": len(pdfs), "pdf_seconds": round(pdf_seconds, 2), "items": total_items, "extractors": {}}
    print(f"\n{'extractor':18} {'make s':>7} {'load s':>7} {'documents':>10} {'items':>12}")
    for name, make in EXTRACTORS.items():
        folder = args.texts / name
        folder.mkdir(parents=True, exist_ok=True)
        make_seconds = load_seconds = 0.0
        same_docs = same_items = 0
        details: dict[str, list[str]] = {}
        for pdf in pdfs:
            text = folder / f"{pdf.stem}.txt"
            if not text.exists():
                clock = time.perf_counter()
                text.write_text(make(pdf), encoding="utf-8")
                make_seconds += time.perf_counter() - clock
            clock = time.perf_counter()
            try:
                found = differences(readings[pdf.stem], items(extract(text, text.read_bytes())))
            except Exception as e:
                found = [f"not loaded: {e}"] + [f"missing {s}" for s in readings[pdf.stem]]
            load_seconds += time.perf_counter() - clock
            wrong = {line.split(" ", 2)[1] if line.startswith(("missing", "extra")) else line.split(" ", 1)[0]
                     for line in found}
            same_items += sum(1 for s in readings[pdf.stem] if s.rsplit("/id/", 1)[-1] not in wrong)
            same_docs += not found
            if found:
                details[pdf.stem] = found
        results["extractors"][name] = {"make_seconds": round(make_seconds, 1), "load_seconds": round(load_seconds, 1),
                                       "documents_identical": same_docs, "items_identical": same_items,
                                       "differences": details}
        print(f"{name:18} {make_seconds:7.1f} {load_seconds:7.1f} {same_docs:>5}/{len(pdfs):<4}"
              f" {same_items / total_items:>11.2%}")
        if args.details:
            for stem, found in details.items():
                for line in found:
                    print(f"    {stem} via {name}: {line[:200]}")
    out = HERE / "results" / "any_text.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
