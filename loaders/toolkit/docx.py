"""Reading Word (.docx) files as lines: paragraphs as they are, table rows as tab-separated cells.

Tab-separated rows are how text exports of action plans lay tables out, so one table
parser serves text, PDF and Word. Horizontally merged cells are read once (the columns they
span after the first are empty, so cells stay under their headers); vertically
merged cells repeat their text in every row they span, as a reader sees them.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from safeguarding_kg.loaders.toolkit.errors import SourceError


def read_docx_lines(data: bytes) -> list[str]:
    """The document's lines; a damaged file (zip, compression or XML) raises :class:`SourceError`."""
    from lxml.etree import XMLSyntaxError

    try:
        return _lines(data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as e:
        raise SourceError(f"not a readable Word document: the zip container is damaged ({e})") from e
    except zlib.error as e:
        raise SourceError(f"damaged Word document: compressed data cannot be unpacked ({e})") from e
    except XMLSyntaxError as e:
        raise SourceError(f"damaged Word document: its XML is malformed or too large ({e})") from e
    except KeyError as e:
        raise SourceError(f"not a Word document: a required part is missing ({e})") from e
    except ValueError as e:
        raise SourceError(f"not a readable Word document ({e})") from e


def _lines(data: bytes) -> list[str]:
    import docx  # python-docx; imported here to keep the CLI start fast
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.extend(Paragraph(child, document).text.split("\n"))
        elif tag == "tbl":
            lines.append("")
            lines.extend(_table_lines(Table(child, document)))
            lines.append("")
    return lines


def _table_lines(table) -> list[str]:
    """One tab-separated line per row, one cell per grid column so columns stay under their header.

    python-docx returns a horizontally merged cell once per grid column it spans: its text is
    given in the first of them and the others are left empty (reading it once, not repeating it).
    """
    rows = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            if cell._tc is previous:
                cells.append("")
                continue
            previous = cell._tc
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        rows.append("\t".join(cells))
    return rows
