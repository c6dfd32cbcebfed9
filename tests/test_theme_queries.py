"""The theme, service, polarity and recurrence queries, on the bundled sample corpus.

Expected answers were read in the documents (line numbers of the .txt seeds, or of the PDFs'
extracted text as ``read_source`` gives it), not taken from the queries' output. Themes and
polarity are the classifier's readings and may be refined, so the tests hold to what the
documents plainly say: a paragraph that only criticises is a weakness, one that only praises is
not, a recommendation that names private fostering is about private fostering.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from safeguarding_kg.api import KnowledgeGraph
from safeguarding_kg.named_queries import QueryParameterError, concept_vocabulary, get, library, to_term
from safeguarding_kg.namespaces import SG

CORPUS = Path(__file__).resolve().parent.parent / "sample-corpus"
SOLIHULL = "https://w3id.org/safeguarding-kg/id/authority/E08000029"
WOLVERHAMPTON = "https://w3id.org/safeguarding-kg/id/authority/E08000031"
ID = "https://w3id.org/safeguarding-kg/id/inspection/"
ILACS_2019, ILACS_2022 = ID + "E08000029/ilacs/2019-11-11", ID + "E08000029/ilacs/2022-10-31"
PRIVATE_FOSTERING, STRATEGY = SG.PrivateFostering.value, SG.StrategyMeetingsAndEnquiries.value


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    graph = KnowledgeGraph(tmp_path_factory.mktemp("theme-queries") / "s")
    reports = graph.load(CORPUS)
    assert not [r for r in reports if r.failed]
    yield graph
    graph.close()


def local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


# -- recurring-themes -------------------------------------------------------------------


def _years(rows: list[dict], theme: str) -> set[int]:
    return {r["year"] for r in rows if r["theme"] == theme}


def test_recurring_themes_of_solihull_include_private_fostering_and_strategy_meetings(kg: KnowledgeGraph) -> None:
    rows = kg.query("recurring-themes", authority="Solihull")
    assert {r["authority"] for r in rows} == {SOLIHULL}
    assert all(r["inspections"] >= 2 for r in rows)
    assert {r["kind"] for r in rows} <= {"recommendation", "weakness"}
    # Private fostering: 2019 ILACS recommendation 10 "The focus on and response to private fostering
    # arrangements" (2020 PDF line 63) and finding 17 "remains underdeveloped" (line 176); 2022 ILACS
    # recommendation 9 "safeguarding checks for children in private fostering placements" (2023 PDF line 76)
    # and finding 14 "The response ... is poor" (line 164). 2016 finding 33 (seed 000 line 195) criticises it
    # too but also praises prompt visits; the 2025 report (2026 PDF line 139) only praises it.
    private = _years(rows, PRIVATE_FOSTERING)
    assert {2019, 2022} <= private <= {2016, 2019, 2022}
    recommendations = {(r["year"], r["number"]) for r in rows
                       if r["theme"] == PRIVATE_FOSTERING and r["kind"] == "recommendation"}
    assert recommendations == {(2019, 10), (2022, 9)}
    # Strategy meetings: 2016 SIF recommendation 4 (seed 000 line 133), 2019 ILACS recommendation 2 (2020 PDF
    # line 47) and finding 43 "The delay in convening strategy meetings persists" (line 331), 2022 ILACS
    # finding 5 "Not all take place promptly" (2023 PDF line 100). The 2011 letter lists timely strategy
    # discussions among its strengths (seed 002 line 37), the 2025 report praises them (2026 PDF line 62).
    strategy = _years(rows, STRATEGY)
    assert {2016, 2019, 2022} <= strategy
    assert not strategy & {2011, 2025}
    assert {(r["year"], r["number"]) for r in rows
            if r["theme"] == STRATEGY and r["kind"] == "recommendation"} == {(2016, 4), (2019, 2)}


def test_recurring_themes_with_mixed_findings_take_in_2016_private_fostering(kg: KnowledgeGraph) -> None:
    rows = kg.query("recurring-themes", authority="Solihull", includeMixed=True)
    # Seed 000 line 195: "33. Private fostering does not receive the attention that it requires."
    assert _years(rows, PRIVATE_FOSTERING) == {2016, 2019, 2022}
    assert {r["inspections"] for r in rows if r["theme"] == PRIVATE_FOSTERING} == {3}
    assert "mixed finding" in {r["kind"] for r in rows}
    assert len(rows) > len(kg.query("recurring-themes", authority="Solihull"))


def test_recurrence_links_are_shown_as_inferred(kg: KnowledgeGraph) -> None:
    rows = kg.query("recurring-themes", authority="Solihull")
    linked = [r for r in rows if r["recurrenceOf"]]
    assert linked
    assert all(r["recurrenceInferred"] is True and 0 < r["recurrenceScore"] <= 1 for r in linked)
    assert all(r["earlierYear"] < r["year"] for r in linked)
    # The 2022 private fostering recommendation (9, "timeliness of safeguarding checks") raises again what 2019 did
    # (the work "too slow to develop"): the same issue, named.
    assert any(r["item"] == f"{ILACS_2022}/recommendation/9" and r["recurrenceOf"].startswith(ILACS_2019)
               and "private foster" in r["recurrenceIssue"] for r in linked)
    # Each recurrence names the issue; the weaker same-area relation is its own column, never a recurrence.
    assert all(r["recurrenceIssue"] for r in linked)
    assert any(r["sameAreaAs"] for r in rows)
    assert not {(r["item"], r["sameAreaAs"]) for r in rows} & {(r["item"], r["recurrenceOf"]) for r in linked}
    # No link stated by a document: every row without one has no score or inferred flag either.
    assert all(r["recurrenceScore"] is None and r["recurrenceInferred"] is None for r in rows if not r["recurrenceOf"])


def test_recurring_themes_min_inspections(kg: KnowledgeGraph) -> None:
    rows = kg.query("recurring-themes", authority="Solihull", minInspections=4)
    assert rows and all(r["inspections"] >= 4 for r in rows)
    assert PRIVATE_FOSTERING not in {r["theme"] for r in rows}


# -- themes-national --------------------------------------------------------------------


def test_themes_national_for_ilacs_in_2019(kg: KnowledgeGraph) -> None:
    rows = kg.query("themes-national", framework="sg:ILACS", **{"from": "2019-01-01", "to": "2019-12-31"})
    # The only ILACS inspection started in 2019 is Solihull's (11 November): its ten recommendations
    # (2020 PDF lines 45-63) are on quality assurance (1), strategy meetings (2), threshold visits (3),
    # return home interviews (4), plans (5), the disabled children's team (6), connected carers (7),
    # special guardianship (8), homeless 16- and 17-year-olds (9) and private fostering (10).
    assert all(r["inspections"] == 1 and r["authorities"] == 1 and r["recommendations"] <= 10 for r in rows)
    themes = {local(r["theme"]) for r in rows}
    assert {"PrivateFostering", "StrategyMeetingsAndEnquiries", "SpecialGuardianship", "HomelessSixteenSeventeen",
            "MissingChildren", "ConnectedCarers", "DisabledChildren", "QualityAssuranceAndAudit"} <= themes
    assert {r["framework"] for r in rows} == {SG.ILACS.value}
    counts = [r["recommendations"] for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert all(r["topTheme"] for r in rows)


def test_themes_national_by_framework_label_and_period(kg: KnowledgeGraph) -> None:
    by_label = kg.query("themes-national", framework="Single inspection framework")
    assert by_label == kg.query("themes-national", framework="SIF")
    # The SIF inspections: Solihull 2016 and Wolverhampton 2017. Both were told to improve how allegations
    # against adults are handled: Solihull's recommendation 6 (seed 000 line 135) and Wolverhampton's
    # board recommendation 115 (seed 004 line 716, "the work of the designated officer in managing allegations").
    assert all(r["authorities"] <= 2 for r in by_label)
    allegations = [r for r in by_label if local(r["theme"]) == "AllegationsAgainstAdults"]
    assert allegations and allegations[0]["authorities"] == 2 and allegations[0]["inspections"] == 2
    # No ILACS recommendation after 2023 is about private fostering (2026 PDFs of both authorities).
    later = kg.query("themes-national", framework="ILACS", **{"from": "2023-01-01"})
    assert later and PRIVATE_FOSTERING not in {r["theme"] for r in later}
    everything = kg.query("themes-national")
    assert max(r["authorities"] for r in everything) == 2


# -- authorities-on-theme ---------------------------------------------------------------


def test_authorities_recommended_on_private_fostering(kg: KnowledgeGraph) -> None:
    rows = kg.query("authorities-on-theme", theme="private fostering")
    # Solihull 2019 recommendation 10 and 2022 recommendation 9 (above); Wolverhampton's 2017 board
    # recommendation 115 names "private fostering arrangements" (seed 004 line 716). Solihull's 2016
    # recommendations do not mention it (seed 000 lines 131-141).
    found = {(r["authority"], r["start"].year, r["number"]) for r in rows}
    assert found == {(SOLIHULL, 2019, 10), (SOLIHULL, 2022, 9), (WOLVERHAMPTON, 2017, 115)}
    assert all("fostering" in r["text"].lower() for r in rows)
    assert rows == kg.query("authorities-on-theme", theme="sg:PrivateFostering")


def test_a_top_theme_takes_in_its_narrower_themes(kg: KnowledgeGraph) -> None:
    rows = kg.query("authorities-on-theme", theme="sg:VulnerableGroupsAndRisks", authority="Wolverhampton")
    # Wolverhampton 2022 ILACS (2022 PDF lines 39-48): children missing education (1), return home
    # interviews (2), homeless 16- and 17-year-olds (5); and 2017 recommendation 115 (private fostering).
    found = {(r["start"].year, r["number"]) for r in rows}
    assert {(2022, 1), (2022, 2), (2022, 5), (2017, 115)} <= found
    assert {r["authority"] for r in rows} == {WOLVERHAMPTON}
    broader = {r["assignedTheme"] for r in rows}
    vocabulary = kg.sparql("SELECT ?t WHERE { ?t skos:broader sg:VulnerableGroupsAndRisks }")
    assert broader <= {r["t"] for r in vocabulary}
    assert kg.query("authorities-on-theme", theme="private fostering", to="2018-12-31") == [
        r for r in kg.query("authorities-on-theme", theme="private fostering") if r["start"].year == 2017]


# -- service-findings -------------------------------------------------------------------


def test_findings_about_the_solihull_mash(kg: KnowledgeGraph) -> None:
    rows = kg.query("service-findings", service="MASH", authority="Solihull")
    assert rows == kg.query("service-findings", service="sg:MASH", authority="Solihull")
    assert {r["service"] for r in rows} == {SG.MultiAgencySafeguardingHub.value}
    # Every finding that names the MASH: seed 000 paragraphs 13, 14 (lines 165-166), 31 ("referred to the
    # MASH", line 192), 34 (line 196), 92 (line 303) and 94 (line 305); 2019 ILACS paragraph 5 (2020 PDF
    # line 88); two items of the 2021 focused visit (2021 PDF lines 63-77); 2022 ILACS paragraphs 3 and 40
    # (2023 PDF lines 90, 337); 2025 ILACS paragraph 2 (2026 PDF line 58).
    numbered = {(r["start"].year, r["number"]) for r in rows if r["number"] is not None}
    assert numbered == {(2016, 13), (2016, 14), (2016, 31), (2016, 34), (2016, 92), (2016, 94), (2019, 5),
                        (2022, 3), (2022, 40), (2025, 2)}
    assert sum(1 for r in rows if r["start"].year == 2021) == 2
    polarity = {(r["start"].year, r["number"]): local(r["polarity"]) for r in rows}
    assert polarity[(2016, 13)] == "Strength"  # "is making a positive difference", no criticism
    # Both praise and criticise: a reader calls them mixed, a stricter one weaknesses; never strengths.
    assert polarity[(2016, 14)] in ("Mixed", "Weakness")  # "well chaired ... However, once cases transfer ..."
    assert polarity[(2019, 5)] in ("Mixed", "Weakness")  # "held promptly, but do not always involve ..."
    assert polarity[(2022, 3)] == "Weakness"  # "has not led to ... There are significant delays"
    assert polarity[(2025, 2)] == "Strength"  # "promptly. Clear management oversight, strong partner involvement"


def test_service_findings_filtered_by_polarity_and_across_authorities(kg: KnowledgeGraph) -> None:
    weaknesses = kg.query("service-findings", service="multi-agency safeguarding hub", polarity="weakness")
    assert (SOLIHULL, 2022, 3) in {(r["authority"], r["start"].year, r["number"]) for r in weaknesses}
    assert {r["polarity"] for r in weaknesses} == {SG.Weakness.value}
    everyone = kg.query("service-findings", service="MASH")
    # Wolverhampton's 2022 and 2026 reports open help and protection with the MASH (2022 PDF line 50).
    assert {r["authority"] for r in everyone} == {SOLIHULL, WOLVERHAMPTON}


# -- area-weaknesses --------------------------------------------------------------------


def test_help_and_protection_weaknesses_of_solihull_over_time(kg: KnowledgeGraph) -> None:
    rows = kg.query("area-weaknesses", authority="Solihull", area="sg:HelpAndProtection")
    assert {r["area"] for r in rows} == {SG.HelpAndProtection.value}
    assert {r["polarity"] for r in rows} == {SG.Weakness.value}
    starts = [r["start"] for r in rows]
    assert starts == sorted(starts)
    grades = {r["start"].year: local(r["grade"]) for r in rows}
    assert grades.get(2016, "RequiresImprovement") == "RequiresImprovement"
    assert grades[2022] == "Inadequate"
    # The 2022 help and protection section (2023 PDF lines 78-110) opens with six paragraphs that only
    # criticise: "serious and widespread failures", "significant delays", "not sufficiently strong" …
    assert {1, 2, 3, 4, 5, 6} <= {r["number"] for r in rows if r["start"].year == 2022}
    per_year: dict[int, int] = {}
    for r in rows:
        per_year[r["start"].year] = per_year.get(r["start"].year, 0) + 1
    assert max(per_year, key=per_year.get) == 2022  # the inadequate inspection
    by_label = kg.query("area-weaknesses", authority="Solihull", area="children who need help and protection")
    assert by_label == rows
    mixed = kg.query("area-weaknesses", authority="Solihull", area="sg:HelpAndProtection", includeMixed=True)
    assert len(mixed) > len(rows) and {local(r["polarity"]) for r in mixed} == {"Weakness", "Mixed"}


# -- authorities-side-by-side -----------------------------------------------------------


def test_solihull_and_wolverhampton_side_by_side(kg: KnowledgeGraph) -> None:
    rows = {local(r["theme"]): r for r in kg.query("authorities-side-by-side", authority="Solihull",
                                                   other="Wolverhampton")}
    private = rows["PrivateFostering"]
    # Solihull: 2019 finding 17 and 2022 finding 14 (and 2016 finding 33 if read as a weakness);
    # Wolverhampton: 2017 finding 36 "too soon to evaluate ... cannot be confident" (seed 004 line 553) and
    # board finding 130 (line 741); its 2026 report praises private fostering work (2026 PDF line 122).
    assert (private["authority"], private["other"]) == (SOLIHULL, WOLVERHAMPTON)
    assert 2 <= private["authorityInspections"] <= 3 <= private["authorityWeaknesses"]
    assert private["otherInspections"] == 1 and private["otherWeaknesses"] >= 1
    # Strategy meetings: 2019 finding 43 and 2022 finding 5 (see recurring-themes above).
    assert rows["StrategyMeetingsAndEnquiries"]["authorityInspections"] >= 2
    for row in rows.values():
        assert row["authorityWeaknesses"] + row["otherWeaknesses"] > 0
        assert (row["authorityInspections"] == 0) == (row["authorityWeaknesses"] == 0)
        assert (row["otherInspections"] == 0) == (row["otherWeaknesses"] == 0)
    swapped = {local(r["theme"]): r for r in kg.query("authorities-side-by-side", authority="Wolverhampton",
                                                      other="Solihull")}
    assert set(swapped) == set(rows)
    assert all((swapped[t]["authorityWeaknesses"], swapped[t]["otherWeaknesses"])
               == (rows[t]["otherWeaknesses"], rows[t]["authorityWeaknesses"]) for t in rows)


def test_side_by_side_period_and_mixed(kg: KnowledgeGraph) -> None:
    before = {local(r["theme"]): r for r in kg.query("authorities-side-by-side", authority="Solihull",
                                                     other="Wolverhampton", to="2018-12-31")}
    # Up to 2018: Solihull's 2011 letter, 2016 SIF and 2018 focused visit; Wolverhampton's 2017 SIF and
    # 2018 focused visit. Private fostering was criticised in Wolverhampton's 2017 report only.
    assert all(r["authorityInspections"] <= 3 and r["otherInspections"] <= 2 for r in before.values())
    assert before["PrivateFostering"]["otherInspections"] == 1
    mixed = {local(r["theme"]): r for r in kg.query("authorities-side-by-side", authority="Solihull",
                                                    other="Wolverhampton", includeMixed=True)}
    # With findings that praise and criticise: Solihull 2016 paragraph 33 joins 2019 and 2022.
    assert mixed["PrivateFostering"]["authorityInspections"] == 3


# -- text-search theme and polarity filters -----------------------------------------------


def test_text_search_by_theme_and_polarity(kg: KnowledgeGraph) -> None:
    everything = kg.query("text-search", phrase="fostering", authority="Solihull")
    on_theme = kg.query("text-search", phrase="fostering", authority="Solihull", theme="private fostering")
    assert on_theme and len(on_theme) < len(everything)
    items = {r["item"] for r in on_theme}
    assert {f"{ILACS_2019}/recommendation/10", f"{ILACS_2022}/recommendation/9"} <= items
    # Seed 000 paragraph 56 is about fostering placements, not private fostering.
    assert f"{ID}E08000029/sif/2016-04-25/finding/56" not in items
    top = kg.query("text-search", phrase="fostering", authority="Solihull", theme="sg:VulnerableGroupsAndRisks")
    assert items <= {r["item"] for r in top}
    weak = kg.query("text-search", phrase="private fostering", authority="Solihull", polarity="sg:Weakness")
    # 2019 finding 17 "remains underdeveloped"; recommendations have no polarity and drop out; the 2025
    # paragraph (2026 PDF line 139) praises.
    assert f"{ILACS_2019}/finding/HelpAndProtection/17" in {r["item"] for r in weak}
    assert {r["class"] for r in weak} == {SG.Finding.value}
    assert all(r["start"].year != 2025 for r in weak)


# -- the concept parameter type -------------------------------------------------------------


def _concept(value: str, scheme: str | None = None) -> str:
    query = get("authorities-on-theme" if scheme == "sg:Themes" else "service-findings")
    parameter = query.parameter("theme" if scheme == "sg:Themes" else "service")
    if scheme is None:
        from dataclasses import replace
        parameter = replace(parameter, scheme=None)
    return to_term(parameter, value).value


def test_concept_parameters_take_names_iris_and_labels() -> None:
    theme = SG.PrivateFostering.value
    assert _concept("sg:PrivateFostering", "sg:Themes") == theme
    assert _concept(theme, "sg:Themes") == theme
    assert _concept("  Private Fostering ", "sg:Themes") == theme
    assert _concept("privately fostered children", "sg:Themes") == theme  # an altLabel
    assert _concept("MASH", "sg:ServiceTypes") == SG.MultiAgencySafeguardingHub.value
    assert _concept("out of hours service", "sg:ServiceTypes") == SG.EmergencyDutyTeam.value  # "out-of-hours"
    assert _concept("ILACS") == SG.ILACS.value
    # The same label in two schemes is resolved by the parameter's scheme.
    assert _concept("CDOP", "sg:ServiceTypes") == SG.ChildDeathOverviewPanel.value
    assert _concept("CDOP", "sg:Themes") == SG.ChildDeathReviews.value
    assert concept_vocabulary() is concept_vocabulary()  # the Turtle is read once


def test_unknown_or_ambiguous_concepts_are_refused_with_candidates() -> None:
    with pytest.raises(QueryParameterError, match=r"ambiguous.*sg:ChildDeathOverviewPanel.*sg:ChildDeathReviews"):
        _concept("CDOP")
    with pytest.raises(QueryParameterError, match=r"no concept in sg:Themes is named 'privat fostering'.*"
                                                  r"sg:PrivateFostering \(Private fostering\)"):
        get("authorities-on-theme").bound_text({"theme": "privat fostering"})
    with pytest.raises(QueryParameterError, match=r"did you mean .*sg:FosteringSufficiencyAndRecruitment.*"
                                                  r"sg:PrivateFostering"):
        get("authorities-on-theme").bound_text({"theme": "fostering"})
    with pytest.raises(QueryParameterError, match=r"sg:PrivateFostering is not a concept in sg:ServiceTypes"):
        get("service-findings").bound_text({"service": "sg:PrivateFostering"})
    with pytest.raises(QueryParameterError, match=r"area='Narnia'.*type concept"):
        get("area-weaknesses").bound_text({"authority": "Solihull", "area": "Narnia"})
    with pytest.raises(QueryParameterError, match="needs --param theme"):
        get("authorities-on-theme").bound_text({})


def test_every_concept_parameter_example_resolves_in_its_scheme() -> None:
    concept_parameters = [(q, p) for q in library().values() for p in q.parameters if p.type == "concept"]
    assert {q.name for q, _ in concept_parameters} >= {"themes-national", "authorities-on-theme", "service-findings",
                                                        "area-weaknesses", "text-search"}
    for query, parameter in concept_parameters:
        assert parameter.scheme, (query.name, parameter.name)
        value = to_term(parameter, parameter.example or parameter.default)
        assert parameter.scheme.removeprefix("sg:") in {local(s) for s in concept_vocabulary().schemes[value.value]}


def test_examples_with_prefixed_names_keep_their_colon() -> None:
    parameter = get("recommendation-trace").parameter("recommendation")
    assert parameter.example == "sgid:inspection/E08000029/ilacs/2019-11-11/recommendation/2"
    assert parameter.description == "the recommendation's IRI"
