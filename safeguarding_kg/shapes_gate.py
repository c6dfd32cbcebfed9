"""The shapes gate: a document's graph is checked against the project's SHACL shapes before it is written.

``sgkg validate`` runs pySHACL over the whole store; that takes about half a second for one
document with the vocabulary and the register beside it, as long as reading a PDF, so it cannot
sit in front of every write of a bulk load. This module compiles ``ontology/shapes.ttl`` once
into plain Python checks over an index of the document's quads and the reference graphs, and
checks only the nodes the document describes: milliseconds per document.

It implements the SHACL Core constraints the shapes use — class, datatype (with well-formed
lexical forms), node, nodeKind, min/maxCount, minLength, pattern, min/maxInclusive, hasValue,
lessThanOrEquals, uniqueLang, or, and inverse paths — with SHACL's meaning, and refuses to
compile a shape that uses anything else, so the gate can never silently check less than the
shapes say. ``tests/test_shapes_gate.py`` holds it to pySHACL's verdict on real and damaged
documents.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache, cached_property

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, parse

from safeguarding_kg.namespaces import RDF, RDFS, XSD

SH = "http://www.w3.org/ns/shacl#"
_RDFS_SUBCLASS = RDFS.subClassOf
_RDF_FIRST, _RDF_REST, _RDF_NIL = RDF.first, RDF.rest, RDF.nil
#: Constraint parameters the compiler understands; a shape using any other sh: term is refused.
_KNOWN = {"path", "minCount", "maxCount", "datatype", "class", "node", "minLength", "minInclusive",
          "maxInclusive", "hasValue", "nodeKind", "pattern", "or", "lessThanOrEquals", "uniqueLang",
          "property", "targetClass", "message", "name", "description", "declare", "prefix", "namespace"}


@dataclass(frozen=True)
class GateViolation:
    focus: str
    path: str
    message: str

    def render(self) -> str:
        """``inspection/E08000029/…/recommendation/0 sg:number: A recommendation needs …``"""
        from safeguarding_kg.namespaces import PREFIXES, SGID_BASE

        path = next((f"{p}:{self.path[len(base):]}" for p, base in PREFIXES.items() if self.path.startswith(base)),
                    self.path)
        return f"{self.focus.removeprefix(SGID_BASE)} {path}: {self.message}"


@dataclass
class _Shape:
    """A node shape or a property shape (``path`` set); constraints as (name, value) pairs."""

    iri: str
    path: tuple[NamedNode, bool] | None = None  # (predicate, inverse)
    constraints: list[tuple[str, object]] = field(default_factory=list)
    properties: list[_Shape] = field(default_factory=list)
    targets: list[NamedNode] = field(default_factory=list)
    message: str = ""

    @cached_property  # asked for every property at every node: the constraints never change once compiled
    def min_count(self) -> int:
        return max((value for name, value in self.constraints if name == "minCount"), default=0)


class _Graph:
    """The triples of a document and the reference graphs, indexed both ways."""

    def __init__(self, triples: Iterable[tuple]) -> None:
        self.out: dict[object, dict[NamedNode, list]] = defaultdict(lambda: defaultdict(list))
        self.inv: dict[object, dict[NamedNode, list]] = defaultdict(lambda: defaultdict(list))
        for s, p, o in triples:
            self.add(s, p, o)

    def add(self, s, p, o) -> None:
        values = self.out[s][p]
        if o not in values:
            values.append(o)
            self.inv[o][p].append(s)

    @classmethod
    def of_document(cls, triples: Iterable[tuple], inverse: set[NamedNode]) -> _Graph:
        """A document's triples, which extraction already keeps free of repeats (so no membership
        test), indexed backwards only for the predicates the shapes follow backwards."""
        graph = cls(())
        out, inv = graph.out, graph.inv
        for s, p, o in triples:
            out[s][p].append(o)
            if p in inverse:
                inv[o][p].append(s)
        return graph

    def values(self, node, path: tuple[NamedNode, bool]) -> list:
        predicate, inverse = path
        table = self.inv if inverse else self.out
        found = table.get(node)
        return found.get(predicate, []) if found else []


class _Layered:
    """A document's index over the reference graphs' index, read as one graph (the reference is never copied)."""

    def __init__(self, base: _Graph, top: _Graph) -> None:
        self.base, self.top = base, top

    def values(self, node, path: tuple[NamedNode, bool]) -> list:
        predicate, inverse = path
        if inverse:
            below, above = self.base.inv.get(node), self.top.inv.get(node)
        else:  # the hot path, written out: most nodes are the document's alone
            below, above = self.base.out.get(node), self.top.out.get(node)
        below = below.get(predicate, ()) if below else ()
        above = above.get(predicate, ()) if above else ()
        if not below or not above:
            return below or above  # read only, never changed by the checks
        return list(dict.fromkeys([*below, *above]))


class ShapesGate:
    """The compiled shapes with the reference graphs' triples; :meth:`check` checks one document."""

    def __init__(self, shapes_ttl: bytes, reference: Iterable[Quad]) -> None:
        shapes = _Graph((t.subject, t.predicate, t.object) for t in parse(shapes_ttl, format=RdfFormat.TURTLE))
        self._shapes: dict[object, _Shape] = {}
        self._inverse: set[NamedNode] = set()  # predicates some shape follows backwards (sh:inversePath)
        node_shapes = [s for s, props in shapes.out.items()
                       if NamedNode(SH + "targetClass") in props]
        self._by_class: dict[NamedNode, list[_Shape]] = defaultdict(list)
        for shape in (self._compile(shapes, s) for s in node_shapes):
            for target in shape.targets:
                self._by_class[target].append(shape)
        self._reference = _Graph((q.subject, q.predicate, q.object) for q in reference)

    def single_valued(self) -> dict[NamedNode, set]:
        """Predicate -> the classes (subclasses included) whose instances may have one value of it
        (``sh:maxCount 1`` on a plain path): what two documents describing one node can contradict."""
        found: dict[NamedNode, set] = defaultdict(set)
        for target, shapes in self._by_class.items():
            classes = self._subclasses(target)
            for shape in shapes:
                for prop in shape.properties:
                    if prop.path and not prop.path[1] and ("maxCount", 1) in prop.constraints:
                        found[prop.path[0]] |= classes
        return dict(found)

    def _subclasses(self, cls) -> set:
        found, todo = set(), [cls]
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo.extend(self._reference.values(current, (_RDFS_SUBCLASS, True)))
        return found

    # -- compiling ---------------------------------------------------------------------

    def _compile(self, g: _Graph, node) -> _Shape:
        if node in self._shapes:
            return self._shapes[node]
        shape = _Shape(str(node))
        self._shapes[node] = shape
        for predicate, values in g.out[node].items():
            name = predicate.value.removeprefix(SH)
            if predicate == RDF.type or not predicate.value.startswith(SH):
                continue
            if name not in _KNOWN:
                raise ValueError(f"the shapes gate cannot check sh:{name} (in {node}); add it to shapes_gate.py")
            for value in values:
                self._compile_parameter(g, shape, name, value)
        return shape

    def _compile_parameter(self, g: _Graph, shape: _Shape, name: str, value) -> None:
        if name == "path":
            shape.path = _path(g, value)
            if shape.path[1]:
                self._inverse.add(shape.path[0])
        elif name == "property":
            shape.properties.append(self._compile(g, value))
        elif name == "targetClass":
            shape.targets.append(value)
        elif name == "message":
            shape.message = value.value
        elif name == "node":
            shape.constraints.append(("node", self._compile(g, value)))
        elif name == "or":
            shape.constraints.append(("or", [self._compile(g, member) for member in _list(g, value)]))
        elif name in ("minCount", "maxCount", "minLength"):
            shape.constraints.append((name, int(value.value)))
        elif name == "pattern":
            shape.constraints.append((name, re.compile(value.value)))
        elif name not in ("name", "description", "declare", "prefix", "namespace"):
            shape.constraints.append((name, value))

    # -- checking ----------------------------------------------------------------------

    def check(self, statements: Iterable[Quad] | Iterable[tuple]) -> list[GateViolation]:
        """Violations of the shapes by the nodes a document describes (with the reference graphs).

        ``statements`` are the document's quads, or its (subject, predicate, object) tuples, which
        an extraction keeps too and which are cheaper to index.
        """
        document = _Graph.of_document((s if isinstance(s, tuple) else (s.subject, s.predicate, s.object)
                                       for s in statements), self._inverse)
        run = _Run(_Layered(self._reference, document))
        violations: list[GateViolation] = []
        for focus in list(document.out):
            shapes = {id(s): s for c in run.classes(focus) for s in self._by_class.get(c, ())}
            for shape in shapes.values():
                violations.extend(run.node(shape, focus))
        return violations


def _path(g: _Graph, value) -> tuple[NamedNode, bool]:
    if isinstance(value, NamedNode):
        return value, False
    inverse = g.out[value].get(NamedNode(SH + "inversePath"))
    if inverse and isinstance(inverse[0], NamedNode):
        return inverse[0], True
    raise ValueError("the shapes gate understands predicate paths and sh:inversePath only")


def _list(g: _Graph, node) -> list:
    items = []
    while node != _RDF_NIL:
        items.append(g.out[node][_RDF_FIRST][0])
        node = g.out[node][_RDF_REST][0]
    return items


class _Run:
    """One document's check: the data graph and the class closure it implies."""

    def __init__(self, graph: _Layered) -> None:
        self.graph = graph
        self._classes: dict[object, set] = {}
        self._superclasses: dict[object, set] = {}
        self._conforms: dict[tuple[int, object], bool] = {}

    def classes(self, node) -> set:
        """The node's types and their superclasses (SHACL's class-instance relation); once per node."""
        found = self._classes.get(node)
        if found is None:
            found = set()
            for cls in self.graph.values(node, (RDF.type, False)):
                found |= self._closure(cls)
            self._classes[node] = found
        return found

    def _closure(self, cls) -> set:
        """A class and its superclasses; once per class (hundreds of nodes share a handful of classes)."""
        found = self._superclasses.get(cls)
        if found is None:
            found, todo = set(), [cls]
            while todo:
                current = todo.pop()
                if current not in found:
                    found.add(current)
                    todo.extend(self.graph.values(current, (_RDFS_SUBCLASS, False)))
            self._superclasses[cls] = found
        return found

    def conforms(self, shape: _Shape, focus) -> bool:
        """Whether ``focus`` conforms to a shape; once per (shape, node): concepts are met again and again."""
        key = (id(shape), focus)
        if key not in self._conforms:
            self._conforms[key] = not self.node(shape, focus)
        return self._conforms[key]

    def node(self, shape: _Shape, focus) -> list[GateViolation]:
        """Violations of a node shape (its own constraints, then its property shapes) at ``focus``."""
        if shape.path is not None:
            return self._property(shape, focus)
        found = [GateViolation(_term(focus), "", shape.message or f"does not conform to {shape.iri} ({name})")
                 for name, parameter in shape.constraints
                 if not self._value_ok(name, parameter, focus, focus, [focus])]
        for prop in shape.properties:
            found.extend(self._property(prop, focus))
        return found

    def _property(self, shape: _Shape, focus) -> list[GateViolation]:
        values = self.graph.values(focus, shape.path)
        if not values and shape.min_count == 0:  # most optional properties are absent: nothing can fail
            return []
        found = []
        for name, parameter in shape.constraints:
            if name in ("minCount", "maxCount", "uniqueLang"):
                ok = self._count_ok(name, parameter, values)
                bad = [] if ok else [None]
            else:
                bad = [v for v in values if not self._value_ok(name, parameter, v, focus, values)]
            if bad:
                found.extend(GateViolation(_term(focus), _term(shape.path[0]),
                                           shape.message or _default_message(name, parameter, v)) for v in bad)
        for prop in shape.properties:
            for value in values:
                found.extend(self._property(prop, value))
        return found

    @staticmethod
    def _count_ok(name: str, parameter, values: list) -> bool:
        if name == "minCount":
            return len(values) >= parameter
        if name == "maxCount":
            return len(values) <= parameter
        languages = [v.language for v in values if isinstance(v, Literal) and v.language]
        return parameter.value != "true" or len(languages) == len(set(languages))

    def _value_ok(self, name: str, parameter, value, focus, values: list) -> bool:
        if name == "class":
            return parameter in self.classes(value)
        if name == "datatype":
            return _has_datatype(value, parameter)
        if name == "node":
            return self.conforms(parameter, value)
        if name == "or":
            return any(self.conforms(member, value) for member in parameter)
        if name == "nodeKind":
            kind = parameter.value.removeprefix(SH)
            return isinstance(value, Literal) if kind == "Literal" else isinstance(value, NamedNode)
        if name == "minLength":
            return not isinstance(value, BlankNode) and len(value.value) >= parameter
        if name == "pattern":
            return not isinstance(value, BlankNode) and parameter.search(value.value) is not None
        if name in ("minInclusive", "maxInclusive"):
            order = _compare(value, parameter)
            return order is not None and (order >= 0 if name == "minInclusive" else order <= 0)
        if name == "hasValue":
            return parameter in values
        if name == "lessThanOrEquals":
            orders = [_compare(value, other) for other in self.graph.values(focus, (parameter, False))]
            return all(order is not None and order <= 0 for order in orders)
        raise ValueError(f"the shapes gate cannot check sh:{name}")


def _default_message(name: str, parameter, value) -> str:
    shown = _term(parameter) if not isinstance(parameter, (_Shape, list, re.Pattern)) else (
        parameter.pattern if isinstance(parameter, re.Pattern) else "a shape")
    return f"sh:{name} {shown} not met" + (f" by {_term(value)}" if value is not None else "")


def _term(term) -> str:
    if isinstance(term, Literal):
        return repr(term.value[:60])
    return getattr(term, "value", str(term))


# -- literal values (SHACL compares by value, and a datatype needs a well-formed lexical form) --

_LEXICAL = {
    XSD.integer.value: re.compile(r"[+-]?[0-9]+"),
    XSD.decimal.value: re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"),
    XSD.boolean.value: re.compile(r"true|false|1|0"),
    XSD.date.value: re.compile(r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?"),
}


def _has_datatype(value, datatype: NamedNode) -> bool:
    if not isinstance(value, Literal) or value.datatype != datatype:
        return False
    lexical = _LEXICAL.get(datatype.value)
    if lexical is None:
        return True
    if lexical.fullmatch(value.value) is None:
        return False
    return datatype != XSD.date or _date(value.value) is not None


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _number(term) -> Decimal | None:
    if not isinstance(term, Literal) or term.datatype.value not in (XSD.integer.value, XSD.decimal.value):
        return None
    if _LEXICAL[term.datatype.value].fullmatch(term.value) is None:
        return None
    try:
        return Decimal(term.value)
    except InvalidOperation:
        return None


def _compare(left, right) -> int | None:
    """-1, 0 or 1 when the two literals are comparable values (numbers, or dates), else None."""
    a, b = _number(left), _number(right)
    if a is None or b is None:
        if not (isinstance(left, Literal) and isinstance(right, Literal)
                and left.datatype == right.datatype == XSD.date and _has_datatype(left, XSD.date)
                and _has_datatype(right, XSD.date)):
            return None
        a, b = _date(left.value), _date(right.value)  # type: ignore[assignment]
    return (a > b) - (a < b)


@cache
def gate() -> ShapesGate:
    """The shapes compiled once per process, with the bundled vocabulary and register."""
    from safeguarding_kg.ontology import SHAPES_FILE
    from safeguarding_kg.reference import reference_graphs

    reference = [q for _, quads_of in reference_graphs().values() for q in quads_of()]
    return ShapesGate(SHAPES_FILE.read_bytes(), reference)


def check_document(statements: Iterable[Quad] | Iterable[tuple]) -> list[GateViolation]:
    return gate().check(statements)
