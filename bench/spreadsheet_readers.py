"""Which library should read council trackers (.xlsx, .ods)? Speed and what each can see.

A tracker's meaning is partly in its formatting: a RAG column coloured in instead of typed, a
recommendation merged down the rows of its actions, a header band merged across columns.
This bench writes a tracker of N action rows with those features (openpyxl for .xlsx, odfpy
for .ods), then reads it with each candidate and prints: seconds to read every cell, whether the
reader reports merged ranges, and whether it reports a cell's fill colour.

    python bench/spreadsheet_readers.py [--rows 2000] [FILE.xlsx|FILE.ods …]

Candidates: openpyxl (xlsx), python-calamine (xlsx and ods, Rust), odfpy (ods). pandas is not
run: its read_excel calls openpyxl for .xlsx, odfpy for .ods or calamine, and returns values
only (no merges, no fills), at the cost of pandas and numpy (~60 MB installed).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

COLOURS = ["FF00B050", "FFFFC000", "FFFF0000", "FF0070C0"]


def make_xlsx(path: Path, rows: int) -> None:
    import openpyxl
    from openpyxl.styles import PatternFill

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Ofsted", None, "Our response", None, None, None])
    sheet.merge_cells("A1:B1")
    sheet.merge_cells("C1:F1")
    sheet.append(["Recommendation", "Ref", "Action", "Owner", "Due", "RAG"])
    for index in range(rows):
        group, first = divmod(index, 4)
        sheet.append([f"Recommendation {group + 1}: improve something" if first == 0 else None,
                      f"{group + 1}.{first + 1}", f"Action text number {index}", "Head of Service", "Mar-24", None])
        sheet.cell(sheet.max_row, 6).fill = PatternFill("solid", fgColor=COLOURS[index % 4])
        if first == 0:
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row + 3, end_column=1)
    book.save(path)


def make_ods(path: Path, rows: int) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableCellProperties
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    styles = []
    for number, colour in enumerate(COLOURS):
        style = Style(name=f"rag{number}", family="table-cell")
        style.addElement(TableCellProperties(backgroundcolor="#" + colour[2:]))
        doc.automaticstyles.addElement(style)
        styles.append(style)
    table = Table(name="Tracker")
    for index in range(rows):
        group, first = divmod(index, 4)
        tr = TableRow()
        if first == 0:
            cell = TableCell(numberrowsspanned=4)
            cell.addElement(P(text=f"Recommendation {group + 1}: improve something"))
            tr.addElement(cell)
        else:
            tr.addElement(CoveredTableCell())
        for text in (f"{group + 1}.{first + 1}", f"Action text number {index}", "Head of Service", "Mar-24"):
            cell = TableCell()
            cell.addElement(P(text=text))
            tr.addElement(cell)
        tr.addElement(TableCell(stylename=styles[index % 4]))
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))


def read_openpyxl(path: Path) -> tuple[int, bool, bool]:
    import openpyxl

    book = openpyxl.load_workbook(path, data_only=True)
    cells = fills = 0
    merged = False
    for sheet in book.worksheets:
        merged = merged or bool(sheet.merged_cells.ranges)
        for row in sheet.iter_rows():
            for cell in row:
                cells += cell.value is not None
                fills += cell.fill is not None and cell.fill.fill_type == "solid"
    return cells, merged, fills > 0


def read_calamine(path: Path) -> tuple[int, bool, bool]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    cells = 0
    merged = False
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        merged = merged or bool(getattr(sheet, "merged_cell_ranges", None))
        cells += sum(1 for row in sheet.to_python() for value in row if value not in ("", None))
    return cells, merged, False  # no style API: a fill colour is not reported


def read_odfpy(path: Path) -> tuple[int, bool, bool]:
    from safeguarding_kg.loaders.toolkit.spreadsheet import read_ods_lines

    lines = read_ods_lines(path.read_bytes())
    text = "\n".join(lines)
    return sum(len([c for c in line.split("\t") if c]) for line in lines), True, "[fill:" in text


def timed(reader, path: Path) -> tuple[float, tuple[int, bool, bool]]:
    start = time.perf_counter()
    result = reader(path)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        files = list(args.files)
        if not files:
            files = [Path(folder) / "tracker.xlsx", Path(folder) / "tracker.ods"]
            make_xlsx(files[0], args.rows)
            make_ods(files[1], args.rows)
        print(f"{'file':<28} {'reader':<16} {'seconds':>8} {'cells':>7} {'merges':>7} {'fills':>6}")
        for path in files:
            readers = {".xlsx": [("openpyxl", read_openpyxl), ("python-calamine", read_calamine)],
                       ".ods": [("odfpy", read_odfpy), ("python-calamine", read_calamine)]}[path.suffix]
            for name, reader in readers:
                try:
                    seconds, (cells, merged, fills) = timed(reader, path)
                except ImportError as e:
                    print(f"{path.name:<28} {name:<16} not installed ({e.name})")
                    continue
                print(f"{path.name:<28} {name:<16} {seconds:>8.3f} {cells:>7} {merged!s:>7} {fills!s:>6}")


if __name__ == "__main__":
    main()
