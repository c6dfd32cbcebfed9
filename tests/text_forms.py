"""Six text forms of a PDF, as users get them from common extractors, and a reading's comparable items.

Each form is what the tool gives with its usual call, pages joined the way its users usually join
them:

- ``pdftotext`` — poppler's reading order (R's pdftools, most shell pipelines); pages end with a
  form feed, as poppler writes them;
- ``pdftotext-layout`` — poppler with ``-layout``: columns padded with spaces, form feeds;
- ``pdfplumber`` — ``page.extract_text()`` per page, pages joined with a newline;
- ``pypdf`` — ``page.extract_text()`` per page, pages joined with a newline;
- ``pymupdf`` — ``page.get_text()`` per page followed by a form feed (PyMuPDF's own recipe);
- ``browser`` — a select-all copy from a browser's PDF viewer (pdf.js): the page's text runs in
  content-stream order, a line break wherever the baseline changes, no blank lines, pages joined
  with a newline, no form feeds. Made from PyMuPDF's spans (``rawdict``), which are the content
  stream's text runs in their order, as pdf.js's text items are.

The extractors are test-only dependencies (the ``test`` extra); poppler-utils is a system package.
"""

from __future__ import annotations

import subprocess
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from safeguarding_kg.loaders.base import Extraction
from safeguarding_kg.namespaces import PROV, RDF, SG


def pdftotext_plain(pdf: Path) -> str:
    return _pdftotext(pdf)


def pdftotext_layout(pdf: Path) -> str:
    return _pdftotext(pdf, "-layout")


def _pdftotext(pdf: Path, *options: str) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", *options, str(pdf), "-"],
                          capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def pdfplumber_text(pdf: Path) -> str:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


def pypdf_text(pdf: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def pymupdf_text(pdf: Path) -> str:
    import pymupdf

    with pymupdf.open(pdf) as doc:
        return "".join(page.get_text() + "\f" for page in doc)


def browser_copy(pdf: Path) -> str:
    """Text runs in content-stream order; a new line where the baseline moves (as pdf.js copies)."""
    import pymupdf

    pages = []
    with pymupdf.open(pdf) as doc:
        for page in doc:
            lines: list[str] = []
            baseline = None
            for block in page.get_text("rawdict", sort=False)["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        text = "".join(ch["c"] for ch in span["chars"])
                        if not text.strip():
                            continue
                        y = round(span["origin"][1])
                        if baseline is not None and abs(y - baseline) <= 1 and lines:
                            lines[-1] += ("" if lines[-1].endswith(" ") or text.startswith(" ") else " ") + text
                        else:
                            lines.append(text)
                        baseline = y
            pages.append("\n".join(line.strip() for line in lines))
    return "\n".join(pages)


EXTRACTORS: dict[str, Callable[[Path], str]] = {
    "pdftotext": pdftotext_plain,
    "pdftotext-layout": pdftotext_layout,
    "pdfplumber": pdfplumber_text,
    "pypdf": pypdf_text,
    "pymupdf": pymupdf_text,
    "browser": browser_copy,
}

# --------------------------------------------------------------------------- what is compared

_ITEM_CLASSES = {SG.Inspection.value: "inspection", SG.Judgement.value: "judgement",
                 SG.Recommendation.value: "recommendation", SG.Finding.value: "finding"}
# Where a node was read from differs between forms by nature; everything else must be equal.
_PROVENANCE = {PROV.wasDerivedFrom.value, SG.sourceLine.value, SG.sourcePage.value, SG.reportedIn.value,
               RDF.type.value}


def items(extraction: Extraction) -> dict[str, dict[str, set[str]]]:
    """Inspection, judgements, recommendations and findings: IRI -> property -> values.

    Values are compared after whitespace normalisation (runs of spaces and line breaks are one
    space); IRIs carry the inspection's identity and each item's number.
    """
    kinds: dict[str, str] = {}
    for q in extraction.quads:
        if q.predicate == RDF.type and q.object.value in _ITEM_CLASSES:
            kinds[q.subject.value] = _ITEM_CLASSES[q.object.value]
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for q in extraction.quads:
        if q.subject.value in kinds and q.predicate.value not in _PROVENANCE:
            found[q.subject.value][q.predicate.value.rsplit("#", 1)[-1]].add(" ".join(q.object.value.split()))
    for subject in kinds:
        found[subject]["type"] = {kinds[subject]}
    return {s: dict(p) for s, p in found.items()}


def differences(pdf_items: dict, text_items: dict) -> list[str]:
    """Every item missing, extra or different in the text's reading, one line each."""
    out = []
    for subject in sorted(pdf_items.keys() | text_items.keys()):
        name = subject.rsplit("/id/", 1)[-1]
        if subject not in text_items:
            out.append(f"missing {name}")
        elif subject not in pdf_items:
            out.append(f"extra {name}: {_short(text_items[subject])}")
        else:
            a, b = pdf_items[subject], text_items[subject]
            for prop in sorted(a.keys() | b.keys()):
                if a.get(prop) != b.get(prop):
                    out.append(f"{name} {prop}: {_contrast(a.get(prop), b.get(prop))}")
    return out


def _contrast(pdf: set[str] | None, text: set[str] | None) -> str:
    """Both values, a single text each shown from a little before where they part."""
    if pdf and text and len(pdf) == len(text) == 1:
        a, b = next(iter(pdf)), next(iter(text))
        at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        start = max(0, at - 40)
        return f"PDF …{a[start:at + 80]!r} / text …{b[start:at + 80]!r}"
    return f"PDF {_short(pdf)} / text {_short(text)}"


def _short(value: object, width: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"
