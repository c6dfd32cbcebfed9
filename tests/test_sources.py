"""Reading source files: text encodings, Word tables, and clear refusals of what cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from safeguarding_kg.loaders.toolkit.errors import SourceError
from safeguarding_kg.loaders.toolkit.sources import read_source

LETTER = "solihull_unannounced-inspection-letter_2011.txt"


def test_text_lines_are_the_file_lines(sample_corpus: Path) -> None:
    source = read_source(sample_corpus / LETTER)
    assert source.lines[10] == "Dear Ms Heale"  # line 11, as `cat -n` numbers it
    assert source.pages is None and source.page_of(11) is None
    assert len(source.sha256) == 64


def test_windows_1252_text_is_detected_and_read(tmp_path: Path, sample_corpus: Path) -> None:
    text = (sample_corpus / LETTER).read_text(encoding="utf-8").replace("'", "’")
    path = tmp_path / "letter-cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    assert read_source(path).lines == text.splitlines()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n \t\n", "empty file"),
        ("junk.txt", bytes(range(256)) * 40, "binary file"),
        ("chinese.txt", ("儿童服务检查报告。" * 200).encode("gb18030"), "not UTF-8"),
        ("slides.pptx", b"PK\x03\x04 not a format we read", "unsupported file type"),
        ("sheet.xlsx", b"PK\x03\x04 not really a workbook", "not a readable Excel workbook"),
        ("sheet.ods", b"PK\x03\x04 not really a spreadsheet", "not a readable OpenDocument spreadsheet"),
        ("fake.docx", b"PK\x03\x04 truncated zip", "not a readable Word document"),
    ],
)
def test_unreadable_files_are_refused_with_the_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError, match=reason):
        read_source(path)


def test_word_tables_become_tab_separated_rows_with_merged_cells_once(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Ofsted recommendation 1")
    table = document.add_table(rows=4, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Action", "Who", "By when"], strict=True):
        cell.text = text
    table.cell(1, 0).text = "Review the audit process"
    table.cell(1, 1).merge(table.cell(2, 1)).text = "Head of Service Safeguards"  # one owner for two rows
    table.cell(1, 2).text = "November 2020"
    table.cell(2, 0).text = "Share learning"
    table.cell(2, 2).text = "Feb 2021"
    table.cell(3, 0).text = "Develop data sets"
    table.cell(3, 1).merge(table.cell(3, 2)).text = "Ongoing"  # one cell across two columns
    document.add_paragraph("Expected Outcomes")
    path = tmp_path / "plan.docx"
    document.save(path)

    lines = [line for line in read_source(path).lines if line]
    assert lines == [
        "Ofsted recommendation 1",
        "Action\tWho\tBy when",
        "Review the audit process\tHead of Service Safeguards\tNovember 2020",
        "Share learning\tHead of Service Safeguards\tFeb 2021",
        "Develop data sets\tOngoing\t",  # merged across two columns: read once, the column kept
        "Expected Outcomes",
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le-nobom", "utf-16-be-bom", "utf-32", "utf-32-be-bom",
                                      "utf-8-sig"])
def test_unicode_text_with_a_byte_order_mark_reads_as_the_same_lines(tmp_path: Path, sample_corpus: Path,
                                                                     encoding: str) -> None:
    import codecs

    text = (sample_corpus / LETTER).read_text(encoding="utf-8")
    data = {"utf-16-le-nobom": lambda: text.encode("utf-16-le"),
            "utf-16-be-bom": lambda: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
            "utf-32-be-bom": lambda: codecs.BOM_UTF32_BE + text.encode("utf-32-be")}.get(
        encoding, lambda: text.encode(encoding))()
    path = tmp_path / "letter.txt"
    path.write_bytes(data)
    assert read_source(path).lines == text.splitlines()


def test_a_damaged_utf16_text_is_refused_saying_so(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"\xff\xfe" + "Ofsted".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate at the end
    with pytest.raises(SourceError, match="damaged UTF-16"):
        read_source(path)


def test_only_regular_files_are_read_and_none_is_waited_on(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would block without O_NONBLOCK
    (tmp_path / "dangling.txt").symlink_to("gone.txt")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    for name, reason in [("pipe.txt", "named pipe"), ("dangling.txt", "broken symbolic link"),
                         ("loop.txt", "symbolic link loop"), ("missing.txt", "no such file")]:
        with pytest.raises(SourceError, match=reason):
            read_source(tmp_path / name)
