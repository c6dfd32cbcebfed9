"""read_pdf_pages on real Ofsted PDFs (the sample corpus and tests/fixtures/pdf) and on broken ones made here."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from safeguarding_kg.loaders.toolkit import pages as pages_module
from safeguarding_kg.loaders.toolkit import pdf as pdf_module
from safeguarding_kg.loaders.toolkit.errors import SourceError
from safeguarding_kg.loaders.toolkit.pdf import read_pdf_pages

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
# 40 pages, bare page numbers at the top
SOLIHULL = Path(__file__).parent.parent / "sample-corpus" / "solihull_inspection_2016-07-07.pdf"
BLACKBURN = FIXTURES / "blackburn-with-darwen_inspection_2022-03-18.pdf"  # 11 pages, two-line running header


@pytest.fixture(scope="module")
def solihull() -> list[str]:
    return read_pdf_pages(SOLIHULL)


@pytest.fixture(scope="module")
def blackburn() -> list[str]:
    return read_pdf_pages(BLACKBURN)


# --------------------------------------------------------------------------- real reports


def test_page_counts(solihull: list[str], blackburn: list[str]) -> None:
    assert len(solihull) == 40
    assert len(blackburn) == 11


def test_numbered_paragraph_starts_its_line_on_the_right_page(solihull: list[str]) -> None:
    lines = solihull[10].split("\n")  # printed page 11
    assert "12. Although children and families are able to access a good range of supportive" in lines
    assert "12. Although" not in "\n".join(solihull[:10])


def test_known_sentence_on_the_right_page(blackburn: list[str]) -> None:
    assert "The response to children who experience domestic abuse is inconsistent." in blackburn[2]


def test_judgement_table_row_stays_on_one_line(solihull: list[str]) -> None:
    lines = solihull[0].split("\n")
    assert "1. Children who need help and protection Requires improvement" in lines
    assert "3. Leadership, management and governance Requires improvement" in lines


def test_bare_page_numbers_removed_body_kept(solihull: list[str]) -> None:
    # Every printed page starts with its number in the raw text; none is left, the heading is.
    assert solihull[10].split("\n")[0] == "Inspection findings"
    assert solihull[0].split("\n")[0] == "Metropolitan Borough of Solihull"
    for page in solihull:
        assert not page.split("\n")[0].strip().isdigit()


def test_running_header_removed_body_kept(blackburn: list[str]) -> None:
    header = "Inspection of Blackburn with Darwen local authority children’s services"
    for number, page in enumerate(blackburn[1:], start=2):
        assert header not in page.split("\n")
        assert f"24 January to 4 February 2022 {number}" not in page
    assert blackburn[1].split("\n")[0].startswith("the support provided to them is appropriately focused.")
    # Page 1 has its title split over two lines: it is body text and stays.
    assert blackburn[0].startswith("Inspection of Blackburn with Darwen\nlocal authority children’s services")
    assert "Inspection dates: 24 January to 4 February 2022" in blackburn[0]


def test_private_use_bullets_become_dashes(solihull: list[str]) -> None:
    assert "- The local authority does not operate any children’s homes." in solihull[4].split("\n")
    assert not any("\ue000" <= ch <= "\uf8ff" for page in solihull for ch in page)


def test_line_end_hyphen_kept_on_its_line_not_joined(blackburn: list[str]) -> None:
    # PDFium reports "Over-⏎optimism" as "Over\ufffeoptimism"; the printed line break comes back.
    lines = blackburn[2].split("\n")
    at = lines.index("9. The response to children who experience domestic abuse is inconsistent. Over-")
    assert lines[at + 1].startswith("optimism about parental capacity to change")
    assert not any(ch in page for page in blackburn for ch in "\ufffe\r\u00ad")


def test_no_trailing_spaces_or_control_characters(solihull: list[str]) -> None:
    for page in solihull:
        for line in page.split("\n"):
            assert line == line.rstrip()
            assert not any(ord(ch) < 32 and ch != "\t" for ch in line)


# --------------------------------------------------------------------------- normalisation units


def test_clean_page_fixes_ligatures_soft_hyphens_crlf_and_bullets() -> None:
    raw = "\uf0b7 \ufb01nding a\u00adgreed \r\nsafe\u00ad\r\nguarding\r\u2022 next\ufb02oor \x0c"
    assert pages_module.clean_page(raw) == ["- finding agreed", "safe-", "guarding", "- nextfloor"]


def test_page_of_lines_and_repeated_headers_footers_removed() -> None:
    words = ["alpha", "bravo", "charlie", "delta"]
    pages = [
        ["Report title", f"Body {w} starts", f"and {w} ends", f"Ofsted {2016 + n} report", f"Page {n} of 4"]
        for n, w in enumerate(words, start=1)
    ]
    # Page 1 keeps its top line: the title, which later pages repeat as their running header.
    assert pages_module.strip_running_lines(pages) == [["Report title", "Body alpha starts", "and alpha ends"]] + [
        [f"Body {w} starts", f"and {w} ends"] for w in words[1:]]


def test_a_title_repeated_as_the_running_header_stays_the_title_of_page_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real ILACS report as it would read if every later page repeated the title line as its
    header: the header goes from pages 2 on, the title stays, and the report reads the same."""
    from safeguarding_kg.loading import extract

    path = Path(__file__).parent.parent / "sample-corpus" / "solihull_inspection_2020-01-09.pdf"
    original = extract(path, path.read_bytes())
    raw = pdf_module._extract_pages(path)
    title = read_pdf_pages(path)[0].split("\n", 1)[0]
    assert title == "Solihull Metropolitan Borough Council"
    monkeypatch.setattr(pdf_module, "_extract_pages", lambda _path: [raw[0]] + [f"{title}\n{page}" for page in raw[1:]])
    pages = read_pdf_pages(path)
    assert pages[0].split("\n", 1)[0] == title
    assert all(title not in page.split("\n")[:3] for page in pages[1:])
    headed = extract(path, path.read_bytes())
    assert headed.authority == "Solihull" and headed.counts == original.counts
    assert sorted(map(str, headed.quads)) == sorted(map(str, original.quads))


def test_bare_number_kept_when_it_is_not_the_page_number() -> None:
    # A table whose last cell is "7" on every page is data, not a page number.
    pages = [[f"{word} row", "7"] for word in ("alpha", "bravo", "charlie", "delta")]
    assert pages_module.strip_running_lines(pages) == pages


# --------------------------------------------------------------------------- errors


def test_truncated_pdf_raises(tmp_path: Path) -> None:
    data = SOLIHULL.read_bytes()
    broken = tmp_path / "half.pdf"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceError, match=r"truncated|corrupt"):
        read_pdf_pages(broken)


def test_random_bytes_are_not_a_pdf(tmp_path: Path) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(os.urandom(4096).replace(b"%PDF-", b"xxxxx"))
    with pytest.raises(SourceError, match=r"^not a PDF"):
        read_pdf_pages(junk)


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(SourceError, match="empty"):
        read_pdf_pages(empty)


def test_password_protected_pdf_made_with_pikepdf(tmp_path: Path) -> None:
    import pikepdf  # a test dependency (setup.cfg, extra "test")
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(BLACKBURN) as document:
        document.save(locked, encryption=pikepdf.Encryption(owner="owner", user="secret", R=6))
    with pytest.raises(SourceError, match=r"password|encrypted"):
        read_pdf_pages(locked)


def test_password_protected_pdf_hand_built(tmp_path: Path) -> None:
    # A Standard security handler whose /U does not match the empty password: PDFium asks for one.
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(
        _minimal_pdf(encrypt="<< /Filter /Standard /V 1 /R 2 /O <" + "11" * 32 + "> /U <" + "22" * 32 + "> /P -4 >>")
    )
    with pytest.raises(SourceError, match=r"password|encrypted"):
        read_pdf_pages(locked)


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    blank = tmp_path / "scan.pdf"
    document = pdfium.PdfDocument.new()
    try:
        document.new_page(595, 842)
        document.save(blank)
    finally:
        document.close()
    with pytest.raises(SourceError, match="no text layer"):
        read_pdf_pages(blank)


def test_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module, "MAX_PDF_BYTES", 1000)
    with pytest.raises(SourceError, match="too large"):
        read_pdf_pages(BLACKBURN)


def test_too_many_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module, "MAX_PDF_PAGES", 10)
    with pytest.raises(SourceError, match="too many pages"):
        read_pdf_pages(BLACKBURN)


def test_limits_are_module_constants() -> None:
    assert pdf_module.MAX_PDF_BYTES == 200 * 2**20
    assert pdf_module.MAX_PDF_PAGES == 2000


def _minimal_pdf(encrypt: str) -> bytes:
    """A one-page PDF with a correct xref table, so only the /Encrypt dictionary can fail it."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        encrypt,
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    file_id = "<" + "00" * 16 + ">"
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Encrypt 4 0 R /ID [{file_id} {file_id}] >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return out
