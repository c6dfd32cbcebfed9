"""Fault injection, queries: injection strings in every parameter of every named query.

A value is either refused with a parameter error naming the parameter, or bound as one RDF term
(never pasted as SPARQL): the bound query parses, carries the value only as an escaped term,
and leaves the store exactly as it was. A few go through the installed ``sgkg query`` too.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from pyoxigraph import BlankNode

from safeguarding_kg.named_queries import QueryParameterError, library, to_term
from safeguarding_kg.results import run

SGKG = Path(os.environ.get("VIRTUAL_ENV", Path(__file__).resolve().parents[1] / ".venv")) / "bin" / "sgkg"
#: SPARQL and IRI breakouts, comment and escape tricks, type confusion, sizes, control characters.
INJECTIONS = [
    '" } ; DROP ALL ; #', "' } ; CLEAR DEFAULT ; #", '"""} DELETE WHERE { ?s ?p ?o } #',
    "x\" . ?s ?p ?o } UNION { ?s ?p ?o", "\\\" } #", "\\u0022 } #", '"\n} INSERT DATA { <a:b> <a:b> <a:b> }\n#',
    "> } DELETE WHERE { ?s ?p ?o } #", "http://x/> } DROP ALL #", "urn:x> ?p ?o } #", "<http://x>",
    "javascript:alert(1)", "http://example.org/a b", "http://example.org/{a}", "http://ex.org/\"q\"",
    "1 } UNION { ?s ?p ?o }", "1; DROP ALL", "1e400", "-0", "99999999999999999999999999999",
    "2020-01-01\"^^xsd:date } #", "2020-13-45", "2020-01-01T00:00:00", "0000-00-00",
    "true } UNION { ?s ?p ?o }", "yes' OR '1'='1", "' OR '1'='1", "Solihull\" } #", "Solihull' } #",
    "sg:Grades } UNION { ?s ?p ?o }", "theme:safeguarding> } #", "\x00", "\x1b[31m", "\r\n\r\n",
    "%22%7D%20DROP%20ALL", "A" * 20000, "😀\u202e", "?s", "$x",
]


def _quads(store) -> set:
    return {q for q in store._store if not any(isinstance(t, BlankNode) for t in (q.subject, q.object))}


@pytest.mark.parametrize("query", sorted((q for q in library().values() if q.parameters), key=lambda q: q.name),
                         ids=lambda q: q.name)
def test_every_parameter_binds_or_refuses_every_injection_and_the_store_is_untouched(query, sample_store) -> None:
    before = _quads(sample_store)
    for parameter in query.parameters:
        others = {p.name: p.example or p.default for p in query.parameters
                  if p.required and p.name != parameter.name and (p.example or p.default)}
        for value in INJECTIONS:
            try:
                text = query.bound_text({**others, parameter.name: value})
            except QueryParameterError as e:
                assert parameter.name in str(e), (parameter.name, value, str(e))
                continue
            # Bound as one term: the query is the one bound with a harmless value, that term swapped for
            # this one, and it parses and runs as written.
            taken = {str(to_term(query.parameter(n), v)) for n, v in others.items()}
            if parameter.example and not {str(to_term(parameter, value)),
                                          str(to_term(parameter, parameter.example))} & taken:
                harmless = query.bound_text({**others, parameter.name: parameter.example})
                swapped = harmless.replace(str(to_term(parameter, parameter.example)), str(to_term(parameter, value)))
                assert text == swapped, (parameter.name, value)
            run(sample_store, text, query.name)
    assert _quads(sample_store) == before


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two documents in a closed store, for the CLI (which takes the store's lock)."""
    from safeguarding_kg.loading import load_paths
    from safeguarding_kg.store import GraphStore

    path = tmp_path_factory.mktemp("injection") / "store"
    sample = Path(__file__).resolve().parents[1] / "sample-corpus"
    with GraphStore(path) as store:
        load_paths(store, [sample / "solihull_inspection-and-lscb-review_2016.txt",
                           sample / "solihull_ilacs-action-plan_2020.txt"])
    return path


@pytest.mark.parametrize("value", ['" } ; DROP ALL ; #', "> } DELETE WHERE { ?s ?p ?o } #", "\x1b[31m", "1e400"])
def test_injections_through_the_installed_cli_give_results_or_a_message(value: str, small_store: Path) -> None:
    from safeguarding_kg.store import GraphStore

    with GraphStore(small_store) as store:
        before = _quads(store)
    for query in sorted(library().values(), key=lambda q: q.name):
        for parameter in query.parameters:
            others = [f"{p.name}={p.example or p.default}" for p in query.parameters
                      if p.required and p.name != parameter.name]
            args = [str(SGKG) if SGKG.exists() else "sgkg", "query", query.name, "--store", str(small_store)]
            for item in [*others, f"{parameter.name}={value}"]:
                args += ["--param", item]
            done = subprocess.run(args, capture_output=True, text=True, timeout=120, errors="replace")
            assert done.returncode in (0, 2), (query.name, parameter.name, done.stderr)
            assert "Traceback" not in done.stdout + done.stderr
            break  # one parameter per query keeps the CLI part short; the API test covers every one
    with GraphStore(small_store) as store:
        assert _quads(store) == before
