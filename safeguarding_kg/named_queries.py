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

Oxigraph evaluates a sub-select (and an OPTIONAL or UNION branch of several patterns) on its own,
without the outer ``VALUES``: it would compute over every authority only for the outer join to
keep one. A comment line ``# @bind authority`` in such a group puts the parameter's ``VALUES``
there too (for the parameters named that have a value). Use it only where the group binds the
variable in every solution and the outer query joins on it: joining the parameter inside then
gives exactly the rows that joining it outside gives, just sooner. ``# @bind inspected=authority,other``
binds a variable of its own to each distinct value of several parameters (one row each), for a
query that treats them alike; keep the query's own FILTER on them, so that it reads the same unbound.
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
    #: For the ``concept`` type: the concept scheme the value must belong to (``scheme=sg:Themes``).
    scheme: str | None = None


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


# The description follows a colon and a space; a colon inside a flag value (example=sg:ILACS) belongs to the flag.
PARAM_LINE = re.compile(r"@param\s+(?P<name>\w+)\s+(?P<type>\w+)(?P<flags>(?:[^:]|:(?=\S))*)"
                        r"(?::\s*(?P<description>.*))?")


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
    declared = {p.name for p in parameters}
    for marks in _bind_marks(text).values():
        for variable, names in marks:
            if unknown := [n for n in names if n not in declared]:
                raise ValueError(f"queries/{name}.rq: '# @bind' names {', '.join(unknown)}, "
                                 "not a parameter of the query")
            if [variable] != names and variable in declared:
                raise ValueError(f"queries/{name}.rq: '# @bind {variable}=…' would rebind the parameter {variable}")
    return NamedQuery(name, title, question, text, tuple(parameters), tuple(examples))


def _parameter(query: str, line: str) -> Parameter:
    m = PARAM_LINE.match(line)
    if not m or m["type"] not in CONVERTERS:
        raise ValueError(f"queries/{query}.rq: cannot read parameter line {line!r}")
    try:
        required, options = _flags(m["flags"])
    except ValueError as e:
        raise ValueError(f"queries/{query}.rq: {e} in parameter line {line!r}") from None
    if "scheme" in options and m["type"] != "concept":
        raise ValueError(f"queries/{query}.rq: only a concept parameter takes scheme= ({line!r})")
    return Parameter(m["name"], m["type"], required, options.get("default"), options.get("example"),
                     (m["description"] or "").strip(), options.get("scheme"))


# A flag: `required`, or name=value where the value is "quoted" or runs over the words up to the next flag
# (so `example=return home interview` keeps its three words, and `example=sg:ILACS` its colon).
_FLAG = re.compile(r'(\w+)=(?:"([^"]*)"|(\S+(?:\s+(?!\w+=|required(?:\s|$))\S+)*))|(required)(?=\s|$)|(\S+)')


def _flags(text: str) -> tuple[bool, dict[str, str]]:
    required, options = False, {}
    for m in _FLAG.finditer(text):
        name, quoted, bare, is_required, stray = m.groups()
        if is_required:
            required = True
        elif name:
            options[name] = quoted if quoted is not None else bare
        elif stray:
            raise ValueError(f"cannot read {stray!r} (flags are `required` and name=value; quote a value that "
                             'has the word required in it: example="…")')
    return required, options


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


def _concept(raw: str, scheme: str | None = None) -> NamedNode:
    """A concept of the bundled vocabulary (a theme, service type, judgement area, framework, polarity …):
    its prefixed name (``sg:PrivateFostering``), full IRI, or any of its labels, case ignored
    ("private fostering", "MASH", "ILACS"). ``scheme`` (a prefixed name or IRI) restricts it to one scheme."""
    vocabulary = concept_vocabulary()
    in_scheme = _iri(scheme).value if scheme else None
    allowed = {c for c, schemes in vocabulary.schemes.items() if in_scheme is None or in_scheme in schemes}
    where = f" in {_short(in_scheme)}" if in_scheme else ""
    text = raw.strip()
    try:
        named = _iri(text).value if ":" in text and " " not in text else None
    except ValueError:
        named = None
    if named in allowed:
        return NamedNode(named)
    # Not a concept's IRI: read it (or the local name of an unknown sg: name, as in "sg:MASH") as a label.
    label = text.removeprefix("sg:") if named and named not in vocabulary.schemes else text
    found = sorted(vocabulary.by_label.get(_label_key(label), set()) & allowed)
    if len(found) == 1:
        return NamedNode(found[0])
    if found:
        raise ValueError(f"{raw!r} is ambiguous{where}: it names {_listing(found, vocabulary)}")
    if named in vocabulary.schemes:
        raise ValueError(f"{_short(named)} is not a concept{where}")
    near = _near(label, allowed, vocabulary)
    hint = f"; did you mean {_listing(near, vocabulary)}?" if near else " (see ontology/*.ttl for the vocabulary)"
    raise ValueError(f"no concept{where} is named {raw!r}{hint}")


@dataclass(frozen=True)
class ConceptVocabulary:
    """The concepts of the bundled Turtle files: their schemes, preferred labels and every label by lookup key."""

    schemes: dict[str, frozenset[str]]
    labels: dict[str, str]
    by_label: dict[str, frozenset[str]]


@functools.cache
def concept_vocabulary() -> ConceptVocabulary:
    """Read once from ontology/*.ttl (the same files every store holds in its vocabulary graph)."""
    from pyoxigraph import RdfFormat, parse

    from safeguarding_kg.namespaces import RDF, RDFS, SKOS
    from safeguarding_kg.ontology import ONTOLOGY_FILES

    concepts: set[str] = set()
    schemes: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    names: dict[str, set[str]] = {}
    for path in ONTOLOGY_FILES:
        for t in parse(path.read_bytes(), format=RdfFormat.TURTLE):
            subject = t.subject.value
            if t.predicate == RDF.type and t.object == SKOS.Concept:
                concepts.add(subject)
            elif t.predicate in (SKOS.inScheme, SKOS.topConceptOf):
                schemes.setdefault(subject, set()).add(t.object.value)
            elif t.predicate in (SKOS.prefLabel, SKOS.altLabel, RDFS.label, SKOS.notation):
                names.setdefault(subject, set()).add(t.object.value)
                if t.predicate == SKOS.prefLabel:
                    labels[subject] = t.object.value
    by_label: dict[str, set[str]] = {}
    for concept in concepts:
        for name in names.get(concept, ()):
            by_label.setdefault(_label_key(name), set()).add(concept)
    return ConceptVocabulary({c: frozenset(schemes.get(c, ())) for c in concepts},
                             {c: labels[c] for c in concepts if c in labels},
                             {k: frozenset(v) for k, v in by_label.items()})


def _label_key(label: str) -> str:
    """Labels compare case-folded, with curly apostrophes, hyphens and runs of spaces evened out."""
    text = label.casefold().replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(re.sub(r"[-\u2010-\u2015_]", " ", text).split())


def _near(label: str, allowed: set[str], vocabulary: ConceptVocabulary) -> list[str]:
    """Concepts whose label contains the words given, else whose label is spelt closest to them."""
    import difflib

    key = _label_key(label)
    keys = {k: concepts & allowed for k, concepts in vocabulary.by_label.items() if concepts & allowed}
    keys.update({_label_key(c.rsplit("#", 1)[-1]): {c} for c in allowed})
    containing = sorted({c for k, cs in keys.items() if key and key in k for c in cs})
    if containing:
        return containing[:8]
    close = difflib.get_close_matches(key, list(keys), n=5, cutoff=0.75)
    return sorted({c for k in close for c in keys[k]})


def _listing(concepts: list[str], vocabulary: ConceptVocabulary) -> str:
    return ", ".join(f"{_short(c)} ({vocabulary.labels.get(c, '')})" for c in concepts)


def _short(iri: str) -> str:
    from safeguarding_kg.namespaces import PREFIXES

    for prefix, base in PREFIXES.items():
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base):]}"
    return f"<{iri}>"


CONVERTERS = {"string": _string, "integer": _integer, "date": _date, "boolean": _boolean, "iri": _iri,
              "authority": _authority, "concept": _concept}


def to_term(parameter: Parameter, raw: str) -> Literal | NamedNode:
    try:
        if parameter.scheme:
            return _concept(raw, parameter.scheme)
        return CONVERTERS[parameter.type](raw)
    except ValueError as e:
        raise QueryParameterError(f"--param {parameter.name}={raw!r}: {e} (type {parameter.type})") from None


# -- binding ----------------------------------------------------------------------------

# Strings, IRIs and comments, which may contain the word WHERE or braces that are not syntax.
_SKIP = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                   r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^\s<>"{}|^`\\]*>|#[^\n]*')
_WHERE_BRACE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


_BIND_MARK = re.compile(r"#[ \t]*@bind((?:[ \t]+\w+(?:=\w+(?:,\w+)*)?)+)[ \t]*$")


def bind_values(query: str, terms: dict[str, Literal | NamedNode]) -> str:
    """Put ``VALUES (?a ?b) { (t1 t2) }`` first inside the outermost WHERE group, and a ``VALUES``
    before each ``# @bind …`` comment for what it names (see the module docstring)."""
    if not terms:
        return query
    # Marked groups first, from the end, so the positions found stay valid; all of them come after the
    # outer WHERE brace, whose position is then found in the text as it is.
    for position, marks in sorted(_bind_marks(query).items(), reverse=True):
        blocks = []
        for variable, names in marks:
            values = list(dict.fromkeys(terms[n] for n in names if n in terms))  # distinct, in order
            if values and [variable] == names:
                blocks.append(_values_block({variable: values[0]}))
            elif values:
                blocks.append(f"VALUES ?{variable} {{ {' '.join(str(v) for v in values)} }}")
        if blocks:
            query = f"{query[:position]}{' '.join(blocks)} {query[position:]}"
    position = _outer_where_brace(query)
    # On the same line as the brace, so the line numbers of syntax errors stay those of the file.
    return f"{query[:position]} {_values_block(terms)}{query[position:]}"


def _values_block(terms: dict[str, Literal | NamedNode]) -> str:
    names = " ".join(f"?{name}" for name in terms)
    values = " ".join(str(term) for term in terms.values())  # N-Triples serialisation: escaped by pyoxigraph
    return f"VALUES ({names}) {{ ({values}) }}"


def _bind_marks(query: str) -> dict[int, list[tuple[str, list[str]]]]:
    """Where each ``# @bind …`` comment starts (comments only: not inside a string or IRI), and what it binds:
    (variable, parameters) pairs, ``authority`` giving ("authority", ["authority"])."""
    marks = {}
    for m in _SKIP.finditer(query):
        if m.group().startswith("#") and (mark := _BIND_MARK.match(m.group())):
            marks[m.start()] = [(v, (ns or v).split(",")) for v, _, ns in (t.partition("=") for t in mark[1].split())]
    return marks


def _outer_where_brace(query: str) -> int:
    masked = _SKIP.sub(lambda m: " " * len(m.group()), query)
    m = _WHERE_BRACE.search(masked)
    if not m:
        raise ValueError("a query with parameters must write its WHERE keyword")
    return m.end()
