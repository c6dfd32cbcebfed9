"""Tab-separated and markdown tables: page-break pieces joined, <p> cells, separator rows."""

from __future__ import annotations

from pathlib import Path

from safeguarding_kg.loaders.toolkit.tables import (
    is_continuation,
    is_separator,
    read_markdown_table,
    read_tab_table,
    split_markdown_row,
)

CORPUS = Path(__file__).resolve().parent.parent / "sample-corpus"
SEED = CORPUS / "solihull_ilacs-action-plan_2020.txt"
PACK = CORPUS / "wolverhampton_corporate-parenting-board-pack_2017-05-18.txt"


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_seed_table_with_a_piece_continuing_one_column() -> None:
    rows, end = read_tab_table(lines_of(SEED), 40)
    assert [r.line for r in rows] == [40, 41, 42, 43, 44, 47, 48]
    assert end == 49
    assert rows[4].continued_at == [46] and rows[4].continued_columns == {3}
    assert rows[4].cells[3].endswith("following agreement at strategic meetings Consideration of likely impact of Nov "
                                      "2020 4 week lockdown has resulted in decision to scale back intended "
                                      "implementation in November – with service wide implementation in Jan 2021")


def test_seed_table_with_a_piece_continuing_several_columns() -> None:
    rows, _ = read_tab_table(lines_of(SEED), 62)
    row = next(r for r in rows if r.line == 65)
    assert row.cells[:3] == [
        "In cases where any delay has been identified (internal or external) escalation policies "
        "to be followed e.g. police and any other organisation, and senior managers to be notified",
        "Head of Service Family Support", "Ongoing"]
    assert row.continued_columns == {0, 1, 3}


def test_p_wrapped_cells_and_separator_rows() -> None:
    rows, end = read_tab_table(lines_of(SEED), 98)
    assert len(rows) == 10  # header + 9 actions: pieces at 105 and 111 joined, separator at 112 dropped
    assert rows[5].cells[3].startswith("Unannounced visits") and "<p>" not in rows[5].cells[3]
    assert "identify those receiving a service. All interviewers trained" in rows[5].cells[3]
    assert rows[6].cells[1] == "Missing and Exploitation Team Manager, supported by the Commissioning Officer"
    assert rows[9].cells[0].endswith("and is following the Solihull process and actions are in place to prevent "
                                     "repeat missing episodes")
    assert end == 113


def test_a_new_row_after_a_page_break_is_not_a_continuation() -> None:
    assert not is_continuation(["Action one", "Lead", "May 2020", "Done"], ["Action two", "Lead", "June 2020", ""])
    assert is_continuation(["Action one", "Lead", "May 2020", "Done"], ["", "", "", "more progress"])
    assert is_continuation(["Action one", "Head of", "May 2020", "Done"], ["and more", "Service", "", "x"])


def test_separators() -> None:
    assert is_separator(["--", "--", "--", "---"])
    assert is_separator(["----", "---"])
    assert not is_separator(["", ""])
    assert not is_separator(["- item", "x"])


def test_markdown_rows_spanning_lines() -> None:
    rows, end = read_markdown_table(lines_of(PACK), 52)
    assert [r.cells[0] for r in rows] == ["Item No.", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
    assert rows[3].cells[1] == ("Minutes of the previous meeting - 16 March 2017 (Pages 3 - 6)\n"
                                "[To approve the minutes of the previous meeting as a correct record]")
    assert rows[8].cells[1].endswith("[TO FOLLOW]")
    assert end == 71
    assert split_markdown_row("- | <i>Item No.</i> | <i>Title</i> |") == ["Item No.", "Title"]
