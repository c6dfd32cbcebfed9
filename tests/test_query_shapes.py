"""The named queries shaped for Oxigraph's join order answer exactly what their plain formulations answer.

Several queries in ``queries/`` are written so that Oxigraph starts from the bound parameter and reads
large predicates in one scan (see the comments in each file and the ``# @bind`` marks). Their plain
formulations are kept in ``tests/fixtures/queries-plain/``; both run here on the sample corpus with many
parameter combinations and must give the same rows (as multisets: ties in ORDER BY may come in any order).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from safeguarding_kg.loading import load_paths
from safeguarding_kg.named_queries import get, parse_header
from safeguarding_kg.store import GraphStore

HERE = Path(__file__).resolve().parent
SAMPLE_CORPUS = HERE.parent / "sample-corpus"
PLAIN = HERE / "fixtures" / "queries-plain"
S, W = "Solihull", "Wolverhampton"
SIF_2016 = "sgid:inspection/E08000029/sif/2016-04-25"
ILACS_2019 = "sgid:inspection/E08000029/ilacs/2019-11-11"

CASES: list[tuple[str, dict[str, str]]] = [
    ("actions-overdue", {}), ("actions-overdue", {"authority": S}), ("actions-overdue", {"asOf": "2021-03-31"}),
    ("actions-overdue", {"authority": W, "asOf": "2030-01-01"}),
    ("actions-per-owner", {}), ("actions-per-owner", {"authority": S}), ("actions-per-owner", {"authority": W}),
    ("area-weaknesses", {"authority": S, "area": "sg:HelpAndProtection"}),
    ("area-weaknesses", {"authority": S, "area": "sg:HelpAndProtection", "includeMixed": "true"}),
    ("area-weaknesses", {"authority": W, "area": "children in care", "includeMixed": "true"}),
    ("area-weaknesses", {"authority": S, "area": "sg:SafeguardingBoardEffectiveness", "includeMixed": "true"}),
    ("authorities-on-theme", {"theme": "sg:PrivateFostering"}),
    ("authorities-on-theme", {"theme": "sg:VulnerableGroupsAndRisks"}),
    ("authorities-on-theme", {"theme": "sg:CaseworkPractice", "authority": S}),
    ("authorities-on-theme", {"theme": "sg:CaseworkPractice", "authority": W, "from": "2016-01-01"}),
    ("authorities-on-theme", {"theme": "sg:CaseworkPractice", "from": "2016-01-01", "to": "2020-12-31"}),
    ("authorities-side-by-side", {"authority": S, "other": W}),
    ("authorities-side-by-side", {"authority": S, "other": S}),
    ("authorities-side-by-side", {"authority": W, "other": S, "includeMixed": "true", "from": "2012-01-01",
                                  "to": "2022-12-31"}),
    ("board-recommendations", {}), ("board-recommendations", {"authority": S}),
    ("board-recommendations", {"authority": W}),
    ("committee-on-inspection", {}), ("committee-on-inspection", {"authority": W}),
    ("committee-on-inspection", {"inspection": "sgid:inspection/E08000031/sif/2017-01-16"}),
    ("committee-on-inspection", {"inspection": SIF_2016, "authority": S}),
    ("judgement-timeline", {"authority": S}), ("judgement-timeline", {"authority": W}),
    ("recommendation-trace", {"recommendation": ILACS_2019 + "/recommendation/2"}),
    ("recommendation-trace", {"recommendation": SIF_2016 + "/recommendation/1"}),
    ("recommendation-trace", {"recommendation": SIF_2016}),
    ("recommendations-without-action", {}), ("recommendations-without-action", {"authority": S}),
    ("recommendations-without-action", {"authority": W}),
    ("recurring-themes", {"authority": S}), ("recurring-themes", {"authority": W, "includeMixed": "true"}),
    ("recurring-themes", {"authority": S, "minInspections": "3"}),
    ("recurring-themes", {"authority": W, "minInspections": "1", "includeMixed": "true"}),
    ("text-search", {"phrase": "private fostering"}), ("text-search", {"phrase": "private fostering", "authority": S}),
    ("text-search", {"phrase": "assessment", "theme": "sg:CaseworkPractice", "polarity": "weakness"}),
    ("text-search", {"phrase": "the", "authority": W, "from": "2016-01-01", "to": "2020-12-31"}),
    ("text-search", {"phrase": "Missing", "theme": "sg:MissingChildren", "authority": S}),
    ("text-search", {"phrase": "no such phrase anywhere"}),
    ("inspections-by-inspector", {"inspector": "a"}), ("inspections-by-inspector", {"inspector": "Nigel Parkes"}),
    ("inspections-by-inspector", {"inspector": "nobody of that name"}),
    ("latest-grades", {}), ("latest-grades", {"region": "West Midlands"}), ("latest-grades", {"region": "London"}),
    ("themes-national", {}), ("themes-national", {"framework": "sg:ILACS", "from": "2018-01-01"}),
    ("themes-national", {"framework": "SIF", "to": "2016-12-31"}),
]


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    store = GraphStore(tmp_path_factory.mktemp("shapes") / "store")
    reports = load_paths(store, [SAMPLE_CORPUS])
    assert not [r for r in reports if r.failed]
    yield store
    store.close()


def _rows(store: GraphStore, text: str) -> tuple[list[str], Counter]:
    """The columns and the rows (a multiset: ties in ORDER BY may come in any order)."""
    result = store.query(text)
    columns = [v.value for v in result.variables]
    return columns, Counter(tuple(str(row[c]) if row[c] is not None else None for c in columns) for row in result)


@pytest.mark.parametrize(("name", "params"), CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
def test_shaped_query_answers_as_its_plain_formulation(corpus_store: GraphStore, name: str,
                                                       params: dict[str, str]) -> None:
    plain = parse_header(name, (PLAIN / f"{name}.rq").read_text(encoding="utf-8")).bound_text(params)
    shaped = get(name).bound_text(params)
    assert _rows(corpus_store, shaped) == _rows(corpus_store, plain)


def test_every_plain_formulation_has_cases_with_rows(corpus_store: GraphStore) -> None:
    """The comparison means something only where the query answers something on the sample corpus."""
    answered = {name for name, params in CASES if corpus_store.select(get(name).bound_text(params))}
    assert answered == {path.stem for path in PLAIN.glob("*.rq")}


def test_plain_formulations_take_the_same_parameters() -> None:
    for path in PLAIN.glob("*.rq"):
        assert parse_header(path.stem, path.read_text(encoding="utf-8")).parameters == get(path.stem).parameters
