"""Text other extractors made from PDFs, put back into the PDF reading's layout (toolkit/extracted_text.py).

Each case is a faithful excerpt of what an extractor gives for a corpus report (the whole corpus in
six forms is compared in tests/test_any_text.py); here each rule is pinned on its own.
"""

from __future__ import annotations

from pathlib import Path

from safeguarding_kg.loaders.toolkit.extracted_text import extracted_pages
from safeguarding_kg.loaders.toolkit.sources import read_source

BODY = ("Social workers know the children they work with well and see them regularly, alone\n"
        "where appropriate. Their views are recorded and inform the plans made for them and\n"
        "the decisions taken about their lives, which are reviewed at regular intervals.\n")


def test_layout_padding_lone_numbers_and_form_feeds() -> None:
    """pdftotext -layout: indented paragraphs, a padded judgement row, paragraph numbers in their own
    column, and a number that ends a sentence ("Key Stage" / "4.") left where it is."""
    text = ("Judgement                                                  Grade\n"
            "Overall effectiveness                                      Good\n\n"
            "1.\n    With a clear sense of purpose and direction, an impressive independent chair,\n"
            "    a tenacious business manager and good engagement from partner agencies at Key Stage\n"
            "4.\n    2.\n    Further work is needed.\n\f"
            "   Next page text.\n\f")
    pages, from_extractor = extracted_pages(text)
    assert from_extractor
    assert pages == ["Judgement Grade\nOverall effectiveness Good\n1. With a clear sense of purpose and direction,"
                     " an impressive independent chair,\na tenacious business manager and good engagement from"
                     " partner agencies at Key Stage\n4.\n2. Further work is needed.", "Next page text."]


def test_pages_without_form_feeds_found_from_running_footers_and_page_numbers(tmp_path: Path) -> None:
    """pypdf/pdfplumber style: pages joined with a newline, the footer and page number on every page."""
    footer = "Inspection of Solihull local authority children’s services\n31 October 2022 to 11 November 2022 {n}\n"
    text = "".join(BODY * 4 + footer.format(n=n) for n in range(2, 7))
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    source = read_source(path)
    assert not any("Inspection of Solihull" in line or "2022" in line for line in source.lines)
    assert source.lines.count("") == 4  # a page break between the five pages
    assert source.pages_inferred and source.page_of(1) is None  # inferred pages are not cited


def test_a_paragraph_a_line_is_read_as_it_is() -> None:
    """A seed-like text (a paragraph a line, blank lines between) is no extractor's page text."""
    paragraph = "Inspection findings " + "and the children are seen regularly by their social workers " * 8
    assert extracted_pages("\n\n".join([paragraph] * 30)) is None


def test_poppler_merged_hyphen_lines_split_back() -> None:
    """pdftotext (plain) drops a line-end hyphen and merges the two lines: "decision-" + "making …"."""
    long = ("seen alone, and their views and feelings are considered in planning and decisionmaking that affects "
            "their lives. For those children who live away from Solihull,")
    text = BODY * 10 + long + "\n" + BODY + "Good decision-making is evident.\n\f"
    lines = extracted_pages(text)[0][0].split("\n")
    i = lines.index("seen alone, and their views and feelings are considered in planning and decision-")
    assert lines[i + 1] == "making that affects their lives. For those children who live away from Solihull,"


def test_grade_set_beside_the_middle_of_a_wrapped_area_cell() -> None:
    """pdfplumber puts a grade on the middle line of a two-line area cell, and a two-line grade
    around a one-line area."""
    text = ("Judgement Grade\nThe impact of leaders on social work practice with children\nOutstanding\nand families\n"
            "The experiences and progress of Requires improvement to be good\nchildren who need help and protection\n"
            "Requires improvement\nOverall effectiveness\nto be good\n"
            "Requires\n2. Children looked after and achieving permanence\nimprovement\n\f")
    assert extracted_pages(text)[0][0].split("\n") == [
        "Judgement Grade", "The impact of leaders on social work practice with children", "and families Outstanding",
        "The experiences and progress of", "children who need help and protection Requires improvement to be good",
        "Overall effectiveness Requires improvement", "to be good",
        "2. Children looked after and achieving permanence Requires", "improvement"]
