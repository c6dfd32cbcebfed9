"""Compare HTML-to-text readers on committee web pages (modern.gov-style minutes and agendas).

Run:  .venv/bin/python bench/html_extraction.py [DIR ...] [--runs 20]

The minutes reader needs lines in which a table row stays one line (attendance tables: name, role,
attendance), a list item stays one line, an ordered list keeps its numbers or letters (resolutions
"(a)", "(b)"), and the page's menus, breadcrumbs and footer are gone (their links are not minutes).
Each is counted against the page's own elements (found with lxml), so a reader is judged on what
the page holds, not on our expectations. Speed is pages per second, the median of --runs passes.
Readers not installed are skipped (html-text, beautifulsoup4, selectolax and inscriptis are not
dependencies: `pip install` them to run the comparison).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
DEFAULT_DIRS = [HERE.parent / "tests" / "fixtures" / "council", HERE.parent / "tests" / "fixtures" / "committee"]
FURNITURE = re.compile(r"breadcrumb|footer|nav|menu|header", re.I)

Reader = Callable[[bytes], list[str]]


def _ours(data: bytes) -> list[str]:
    from safeguarding_kg.loaders.toolkit.html import read_html_lines

    return read_html_lines(data)


def _html_text(data: bytes) -> list[str]:
    import html_text

    return html_text.extract_text(data.decode("utf-8", "replace"), guess_layout=True).splitlines()


def _soup(data: bytes) -> list[str]:
    from bs4 import BeautifulSoup

    return BeautifulSoup(data, "html.parser").get_text("\n").splitlines()


def _selectolax(data: bytes) -> list[str]:
    from selectolax.lexbor import LexborHTMLParser

    body = LexborHTMLParser(data).body
    return body.text(separator="\n").splitlines() if body else []


def _inscriptis(data: bytes) -> list[str]:
    from inscriptis import get_text

    return get_text(data.decode("utf-8", "replace")).splitlines()


READERS: dict[str, Reader] = {"lxml, walked (ours)": _ours, "html-text": _html_text,
                              "BeautifulSoup get_text": _soup, "selectolax (lexbor) text": _selectolax,
                              "inscriptis": _inscriptis}


def _norm(text: str) -> str:
    return " ".join(text.split())


def _in_furniture(element) -> bool:
    while element is not None:
        names = f"{element.tag} {element.get('class') or ''} {element.get('id') or ''}"
        if element.tag in {"nav", "footer", "header"} or FURNITURE.search(names):
            return True
        element = element.getparent()
    return False


def page_facts(data: bytes) -> dict[str, list]:
    """What the page holds: content table rows (cell texts), list items, ordered items, furniture texts."""
    import lxml.html

    root = lxml.html.document_fromstring(data)
    rows, items, ordered, furniture = [], [], [], []
    body = root.find("body")
    content = " ".join(_norm(e.text_content()) for e in (body if body is not None else root) if not _in_furniture(e))
    for row in root.iter("tr"):
        cells = [_norm(c.text_content()) for c in row if c.tag in {"td", "th"}]
        if len([c for c in cells if c]) >= 2 and not _in_furniture(row):
            rows.append([c for c in cells if c])
    for item in root.iter("li"):
        text = _norm(item.text_content())
        if not text:
            continue
        if _in_furniture(item):
            if text not in content:  # a breadcrumb naming the committee also titles the page: not furniture alone
                furniture.append(text)
        else:
            items.append(text)
            if item.getparent() is not None and item.getparent().tag == "ol":
                ordered.append(text)
    return {"rows": rows, "items": items, "ordered": ordered, "furniture": furniture}


def score(lines: list[str], facts: dict[str, list]) -> dict[str, tuple[int, int]]:
    lines = [_norm(line.replace("\t", " ")) for line in lines]
    joined = {re.sub(r"^(?:[*•\-+]|\(?[a-z0-9]{1,4}[.)])\s+", "", line, flags=re.I) for line in lines}

    def row_whole(cells: list[str]) -> bool:
        return any(all(c in line for c in cells) for line in lines)

    def item_whole(text: str) -> bool:
        return any(text in line for line in lines)

    def numbered(text: str) -> bool:
        return any(text in line and re.match(r"^(?:\(?[a-z0-9]{1,4}[.)])\s", line, re.I) for line in lines)

    return {
        "table rows on one line": (sum(map(row_whole, facts["rows"])), len(facts["rows"])),
        "list items on one line": (sum(map(item_whole, facts["items"])), len(facts["items"])),
        "ordered items keep their number": (sum(map(numbered, facts["ordered"])), len(facts["ordered"])),
        "menu and footer links dropped": (sum(1 for t in facts["furniture"] if t not in joined),
                                          len(facts["furniture"])),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="*", type=Path, default=DEFAULT_DIRS)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    pages = sorted({p for d in args.dirs if d.exists() for p in d.rglob("*") if p.suffix in {".html", ".htm"}})
    if not pages:
        sys.exit(f"no .html pages under {', '.join(map(str, args.dirs))}")
    data = [p.read_bytes() for p in pages]
    facts = [page_facts(d) for d in data]
    print(f"{len(pages)} pages: {', '.join(p.name for p in pages)}\n")
    header = None
    for name, reader in READERS.items():
        try:
            outputs = [reader(d) for d in data]
        except ImportError:
            print(f"{name}: not installed, skipped")
            continue
        totals: dict[str, list[int]] = {}
        for lines, fact in zip(outputs, facts, strict=True):
            for key, (ok, n) in score(lines, fact).items():
                totals.setdefault(key, [0, 0])
                totals[key][0] += ok
                totals[key][1] += n
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            for d in data:
                reader(d)
            times.append(time.perf_counter() - start)
        speed = len(data) / statistics.median(times)
        if header is None:
            header = ["reader", "pages/s", *totals]
            print("| " + " | ".join(header) + " |")
            print("|---|" + "---:|" * (len(header) - 1))
        cells = [f"{ok}/{n}" for ok, n in totals.values()]
        print(f"| {name} | {speed:,.0f} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
