"""Reading spreadsheets and delimited exports (.xlsx, .ods, .csv, .tsv) as lines of text.

Council trackers come as workbooks or as exports of one sheet. Every format becomes the lines
the table reader (tables.py) already reads: a row with two or more filled cells is one
tab-separated line (one cell per column, so cells stay under their header); a row with one
filled cell (a title, "Last updated: 24/04/2023", a merged row spanning the table) is a line
of its own text; an empty row is a blank line. Each sheet starts with a line naming it
("Sheet: Actions") after a blank line, so a cover sheet, the action sheet and a key sheet
read one after another.

What a reader sees and a bare value list would lose:

- merged cells: a merged range's text is read in its first column; the columns it spans to
  the right are left empty (as Word tables are read, docx.py); rows it spans below repeat it
  (a recommendation merged down the rows of its actions belongs to each of them);
- fill colours: a cell with no text but a solid fill is read as ``[fill: Green]`` (Red, Amber,
  Green, Blue, Grey, Purple, named from the colour's hue), so a RAG column coloured in rather
  than typed is still read; what the colour means comes from the document's own key.

Readers were chosen by measurement (bench/spreadsheet_readers.py, docs/council-plans.md):
openpyxl for .xlsx (merged ranges and fills; calamine reads values only), odfpy for .ods
(the one library that exposes an ODS cell's style, hence its fill).
"""

from __future__ import annotations

import colorsys
import csv
import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from safeguarding_kg.loaders.toolkit.errors import SourceError

if TYPE_CHECKING:
    from safeguarding_kg.loaders.toolkit.sources import SourceText

MEDIA_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
}

#: Beyond this many rows a sheet is not a tracker (a data dump): the rest is not read.
MAX_ROWS = 5000


# --------------------------------------------------------------------------- shared


def read_sheet_source(path: Path, data: bytes) -> SourceText:
    """A workbook or a CSV/TSV export as a :class:`SourceText` of lines (see the module docstring)."""
    from safeguarding_kg.loaders.toolkit.sources import SourceText, sha256_of

    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        lines = read_xlsx_lines(data)
    elif suffix == ".ods":
        lines = read_ods_lines(data)
    else:
        lines = read_delimited_lines(decode_export(data), suffix)
    return SourceText(path.name, sha256_of(data), MEDIA_TYPES[suffix], lines, size=len(data), path=path)


def rows_to_lines(sheet: str | None, rows: list[list[str]]) -> list[str]:
    """A sheet's rows as lines (see the module docstring)."""
    lines = ["", f"Sheet: {sheet}"] if sheet else []
    for row in rows:
        cells = [" ".join(c.split()) for c in row]  # a cell's own line breaks would break the row
        while cells and not cells[-1]:
            cells.pop()
        filled = [c for c in cells if c]
        if not filled:
            lines.append("")
        elif len(filled) == 1 and cells[0]:
            lines.append(cells[0])
        else:
            lines.append("\t".join(cells))
    return lines


def colour_name(rgb: str | None) -> str | None:
    """ "FFFFC000" / "#ffc000" -> "Amber": the RAG colour nearest a fill, None for white, black or no colour."""
    if not rgb:
        return None
    hexa = rgb.lstrip("#")[-6:]
    try:
        r, g, b = (int(hexa[i : i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    if lightness > 0.93 or lightness < 0.08:
        return None  # white or black: no colour
    if saturation < 0.2:
        return "Grey"
    degrees = hue * 360
    for limit, name in ((15, "Red"), (70, "Amber"), (170, "Green"), (260, "Blue"), (320, "Purple"), (361, "Red")):
        if degrees < limit:
            return name
    return None


def _with_fill(text: str, fill: str | None) -> str:
    return text if text or not fill else f"[fill: {fill}]"


# --------------------------------------------------------------------------- xlsx


def read_xlsx_lines(data: bytes) -> list[str]:
    try:
        import openpyxl  # imported here: only spreadsheet loads need it

        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise SourceError(f"not a readable Excel workbook ({e.__class__.__name__}: truncated or corrupt?)") from e
    lines: list[str] = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        lines.extend(rows_to_lines(sheet.title, _xlsx_rows(sheet)))
    return lines


def _xlsx_rows(sheet) -> list[list[str]]:
    spans: dict[tuple[int, int], tuple[int, int]] = {}  # (row, col) covered -> the range's top-left
    for merged in sheet.merged_cells.ranges:
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                spans[(row, col)] = (merged.min_row, merged.min_col)
    rows: list[list[str]] = []
    for cells in sheet.iter_rows(max_row=min(sheet.max_row, MAX_ROWS)):
        row: list[str] = []
        for cell in cells:
            origin = spans.get((cell.row, cell.column))
            if origin and origin[1] != cell.column:
                row.append("")  # spanned to the right: read once, in the first column
                continue
            source = sheet.cell(*origin) if origin else cell
            row.append(_with_fill(_xlsx_text(source.value), _xlsx_fill(source)))
        rows.append(row)
    return rows


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):  # a date cell: written as councils type dates
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def _xlsx_fill(cell) -> str | None:
    fill = cell.fill
    if fill is None or fill.fill_type != "solid":
        return None
    colour = fill.fgColor
    if colour is None:
        return None
    if colour.type == "rgb" and isinstance(colour.rgb, str):
        return colour_name(colour.rgb)
    if colour.type == "indexed":
        from openpyxl.styles.colors import COLOR_INDEX

        if 0 <= colour.indexed < len(COLOR_INDEX):
            return colour_name(COLOR_INDEX[colour.indexed])
    return None  # theme colours need the workbook's theme: not a RAG fill councils use


# --------------------------------------------------------------------------- ods


def read_ods_lines(data: bytes) -> list[str]:
    try:
        from odf.namespaces import TABLENS
        from odf.opendocument import load
        from odf.table import Table

        document = load(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise SourceError(f"not a readable OpenDocument spreadsheet ({e.__class__.__name__})") from e
    fills = _ods_fills(document)
    lines: list[str] = []
    for table in document.spreadsheet.getElementsByType(Table):
        lines.extend(rows_to_lines(table.getAttrNS(TABLENS, "name"), _ods_rows(table, fills)))
    return lines


def _ods_fills(document) -> dict[str, str]:
    """Cell style name -> its fill colour's name, from the automatic and named styles."""
    from odf.namespaces import FONS, STYLENS
    from odf.style import Style, TableCellProperties

    fills: dict[str, str] = {}
    for styles in (document.automaticstyles, document.styles):
        for style in styles.getElementsByType(Style):
            for props in style.getElementsByType(TableCellProperties):
                name = colour_name(props.getAttrNS(FONS, "background-color"))
                if name:
                    fills[style.getAttrNS(STYLENS, "name")] = name
    return fills


def _ods_rows(table, fills: dict[str, str]) -> list[list[str]]:
    from odf.namespaces import TABLENS

    rows: list[list[str]] = []
    below: dict[int, tuple[int, str]] = {}  # column -> (rows still spanned, text) of a merge downwards
    for row in table.childNodes:
        if row.qname != (TABLENS, "table-row"):
            continue
        cells = _ods_cells(row, fills, below)
        repeat = int(row.getAttrNS(TABLENS, "number-rows-repeated") or 1)
        for _ in range(min(repeat, 2) if not any(cells) else repeat):  # trailing blank rows repeat a million times
            rows.append(list(cells))
            if len(rows) >= MAX_ROWS:
                return rows
    return rows


def _ods_cells(row, fills: dict[str, str], below: dict[int, tuple[int, str]]) -> list[str]:
    from odf.namespaces import TABLENS

    cells: list[str] = []
    for cell in row.childNodes:
        repeat = min(int(cell.getAttrNS(TABLENS, "number-columns-repeated") or 1), 256)
        covered = cell.qname == (TABLENS, "covered-table-cell")
        text = "" if covered else _ods_text(cell)
        if not covered:
            text = _with_fill(text, fills.get(cell.getAttrNS(TABLENS, "style-name") or ""))
            rows_spanned = int(cell.getAttrNS(TABLENS, "number-rows-spanned") or 1)
            if rows_spanned > 1:
                below[len(cells)] = (rows_spanned - 1, text)
        elif len(cells) in below:  # covered by a merge from above: repeat it (see the module docstring)
            left, spanned = below[len(cells)]
            text = spanned
            if left <= 1:
                del below[len(cells)]
            else:
                below[len(cells)] = (left - 1, spanned)
        cells.extend([text] * repeat)
    return cells


def _ods_text(cell) -> str:
    from odf import teletype
    from odf.text import P

    return "\n".join(teletype.extractText(p) for p in cell.getElementsByType(P)).strip()


# --------------------------------------------------------------------------- csv / tsv


def decode_export(data: bytes) -> str:
    """A CSV/TSV export's text. Spreadsheet programs on Windows save "CSV" and "Text (Tab
    delimited)" in Windows-1252 (UTF-8 only when asked, with a BOM; UTF-16 for "Unicode
    text", with a BOM). An export is short and English, where a detector cannot tell 1252
    from its DOS cousins (it says cp852 for a TSV with a £ and curly quotes), so: the BOMs,
    then UTF-8, then Windows-1252."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise SourceError("binary file, not text (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as e:
        raise SourceError(f"not UTF-8 or Windows-1252 text (byte 0x{data[e.start]:02x} at {e.start})") from e


def read_delimited_lines(text: str, suffix: str) -> list[str]:
    """A CSV or TSV export: the delimiter is the file's own (tab for .tsv, else sniffed)."""
    sample = text[:20000]
    if suffix == ".tsv" or sample.count("\t") > sample.count(","):
        delimiter = "\t"
    else:  # the sniffer is misled by preamble lines; a semicolon export is the only other kind met
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))[:MAX_ROWS]
    return rows_to_lines(None, rows)
