"""Reading HTML pages saved from a council's committee website as lines.

modern.gov-style pages put the minutes between navigation menus, breadcrumbs, a search box and
a footer; attendance comes as lists or tables, items as headings, decisions as ordered lists.
The page becomes lines the other readers already understand: the page's <title> first (it names the meeting and
often the council, whose name may be only in a footer), then a heading, a paragraph or a list
item is one line; a table row is one tab-separated line (as Word tables are, see
``toolkit.docx``), with a blank line around the table; an ordered list item keeps its number
or letter ("1.", "(a)") because minutes number their resolutions that way; scripts, styles,
forms and the page's navigation, header and footer are dropped.

The parser is lxml's HTML parser (already installed with python-docx), walked here, chosen by
measurement against html-text, BeautifulSoup and selectolax (``bench/html_extraction.py``,
docs/committee-documents.md): it keeps table rows and list items whole and is the fastest.
"""

from __future__ import annotations

import re

from safeguarding_kg.loaders.toolkit.errors import SourceError

_SKIP = {"script", "style", "noscript", "template", "head", "nav", "form", "button", "select", "iframe", "svg"}
_BLOCK = {"p", "div", "section", "article", "main", "aside", "header", "h1", "h2", "h3", "h4", "h5", "h6",
          "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "address", "figure", "figcaption", "hr", "caption",
          "center", "fieldset", "legend", "details", "summary", "body"}
#: class or id of page furniture (menus, breadcrumbs, cookie banners, footers), never content; a substring
#: because sites glue words ("mgBreadCrumbs", "mgFooter", "site-nav").
_FURNITURE = re.compile(r"breadcrumb|footer|navbar|navigation|menu|cookie|skip|masthead|banner|sidebar|search|"
                        r"social|(?:^|[\s_-]|[a-z])nav(?:$|[\s_-])", re.I)
_LOWER_ALPHA = "abcdefghijklmnopqrstuvwxyz"
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]


def read_html_lines(data: bytes) -> list[str]:
    """The page's text as lines (see the module docstring); raises SourceError for no HTML at all."""
    import lxml.html  # imported here: only HTML loads need it
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError) as e:
        raise SourceError(f"not a readable HTML page ({e})") from e
    writer = _Writer()
    title = root.find(".//title")
    if title is not None and title.text_content().strip():  # "Minutes of Cabinet, … - Kirklees Council"
        writer.out.extend([" ".join(title.text_content().split()), ""])
    writer.walk(root)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() if "\t" not in line else line for line in writer.lines()]
    if not any(line.strip() for line in lines):
        raise SourceError("an HTML page with no text")
    return lines


class _Writer:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.current: list[str] = []

    def lines(self) -> list[str]:
        self.flush()
        return self.out

    def flush(self) -> None:
        text = "".join(self.current)
        self.current = []
        if text.strip():
            self.out.append(text.strip(" \n"))

    def blank(self) -> None:
        self.flush()
        if self.out and self.out[-1] != "":
            self.out.append("")

    def walk(self, element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP or (tag and _is_furniture(element)):
            self.current.append(" " if element.tail else "")
            self._tail(element)
            return
        if tag == "table":
            self.blank()
            self.out.extend(_table_lines(element))
            self.blank()
        elif tag == "br":
            self.flush()
        elif tag == "li":
            self.flush()
            self.current.append(_list_marker(element))
            self._children(element)
            self.flush()
        elif tag in _BLOCK:
            self.flush()
            if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                self.blank()
            self._children(element)
            self.flush()
            if tag in {"h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol"}:
                self.blank()
        else:
            self._children(element)
        self._tail(element)

    def _children(self, element) -> None:
        if element.text:
            self.current.append(element.text)
        for child in element:
            self.walk(child)

    def _tail(self, element) -> None:
        if element.tail:
            self.current.append(element.tail)


def _is_furniture(element) -> bool:
    if element.tag in {"header", "footer"} and element.getparent() is not None:
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    if "header" in names.lower() and not any(True for _ in element.iter("h1", "h2")):
        return True  # a page header of logo and links; one holding the page's title is content
    if (element.get("role") or "").lower() in {"navigation", "banner", "contentinfo", "search"}:
        return True
    return bool(_FURNITURE.search(names))


def _list_marker(item) -> str:
    """ "- " for a bullet; "3. ", "(c) " or "(iii) " for an ordered list item, as the page numbers it."""
    parent = item.getparent()
    if parent is None or parent.tag != "ol":
        return "- "
    siblings = [li for li in parent if li.tag == "li"]
    start = int(parent.get("start", "1")) if (parent.get("start") or "1").isdigit() else 1
    value = item.get("value")
    position = int(value) if value and value.isdigit() else start + siblings.index(item)
    kind = parent.get("type") or ""
    if kind in {"a", "A"} and position <= len(_LOWER_ALPHA):
        letter = _LOWER_ALPHA[position - 1]
        return f"({letter if kind == 'a' else letter.upper()}) "
    if kind in {"i", "I"} and position <= len(_ROMAN):
        return f"({_ROMAN[position - 1] if kind == 'i' else _ROMAN[position - 1].upper()}) "
    return f"{position}. "


def _table_lines(table) -> list[str]:
    """One tab-separated line per row, each cell its first paragraph; a cell's further paragraphs (an
    agenda item's purpose under its title) follow the row as lines of their own."""
    lines = []
    for row in table.iter("tr"):
        if _nearest_table(row) is not table:
            continue  # a nested table's rows are read as text of the cell holding them
        cells, more = [], []
        for cell in row:
            if cell.tag not in {"td", "th"}:
                continue
            blocks = _cell_blocks(cell)
            cells.append(blocks[0] if blocks else "")
            more.extend(blocks[1:])
            cells.extend([""] * (_span(cell) - 1))  # keep later cells under their headers
        if any(cells):
            lines.append("\t".join(cells))
            lines.extend(more)
    return lines


def _cell_blocks(cell) -> list[str]:
    """A cell's paragraphs (or list items, or lines split by <br>), each on one line."""
    blocks = [b for b in cell if isinstance(b.tag, str) and b.tag in {"p", "div", "li", "ul", "ol", "h3", "h4"}]
    if len(blocks) < 2 or (cell.text or "").strip():
        return [" ".join(cell.text_content().split())] if cell.text_content().strip() else []
    return [text for b in blocks if (text := " ".join(b.text_content().split()))]


def _nearest_table(row):
    parent = row.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _span(cell) -> int:
    value = cell.get("colspan") or "1"
    return min(int(value), 20) if value.isdigit() and int(value) > 0 else 1
