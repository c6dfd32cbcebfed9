"""The issue a recommendation or weakness raises, and when two raise the same one (the recurrence linker's test).

The pairs are the kinds of wrong link issue 18 lists (a catch-all theme, generic words, broad leadership
themes), written as inspection reports put them, and true recurrences of the sample corpus's kind."""

from __future__ import annotations

from safeguarding_kg.recurrence_issues import issue_of, shared_issue


def same(later: str, earlier: str, *, later_whole: bool = False, earlier_whole: bool = False):
    return shared_issue(issue_of(later, whole=later_whole), issue_of(earlier, whole=earlier_whole))


def test_the_same_process_named_in_other_words_is_the_same_issue() -> None:
    found = same("The timeliness of strategy meetings and inclusion of all relevant partners, including the police.",
                 "Ensure that strategy discussions are consistently effective as forums for sharing information.",
                 later_whole=True, earlier_whole=True)
    assert found is not None and "'strategy meeting'" in found.description


def test_the_reason_names_the_process_the_aspect_and_the_group() -> None:
    found = same("Timeliness of safeguarding checks for children in private fostering placements.",
                 "The awareness of private fostering remains underdeveloped, and the local authority has been too "
                 "slow to develop this area of work.", later_whole=True)
    assert found is not None
    assert found.description.startswith("timeliness in 'private foster")
    assert "for privately fostered children" in found.description


def test_a_generic_word_in_common_is_not_the_same_issue() -> None:
    # "initial health assessments delayed" and "the quality of assessments": the longer term is the process
    assert same("Initial health assessments for children coming into care are delayed.",
                "The quality of assessments so that children's diverse needs are explored.",
                earlier_whole=True) is None


def test_a_catch_all_group_is_not_a_process() -> None:
    # support for care leavers: two different care-leaver issues
    assert same("Care leavers do not receive timely help to find suitable accommodation.",
                "The support for care leavers to take up education, employment or training.",
                earlier_whole=True) is None


def test_one_leadership_function_in_different_services_is_not_the_same_issue() -> None:
    later = "Management oversight in the multi-agency safeguarding hub is not consistently recorded."
    earlier = "Management oversight in the fostering service is not always evident on children's records."
    assert same(later, earlier) is None


def test_different_groups_of_children_are_different_issues() -> None:
    assert same("Child protection plans for disabled children lack clear timescales.",
                "Child protection plans for children at risk of exploitation lack clear timescales.") is None
    assert same("Child protection plans for disabled children lack clear timescales.",
                "Child protection plans for children with disabilities are not specific.") is not None


def test_praise_in_a_weakness_is_not_read_as_its_issue() -> None:
    # only the clause that criticises says what is weak: the strategy meetings are praised here
    issue = issue_of("Strategy meetings are timely and well attended. However, child protection plans are too "
                     "vague and lack timescales.")
    assert any("protection" in key for key in issue.processes)
    assert not any("strategy" in key for key in issue.processes)
