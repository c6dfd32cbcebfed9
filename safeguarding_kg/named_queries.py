"""The library of named SPARQL queries in ``queries/``, and binding their parameters safely.

Each ``.rq`` file starts with a comment header an analyst can read::

    # @title Judgement timeline of an authority
    # @question Every inspection of an authority, oldest first, with each graded area and grade.
    # @param authority authority required example=Solihull : the authority (any name documents use, or GSS code)
    # @param from date default=2009-01-01 : earliest inspection start date
    # @example sgkg query judgement-timeline --param authority=Solihull

Parameters are bound as typed RDF terms in a ``VALUES`` block placed first in the query's
outermost ``WHERE`` group, built from terms serialised by pyoxigraph: a value is always a
value, never query text. (Oxigraph's own ``substitutions`` only bind projected variables
and are not seen by FILTERs, so they cannot serve optional filters.)
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from importlib import resources

from pyoxigraph import Literal, NamedNode

from safeguarding_kg.namespaces import XSD


class QueryParameterError(ValueError):
    """A parameter that is unknown, missing or of the wrong type; the message says which and why."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    required: bool = False
    default: str | None = None
    example: str | None = None
    description: str = ""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    question: str
    text: str
    parameters: tuple[Parameter, ...] = ()
    examples: tuple[str, ...] = field(default=())

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise QueryParameterError(f"query {self.name!r} has no parameter {name!r} (its parameters: {known})")

    def bound_text(self, values: dict[str, str]) -> str:
        """The query with its parameters bound (given values, else defaults; unbound when neither)."""
        for name in values:
            self.parameter(name)
        terms: dict[str, Literal | NamedNode] = {}
        for p in self.parameters:
            raw = values.get(p.name, p.default)
            if raw is None:
                if p.required:
                    raise QueryParameterError(f"query {self.name!r} needs --param {p.name}=… ({p.description})")
                continue
            terms[p.name] = to_term(p, raw)
        return bind_values(self.text, terms)


PARAM_LINE = re.compile(r"@param\s+(?P<name>\w+)\s+(?P<type>\w+)(?P<flags>[^:]*)(?::\s*(?P<description>.*))?")


def parse_header(name: str, text: str) -> NamedQuery:
    title = question = ""
    parameters, examples = [], []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if body.startswith("@title"):
            title = body.removeprefix("@title").strip()
        elif body.startswith("@question"):
            question = body.removeprefix("@question").strip()
        elif body.startswith("@example"):
            examples.append(body.removeprefix("@example").strip())
        elif body.startswith("@param"):
            parameters.append(_parameter(name, body))
        elif question and body and not body.startswith("@"):
            question += " " + body  # a question may run over several comment lines
    if not title:
        raise ValueError(f"queries/{name}.rq has no '# @title' line")
    return NamedQuery(name, title, question, text, tuple(parameters), tuple(examples))


def _parameter(query: str, line: str) -> Parameter:
    m = PARAM_LINE.match(line)
    if not m or m["type"] not in CONVERTERS:
        raise ValueError(f"queries/{query}.rq: cannot read parameter line {line!r}")
    flags = m["flags"].split()
    options = dict(f.split("=", 1) for f in flags if "=" in f)
    return Parameter(m["name"], m["type"], "required" in flags, options.get("default"), options.get("example"),
                     (m["description"] or "").strip())


@functools.cache
def library() -> dict[str, NamedQuery]:
    """Every named query, by name (the file name without ``.rq``)."""
    folder = resources.files("safeguarding_kg.queries")
    queries = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name.removesuffix(".rq")
            queries[name] = parse_header(name, entry.read_text(encoding="utf-8"))
    return queries


def get(name: str) -> NamedQuery:
    try:
        return library()[name]
    except KeyError:
        raise QueryParameterError(f"no query named {name!r} (see `sgkg queries`)") from None


# -- parameter types ------------------------------------------------------------------


def _string(raw: str) -> Literal:
    return Literal(raw)


def _integer(raw: str) -> Literal:
    if not re.fullmatch(r"[+-]?\d+", raw.strip()):
        raise ValueError("expected a whole number")
    return Literal(str(int(raw)), datatype=XSD.integer)


def _date(raw: str) -> Literal:
    return Literal(dt.date.fromisoformat(raw.strip()).isoformat(), datatype=XSD.date)


def _boolean(raw: str) -> Literal:
    value = raw.strip().lower()
    if value not in {"true", "false", "yes", "no", "1", "0"}:
        raise ValueError("expected true or false")
    return Literal("true" if value in {"true", "yes", "1"} else "false", datatype=XSD.boolean)


def _iri(raw: str) -> NamedNode:
    """An absolute IRI, or a prefixed name with one of the project's prefixes (``sg:Good``, ``sgid:…``)."""
    from safeguarding_kg.namespaces import PREFIXES

    text = raw.strip()
    prefix, _, local = text.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        text = PREFIXES[prefix] + local
    if not re.fullmatch(r"[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]+", text):
        raise ValueError("expected an IRI such as sgid:inspection/E08000029/sif/2016-04-25 or https://…")
    return NamedNode(text)


def _authority(raw: str) -> NamedNode:
    from safeguarding_kg.authorities import by_gss, resolve

    found = by_gss(raw.strip()) or resolve(raw)
    if found is None:
        raise ValueError("not an English local authority in the register (give its name or GSS code)")
    return found.iri


CONVERTERS = {"string": _string, "integer": _integer, "date": _date, "boolean": _boolean, "iri": _iri,
              "authority": _authority}


def to_term(parameter: Parameter, raw: str) -> Literal | NamedNode:
    try:
        return CONVERTERS[parameter.type](raw)
    except ValueError as e:
        raise QueryParameterError(f"--param {parameter.name}={raw!r}: {e} (type {parameter.type})") from None


# -- binding ----------------------------------------------------------------------------

# Strings, IRIs and comments, which may contain the word WHERE or braces that are not syntax.
_SKIP = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                   r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^\s<>"{}|^`\\]*>|#[^\n]*')
_WHERE_BRACE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def bind_values(query: str, terms: dict[str, Literal | NamedNode]) -> str:
    """Put ``VALUES (?a ?b) { (t1 t2) }`` first inside the outermost WHERE group."""
    if not terms:
        return query
    position = _outer_where_brace(query)
    names = " ".join(f"?{name}" for name in terms)
    values = " ".join(str(term) for term in terms.values())  # N-Triples serialisation: escaped by pyoxigraph
    # On the same line as the brace, so the line numbers of syntax errors stay those of the file.
    return f"{query[:position]} VALUES ({names}) {{ ({values}) }}{query[position:]}"


def _outer_where_brace(query: str) -> int:
    masked = _SKIP.sub(lambda m: " " * len(m.group()), query)
    m = _WHERE_BRACE.search(masked)
    if not m:
        raise ValueError("a query with parameters must write its WHERE keyword")
    return m.end()
