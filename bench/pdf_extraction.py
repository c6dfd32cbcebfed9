"""Compare PDF text extractors on the Ofsted corpus: speed and the qualities our parsers depend on.

Run:  .venv/bin/python bench/pdf_extraction.py [--corpus DIR] [--runs 3] [--seeds DIR]

Speed is the median of --runs full passes over every PDF in the corpus (open, extract every page,
close). Quality is measured on the raw library output, before any normalisation of ours, against
two texts extracted by somebody else (the "seeds"): 000_* is solihull_inspection_2016-07-07.pdf and
004_* holds, inside a council agenda, wolverhampton_inspection_2017-03-31.pdf. Libraries that are
not installed are reported as skipped. Results: a table on stdout and bench/results/pdf_extraction.json.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import itertools
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = Path("/work/shared/corpus/pdf")
DEFAULT_SEEDS = Path("/work/shared/seeds")

Extractor = Callable[[Path], list[str]]


# --------------------------------------------------------------------------- extractors
# Each returns one string per page, exactly as the library gives it (only CRLF is left alone too,
# so that CR artefacts stay visible to the artefact counts).


def _pypdfium2(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


def _pdftotext(mode: str) -> Extractor:
    def extract(path: Path) -> list[str]:
        import pdftotext

        with path.open("rb") as fh:
            return list(pdftotext.PDF(fh, **({mode: True} if mode else {})))

    return extract


def _pdfplumber(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _pymupdf(sort: bool) -> Extractor:
    def extract(path: Path) -> list[str]:
        import pymupdf

        with pymupdf.open(path) as doc:
            return [page.get_text("text", sort=sort) for page in doc]

    return extract


def _ours(path: Path) -> list[str]:
    from safeguarding_kg.loaders.toolkit.pdf import read_pdf_pages

    return read_pdf_pages(path)


@dataclass
class Library:
    name: str
    module: str  # imported to decide "skipped"
    extract: Extractor
    licence: str
    install: str
    note: str = ""


LIBRARIES = [
    Library(
        "pypdfium2",
        "pypdfium2",
        _pypdfium2,
        "Apache-2.0 OR BSD-3-Clause (PDFium: BSD-3/Apache-2.0)",
        "manylinux wheel, bundles PDFium",
        "PdfTextPage.get_text_range()",
    ),
    Library(
        "pdftotext raw",
        "pdftotext",
        _pdftotext("raw"),
        "MIT binding, links poppler: GPL-2.0-or-later",
        "sdist only: needs libpoppler-cpp-dev, pkg-config, a C++ compiler",
        "raw=True (content order)",
    ),
    Library(
        "pdftotext default",
        "pdftotext",
        _pdftotext(""),
        "MIT binding, links poppler: GPL-2.0-or-later",
        "as above",
        "default reading-order mode",
    ),
    Library(
        "pdftotext physical",
        "pdftotext",
        _pdftotext("physical"),
        "MIT binding, links poppler: GPL-2.0-or-later",
        "as above",
        "physical=True (layout with spaces)",
    ),
    Library(
        "pdfplumber", "pdfplumber", _pdfplumber, "MIT (pdfminer.six: MIT)", "pure Python wheel", "page.extract_text()"
    ),
    Library(
        "pymupdf",
        "pymupdf",
        _pymupdf(False),
        "AGPL-3.0 (or commercial licence from Artifex)",
        "manylinux wheel, bundles MuPDF",
        'page.get_text("text")',
    ),
    Library(
        "pymupdf sort",
        "pymupdf",
        _pymupdf(True),
        "AGPL-3.0 (or commercial licence from Artifex)",
        "manylinux wheel, bundles MuPDF",
        'page.get_text("text", sort=True)',
    ),
    Library(
        "ours (read_pdf_pages)",
        "safeguarding_kg.loaders.toolkit.pdf",
        _ours,
        "as the chosen library",
        "project code",
        "chosen library + our PDF normalisation",
    ),
]


# --------------------------------------------------------------------------- references

GRADES = "Outstanding|Good|Requires improvement to be good|Requires improvement|Inadequate"
PARA_RE = re.compile(r"^(\d{1,3})\. ([A-Z]\S*(?: \S+){0,2})")
TAG_RE = re.compile(r"</?(?:p|i|b|em|strong)>")
ROW_RE = re.compile(rf"^\s*(.{{3,110}}?)\t+\s*({GRADES})\s*$")
ORPHAN_GRADE_RE = re.compile(rf"^\s*(?:{GRADES})\s*$")
QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@dataclass
class Reference:
    pdf: str
    lines: list[str]
    note: str


def load_references(seeds: Path) -> list[Reference]:
    refs = []
    solihull = sorted(seeds.glob("000_*.txt"))
    if solihull:
        refs.append(
            Reference(
                "solihull_inspection_2016-07-07.pdf",
                solihull[0].read_text(encoding="utf-8").splitlines(),
                "whole seed 000",
            )
        )
    wolves = sorted(seeds.glob("004_*.txt"))
    if wolves:
        lines = wolves[0].read_text(encoding="utf-8").splitlines()
        # The seed is a council agenda; the Ofsted report runs from its title block to its imprint.
        start = lines.index("City of Wolverhampton")
        end = next(i for i in range(start, len(lines)) if lines[i].startswith("© Crown copyright"))
        refs.append(
            Reference(
                "wolverhampton_inspection_2017-03-31.pdf",
                lines[start : end + 1],
                f"seed 004 lines {start + 1}-{end + 1}",
            )
        )
    return refs


def clean(line: str) -> str:
    """Collapse whitespace and typographic quotes so that only words and their order are compared."""
    return " ".join(TAG_RE.sub(" ", line).translate(QUOTES).split())


def tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.translate(QUOTES).lower())


def para_keys(lines: list[str]) -> list[str]:
    keys = []
    for line in lines:
        m = PARA_RE.match(clean(line))
        if m:
            keys.append(f"{m.group(1)}. {m.group(2)}")
    return keys


def judgement_rows(lines: list[str]) -> list[str]:
    rows = []
    for line in lines:
        m = ROW_RE.match(TAG_RE.sub("", line))
        if m:
            rows.append(clean(f"{m.group(1)} {m.group(2)}"))
    return rows


def quality_vs_reference(pages: list[str], ref: Reference) -> dict:
    lines = "\n".join(pages).replace("\r", "").split("\n")
    ref_keys, got_keys = para_keys(ref.lines), para_keys(lines)
    in_order = sum(
        b.size for b in difflib.SequenceMatcher(None, ref_keys, got_keys, autojunk=False).get_matching_blocks()
    )
    found = sum((Counter(ref_keys) & Counter(got_keys)).values())
    ref_tok, got_tok = tokens("\n".join(TAG_RE.sub(" ", x) for x in ref.lines)), tokens("\n".join(lines))
    common = sum((Counter(ref_tok) & Counter(got_tok)).values())
    precision, recall = common / max(len(got_tok), 1), common / max(len(ref_tok), 1)
    seq = difflib.SequenceMatcher(None, ref_tok, got_tok, autojunk=False)
    rows = judgement_rows(ref.lines)
    cleaned = [clean(x) for x in lines]
    kept = [r for r in rows if any(r in c for c in cleaned)]
    # A wrapped area cell can't share a line with its grade; what a parser can still use is the
    # grade coming right after the whole area text, not inside it ("…achieving Good permanence").
    joined = clean(" ".join(lines))
    contiguous = [r for r in rows if r in joined]
    return {
        "para_starts_ref": len(ref_keys),
        "para_starts_found": found,
        "para_starts_recall": round(found / max(len(ref_keys), 1), 3),
        "para_starts_in_order": round(in_order / max(len(ref_keys), 1), 3),
        "word_f1": round(2 * precision * recall / max(precision + recall, 1e-9), 3),
        "word_seq_ratio": round(seq.ratio(), 3),
        "judgement_rows_ref": len(rows),
        "judgement_rows_one_line": len(kept),
        "judgement_rows_missed": [r for r in rows if r not in kept],
        "judgement_rows_in_order": len(contiguous),
        "judgement_rows_out_of_order": [r for r in rows if r not in contiguous],
    }


# --------------------------------------------------------------------------- artefacts


def _edge_lines(page: str, n: int = 2) -> list[str]:
    lines = [x for x in page.replace("\r", "").split("\n") if x.strip()]
    return lines[:n] + lines[-n:] if len(lines) > 2 * n else lines


def _key(line: str) -> str:
    return " ".join(re.sub(r"\d+", "#", line).split()).lower()


BARE_PAGE_NO = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?\s*$", re.I)


def repeated_edge_lines(pages: list[str]) -> int:
    """Lines at the top/bottom of pages that recur (digits ignored) on ≥ 50% of pages, or page numbers."""
    if len(pages) < 3:
        return 0
    seen = Counter(k for page in pages for k in {_key(x) for x in _edge_lines(page)})
    frequent = {k for k, c in seen.items() if c >= len(pages) / 2 and k}
    return sum(1 for page in pages for x in _edge_lines(page) if _key(x) in frequent or BARE_PAGE_NO.match(x))


def artefacts(pages: list[str]) -> Counter:
    text = "\n".join(pages)
    lines = text.replace("\r", "").split("\n")
    c: Counter = Counter()
    c["ligatures"] = sum(1 for ch in text if "\ufb00" <= ch <= "\ufb06")
    c["private_use"] = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff")
    c["soft_hyphens"] = text.count("\u00ad")
    c["other_controls"] = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\n\r\t") or ch == "\ufffe")
    c["carriage_returns"] = text.count("\r")
    c["hyphen_splits"] = sum(
        1 for a, b in itertools.pairwise(lines) if re.search(r"[a-z]-\s*$", a) and re.match(r"\s*[a-z]", b)
    )
    c["header_footer_lines"] = repeated_edge_lines(pages)
    c["orphan_grade_lines"] = sum(1 for x in lines if ORPHAN_GRADE_RE.match(x))
    c["blank_or_space_lines"] = sum(1 for x in lines if not x.strip())
    c["lines"] = len(lines)
    return c


# --------------------------------------------------------------------------- driver


@dataclass
class Outcome:
    status: str = "ok"
    reason: str = ""
    version: str = ""
    seconds: list[float] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)
    texts: dict[str, list[str]] = field(default_factory=dict)


def availability(lib: Library) -> tuple[bool, str, str]:
    try:
        mod = importlib.import_module(lib.module)
    except Exception as exc:  # ImportError, or a broken native library: either way "skipped"
        return False, f"{type(exc).__name__}: {exc}", ""
    version = getattr(mod, "__version__", "") or getattr(mod, "VersionBind", "")
    if not version:
        try:
            from importlib.metadata import version as dist_version

            version = dist_version(lib.module.split(".")[0])
        except Exception:
            version = ""
    return True, "", str(version)


def run_library(lib: Library, pdfs: list[Path], runs: int) -> Outcome:
    ok, reason, version = availability(lib)
    if not ok:
        return Outcome(status="skipped", reason=reason)
    out = Outcome(version=version)
    for run in range(runs):
        start = time.perf_counter()
        for pdf in pdfs:
            try:
                pages = lib.extract(pdf)
            except Exception as exc:  # one bad file must not sink the comparison
                out.failures[pdf.name] = f"{type(exc).__name__}: {exc}"
                continue
            if run == 0:
                out.texts[pdf.name] = pages
        out.seconds.append(time.perf_counter() - start)
    return out


def summarise(lib: Library, out: Outcome, n_pages: int, refs: list[Reference]) -> dict:
    entry: dict = {"status": out.status, "licence": lib.licence, "install": lib.install, "api": lib.note}
    if out.status != "ok":
        entry["reason"] = out.reason
        return entry
    median = statistics.median(out.seconds)
    total: Counter = Counter()
    for pages in out.texts.values():
        total.update(artefacts(pages))
    entry.update(
        {
            "version": out.version,
            "speed": {
                "runs_seconds": [round(s, 3) for s in out.seconds],
                "median_seconds": round(median, 3),
                "pages_per_second": round(n_pages / median, 1),
            },
            "failures": out.failures,
            "artefacts_corpus": dict(total),
            "references": {r.pdf: quality_vs_reference(out.texts[r.pdf], r) for r in refs if r.pdf in out.texts},
        }
    )
    return entry


def mean_of(entry: dict, key: str) -> float:
    vals = [q[key] for q in entry["references"].values()]
    return round(sum(vals) / len(vals), 3) if vals else float("nan")


def print_table(results: dict) -> None:
    head = [
        "library",
        "pages/s",
        "total s",
        "¶ starts",
        "¶ in order",
        "word F1",
        "seq ratio",
        "rows 1 line",
        "rows in order",
        "orphan grades",
        "ligat.",
        "PUA",
        "soft hy",
        "hy splits",
        "hdr/ftr",
        "CR",
    ]
    rows = []
    for name, e in results["libraries"].items():
        if e["status"] != "ok":
            rows.append([name, "skipped: " + e["reason"][:60]] + [""] * (len(head) - 2))
            continue
        a, refs = e["artefacts_corpus"], e["references"].values()
        kept = sum(q["judgement_rows_one_line"] for q in refs)
        want = sum(q["judgement_rows_ref"] for q in refs)
        ordered = sum(q["judgement_rows_in_order"] for q in refs)
        rows.append(
            [
                name,
                e["speed"]["pages_per_second"],
                e["speed"]["median_seconds"],
                mean_of(e, "para_starts_recall"),
                mean_of(e, "para_starts_in_order"),
                mean_of(e, "word_f1"),
                mean_of(e, "word_seq_ratio"),
                f"{kept}/{want}",
                f"{ordered}/{want}",
                a["orphan_grade_lines"],
                a["ligatures"],
                a["private_use"],
                a["soft_hyphens"],
                a["hyphen_splits"],
                a["header_footer_lines"],
                a["carriage_returns"],
            ]
        )
    widths = [max(len(str(r[i])) for r in [*rows, head]) for i in range(len(head))]
    for r in [head, ["-" * w for w in widths], *rows]:
        print("  ".join(str(v).ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", nargs="*", help="library names to run (default: all)")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "pdf_extraction.json")
    args = ap.parse_args(argv)
    # Run as bench/pdf_extraction.py, only bench/ is on the path; the repository root holds the
    # package too, for when it is not installed. Appended, so an installed copy still wins.
    if str(HERE.parent) not in sys.path:
        sys.path.append(str(HERE.parent))

    pdfs = sorted(args.corpus.glob("*.pdf"))
    if not pdfs:
        print(f"no PDFs in {args.corpus}", file=sys.stderr)
        return 2
    refs = load_references(args.seeds) if args.seeds.is_dir() else []
    n_pages = count_pages(pdfs)
    results: dict = {
        "corpus": str(args.corpus),
        "files": len(pdfs),
        "pages": n_pages,
        "runs": args.runs,
        "references": {r.pdf: r.note for r in refs},
        "python": sys.version.split()[0],
        "libraries": {},
    }
    for lib in LIBRARIES:
        if args.only and lib.name not in args.only:
            continue
        print(f"… {lib.name}", file=sys.stderr, flush=True)
        out = run_library(lib, pdfs, args.runs)
        results["libraries"][lib.name] = summarise(lib, out, n_pages, refs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"{len(pdfs)} PDFs, {n_pages} pages, median of {args.runs} run(s); quality vs "
        f"{len(refs)} reference texts (¶/F1/seq: mean of the two; rows: both)"
    )
    print_table(results)
    print(f"\nJSON: {args.out}")
    return 0


def count_pages(pdfs: list[Path]) -> int:
    """Page count by whichever library is present, so that pages/s means the same for everyone."""
    for counter in (_count_pdfium, _count_pymupdf):
        try:
            return sum(counter(p) for p in pdfs)
        except ImportError:
            continue
    return sum(len(_pdfplumber(p)) for p in pdfs)


def _count_pdfium(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def _count_pymupdf(path: Path) -> int:
    import pymupdf

    with pymupdf.open(path) as doc:
        return doc.page_count


if __name__ == "__main__":
    raise SystemExit(main())
