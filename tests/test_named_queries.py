"""Reading the query headers and binding parameters (named_queries.py), on query texts and on a real store."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode

from safeguarding_kg.named_queries import bind_values, get, parse_header
from safeguarding_kg.store import GraphStore

HEADER = "# @title A test query\n# @question What it asks.\n"
A, B = NamedNode("https://example.org/a"), NamedNode("https://example.org/b")


def _query(params: str, body: str = "SELECT * WHERE { ?s ?p ?o }") -> str:
    return HEADER + params + body


def test_examples_keep_their_colons_and_their_spaces() -> None:
    query = parse_header("q", _query(
        "# @param node iri required example=sgid:inspection/E08000029/sif/2016-04-25 : the node\n"
        "# @param phrase string required example=return home interview : the text to look for\n"
        '# @param quoted string example="the required plan" default=x : a quoted value may hold any word\n'))
    node, phrase, quoted = query.parameters
    assert (node.example, node.required, node.description) == ("sgid:inspection/E08000029/sif/2016-04-25", True,
                                                               "the node")
    assert (phrase.example, phrase.required, phrase.description) == ("return home interview", True,
                                                                     "the text to look for")
    assert (quoted.example, quoted.default, quoted.required) == ("the required plan", "x", False)
    assert get("text-search").parameter("phrase").example == "return home interview"


def test_a_value_that_cannot_be_told_from_a_flag_is_refused() -> None:
    with pytest.raises(ValueError, match=r"cannot read 'plan'.*quote"):
        parse_header("q", _query("# @param p string example=the required plan required : a value\n"))


def test_outer_values_go_first_in_the_outer_where_and_keep_line_numbers() -> None:
    text = "SELECT * WHERE {\n  ?s ?p ?a\n}"
    bound = bind_values(text, {"a": A, "n": Literal("x")})
    assert bound.splitlines()[0] == 'SELECT * WHERE { VALUES (?a ?n) { (<https://example.org/a> "x") }'
    assert bound.count("\n") == text.count("\n")


def test_bind_marks_put_the_parameters_in_nested_groups_too() -> None:
    text = ("SELECT ?a WHERE {\n"
            "  # @bind either=a,b\n"
            "  { SELECT ?a WHERE {\n"
            "      # @bind a\n"
            "      ?s ?p ?a } }\n"
            "  FILTER(?s != \"# @bind a\")\n"
            "}")
    bound = bind_values(text, {"a": A, "b": B})
    lines = bound.splitlines()
    assert lines[1] == "  VALUES ?either { <https://example.org/a> <https://example.org/b> } # @bind either=a,b"
    assert lines[3] == "      VALUES (?a) { (<https://example.org/a>) } # @bind a"
    assert lines[5] == '  FILTER(?s != "# @bind a")'  # a mark inside a string is not a mark
    assert len(lines) == len(text.splitlines())


def test_bind_marks_bind_only_parameters_that_have_a_value_and_each_value_once() -> None:
    text = "SELECT * WHERE {\n  # @bind either=a,b\n  # @bind a\n  ?s ?p ?o }"
    same = bind_values(text, {"a": A, "b": A}).splitlines()
    assert same[1] == "  VALUES ?either { <https://example.org/a> } # @bind either=a,b"
    only_b = bind_values(text, {"b": B}).splitlines()
    assert only_b[1] == "  VALUES ?either { <https://example.org/b> } # @bind either=a,b"
    assert only_b[2] == "  # @bind a"  # a has no value: nothing bound there
    assert bind_values(text, {}) == text


def test_bind_marks_must_name_parameters_of_the_query() -> None:
    with pytest.raises(ValueError, match="'# @bind' names b, not a parameter"):
        parse_header("q", _query("# @param a iri : a\n", "SELECT * WHERE {\n  # @bind a b\n  ?s ?p ?a }"))
    with pytest.raises(ValueError, match="would rebind the parameter a"):
        parse_header("q", _query("# @param a iri : a\n# @param b iri : b\n",
                                 "SELECT * WHERE {\n  # @bind a=a,b\n  ?s ?p ?a }"))


def test_a_bound_sub_select_gives_the_rows_the_outer_join_gives(tmp_path) -> None:
    """What ``# @bind`` is for: the same rows as joining the parameter outside only, read sooner."""
    store = GraphStore(tmp_path / "store")
    store.update("""INSERT DATA { <https://example.org/i1> sg:inspectedAuthority <https://example.org/a> .
        <https://example.org/i2> sg:inspectedAuthority <https://example.org/a> .
        <https://example.org/i3> sg:inspectedAuthority <https://example.org/b> . }""")
    body = """SELECT ?authority ?n WHERE {
  { SELECT ?authority (COUNT(?i) AS ?n) WHERE {
      # @bind authority
      ?i sg:inspectedAuthority ?authority } GROUP BY ?authority }
}"""
    query = parse_header("q", _query("# @param authority iri : the authority\n", body))
    marked = query.bound_text({"authority": "https://example.org/a"})
    unmarked = parse_header("q", _query("# @param authority iri : the authority\n",
                                        body.replace("# @bind", "#"))).bound_text({"authority": "https://example.org/a"})
    assert marked != unmarked
    rows = [(r["authority"].value, int(r["n"].value)) for r in store.select(marked)]
    assert rows == [(r["authority"].value, int(r["n"].value)) for r in store.select(unmarked)]
    assert rows == [("https://example.org/a", 2)]
    store.close()
